#include "sim/gitops/sync_plan.hpp"

#include <algorithm>
#include <tuple>

#include "sim/cluster/cluster.hpp"
#include "sim/gitops/resource_key.hpp"

namespace gs::gitops {

using model::Node;

const char* to_string(SyncAction a) {
  switch (a) {
    case SyncAction::Create: return "create";
    case SyncAction::Update: return "update";
    case SyncAction::Prune: return "prune";
    case SyncAction::Hook: return "hook";
  }
  return "create";
}

namespace {

SyncTaskKey order_of(SyncPhase phase, int wave, const ObjectKey& k) {
  return SyncTaskKey{phase, wave, k.group, k.kind, k.ns, k.name};
}

// Prunes keep their live object's wave, mirrored among the prune waves so
// what was created last goes first (sync_context.go getSyncTasks: "reverse
// of sync wave (creation order)").
void mirror_prune_waves(std::vector<SyncTask>& tasks) {
  std::vector<int> waves;
  for (const auto& t : tasks) {
    if (t.is_prune()) waves.push_back(t.wave());
  }
  std::sort(waves.begin(), waves.end());
  waves.erase(std::unique(waves.begin(), waves.end()), waves.end());
  for (auto& t : tasks) {
    if (!t.is_prune()) continue;
    const auto at = static_cast<std::size_t>(std::lower_bound(waves.begin(), waves.end(), t.wave()) - waves.begin());
    t.order.wave = waves[waves.size() - 1 - at];
  }
}

// PruneLast=true: a wave after the last Sync-phase wave, prunes counted
// (sync_context.go getSyncTasks, syncPhaseLastWave + 1).
void move_prune_last(std::vector<SyncTask>& tasks) {
  int last_wave = 0;
  for (const auto& t : tasks) {
    if (t.phase() == SyncPhase::Sync) last_wave = std::max(last_wave, t.wave());
  }
  for (auto& t : tasks) {
    if (t.is_prune() && t.prune_last) t.order.wave = last_wave + 1;
  }
}

// Within one (phase, wave), prunes run before everything else (runTasks).
void prunes_first_in_each_group(std::vector<SyncTask>& tasks) {
  std::stable_sort(tasks.begin(), tasks.end(), [](const SyncTask& a, const SyncTask& b) {
    return std::tie(a.order.phase, a.order.wave) < std::tie(b.order.phase, b.order.wave) ||
           (same_group(a, b) && a.is_prune() && !b.is_prune());
  });
}

}  // namespace

SyncPlan plan_sync(const SyncPlanInput& in) {
  SyncPlan plan;
  plan.desired = in.desired;
  const std::set<ObjectKey> only(in.only_resources.begin(), in.only_resources.end());
  const bool partial = !only.empty();
  auto selected = [&](const ObjectKey& k) { return !partial || only.count(k) != 0; };

  for (const Node& d : *in.desired) {
    const ObjectKey k = key_of(d);
    plan.desired_keys.insert(k);
    std::string crd_kind;
    if (k.kind == "CustomResourceDefinition") {
      const std::string group = d.get_string({"spec", "group"}).value_or("");
      const std::string kind = d.get_string({"spec", "names", "kind"}).value_or("");
      plan.crds.emplace(group, kind);
      crd_kind = group + "/" + kind;
    }
    const HookKind first = hook_kind(d);
    if (first == HookKind::Skip || (first != HookKind::None && partial)) continue;
    if (first == HookKind::None && (!selected(k) || in.in_sync.count(k))) continue;
    const int wave = sync_wave(d);
    for (const HookKind hook : hook_kinds(d)) {
      SyncTask t;
      t.order = order_of(phase_of(hook), wave, k);
      t.key = k;
      t.hook = hook;
      t.desired = &d;
      t.crd_kind = crd_kind;
      t.action = hook != HookKind::None ? SyncAction::Hook
                 : in.cluster->get(k)   ? SyncAction::Update
                                        : SyncAction::Create;
      (hook == HookKind::SyncFail ? plan.sync_fail_hooks : plan.tasks).push_back(std::move(t));
    }
  }

  const bool prune_last_app = in.app->spec.sync_policy.has_option("PruneLast=true");
  for (const ObjectKey& k : in.tracked_live) {
    if (plan.desired_keys.count(k) || !selected(k)) continue;
    const Node* live = in.cluster->get(k);
    if (!live || is_hook(*live)) continue;  // hooks are never pruned
    SyncTask t;
    t.order = order_of(SyncPhase::Sync, sync_wave(*live), k);
    t.key = k;
    t.action = SyncAction::Prune;
    t.prune_last = prune_last_app || has_sync_option(*live, "PruneLast=true");
    plan.tasks.push_back(std::move(t));
  }
  mirror_prune_waves(plan.tasks);
  move_prune_last(plan.tasks);
  sort_sync_tasks(plan.tasks);
  prunes_first_in_each_group(plan.tasks);
  sort_sync_tasks(plan.sync_fail_hooks);
  if (!plan.tasks.empty()) {
    const SyncTask& last = plan.sync_fail_hooks.empty() ? plan.tasks.back() : plan.sync_fail_hooks.back();
    plan.multi_step = !same_group(plan.tasks.front(), last);
  }
  return plan;
}

}  // namespace gs::gitops
