// RepoServer: what Argo CD's argocd-repo-server does for the controller —
// resolve a targetRevision to a commit SHA, and generate manifests for
// (repo, SHA, path), cached by commit SHA so an unchanged revision is never
// re-rendered unless a hard refresh asks for it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <set>
#include <tuple>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/gitops/application.hpp"
#include "sim/model/node.hpp"

namespace gs::git {
class Repository;
}
namespace gs::render {
class SourceTree;
}

namespace gs::gitops {

struct GeneratedManifests {
  std::string source_type;  // "Directory" or "Kustomize"
  std::vector<model::Node> objects;
};

class RepoServer {
 public:
  using RepoLookup = std::function<const git::Repository*(std::string_view repo_url)>;
  explicit RepoServer(RepoLookup lookup);

  // targetRevision "HEAD" or "" means the default branch (main, else the
  // first); a full ref name (refs/heads/develop, refs/tags/v1) names that
  // branch or tag; a semver constraint (1.*, >=1.2 <2, ~1.2, ^1.2) the
  // highest tag it admits. URLs compare as normalize_repo_url says.
  Result<std::string> resolve(const ApplicationSource& source, TimePoint now) const;

  // Cached by (repoURL, sha, path, recurse); `hard` regenerates. Errors are
  // cached too, as the repo server caches failed generations. A source keeps
  // the results of its last kRecentPerSource commits (bounded, as Argo CD's
  // cache expires), and a commit that changed nothing it read reuses its
  // render.
  Result<std::shared_ptr<const GeneratedManifests>> generate(const ApplicationSource& source, const std::string& sha,
                                                             bool hard, TimePoint now);
  static constexpr std::size_t kRecentPerSource = 16;

  // `fault repo-unreachable REPO DURATION`.
  void set_unreachable(const std::string& repo_url, TimePoint until);

  std::uint64_t cache_hits() const { return hits_; }
  std::uint64_t cache_misses() const { return misses_; }
  // How many times this source's manifests were rendered (not reused).
  std::uint64_t renders(const ApplicationSource& source) const;

 private:
  Status reachable(const std::string& repo_url, TimePoint now) const;

  // Everything a render read from the tree, and what it got back. Rendering is
  // a pure function of these answers: when a new commit gives the same
  // answers, it gives the same manifests, so the render is reused.
  struct TreeRead {
    enum class Op { ReadFile, ListDir, IsDir, Exists } op;
    std::string path;
    std::string answer;
  };
  using Generated = Result<std::shared_ptr<const GeneratedManifests>>;
  struct Rendered {
    std::string sha;  // the commit these reads' answers are known to hold at
    std::vector<TreeRead> reads;
    Generated result = Error("not rendered");
    std::uint64_t renders = 0;  // of this source, this one included
    std::vector<std::pair<std::string, Generated>> recent;  // (sha, result), newest first
    const Generated* recent_result(std::string_view sha) const;
    void remember(const std::string& sha, const Generated& result);
  };
  // Whether any read's answer can differ between the two commits: only if a
  // path it looked at (or below it) changed. One diff per pair of commits.
  bool reads_unchanged(const git::Repository& repo, const std::string& repo_url, const Rendered& r,
                       const std::string& sha);
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>> changed_paths_;

  Generated render(const render::SourceTree& tree, const ApplicationSource& source, Rendered& entry);

  RepoLookup lookup_;
  // (repoURL, path, recurse) -> the latest render, what it read, and recent results.
  using SourceKey = std::tuple<std::string, std::string, bool>;
  std::map<SourceKey, Rendered, std::less<>> by_source_;
  std::map<std::string, TimePoint> unreachable_until_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace gs::gitops
