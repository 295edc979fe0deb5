#include "sim/gitops/controller.hpp"

#include <algorithm>
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/auto_sync.hpp"
#include "sim/gitops/sync_order.hpp"
#include "sim/model/yaml.hpp"

namespace gs::gitops {
namespace {

using model::Node;


bool is_namespaced(const std::string& group, const std::string& kind) {
  const cluster::KindInfo* info = cluster::find_builtin_kind(group, kind);
  return info ? info->namespaced : true;  // custom resources: namespaced unless known otherwise
}

// The key a desired object is stored under once its namespace is filled in.
ObjectKey key_of(const Node& obj) {
  ObjectKey k;
  k.group = cluster::group_of(obj.get_string({"apiVersion"}).value_or(""));
  k.kind = obj.get_string({"kind"}).value_or("");
  k.name = obj.get_string({"metadata", "name"}).value_or("");
  if (is_namespaced(k.group, k.kind)) k.ns = obj.get_string({"metadata", "namespace"}).value_or("");
  return k;
}

std::string version_of(const Node& obj) { return cluster::version_of(obj.get_string({"apiVersion"}).value_or("")); }

std::string annotation(const Node& obj, std::string_view key) {
  const Node* ann = obj.get({"metadata", "annotations"});
  if (!ann) return {};
  const Node* v = ann->find(key);
  return v && v->is_scalar() ? v->text() : std::string();
}

// The phase of a resource hook (argocd.argoproj.io/hook), None for an
// ordinary resource. "Skip" resources are never applied. A comma list names
// every phase the hook runs in.
enum class HookKind { None, PreSync, Sync, PostSync, SyncFail, Skip };

// The recognised words of the hook annotation, in order, once each.
std::vector<HookKind> hook_words(const Node& obj) {
  static const std::pair<const char*, HookKind> kWords[] = {{"PreSync", HookKind::PreSync},
                                                            {"Sync", HookKind::Sync},
                                                            {"PostSync", HookKind::PostSync},
                                                            {"SyncFail", HookKind::SyncFail},
                                                            {"Skip", HookKind::Skip}};
  std::vector<HookKind> out;
  const std::string v = annotation(obj, "argocd.argoproj.io/hook");
  std::size_t i = 0;
  while (i < v.size()) {
    const std::size_t j = std::min(v.find(',', i), v.size());
    std::string item = v.substr(i, j - i);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    for (const auto& [word, kind] : kWords) {
      if (item == word && std::find(out.begin(), out.end(), kind) == out.end()) out.push_back(kind);
    }
    i = j + 1;
  }
  return out;
}

// The first phase; an unrecognised hook value is Skip: never applied, no status (Argo CD).
HookKind hook_kind(const Node& obj) {
  if (annotation(obj, "argocd.argoproj.io/hook").empty()) return HookKind::None;
  const auto words = hook_words(obj);
  return words.empty() ? HookKind::Skip : words.front();
}

// Every phase a hook runs in ("PreSync,PostSync" runs twice: the second run
// deletes and re-creates the first one's object); {None} for a resource.
std::vector<HookKind> hook_kinds(const Node& obj) {
  const HookKind first = hook_kind(obj);
  if (first == HookKind::None || first == HookKind::Skip) return {first};
  std::vector<HookKind> out = hook_words(obj);
  out.erase(std::remove(out.begin(), out.end(), HookKind::Skip), out.end());
  return out;
}

SyncPhase phase_of(HookKind k) {
  switch (k) {
    case HookKind::PreSync: return SyncPhase::PreSync;
    case HookKind::PostSync: return SyncPhase::PostSync;
    case HookKind::SyncFail: return SyncPhase::SyncFail;
    default: return SyncPhase::Sync;
  }
}

const char* hook_name(HookKind k) {
  switch (k) {
    case HookKind::PreSync: return "PreSync";
    case HookKind::Sync: return "Sync";
    case HookKind::PostSync: return "PostSync";
    case HookKind::SyncFail: return "SyncFail";
    case HookKind::Skip: return "Skip";
    case HookKind::None: return "";
  }
  return "";
}

// argocd.argoproj.io/hook-delete-policy; BeforeHookCreation when none is given.
bool has_delete_policy(const Node& obj, std::string_view policy) {
  const std::string v = annotation(obj, "argocd.argoproj.io/hook-delete-policy");
  if (v.empty()) return policy == "BeforeHookCreation";
  return v.find(policy) != std::string::npos;
}

bool has_sync_option(const Node& obj, std::string_view opt) {
  const std::string v = annotation(obj, "argocd.argoproj.io/sync-options");
  std::size_t i = 0;
  while (i <= v.size()) {
    std::size_t j = std::min(v.find(',', i), v.size());
    std::string_view item(v.data() + i, j - i);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == opt) return true;
    i = j + 1;
  }
  return false;
}

Duration retry_backoff(const Backoff& b, std::int64_t attempt) {
  // min(duration * factor^(attempt-1), maxDuration), as Argo CD's retry.
  std::int64_t ms = b.duration.ms;
  for (std::int64_t i = 1; i < attempt && ms < b.max_duration.ms; ++i) ms *= std::max<std::int64_t>(1, b.factor);
  return Duration{std::min(ms, b.max_duration.ms)};
}

std::string clock_of(TimePoint t) {
  // Virtual time of day, for "Retrying attempt #N at +1m5s".
  return format_offset(t);
}

}  // namespace

const char* to_string(InitiatedBy by) {
  switch (by) {
    case InitiatedBy::Automated: return "automated";
    case InitiatedBy::SelfHeal: return "selfHeal";
    case InitiatedBy::User: return "user";
    case InitiatedBy::Rollback: return "rollback";
  }
  return "user";
}

AppController::AppController(ControllerSettings settings, RepoServer& repo_server, ClusterLookup clusters,
                             EventLog& log, Rng rng)
    : settings_(settings), repo_server_(repo_server), clusters_(std::move(clusters)), log_(log), rng_(rng) {
  projects_.emplace("default", default_project());
}

Status AppController::add_project(AppProject project) {
  projects_.insert_or_assign(project.name, std::move(project));
  return {};
}

Status AppController::add_application(Application app, TimePoint now, EventId cause) {
  if (apps_.count(app.name)) return Error("application '" + app.name + "' already exists");
  const std::string name = app.name;
  AppState st;
  st.app = std::move(app);
  auto [it, _] = apps_.emplace(name, std::move(st));
  schedule_refresh(it->second, now, Level::Latest, "initial", false, cause);
  return {};
}

Status AppController::update_application(Application app, TimePoint now, EventId cause) {
  AppState* st = find_mut(app.name);
  if (!st) return Error("application '" + app.name + "' not found");
  st->app = std::move(app);
  // The same SHA now renders another path or lands elsewhere: nothing
  // compared under the old spec holds.
  st->compare_memo.clear();
  st->normalized_from.reset();
  st->normalized.clear();
  schedule_refresh(*st, now, Level::Latest, "spec", false, cause);
  return {};
}

void AppController::remove_application(const std::string& name) { apps_.erase(name); }

