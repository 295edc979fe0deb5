// A sync operation, one step at a time: each step is one queued task that
// runs the next task of the operation's plan (sync_plan.hpp) — a dry run of
// everything first, then prunes, then applies one (phase, wave) after the
// other, each the `applyLatency` it takes apart — and ends the operation
// when the plan is done (gitops-engine pkg/sync/sync_context.go Sync).
#include "sim/gitops/sync_operation.hpp"

#include <algorithm>
#include <cmath>

#include "sim/cluster/cluster.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/model/yaml.hpp"

namespace gs::gitops {

using model::Node;

// ---------------------------------------------------------------------------
// SyncRun

void SyncRun::index_plan() {
  by_result.clear();
  for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
    const SyncTask& t = plan.tasks[i];
    by_result[{t.key, hook_name(t.hook)}].push_back(i);
  }
  reset_progress();
}

void SyncRun::reset_progress() {
  state.assign(plan.tasks.size(), TaskState::Pending);
  next = 0;
  last_started = -1;
  results_seen = 0;
  failing = false;
  failure_message.clear();
  awaiting.clear();
}

void SyncRun::read_results(const std::vector<ResourceResult>& results) {
  if (results.size() < results_seen) reset_progress();  // a retry starts over
  for (; results_seen < results.size(); ++results_seen) {
    const ResourceResult& r = results[results_seen];
    auto it = by_result.find({r.key, r.hook_type});
    if (it == by_result.end()) continue;
    for (const std::size_t i : it->second) {
      if (state[i] != TaskState::Pending) continue;
      state[i] = r.status == "SyncFailed" ? TaskState::Failed : TaskState::Running;
      last_started = static_cast<std::ptrdiff_t>(i);
    }
  }
  while (next < state.size() && state[next] != TaskState::Pending) ++next;
}

bool sync_run_applies(const SyncRun& run, const ObjectKey& key) { return run.plan.desired_keys.count(key) != 0; }

namespace {

std::string kind_name(const ObjectKey& k) { return (k.group.empty() ? "" : k.group + "/") + k.kind + "/" + k.name; }

// A hook that BeforeHookCreation deletes and creates anew is checked as the
// create it will be: the object it replaces does not constrain it (its
// immutable fields, a Job's template). Checked under a name of the same
// length that nothing has, and reported under its own.
Status dry_run_as_create(cluster::Cluster& c, const Node& manifest, const ObjectKey& key, TimePoint now) {
  ObjectKey other = key;
  for (const char ch : std::string_view("abcdefghijklmnopqrstuvwxyz0123456789")) {
    if (key.name.empty() || ch == key.name.back()) continue;
    other.name = key.name.substr(0, key.name.size() - 1) + ch;
    if (!c.get(other)) break;
  }
  Node copy = manifest;
  copy["metadata"]["name"] = Node::string(other.name);
  auto checked = c.dry_run_apply(copy, now);
  if (checked) return checked;
  std::string message = checked.error().message;
  for (std::size_t at = message.find(other.name); at != std::string::npos; at = message.find(other.name, at + key.name.size())) {
    message.replace(at, other.name.size(), key.name);
  }
  return Error(message);
}

}  // namespace

// ---------------------------------------------------------------------------
// Starting and stepping

struct AppController::StepScope {
  AppState& st;
  OperationState& op;
  ClusterRef c;
  SyncRun& run;
  TimePoint now;

  const SyncPlan& plan() const { return run.plan; }
  const std::vector<SyncTask>& tasks() const { return run.plan.tasks; }
  void record(ResourceResult r) {
    op.results.push_back(std::move(r));
    run.read_results(op.results);
  }
};

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
  st.run.reset();
  queue_.push(now + settings_.apply_latency, Task{TaskType::SyncStep, st.app.name, Level::Latest, "", false, id, started});
}

