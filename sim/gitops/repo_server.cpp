#include "sim/gitops/repo_server.hpp"

#include <algorithm>

#include "sim/git/repository.hpp"
#include "sim/gitops/repo_url.hpp"
#include "sim/gitops/semver.hpp"
#include "sim/render/git_tree.hpp"
#include "sim/render/manifests.hpp"

namespace gs::gitops {
namespace {

// A SourceTree that answers from another one and writes down every question
// and answer, or (when replaying) checks answers against a recording.
class RecordingTree final : public render::SourceTree {
 public:
  using Read = std::tuple<int, std::string, std::string>;
  explicit RecordingTree(const render::SourceTree& inner) : inner_(inner) {}

  Result<std::string> read_file(std::string_view path) const override {
    auto r = inner_.read_file(path);
    log(0, path, r ? "+" + *r : "-" + r.error().message);
    return r;
  }
  Result<std::vector<render::TreeEntry>> list_dir(std::string_view dir) const override {
    auto r = inner_.list_dir(dir);
    std::string answer = r ? "+" : "-" + r.error().message;
    if (r) {
      for (const auto& e : *r) answer += e.path + (e.is_dir ? "/\n" : "\n");
    }
    log(1, dir, answer);
    return r;
  }
  bool is_dir(std::string_view path) const override {
    const bool v = inner_.is_dir(path);
    log(2, path, v ? "1" : "0");
    return v;
  }
  bool exists(std::string_view path) const override {
    const bool v = inner_.exists(path);
    log(3, path, v ? "1" : "0");
    return v;
  }
  std::vector<Read>& reads() const { return reads_; }

 private:
  void log(int op, std::string_view path, std::string answer) const {
    reads_.emplace_back(op, std::string(path), std::move(answer));
  }
  const render::SourceTree& inner_;
  mutable std::vector<Read> reads_;
};

}  // namespace

RepoServer::RepoServer(RepoLookup lookup) : lookup_(std::move(lookup)) {}

void RepoServer::set_unreachable(const std::string& repo_url, TimePoint until) {
  unreachable_until_[normalize_repo_url(repo_url)] = until;
}

Status RepoServer::reachable(const std::string& repo_url, TimePoint now) const {
  auto it = unreachable_until_.find(normalize_repo_url(repo_url));
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
  } else if (rev.rfind("refs/heads/", 0) == 0 || rev.rfind("refs/tags/", 0) == 0) {
    // A full ref name, as the tracking-strategies docs recommend.
    rev = rev.substr(rev.find('/', 5) + 1);
  } else if (is_semver_constraint(rev)) {
    // The highest tag the constraint admits; none: the name as it is
    // (util/git/client.go lsRemote, util/versions/tags.go MaxVersion).
    std::vector<std::string> tags;
    for (const auto& [name, sha] : repo->tags()) tags.push_back(name);
    if (auto best = max_satisfying(rev, tags)) rev = *best;
  }
  auto sha = repo->resolve(rev);
  if (!sha) {
    return Error("unable to resolve '" + source.target_revision + "' to a commit SHA: " + sha.error().message);
  }
  return sha;
}

const RepoServer::Generated* RepoServer::Rendered::recent_result(std::string_view at) const {
  for (const auto& [s, result] : recent) {
    if (s == at) return &result;
  }
  return nullptr;
}

void RepoServer::Rendered::remember(const std::string& at, const Generated& result) {
  std::erase_if(recent, [&](const auto& r) { return r.first == at; });
  if (recent.size() >= kRecentPerSource) recent.pop_back();
  recent.emplace(recent.begin(), at, result);
}