std::vector<ObjectKey> AppController::delete_managed_resources(const std::string& name, TimePoint now) {
  std::vector<ObjectKey> out;
  const AppState* st = find(name);
  if (!st) return out;
  const ClusterRef c = clusters_(st->app.spec.destination);
  if (!c.cluster) return out;
  out = tracked_live_keys(*st, c);
  // Dependents before what they depend on: the reverse of the apply order.
  std::stable_sort(out.begin(), out.end(), [](const ObjectKey& a, const ObjectKey& b) {
    return kind_rank(a.kind) > kind_rank(b.kind);
  });
  for (const auto& k : out) (void)c.cluster->remove(k, now, kControllerManager);
  return out;
}

AppController::AppState* AppController::find_mut(const std::string& name) {
  auto it = apps_.find(name);
  return it == apps_.end() ? nullptr : &it->second;
}

const AppController::AppState* AppController::find(const std::string& name) const {
  auto it = apps_.find(name);
  return it == apps_.end() ? nullptr : &it->second;
}

std::vector<std::string> AppController::app_names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : apps_) out.push_back(name);
  return out;
}

const AppProject* AppController::project_of(const Application& app) const {
  auto it = projects_.find(app.spec.project);
  return it == projects_.end() ? nullptr : &it->second;
}

std::vector<const SyncWindow*> AppController::windows_for(const AppState& st) const {
  std::vector<const SyncWindow*> out;
  const AppProject* proj = project_of(st.app);
  if (!proj) return out;
  const ClusterRef c = clusters_(st.app.spec.destination);
  const auto& d = st.app.spec.destination;
  for (const auto& w : proj->sync_windows) {
    if (w.matches(st.app.name, d.ns, d.server, d.name.empty() ? c.name : d.name)) out.push_back(&w);
  }
  return out;
}

SyncWindowState AppController::sync_window_state(const std::string& app, TimePoint now) const {
  const AppState* st = find(app);
  if (!st) return SyncWindowState::Allowed;
  return gitops::sync_window_state(windows_for(*st), epoch_s(now));
}

std::optional<std::string> AppController::validate_spec(const AppState& st) const {
  const Application& app = st.app;
  const AppProject* proj = project_of(app);
  if (!proj) return "Application referencing project " + app.spec.project + " which does not exist";
  const bool repo_ok = std::any_of(proj->source_repos.begin(), proj->source_repos.end(),
                                   [&](const std::string& g) { return glob_match(g, app.spec.source.repo_url); });
  if (!repo_ok) {
    return "application repo " + app.spec.source.repo_url + " is not permitted in project '" + proj->name + "'";
  }
  const ClusterRef c = clusters_(app.spec.destination);
  if (!c.cluster) {
    const std::string which = app.spec.destination.server.empty() ? app.spec.destination.name : app.spec.destination.server;
    return "cluster '" + which + "' has not been configured";
  }
  const auto& d = app.spec.destination;
  const bool dest_ok = std::any_of(proj->destinations.begin(), proj->destinations.end(), [&](const ProjectDestination& pd) {
    const bool server_ok = (!pd.server.empty() && glob_match(pd.server, d.server)) ||
                           (!pd.name.empty() && glob_match(pd.name, c.name));
    return server_ok && glob_match(pd.ns.empty() ? "*" : pd.ns, d.ns);
  });
  if (!dest_ok) {
    return "application destination server '" + d.server + "' and namespace '" + d.ns +
           "' do not match any of the allowed destinations in project '" + proj->name + "'";
  }
  return std::nullopt;
}

void AppController::schedule_refresh(AppState& st, TimePoint at, Level level, std::string level_name, bool hard,
                                     EventId cause) {
  if (level == Level::Recent) {
    // Coalesce watch refreshes: one pending per app is enough.
    if (st.pending_watch && *st.pending_watch <= at) return;
    st.pending_watch = at;
  }
  queue_.push(at, Task{TaskType::Refresh, st.app.name, level, std::move(level_name), hard, 0, cause});
}

void AppController::schedule_poll(AppState& st, TimePoint from) {
  ++st.poll_generation;
  if (settings_.reconciliation_timeout.ms <= 0) {
    st.next_poll = TimePoint{-1};  // timeout.reconciliation: 0s disables polling
    return;
  }
  Duration jitter{0};
  if (settings_.reconciliation_jitter.ms > 0) {
    Rng r = rng_.fork("gitops/poll-jitter/" + st.app.name + "/" + std::to_string(st.poll_generation));
    jitter = Duration{static_cast<std::int64_t>(r.below(static_cast<std::uint64_t>(settings_.reconciliation_jitter.ms)))};
  }
  st.next_poll = from + settings_.reconciliation_timeout + jitter;
  queue_.push(st.next_poll, Task{TaskType::PollDue, st.app.name, Level::Latest, "poll", false, st.poll_generation, 0});
}

std::optional<TimePoint> AppController::next_wakeup() const { return queue_.next_time(); }

