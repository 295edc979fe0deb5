// Where render reads a repository path from: an abstract file tree with paths
// relative to its root ('/'-separated, "" = the root), so rendering works the
// same over an in-memory map (tests), a directory on disk (fixtures) and a git
// commit (GitTree in git_tree.hpp). Also the path arithmetic render uses to
// join `../base` style references without ever leaving the root.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"

namespace gs::render {

// A path from the tree root; is_dir for directories.
struct TreeEntry {
  std::string path;
  bool is_dir = false;

  friend bool operator==(const TreeEntry&, const TreeEntry&) = default;
};

class SourceTree {
 public:
  virtual ~SourceTree();
  // Content of a file; an error when it is missing or a directory.
  virtual Result<std::string> read_file(std::string_view path) const = 0;
  // Direct children of dir as full paths from the root, sorted by path.
  virtual Result<std::vector<TreeEntry>> list_dir(std::string_view dir) const = 0;
  virtual bool is_dir(std::string_view path) const = 0;
  virtual bool exists(std::string_view path) const = 0;
};

// path -> content; directories are implied by the file paths. For tests.
class MemoryTree final : public SourceTree {
 public:
  MemoryTree() = default;
  explicit MemoryTree(std::map<std::string, std::string> files);
  MemoryTree(std::initializer_list<std::pair<const std::string, std::string>> files);
  void add(std::string path, std::string content);

  Result<std::string> read_file(std::string_view path) const override;
  Result<std::vector<TreeEntry>> list_dir(std::string_view dir) const override;
  bool is_dir(std::string_view path) const override;
  bool exists(std::string_view path) const override;

 private:
  std::map<std::string, std::string, std::less<>> files_;
};

// A directory on disk as the root (symlinks are not followed out of it).
class DiskTree final : public SourceTree {
 public:
  explicit DiskTree(std::filesystem::path root);

  Result<std::string> read_file(std::string_view path) const override;
  Result<std::vector<TreeEntry>> list_dir(std::string_view dir) const override;
  bool is_dir(std::string_view path) const override;
  bool exists(std::string_view path) const override;

 private:
  std::filesystem::path full(std::string_view path) const;
  std::filesystem::path root_;
};

// Lexically joins `rel` onto directory `dir` (both from the root) and
// normalises `.` and `..`; an absolute `rel` or one that climbs above the root
// is an error ("path X escapes the repository root").
Result<std::string> join_path(std::string_view dir, std::string_view rel);

// "a/b/c.yaml" -> "a/b"; "c.yaml" -> "".
std::string parent_dir(std::string_view path);
// "a/b/c.yaml" -> "c.yaml".
std::string base_name(std::string_view path);

}  // namespace gs::render