void AppController::sync_step(AppState& st, const Task& task, TimePoint now) {
  if (!st.status.operation || st.status.operation->id != task.generation ||
      st.status.operation->phase != OperationPhase::Running) {
    return;  // terminated or superseded
  }
  const ClusterRef c = clusters_(st.app.spec.destination);
  if (!c.cluster) {
    finish_operation(st, false, "cluster for destination is not configured", now);
    return;
  }
  if (held_by_sync_window(st, now)) return;
  SyncRun* run = prepare_run(st, c, now);
  if (!run) return;
  StepScope x{st, *st.status.operation, c, *run, now};
  if (x.run.failing) {
    run_sync_fail_phase(x);
    return;
  }
  if (x.op.results.empty() && run_first_step(x)) return;
  run_tasks(x);
}

bool AppController::held_by_sync_window(AppState& st, TimePoint now) {
  // A window that closed (or a deny that opened) holds a running sync until
  // syncs may run again, unless every blocking window allows overrun.
  OperationState& op = *st.status.operation;
  const auto windows = windows_for(st);
  const bool manual = op.initiated_by == InitiatedBy::User || op.initiated_by == InitiatedBy::Rollback;
  if (can_sync(windows, epoch_s(now), manual) || overrun_allowed(windows, epoch_s(now))) return false;
  op.message = "Sync operation blocked by sync window";
  queue_.push(now + Duration::seconds(10), Task{TaskType::SyncStep, st.app.name, Level::Latest, "", false, op.id, op.cause});
  return true;
}

SyncRun* AppController::prepare_run(AppState& st, const ClusterRef& c, TimePoint now) {
  OperationState& op = *st.status.operation;
  const ApplicationSource& source = op.source.repo_url == st.app.spec.source.repo_url ? op.source : st.app.spec.source;
  auto generated = repo_server_.generate(source, op.revision, false, now);
  if (!generated) {
    op.retry_limit = 0;
    op.phase = OperationPhase::Error;
    finish_operation(st, false, "ComparisonError: " + generated.error().message, now);
    return nullptr;
  }
  if (!st.run || st.run->operation_id != op.id) {
    st.run = std::make_shared<SyncRun>();
    st.run->operation_id = op.id;
  }
  SyncRun& run = *st.run;
  const std::uint64_t prune_generation = cluster_cache_[c.name].prune_generation[st.app.name];
  if (run.manifests == *generated && run.spec_generation == st.spec_generation &&
      run.prune_generation == prune_generation) {
    run.read_results(op.results);
    return &run;
  }
  // (Re)plan: the first step, or an input changed; progress is read back
  // from the operation's results.
  SyncPlanInput in;
  in.app = &st.app;
  in.desired = *generated == st.normalized_from && st.normalized
                   ? st.normalized
                   : std::make_shared<const std::vector<Node>>(normalize_targets(st.app, (*generated)->objects, tracking()));
  in.cluster = c.cluster;
  in.tracked_live = tracked_live_keys(st, c);
  in.only_resources = op.only_resources;
  if (!run.planned && st.app.spec.sync_policy.has_option("ApplyOutOfSyncOnly=true")) {
    // What is Synced as the operation begins is not applied (filterOutOfSyncTasks).
    const AppComparison cmp = compare(st, *in.desired, c, CompareOptions{});
    for (const auto& r : cmp.resources) {
      if (r.status == SyncStatusCode::Synced && r.live_exists) run.in_sync.insert(r.key);
    }
  }
  run.planned = true;
  in.in_sync = run.in_sync;
  const bool failing = run.failing;
  const std::string failure_message = run.failure_message;
  run.plan = plan_sync(in);
  run.manifests = *generated;
  run.spec_generation = st.spec_generation;
  run.prune_generation = prune_generation;
  run.index_plan();
  run.read_results(op.results);
  run.failing = failing;
  run.failure_message = failure_message;
  return &run;
}

void AppController::next_step(StepScope& x, Duration after) {
  step_hold_ = after;
  queue_.push(x.now + after, Task{TaskType::SyncStep, x.st.app.name, Level::Latest, "", false, x.op.id, x.op.cause});
}

void AppController::wait_step(StepScope& x, Duration after) {
  queue_.push(x.now + after, Task{TaskType::SyncStep, x.st.app.name, Level::Latest, "", false, x.op.id, x.op.cause});
}

void AppController::emit_resource(StepScope& x, const char* type, const ObjectKey& k, const std::string& message) {
  log_.emit(x.now, events::resource_result(type, x.st.app.name, {x.c.name, k.kind, k.ns, k.name}, message, x.op.cause));
}

