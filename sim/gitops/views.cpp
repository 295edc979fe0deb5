// Read-only views: the status snapshot (Reconciler::app_view), the desired
// and live manifests (`argocd app manifests`), and per-resource diffs
// (`argocd app diff`, the GUI's diff) — the diffs read the same comparison a
// refresh makes (compare_app.hpp), so they agree with the app's sync status.
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/gitops/controller.hpp"

namespace gs::gitops {

using model::Node;

std::optional<AppView> AppController::app_view(const std::string& name, TimePoint now) const {
  const AppState* st = find(name);
  if (!st) return std::nullopt;
  const Application& app = st->app;
  const ApplicationStatus& status = st->status;
  AppView a;
  a.name = name;
  a.controller = std::string(kind());
  a.kind = "Application";
  a.app_namespace = app.ns;
  a.project = app.spec.project;
  const ClusterRef c = clusters_(app.spec.destination);
  a.cluster = c.name;
  a.server = c.cluster ? c.cluster->server() : app.spec.destination.server;
  a.ns = app.spec.destination.ns;
  a.destination = app.spec.destination.server.empty() ? app.spec.destination.name : app.spec.destination.server;
  a.repo_url = app.spec.source.repo_url;
  a.path = app.spec.source.path;
  a.target_revision = app.spec.source.target_revision;
  a.source_type = status.source_type;
  a.revision = status.revision;
  a.sync = to_string(status.sync);
  a.health = std::string(cluster::health_name(status.health.status));
  a.health_message = status.health.message;
  if (const auto& op = status.operation) {
    OperationView o;
    o.phase = to_string(op->phase);
    o.message = op->message;
    o.initiated_by = to_string(op->initiated_by);
    o.revision = op->revision;
    o.prune = op->prune;
    o.dry_run = op->dry_run;
    o.started_at = op->started_at;
    o.finished_at = op->finished_at;
    o.retry_count = op->retry_count;
    for (const auto& r : op->results) o.results.push_back(ResourceResultView{r.key, r.status, r.message, r.hook_type});
    a.operation = std::move(o);
  }
  const SyncPolicy& policy = app.spec.sync_policy;
  if (const auto& au = policy.automated) {
    a.automated = true;
    a.self_heal = au->self_heal;
    a.prune = au->prune;
    a.allow_empty = au->allow_empty;
  }
  a.sync_options.assign(policy.sync_options.begin(), policy.sync_options.end());
  if (policy.retry) a.retry_limit = policy.retry->limit;
  const auto windows = windows_for(*st);
  a.sync_window = to_string(gitops::sync_window_state(windows, epoch_s(now)));
  for (const SyncWindow* w : windows) {
    a.sync_windows.push_back(
        SyncWindowView{w->deny ? "deny" : "allow", w->schedule, w->duration, w->manual_sync, w->active_at(epoch_s(now))});
  }
  a.reconciled_at = status.reconciled_at;
  if (st->next_poll.ms >= 0) a.next_poll = st->next_poll;
  if (settings_.reconciliation_timeout.ms > 0) a.poll_interval = settings_.reconciliation_timeout;
  if (app_objects_.count(name)) {
    // The app whose sync created the object, by its tracking metadata.
    const ClusterRef home = clusters_(ApplicationDestination{kInClusterServer, "", ""});
    const Node* obj = home.cluster ? home.cluster->get(ObjectKey{"argoproj.io", "Application", kArgoNamespace, name}) : nullptr;
    if (obj) a.parent = tracking_app_of(*obj);
  }
  for (const auto& h : status.history) {
    a.history.push_back(
        HistoryView{h.id, h.revision, h.source.target_revision, h.deployed_at, to_string(h.initiated_by)});
  }
  for (const auto& cond : status.conditions) {
    a.conditions.push_back(ConditionView{cond.type, cond.message, cond.last_transition});
  }
  for (const auto& r : status.resources) {
    ResourceView v;
    v.key = r.key;
    v.sync = to_string(r.status);
    if (r.health) {
      v.health = std::string(cluster::health_name(r.health->status));
      v.health_message = r.health->message;
    }
    v.requires_pruning = r.requires_pruning;
    v.live = r.live_exists;
    v.sync_wave = r.sync_wave;
    v.changed_paths = r.changed_paths;
    a.resources.push_back(std::move(v));
  }
  return a;
}

Result<std::vector<Node>> AppController::desired_manifests(const std::string& app, TimePoint now) {
  auto desired = desired_of(app, now);
  if (!desired) return desired.error();
  return **desired;
}

// The app's desired objects at its compared revision (resolved now if it
// never compared), normalised as a refresh normalises them.
Result<std::shared_ptr<const std::vector<Node>>> AppController::desired_of(const std::string& app, TimePoint now) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  std::string sha = st->status.revision;
  if (sha.empty()) {
    auto r = repo_server_.resolve(st->app.spec.source, now);
    if (!r) return r.error();
    sha = *r;
  }
  auto generated = repo_server_.generate(st->app.spec.source, sha, false, now);
  if (!generated) return generated.error();
  return normalized_targets(*st, *generated);
}

std::vector<Node> AppController::live_manifests(const std::string& app) const {
  std::vector<Node> out;
  const AppState* st = find(app);
  if (!st) return out;
  const ClusterRef c = clusters_(st->app.spec.destination);
  if (!c.cluster) return out;
  for (const auto& r : st->status.resources) {
    if (const Node* live = c.cluster->get(r.key)) out.push_back(*live);
  }
  return out;
}

Result<std::vector<std::pair<ObjectKey, ResourceDiff>>> AppController::diff(const std::string& app, TimePoint now) {
  auto desired = desired_of(app, now);
  if (!desired) return desired.error();
  AppState& st = *find_mut(app);
  const ClusterRef c = clusters_(st.app.spec.destination);
  std::vector<std::pair<ObjectKey, ResourceDiff>> out;
  if (!c.cluster) return out;
  CompareOptions opts;
  opts.with_diffs = true;
  AppComparison cmp = compare(st, **desired, c, opts);
  for (std::size_t i = 0; i < cmp.resources.size(); ++i) {
    if (cmp.resources[i].status != SyncStatusCode::OutOfSync) continue;
    out.emplace_back(cmp.resources[i].key, std::move(cmp.pairs[i].diff));
  }
  return out;
}

}  // namespace gs::gitops
