// Requests from commands (`argocd app sync/refresh/rollback/set/terminate-op/delete`),
// checked and worded as Argo CD's API server words its errors
// (argo-cd server/application/application.go).
#include <algorithm>

#include "sim/cluster/cluster.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/controller.hpp"

namespace gs::gitops {

namespace {

// One `--resource` word: GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME, `!` to exclude.
struct ResourceSelector {
  std::string group, kind, ns, name;
  bool exclude = false;
  // SyncOperationResource.Compare: `*` matches anything, no namespace any namespace.
  bool matches(const ObjectKey& k) const {
    return (group == "*" || group == k.group) && (kind == "*" || kind == k.kind) && (name == "*" || name == k.name) &&
           (ns == "*" || ns.empty() || ns == k.ns);
  }
};

Result<ResourceSelector> parse_selector(std::string word) {
  ResourceSelector r;
  if (word.rfind('!', 0) == 0) {
    r.exclude = true;
    word.erase(0, 1);
  }
  const auto c1 = word.find(':'), c2 = c1 == std::string::npos ? c1 : word.find(':', c1 + 1);
  if (c2 == std::string::npos || word.find(':', c2 + 1) != std::string::npos) {
    return Error("resource should have GROUP:KIND:NAME, but instead got: " + word);
  }
  r.group = word.substr(0, c1);
  r.kind = word.substr(c1 + 1, c2 - c1 - 1);
  r.name = word.substr(c2 + 1);
  if (const auto slash = r.name.find('/'); slash != std::string::npos) {
    if (r.name.find('/', slash + 1) != std::string::npos) {
      return Error("resource with namespace should have GROUP:KIND:NAMESPACE/NAME, but instead got: " + word);
    }
    r.ns = r.name.substr(0, slash);
    r.name = r.name.substr(slash + 1);
  }
  return r;
}

}  // namespace

// The app's resources a selective sync takes: those an include rule matches
// (all when there is none) and no exclude rule does (util/argo/argo.go
// IncludeResource); none matching is an error, as the CLI says it.
Result<std::vector<ObjectKey>> select_resources(const std::vector<ResourceStatus>& resources,
                                                const std::vector<std::string>& words) {
  std::vector<ObjectKey> out;
  if (words.empty()) return out;
  std::vector<ResourceSelector> rules;
  for (const auto& w : words) {
    auto r = parse_selector(w);
    if (!r) return r.error();
    rules.push_back(std::move(r.value()));
  }
  const bool any_include = std::any_of(rules.begin(), rules.end(), [](const ResourceSelector& r) { return !r.exclude; });
  for (const auto& res : resources) {
    const bool included = !any_include || std::any_of(rules.begin(), rules.end(), [&](const ResourceSelector& r) {
      return !r.exclude && r.matches(res.key);
    });
    const bool excluded = std::any_of(rules.begin(), rules.end(), [&](const ResourceSelector& r) {
      return r.exclude && r.matches(res.key);
    });
    if (included && !excluded) out.push_back(res.key);
  }
  if (out.empty()) {
    std::string all;
    for (const auto& w : words) all += (all.empty() ? "" : ", ") + w;
    return Error("No matching app resources found for resource filter: " + all);
  }
  return out;
}

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
  const auto& before = st->app.spec.sync_policy.automated;
  // Enabling automated sync, or self-heal, triggers a refresh at once, as in
  // Argo CD (controller/appcontroller.go: automatedSyncEnabled in the
  // application informer's UpdateFunc).
  const bool enabling = automated && (!before || (automated->self_heal && !before->self_heal));
  st->app.spec.sync_policy.automated = automated;
  if (enabling) schedule_refresh(*st, now, Level::Latest, "manual", false, cause);
  return {};
}

// What a sync refuses, worded as Argo CD words it, decided before anything
// changes: the operation it would start, or why not.
Result<OperationState> AppController::prepare_sync(const AppState& st, const SyncRequest& request,
                                                   TimePoint now) const {
  if (st.status.operation_running()) return Error("another operation is already in progress");
  if (auto invalid = validate_spec(st)) return Error(*invalid);
  if (!can_sync(windows_for(st), epoch_s(now), /*manual=*/true)) return Error("cannot sync: blocked by sync window");
  const auto& src = st.app.spec.source;
  if (request.revision && st.app.spec.sync_policy.automated && *request.revision != src.target_revision) {
    return Error("Cannot sync to " + *request.revision + ": auto-sync currently set to " + src.target_revision);
  }
  ApplicationSource target = src;
  if (request.revision) target.target_revision = *request.revision;
  auto sha = repo_server_.resolve(target, now);
  if (!sha) return sha.error();
  auto selected = select_resources(st.status.resources, request.resources);
  if (!selected) return selected.error();
  OperationState op;
  op.revision = *sha;
  op.source = src;
  op.prune = request.prune;
  op.dry_run = request.dry_run;
  op.initiated_by = InitiatedBy::User;
  op.only_resources = std::move(selected.value());
  if (st.app.spec.sync_policy.retry) op.retry_limit = st.app.spec.sync_policy.retry->limit;
  return op;
}

Result<OperationState> AppController::prepare_request(const std::string& app, const PrepareOperation& prepare) const {
  const AppState* st = find(app);
  if (!st) return Error("application '" + app + "' not found");
  return prepare(*st);
}

