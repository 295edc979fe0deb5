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

// What an annotated tag (a tag object, `git tag -a`) holds beside its target.
struct TagAnnotation {
  Signature tagger;
  std::int64_t time_s = 0;  // +0000
  std::string message;      // normalised as git does: ends with "\n"
};

struct TagInfo {
  std::string name;
  std::string commit;                     // the commit it points at (peeled)
  std::string object;                     // the tag object's SHA; "" for a lightweight tag
  std::optional<TagAnnotation> annotation;
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
  // `git tag [-a -m MSG] [-f] NAME REV`: a lightweight tag, or with an
  // annotation a tag object (tagger, time, message) as `git tag -a` writes
  // it. An existing tag is an error unless `force` moves it. Returns the
  // commit it points at; nothing changes on error.
  Result<std::string> tag(std::string_view name, std::string_view rev, const std::optional<TagAnnotation>& annotation,
                          bool force);
  Result<TagInfo> tag_info(std::string_view name) const;

  // Merges `from_branch` (any revision) into the branch `into_branch`:
  // "already up to date" returns the current head, a fast-forward moves the
  // branch (unless `no_ff`, as `git merge --no-ff`), otherwise a merge commit
  // with parents (into, from). A conflict is an error listing the
  // conflicting paths and changes nothing.
  Result<std::string> merge(std::string_view from_branch, std::string_view into_branch, const Signature& author,
                            std::string_view message, std::int64_t time_s, bool no_ff = false);
  // The message `git merge` writes without -m: "Merge branch 'hotfix'" (into
  // main or master) or "Merge branch 'develop' into staging"; a tag or a
  // commit is named as such ("Merge tag 'v1'", "Merge commit '1a2b3c4'").
  std::string default_merge_message(std::string_view from, std::string_view into) const;

  // Commits the inverse of `rev` on `branch` with git's message
  // `Revert "<subject>"\n\nThis reverts commit <sha>.\n`. A conflict, a merge
  // commit, or a revert that changes nothing is an error; nothing changes then.
  Result<std::string> revert(std::string_view branch, std::string_view rev, const Signature& author,
                             std::int64_t time_s);

  // Force-moves an existing branch to `rev` (a force push).
  Status reset(std::string_view branch, std::string_view rev);

  // Full commit SHA of: a branch, a tag (peeled to its commit), HEAD (the default branch), a full
  // SHA, a unique SHA prefix of at least 4 hex digits, each optionally followed
  // by `~N`, `~`, `^` or `^N` steps, as git spells them.
  Result<std::string> resolve(std::string_view rev) const;

  // Commits reachable from rev, newest first (topological, then time order).
  Result<std::vector<CommitInfo>> log(std::string_view rev, std::size_t max = SIZE_MAX) const;

  // `git log FROM..TO -- PATH`: commits reachable from `to` and not from
  // `from` ("" = none), newest first, that change anything under `path` ("" =
  // the whole tree) against each of their parents (a root commit: `path`
  // exists). DORA's lead time reads what a deployment brought this way.
  // At most `max` commits: the newest (a pipeline's "when did this folder
  // last change" asks for one, and stops walking there).
  Result<std::vector<CommitInfo>> log_range(std::string_view from, std::string_view to, std::string_view path,
                                            std::size_t max = SIZE_MAX) const;

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