// ---------------------------------------------------------------------------
// The first step: the dry run of the whole plan, then the destination namespace

bool AppController::run_first_step(StepScope& x) {
  if (dry_run_failed(x)) return true;
  if (x.op.dry_run) {
    for (const auto& t : x.tasks()) {
      if (t.is_prune()) {
        x.op.results.push_back(ResourceResult{t.key, x.op.prune ? "Pruned" : "PruneSkipped",
                                              x.op.prune ? "pruned (dry run)" : "ignored (requires pruning)"});
      } else {
        x.op.results.push_back(ResourceResult{t.key, "Synced", t.key.kubectl_ref() + " configured (dry run)"});
      }
    }
    finish_operation(x.st, true, "successfully synced (all tasks run)", x.now);
    return true;
  }
  return create_namespace(x);
}

// Every manifest as the API server would take it (kubectl apply
// --dry-run=server); one refused fails the operation with nothing applied.
// A custom resource whose CRD is in this same sync is not known yet: skipped.
bool AppController::dry_run_failed(StepScope& x) {
  const std::string& ns = x.st.app.spec.destination.ns;
  const bool create_ns = x.st.app.spec.sync_policy.has_option("CreateNamespace=true");
  std::vector<ResourceResult> failed;
  for (const auto& t : x.tasks()) {
    if (t.is_prune() || t.key.ns.empty()) continue;
    const ObjectKey ns_key{"", "Namespace", "", t.key.ns};
    const bool ns_exists = x.c.cluster->get(ns_key) != nullptr;
    const bool ns_in_git = x.plan().desired_keys.count(ns_key) != 0;
    const bool ns_created = create_ns && t.key.ns == ns;
    if (!ns_exists && !ns_in_git && !ns_created) {
      failed.push_back(ResourceResult{t.key, "SyncFailed", "namespaces \"" + t.key.ns + "\" not found"});
    }
  }
  const bool fail_on_shared = x.st.app.spec.sync_policy.has_option("FailOnSharedResource=true");
  for (const auto& t : x.tasks()) {
    if (t.is_prune()) continue;
    if (std::any_of(failed.begin(), failed.end(), [&](const ResourceResult& f) { return f.key == t.key; })) continue;
    if (const Node* live = x.c.cluster->get(t.key); live && fail_on_shared && !t.is_hook()) {
      const std::string other = tracking_app_of(*live);
      if (!other.empty() && other != x.st.app.name) {
        finish_operation(x.st, false,
                         "Shared resource found: " + t.key.kind + "/" + t.key.name + " is part of applications " +
                             x.st.app.ns + "/" + x.st.app.name + " and " + other,
                         x.now);
        return true;
      }
    }
    auto checked = dry_run_task(x, t);
    if (!checked && !x.plan().defines_crd_for(t.key)) {
      failed.push_back(ResourceResult{t.key, "SyncFailed", checked.error().message});
    }
  }
  if (failed.empty()) return false;
  x.op.results = failed;
  for (const auto& f : failed) emit_resource(x, "ResourceSyncFailed", f.key, f.message);
  finish_operation(x.st, false, "one or more objects failed to apply (dry run)", x.now);
  return true;
}

namespace {

// A sync option set on the app or on the resource (its manifest or its live
// object); the resource's own value wins (sync_context.go applyObject).
bool sync_option_on(const Application& app, const Node* target, const Node* live, std::string_view key,
                    std::string_view value) {
  for (const Node* obj : {target, live}) {
    if (!obj) continue;
    if (auto v = sync_option_value(*obj, key)) return *v == value;
  }
  return app.spec.sync_policy.has_option(std::string(key) + "=" + std::string(value));
}

}  // namespace

