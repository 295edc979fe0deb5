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

using namespace gs;
using namespace gs::gitops;
using model::Node;

namespace {

Node yaml(const std::string& text) {
  auto n = model::parse_yaml(text);
  REQUIRE(n.ok());
  return *n;
}

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

std::vector<std::string> names(const std::vector<SyncTask>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) {
    out.push_back(std::string(t.hook == HookKind::None ? "" : std::string(hook_name(t.hook)) + ":") + t.key.kind + "/" +
                  t.key.name);
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

TEST_CASE("SyncPlan: phase, wave, kind and name order; a hook in each of its phases; SyncFail hooks apart "
          "(sync_context.go getSyncTasks, sync_tasks.go Split)",
          "[gitops][plan]") {
  Fixture f;
  const SyncPlan plan = f.plan(manifests());
  CHECK(names(plan.applies) == std::vector<std::string>{"PreSync:Job/migrate", "ConfigMap/web-config", "Service/web",
                                                        "Deployment/web", "Widget/w", "PostSync:Job/migrate",
                                                        "PostSync:Job/smoke"});
  CHECK(names(plan.sync_fail_hooks) == std::vector<std::string>{"SyncFail:Job/alert"});
  CHECK(plan.prunes.empty());
  // Every desired object is known to the plan, a Skip one too (it is never pruned).
  CHECK(plan.desired_keys.count(cluster::ObjectKey{"", "ConfigMap", "shop", "never"}) == 1);
  CHECK(plan.applies[2].action == SyncAction::Create);
  CHECK(plan.applies[0].action == SyncAction::Hook);
}

TEST_CASE("SyncPlan: the same plan whatever order the manifests come in", "[gitops][plan][determinism]") {
  Fixture f;
  const auto expected = names(f.plan(manifests()).applies);
  Rng rng(7);
  for (int round = 0; round < 10; ++round) {
    auto shuffled = manifests();
    for (std::size_t i = shuffled.size() - 1; i > 0; --i) std::swap(shuffled[i], shuffled[rng.below(i + 1)]);
    CHECK(names(f.plan(shuffled).applies) == expected);
  }
}

TEST_CASE("SyncPlan: a partial sync (self-heal) plans only its resources and no hooks (controller/sync.go skipHooks)",
          "[gitops][plan]") {
  Fixture f;
  const SyncPlan plan = f.plan(manifests(), {}, {cluster::ObjectKey{"apps", "Deployment", "shop", "web"}});
  CHECK(names(plan.applies) == std::vector<std::string>{"Deployment/web"});
  CHECK(plan.sync_fail_hooks.empty());
}

TEST_CASE("SyncPlan: what the app tracks but Git no longer has is pruned; hooks never are; an existing object is "
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
  REQUIRE(names(plan.prunes) == std::vector<std::string>{"Secret/old-secret", "ConfigMap/old"});
  CHECK(plan.prunes[0].action == SyncAction::Prune);
  CHECK(plan.prunes[0].desired == nullptr);
  CHECK(plan.prunes[0].prune_last);
  CHECK_FALSE(plan.prunes[1].prune_last);
  const auto service = std::find_if(plan.applies.begin(), plan.applies.end(),
                                    [](const SyncTask& t) { return t.key.kind == "Service"; });
  REQUIRE(service != plan.applies.end());
  CHECK(service->action == SyncAction::Update);
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
