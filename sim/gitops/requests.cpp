// Requests from commands (`argocd app sync/refresh/rollback/set/terminate-op`),
// checked and worded as Argo CD's API server words its errors
// (argo-cd server/application/application.go).
#include "sim/cluster/cluster.hpp"
#include "sim/gitops/controller.hpp"

namespace gs::gitops {

Status AppController::refresh(const std::string& app, bool hard, TimePoint now, EventId cause) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  schedule_refresh(*st, now, Level::Latest, hard ? "hard" : "manual", hard, cause);
  return {};
}

Status AppController::set_automated(const std::string& app, std::optional<SyncPolicyAutomated> automated,
                                    TimePoint now, EventId cause) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  const bool enabling = automated && !st->app.spec.sync_policy.automated;
  st->app.spec.sync_policy.automated = automated;
  // Enabling automated sync triggers a refresh at once, as in Argo CD.
  if (enabling) schedule_refresh(*st, now, Level::Latest, "manual", false, cause);
  return {};
}

Status AppController::sync(const std::string& app, const SyncRequest& request, TimePoint now, EventId cause) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  if (st->status.operation_running()) return Error("another operation is already in progress");
  if (auto invalid = validate_spec(*st)) return Error(*invalid);
  if (!can_sync(windows_for(*st), epoch_s(now), /*manual=*/true)) return Error("cannot sync: blocked by sync window");
  const auto& src = st->app.spec.source;
  if (request.revision && st->app.spec.sync_policy.automated && *request.revision != src.target_revision) {
    return Error("Cannot sync to " + *request.revision + ": auto-sync currently set to " + src.target_revision);
  }
  ApplicationSource target = src;
  if (request.revision) target.target_revision = *request.revision;
  auto sha = repo_server_.resolve(target, now);
  if (!sha) return sha.error();
  OperationState op;
  op.revision = *sha;
  op.source = src;
  op.prune = request.prune;
  op.dry_run = request.dry_run;
  op.initiated_by = InitiatedBy::User;
  op.cause = cause;
  if (st->app.spec.sync_policy.retry) op.retry_limit = st->app.spec.sync_policy.retry->limit;
  start_operation(*st, std::move(op), now);
  return {};
}

Status AppController::rollback(const std::string& app, std::optional<std::int64_t> id, TimePoint now, EventId cause) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  if (st->app.spec.sync_policy.automated) return Error("rollback cannot be initiated when auto-sync is enabled");
  if (st->status.operation_running()) return Error("another operation is already in progress");
  if (!can_sync(windows_for(*st), epoch_s(now), /*manual=*/true)) return Error("cannot sync: blocked by sync window");
  const auto& history = st->status.history;
  const RevisionHistory* entry = nullptr;
  if (!id) {
    if (history.size() < 2) {
      return Error("application '" + app + "' should have at least two successful deployments");
    }
    entry = &history[history.size() - 2];
  } else {
    for (const auto& h : history) {
      if (h.id == *id) entry = &h;
    }
    if (!entry) {
      return Error("application '" + app + "' does not have deployment id '" + std::to_string(*id) + "' in history");
    }
  }
  OperationState op;
  op.revision = entry->revision;
  op.source = entry->source;
  op.initiated_by = InitiatedBy::Rollback;
  op.rollback_id = entry->id;
  op.cause = cause;
  start_operation(*st, std::move(op), now);
  return {};
}

Status AppController::terminate_operation(const std::string& app, TimePoint now, EventId cause) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  if (!st->status.operation_running()) return Error("Unable to terminate operation. No operation is in progress");
  st->status.operation->retry_limit = 0;  // a terminated operation is never retried
  st->status.operation->cause = cause;
  finish_operation(*st, false, "Operation terminated", now);
  return {};
}

}  // namespace gs::gitops