// One manifest's dry run, as the sync would apply it: Validate=false skips
// it; SkipDryRunOnMissingResource=true skips a kind the API server does not
// know yet; a hook that BeforeHookCreation re-creates, or a Force=true
// resource, is checked as the create it will be.
Status AppController::dry_run_task(StepScope& x, const SyncTask& t) {
  const Node* live = x.c.cluster->get(t.key);
  if (sync_option_on(x.st.app, t.desired, live, "Validate", "false")) return {};
  if (sync_option_on(x.st.app, t.desired, live, "SkipDryRunOnMissingResource", "true") &&
      !x.c.cluster->kind_info(t.key.group, t.key.kind)) {
    return {};
  }
  const bool recreated =
      live && ((t.is_hook() && has_delete_policy(*t.desired, HookDeletePolicy::BeforeHookCreation)) ||
               (!t.is_hook() && sync_option_on(x.st.app, t.desired, live, "Force", "true")));
  const Node target = target_of(x, t);
  return recreated ? dry_run_as_create(*x.c.cluster, target, t.key, x.now) : x.c.cluster->dry_run_apply(target, x.now);
}

// The manifest a task applies. RespectIgnoreDifferences=true: the fields
// ignoreDifferences names keep their live values on a resource that exists
// (controller/sync.go normalizeTargetResources).
Node AppController::target_of(StepScope& x, const SyncTask& t) const {
  Node obj = *t.desired;
  if (t.is_hook() || !x.st.app.spec.sync_policy.has_option("RespectIgnoreDifferences=true")) return obj;
  const Node* live = x.c.cluster->get(t.key);
  if (!live) return obj;
  for (const auto& pointer : ignored_pointers(x.st.app.spec.ignore_differences, t.key)) {
    if (pointer.rfind("/status", 0) == 0) continue;  // status is never the sync's to write
    if (const Node* v = find_json_pointer(*live, pointer)) {
      (void)set_json_pointer(obj, pointer, *v);
    } else {
      remove_json_pointers(obj, {pointer});
    }
  }
  return obj;
}

// CreateNamespace=true: the destination namespace first; never pruned later.
bool AppController::create_namespace(StepScope& x) {
  const std::string& ns = x.st.app.spec.destination.ns;
  const ObjectKey k{"", "Namespace", "", ns};
  if (!x.st.app.spec.sync_policy.has_option("CreateNamespace=true") || ns.empty() || x.c.cluster->get(k)) return false;
  Node nsobj = Node::map();
  nsobj["apiVersion"] = Node::string("v1");
  nsobj["kind"] = Node::string("Namespace");
  nsobj["metadata"]["name"] = Node::string(ns);
  auto applied = x.c.cluster->apply(nsobj, x.now, kControllerManager);
  if (!applied) {
    x.record(ResourceResult{k, "SyncFailed", applied.error().message});
    emit_resource(x, "ResourceSyncFailed", k, applied.error().message);
    fail_sync(x, "one or more synchronization tasks completed unsuccessfully");
    return true;
  }
  x.record(ResourceResult{k, "Synced", "namespace/" + ns + " created"});
  emit_resource(x, "ResourceApplied", k, "namespace/" + ns + " created");
  next_step(x, settings_.apply_latency);
  return true;
}

// ---------------------------------------------------------------------------
// The tasks, one (phase, wave) after the other

// Runs the next task. A (phase, wave) starts only when everything started
// before it is done — healthy, complete, or gone — and none failed; then its
// tasks run one per step (prunes first), and one that takes no time (a
// prune skipped) lets the next run in the same step. The last (phase, wave)
// is not waited on unless it holds hooks (sync_context.go Sync).
void AppController::run_tasks(StepScope& x) {
  const auto& tasks = x.tasks();
  for (std::size_t guard = 0; guard < 2 * tasks.size() + 4; ++guard) {
    const std::size_t i = x.run.next;
    const bool more = i < tasks.size();
    const bool started = x.run.last_started >= 0;
    const SyncTask* current = started ? &tasks[static_cast<std::size_t>(x.run.last_started)] : nullptr;
    if (more && (!started || same_group(tasks[i], *current))) {
      const auto took = run_task(x, i);
      if (!took) return;  // it waits, the next step is queued
      const Duration delay = wave_delay_after(x, i);
      if (took->ms > 0 || delay.ms > 0) {
        next_step(x, *took + delay);
        return;
      }
      continue;
    }
    if (!more) {
      const bool failed = std::any_of(x.run.state.begin(), x.run.state.end(),
                                      [](TaskState s) { return s == TaskState::Failed; });
      const bool hooks_last = started && std::any_of(tasks.begin(), tasks.end(), [&](const SyncTask& t) {
        return t.is_hook() && same_group(t, tasks.back());
      });
      if (!failed && !hooks_last) {
        finish_operation(x.st, true, "successfully synced (all tasks run)", x.now);
        return;
      }
    }
    switch (settle_started_tasks(x)) {
      case Gate::Wait: return;
      case Gate::Failed:
        fail_sync(x, "one or more synchronization tasks completed unsuccessfully");
        return;
      case Gate::Done: break;
    }
    if (!more) {
      finish_operation(x.st, true, "successfully synced (all tasks run)", x.now);
      return;
    }
    const auto took = run_task(x, i);
    if (!took) return;
    const Duration delay = wave_delay_after(x, i);
    if (took->ms > 0 || delay.ms > 0) {
      next_step(x, *took + delay);
      return;
    }
  }
}

