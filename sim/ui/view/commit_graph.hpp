// Commit-graph layout for the Git panel: one lane per branch (main first, then
// staging, develop, release/*, hotfix/*, then the rest by name), each commit
// on the lane of the first branch whose first-parent chain reaches it, rows
// newest first in a topological order (a child is always above its parents).
// Deterministic: ties break on time, lane, then SHA. No ImGui here.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gs::ui {

struct GraphCommit {
  std::string sha;
  std::vector<std::string> parents;
  std::string author;   // name only
  std::string subject;  // first line of the message
  std::int64_t time_s = 0;
};

struct GraphBranch {
  std::string name;
  std::string head;  // SHA
};

struct GraphRow {
  GraphCommit commit;
  int lane = 0;
  std::vector<std::string> heads;  // branches whose head is this commit
  std::vector<std::string> tags;
};

struct GraphEdge {
  int from_row = 0, from_lane = 0;  // the child
  int to_row = 0, to_lane = 0;      // the parent
  bool merge = false;               // a second (or later) parent
};

struct GraphLayout {
  std::vector<GraphRow> rows;             // newest first
  std::vector<GraphEdge> edges;
  std::vector<std::string> lane_names;    // branch per lane ("" for merged-away history)
  std::map<std::string, int> row_of_sha;

  int row_of(const std::string& sha) const {
    auto it = row_of_sha.find(sha);
    return it == row_of_sha.end() ? -1 : it->second;
  }
};

// Sort key for branch lanes: main/master, staging, develop, release/*, hotfix/*, others.
int branch_rank(const std::string& name);

// `commits` holds every commit reachable from the branches (any order);
// tags are (name, sha).
GraphLayout layout_commit_graph(const std::vector<GraphBranch>& branches, const std::vector<GraphCommit>& commits,
                                const std::vector<std::pair<std::string, std::string>>& tags);

}  // namespace gs::ui
