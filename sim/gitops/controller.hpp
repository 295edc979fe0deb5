// AppController: the Argo CD-like application controller. It refreshes apps
// (on polling, webhooks, watch events after watchDelay, manual and hard
// refresh; refresh.cpp), compares desired with live (compare_app.hpp),
// decides automated syncs and self-heal in Argo CD's order (auto_sync.hpp),
// and runs sync operations as re-entrant steps driven by its own queue
// (sync_operation.cpp): a plan built once per operation (sync_plan.hpp),
// executed one task per step, one `applyLatency` apart, so every intermediate
// state can be seen. Everything it does is reported as events into the
// world's EventLog. It is a Reconciler (reconciler.hpp); App of Apps lives
// here too (app_of_apps.cpp): Application objects in the `argocd` namespace of
// the cluster Argo CD runs in become apps. Requests from commands are in
// requests.cpp, read-only views in views.cpp.
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
#include "sim/gitops/auto_sync.hpp"
#include "sim/gitops/compare.hpp"
#include "sim/gitops/compare_app.hpp"
#include "sim/gitops/processors.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/gitops/repo_server.hpp"
#include "sim/gitops/tracking.hpp"

namespace gs::cluster {
class Cluster;
}

namespace gs::gitops {

struct ControllerSettings {
  Duration reconciliation_timeout = Duration::seconds(180);  // 0: polling off
  Duration reconciliation_jitter = Duration::seconds(0);
  // controller.repo.error.grace.period.seconds: how long repository errors
  // leave an app as it was before they show (Argo CD's default).
  Duration repo_error_grace_period = Duration::seconds(180);
  Duration self_heal_timeout = Duration::seconds(5);
  Duration watch_delay = Duration::seconds(1);
  Duration apply_latency = Duration::millis(200);
  // After a sync wave (not the last), as ARGOCD_SYNC_WAVE_DELAY: 2 s
  // (argo-cd controller/sync.go delayBetweenSyncWaves).
  Duration sync_wave_delay = Duration::seconds(2);
  // Argo CD runs at most this many refreshes and sync steps at once
  // (--status-processors 20, --operation-processors 10); a refresh holds its
  // worker `refresh_time`, a sync step for the applies it makes
  // (processors.hpp).
  int status_processors = 20;
  int operation_processors = 10;
  Duration refresh_time = Duration::millis(100);
  bool self_heal_backoff = false;   // argocd-3 profile
  bool annotation_tracking = false; // argocd-3 profile: tracking-id annotation instead of the instance label
  std::int64_t clock_start_epoch_s = 0;  // wall time of virtual 0 (UTC), for sync windows' cron schedules
};

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

// The keys of `resources` a selective sync's `--resource` words select
// (GROUP:KIND:NAME, GROUP:KIND:NAMESPACE/NAME, `*`, `!` excludes), worded as
// the argocd CLI words its errors.
Result<std::vector<ObjectKey>> select_resources(const std::vector<ResourceStatus>& resources,
                                                const std::vector<std::string>& words);

// Whether a webhook's push of `revision` (a branch or tag name) concerns an
// app whose targetRevision is `target`; touched_head: the default branch moved.
bool webhook_revision_matches(const std::string& target, const std::string& revision, bool touched_head);

// The executor's state of one running sync operation (sync_operation.cpp).
struct SyncRun;
struct SyncTask;

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
  // What sync and rollback would refuse, said before anything changes.
  Status check_sync(const std::string& app, const SyncRequest& request, TimePoint now) const;
  Status check_rollback(const std::string& app, std::optional<std::int64_t> id, TimePoint now) const;
  Status refresh(const std::string& app, bool hard, TimePoint now, EventId cause);
  Status rollback(const std::string& app, std::optional<std::int64_t> id, TimePoint now, EventId cause);
  Status set_automated(const std::string& app, std::optional<SyncPolicyAutomated> automated, TimePoint now,
                       EventId cause);
  Status terminate_operation(const std::string& app, TimePoint now, EventId cause);
  // `argocd app delete APP [--cascade=false]` (server/application/application.go
  // Delete, controller/appcontroller.go finalizeApplicationDeletion). With
  // cascade the app's live resources are deleted (not CRDs, not those with
  // Delete=false on the resource or the app) and the app is gone once they
  // are; without, the app is gone at once and its resources stay. Emits
  // ApplicationCascadeDeleted (cascade) and ApplicationDeleted when it is gone.
  // An App of Apps child is deleted through its Application object.
  Status delete_application(const std::string& app, bool cascade, TimePoint now, EventId cause);
  // `argocd app set APP --revision R`: a new targetRevision, refreshed at once.
  Status set_target_revision(const std::string& app, const std::string& revision, TimePoint now, EventId cause);
  // `argocd app set APP --sync-option KEY=VALUE` adds it (replacing one of the
  // same key); `--sync-option !KEY=VALUE` removes it (types.go SyncOptions
  // AddOption, RemoveOption). Checked by check_sync_option.
  Status set_sync_option(const std::string& app, const std::string& option, TimePoint now, EventId cause);
  // `argocd app set APP --revision-history-limit N`: applies from the next recorded sync.
  Status set_revision_history_limit(const std::string& app, std::int64_t limit, TimePoint now, EventId cause);

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
  Result<AppDiff> app_diff(const std::string& name, TimePoint now) override { return diff(name, now); }

