// The insides of gs::git::Repository, shared by repository.cpp and export.cpp
// (not part of the public API): the libgit2 handles and our own refs.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/git/handles.hpp"
#include "sim/git/repository.hpp"

namespace gs::git {

struct OidLess {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_cmp(&a, &b) < 0; }
};

struct Repository::Impl {
  detail::LibGit2 lib;  // first member: shut down after every handle below is freed
  std::string name;
  detail::OdbPtr odb;          // owns the mempack backend
  detail::RepositoryPtr repo;  // wraps odb; no workdir, no refdb, empty config
  std::map<std::string, git_oid, std::less<>> branches;
  // A tag's ref: the commit (lightweight) or the tag object (annotated).
  std::map<std::string, git_oid, std::less<>> tags;
  // Every commit written through this repository, as hex, for SHA-prefix
  // lookups: the mempack backend cannot search by prefix.
  std::set<std::string, std::less<>> commit_shas;

  // One path of a commit, relative to the tree being built.
  struct Change {
    std::string_view rest;                      // path below the current tree
    const std::optional<std::string>* content;  // nullopt = delete
    std::string_view full;                      // the whole path, for messages
  };

  Result<git_oid> resolve(std::string_view rev) const;
  // The commit a tag ref names (through a tag object, if any).
  Result<git_oid> peel(const git_oid& id) const;
  Result<detail::CommitPtr> lookup_commit(const git_oid& id) const;
  Result<detail::TreePtr> lookup_tree(const git_oid& id) const;
  Result<detail::TreePtr> tree_of(std::string_view rev) const;
  Result<git_oid> empty_tree();
  // New tree = base (nullptr: none) with the changes applied; nullopt = empty.
  Result<std::optional<git_oid>> build_tree(const git_oid* base, const std::vector<Change>& changes,
                                            const std::string& prefix);
  Result<git_oid> write_commit(const git_oid& tree, const std::vector<git_oid>& parents, const Signature& author,
                               std::int64_t time_s, const std::string& message);
  // Writes the tree of a merge/revert index, or lists its conflicting paths.
  Result<git_oid> write_index_tree(git_index* index, std::string_view what);
  CommitInfo info(const git_commit* commit) const;
  std::string default_branch() const;
};

namespace detail {

std::string to_hex(const git_oid& oid);
// "what: <libgit2's last error message>".
Error lib_error(std::string_view what);

}  // namespace detail
}  // namespace gs::git
