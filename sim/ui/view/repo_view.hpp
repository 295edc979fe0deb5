// What the Git panel and the cause sentences read from a repository: the
// commit graph of every branch (laid out by commit_graph.hpp) with a marker
// per app at the revision it is deployed at, and the field-level changes a
// commit made to YAML files ("spec.replicas 2 → 3 in base/deployment.yaml").
// No ImGui here.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/ui/view/app_rows.hpp"
#include "sim/ui/view/commit_graph.hpp"

namespace gs::git {
class Repository;
}

namespace gs::world {
class World;
}

namespace gs::ui {

struct AppMarker {
  std::string app;
  std::string cluster;
};

struct RepoGraph {
  std::string repo;
  GraphLayout layout;
  std::map<int, std::vector<AppMarker>> markers;  // row -> apps deployed at that commit
};

// Up to `max_per_branch` commits from each branch head.
// Markers come from the apps' rows (what each deployed, where).
RepoGraph build_repo_graph(const world::World& w, const std::vector<AppRow>& apps, const std::string& repo,
                           std::size_t max_per_branch = 200);

// What `sha` changed against its first parent, at most `max` lines.
std::vector<std::string> commit_changes(const git::Repository& repo, const std::string& sha, std::size_t max = 4);

}  // namespace gs::ui