  struct AppState {
    Application app;
    ApplicationStatus status;
    TimePoint next_poll{-1};            // when polling will next refresh this app
    std::uint64_t poll_generation = 0;  // invalidates stale poll tasks
    std::optional<TimePoint> pending_watch;  // a watch refresh already queued
    std::optional<TimePoint> repo_error_since;  // the first of the repository errors since it last answered
    std::optional<TimePoint> pending_self_heal;
    std::string window_blocked_revision;  // the revision a SyncWindowBlocked event was emitted for
    CompareMemo compare_memo;
    // The desired objects normalised for the manifests they came from (held,
    // so the identity comparison stays valid).
    std::shared_ptr<const GeneratedManifests> normalized_from;
    std::shared_ptr<const std::vector<model::Node>> normalized;
    std::shared_ptr<const DesiredIndex> normalized_index;  // what a comparison reads of them
    std::uint64_t normalized_generation = 0;  // names `normalized` for the compare memo; 0: none
    // The last comparison and what it read: while none of these moved, a
    // comparison would give the same answer, so a refresh takes this one.
    struct LastComparison {
      std::uint64_t desired_generation = 0;  // 0: none yet
      std::uint64_t spec_generation = 0;
      const cluster::Cluster* cluster = nullptr;
      std::uint64_t cluster_revision = 0;  // no object changed since...
      std::uint64_t cache_revision = 0;    // ...nor the cluster cache's index of tracked objects
      std::vector<ResourceStatus> resources;
      std::vector<std::string> tracked_by;  // per resource: the app its live object's tracking names
      SyncStatusCode sync = SyncStatusCode::Unknown;
      HealthStatus health;
    };
    LastComparison last_comparison;
    // Counters a test reads, over the app's life: resources diffed in full
    // (not from the memo), and refreshes that took the last comparison.
    std::uint64_t resources_diffed = 0;
    std::uint64_t comparisons_reused = 0;
    std::uint64_t spec_generation = 0;  // bumped whenever the spec changes
    std::shared_ptr<SyncRun> run;       // the running operation's plan and progress
    bool deleting = false;              // a cascading `argocd app delete` waits for its resources
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

  // The processors now: busy workers of how many, and what waits for one.
  struct ProcessorLoad {
    int busy = 0;
    int size = 0;
    std::size_t waiting = 0;
  };
  ProcessorLoad status_processors(TimePoint now) const;
  ProcessorLoad operation_processors(TimePoint now) const;

