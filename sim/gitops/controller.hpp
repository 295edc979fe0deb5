// AppController: the Argo CD-like application controller. It refreshes apps
// (on polling, webhooks, watch events after watchDelay, manual and hard
// refresh), compares desired with live, aggregates sync and health, decides
// automated syncs and self-heal in Argo CD's order, and runs sync operations
// as re-entrant steps driven by its own queue: each step rebuilds the plan
// from the operation's revision and the live cluster and applies the next
// task, one `applyLatency` apart, so every intermediate state can be seen.
// Everything it does is reported as events into the world's EventLog.
// It is a Reconciler (reconciler.hpp); App of Apps lives here too: Application
// objects in the `argocd` namespace of the cluster Argo CD runs in become apps.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/event_queue.hpp"
#include "sim/core/rng.hpp"
#include "sim/gitops/app_status.hpp"
#include "sim/gitops/application.hpp"
#include "sim/gitops/compare.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/gitops/repo_server.hpp"

namespace gs::cluster {
class Cluster;
}

namespace gs::gitops {

struct ControllerSettings {
  Duration reconciliation_timeout = Duration::seconds(180);  // 0: polling off
  Duration reconciliation_jitter = Duration::seconds(0);
  Duration self_heal_timeout = Duration::seconds(5);
  Duration watch_delay = Duration::seconds(1);
  Duration apply_latency = Duration::millis(200);
  bool self_heal_backoff = false;   // argocd-3 profile
  bool annotation_tracking = false; // argocd-3 profile: tracking-id annotation instead of the instance label
  std::int64_t clock_start_epoch_s = 0;  // wall time of virtual 0 (UTC), for sync windows' cron schedules
};

inline constexpr const char* kInstanceLabel = "app.kubernetes.io/instance";
inline constexpr const char* kTrackingIdAnnotation = "argocd.argoproj.io/tracking-id";
inline constexpr const char* kControllerManager = "argocd-controller";
// Where Argo CD itself runs: the cluster at this server, in this namespace.
inline constexpr const char* kInClusterServer = "https://kubernetes.default.svc";
inline constexpr const char* kArgoNamespace = "argocd";
inline constexpr const char* kResourcesFinalizer = "resources-finalizer.argocd.argoproj.io";

// How the controller reaches a destination cluster.
struct ClusterRef {
  cluster::Cluster* cluster = nullptr;
  std::string name;
};

class AppController final : public Reconciler {
 public:
  using ClusterLookup = std::function<ClusterRef(const ApplicationDestination&)>;
  // The Committed event that produced a SHA, for cause chains (0: unknown).
  using CommitEventLookup = std::function<EventId(const std::string& repo_url, const std::string& sha)>;

  AppController(ControllerSettings settings, RepoServer& repo_server, ClusterLookup clusters, EventLog& log, Rng rng);

  void set_commit_event_lookup(CommitEventLookup f) { commit_event_ = std::move(f); }

  Status add_project(AppProject project);
  // Adds an app and schedules its first refresh at `now`.
  Status add_application(Application app, TimePoint now, EventId cause);
  // App of Apps: Applications that live as objects where Argo CD runs. A
  // changed spec replaces the app's and refreshes it against the latest
  // revision at once; a removed object removes the app (its queued work with it).
  Status update_application(Application app, TimePoint now, EventId cause);
  void remove_application(const std::string& name);
  // The resources finalizer's cascade (as `argocd app delete` without
  // --cascade=false): asks the destination to delete every live resource the
  // app tracks. Returns the resources asked to go, in sync order's reverse.
  std::vector<ObjectKey> delete_managed_resources(const std::string& name, TimePoint now);

  // Triggers.
  void notify_push(const std::string& repo_url, const std::string& branch, const std::string& default_branch,
                   TimePoint now, EventId cause);
  // Every change in a cluster reaches the controller's cluster cache through
  // here (its watch); apps whose resources changed re-compare after watchDelay.
  void notify_live_change(const std::string& cluster_name, const cluster::Cluster& cluster, const ObjectKey& key,
                          TimePoint now, EventId cause);

  // Requests from actions; errors are worded as Argo CD words them.
  Status sync(const std::string& app, const SyncRequest& request, TimePoint now, EventId cause);
  Status refresh(const std::string& app, bool hard, TimePoint now, EventId cause);
  Status rollback(const std::string& app, std::optional<std::int64_t> id, TimePoint now, EventId cause);
  Status set_automated(const std::string& app, std::optional<SyncPolicyAutomated> automated, TimePoint now,
                       EventId cause);
  Status terminate_operation(const std::string& app, TimePoint now, EventId cause);

  // --- Reconciler ---------------------------------------------------------------
  std::string_view kind() const override { return "argocd"; }
  // Time: the earliest queued task, and running every task due by `now`.
  std::optional<TimePoint> next_wakeup() const override;
  // With `enough`, may stop between two tasks: returns false, and the next
  // call (same `now`) goes on where this one stopped.
  bool run_until(TimePoint now, const std::function<bool()>& enough) override;
  // A push webhook refreshes the apps that follow the ref that moved.
  void on_push(const PushNotice& push, TimePoint now) override;
  // The watch (notify_live_change), then App of Apps for Application objects.
  void on_live_change(const LiveChange& change, TimePoint now) override;
  std::vector<std::string> app_names() const override;  // sorted
  std::optional<AppView> app_view(const std::string& name, TimePoint now) const override;

