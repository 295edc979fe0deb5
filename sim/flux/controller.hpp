// FluxController: Flux's source-controller, kustomize-controller and
// notification-controller (Receivers) as one gitops::Reconciler
// (peers-behaviour.md §1). A Git change reaches the cluster in two hops with
// a timer each: a GitRepository fetches every spec.interval and stores a new
// artifact (`main@sha1:<sha>`) only when the revision moved; a new artifact
// starts its Kustomizations at once, and each Kustomization also runs every
// spec.interval, applying what drifted — there is no self-heal switch — and
// pruning from its inventory. It reuses Argo CD's repo server (fetch and
// render: plain directories and kustomize), the cluster API (apply, prune),
// Argo CD's health checks (sim/cluster/health) and the two-way diff
// (sim/gitops/compare). Each Kustomization is an app of the read model
// (controller "flux", kind "Kustomization"), its Flux conditions beside
// Argo CD's words for sync and health.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/cluster/health/health.hpp"
#include "sim/core/event.hpp"
#include "sim/flux/objects.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/gitops/repo_server.hpp"

namespace gs::flux {

inline constexpr const char* kKustomizeManager = "kustomize-controller";
// How often a running health check looks again (the kstatus poller's pace).
inline constexpr Duration kHealthPoll = Duration::seconds(5);

// One kstatus condition, as `kubectl get -o yaml` shows it.
struct Condition {
  std::string type, status, reason, message;
  TimePoint last_transition;
};

struct SourceState {
  GitRepositorySpec spec;
  std::string cluster;  // where this Flux runs
  std::string artifact_sha, artifact_revision;  // "" before the first fetch
  std::optional<TimePoint> artifact_at;
  std::vector<Condition> conditions;
  std::optional<TimePoint> next_run;
  std::optional<TimePoint> last_fetch;
  EventId cause = 0;
};

// status.history: one entry per revision, its runs counted.
struct KsHistory {
  std::string revision;
  std::string status;  // ReconciliationSucceeded | the failure's reason
  std::int64_t count = 0;
  TimePoint first, last;
};

struct KustomizationState {
  KustomizationSpec spec;
  std::string cluster;
  std::string last_applied_revision, last_attempted_revision;  // main@sha1:...
  std::string applied_sha;  // the SHA of last_applied_revision
  std::string source_type;
  std::vector<cluster::ObjectKey> inventory;  // sorted
  std::vector<KsHistory> history;             // newest last, at most 5
  std::vector<gitops::HistoryView> deployments;
  std::vector<Condition> conditions;
  std::optional<TimePoint> next_run, last_run;
  // A run waiting on its health checks: since when, until when, which revision.
  std::optional<TimePoint> health_deadline;
  TimePoint health_started;
  std::string health_revision, health_changes;
  cluster::HealthStatus health{cluster::HealthCode::Unknown, ""};  // Argo CD's words, from live objects
  EventId cause = 0;
};

struct ReceiverState {
  ReceiverSpec spec;
  std::string cluster;
  std::int64_t fired = 0;
  std::optional<TimePoint> last_fired;
};

// One cluster's objects, as the scenario lists them.
struct FluxInstall {
  std::string cluster;
  FluxObjects objects;
};

class FluxController final : public gitops::Reconciler {
 public:
  FluxController(std::vector<FluxInstall> installs, gitops::RepoServer& repo_server,
                 gitops::AppController::ClusterLookup clusters, EventLog& log,
                 gitops::AppController::CommitEventLookup commit_event);

  // --- Reconciler ---------------------------------------------------------------
  std::string_view kind() const override { return "flux"; }
  std::optional<TimePoint> next_wakeup() const override;
  bool run_until(TimePoint now, const std::function<bool()>& enough) override;
  // A Receiver wakes its resources when their repository moves (a webhook).
  void on_push(const gitops::PushNotice& push, TimePoint now) override;
  // Flux does not watch for drift; a live change only moves the health it shows.
  void on_live_change(const gitops::LiveChange& change, TimePoint now) override;
  std::vector<std::string> app_names() const override;
  std::optional<gitops::AppView> app_view(const std::string& name, TimePoint now) const override;
  Result<gitops::AppDiff> app_diff(const std::string& name, TimePoint now) override;

  // --- reads, for the flux CLI --------------------------------------------------
  const std::vector<SourceState>& sources() const { return sources_; }
  const std::vector<KustomizationState>& kustomizations() const { return kss_; }
  const std::vector<ReceiverState>& receivers() const { return receivers_; }
  std::vector<std::string> clusters() const;  // where Flux runs, sorted
  // By name in a cluster ("" : any cluster); nullptr when none.
  const SourceState* source(const std::string& name, const std::string& cluster = "") const;
  const KustomizationState* kustomization(const std::string& name, const std::string& cluster = "") const;
  // Ready's status ("True", "False", "Unknown") and its condition, if any.
  static const Condition* condition(const std::vector<Condition>& conds, const std::string& type);

  // --- requests (flux reconcile / suspend / resume): checked by the command ----
  // reconcile.fluxcd.io/requestedAt: run now; with_source: the source first.
  void request_source(const std::string& name, const std::string& cluster, TimePoint now, EventId cause);
  void request_kustomization(const std::string& name, const std::string& cluster, bool with_source, TimePoint now,
                             EventId cause);
  void set_source_suspend(const std::string& name, const std::string& cluster, bool suspend, TimePoint now);
  void set_kustomization_suspend(const std::string& name, const std::string& cluster, bool suspend, TimePoint now);
  // Runs done, for `flux reconcile` to wait on.
  std::uint64_t runs() const { return runs_; }

 private:
  SourceState* source_mut(const std::string& name, const std::string& cluster);
  KustomizationState* ks_mut(const std::string& name, const std::string& cluster);
  void reconcile_source(SourceState& s, TimePoint now);
  void reconcile_kustomization(KustomizationState& k, TimePoint now);
  bool dependencies_ready(KustomizationState& k, TimePoint now);
  void check_health(KustomizationState& k, TimePoint now);
  void succeed(KustomizationState& k, const std::string& revision, const std::string& sha, const std::string& changes,
               TimePoint now);
  void fail(KustomizationState& k, const std::string& reason, const std::string& message, TimePoint now);
  void note_history(KustomizationState& k, const std::string& revision, const std::string& status, TimePoint now);
  // Desired objects of a run: rendered, namespaced, labelled as Flux labels them.
  Result<std::vector<model::Node>> desired(KustomizationState& k, const std::string& sha, TimePoint now);
  std::vector<cluster::ObjectKey> health_keys(const KustomizationState& k) const;
  void update_health(KustomizationState& k, TimePoint now, EventId cause);

  gitops::RepoServer& repo_server_;
  gitops::AppController::ClusterLookup clusters_;
  EventLog& log_;
  gitops::AppController::CommitEventLookup commit_event_;
  std::vector<SourceState> sources_;
  std::vector<KustomizationState> kss_;
  std::vector<ReceiverState> receivers_;
  std::uint64_t runs_ = 0;
};

// The Ready condition's status of a Kustomization or GitRepository ("Unknown" without one).
std::string ready_status(const std::vector<Condition>& conds);

}  // namespace gs::flux
