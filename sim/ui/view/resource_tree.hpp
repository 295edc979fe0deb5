// The App detail panel's resource tree, as Argo CD's Tree view builds it: the
// Application at the root, its managed resources (status.resources) below,
// and under each the objects that name it in ownerReferences
// (Deployment → ReplicaSet → Pod) found through Cluster::owned_by. Each node
// carries its sync and health and a short note (a pod's waiting reason and
// ready count, a deployment's image). No ImGui here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/cluster/health/health.hpp"
#include "sim/cluster/object_key.hpp"
#include "sim/gitops/application.hpp"

namespace gs::world {
class World;
class ReadModel;
}

namespace gs::ui {

struct TreeNode {
  int depth = 0;
  int parent = -1;
  cluster::ObjectKey key;  // kind "Application" for the root
  bool managed = false;    // a resource the app tracks (has a sync status)
  std::optional<gitops::SyncStatusCode> sync;
  std::optional<cluster::HealthStatus> health;
  bool requires_pruning = false;
  bool live = true;           // false: desired but missing in the cluster
  std::string note;           // "ImagePullBackOff 0/1", "web:1.1.0", "3 replicas"
};

// Bounded to `max_nodes` (a big app must not stall a frame).
// The app's resources come from the read model (its status), the objects
// below them from its destination cluster.
std::vector<TreeNode> build_resource_tree(const world::World& w, const world::ReadModel& model, const std::string& app,
                                          std::size_t max_nodes = 400);

// The Kubernetes Events of one resource in the app's destination cluster, as
// `kubectl describe` lists them (oldest first), for resources Git does not
// hold (pods, ReplicaSets), where a diff has nothing to say.
struct ResourceEventRow {
  bool warning = false;
  std::string reason;
  std::string when;  // clock time of the last occurrence, "09:12:30"
  int count = 1;
  std::string message;
};
std::vector<ResourceEventRow> resource_events(const world::World& w, const world::ReadModel& model,
                                              const std::string& app, const cluster::ObjectKey& key);

// kubectl's short name for a kind, for labels: "deploy", "rs", "pod", "svc".
std::string kind_short(const std::string& kind);

}  // namespace gs::ui