// After the last task of a (phase, wave) that is not the last one, and did
// not fail, the sync pauses — also after resources without a health check —
// to give other controllers a chance to react (controller/sync.go
// delayBetweenSyncWaves, called by sync_context.go Sync as its syncWaveHook).
Duration AppController::wave_delay_after(StepScope& x, std::size_t index) const {
  const auto& tasks = x.tasks();
  if (x.plan().in_last_group(index)) return Duration{0};
  if (x.run.next < tasks.size() && same_group(tasks[x.run.next], tasks[index])) return Duration{0};
  for (std::size_t j = index + 1; j-- > 0 && same_group(tasks[j], tasks[index]);) {
    if (x.run.state[j] == TaskState::Failed) return Duration{0};
  }
  return settings_.sync_wave_delay;
}

// Reads where every started task stands (sync_context.go Sync, "update
// status of any tasks that are running"): a hook by its health (Healthy:
// succeeded; Progressing or Suspended: running; otherwise failed); in a
// multi-step sync a resource until Healthy (Degraded: failed); a pruned
// object until it is gone. Waits while any runs, then fails if any failed.
AppController::Gate AppController::settle_started_tasks(StepScope& x) {
  const auto& tasks = x.tasks();
  std::ptrdiff_t first_running = -1;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (x.run.state[i] != TaskState::Running) continue;
    const SyncTask& t = tasks[i];
    const Node* live = x.c.cluster->get(t.key);
    TaskState s = TaskState::Succeeded;
    std::string failure;
    if (t.is_prune()) {
      auto owned = x.run.awaiting.find(i);
      const bool dependents = owned != x.run.awaiting.end() &&
                              std::any_of(owned->second.begin(), owned->second.end(),
                                          [&](const ObjectKey& k) { return x.c.cluster->get(k) != nullptr; });
      if (dependents || (live && live->get({"metadata", "deletionTimestamp"}))) s = TaskState::Running;
    } else if (live) {
      if (auto h = cluster::assess_health(*live)) {
        if (h->status == HealthCode::Degraded) {
          s = TaskState::Failed;
          failure = t.is_hook() ? "hook failed: " + h->message : h->message;
        } else if (h->status != HealthCode::Healthy && (t.is_hook() || x.plan().multi_step)) {
          s = TaskState::Running;
        }
      }
    }
    x.run.state[i] = s;
    if (s == TaskState::Running && first_running < 0) first_running = static_cast<std::ptrdiff_t>(i);
    if (s == TaskState::Failed) {
      for (auto& r : x.op.results) {
        if (r.key == t.key) {
          r.status = "SyncFailed";
          r.message = failure;
        }
      }
    }
  }
  if (first_running >= 0) {
    const SyncTask& t = tasks[static_cast<std::size_t>(first_running)];
    x.op.message = std::string(t.is_prune()  ? "waiting for deletion of "
                               : t.is_hook() ? "waiting for completion of hook "
                                             : "waiting for healthy state of ") +
                   kind_name(t.key);
    wait_step(x, Duration::seconds(t.is_hook() ? 1 : 2));
    return Gate::Wait;
  }
  const bool failed = std::any_of(x.run.state.begin(), x.run.state.end(), [](TaskState s) { return s == TaskState::Failed; });
  return failed ? Gate::Failed : Gate::Done;
}

