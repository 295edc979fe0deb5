// Comparing an app, written once: desired objects (normalised targets) paired
// with live ones by key — the live object of each target, plus every live
// object the app's tracking metadata names — each pair diffed with the app's
// ignoreDifferences, and the per-resource results aggregated into the app's
// sync and health, as Argo CD does (gitops-engine pkg/sync/reconcile.go
// Reconcile, controller/state.go CompareAppState, controller/health.go).
// Refresh, the sync's plan, `argocd app diff`, `argocd app manifests` and the
// GUI's diff all read this one comparison, so they never disagree.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/gitops/app_status.hpp"
#include "sim/gitops/application.hpp"
#include "sim/gitops/compare.hpp"
#include "sim/gitops/tracking.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster {
class Cluster;
}

namespace gs::gitops {

// A resource's comparison, valid while the desired objects (by generation)
// and the live object's resourceVersion are unchanged: an unchanged app
// re-compares in lookups, as Argo CD's diff cache does. Keyed by what was
// compared, not by the revision, so a commit that leaves an app's rendered
// objects as they were costs it no diff.
struct ResourceCompareMemo {
  std::uint64_t desired_generation = 0;
  std::string resource_version;
  ResourceStatus status;
  std::string tracked_by;  // the app the live object's tracking names
};
using CompareMemo = std::map<ObjectKey, ResourceCompareMemo>;

// Parsed last-applied configurations by their text; looked up, never
// iterated, and dropped whole when it grows large.
class LastAppliedCache {
 public:
  const std::optional<model::Node>& of(const model::Node& live);

 private:
  std::unordered_map<std::string, std::optional<model::Node>> parsed_;
};

// The JSON pointers of every ignoreDifferences entry that matches the resource
// (group and kind with `*`, optional exact name and namespace).
std::vector<std::string> ignored_pointers(const std::vector<ResourceIgnoreDifferences>& ignore, const ObjectKey& key);

struct AppCompareInput {
  const Application* app = nullptr;
  const std::vector<model::Node>* desired = nullptr;  // normalised targets (normalize_targets sorts them by key)
  const struct DesiredIndex* index = nullptr;          // what is known of them already (index_desired)
  const cluster::Cluster* cluster = nullptr;           // the destination
  const std::set<ObjectKey>* tracked_live = nullptr;   // live objects the app's tracking names
  // Names `desired`'s contents: equal generations hold equal objects. 0:
  // unnamed, the memo is neither read nor written.
  std::uint64_t desired_generation = 0;
  TrackingMethod tracking = TrackingMethod::Label;
};

// What a comparison reads of each desired object, read once per manifests.
struct DesiredIndex {
  std::vector<ObjectKey> keys;
  std::vector<char> hooks;  // a hook or a Skip resource: no sync status
  std::vector<std::string> versions;
  std::vector<int> waves;
};
DesiredIndex index_desired(const std::vector<model::Node>& desired);

struct CompareOptions {
  CompareMemo* memo = nullptr;  // written when given; read unless `hard`
  bool hard = false;            // a hard refresh: every pair diffed again
  bool with_diffs = false;      // fill ResourcePair::diff (`argocd app diff`, the GUI)
};

// What a resource was compared from.
struct ResourcePair {
  const model::Node* desired = nullptr;  // in AppCompareInput::desired; nullptr: live only (requires pruning)
  const model::Node* live = nullptr;     // in the cluster; nullptr: missing
  ResourceDiff diff;                     // predicted live vs normalised live, with_diffs only
  std::string tracked_by;                // the app the live object's tracking metadata names
};

struct AppComparison {
  std::vector<ResourceStatus> resources;  // sorted by key; hooks and Skip resources left out
  std::vector<ResourcePair> pairs;        // one per resource, same order
  std::size_t diffed = 0;                 // resources diffed in full (not read from the memo)
  SyncStatusCode sync = SyncStatusCode::Synced;
  HealthStatus health{cluster::HealthCode::Healthy, ""};
};

AppComparison compare_app(const AppCompareInput& in, LastAppliedCache& last_applied, const CompareOptions& opts);

// The app's sync status: OutOfSync when any resource is, except an extra one
// marked IgnoreExtraneous.
SyncStatusCode aggregate_sync(const std::vector<ResourceStatus>& resources);
// The app's health: the worst of its live resources with a health check,
// named after the resource that decided it; Missing when it has resources and
// none exists live (Argo CD >= 3.4); Healthy with none.
HealthStatus aggregate_health(const std::vector<ResourceStatus>& resources);

}  // namespace gs::gitops