bool AppController::run_until(TimePoint now, const std::function<bool()>& enough) {
  // Bounded: a task may queue more tasks at the same instant, never unboundedly.
  for (int guard = 0; guard < 1'000'000 && !queue_.empty() && *queue_.next_time() <= now; ++guard) {
    auto entry = queue_.pop();
    const Task& task = entry.item;
    AppState* st = find_mut(task.app);
    if (!st) continue;
    switch (task.type) {
      case TaskType::Refresh:
        if (task.level == Level::Recent) st->pending_watch.reset();
        do_refresh(*st, task, entry.at);
        break;
      case TaskType::PollDue:
        if (task.generation != st->poll_generation) break;  // a newer refresh moved the mark
        do_refresh(*st, task, entry.at);
        break;
      case TaskType::SyncStep:
        sync_step(*st, task, entry.at);
        break;
    }
    if (enough && !queue_.empty() && *queue_.next_time() <= now && enough()) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Triggers and requests

void AppController::notify_push(const std::string& repo_url, const std::string& branch,
                                 const std::string& default_branch, TimePoint now, EventId cause) {
  for (auto& [name, st] : apps_) {
    const auto& src = st.app.spec.source;
    if (src.repo_url != repo_url) continue;
    const bool head = src.target_revision.empty() || src.target_revision == "HEAD";
    if (src.target_revision == branch || (head && branch == default_branch)) {
      schedule_refresh(st, now, Level::Latest, "webhook", false, cause);
    }
  }
}

void AppController::notify_live_change(const std::string& cluster_name, const cluster::Cluster& cluster,
                                       const ObjectKey& key, TimePoint now, EventId cause) {
  ClusterCache& cc = cluster_cache_[cluster_name];
  std::set<std::string> affected;
  // Index the object by the app its tracking metadata names (top-level only:
  // ReplicaSets and Pods carry owner references and are children, not resources).
  if (auto it = cc.owner.find(key); it != cc.owner.end()) {
    affected.insert(it->second);
    cc.tracked_by_app[it->second].erase(key);
    cc.owner.erase(it);
  }
  if (const Node* live = cluster.get(key)) {
    const Node* owners = live->get({"metadata", "ownerReferences"});
    const std::string app = tracking_app_of(*live);
    if (!app.empty() && !(owners && owners->size() > 0)) {
      cc.owner[key] = app;
      cc.tracked_by_app[app].insert(key);
      affected.insert(app);
    }
  }
  if (auto it = cc.managed_by.find(key); it != cc.managed_by.end()) affected.insert(it->second.begin(), it->second.end());
  for (const auto& name : affected) {
    AppState* st = find_mut(name);
    if (!st) continue;
    const ClusterRef c = clusters_(st->app.spec.destination);
    if (!c.cluster || c.name != cluster_name) continue;
    schedule_refresh(*st, now + settings_.watch_delay, Level::Recent, "watch", false, cause);
  }
}

void AppController::on_push(const PushNotice& push, TimePoint now) {
  notify_push(push.repo_url, push.ref, push.default_branch, now, push.cause);
}

void AppController::on_live_change(const LiveChange& change, TimePoint now) {
  const ClusterRef c = clusters_(ApplicationDestination{"", change.cluster, ""});
  if (!c.cluster) return;
  notify_live_change(change.cluster, *c.cluster, change.key, now, change.cause);
  if (is_app_object(change.cluster, change.key)) reconcile_app_object(change.cluster, change.key, now);
}

// ---------------------------------------------------------------------------
// App of Apps: Application objects in the namespace Argo CD watches, in the
// cluster it runs in, become apps; their finalizer cascades a deletion.

bool AppController::is_app_object(const std::string& cluster_name, const ObjectKey& key) const {
  if (key.group != "argoproj.io" || key.kind != "Application" || key.ns != kArgoNamespace) return false;
  const ClusterRef home = clusters_(ApplicationDestination{kInClusterServer, "", ""});
  return home.cluster && home.name == cluster_name;
}

void AppController::reconcile_app_object(const std::string& cluster_name, const ObjectKey& key, TimePoint now) {
  cluster::Cluster& c = *clusters_(ApplicationDestination{"", cluster_name, ""}).cluster;
  const Node* obj = c.get(key);
  auto known = app_objects_.find(key.name);
  if (!obj) {
    // Gone (pruned, deleted, or its finalizer done): so is the app. Without
    // the finalizer its resources stay where they are, as in Argo CD.
    if (known == app_objects_.end()) return;
    app_objects_.erase(known);
    remove_application(key.name);
    log_.emit(now, events::application_deleted(key.name, 0));
    return;
  }
  if (obj->get({"metadata", "deletionTimestamp"})) {
    // Being deleted with the resources finalizer: delete what the app
    // manages, then let the object go.
    const Node* fin = obj->get({"metadata", "finalizers"});
    if (!fin || !fin->is_list() || known == app_objects_.end()) return;
    Node rest = Node::list();
    bool ours = false;
    for (const auto& f : fin->items()) {
      const std::string v = f.is_scalar() ? f.text() : std::string();
      if (v == kResourcesFinalizer || v.rfind(std::string(kResourcesFinalizer) + "/", 0) == 0) {
        ours = true;
      } else {
        rest.push_back(f);
      }
    }
    if (!ours) return;
    const auto gone = delete_managed_resources(key.name, now);
    log_.emit(now, events::application_cascade_deleted(key.name, static_cast<std::int64_t>(gone.size()), 0));
    Node patch = Node::map();
    patch["metadata"].set("finalizers", rest.size() == 0 ? Node::null() : rest);
    (void)c.patch_merge(key, patch, now, kControllerManager);
    return;
  }
  const Node* spec = obj->find("spec");
  if (known != app_objects_.end() && spec && known->second == *spec) return;  // only metadata moved
  const std::string parent = tracking_app_of(*obj);
  auto app = parse_application(*obj, cluster_name + ":" + key.str());
  if (!app) {
    log_.emit(now, events::invalid_spec_error(key.name, app.error().message, 0));
    return;
  }
  if (known == app_objects_.end()) {
    if (find(key.name)) {
      // A scenario's own app of that name: Argo CD would see one object; keep ours.
      log_.emit(now, events::invalid_spec_error(key.name,
                                                "application " + key.name + " already exists and is not managed by " +
                                                    (parent.empty() ? std::string("an object") : parent),
                                                0));
      return;
    }
    app_objects_[key.name] = spec ? *spec : Node::map();
    const EventId id = log_.emit(now, events::application_created(key.name, parent, 0));
    (void)add_application(std::move(app.value()), now, id);
    return;
  }
  known->second = spec ? *spec : Node::map();
  const EventId id = log_.emit(now, events::app_spec_changed_by(key.name, parent, 0));
  (void)update_application(std::move(app.value()), now, id);
}

std::string AppController::tracking_app_of(const Node& live) const {
  if (settings_.annotation_tracking) {
    // <app>:<group>/<Kind>:<namespace>/<name>. An id that describes another
    // object (copied by some tool) tracks nothing: never pruned, no sync
    // status. Cluster-scoped objects carry the app's namespace, any one here.
    const std::string id = annotation(live, kTrackingIdAnnotation);
    const auto colon = id.find(':');
    if (colon == std::string::npos) return std::string();
    const ObjectKey k = key_of(live);
    const std::string rest = id.substr(colon + 1);
    const std::string head = k.group + "/" + k.kind + ":";
    const auto slash = rest.rfind('/');
    if (rest.rfind(head, 0) != 0 || slash == std::string::npos || slash < head.size() ||
        rest.substr(slash + 1) != k.name || (!k.ns.empty() && rest.substr(head.size(), slash - head.size()) != k.ns)) {
      return std::string();
    }
    return id.substr(0, colon);
  }
  const Node* labels = live.get({"metadata", "labels"});
  const Node* v = labels ? labels->find(kInstanceLabel) : nullptr;
  return v && v->is_scalar() ? v->text() : std::string();
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

// ---------------------------------------------------------------------------
// Refresh: resolve, render, compare, aggregate, decide

std::vector<Node> AppController::normalize_targets(const AppState& st, const std::vector<Node>& objects) const {
  std::vector<Node> out;
  out.reserve(objects.size());
  for (Node obj : objects) {
    const std::string kind = obj.get_string({"kind"}).value_or("");
    const std::string group = cluster::group_of(obj.get_string({"apiVersion"}).value_or(""));
    Node& meta = obj["metadata"];
    if (is_namespaced(group, kind) && !meta.find("namespace")) {
      meta["namespace"] = Node::string(st.app.spec.destination.ns);
    }
    if (settings_.annotation_tracking) {
      const ObjectKey k = key_of(obj);
      const std::string ns = k.ns.empty() ? st.app.spec.destination.ns : k.ns;
      meta["annotations"][kTrackingIdAnnotation] =
          Node::string(st.app.name + ":" + k.group + "/" + k.kind + ":" + ns + "/" + k.name);
    } else {
      meta["labels"][kInstanceLabel] = Node::string(st.app.name);
    }
    out.push_back(std::move(obj));
  }
  // Sorted by resource key so everything downstream runs in one order.
  std::stable_sort(out.begin(), out.end(), [](const Node& a, const Node& b) { return key_of(a) < key_of(b); });
  return out;
}

std::vector<ObjectKey> AppController::tracked_live_keys(const AppState& st, const ClusterRef& c) const {
  auto cc = cluster_cache_.find(c.name);
  if (cc == cluster_cache_.end()) return {};
  auto it = cc->second.tracked_by_app.find(st.app.name);
  if (it == cc->second.tracked_by_app.end()) return {};
  return std::vector<ObjectKey>(it->second.begin(), it->second.end());  // sorted
}

void AppController::set_condition(AppState& st, const std::string& type, const std::string& message, TimePoint now) {
  for (auto& c : st.status.conditions) {
    if (c.type == type) {
      if (c.message != message) {
        c.message = message;
        c.last_transition = now;
      }
      return;
    }
  }
  st.status.conditions.push_back(Condition{type, message, now});
  std::sort(st.status.conditions.begin(), st.status.conditions.end(),
            [](const Condition& a, const Condition& b) { return a.type < b.type; });
}

void AppController::clear_condition(AppState& st, const std::string& type) {
  auto& cs = st.status.conditions;
  cs.erase(std::remove_if(cs.begin(), cs.end(), [&](const Condition& c) { return c.type == type; }), cs.end());
}

void AppController::do_refresh(AppState& st, const Task& task, TimePoint now) {
  ++refreshes_;
  ApplicationStatus& s = st.status;
  const SyncStatusCode old_sync = s.sync;
  const HealthCode old_health = s.health.status;
  const std::string old_revision = s.revision;
  EventId cause = task.cause;

  auto emit_status = [&](EventId refreshed) {
    if (s.sync != old_sync) {
      log_.emit(now, events::sync_status_changed(st.app.name, to_string(old_sync), to_string(s.sync), s.revision,
                                                 refreshed));
    }
    if (s.health.status != old_health) {
      log_.emit(now, events::health_status_changed(st.app.name, std::string(cluster::health_name(old_health)),
                                                   std::string(cluster::health_name(s.health.status)),
                                                   s.health.message, refreshed));
    }
  };
  auto emit_refreshed = [&]() {
    return log_.emit(now, events::app_refreshed(st.app.name, s.revision, to_string(s.sync),
                                                std::string(cluster::health_name(s.health.status)), task.level_name,
                                                cause));
  };

  // 1. Project and destination.
  if (auto invalid = validate_spec(st)) {
    const bool is_new = !s.condition("InvalidSpecError");
    set_condition(st, "InvalidSpecError", *invalid, now);
    s.sync = SyncStatusCode::Unknown;
    s.health = HealthStatus{HealthCode::Unknown, *invalid};
    if (is_new) {
      log_.emit(now, events::invalid_spec_error(st.app.name, *invalid, cause));
    }
    emit_status(emit_refreshed());
    if (task.level == Level::Latest) schedule_poll(st, now);
    return;
  }
  clear_condition(st, "InvalidSpecError");
  const ClusterRef c = clusters_(st.app.spec.destination);
  if (auto reach = c.cluster->check_reachable(now); !reach) {
    // The controller's cluster cache cannot sync: status unknown until it can.
    const std::string msg = "failed to sync cluster " + st.app.spec.destination.server + ": " + reach.error().message;
    const Condition* prev = s.condition("ComparisonError");
    const bool is_new = !prev || prev->message != msg;
    set_condition(st, "ComparisonError", msg, now);
    s.sync = SyncStatusCode::Unknown;
    s.health = HealthStatus{HealthCode::Unknown, msg};
    if (is_new) log_.emit(now, events::comparison_error(st.app.name, msg, cause));
    emit_status(emit_refreshed());
    if (task.level == Level::Latest) schedule_poll(st, now);
    return;
  }

  // 2. Resolve the revision (not for a watch refresh, which reuses the last one).
  std::string sha = s.revision;
  if (task.level == Level::Latest || sha.empty()) {
    auto resolved = repo_server_.resolve(st.app.spec.source, now);
    schedule_poll(st, now);
    if (resolved) {
      sha = *resolved;
      s.reconciled_at = now;
      if (sha != old_revision && commit_event_) {
        if (EventId commit = commit_event_(st.app.spec.source.repo_url, sha); commit && task.level_name == "poll") {
          cause = commit;  // the poll saw this commit: the chain reads commit → refresh
        }
      }
    } else if (sha.empty()) {
      // Never resolved: nothing to compare with.
      const bool is_new = !s.condition("ComparisonError");
      set_condition(st, "ComparisonError", resolved.error().message, now);
      s.sync = SyncStatusCode::Unknown;
      if (is_new) {
        log_.emit(now, events::comparison_error(st.app.name, resolved.error().message, cause));
      }
      emit_status(emit_refreshed());
      return;
    }
    // A transient repo error keeps the last resolved revision (Argo CD's grace period).
  }

  // 3. Generate manifests, cached by SHA.
  auto generated = repo_server_.generate(st.app.spec.source, sha, task.hard, now);
  s.revision = sha;
  if (!generated) {
    const std::string msg = generated.error().message;
    const Condition* prev = s.condition("ComparisonError");
    const bool is_new = !prev || prev->message != msg;
    set_condition(st, "ComparisonError", msg, now);
    s.sync = SyncStatusCode::Unknown;
    for (auto& r : s.resources) r.status = SyncStatusCode::Unknown;
    if (is_new) log_.emit(now, events::comparison_error(st.app.name, msg, cause));
    emit_status(emit_refreshed());
    return;
  }
  clear_condition(st, "ComparisonError");
  s.source_type = (*generated)->source_type;
  if (st.normalized_from != *generated) {
    st.normalized = normalize_targets(st, (*generated)->objects);
    st.normalized_from = *generated;
  }
  const std::vector<Node>& desired = st.normalized;

  // 4–6. Pair desired with live and diff each pair.
  std::vector<ResourceStatus> resources;
  std::set<ObjectKey> desired_keys;
  for (const Node& d : desired) {
    if (hook_kind(d) != HookKind::None) continue;  // hooks have no sync status and no health
    ResourceStatus r;
    r.key = key_of(d);
    r.version = version_of(d);
    r.sync_wave = parse_sync_wave(annotation(d, "argocd.argoproj.io/sync-wave"));
    desired_keys.insert(r.key);
    const Node* live = c.cluster->get(r.key);
    if (!live) {
      r.status = SyncStatusCode::OutOfSync;
      r.health = HealthStatus{HealthCode::Missing, ""};
    } else if (auto memo = st.compare_memo.find(r.key);
               !task.hard && memo != st.compare_memo.end() && memo->second.revision == sha &&
               memo->second.resource_version == live->get_string({"metadata", "resourceVersion"}).value_or("")) {
      r = memo->second.status;
    } else {
      r.live_exists = true;
      std::vector<std::string> pointers;
      for (const auto& ig : st.app.spec.ignore_differences) {
        if ((ig.group == "*" || ig.group == r.key.group) && (ig.kind == "*" || ig.kind == r.key.kind) &&
            (ig.name.empty() || ig.name == r.key.name) && (ig.ns.empty() || ig.ns == r.key.ns)) {
          pointers.insert(pointers.end(), ig.json_pointers.begin(), ig.json_pointers.end());
        }
      }
      const std::string la_text = annotation(*live, kLastAppliedAnnotation);
      auto cached = last_applied_cache_.find(la_text);
      if (cached == last_applied_cache_.end()) {
        if (last_applied_cache_.size() > 4096) last_applied_cache_.clear();
        cached = last_applied_cache_.emplace(la_text, last_applied_of(*live)).first;
      }
      ResourceDiff diff = diff_resource(d, *live, pointers, &cached->second);
      r.status = diff.modified ? SyncStatusCode::OutOfSync : SyncStatusCode::Synced;
      r.changed_paths = std::move(diff.changed_paths);
      r.health = cluster::assess_health(*live);
      st.compare_memo[r.key] =
          AppState::CompareMemo{sha, live->get_string({"metadata", "resourceVersion"}).value_or(""), r};
    }
    resources.push_back(std::move(r));
  }
  for (const ObjectKey& k : tracked_live_keys(st, c)) {
    if (desired_keys.count(k)) continue;
    const Node* live = c.cluster->get(k);
    // The cache may lag the cluster by a watch event: gone is gone.
    if (!live || hook_kind(*live) != HookKind::None) continue;  // a hook left from a sync is not an extra resource
    ResourceStatus r;
    r.key = k;
    r.version = version_of(*live);
    r.status = SyncStatusCode::OutOfSync;
    r.requires_pruning = true;
    r.live_exists = true;
    r.ignore_extraneous = annotation(*live, "argocd.argoproj.io/compare-options").find("IgnoreExtraneous") != std::string::npos;
    r.health = cluster::assess_health(*live);
    r.sync_wave = parse_sync_wave(annotation(*live, "argocd.argoproj.io/sync-wave"));
    resources.push_back(std::move(r));
  }
  std::sort(resources.begin(), resources.end(), [](const ResourceStatus& a, const ResourceStatus& b) { return a.key < b.key; });
  // Keep the cache's index of which app lists which resource current.
  ClusterCache& cc = cluster_cache_[c.name];
  for (const auto& r : s.resources) {
    if (auto it = cc.managed_by.find(r.key); it != cc.managed_by.end()) {
      it->second.erase(st.app.name);
      if (it->second.empty()) cc.managed_by.erase(it);
    }
  }
  for (const auto& r : resources) cc.managed_by[r.key].insert(st.app.name);

  // A desired object whose live copy another app tracks: this app warns
  // (syncing it moves the tracking here, and then the other app warns).
  {
    auto& cs = st.status.conditions;
    std::vector<Condition> before;
    for (const auto& cond : cs) {
      if (cond.type == "SharedResourceWarning") before.push_back(cond);
    }
    cs.erase(std::remove_if(cs.begin(), cs.end(),
                            [](const Condition& cond) { return cond.type == "SharedResourceWarning"; }),
             cs.end());
    for (const auto& r : resources) {
      if (r.requires_pruning || !r.live_exists) continue;
      const Node* live = c.cluster->get(r.key);
      const std::string other = live ? tracking_app_of(*live) : std::string();
      if (other.empty() || other == st.app.name) continue;
      const std::string msg = r.key.kind + "/" + r.key.name + " is part of applications " + st.app.ns + "/" +
                              st.app.name + " and " + other;
      const auto prev =
          std::find_if(before.begin(), before.end(), [&](const Condition& cond) { return cond.message == msg; });
      cs.push_back(Condition{"SharedResourceWarning", msg, prev == before.end() ? now : prev->last_transition});
    }
    std::stable_sort(cs.begin(), cs.end(), [](const Condition& a, const Condition& b) { return a.type < b.type; });
  }

  // App sync status: any OutOfSync resource, except extraneous ones marked IgnoreExtraneous.
  s.sync = SyncStatusCode::Synced;
  for (const auto& r : resources) {
    if (r.status == SyncStatusCode::OutOfSync && !(r.requires_pruning && r.ignore_extraneous)) s.sync = SyncStatusCode::OutOfSync;
  }
  // App health: worst of the live resources with a health check; Missing when
  // it has resources and none exists live (Argo CD ≥ 3.4).
  bool any_live = false;
  HealthStatus health{HealthCode::Healthy, ""};
  for (const auto& r : resources) {
    if (!r.live_exists) continue;
    any_live = true;
    if (!r.health) continue;
    if (r.health->status != health.status && cluster::worst_of(r.health->status, health.status) == r.health->status) {
      // The message names the resource that decided the app's health.
      health = HealthStatus{r.health->status,
                            r.key.kind + "/" + r.key.name + (r.health->message.empty() ? "" : ": " + r.health->message)};
    }
  }
  if (!resources.empty() && !any_live) health = HealthStatus{HealthCode::Missing, ""};
  s.health = health;
  s.resources = std::move(resources);

  const EventId refreshed = emit_refreshed();
  emit_status(refreshed);

  // 8. Automated sync decision.
  auto_sync(st, desired, now, refreshed);
}

void AppController::auto_sync(AppState& st, const std::vector<Node>& desired, TimePoint now, EventId cause) {
  ApplicationStatus& s = st.status;
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
  in.all_resources_require_pruning = desired.empty() && any_non_synced && all_prune;
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

  AutoSyncDecision d = decide_auto_sync(in);
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
    case AutoSyncAction::SelfHeal: {
      st.pending_self_heal.reset();
      OperationState op;
      op.revision = s.revision;
      op.source = st.app.spec.source;
      op.prune = st.app.spec.sync_policy.automated->prune;
      op.initiated_by = InitiatedBy::SelfHeal;
      for (const auto& r : s.resources) {
        if (r.status != SyncStatusCode::Synced) op.only_resources.push_back(r.key);
      }
      op.self_heal_attempts = s.operation ? s.operation->self_heal_attempts + 1 : 1;
      op.retry_limit = st.app.spec.sync_policy.retry ? st.app.spec.sync_policy.retry->limit : 5;
      op.cause = cause;
      start_operation(st, std::move(op), now);
      return;
    }
    case AutoSyncAction::Sync: {
      OperationState op;
      op.revision = s.revision;
      op.source = st.app.spec.source;
      op.prune = st.app.spec.sync_policy.automated->prune;
      op.initiated_by = InitiatedBy::Automated;
      // Without a retry block an automated sync still retries 5 times (Argo CD).
      op.retry_limit = st.app.spec.sync_policy.retry ? st.app.spec.sync_policy.retry->limit : 5;
      op.cause = cause;
      start_operation(st, std::move(op), now);
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// Sync operations

void AppController::start_operation(AppState& st, OperationState op, TimePoint now) {
  op.id = next_operation_id_++;
  op.phase = OperationPhase::Running;
  op.started_at = now;
  op.message = "one or more tasks are running";
  const EventId started = log_.emit(now, events::sync_started(st.app.name, op.revision, to_string(op.initiated_by),
                                                             op.prune, op.dry_run, op.cause));
  op.cause = started;
  const std::uint64_t id = op.id;
  st.status.operation = std::move(op);
  queue_.push(now + settings_.apply_latency, Task{TaskType::SyncStep, st.app.name, Level::Latest, "", false, id, started});
}

void AppController::sync_step(AppState& st, const Task& task, TimePoint now) {
  if (!st.status.operation || st.status.operation->id != task.generation ||
      st.status.operation->phase != OperationPhase::Running) {
    return;  // terminated or superseded
  }
  OperationState& op = *st.status.operation;
  const ClusterRef c = clusters_(st.app.spec.destination);
  if (!c.cluster) {
    finish_operation(st, false, "cluster for destination is not configured", now);
    return;
  }
  {
    // A window that closed (or a deny that opened) holds a running sync
    // until syncs may run again, unless every blocking window allows overrun.
    const auto windows = windows_for(st);
    const bool manual = op.initiated_by == InitiatedBy::User || op.initiated_by == InitiatedBy::Rollback;
    if (!can_sync(windows, epoch_s(now), manual) && !overrun_allowed(windows, epoch_s(now))) {
      op.message = "Sync operation blocked by sync window";
      queue_.push(now + Duration::seconds(10),
                  Task{TaskType::SyncStep, st.app.name, Level::Latest, "", false, op.id, op.cause});
      return;
    }
  }
  auto generated = repo_server_.generate(op.source.repo_url == st.app.spec.source.repo_url ? op.source : st.app.spec.source,
                                         op.revision, false, now);
  if (!generated) {
    op.retry_limit = 0;
    op.phase = OperationPhase::Error;
    finish_operation(st, false, "ComparisonError: " + generated.error().message, now);
    return;
  }
  std::vector<Node> desired = normalize_targets(st, (*generated)->objects);
  const bool partial = !op.only_resources.empty();
  auto selected = [&](const ObjectKey& k) {
    return !partial || std::find(op.only_resources.begin(), op.only_resources.end(), k) != op.only_resources.end();
  };
  // Done: a result for this resource (a hook: in this phase).
  auto done = [&](const ObjectKey& k, HookKind hook = HookKind::None) {
    return std::any_of(op.results.begin(), op.results.end(),
                       [&](const ResourceResult& r) { return r.key == k && r.hook_type == hook_name(hook); });
  };
  const std::string ns = st.app.spec.destination.ns;
  const bool create_ns = st.app.spec.sync_policy.has_option("CreateNamespace=true");

  // Plan: tasks in phase → wave → kind → name order; prunes run first, highest wave first.
  struct PlannedTask {
    SyncTaskKey order;
    ObjectKey key;
    const Node* desired = nullptr;  // nullptr: prune
    HookKind hook = HookKind::None;
    bool prune_last = false;  // PruneLast=true: after every wave is applied and healthy
  };
  std::vector<PlannedTask> applies, prunes, sync_fail_hooks;
  std::set<ObjectKey> desired_keys;
  for (const Node& d : desired) {
    const ObjectKey k = key_of(d);
    desired_keys.insert(k);
    const HookKind first = hook_kind(d);
    // Hooks run only in whole-app syncs: never for self-heal or selective syncs.
    if (first == HookKind::Skip || (first != HookKind::None && partial)) continue;
    if (!selected(k) && first == HookKind::None) continue;
    for (const HookKind hook : hook_kinds(d)) {
      PlannedTask t{SyncTaskKey{phase_of(hook), parse_sync_wave(annotation(d, "argocd.argoproj.io/sync-wave")),
                                k.group, k.kind, k.ns, k.name},
                    k, &d, hook};
      (hook == HookKind::SyncFail ? sync_fail_hooks : applies).push_back(t);
    }
  }
  op.sync_fail_hooks.clear();
  for (const auto& t : sync_fail_hooks) op.sync_fail_hooks.push_back(*t.desired);
  for (const ObjectKey& k : tracked_live_keys(st, c)) {
    if (desired_keys.count(k) || !selected(k)) continue;
    const Node* live = c.cluster->get(k);
    if (!live || hook_kind(*live) != HookKind::None) continue;  // hooks are never pruned
    prunes.push_back(PlannedTask{SyncTaskKey{SyncPhase::Sync, -parse_sync_wave(annotation(*live, "argocd.argoproj.io/sync-wave")),
                                             k.group, k.kind, k.ns, k.name},
                                 k, nullptr, HookKind::None,
                                 st.app.spec.sync_policy.has_option("PruneLast=true") ||
                                     has_sync_option(*live, "PruneLast=true")});
  }
  auto by_order = [](const PlannedTask& a, const PlannedTask& b) { return sync_task_less(a.order, b.order); };
  std::sort(applies.begin(), applies.end(), by_order);
  std::sort(prunes.begin(), prunes.end(), by_order);

  auto next_step = [&](Duration after) {
    queue_.push(now + after, Task{TaskType::SyncStep, st.app.name, Level::Latest, "", false, op.id, op.cause});
  };
  auto emit_resource = [&](const char* type, const ObjectKey& k, const std::string& message) {
    log_.emit(now, events::resource_result(type, st.app.name, {c.name, k.kind, k.ns, k.name}, message, op.cause));
  };

  // Dry run of the whole plan before anything is applied (first step only).
  if (op.results.empty()) {
    std::vector<ResourceResult> failed;
    for (const auto& t : applies) {
      if (t.key.ns.empty()) continue;
      const bool ns_exists = c.cluster->get(ObjectKey{"", "Namespace", "", t.key.ns}) != nullptr;
      const bool ns_in_git = desired_keys.count(ObjectKey{"", "Namespace", "", t.key.ns}) != 0;
      const bool ns_created = create_ns && t.key.ns == ns;
      if (!ns_exists && !ns_in_git && !ns_created) {
        failed.push_back(ResourceResult{t.key, "SyncFailed", "namespaces \"" + t.key.ns + "\" not found"});
      }
    }
    // Every manifest as the API server would take it (kubectl apply
    // --dry-run=server); one refused fails the operation with nothing applied.
    // A custom resource whose CRD is in this same sync is not known yet: skipped.
    auto crd_in_sync = [&](const ObjectKey& k) {
      return std::any_of(desired.begin(), desired.end(), [&](const Node& d) {
        return d.get_string({"kind"}).value_or("") == "CustomResourceDefinition" &&
               d.get_string({"spec", "group"}).value_or("") == k.group &&
               d.get_string({"spec", "names", "kind"}).value_or("") == k.kind;
      });
    };
    const bool fail_on_shared = st.app.spec.sync_policy.has_option("FailOnSharedResource=true");
    for (const auto& t : applies) {
      if (std::any_of(failed.begin(), failed.end(), [&](const ResourceResult& f) { return f.key == t.key; })) continue;
      if (const Node* live = c.cluster->get(t.key); live && fail_on_shared && t.hook == HookKind::None) {
        const std::string other = tracking_app_of(*live);
        if (!other.empty() && other != st.app.name) {
          finish_operation(st, false,
                           "Shared resource found: " + t.key.kind + "/" + t.key.name + " is part of applications " +
                               st.app.ns + "/" + st.app.name + " and " + other,
                           now);
          return;
        }
      }
      auto checked = c.cluster->dry_run_apply(*t.desired, now);
      if (!checked && !crd_in_sync(t.key)) failed.push_back(ResourceResult{t.key, "SyncFailed", checked.error().message});
    }
    if (!failed.empty()) {
      op.results = failed;
      for (const auto& f : failed) emit_resource("ResourceSyncFailed", f.key, f.message);
      finish_operation(st, false, "one or more objects failed to apply (dry run)", now);
      return;
    }
    if (op.dry_run) {
      for (const auto& t : prunes) {
        op.results.push_back(ResourceResult{t.key, op.prune ? "Pruned" : "PruneSkipped",
                                            op.prune ? "pruned (dry run)" : "ignored (requires pruning)"});
      }
      for (const auto& t : applies) {
        op.results.push_back(ResourceResult{t.key, "Synced", t.key.kubectl_ref() + " configured (dry run)"});
      }
      finish_operation(st, true, "successfully synced (all tasks run)", now);
      return;
    }
    // CreateNamespace=true: the destination namespace first; never pruned later.
    if (create_ns && !ns.empty() && !c.cluster->get(ObjectKey{"", "Namespace", "", ns})) {
      Node nsobj = Node::map();
      nsobj["apiVersion"] = Node::string("v1");
      nsobj["kind"] = Node::string("Namespace");
      nsobj["metadata"]["name"] = Node::string(ns);
      auto applied = c.cluster->apply(nsobj, now, kControllerManager);
      const ObjectKey k{"", "Namespace", "", ns};
      if (!applied) {
        op.results.push_back(ResourceResult{k, "SyncFailed", applied.error().message});
        emit_resource("ResourceSyncFailed", k, applied.error().message);
        finish_operation(st, false, "one or more synchronization tasks completed unsuccessfully", now);
        return;
      }
      op.results.push_back(ResourceResult{k, "Synced", "namespace/" + ns + " created"});
      emit_resource("ResourceApplied", k, "namespace/" + ns + " created");
      next_step(settings_.apply_latency);
      return;
    }
  }

  // One prune; returns true when it took time (the step ends there).
  auto prune_one = [&](const PlannedTask& t) -> bool {
    const Node* live = c.cluster->get(t.key);
    if (!live) {
      op.results.push_back(ResourceResult{t.key, "Pruned", "pruned"});
      return false;
    }
    if (!op.prune) {
      op.results.push_back(ResourceResult{t.key, "PruneSkipped", "ignored (requires pruning)"});
      emit_resource("ResourcePruneSkipped", t.key, "ignored (requires pruning)");
      return false;
    }
    if (has_sync_option(*live, "Prune=false")) {
      op.results.push_back(ResourceResult{t.key, "PruneSkipped", "ignored (no prune)"});
      emit_resource("ResourcePruneSkipped", t.key, "ignored (no prune)");
      return false;
    }
    auto removed = c.cluster->remove(t.key, now, kControllerManager);
    if (!removed) {
      op.results.push_back(ResourceResult{t.key, "SyncFailed", removed.error().message});
      emit_resource("ResourceSyncFailed", t.key, removed.error().message);
    } else {
      op.results.push_back(ResourceResult{t.key, "Pruned", "pruned"});
      emit_resource("ResourcePruned", t.key, "pruned");
    }
    next_step(settings_.apply_latency);
    return true;
  };

  // Prunes first (within the Sync phase), skipped ones take no time.
  for (const auto& t : prunes) {
    if (done(t.key) || t.prune_last) continue;
    if (prune_one(t)) return;
  }

  // Applies, one (phase, wave) at a time: the next group starts only when the
  // resources and hooks already applied are done — healthy, or without a
  // health check; a Degraded one fails the operation (≥ 2 s between waves).
  // The last group is not waited on unless it holds hooks.
  auto group_of = [](const PlannedTask& t) { return std::make_pair(static_cast<int>(t.order.phase), t.order.wave); };
  std::optional<std::pair<int, int>> last_group;
  for (const auto& t : applies) {
    if (done(t.key, t.hook)) last_group = group_of(t);
  }
  // Returns false (and schedules the next step or ends the operation) while
  // something applied so far is not done yet.
  auto applied_so_far_done = [&](bool only_hooks) -> bool {
    for (const auto& prev : applies) {
      if (!done(prev.key, prev.hook) || (only_hooks && prev.hook == HookKind::None)) continue;
      const Node* live = c.cluster->get(prev.key);
      if (!live) continue;
      auto h = cluster::assess_health(*live);
      if (!h) continue;
      const std::string what = (prev.key.group.empty() ? "" : prev.key.group + "/") + prev.key.kind + "/" + prev.key.name;
      if (h->status == HealthCode::Degraded) {
        for (auto& r : op.results) {
          if (r.key == prev.key) {
            r.status = "SyncFailed";
            r.message = prev.hook != HookKind::None ? "hook failed: " + h->message : h->message;
          }
        }
        finish_operation(st, false, "one or more synchronization tasks completed unsuccessfully", now);
        return false;
      }
      if (h->status != HealthCode::Healthy) {
        op.message = std::string(prev.hook != HookKind::None ? "waiting for completion of hook " : "waiting for healthy state of ") + what;
        next_step(Duration::seconds(prev.hook != HookKind::None ? 1 : 2));
        return false;
      }
    }
    return true;
  };
  for (const auto& t : applies) {
    if (done(t.key, t.hook)) continue;
    if (last_group && group_of(t) > *last_group && !applied_so_far_done(false)) return;
    Node obj = *t.desired;
    if (t.hook != HookKind::None) {
      // Hooks are created anew each sync; BeforeHookCreation (the default)
      // deletes the one left from the last sync first.
      if (c.cluster->get(t.key) && has_delete_policy(obj, "BeforeHookCreation")) {
        (void)c.cluster->remove(t.key, now, kControllerManager);
      }
    } else {
      // Record what we applied, so the next diff can be three-way.
      Node last = obj;
      obj["metadata"]["annotations"][kLastAppliedAnnotation] = Node::string(model::to_json(last));
    }
    auto applied = c.cluster->apply(obj, now, kControllerManager);
    if (!applied) {
      op.results.push_back(ResourceResult{t.key, "SyncFailed", applied.error().message, hook_name(t.hook)});
      emit_resource("ResourceSyncFailed", t.key, applied.error().message);
    } else {
      const std::string message = applied->kubectl_line();
      op.results.push_back(ResourceResult{t.key, "Synced", message, hook_name(t.hook)});
      emit_resource("ResourceApplied", t.key, message);
    }
    next_step(settings_.apply_latency);
    return;
  }

  // Every task ran. Hooks of the last group must still complete.
  const bool failed = std::any_of(op.results.begin(), op.results.end(),
                                  [](const ResourceResult& r) { return r.status == "SyncFailed"; });
  if (failed) {
    finish_operation(st, false, "one or more synchronization tasks completed unsuccessfully", now);
    return;
  }
  // PruneLast=true: in a wave of their own after every other, which starts
  // only when all that was applied is healthy.
  for (const auto& t : prunes) {
    if (done(t.key) || !t.prune_last) continue;
    if (!applied_so_far_done(/*only_hooks=*/false)) return;
    if (prune_one(t)) return;
  }
  if (!applied_so_far_done(/*only_hooks=*/true)) return;
  finish_operation(st, true, "successfully synced (all tasks run)", now);
}

void AppController::finish_operation(AppState& st, bool success, std::string message, TimePoint now) {
  OperationState& op = *st.status.operation;
  if (!success && message != "Operation terminated" &&
      (op.retry_limit < 0 || op.retry_count < op.retry_limit)) {
    // Retry with backoff; the phase stays Running meanwhile.
    ++op.retry_count;
    const Backoff backoff = st.app.spec.sync_policy.retry ? st.app.spec.sync_policy.retry->backoff : Backoff{};
    const TimePoint at = now + retry_backoff(backoff, op.retry_count);
    op.message = message + ". Retrying attempt #" + std::to_string(op.retry_count) + " at " + clock_of(at) + ".";
    op.finished_at = now;
    op.results.clear();
    log_.emit(now, events::sync_retrying(st.app.name, op.revision, op.retry_count, op.message, op.cause));
    queue_.push(at, Task{TaskType::SyncStep, st.app.name, Level::Latest, "", false, op.id, op.cause});
    return;
  }
  if (!success && op.retry_count > 0) message += " (retried " + std::to_string(op.retry_count) + " times).";
  // Hook clean-up by delete policy, then SyncFail hooks for a failed sync.
  if (const ClusterRef c = clusters_(st.app.spec.destination); c.cluster) {
    for (const auto& r : op.results) {
      if (r.hook_type.empty()) continue;
      const Node* live = c.cluster->get(r.key);
      if (live && has_delete_policy(*live, success ? "HookSucceeded" : "HookFailed")) {
        (void)c.cluster->remove(r.key, now, kControllerManager);
      }
    }
    if (!success && message != "Operation terminated") {
      for (const Node& hook : op.sync_fail_hooks) {
        const ObjectKey k = key_of(hook);
        if (c.cluster->get(k)) (void)c.cluster->remove(k, now, kControllerManager);
        auto applied = c.cluster->apply(hook, now, kControllerManager);
        op.results.push_back(ResourceResult{k, applied ? "Synced" : "SyncFailed",
                                            applied ? applied->kubectl_line() : applied.error().message, "SyncFail"});
        log_.emit(now, events::resource_result(applied ? "ResourceApplied" : "ResourceSyncFailed", st.app.name,
                                               {c.name, k.kind, k.ns, k.name},
                                               applied ? applied->kubectl_line() : applied.error().message, op.cause));
      }
    }
  }
  if (op.phase == OperationPhase::Running) op.phase = success ? OperationPhase::Succeeded : OperationPhase::Failed;
  op.message = message;
  op.finished_at = now;
  if (success && !op.dry_run && op.only_resources.empty()) {
    // A whole-app, non-dry-run sync is recorded: ids from 0, capped by the limit.
    auto& h = st.status.history;
    const std::int64_t id = h.empty() ? 0 : h.back().id + 1;
    h.push_back(RevisionHistory{id, op.revision, op.source, op.started_at, now, op.initiated_by});
    const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(1, st.app.spec.revision_history_limit));
    if (h.size() > limit) h.erase(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(h.size() - limit));
  }
  const EventId ended = log_.emit(now, events::sync_ended(success, st.app.name, op.revision, to_string(op.initiated_by),
                                                         to_string(op.phase), message, op.cause));
  // The refresh that follows every finished operation.
  schedule_refresh(st, now, Level::Latest, "operation", false, ended);
}

// ---------------------------------------------------------------------------
// Read-only views

std::optional<AppView> AppController::app_view(const std::string& name, TimePoint now) const {
  (void)now;
  const AppState* st = find(name);
  if (!st) return std::nullopt;
  const Application& app = st->app;
  const ApplicationStatus& status = st->status;
  AppView a;
  a.name = name;
  a.controller = std::string(kind());
  a.kind = "Application";
  const ClusterRef c = clusters_(app.spec.destination);
  a.cluster = c.name;
  a.server = c.cluster ? c.cluster->server() : app.spec.destination.server;
  a.ns = app.spec.destination.ns;
  a.repo_url = app.spec.source.repo_url;
  a.path = app.spec.source.path;
  a.target_revision = app.spec.source.target_revision;
  a.revision = status.revision;
  a.sync = to_string(status.sync);
  a.health = std::string(cluster::health_name(status.health.status));
  a.health_message = status.health.message;
  if (status.operation) {
    a.operation_phase = to_string(status.operation->phase);
    a.operation_message = status.operation->message;
    a.initiated_by = to_string(status.operation->initiated_by);
  }
  if (const auto& au = app.spec.sync_policy.automated) {
    a.automated = true;
    a.self_heal = au->self_heal;
    a.prune = au->prune;
  }
  if (st->next_poll.ms >= 0) a.next_poll = st->next_poll;
  if (app_objects_.count(name)) {
    // The app whose sync created the object, by its tracking metadata.
    const ClusterRef home = clusters_(ApplicationDestination{kInClusterServer, "", ""});
    const Node* obj = home.cluster ? home.cluster->get(ObjectKey{"argoproj.io", "Application", kArgoNamespace, name}) : nullptr;
    if (obj) a.parent = tracking_app_of(*obj);
  }
  for (const auto& h : status.history) {
    a.history.push_back(HistoryView{h.id, h.revision, h.deployed_at, to_string(h.initiated_by)});
  }
  for (const auto& cond : status.conditions) a.conditions.push_back(ConditionView{cond.type, cond.message});
  for (const auto& r : status.resources) {
    ResourceView v;
    v.key = r.key;
    v.sync = to_string(r.status);
    if (r.health) {
      v.health = std::string(cluster::health_name(r.health->status));
      v.health_message = r.health->message;
    }
    v.requires_pruning = r.requires_pruning;
    v.sync_wave = r.sync_wave;
    a.resources.push_back(std::move(v));
  }
  return a;
}

Result<std::vector<Node>> AppController::desired_manifests(const std::string& app, TimePoint now) {
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
  return normalize_targets(*st, (*generated)->objects);
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
  auto desired = desired_manifests(app, now);
  if (!desired) return desired.error();
  const AppState* st = find(app);
  const ClusterRef c = clusters_(st->app.spec.destination);
  std::vector<std::pair<ObjectKey, ResourceDiff>> out;
  if (!c.cluster) return out;
  std::set<ObjectKey> seen;
  for (const Node& d : *desired) {
    const ObjectKey k = key_of(d);
    seen.insert(k);
    const Node* live = c.cluster->get(k);
    if (!live) {
      ResourceDiff rd;
      rd.modified = true;
      rd.predicted_live = normalize_for_compare(d);
      out.emplace_back(k, std::move(rd));
      continue;
    }
    ResourceDiff rd = diff_resource(d, *live, {});
    if (rd.modified) out.emplace_back(k, std::move(rd));
  }
  for (const ObjectKey& k : tracked_live_keys(*st, c)) {
    if (seen.count(k)) continue;
    const Node* live = c.cluster->get(k);
    if (!live || hook_kind(*live) != HookKind::None) continue;
    ResourceDiff rd;
    rd.modified = true;
    rd.normalized_live = normalize_for_compare(*live);
    out.emplace_back(k, std::move(rd));
  }
  return out;
}

}  // namespace gs::gitops
