#include "sim/gitops/controller.hpp"

#include <algorithm>
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/repo_url.hpp"
#include "sim/gitops/semver.hpp"
#include "sim/gitops/sync_operation.hpp"

namespace gs::gitops {

using model::Node;

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
    : settings_(settings),
      repo_server_(repo_server),
      clusters_(std::move(clusters)),
      log_(log),
      rng_(rng),
      status_pool_(settings.status_processors),
      operation_pool_(settings.operation_processors) {
  projects_.emplace("default", default_project());
  // Argo CD is installed in the `argocd` namespace of the cluster it runs in,
  // so an App of Apps root syncs Applications there without CreateNamespace.
  if (const ClusterRef home = clusters_(ApplicationDestination{kInClusterServer, "", ""}); home.cluster) {
    if (!home.cluster->get(ObjectKey{"", "Namespace", "", kArgoNamespace})) {
      Node ns = Node::map();
      ns["apiVersion"] = Node::string("v1");
      ns["kind"] = Node::string("Namespace");
      ns["metadata"]["name"] = Node::string(kArgoNamespace);
      (void)home.cluster->apply(ns, TimePoint{0}, "argocd-install");
    }
  }
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
  st->normalized.reset();
  st->normalized_index.reset();
  st->normalized_generation = 0;
  ++st->spec_generation;
  schedule_refresh(*st, now, Level::Latest, "spec", false, cause);
  return {};
}

void AppController::remove_application(const std::string& name) { apps_.erase(name); }

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
  // Both sides normalised, as AppProject.IsSourcePermitted does.
  const std::string repo = normalize_repo_url(app.spec.source.repo_url);
  const bool repo_ok = std::any_of(proj->source_repos.begin(), proj->source_repos.end(), [&](const std::string& g) {
    return glob_match(g == "*" ? g : normalize_repo_url(g), repo);
  });
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

std::optional<TimePoint> AppController::next_wakeup() const {
  std::optional<TimePoint> next = queue_.next_time();
  for (const auto* pool : {&status_pool_, &operation_pool_}) {
    if (auto ready = pool->next_ready(); ready && (!next || *ready < *next)) next = ready;
  }
  return next;
}

bool AppController::run_until(TimePoint now, const std::function<bool()>& enough) {
  // Bounded: a task may queue more tasks at the same instant, never unboundedly.
  for (int guard = 0; guard < 1'000'000; ++guard) {
    // A task waiting for a processor runs as one frees, before what the
    // queue holds for the same instant: first come, first served.
    ProcessorPool<Task>* pool = nullptr;
    TimePoint ready;
    for (auto* p : {&status_pool_, &operation_pool_}) {
      if (auto r = p->next_ready(); r && *r <= now && (!pool || *r < ready)) {
        pool = p;
        ready = *r;
      }
    }
    const auto queued = queue_.next_time();
    if (pool && (!queued || ready <= *queued)) {
      const Task task = pool->take();
      run_on(*pool, task, ready);
    } else if (queued && *queued <= now) {
      auto entry = queue_.pop();
      dispatch(entry.item, entry.at);
    } else {
      break;
    }
    if (enough) {
      const auto next = next_wakeup();
      if (next && *next <= now && enough()) return false;
    }
  }
  return true;
}

// A due task runs on a free processor, or waits for one.
void AppController::dispatch(const Task& task, TimePoint at) {
  const AppState* st = find(task.app);
  if (!st || !task_current(*st, task)) return;  // stale: it needs no processor
  ProcessorPool<Task>& pool = pool_for(task);
  if (!pool.can_start(at)) {
    pool.wait(task);
    return;
  }
  run_on(pool, task, at);
}

void AppController::run_on(ProcessorPool<Task>& pool, const Task& task, TimePoint at) {
  AppState* st = find_mut(task.app);
  if (!st || !task_current(*st, task)) return;
  const std::size_t worker = pool.start();
  Duration held = settings_.refresh_time;
  switch (task.type) {
    case TaskType::Refresh:
      if (task.level == Level::Recent) st->pending_watch.reset();
      do_refresh(*st, task, at);
      break;
    case TaskType::PollDue:
      do_refresh(*st, task, at);
      break;
    case TaskType::SyncStep:
      step_hold_ = Duration{0};
      sync_step(*st, task, at);
      held = step_hold_;
      break;
    case TaskType::Finalize:
      held = Duration{0};
      finalize_deletion(*st, task, at);  // may remove the app
      break;
  }
  pool.release(worker, at + held);
}

bool AppController::task_current(const AppState& st, const Task& task) const {
  switch (task.type) {
    case TaskType::Refresh: return true;
    case TaskType::PollDue: return task.generation == st.poll_generation;  // a newer refresh moved the mark
    case TaskType::SyncStep:
      return st.status.operation && st.status.operation->id == task.generation &&
             st.status.operation->phase == OperationPhase::Running;  // else terminated or superseded
    case TaskType::Finalize: return st.deleting;
  }
  return false;
}

AppController::ProcessorLoad AppController::status_processors(TimePoint now) const {
  return ProcessorLoad{status_pool_.busy(now), status_pool_.size(), status_pool_.waiting()};
}

AppController::ProcessorLoad AppController::operation_processors(TimePoint now) const {
  return ProcessorLoad{operation_pool_.busy(now), operation_pool_.size(), operation_pool_.waiting()};
}

// ---------------------------------------------------------------------------
// Triggers and requests

// Whether a push of `revision` concerns an app following `target`
// (util/webhook/webhook.go sourceRevisionHasChanged, compareRevisions):
// HEAD or "" follows the default branch; a full ref name compares by its
// last part; a semver constraint admits a version tag.
bool webhook_revision_matches(const std::string& target, const std::string& revision, bool touched_head) {
  if (target.empty() || target == "HEAD") return touched_head;
  std::string wanted = target;
  if (wanted.rfind("refs/heads/", 0) == 0 || wanted.rfind("refs/tags/", 0) == 0) {
    wanted = wanted.substr(wanted.find('/', 5) + 1);  // ParseRevision: the part after refs/<kind>/
  }
  if (revision == wanted) return true;
  const auto constraint = SemverConstraint::parse(wanted);
  const auto version = parse_semver(revision);
  return constraint && version && constraint->check(*version);
}

void AppController::notify_push(const std::string& repo_url, const std::string& branch,
                                 const std::string& default_branch, TimePoint now, EventId cause) {
  for (auto& [name, st] : apps_) {
    const auto& src = st.app.spec.source;
    if (!same_repo_url(src.repo_url, repo_url)) continue;
    if (webhook_revision_matches(src.target_revision, branch, branch == default_branch)) {
      schedule_refresh(st, now, Level::Latest, "webhook", false, cause);
    }
  }
}

void AppController::notify_live_change(const std::string& cluster_name, const cluster::Cluster& cluster,
                                       const ObjectKey& key, TimePoint now, EventId cause) {
  ClusterCache& cc = cluster_cache_[cluster_name];
  ++cc.revision;
  std::set<std::string> affected;
  // Index the object by the app its tracking metadata names (top-level only:
  // ReplicaSets and Pods carry owner references and are children, not resources).
  std::string was, is;
  if (auto it = cc.owner.find(key); it != cc.owner.end()) {
    was = it->second;
    affected.insert(it->second);
    cc.tracked_by_app[it->second].erase(key);
    cc.owner.erase(it);
  }
  if (const Node* live = cluster.get(key)) {
    const Node* owners = live->get({"metadata", "ownerReferences"});
    const std::string app = tracking_app_of(*live);
    if (!app.empty() && !(owners && owners->size() > 0)) {
      is = app;
      cc.owner[key] = app;
      cc.tracked_by_app[app].insert(key);
      affected.insert(app);
    }
  }
  if (was != is) {
    if (!was.empty()) note_tracked_change(cc, was, key);
    if (!is.empty()) note_tracked_change(cc, is, key);
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

void AppController::note_tracked_change(ClusterCache& cc, const std::string& app, const ObjectKey& key) {
  // An object the running sync applies anyway changes none of its prunes.
  const AppState* st = find(app);
  if (st && st->run && sync_run_applies(*st->run, key)) return;
  ++cc.prune_generation[app];
}

const std::set<ObjectKey>* AppController::tracked_live(const AppState& st, const ClusterRef& c) const {
  auto cc = cluster_cache_.find(c.name);
  if (cc == cluster_cache_.end()) return nullptr;
  auto it = cc->second.tracked_by_app.find(st.app.name);
  return it == cc->second.tracked_by_app.end() ? nullptr : &it->second;
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

}  // namespace gs::gitops