// One task: the time it took, or nullopt when it must wait (the next step is queued).
std::optional<Duration> AppController::run_task(StepScope& x, std::size_t index) {
  if (x.tasks()[index].is_prune()) return prune_task(x, index);
  return apply_task(x, index);
}

// A prune; a skipped one takes no time. Prune=false on the resource (or as
// the app's default) keeps it (sync_context.go pruneObject,
// isPruningDisabled). PrunePropagationPolicy (controller/sync.go, default
// foreground): foreground holds the sync until what the object owns is gone;
// background lets the garbage collector take it meanwhile; orphan leaves it,
// unowned.
std::optional<Duration> AppController::prune_task(StepScope& x, std::size_t index) {
  const ObjectKey key = x.tasks()[index].key;
  const Node* live = x.c.cluster->get(key);
  if (!live) {
    x.record(ResourceResult{key, "Pruned", "pruned"});
    return Duration{0};
  }
  if (!x.op.prune) {
    x.record(ResourceResult{key, "PruneSkipped", "ignored (requires pruning)"});
    emit_resource(x, "ResourcePruneSkipped", key, "ignored (requires pruning)");
    return Duration{0};
  }
  if (sync_option_on(x.st.app, nullptr, live, "Prune", "false")) {
    x.record(ResourceResult{key, "PruneSkipped", "ignored (no prune)"});
    emit_resource(x, "ResourcePruneSkipped", key, "ignored (no prune)");
    return Duration{0};
  }
  const auto& options = x.st.app.spec.sync_policy;
  if (options.has_option("PrunePropagationPolicy=orphan")) {
    Node unowned = Node::map();
    unowned["metadata"].set("ownerReferences", Node::null());
    for (const auto& k : x.c.cluster->owned_by(key)) (void)x.c.cluster->patch_merge(k, unowned, x.now, kControllerManager);
  } else if (!options.has_option("PrunePropagationPolicy=background")) {
    // The fake API server deletes in the background; foreground is modelled
    // where the sync sees it: the task runs until everything the object
    // owned, down the tree, is gone.
    std::vector<ObjectKey> tree = x.c.cluster->owned_by(key);
    for (std::size_t i = 0; i < tree.size() && tree.size() < 10'000; ++i) {
      for (auto& k : x.c.cluster->owned_by(tree[i])) tree.push_back(std::move(k));
    }
    if (!tree.empty()) x.run.awaiting[index] = std::move(tree);
  }
  auto removed = x.c.cluster->remove(key, x.now, kControllerManager);
  if (!removed) {
    x.record(ResourceResult{key, "SyncFailed", removed.error().message});
    emit_resource(x, "ResourceSyncFailed", key, removed.error().message);
  } else {
    x.record(ResourceResult{key, "Pruned", "pruned"});
    emit_resource(x, "ResourcePruned", key, "pruned");
  }
  return settings_.apply_latency;
}