  struct AppState {
    Application app;
    ApplicationStatus status;
    TimePoint next_poll{-1};            // when polling will next refresh this app
    std::uint64_t poll_generation = 0;  // invalidates stale poll tasks
    std::optional<TimePoint> pending_watch;  // a watch refresh already queued
    std::optional<TimePoint> pending_self_heal;
    std::string window_blocked_revision;  // the revision a SyncWindowBlocked event was emitted for
    // Comparison results by resource, valid while the revision and the live
    // object's resourceVersion are unchanged: an unchanged app re-compares
    // in lookups, as Argo CD's diff cache does.
    struct CompareMemo {
      std::string revision;
      std::string resource_version;
      ResourceStatus status;
    };
    std::map<ObjectKey, CompareMemo> compare_memo;
    // The desired objects normalised for the manifests they came from (held,
    // so the identity comparison stays valid).
    std::shared_ptr<const GeneratedManifests> normalized_from;
    std::vector<model::Node> normalized;
  };

  const AppState* find(const std::string& name) const;
  // "Sync Allowed", "Manual Allowed" or "Sync Denied" by its project's sync windows now.
  SyncWindowState sync_window_state(const std::string& app, TimePoint now) const;
  const std::map<std::string, AppState>& apps() const { return apps_; }
  const ControllerSettings& settings() const { return settings_; }

  // Desired objects of an app at its compared revision, with tracking metadata
  // and namespaces as the controller applies them (`argocd app manifests`).
  Result<std::vector<model::Node>> desired_manifests(const std::string& app, TimePoint now);
  // Live counterparts of the app's resources (`--source live`), sorted.
  std::vector<model::Node> live_manifests(const std::string& app) const;
  // Per resource diff for `argocd app diff`: (resource, diff) for each modified one.
  Result<std::vector<std::pair<ObjectKey, ResourceDiff>>> diff(const std::string& app, TimePoint now);

  std::uint64_t refresh_count() const { return refreshes_; }

 private:
  enum class TaskType { Refresh, PollDue, SyncStep };
  enum class Level { Recent, Latest };
  struct Task {
    TaskType type;
    std::string app;
    Level level = Level::Latest;
    std::string level_name;  // poll / watch / webhook / manual / operation / initial
    bool hard = false;
    std::uint64_t generation = 0;  // poll generation or operation id
    EventId cause = 0;
  };

  AppState* find_mut(const std::string& name);
  const AppProject* project_of(const Application& app) const;
  std::vector<const SyncWindow*> windows_for(const AppState& st) const;
  std::int64_t epoch_s(TimePoint t) const { return settings_.clock_start_epoch_s + t.ms / 1000; }
  std::optional<std::string> validate_spec(const AppState& st) const;

  void schedule_refresh(AppState& st, TimePoint at, Level level, std::string level_name, bool hard, EventId cause);
  void schedule_poll(AppState& st, TimePoint from);
  void do_refresh(AppState& st, const Task& task, TimePoint now);
  void auto_sync(AppState& st, const std::vector<model::Node>& desired, TimePoint now, EventId cause);

  // Desired objects with tracking metadata and destination namespace applied.
  std::vector<model::Node> normalize_targets(const AppState& st, const std::vector<model::Node>& objects) const;
  std::vector<ObjectKey> tracked_live_keys(const AppState& st, const ClusterRef& c) const;

  void start_operation(AppState& st, OperationState op, TimePoint now);
  void sync_step(AppState& st, const Task& task, TimePoint now);
  void finish_operation(AppState& st, bool success, std::string message, TimePoint now);

  void set_condition(AppState& st, const std::string& type, const std::string& message, TimePoint now);
  void clear_condition(AppState& st, const std::string& type);

  ControllerSettings settings_;
  RepoServer& repo_server_;
  ClusterLookup clusters_;
  CommitEventLookup commit_event_;
  EventLog& log_;
  Rng rng_;
  std::map<std::string, AppProject> projects_;
  std::map<std::string, AppState> apps_;
  EventQueue<Task> queue_;
  // Parsed last-applied configurations by their text; looked up, never
  // iterated, and dropped whole when it grows large.
  std::unordered_map<std::string, std::optional<model::Node>> last_applied_cache_;
  // The cluster cache, as Argo CD keeps one per cluster from its watches:
  // top-level live objects by the app their tracking metadata names, and the
  // resources each app's last comparison listed.
  struct ClusterCache {
    std::map<ObjectKey, std::string> owner;
    std::map<std::string, std::set<ObjectKey>> tracked_by_app;
    std::map<ObjectKey, std::set<std::string>> managed_by;
  };
  std::map<std::string, ClusterCache> cluster_cache_;
  std::string tracking_app_of(const model::Node& live) const;
  // App of Apps: the spec last taken from each Application object, by app name.
  std::map<std::string, model::Node> app_objects_;
  bool is_app_object(const std::string& cluster_name, const ObjectKey& key) const;
  void reconcile_app_object(const std::string& cluster_name, const ObjectKey& key, TimePoint now);
  std::uint64_t next_operation_id_ = 1;
  std::uint64_t refreshes_ = 0;
};

}  // namespace gs::gitops
