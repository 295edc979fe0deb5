// Reconciler: what a World runs to make clusters follow Git. Argo CD's
// application controller is one (controller.hpp); a Flux-style controller can
// be another. World knows only this interface: when a reconciler next wants
// to run, running it until a time (stopping between two tasks when a frame's
// budget says so), telling it of Git host webhooks and of live changes in the
// clusters, and asking it for a status snapshot that views, printers and
// checks read (the read model) and for one app's live-against-desired diff.
// Adding a controller means implementing this
// and registering a factory (sim/world/reconcilers.cpp); nothing else.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/event.hpp"
#include "sim/core/result.hpp"
#include "sim/gitops/compare.hpp"

namespace gs::gitops {

// A Git host's push webhook: `ref` (a branch) of the repository at `repo_url` moved.
struct PushNotice {
  std::string repo_url;
  std::string ref;
  std::string default_branch;  // what HEAD means in that repository
  EventId cause = 0;
};

// An object in a cluster was added, changed or deleted (the reconciler's watch).
struct LiveChange {
  std::string cluster;  // the cluster's name
  cluster::ObjectKey key;
  EventId cause = 0;
};

// --- the status snapshot ------------------------------------------------------
// Plain values, in the words Argo CD and Kubernetes users know. One per
// application-like object a reconciler manages (an Argo CD Application; a Flux
// Kustomization later). Views, printers and checks read these (the World's
// read model, sim/world/read_model.hpp, keeps them for views), never a
// reconciler's internals. Times are virtual; `now` is the time the view was
// taken at, which is all that the sync window fields depend on.

struct ResourceView {
  cluster::ObjectKey key;
  std::string sync;            // Synced | OutOfSync | Unknown
  std::string health;          // "" when the kind has no health check
  std::string health_message;
  bool requires_pruning = false;
  bool live = false;           // the object exists in the cluster
  int sync_wave = 0;
  std::vector<std::string> changed_paths;  // why it is OutOfSync: field paths, e.g. spec.replicas

  friend bool operator==(const ResourceView&, const ResourceView&) = default;
};

// One line of an operation's result (Argo CD's syncResult.resources).
struct ResourceResultView {
  cluster::ObjectKey key;
  std::string status;     // Synced | SyncFailed | Pruned | PruneSkipped
  std::string message;    // "deployment.apps/web configured", "pruned", ...
  std::string hook_type;  // PreSync | Sync | PostSync | SyncFail; "" for a resource

  friend bool operator==(const ResourceResultView&, const ResourceResultView&) = default;
};

// The current or last operation (Argo CD's status.operationState).
struct OperationView {
  std::string phase;         // Running | Terminating | Failed | Error | Succeeded
  std::string message;
  std::string initiated_by;  // automated | selfHeal | user | rollback
  std::string revision;      // the resolved SHA it syncs to
  bool prune = false, dry_run = false;
  TimePoint started_at;
  std::optional<TimePoint> finished_at;
  std::int64_t retry_count = 0;
  std::vector<ResourceResultView> results;

  bool running() const { return phase == "Running" || phase == "Terminating"; }
  friend bool operator==(const OperationView&, const OperationView&) = default;
};

struct HistoryView {
  std::int64_t id = 0;
  std::string revision;
  std::string target_revision;  // the source's targetRevision at the time ("" for HEAD)
  TimePoint deployed_at;
  std::string initiated_by;

  friend bool operator==(const HistoryView&, const HistoryView&) = default;
};

struct ConditionView {
  std::string type;  // ComparisonError, SyncError, InvalidSpecError, ...
  std::string message;
  TimePoint last_transition;
  // Flux's kstatus conditions (Ready, Reconciling, Stalled, ...) carry these
  // too: "True" | "False" | "Unknown", and a reason (ReconciliationSucceeded,
  // HealthCheckFailed, ...). Argo CD's conditions leave them empty.
  std::string status;
  std::string reason;

  friend bool operator==(const ConditionView&, const ConditionView&) = default;
};

// A sync window of the app's project that matches the app.
struct SyncWindowView {
  std::string kind;  // allow | deny
  std::string schedule;
  Duration duration;
  bool manual_sync = false;
  bool active = false;  // at the view's time

  friend bool operator==(const SyncWindowView&, const SyncWindowView&) = default;
};

struct AppView {
  std::string name;
  std::string controller;     // the reconciler's kind(): "argocd"
  std::string kind;           // "Application"
  std::string app_namespace;  // where the object itself lives ("argocd")
  std::string project;
  // Where it deploys: the cluster's name as the world knows it ("" when no
  // cluster answers), its server URL, the namespace; and the cluster as the
  // spec names it (its server URL, else its name), as argocd prints it.
  std::string cluster, server, ns;
  std::string destination;
  // What it follows, and what it found there.
  std::string repo_url, path, target_revision;
  std::string source_type;  // Directory | Kustomize ("" before the first render)
  std::string revision;     // the resolved SHA it last compared
  std::string sync, health, health_message;
  std::optional<OperationView> operation;  // the current or last one
  // The sync policy.
  bool automated = false, self_heal = false, prune = false, allow_empty = false;
  std::vector<std::string> sync_options;  // sorted: "CreateNamespace=true", ...
  std::optional<std::int64_t> retry_limit;  // with a retry strategy; -1: forever
  // Sync windows that match it, and what they allow at the view's time.
  std::string sync_window = "Sync Allowed";  // | "Manual Allowed" | "Sync Denied"
  std::vector<SyncWindowView> sync_windows;
  // Time: the last refresh that resolved the revision, the next poll, how often it polls.
  std::optional<TimePoint> reconciled_at;
  std::optional<TimePoint> next_poll;
  Duration poll_interval;  // 0: it does not poll
  std::string parent;  // App of Apps: the app whose sync created this one, else ""
  std::vector<HistoryView> history;
  std::vector<ConditionView> conditions;
  std::vector<ResourceView> resources;

  friend bool operator==(const AppView&, const AppView&) = default;
};

// One resource's live-against-desired comparison, for `argocd app diff` and
// the GUI's diff: each resource that differs, with both sides normalised.
using AppDiff = std::vector<std::pair<cluster::ObjectKey, ResourceDiff>>;

class Reconciler {
 public:
  virtual ~Reconciler() = default;

  // "argocd" (later "flux"): names the reconciler in views and checks.
  virtual std::string_view kind() const = 0;

  // Time: the earliest instant it wants to run, and running every task due
  // by `now`. With `enough`, it may stop between two tasks and return false;
  // the next call (same `now`) goes on where it stopped.
  virtual std::optional<TimePoint> next_wakeup() const = 0;
  virtual bool run_until(TimePoint now, const std::function<bool()>& enough) = 0;

  // Told of the outside world.
  virtual void on_push(const PushNotice& push, TimePoint now) = 0;
  virtual void on_live_change(const LiveChange& change, TimePoint now) = 0;

  // The snapshot: names sorted, one app by name (nullopt if unknown).
  virtual std::vector<std::string> app_names() const = 0;
  virtual std::optional<AppView> app_view(const std::string& name, TimePoint now) const = 0;
  // Live against desired for one app it manages, each resource that differs.
  // Not const: a comparison fills the reconciler's caches (rendered
  // manifests, parsed last-applied configurations); nothing a view or the
  // event log can see changes.
  virtual Result<AppDiff> app_diff(const std::string& name, TimePoint now) = 0;
};

}  // namespace gs::gitops
