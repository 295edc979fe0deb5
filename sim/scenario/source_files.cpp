#include "sim/scenario/source_files.hpp"

#include "sim/scenario/loader.hpp"

namespace gs::scenario {

namespace {

class DiskFiles final : public SourceFiles {
 public:
  Result<std::string> read(const std::filesystem::path& path, std::string_view what) override {
    return detail::read_file_text(path, what);
  }
  bool is_file(const std::filesystem::path& path) override {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
  }
};

}  // namespace

SourceFiles& disk_files() {
  static DiskFiles disk;
  return disk;
}

Result<std::string> KeepingFiles::read(const std::filesystem::path& path, std::string_view what) {
  auto text = detail::read_file_text(path, what);
  if (text) kept_[path.string()] = *text;
  return text;
}

bool KeepingFiles::is_file(const std::filesystem::path& path) { return disk_files().is_file(path); }

Result<std::string> StoredFiles::read(const std::filesystem::path& path, std::string_view what) {
  auto it = files_.find(path.string());
  if (it == files_.end()) {
    return Error("cannot read " + std::string(what) + ": the recording holds no copy of it",
                 SourcePos{path.string(), 1, 1});
  }
  return it->second;
}

bool StoredFiles::is_file(const std::filesystem::path& path) { return files_.count(path.string()) != 0; }

}  // namespace gs::scenario
