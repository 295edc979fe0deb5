// The sync plan as data (sync_plan.hpp), tested apart from executing it:
// what gitops-engine's getSyncTasks builds and its Filter/Split separate
// (pkg/sync/sync_context.go, pkg/sync/sync_tasks.go).
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

#include "sim/cluster/cluster.hpp"
#include "sim/core/rng.hpp"
#include "sim/gitops/sync_plan.hpp"
#include "sim/model/yaml.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::gitops;
using model::Node;
using gs::testing::yaml;

namespace {

Node object(const std::string& api, const std::string& kind, const std::string& name, const std::string& annotations = "{}",
            const std::string& ns = "shop") {
  return yaml("apiVersion: " + api + "\nkind: " + kind + "\nmetadata:\n  name: " + name +
              (ns.empty() ? "" : "\n  namespace: " + ns) + "\n  annotations: " + annotations +
              "\n  labels: {app.kubernetes.io/instance: web}\n");
}

struct Fixture {
  cluster::Cluster cluster{"dev", "https://dev.k8s.example", 0, Rng(1), nullptr};
  Application app;
  Fixture() {
    app.name = "web";
    app.spec.destination = {"https://dev.k8s.example", "", "shop"};
    REQUIRE(cluster.apply(object("v1", "Namespace", "shop", "{}", ""), TimePoint{0}, "kubectl").ok());
  }
  SyncPlan plan(std::vector<Node> desired, std::vector<cluster::ObjectKey> tracked = {},
                std::vector<cluster::ObjectKey> only = {}) {
    SyncPlanInput in;
    in.app = &app;
    in.desired = std::make_shared<const std::vector<Node>>(std::move(desired));
    in.cluster = &cluster;
    in.tracked_live = std::move(tracked);
    in.only_resources = std::move(only);
    return plan_sync(in);
  }
};

// "PreSync:Job/migrate", "ConfigMap/web", "prune:ConfigMap/old@1" (a prune with the wave it runs in).
std::vector<std::string> names(const std::vector<SyncTask>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) {
    std::string n = t.key.kind + "/" + t.key.name;
    if (t.is_hook()) n = std::string(hook_name(t.hook)) + ":" + n;
    if (t.is_prune()) n = "prune:" + n + "@" + std::to_string(t.wave());
    out.push_back(n);
  }
  return out;
}

std::vector<Node> manifests() {
  return {
      object("apps/v1", "Deployment", "web"),
      object("v1", "Service", "web"),
      object("v1", "ConfigMap", "web-config", "{argocd.argoproj.io/sync-wave: '-1'}"),
      object("batch/v1", "Job", "migrate", "{argocd.argoproj.io/hook: 'PreSync,PostSync'}"),
      object("batch/v1", "Job", "smoke", "{argocd.argoproj.io/hook: PostSync}"),
      object("batch/v1", "Job", "alert", "{argocd.argoproj.io/hook: SyncFail}"),
      object("v1", "ConfigMap", "never", "{argocd.argoproj.io/hook: Skip}"),
      object("example.com/v1", "Widget", "w", "{argocd.argoproj.io/sync-wave: '2'}"),
  };
}

}  // namespace

TEST_CASE("SyncPlan: phase, wave, kind and name order, a hook in each of its phases, SyncFail hooks apart "
          "(sync_context.go getSyncTasks, sync_tasks.go Split)",
          "[gitops][plan]") {
  Fixture f;
  const SyncPlan plan = f.plan(manifests());
  CHECK(names(plan.tasks) == std::vector<std::string>{"PreSync:Job/migrate", "ConfigMap/web-config", "Service/web",
                                                      "Deployment/web", "Widget/w", "PostSync:Job/migrate",
                                                      "PostSync:Job/smoke"});
  CHECK(names(plan.sync_fail_hooks) == std::vector<std::string>{"SyncFail:Job/alert"});
  CHECK(plan.multi_step);
  // Every desired object is known to the plan, a Skip one too (it is never pruned).
  CHECK(plan.desired_keys.count(cluster::ObjectKey{"", "ConfigMap", "shop", "never"}) == 1);
  CHECK(plan.tasks[2].action == SyncAction::Create);
  CHECK(plan.tasks[0].action == SyncAction::Hook);
  CHECK(plan.in_last_group(6));
  CHECK_FALSE(plan.in_last_group(4));
}

TEST_CASE("SyncPlan: the same plan whatever order the manifests come in", "[gitops][plan][determinism]") {
  Fixture f;
  const auto expected = names(f.plan(manifests()).tasks);
  Rng rng(7);
  for (int round = 0; round < 10; ++round) {
    auto shuffled = manifests();
    for (std::size_t i = shuffled.size() - 1; i > 0; --i) std::swap(shuffled[i], shuffled[rng.below(i + 1)]);
    CHECK(names(f.plan(shuffled).tasks) == expected);
  }
}

TEST_CASE("SyncPlan: a partial sync (self-heal) plans only its resources and no hooks (controller/sync.go skipHooks)",
          "[gitops][plan]") {
  Fixture f;
  const SyncPlan plan = f.plan(manifests(), {}, {cluster::ObjectKey{"apps", "Deployment", "shop", "web"}});
  CHECK(names(plan.tasks) == std::vector<std::string>{"Deployment/web"});
  CHECK(plan.sync_fail_hooks.empty());
  CHECK_FALSE(plan.multi_step);
}