Status AppController::start_request(const std::string& app, const PrepareOperation& prepare, TimePoint now,
                                    EventId cause) {
  auto op = prepare_request(app, prepare);
  if (!op) return op.error();
  op->cause = cause;
  start_operation(*find_mut(app), std::move(op.value()), now);
  return {};
}

Status AppController::check_sync(const std::string& app, const SyncRequest& request, TimePoint now) const {
  auto op = prepare_request(app, [&](const AppState& st) { return prepare_sync(st, request, now); });
  if (!op) return op.error();
  return {};
}

Status AppController::sync(const std::string& app, const SyncRequest& request, TimePoint now, EventId cause) {
  return start_request(app, [&](const AppState& st) { return prepare_sync(st, request, now); }, now, cause);
}

Result<OperationState> AppController::prepare_rollback(const AppState& st, std::optional<std::int64_t> id,
                                                       TimePoint now) const {
  const std::string& app = st.app.name;
  if (st.app.spec.sync_policy.automated) return Error("rollback cannot be initiated when auto-sync is enabled");
  if (st.status.operation_running()) return Error("another operation is already in progress");
  if (!can_sync(windows_for(st), epoch_s(now), /*manual=*/true)) return Error("cannot sync: blocked by sync window");
  const auto& history = st.status.history;
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
  return op;
}

Status AppController::check_rollback(const std::string& app, std::optional<std::int64_t> id, TimePoint now) const {
  auto op = prepare_request(app, [&](const AppState& st) { return prepare_rollback(st, id, now); });
  if (!op) return op.error();
  return {};
}

Status AppController::rollback(const std::string& app, std::optional<std::int64_t> id, TimePoint now, EventId cause) {
  return start_request(app, [&](const AppState& st) { return prepare_rollback(st, id, now); }, now, cause);
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

namespace gs::gitops {

using model::Node;

Status AppController::delete_application(const std::string& app, bool cascade, TimePoint now, EventId cause) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  if (app_objects_.count(app)) {
    // An App of Apps child: its Application object is deleted, with or
    // without the resources finalizer, and the finalizer does the rest.
    const ClusterRef home = clusters_(ApplicationDestination{kInClusterServer, "", ""});
    const ObjectKey key{"argoproj.io", "Application", kArgoNamespace, app};
    if (home.cluster && home.cluster->get(key)) {
      Node patch = Node::map();
      Node finalizers = Node::list();
      if (cascade) finalizers.push_back(Node::string(kResourcesFinalizer));
      patch["metadata"].set("finalizers", cascade ? finalizers : Node::null());
      if (auto patched = home.cluster->patch_merge(key, patch, now, "argocd-server"); !patched) return patched.error();
      return home.cluster->remove(key, now, "argocd-server");
    }
  }
  if (!cascade) {
    log_.emit(now, events::application_deleted(app, cause));
    remove_application(app);
    return {};
  }
  const ClusterRef c = clusters_(st->app.spec.destination);
  const auto gone = c.cluster ? resources_to_delete(*st, c) : std::vector<ObjectKey>{};
  for (const auto& k : gone) (void)c.cluster->remove(k, now, kControllerManager);
  log_.emit(now, events::application_cascade_deleted(app, static_cast<std::int64_t>(gone.size()), cause));
  st->deleting = true;
  queue_.push(now, Task{TaskType::Finalize, app, Level::Latest, "", false, 0, cause});
  return {};
}

// The app goes once the resources it deleted are gone (finalizeApplicationDeletion: "N objects remaining for deletion").
void AppController::finalize_deletion(AppState& st, const Task& task, TimePoint now) {
  const ClusterRef c = clusters_(st.app.spec.destination);
  if (c.cluster && !resources_to_delete(st, c).empty()) {
    queue_.push(now + Duration::seconds(1), task);
    return;
  }
  log_.emit(now, events::application_deleted(st.app.name, task.cause));
  remove_application(st.app.name);
}

Status AppController::set_target_revision(const std::string& app, const std::string& revision, TimePoint now,
                                          EventId cause) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  st->app.spec.source.target_revision = revision.empty() ? "HEAD" : revision;
  ++st->spec_generation;
  // A changed source is compared at once against its latest revision.
  schedule_refresh(*st, now, Level::Latest, "spec", false, cause);
  return {};
}

Status AppController::set_sync_option(const std::string& app, const std::string& option, TimePoint now,
                                      EventId cause) {
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  const bool remove = option.rfind('!', 0) == 0;
  const std::string opt = remove ? option.substr(1) : option;
  if (auto checked = check_sync_option(opt); !checked) return checked.error();
  auto& options = st->app.spec.sync_policy.sync_options;
  if (remove) {
    options.erase(opt);
  } else {
    const std::string key = opt.substr(0, opt.find('=') + 1);
    for (auto it = options.begin(); it != options.end();) it = it->rfind(key, 0) == 0 ? options.erase(it) : std::next(it);
    options.insert(opt);
  }
  ++st->spec_generation;
  schedule_refresh(*st, now, Level::Latest, "spec", false, cause);
  return {};
}

Status AppController::set_revision_history_limit(const std::string& app, std::int64_t limit, TimePoint now,
                                                 EventId cause) {
  (void)now;
  (void)cause;
  AppState* st = find_mut(app);
  if (!st) return Error("application '" + app + "' not found");
  st->app.spec.revision_history_limit = limit;
  return {};
}

}  // namespace gs::gitops
