// A SourceTree over one commit of an in-memory gs::git::Repository, so an
// Application's source (repo, resolved revision, path) renders exactly as the
// files were at that commit.
#pragma once

#include <string>

#include "sim/git/repository.hpp"
#include "sim/render/source_tree.hpp"

namespace gs::render {

class GitTree final : public SourceTree {
 public:
  // Resolves rev (branch, tag, SHA...) once; the tree is pinned to that commit.
  static Result<GitTree> at(const git::Repository& repo, std::string_view rev);

  const std::string& sha() const { return sha_; }

  Result<std::string> read_file(std::string_view path) const override;
  Result<std::vector<TreeEntry>> list_dir(std::string_view dir) const override;
  bool is_dir(std::string_view path) const override;
  bool exists(std::string_view path) const override;

 private:
  GitTree(const git::Repository& repo, std::string sha) : repo_(&repo), sha_(std::move(sha)) {}
  const git::Repository* repo_;
  std::string sha_;
};

}  // namespace gs::render