 private:
  enum class TaskType { Refresh, PollDue, SyncStep, Finalize };
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
  struct RefreshScope;  // one refresh's app, trigger and status before it (refresh.cpp)
  struct StepScope;     // one sync step's app, operation, cluster and plan (sync_operation.cpp)

  AppState* find_mut(const std::string& name);
  const AppProject* project_of(const Application& app) const;
  std::vector<const SyncWindow*> windows_for(const AppState& st) const;
  std::int64_t epoch_s(TimePoint t) const { return settings_.clock_start_epoch_s + t.ms / 1000; }
  std::optional<std::string> validate_spec(const AppState& st) const;
  Result<OperationState> prepare_sync(const AppState& st, const SyncRequest& request, TimePoint now) const;
  Result<OperationState> prepare_rollback(const AppState& st, std::optional<std::int64_t> id, TimePoint now) const;
  // A user's sync or rollback of the app named: the operation `prepare` makes
  // of it, or why not; start_request also starts it, caused by `cause`.
  using PrepareOperation = std::function<Result<OperationState>(const AppState&)>;
  Result<OperationState> prepare_request(const std::string& app, const PrepareOperation& prepare) const;
  Status start_request(const std::string& app, const PrepareOperation& prepare, TimePoint now, EventId cause);
  TrackingMethod tracking() const {
    return settings_.annotation_tracking ? TrackingMethod::Annotation : TrackingMethod::Label;
  }

  // The queue and the processors (controller.cpp).
  void dispatch(const Task& task, TimePoint at);
  void run_on(ProcessorPool<Task>& pool, const Task& task, TimePoint at);
  bool task_current(const AppState& st, const Task& task) const;
  ProcessorPool<Task>& pool_for(const Task& task) {
    return task.type == TaskType::SyncStep || task.type == TaskType::Finalize ? operation_pool_ : status_pool_;
  }

  void schedule_refresh(AppState& st, TimePoint at, Level level, std::string level_name, bool hard, EventId cause);
  void schedule_poll(AppState& st, TimePoint from);

  // --- refresh.cpp: resolve, render, compare, aggregate, decide
  void do_refresh(AppState& st, const Task& task, TimePoint now);
  bool refresh_spec_and_cluster(RefreshScope& r);
  std::optional<std::string> refresh_revision(RefreshScope& r);
  std::shared_ptr<const GeneratedManifests> refresh_manifests(RefreshScope& r, const std::string& sha);
  void report_comparison_error(RefreshScope& r, const std::string& message);
  EventId finish_refresh(RefreshScope& r);
  // Desired objects of the manifests with tracking metadata and destination
  // namespace applied, cached on the app for the manifests they came from.
  std::shared_ptr<const std::vector<model::Node>> normalized_targets(
      AppState& st, const std::shared_ptr<const GeneratedManifests>& manifests);
  AppComparison compare(AppState& st, const std::vector<model::Node>& desired, const ClusterRef& c,
                        CompareOptions opts);
  bool last_comparison_current(const AppState& st, const ClusterRef& c, bool hard) const;
  void compare_for_refresh(AppState& st, const std::vector<model::Node>& desired, const ClusterRef& c, bool hard);
  void apply_comparison(AppState& st, const ClusterRef& c, TimePoint now);
  void index_managed_resources(const AppState& st, const std::string& cluster_name,
                               const std::vector<ResourceStatus>& resources);
  void update_shared_resource_warnings(AppState& st, const std::vector<ResourceStatus>& resources,
                                       const std::vector<std::string>& tracked_by, TimePoint now);
  void auto_sync(AppState& st, bool desired_empty, TimePoint now, EventId cause);
  AutoSyncInput auto_sync_input(const AppState& st, bool desired_empty, TimePoint now) const;
  void start_automated_operation(AppState& st, InitiatedBy by, TimePoint now, EventId cause);