// Applies a resource or creates a hook. Replace=true (app or resource)
// replaces instead (kubectl replace: nothing recorded for a three-way diff;
// a CRD or a Namespace is updated rather than replaced, so nothing in it is
// lost); Force=true on the resource deletes and creates it anew
// (sync_context.go applyObject).
std::optional<Duration> AppController::apply_task(StepScope& x, std::size_t index) {
  const SyncTask& t = x.tasks()[index];
  Node obj = target_of(x, t);
  const ObjectKey key = t.key;
  const Node* live = x.c.cluster->get(key);
  bool replaced = false;
  if (t.is_hook()) {
    // Hooks are created anew each sync; BeforeHookCreation (the default)
    // deletes the one left from the last sync first, and the create waits
    // until it is gone (sync_context.go runTasks, "delete anything that
    // need deleting").
    if (live && has_delete_policy(obj, HookDeletePolicy::BeforeHookCreation)) {
      (void)x.c.cluster->remove(key, x.now, kControllerManager);
      if (x.c.cluster->get(key)) {
        x.op.message = "waiting for deletion of hook " + kind_name(key);
        wait_step(x, Duration::seconds(1));
        return std::nullopt;
      }
    }
  } else {
    const bool replace = sync_option_on(x.st.app, t.desired, live, "Replace", "true");
    const bool force = sync_option_on(x.st.app, t.desired, live, "Force", "true");
    if (live && force) {
      (void)x.c.cluster->remove(key, x.now, kControllerManager);
      replaced = replace;
    } else if (live && replace) {
      replaced = true;
    }
    if (!replace) {
      // Record what we applied, so the next diff can be three-way.
      Node last = obj;
      obj["metadata"]["annotations"][kLastAppliedAnnotation] = Node::string(model::to_json(last));
    }
  }
  const std::string hook = hook_name(t.hook);
  auto applied = x.c.cluster->apply(obj, x.now, kControllerManager);
  if (!applied) {
    x.record(ResourceResult{key, "SyncFailed", applied.error().message, hook});
    emit_resource(x, "ResourceSyncFailed", key, applied.error().message);
    return settings_.apply_latency;
  }
  std::string message = applied->kubectl_line();
  if (replaced) {
    message = (key.kind == "CustomResourceDefinition" || (key.group.empty() && key.kind == "Namespace"))
                  ? key.kind + "/" + key.name + " updated"
                  : key.kubectl_ref() + " replaced";
  }
  x.record(ResourceResult{key, "Synced", message, hook});
  emit_resource(x, "ResourceApplied", key, message);
  return settings_.apply_latency;
}

void AppController::fail_sync(StepScope& x, const std::string& message) {
  if (x.plan().sync_fail_hooks.empty()) {
    finish_operation(x.st, false, message, x.now);
    return;
  }
  x.run.failing = true;
  x.run.failure_message = message;
  for (const SyncTask& t : x.plan().sync_fail_hooks) {
    if (x.c.cluster->get(t.key) && has_delete_policy(*t.desired, HookDeletePolicy::BeforeHookCreation)) {
      (void)x.c.cluster->remove(t.key, x.now, kControllerManager);
    }
    auto applied = x.c.cluster->apply(*t.desired, x.now, kControllerManager);
    const std::string result = applied ? applied->kubectl_line() : applied.error().message;
    x.record(ResourceResult{t.key, applied ? "Synced" : "SyncFailed", result, hook_name(t.hook)});
    emit_resource(x, applied ? "ResourceApplied" : "ResourceSyncFailed", t.key, result);
  }
  x.op.message = "waiting for completion of hook " + kind_name(x.plan().sync_fail_hooks.front().key);
  wait_step(x, Duration::seconds(1));
}

// While SyncFail hooks run: waits for them, then fails the operation, saying
// so when one of them failed too.
void AppController::run_sync_fail_phase(StepScope& x) {
  bool hook_failed = false;
  for (const SyncTask& t : x.plan().sync_fail_hooks) {
    const auto result = std::find_if(x.op.results.rbegin(), x.op.results.rend(), [&](const ResourceResult& r) {
      return r.key == t.key && r.hook_type == hook_name(t.hook);
    });
    if (result != x.op.results.rend() && result->status == "SyncFailed") {
      hook_failed = true;
      continue;
    }
    const Node* live = x.c.cluster->get(t.key);
    const auto h = live ? cluster::assess_health(*live) : std::nullopt;
    if (!h || h->status == HealthCode::Healthy) continue;
    if (h->status == HealthCode::Progressing || h->status == HealthCode::Suspended) {
      x.op.message = "waiting for completion of hook " + kind_name(t.key);
      wait_step(x, Duration::seconds(1));
      return;
    }
    hook_failed = true;
  }
  finish_operation(x.st, false,
                   x.run.failure_message + (hook_failed ? "\none or more SyncFail hooks failed" : ""), x.now);
}

// ---------------------------------------------------------------------------
// The end of an operation

