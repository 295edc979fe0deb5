#include "sim/gitops/sync_plan.hpp"

#include <algorithm>

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

bool by_order(const SyncTask& a, const SyncTask& b) { return sync_task_less(a.order, b.order); }

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
    if (d.get_string({"kind"}).value_or("") == "CustomResourceDefinition") {
      plan.crds.emplace(d.get_string({"spec", "group"}).value_or(""), d.get_string({"spec", "names", "kind"}).value_or(""));
    }
    const HookKind first = hook_kind(d);
    if (first == HookKind::Skip || (first != HookKind::None && partial)) continue;
    if (first == HookKind::None && !selected(k)) continue;
    const int wave = sync_wave(d);
    for (const HookKind hook : hook_kinds(d)) {
      SyncTask t;
      t.order = order_of(phase_of(hook), wave, k);
      t.key = k;
      t.hook = hook;
      t.desired = &d;
      t.action = hook != HookKind::None ? SyncAction::Hook
                 : in.cluster->get(k)   ? SyncAction::Update
                                        : SyncAction::Create;
      (hook == HookKind::SyncFail ? plan.sync_fail_hooks : plan.applies).push_back(std::move(t));
    }
  }

  const bool prune_last_app = in.app->spec.sync_policy.has_option("PruneLast=true");
  for (const ObjectKey& k : in.tracked_live) {
    if (plan.desired_keys.count(k) || !selected(k)) continue;
    const Node* live = in.cluster->get(k);
    if (!live || is_hook(*live)) continue;  // hooks are never pruned
    SyncTask t;
    // Prunes run in mirrored wave order: highest wave first.
    t.order = order_of(SyncPhase::Sync, -sync_wave(*live), k);
    t.key = k;
    t.action = SyncAction::Prune;
    t.prune_last = prune_last_app || has_sync_option(*live, "PruneLast=true");
    plan.prunes.push_back(std::move(t));
  }
  std::sort(plan.applies.begin(), plan.applies.end(), by_order);
  std::sort(plan.prunes.begin(), plan.prunes.end(), by_order);
  return plan;
}

}  // namespace gs::gitops
