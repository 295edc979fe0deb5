#include "sim/gitops/repo_server.hpp"

#include "sim/git/repository.hpp"
#include "sim/render/git_tree.hpp"
#include "sim/render/manifests.hpp"

namespace gs::gitops {

RepoServer::RepoServer(RepoLookup lookup) : lookup_(std::move(lookup)) {}

Status RepoServer::reachable(const std::string& repo_url, TimePoint now) const {
  auto it = unreachable_until_.find(repo_url);
  if (it != unreachable_until_.end() && now < it->second) {
    return Error("rpc error: code = Unknown desc = failed to list refs: dial tcp: connection refused (" + repo_url +
                 ")");
  }
  return {};
}

Result<std::string> RepoServer::resolve(const ApplicationSource& source, TimePoint now) const {
  if (auto st = reachable(source.repo_url, now); !st) return st.error();
  const git::Repository* repo = lookup_(source.repo_url);
  if (!repo) return Error("repository not found: " + source.repo_url);
  std::string rev = source.target_revision;
  if (rev.empty() || rev == "HEAD") {
    const auto branches = repo->branches();
    if (branches.empty()) return Error("repository " + source.repo_url + " has no branches");
    rev = std::find(branches.begin(), branches.end(), "main") != branches.end() ? "main" : branches.front();
  }
  auto sha = repo->resolve(rev);
  if (!sha) {
    return Error("unable to resolve '" + source.target_revision + "' to a commit SHA: " + sha.error().message);
  }
  return sha;
}

Result<std::shared_ptr<const GeneratedManifests>> RepoServer::generate(const ApplicationSource& source,
                                                                        const std::string& sha, bool hard,
                                                                        TimePoint now) {
  const Key key{source.repo_url, sha, source.path, source.directory_recurse};
  if (!hard) {
    if (auto it = cache_.find(key); it != cache_.end()) {
      ++hits_;
      return it->second;
    }
  }
  ++misses_;
  if (auto st = reachable(source.repo_url, now); !st) return st.error();  // not cached: transient
  const git::Repository* repo = lookup_(source.repo_url);
  if (!repo) return Error("repository not found: " + source.repo_url);
  auto tree = render::GitTree::at(*repo, sha);
  if (!tree) return tree.error();
  render::RenderOptions opts;
  opts.recurse = source.directory_recurse;
  auto rendered = render::generate_manifests(*tree, source.path, opts);
  Result<std::shared_ptr<const GeneratedManifests>> out = Error("");
  if (!rendered) {
    out = Error("Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = "
                "Unknown desc = " + rendered.error().render());
  } else {
    auto g = std::make_shared<GeneratedManifests>();
    g->source_type = rendered->type == render::SourceType::Kustomize ? "Kustomize" : "Directory";
    g->objects = std::move(rendered->objects);
    out = std::shared_ptr<const GeneratedManifests>(std::move(g));
  }
  cache_.insert_or_assign(key, out);
  return out;
}

}  // namespace gs::gitops
