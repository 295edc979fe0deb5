// In-memory git repositories for the simulation: libgit2 objects in a
// git_mempack object database, refs (branches, lightweight tags) in our own
// sorted maps, since libgit2 1.5 has no in-memory refdb. Every commit time
// comes from the caller's virtual clock (timezone +0000, author == committer),
// so the same inputs always give the same SHAs. No libgit2 type appears here;
// errors come back as gs::Result / gs::Status.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/result.hpp"

namespace gs::git {

struct Signature {
  std::string name;
  std::string email;

  friend bool operator==(const Signature&, const Signature&) = default;
};

// Parses `Mina Park <mina@example.com>`.
Result<Signature> parse_signature(std::string_view text);
// `Mina Park <mina@example.com>`.
std::string format_signature(const Signature& sig);

// One changed path; content nullopt = the file is deleted.
struct FileChange {
  std::string path;
  std::optional<std::string> content;

  friend bool operator==(const FileChange&, const FileChange&) = default;
};

struct CommitInfo {
  std::string sha;
  std::vector<std::string> parents;
  Signature author;     // also the committer
  std::int64_t time_s;  // seconds since the Unix epoch, +0000
  std::string message;  // as stored: normalised, ends with "\n"
};

// A path from the repository root; is_dir for trees.
struct TreeEntry {
  std::string path;
  bool is_dir = false;

  friend bool operator==(const TreeEntry&, const TreeEntry&) = default;
};

// A path inside a commit: relative, '/'-separated, no empty, `.`, `..` or
// `.git` component, no backslash or NUL. Returns an error naming the path.
Status validate_path(std::string_view path);

// Movable, not copyable; a moved-from Repository may only be assigned to or
// destroyed.
class Repository {
 public:
  // An empty in-memory repository (no branches yet).
  static Result<Repository> create(std::string name);

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;
  ~Repository();

  // Applies sets (content) and deletes (nullopt) to the head tree of `branch`
  // and commits. A missing branch starts at `from` (any revision) or, without
  // `from`, as a root commit; `from` is ignored when the branch exists.
  // Refused: empty message, invalid paths, deleting a missing file, a file
  // where a directory is (or the reverse), and "nothing to commit".
  Result<std::string> commit(std::string_view branch,
                             const std::map<std::string, std::optional<std::string>>& files,
                             const Signature& author, std::string_view message, std::int64_t time_s,
                             std::optional<std::string_view> from = std::nullopt);

  // Errors if the branch exists or the name is not a valid git branch name.
  Status create_branch(std::string_view name, std::string_view from_rev);
  // Lightweight tag; errors if it exists or the name is invalid.
  Status create_tag(std::string_view name, std::string_view rev);

  // Merges `from_branch` (any revision) into the branch `into_branch`:
  // "already up to date" returns the current head, a fast-forward moves the
  // branch, otherwise a merge commit with parents (into, from). A conflict is
  // an error listing the conflicting paths and changes nothing.
  Result<std::string> merge(std::string_view from_branch, std::string_view into_branch, const Signature& author,
                            std::string_view message, std::int64_t time_s);

  // Commits the inverse of `rev` on `branch` with git's message
  // `Revert "<subject>"\n\nThis reverts commit <sha>.\n`. A conflict, a merge
  // commit, or a revert that changes nothing is an error; nothing changes then.
  Result<std::string> revert(std::string_view branch, std::string_view rev, const Signature& author,
                             std::int64_t time_s);

  // Force-moves an existing branch to `rev` (a force push).
  Status reset(std::string_view branch, std::string_view rev);

  // Full commit SHA of: a branch, a tag, HEAD (the default branch), a full
  // SHA, a unique SHA prefix of at least 4 hex digits, each optionally followed
  // by `~N`, `~`, `^` or `^N` steps, as git spells them.
  Result<std::string> resolve(std::string_view rev) const;

  // Commits reachable from rev, newest first (topological, then time order).
  Result<std::vector<CommitInfo>> log(std::string_view rev, std::size_t max = SIZE_MAX) const;

  // Paths that differ between two revisions, sorted; content is the content
  // at to_rev (nullopt = deleted). from_rev "" means the empty tree.
  Result<std::vector<FileChange>> diff(std::string_view from_rev, std::string_view to_rev) const;

  // Content of a file; error "path X not found at REV".
  Result<std::string> read_file(std::string_view rev, std::string_view path) const;

  // Entries under `dir` ("" = root) as full paths from the root, sorted;
  // recursive lists directories and files at every depth. Errors if dir is
  // missing or a file.
  Result<std::vector<TreeEntry>> list_tree(std::string_view rev, std::string_view dir, bool recursive) const;

  // True for a directory ("" is the root), false for a file or nothing.
  Result<bool> is_dir(std::string_view rev, std::string_view path) const;

  std::vector<std::string> branches() const;                     // sorted
  std::vector<std::pair<std::string, std::string>> tags() const;  // (name, sha), sorted
  Result<CommitInfo> commit_info(std::string_view rev) const;
  // The default branch: "main" if it exists, else the first branch, else "main".
  std::string default_branch() const;
  const std::string& name() const;

 private:
  struct Impl;
  explicit Repository(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;

  friend Status export_bare(const Repository& repo, const std::filesystem::path& dir);
};

}  // namespace gs::git