void AppController::finish_operation(AppState& st, bool success, std::string message, TimePoint now) {
  OperationState& op = *st.status.operation;
  if (!success && message != "Operation terminated" && retry_operation(st, message, now)) return;
  if (!success && op.retry_count > 0) message += " (retried " + std::to_string(op.retry_count) + " times).";
  clean_up_hooks(st, success, now);
  if (op.phase == OperationPhase::Running) op.phase = success ? OperationPhase::Succeeded : OperationPhase::Failed;
  op.message = message;
  op.finished_at = now;
  if (success && !op.dry_run && op.only_resources.empty()) record_history(st, now);
  st.run.reset();
  const EventId ended = log_.emit(now, events::sync_ended(success, st.app.name, op.revision, to_string(op.initiated_by),
                                                         to_string(op.phase), message, op.cause));
  // The refresh that follows every finished operation.
  schedule_refresh(st, now, Level::Latest, "operation", false, ended);
}

namespace {

// Wait before retry n (1-based): duration × factor^(n-1), capped at
// maxDuration when that is above 0 (types.go RetryStrategy.NextRetryAt), held
// within [1 s, 1 day]: an attempt takes time, so a retry loop with a zero
// backoff or a factor below 1 stays bounded in virtual time.
Duration retry_backoff(const Backoff& b, std::int64_t attempt) {
  constexpr std::int64_t kFloor = 1'000, kCeiling = 24LL * 3600 * 1000;
  double ms = static_cast<double>(b.duration.ms);
  for (std::int64_t i = 1; i < attempt && std::abs(ms) < kCeiling; ++i) ms *= static_cast<double>(b.factor);
  if (b.max_duration.ms > 0) ms = std::min(ms, static_cast<double>(b.max_duration.ms));
  return Duration{std::clamp(static_cast<std::int64_t>(std::clamp(ms, -1e15, 1e15)), kFloor, kCeiling)};
}

}  // namespace

// Retry with backoff while the limit allows; the phase stays Running meanwhile.
bool AppController::retry_operation(AppState& st, const std::string& message, TimePoint now) {
  OperationState& op = *st.status.operation;
  if (!(op.retry_limit < 0 || op.retry_count < op.retry_limit)) return false;
  ++op.retry_count;
  const Backoff backoff = st.app.spec.sync_policy.retry ? st.app.spec.sync_policy.retry->backoff : Backoff{};
  const TimePoint at = now + retry_backoff(backoff, op.retry_count);
  op.message = message + ". Retrying attempt #" + std::to_string(op.retry_count) + " at " + format_offset(at) + ".";
  op.finished_at = now;
  op.results.clear();
  st.run.reset();  // the next attempt plans and runs from the start
  log_.emit(now, events::sync_retrying(st.app.name, op.revision, op.retry_count, op.message, op.cause));
  queue_.push(at, Task{TaskType::SyncStep, st.app.name, Level::Latest, "", false, op.id, op.cause});
  return true;
}

// Hook clean-up by delete policy: HookSucceeded hooks go when the operation
// succeeded, HookFailed ones when it failed (hook/delete_policy.go).
void AppController::clean_up_hooks(AppState& st, bool success, TimePoint now) {
  OperationState& op = *st.status.operation;
  const ClusterRef c = clusters_(st.app.spec.destination);
  if (!c.cluster) return;
  for (const auto& r : op.results) {
    if (r.hook_type.empty()) continue;
    const Node* live = c.cluster->get(r.key);
    if (live && has_delete_policy(*live, success ? HookDeletePolicy::HookSucceeded : HookDeletePolicy::HookFailed)) {
      (void)c.cluster->remove(r.key, now, kControllerManager);
    }
  }
}

// A whole-app, non-dry-run sync is recorded: ids from the last one's + 1 (0
// first), the oldest dropped beyond revisionHistoryLimit; 0 (or less) keeps
// none (state.go persistRevisionHistory, types.go RevisionHistories.Trunc).
void AppController::record_history(AppState& st, TimePoint now) {
  const OperationState& op = *st.status.operation;
  auto& h = st.status.history;
  const std::int64_t id = h.empty() ? 0 : h.back().id + 1;
  h.push_back(RevisionHistory{id, op.revision, op.source, op.started_at, now, op.initiated_by});
  const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(0, st.app.spec.revision_history_limit));
  if (h.size() > limit) h.erase(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(h.size() - limit));
}

}  // namespace gs::gitops