RepoServer::Generated RepoServer::generate(const ApplicationSource& source, const std::string& sha, bool hard,
                                           TimePoint now) {
  const std::string url = normalize_repo_url(source.repo_url);
  auto it = by_source_.find(std::make_tuple(std::string_view(url), std::string_view(source.path), source.directory_recurse));
  if (!hard && it != by_source_.end()) {
    if (const Generated* hit = it->second.recent_result(sha)) {
      ++hits_;
      return *hit;
    }
  }
  ++misses_;
  if (auto st = reachable(source.repo_url, now); !st) return st.error();  // not cached: transient
  const git::Repository* repo = lookup_(source.repo_url);
  if (!repo) return Error("repository not found: " + source.repo_url);
  auto tree = render::GitTree::at(*repo, sha);
  if (!tree) return tree.error();
  if (it == by_source_.end()) it = by_source_.emplace(SourceKey{url, source.path, source.directory_recurse}, Rendered{}).first;
  Rendered& entry = it->second;
  // Same answers from this commit as from the last render of this source?
  // Then the same manifests (counted as a cache hit).
  if (!hard && entry.renders > 0 && reads_unchanged(*repo, url, entry, sha)) {
    ++hits_;
    --misses_;
    entry.sha = sha;
    entry.remember(sha, entry.result);
    return entry.result;
  }
  entry.sha = sha;
  entry.result = render(*tree, source, entry);
  entry.remember(sha, entry.result);
  return entry.result;
}

// Renders the source from the tree, writing down what it read.
RepoServer::Generated RepoServer::render(const render::SourceTree& tree, const ApplicationSource& source,
                                         Rendered& entry) {
  RecordingTree recording(tree);
  render::RenderOptions opts;
  opts.recurse = source.directory_recurse;
  auto rendered = render::generate_manifests(recording, source.path, opts);
  ++entry.renders;
  entry.reads.clear();
  for (auto& [op, path, answer] : recording.reads()) {
    entry.reads.push_back(TreeRead{static_cast<TreeRead::Op>(op), std::move(path), std::move(answer)});
  }
  if (!rendered) {
    return Error("Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = "
                 "Unknown desc = " + rendered.error().render());
  }
  auto g = std::make_shared<GeneratedManifests>();
  g->source_type = rendered->type == render::SourceType::Kustomize ? "Kustomize" : "Directory";
  g->objects = std::move(rendered->objects);
  return std::shared_ptr<const GeneratedManifests>(std::move(g));
}

std::uint64_t RepoServer::renders(const ApplicationSource& source) const {
  const std::string url = normalize_repo_url(source.repo_url);
  auto it = by_source_.find(std::make_tuple(std::string_view(url), std::string_view(source.path), source.directory_recurse));
  return it == by_source_.end() ? 0 : it->second.renders;
}

bool RepoServer::reads_unchanged(const git::Repository& repo, const std::string& repo_url, const Rendered& r,
                                 const std::string& sha) {
  const auto key = std::make_tuple(repo_url, r.sha, sha);
  auto it = changed_paths_.find(key);
  if (it == changed_paths_.end()) {
    auto diff = repo.diff(r.sha, sha);
    if (!diff) return false;
    std::vector<std::string> paths;
    for (const auto& c : *diff) paths.push_back(c.path);
    std::sort(paths.begin(), paths.end());
    if (changed_paths_.size() > 4096) changed_paths_.clear();
    it = changed_paths_.emplace(key, std::move(paths)).first;
  }
  const std::vector<std::string>& changed = it->second;
  for (const auto& read : r.reads) {
    // A read of P is affected by a change to P itself or to anything below P.
    const std::string& p = read.path;
    if (p.empty() || p == ".") {
      if (!changed.empty()) return false;
      continue;
    }
    auto lo = std::lower_bound(changed.begin(), changed.end(), p);
    if (lo != changed.end() && (*lo == p || (lo->size() > p.size() && lo->compare(0, p.size(), p) == 0 && (*lo)[p.size()] == '/'))) {
      return false;
    }
    // Paths sort '/' after some characters ("a-b" < "a/b"): scan the run that shares the prefix.
    for (auto c = lo; c != changed.end() && c->compare(0, p.size(), p) == 0; ++c) {
      if (c->size() > p.size() && (*c)[p.size()] == '/') return false;
    }
  }
  return true;
}

}  // namespace gs::gitops