  std::vector<ObjectKey> tracked_live_keys(const AppState& st, const ClusterRef& c) const;
  const std::set<ObjectKey>* tracked_live(const AppState& st, const ClusterRef& c) const;
  Result<std::shared_ptr<const std::vector<model::Node>>> desired_of(const std::string& app, TimePoint now);

  // --- sync_operation.cpp: a sync operation, one step at a time
  enum class Gate { Done, Wait, Failed };
  void start_operation(AppState& st, OperationState op, TimePoint now);
  void sync_step(AppState& st, const Task& task, TimePoint now);
  bool held_by_sync_window(AppState& st, TimePoint now);
  SyncRun* prepare_run(AppState& st, const ClusterRef& c, TimePoint now);
  bool run_first_step(StepScope& x);
  bool create_namespace(StepScope& x);
  bool dry_run_failed(StepScope& x);
  void run_tasks(StepScope& x);
  Gate settle_started_tasks(StepScope& x);
  std::optional<Duration> run_task(StepScope& x, std::size_t index);
  Duration wave_delay_after(StepScope& x, std::size_t index) const;
  std::optional<Duration> prune_task(StepScope& x, std::size_t index);
  std::optional<Duration> apply_task(StepScope& x, std::size_t index);
  Status dry_run_task(StepScope& x, const SyncTask& t);
  model::Node target_of(StepScope& x, const SyncTask& t) const;
  void fail_sync(StepScope& x, const std::string& message);
  void run_sync_fail_phase(StepScope& x);
  void next_step(StepScope& x, Duration after);  // the step went on: it holds its processor `after`
  void wait_step(StepScope& x, Duration after);  // it waits: its processor is free meanwhile
  void emit_resource(StepScope& x, const char* type, const ObjectKey& k, const std::string& message);
  void finish_operation(AppState& st, bool success, std::string message, TimePoint now);
  bool retry_operation(AppState& st, const std::string& message, TimePoint now);
  void clean_up_hooks(AppState& st, bool success, TimePoint now);
  void record_history(AppState& st, TimePoint now);

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
  ProcessorPool<Task> status_pool_;
  ProcessorPool<Task> operation_pool_;
  Duration step_hold_{0};  // how long the sync step just run holds its processor
  LastAppliedCache last_applied_;
  // The cluster cache, as Argo CD keeps one per cluster from its watches:
  // top-level live objects by the app their tracking metadata names, and the
  // resources each app's last comparison listed.
  struct ClusterCache {
    std::map<ObjectKey, std::string> owner;
    std::map<std::string, std::set<ObjectKey>> tracked_by_app;
    std::map<ObjectKey, std::set<std::string>> managed_by;
    // Bumped when an app's tracked set gains or loses an object its running
    // sync does not apply: the plan's prunes are then computed again.
    std::map<std::string, std::uint64_t> prune_generation;
    std::uint64_t revision = 0;  // bumped by every watch event that reaches it
  };
  std::map<std::string, ClusterCache> cluster_cache_;
  std::string tracking_app_of(const model::Node& live) const { return gitops::tracking_app_of(live, tracking()); }
  void note_tracked_change(ClusterCache& cc, const std::string& app, const ObjectKey& key);
  // App of Apps: the spec last taken from each Application object, by app name.
  std::map<std::string, model::Node> app_objects_;
  bool is_app_object(const std::string& cluster_name, const ObjectKey& key) const;
  void reconcile_app_object(const std::string& cluster_name, const ObjectKey& key, TimePoint now);
  void finalize_deletion(AppState& st, const Task& task, TimePoint now);
  std::vector<ObjectKey> resources_to_delete(const AppState& st, const ClusterRef& c) const;
  std::uint64_t next_operation_id_ = 1;
  std::uint64_t refreshes_ = 0;
  std::uint64_t desired_generations_ = 0;  // the last AppState::normalized_generation handed out
};

}  // namespace gs::gitops
