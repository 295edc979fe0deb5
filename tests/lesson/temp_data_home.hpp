// For the progress and terminal tests: a fresh directory per test, set as
// XDG_DATA_HOME while the test runs (restored after), so no test reads or
// writes the user's own progress.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

namespace gs::testing {

class TempDataHome {
 public:
  explicit TempDataHome(const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() / ("gs-progress-" + name);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    std::filesystem::create_directories(dir_);
    if (const char* old = std::getenv("XDG_DATA_HOME")) old_ = old;
    setenv("XDG_DATA_HOME", dir_.c_str(), 1);
  }
  ~TempDataHome() {
    if (old_) {
      setenv("XDG_DATA_HOME", old_->c_str(), 1);
    } else {
      unsetenv("XDG_DATA_HOME");
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempDataHome(const TempDataHome&) = delete;
  TempDataHome& operator=(const TempDataHome&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path progress_file() const { return dir_ / "gitops-sim" / "progress.sqlite"; }

 private:
  std::filesystem::path dir_;
  std::optional<std::string> old_;
};

}  // namespace gs::testing
