#include "sim/core/data_dir.hpp"

#include <cstdlib>
#include <string>

namespace gs {

Result<std::filesystem::path> user_data_dir(std::string_view what) {
  namespace fs = std::filesystem;
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg != nullptr && *xdg != '\0' && fs::path(xdg).is_absolute()) return fs::path(xdg) / "gitops-sim";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    return Error("cannot find where to keep " + std::string(what) + ": neither XDG_DATA_HOME nor HOME is set");
  }
  return fs::path(home) / ".local" / "share" / "gitops-sim";
}

}  // namespace gs
