// WorldSnapshot: a plain copy of what views show — per app its status, per
// repository its branch heads, per cluster its object counts — taken in
// O(apps + resources), so a view (or a recording scrubbing through a run)
// can hold one per frame without touching the live World.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"

namespace gs::world {

class World;

struct ResourceSnapshot {
  cluster::ObjectKey key;
  std::string sync;    // Synced | OutOfSync | Unknown
  std::string health;  // "" when the kind has no health check
  bool requires_pruning = false;
};

struct AppSnapshot {
  std::string name;
  std::string cluster;  // destination cluster name
  std::string ns;
  std::string repo_url, path, target_revision;
  std::string revision;  // resolved SHA
  std::string sync, health, health_message;
  std::string operation_phase, operation_message, initiated_by;  // "" without an operation
  bool automated = false, self_heal = false, prune = false;
  std::int64_t next_poll_ms = -1;
  std::size_t history_length = 0;
  std::vector<std::string> conditions;  // condition types
  std::vector<ResourceSnapshot> resources;
};

struct RepoSnapshot {
  std::string name, url;
  std::map<std::string, std::string> branches;  // name -> head SHA
};

struct ClusterSnapshot {
  std::string name, server;
  std::map<std::string, std::size_t> objects_by_kind;
};

struct WorldSnapshot {
  TimePoint now;
  std::size_t event_count = 0;
  std::vector<AppSnapshot> apps;  // by name
  std::vector<RepoSnapshot> repos;
  std::vector<ClusterSnapshot> clusters;
};

WorldSnapshot take_snapshot(const World& world);

}  // namespace gs::world
