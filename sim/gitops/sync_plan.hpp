// The plan of a sync operation, as data: which manifests are applied, which
// hooks run in which phase, which live objects are pruned, in what order —
// built once per operation (again only when its inputs change), then executed
// task by task (sync_operation.cpp), as gitops-engine builds its syncTasks
// once (pkg/sync/sync_context.go getSyncTasks) and filters and splits them
// (sync_tasks.go Filter/Split) before running them. The ordering rule itself
// lives in one place: sync_order.hpp.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/cluster/object_key.hpp"
#include "sim/gitops/annotations.hpp"
#include "sim/gitops/application.hpp"
#include "sim/gitops/sync_order.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster {
class Cluster;
}

namespace gs::gitops {

using cluster::ObjectKey;

enum class SyncAction {
  Create,  // a resource not live yet
  Update,  // a resource live already (applied over it)
  Prune,   // a live resource Git no longer has
  Hook,    // a hook, created anew in its phase
};
const char* to_string(SyncAction a);

struct SyncTask {
  SyncTaskKey order;  // the phase and wave it runs in, then group, kind, namespace, name
  ObjectKey key;
  SyncAction action = SyncAction::Create;
  HookKind hook = HookKind::None;        // the phase a hook task runs in
  const model::Node* desired = nullptr;  // in SyncPlan::desired; nullptr for a prune
  bool prune_last = false;               // PruneLast=true (app or resource)
  std::string crd_kind;                  // "group/Kind" a CRD defines, else ""

  SyncPhase phase() const { return order.phase; }
  int wave() const { return order.wave; }
  bool has_target() const { return desired != nullptr; }
  bool is_prune() const { return action == SyncAction::Prune; }
  bool is_hook() const { return hook != HookKind::None; }
};

// Two tasks run in the same step group: the same (phase, wave).
inline bool same_group(const SyncTask& a, const SyncTask& b) {
  return a.phase() == b.phase() && a.wave() == b.wave();
}

struct SyncPlanInput {
  const Application* app = nullptr;
  std::shared_ptr<const std::vector<model::Node>> desired;  // normalised targets of the operation's revision
  const cluster::Cluster* cluster = nullptr;                 // the destination, for live objects
  std::vector<ObjectKey> tracked_live;                       // what the app's tracking names, sorted
  std::vector<ObjectKey> only_resources;                     // non-empty: a partial sync (self-heal)
  std::set<ObjectKey> in_sync;  // ApplyOutOfSyncOnly=true: Synced resources, left out (hooks and prunes stay)
};

struct SyncPlan {
  std::shared_ptr<const std::vector<model::Node>> desired;  // the manifests the tasks point into
  std::set<ObjectKey> desired_keys;                          // every desired object, hooks too
  // Every task in the order it runs: by (phase, wave) — a prune in its live
  // object's wave, waves mirrored among prunes (highest first), PruneLast ones
  // in a wave after the last — and within one, prunes first, then hooks and
  // resources by kind and name (sync_context.go getSyncTasks, runTasks).
  std::vector<SyncTask> tasks;
  std::vector<SyncTask> sync_fail_hooks;  // run when the operation fails
  // More than one (phase, wave), SyncFail hooks counted: resources applied in
  // one are then waited on to be healthy (sync_tasks.go multiStep).
  bool multi_step = false;
  std::set<std::pair<std::string, std::string>> crds;  // (group, kind) a CRD in this sync defines

  // Whether task i is in the last (phase, wave).
  bool in_last_group(std::size_t i) const { return same_group(tasks[i], tasks.back()); }

  // A custom resource whose CRD comes in this same sync (not known to the API
  // server yet, so its dry run is skipped).
  bool defines_crd_for(const ObjectKey& k) const { return crds.count({k.group, k.kind}) != 0; }
};

// Hooks run only in whole-app syncs: never for self-heal or selective syncs.
// With ApplyOutOfSyncOnly, resources already Synced are left out
// (sync_context.go filterOutOfSyncTasks).
SyncPlan plan_sync(const SyncPlanInput& in);

}  // namespace gs::gitops
