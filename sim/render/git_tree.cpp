#include "sim/render/git_tree.hpp"

namespace gs::render {

Result<GitTree> GitTree::at(const git::Repository& repo, std::string_view rev) {
  auto sha = repo.resolve(rev);
  if (!sha) return sha.error();
  return GitTree(repo, std::move(sha).value());
}

Result<std::string> GitTree::read_file(std::string_view path) const { return repo_->read_file(sha_, path); }

Result<std::vector<TreeEntry>> GitTree::list_dir(std::string_view dir) const {
  auto entries = repo_->list_tree(sha_, dir, false);
  if (!entries) return entries.error();
  std::vector<TreeEntry> out;
  out.reserve(entries->size());
  for (auto& e : *entries) out.push_back({std::move(e.path), e.is_dir});
  return out;
}

bool GitTree::is_dir(std::string_view path) const {
  auto r = repo_->is_dir(sha_, path);
  return r.ok() && *r;
}

bool GitTree::exists(std::string_view path) const { return is_dir(path) || repo_->read_file(sha_, path).ok(); }

}  // namespace gs::render
