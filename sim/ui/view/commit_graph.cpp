#include "sim/ui/view/commit_graph.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace gs::ui {

int branch_rank(const std::string& name) {
  if (name == "main" || name == "master") return 0;
  if (name == "staging") return 1;
  if (name == "develop" || name == "dev") return 2;
  if (name.rfind("release/", 0) == 0) return 3;
  if (name.rfind("hotfix/", 0) == 0) return 4;
  return 5;
}

GraphLayout layout_commit_graph(const std::vector<GraphBranch>& branches_in, const std::vector<GraphCommit>& commits,
                                const std::vector<std::pair<std::string, std::string>>& tags) {
  GraphLayout out;
  std::map<std::string, const GraphCommit*> by_sha;
  for (const auto& c : commits) by_sha.emplace(c.sha, &c);

  std::vector<GraphBranch> branches = branches_in;
  std::sort(branches.begin(), branches.end(), [](const GraphBranch& a, const GraphBranch& b) {
    return std::make_tuple(branch_rank(a.name), a.name) < std::make_tuple(branch_rank(b.name), b.name);
  });

  // Lanes: each branch claims its first-parent chain, in rank order.
  std::map<std::string, int> lane;
  for (const auto& b : branches) {
    const int l = static_cast<int>(out.lane_names.size());
    out.lane_names.push_back(b.name);
    std::string cur = b.head;
    for (std::size_t guard = 0; guard <= commits.size() && !cur.empty(); ++guard) {
      auto it = by_sha.find(cur);
      if (it == by_sha.end() || lane.count(cur)) break;
      lane[cur] = l;
      cur = it->second->parents.empty() ? std::string() : it->second->parents.front();
    }
  }
  // History only reachable through merges of deleted branches: one extra lane.
  bool extra = false;
  for (const auto& c : commits) {
    if (!lane.count(c.sha)) {
      lane[c.sha] = static_cast<int>(branches.size());
      extra = true;
    }
  }
  if (extra) out.lane_names.push_back("");

  // Topological order, newest first: a commit is placed once all its children are.
  std::map<std::string, int> children;
  for (const auto& c : commits) {
    for (const auto& p : c.parents) {
      if (by_sha.count(p)) ++children[p];
    }
  }
  using Key = std::tuple<std::int64_t, int, std::string>;  // (-time, lane, sha)
  std::set<Key> ready;
  auto key_of = [&](const GraphCommit& c) { return Key{-c.time_s, lane[c.sha], c.sha}; };
  for (const auto& c : commits) {
    if (!children.count(c.sha)) ready.insert(key_of(c));
  }
  while (!ready.empty()) {
    const std::string sha = std::get<2>(*ready.begin());
    ready.erase(ready.begin());
    const GraphCommit& c = *by_sha[sha];
    out.row_of_sha[sha] = static_cast<int>(out.rows.size());
    out.rows.push_back(GraphRow{c, lane[sha], {}, {}});
    for (const auto& p : c.parents) {
      auto it = children.find(p);
      if (it == children.end()) continue;
      if (--it->second == 0) ready.insert(key_of(*by_sha[p]));
    }
  }

  for (const auto& b : branches) {
    const int r = out.row_of(b.head);
    if (r >= 0) out.rows[r].heads.push_back(b.name);
  }
  for (const auto& [name, sha] : tags) {
    const int r = out.row_of(sha);
    if (r >= 0) out.rows[r].tags.push_back(name);
  }
  for (const auto& row : out.rows) {
    const int from = out.row_of(row.commit.sha);
    for (std::size_t i = 0; i < row.commit.parents.size(); ++i) {
      const int to = out.row_of(row.commit.parents[i]);
      if (to < 0) continue;
      out.edges.push_back(GraphEdge{from, row.lane, to, out.rows[to].lane, i > 0});
    }
  }
  return out;
}

}  // namespace gs::ui