TEST_CASE("SyncPlan: what the app tracks but Git no longer has is pruned, hooks never are, an existing object is "
          "updated (sync_context.go getSyncTasks)",
          "[gitops][plan]") {
  Fixture f;
  REQUIRE(f.cluster.apply(object("v1", "ConfigMap", "old"), TimePoint{0}, "kubectl").ok());
  REQUIRE(f.cluster.apply(object("v1", "Secret", "old-secret", "{argocd.argoproj.io/sync-options: PruneLast=true}"),
                          TimePoint{0}, "kubectl")
              .ok());
  REQUIRE(f.cluster.apply(object("v1", "ConfigMap", "old-hook", "{argocd.argoproj.io/hook: PreSync}"), TimePoint{0},
                          "kubectl")
              .ok());
  REQUIRE(f.cluster.apply(object("v1", "Service", "web"), TimePoint{0}, "kubectl").ok());
  const std::vector<cluster::ObjectKey> tracked{{"", "ConfigMap", "shop", "old"},
                                                {"", "Secret", "shop", "old-secret"},
                                                {"", "ConfigMap", "shop", "old-hook"},
                                                {"", "Service", "shop", "web"}};
  const SyncPlan plan = f.plan(manifests(), tracked);
  // The old ConfigMap goes first in wave 0; the PruneLast Secret in a wave
  // after the last (Widget/w's 2); the old hook never.
  REQUIRE(names(plan.tasks) == std::vector<std::string>{"PreSync:Job/migrate", "ConfigMap/web-config",
                                                        "prune:ConfigMap/old@0", "Service/web", "Deployment/web",
                                                        "Widget/w", "prune:Secret/old-secret@3",
                                                        "PostSync:Job/migrate", "PostSync:Job/smoke"});
  CHECK(plan.tasks[2].action == SyncAction::Prune);
  CHECK(plan.tasks[2].desired == nullptr);
  CHECK_FALSE(plan.tasks[2].prune_last);
  CHECK(plan.tasks[6].prune_last);
  CHECK(plan.tasks[3].action == SyncAction::Update);  // Service/web is live already
}

TEST_CASE("SyncPlan: a prune keeps its live object's wave, mirrored among the prunes' waves, first in its wave "
          "(sync_context.go getSyncTasks \"reverse of sync wave\", runTasks \"prune first\")",
          "[gitops][plan]") {
  Fixture f;
  auto cm = [](const std::string& name, int wave) {
    return object("v1", "ConfigMap", name, "{argocd.argoproj.io/sync-wave: '" + std::to_string(wave) + "'}");
  };
  for (const auto& [name, wave] : std::vector<std::pair<std::string, int>>{{"gone1", 1}, {"gone5", 5}, {"gone3", 3}}) {
    REQUIRE(f.cluster.apply(cm(name, wave), TimePoint{0}, "kubectl").ok());
  }
  const SyncPlan plan = f.plan({cm("a0", 0), cm("a3", 3)}, {{"", "ConfigMap", "shop", "gone1"},
                                                            {"", "ConfigMap", "shop", "gone3"},
                                                            {"", "ConfigMap", "shop", "gone5"}});
  // Prune waves {1, 3, 5} mirrored: 5 runs in wave 1, 3 in 3, 1 in 5.
  CHECK(names(plan.tasks) == std::vector<std::string>{"ConfigMap/a0", "prune:ConfigMap/gone5@1", "prune:ConfigMap/gone3@3",
                                                      "ConfigMap/a3", "prune:ConfigMap/gone1@5"});
}

TEST_CASE("SyncPlan: a Namespace and a CRD move ahead of what needs them, into its phase and wave "
          "(sync_tasks.go adjustDeps)",
          "[gitops][plan]") {
  Fixture f;
  const SyncPlan plan = f.plan({
      object("v1", "Namespace", "team", "{argocd.argoproj.io/sync-wave: '5'}", ""),
      object("v1", "ConfigMap", "in-team", "{argocd.argoproj.io/sync-wave: '0'}", "team"),
      yaml("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n"
           "  annotations: {argocd.argoproj.io/sync-wave: '3'}\nspec:\n  group: example.com\n"
           "  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n"),
      object("example.com/v1", "Widget", "w", "{argocd.argoproj.io/sync-wave: '1'}"),
  });
  CHECK(names(plan.tasks) == std::vector<std::string>{"Namespace/team", "ConfigMap/in-team",
                                                      "CustomResourceDefinition/widgets.example.com", "Widget/w"});
  CHECK(plan.tasks[0].wave() == 0);
  CHECK(plan.tasks[2].wave() == 1);
}

TEST_CASE("SyncPlan: a CRD in the sync defines its custom resources' kind (sync_context.go hasCRDOfGroupKind)",
          "[gitops][plan]") {
  Fixture f;
  auto desired = manifests();
  desired.push_back(yaml(R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
)"));
  const SyncPlan plan = f.plan(desired);
  CHECK(plan.defines_crd_for(cluster::ObjectKey{"example.com", "Widget", "shop", "w"}));
  CHECK_FALSE(plan.defines_crd_for(cluster::ObjectKey{"example.com", "Gadget", "shop", "g"}));
}
