// Where the files a scenario or lesson is read from come from: the disk, or
// a recording's copies of them. A recording keeps every file its source
// read (the lesson, the scenario it names, the README its concepts come
// from) and replays from those copies, on any machine, under the same
// names, so positions in events and errors come out the same.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "sim/core/result.hpp"

namespace gs::scenario {

class SourceFiles {
 public:
  virtual ~SourceFiles() = default;
  // A file's bytes, or an error positioned FILE:1:1 (unreadable, a
  // directory, larger than kMaxScenarioBytes). `what` names its kind.
  virtual Result<std::string> read(const std::filesystem::path& path, std::string_view what) = 0;
  virtual bool is_file(const std::filesystem::path& path) = 0;
};

// The file system.
SourceFiles& disk_files();

// The file system, keeping a copy of every file read, by the name it was
// read under: what a recording stores.
class KeepingFiles final : public SourceFiles {
 public:
  Result<std::string> read(const std::filesystem::path& path, std::string_view what) override;
  bool is_file(const std::filesystem::path& path) override;
  const std::map<std::string, std::string>& kept() const { return kept_; }

 private:
  std::map<std::string, std::string> kept_;
};

// Only the files given (a recording's): any other name is not there.
class StoredFiles final : public SourceFiles {
 public:
  explicit StoredFiles(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  Result<std::string> read(const std::filesystem::path& path, std::string_view what) override;
  bool is_file(const std::filesystem::path& path) override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace gs::scenario
