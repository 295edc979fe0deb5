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
  SyncTaskKey order;  // phase, wave, group, kind, namespace, name: the sort key
  ObjectKey key;
  SyncAction action = SyncAction::Create;
  HookKind hook = HookKind::None;        // the phase a hook task runs in
  const model::Node* desired = nullptr;  // in SyncPlan::desired; nullptr for a prune
  bool prune_last = false;               // PruneLast=true (app or resource)

  SyncPhase phase() const { return order.phase; }
  int wave() const { return order.wave; }
};

struct SyncPlanInput {
  const Application* app = nullptr;
  std::shared_ptr<const std::vector<model::Node>> desired;  // normalised targets of the operation's revision
  const cluster::Cluster* cluster = nullptr;                 // the destination, for live objects
  std::vector<ObjectKey> tracked_live;                       // what the app's tracking names, sorted
  std::vector<ObjectKey> only_resources;                     // non-empty: a partial sync (self-heal)
};

struct SyncPlan {
  std::shared_ptr<const std::vector<model::Node>> desired;  // the manifests the tasks point into
  std::set<ObjectKey> desired_keys;                          // every desired object, hooks too
  std::vector<SyncTask> applies;          // resources and hooks, phase → wave → kind → name
  std::vector<SyncTask> prunes;           // in the order they run: highest wave first
  std::vector<SyncTask> sync_fail_hooks;  // run when the operation fails
  std::set<std::pair<std::string, std::string>> crds;  // (group, kind) a CRD in this sync defines

  // A custom resource whose CRD comes in this same sync (not known to the API
  // server yet, so its dry run is skipped).
  bool defines_crd_for(const ObjectKey& k) const { return crds.count({k.group, k.kind}) != 0; }
};

// Hooks run only in whole-app syncs: never for self-heal or selective syncs.
SyncPlan plan_sync(const SyncPlanInput& in);

}  // namespace gs::gitops
