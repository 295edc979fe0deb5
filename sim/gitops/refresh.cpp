// A refresh, as Argo CD's processAppRefreshQueueItem and CompareAppState do
// it: check the spec and the destination, resolve the revision (not for a
// watch refresh, which re-compares against the last one), generate the
// manifests (cached by SHA), compare (compare_app.hpp), write status and
// conditions, report what changed, then decide an automated sync.
#include <algorithm>

#include "sim/cluster/cluster.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/auto_sync.hpp"
#include "sim/gitops/controller.hpp"

namespace gs::gitops {

using model::Node;

struct AppController::RefreshScope {
  AppState& st;
  const Task& task;
  TimePoint now;
  EventId cause;
  // The status before, to report what changed.
  SyncStatusCode old_sync;
  HealthCode old_health;
  std::string old_revision;
  ClusterRef c;
};

void AppController::do_refresh(AppState& st, const Task& task, TimePoint now) {
  ++refreshes_;
  RefreshScope r{st, task, now, task.cause, st.status.sync, st.status.health.status, st.status.revision, {}};
  if (!refresh_spec_and_cluster(r)) return;
  const auto sha = refresh_revision(r);
  if (!sha) return;
  const auto manifests = refresh_manifests(r, *sha);
  if (!manifests) return;
  const auto desired = normalized_targets(st, manifests);
  if (last_comparison_current(st, r.c, task.hard)) {
    ++st.comparisons_reused;
  } else {
    compare_for_refresh(st, *desired, r.c, task.hard);
  }
  apply_comparison(st, r.c, now);
  const EventId refreshed = finish_refresh(r);
  auto_sync(st, desired->empty(), now, refreshed);
}

// Emits AppRefreshed, then what changed; returns the AppRefreshed.
EventId AppController::finish_refresh(RefreshScope& r) {
  const ApplicationStatus& s = r.st.status;
  const std::string& app = r.st.app.name;
  const EventId refreshed =
      log_.emit(r.now, events::app_refreshed(app, s.revision, to_string(s.sync),
                                             std::string(cluster::health_name(s.health.status)), r.task.level_name,
                                             r.cause));
  if (s.sync != r.old_sync) {
    log_.emit(r.now, events::sync_status_changed(app, to_string(r.old_sync), to_string(s.sync), s.revision, refreshed));
  }
  if (s.health.status != r.old_health) {
    log_.emit(r.now, events::health_status_changed(app, std::string(cluster::health_name(r.old_health)),
                                                   std::string(cluster::health_name(s.health.status)),
                                                   s.health.message, refreshed));
  }
  return refreshed;
}

// 1. Project and destination: an invalid spec or an unreachable cluster
// makes the app Unknown/Unknown and ends the refresh (false).
bool AppController::refresh_spec_and_cluster(RefreshScope& r) {
  ApplicationStatus& s = r.st.status;
  if (auto invalid = validate_spec(r.st)) {
    const bool is_new = !s.condition("InvalidSpecError");
    set_condition(r.st, "InvalidSpecError", *invalid, r.now);
    s.sync = SyncStatusCode::Unknown;
    s.health = HealthStatus{HealthCode::Unknown, *invalid};
    if (is_new) log_.emit(r.now, events::invalid_spec_error(r.st.app.name, *invalid, r.cause));
    finish_refresh(r);
    if (r.task.level == Level::Latest) schedule_poll(r.st, r.now);
    return false;
  }
  clear_condition(r.st, "InvalidSpecError");
  r.c = clusters_(r.st.app.spec.destination);
  if (auto reach = r.c.cluster->check_reachable(r.now); !reach) {
    // The controller's cluster cache cannot sync: status unknown until it can.
    const std::string msg =
        "failed to sync cluster " + r.st.app.spec.destination.server + ": " + reach.error().message;
    s.health = HealthStatus{HealthCode::Unknown, msg};
    report_comparison_error(r, msg);
    finish_refresh(r);
    if (r.task.level == Level::Latest) schedule_poll(r.st, r.now);
    return false;
  }
  return true;
}

// The ComparisonError condition: sync Unknown, the event once per message.
void AppController::report_comparison_error(RefreshScope& r, const std::string& message) {
  const Condition* prev = r.st.status.condition("ComparisonError");
  const bool is_new = !prev || prev->message != message;
  set_condition(r.st, "ComparisonError", message, r.now);
  r.st.status.sync = SyncStatusCode::Unknown;
  if (is_new) log_.emit(r.now, events::comparison_error(r.st.app.name, message, r.cause));
}

// 2. The revision: resolved for a poll, webhook, manual or spec refresh; a
// watch refresh reuses the last one. nullopt ends the refresh.
std::optional<std::string> AppController::refresh_revision(RefreshScope& r) {
  ApplicationStatus& s = r.st.status;
  std::string sha = s.revision;
  if (r.task.level != Level::Latest && !sha.empty()) return sha;
  auto resolved = repo_server_.resolve(r.st.app.spec.source, r.now);
  schedule_poll(r.st, r.now);
  if (resolved) {
    r.st.repo_error_since.reset();
    sha = *resolved;
    s.reconciled_at = r.now;
    if (sha != r.old_revision && commit_event_ && r.task.level_name == "poll") {
      // The poll saw this commit: the chain reads commit → refresh.
      if (EventId commit = commit_event_(r.st.app.spec.source.repo_url, sha)) r.cause = commit;
    }
    return sha;
  }
  // Argo CD's repo error grace period (controller/state.go, repoErrorCache;
  // controller.repo.error.grace.period.seconds, 180 s): the first error, and
  // each within 180 s of it, leave the app exactly as it was (the refresh ends
  // without a word), unless it is a hard refresh; after that, or with nothing
  // ever resolved, the app shows a ComparisonError and sync Unknown.
  if (!sha.empty() && !r.task.hard) {
    if (!r.st.repo_error_since) r.st.repo_error_since = r.now;
    if (r.now - *r.st.repo_error_since <= settings_.repo_error_grace_period) return std::nullopt;
  }
  report_comparison_error(r, "Failed to load target state: " + resolved.error().message);
  for (auto& res : s.resources) res.status = SyncStatusCode::Unknown;
  finish_refresh(r);
  return std::nullopt;
}

// 3. Manifests, cached by SHA; a failure is a ComparisonError and every
// resource's status Unknown.
std::shared_ptr<const GeneratedManifests> AppController::refresh_manifests(RefreshScope& r, const std::string& sha) {
  ApplicationStatus& s = r.st.status;
  auto generated = repo_server_.generate(r.st.app.spec.source, sha, r.task.hard, r.now);
  s.revision = sha;
  if (!generated) {
    report_comparison_error(r, generated.error().message);
    for (auto& res : s.resources) res.status = SyncStatusCode::Unknown;
    finish_refresh(r);
    return nullptr;
  }
  clear_condition(r.st, "ComparisonError");
  s.source_type = (*generated)->source_type;
  return *generated;
}

std::shared_ptr<const std::vector<Node>> AppController::normalized_targets(
    AppState& st, const std::shared_ptr<const GeneratedManifests>& manifests) {
  if (st.normalized_from != manifests || !st.normalized) {
    st.normalized = std::make_shared<const std::vector<Node>>(normalize_targets(st.app, manifests->objects, tracking()));
    st.normalized_index = std::make_shared<const DesiredIndex>(index_desired(*st.normalized));
    st.normalized_from = manifests;
    st.normalized_generation = ++desired_generations_;
  }
  return st.normalized;
}

AppComparison AppController::compare(AppState& st, const std::vector<Node>& desired, const ClusterRef& c,
                                     CompareOptions opts) {
  AppCompareInput in;
  in.app = &st.app;
  in.desired = &desired;
  if (st.normalized.get() == &desired) {
    in.index = st.normalized_index.get();
    in.desired_generation = st.normalized_generation;
  }
  in.tracking = tracking();
  in.cluster = c.cluster;
  in.tracked_live = tracked_live(st, c);
  return compare_app(in, last_applied_, opts);
}

// Whether comparing again would read what the last comparison read: the
// same desired objects and spec, and not one write to the cluster (nor to
// the cluster cache) since. Then it would give the same answer.
bool AppController::last_comparison_current(const AppState& st, const ClusterRef& c, bool hard) const {
  const AppState::LastComparison& last = st.last_comparison;
  if (hard || last.desired_generation == 0 || last.desired_generation != st.normalized_generation) return false;
  const auto cc = cluster_cache_.find(c.name);
  return last.spec_generation == st.spec_generation && last.cluster == c.cluster &&
         last.cluster_revision == c.cluster->revision() &&
         last.cache_revision == (cc == cluster_cache_.end() ? 0 : cc->second.revision);
}

void AppController::compare_for_refresh(AppState& st, const std::vector<Node>& desired, const ClusterRef& c,
                                        bool hard) {
  CompareOptions opts;
  opts.memo = &st.compare_memo;
  opts.hard = hard;
  AppComparison cmp = compare(st, desired, c, opts);
  st.resources_diffed += cmp.diffed;
  AppState::LastComparison& last = st.last_comparison;
  last.desired_generation = st.normalized.get() == &desired ? st.normalized_generation : 0;
  last.spec_generation = st.spec_generation;
  last.cluster = c.cluster;
  last.cluster_revision = c.cluster->revision();
  const auto cc = cluster_cache_.find(c.name);
  last.cache_revision = cc == cluster_cache_.end() ? 0 : cc->second.revision;
  last.tracked_by.clear();
  for (auto& p : cmp.pairs) last.tracked_by.push_back(std::move(p.tracked_by));
  last.resources = std::move(cmp.resources);
  last.sync = cmp.sync;
  last.health = std::move(cmp.health);
}

// The app's status from its last comparison.
void AppController::apply_comparison(AppState& st, const ClusterRef& c, TimePoint now) {
  const AppState::LastComparison& last = st.last_comparison;
  index_managed_resources(st, c.name, last.resources);
  update_shared_resource_warnings(st, last.resources, last.tracked_by, now);
  st.status.sync = last.sync;
  st.status.health = last.health;
  st.status.resources = last.resources;
}

// Keeps the cluster cache's index of which app lists which resource current.
void AppController::index_managed_resources(const AppState& st, const std::string& cluster_name,
                                            const std::vector<ResourceStatus>& resources) {
  const auto same_key = [](const ResourceStatus& a, const ResourceStatus& b) { return a.key == b.key; };
  if (std::equal(st.status.resources.begin(), st.status.resources.end(), resources.begin(), resources.end(), same_key)) {
    return;  // the same resources as last time
  }
  ClusterCache& cc = cluster_cache_[cluster_name];
  for (const auto& r : st.status.resources) {
    if (auto it = cc.managed_by.find(r.key); it != cc.managed_by.end()) {
      it->second.erase(st.app.name);
      if (it->second.empty()) cc.managed_by.erase(it);
    }
  }
  for (const auto& r : resources) cc.managed_by[r.key].insert(st.app.name);
}

// A desired object whose live copy another app tracks: this app warns
// (syncing it moves the tracking here, and then the other app warns).
void AppController::update_shared_resource_warnings(AppState& st, const std::vector<ResourceStatus>& resources,
                                                    const std::vector<std::string>& tracked_by, TimePoint now) {
  auto& cs = st.status.conditions;
  std::vector<Condition> before;
  for (const auto& cond : cs) {
    if (cond.type == "SharedResourceWarning") before.push_back(cond);
  }
  cs.erase(std::remove_if(cs.begin(), cs.end(), [](const Condition& cond) { return cond.type == "SharedResourceWarning"; }),
           cs.end());
  for (std::size_t i = 0; i < resources.size(); ++i) {
    const ResourceStatus& r = resources[i];
    if (r.requires_pruning || !r.live_exists) continue;
    const std::string& other = tracked_by[i];
    if (other.empty() || other == st.app.name) continue;
    const std::string msg = r.key.kind + "/" + r.key.name + " is part of applications " + st.app.ns + "/" +
                            st.app.name + " and " + other;
    const auto prev = std::find_if(before.begin(), before.end(), [&](const Condition& cond) { return cond.message == msg; });
    cs.push_back(Condition{"SharedResourceWarning", msg, prev == before.end() ? now : prev->last_transition});
  }
  std::stable_sort(cs.begin(), cs.end(), [](const Condition& a, const Condition& b) { return a.type < b.type; });
}

// ---------------------------------------------------------------------------
// Automated sync: the decision is auto_sync.hpp's pure function; here its
// input is gathered and its answer carried out.

AutoSyncInput AppController::auto_sync_input(const AppState& st, bool desired_empty, TimePoint now) const {
  const ApplicationStatus& s = st.status;
  AutoSyncInput in;
  in.automated = st.app.spec.sync_policy.automated;
  in.operation_running = s.operation_running();
  in.sync = s.sync;
  in.desired_revision = s.revision;
  bool any_non_synced = false, all_prune = true;
  for (const auto& r : s.resources) {
    if (r.status == SyncStatusCode::Synced) continue;
    any_non_synced = true;
    if (!r.requires_pruning) all_prune = false;
  }
  in.only_prune_differences = any_non_synced && all_prune;
  in.all_resources_require_pruning = desired_empty && any_non_synced && all_prune;
  if (s.operation && s.operation->finished_at && !s.operation->dry_run) {
    LastSyncAttempt last;
    last.revision = s.operation->revision;
    last.succeeded = s.operation->phase == OperationPhase::Succeeded;
    last.message = s.operation->message;
    last.finished_at = *s.operation->finished_at;
    last.self_heal_attempts = s.operation->self_heal_attempts;
    in.last = last;
  }
  in.now = now;
  in.self_heal_timeout = settings_.self_heal_timeout;
  in.self_heal_backoff = settings_.self_heal_backoff;
  return in;
}

void AppController::auto_sync(AppState& st, bool desired_empty, TimePoint now, EventId cause) {
  if (st.deleting) return;  // an app being deleted is never auto-synced (appcontroller.go autoSync)
  ApplicationStatus& s = st.status;
  const AutoSyncInput in = auto_sync_input(st, desired_empty, now);
  const AutoSyncDecision d = decide_auto_sync(in);
  if ((d.action == AutoSyncAction::Sync || d.action == AutoSyncAction::SelfHeal) &&
      !can_sync(windows_for(st), epoch_s(now), /*manual=*/false)) {
    // Auto-sync is simply skipped while a window blocks it; said once per revision.
    if (st.window_blocked_revision != s.revision) {
      st.window_blocked_revision = s.revision;
      log_.emit(now, events::sync_window_blocked(st.app.name, s.revision, "Sync prevented by sync window", cause));
    }
    return;
  }
  if (d.action != AutoSyncAction::SyncError && !in.operation_running) clear_condition(st, "SyncError");
  switch (d.action) {
    case AutoSyncAction::Skip:
      return;
    case AutoSyncAction::SyncError: {
      const bool is_new = !s.condition("SyncError") || s.condition("SyncError")->message != d.message;
      set_condition(st, "SyncError", d.message, now);
      if (is_new) log_.emit(now, events::sync_error(st.app.name, d.message, cause));
      return;
    }
    case AutoSyncAction::SelfHealLater:
      if (!st.pending_self_heal || *st.pending_self_heal != d.not_before) {
        st.pending_self_heal = d.not_before;
        schedule_refresh(st, d.not_before, Level::Recent, "watch", false, cause);
      }
      return;
    case AutoSyncAction::SelfHeal:
      st.pending_self_heal.reset();
      start_automated_operation(st, InitiatedBy::SelfHeal, now, cause);
      return;
    case AutoSyncAction::Sync:
      start_automated_operation(st, InitiatedBy::Automated, now, cause);
      return;
  }
}

// An automated whole-app sync, or a self-heal of only the drifted resources.
// Without a retry block an automated sync still retries 5 times (Argo CD).
void AppController::start_automated_operation(AppState& st, InitiatedBy by, TimePoint now, EventId cause) {
  const ApplicationStatus& s = st.status;
  OperationState op;
  op.revision = s.revision;
  op.source = st.app.spec.source;
  op.prune = st.app.spec.sync_policy.automated->prune;
  op.initiated_by = by;
  if (by == InitiatedBy::SelfHeal) {
    for (const auto& r : s.resources) {
      if (r.status != SyncStatusCode::Synced) op.only_resources.push_back(r.key);
    }
    op.self_heal_attempts = s.operation ? s.operation->self_heal_attempts + 1 : 1;
  }
  op.retry_limit = st.app.spec.sync_policy.retry ? st.app.spec.sync_policy.retry->limit : 5;
  op.cause = cause;
  start_operation(st, std::move(op), now);
}

}  // namespace gs::gitops
