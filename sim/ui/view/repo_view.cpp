#include "sim/ui/view/repo_view.hpp"

#include <set>

#include "sim/git/repository.hpp"
#include "sim/model/diff.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

std::string first_line(const std::string& s) {
  const auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

std::string scalar_text(const std::optional<model::Node>& n) {
  if (!n) return "-";
  if (n->is_scalar()) return n->text();
  std::string y = model::to_yaml(*n);
  while (!y.empty() && y.back() == '\n') y.pop_back();
  if (y.size() > 40) y = y.substr(0, 37) + "...";
  for (auto& c : y) {
    if (c == '\n') c = ' ';
  }
  return y;
}

}  // namespace

RepoGraph build_repo_graph(const world::World& w, const std::vector<AppRow>& apps, const std::string& repo_name,
                           std::size_t max_per_branch) {
  RepoGraph g;
  g.repo = repo_name;
  const world::RepoState* rs = w.repo_by_name(repo_name);
  if (!rs || !rs->repo) return g;
  const git::Repository& repo = *rs->repo;
  std::vector<GraphBranch> branches;
  std::vector<GraphCommit> commits;
  std::set<std::string> seen;
  for (const auto& b : repo.branches()) {
    auto head = repo.resolve(b);
    if (!head) continue;
    branches.push_back({b, *head});
    auto log = repo.log(b, max_per_branch);
    if (!log) continue;
    for (const auto& c : *log) {
      if (!seen.insert(c.sha).second) continue;
      GraphCommit gc;
      gc.sha = c.sha;
      gc.author = c.author.name;
      gc.subject = first_line(c.message);
      gc.time_s = c.time_s;
      // Parents cut off by the limit are dropped by the layout.
      gc.parents = c.parents;
      commits.push_back(std::move(gc));
    }
  }
  g.layout = layout_commit_graph(branches, commits, repo.tags());
  for (const AppRow& a : apps) {
    if (a.repo != rs->name) continue;
    const int row = g.layout.row_of(a.deployed_revision);
    if (row < 0) continue;
    g.markers[row].push_back(AppMarker{a.name, a.cluster});
  }
  return g;
}

std::vector<std::string> commit_changes(const git::Repository& repo, const std::string& sha, std::size_t max) {
  std::vector<std::string> out;
  auto info = repo.commit_info(sha);
  if (!info) return out;
  const std::string parent = info->parents.empty() ? std::string() : info->parents.front();
  auto files = repo.diff(parent, sha);
  if (!files) return out;
  for (const auto& f : *files) {
    if (out.size() >= max) break;
    if (!f.content) {
      out.push_back(f.path + " deleted");
      continue;
    }
    std::string before_text;
    if (!parent.empty()) {
      if (auto b = repo.read_file(parent, f.path)) before_text = *b;
    }
    if (before_text.empty()) {
      out.push_back(f.path + " added");
      continue;
    }
    auto before = model::parse_yaml_stream(before_text);
    auto after = model::parse_yaml_stream(*f.content);
    if (!before || !after || before->size() != after->size()) {
      out.push_back(f.path + " changed");
      continue;
    }
    std::size_t listed = 0;
    for (std::size_t d = 0; d < before->size() && out.size() < max; ++d) {
      for (const auto& ch : model::diff((*before)[d], (*after)[d])) {
        if (out.size() >= max) break;
        out.push_back(ch.path + " " + scalar_text(ch.before) + " \xE2\x86\x92 " + scalar_text(ch.after) + " in " + f.path);
        ++listed;
      }
    }
    if (listed == 0) out.push_back(f.path + " changed");
  }
  return out;
}

}  // namespace gs::ui
