// The one comparison of an app (compare_app.hpp): pairing desired with live
// (gitops-engine pkg/sync/reconcile.go Reconcile), ignoreDifferences
// (pkg/diff/diff_options.go normalizers), and the app's sync and health
// (argo-cd controller/state.go CompareAppState, controller/health.go).
#include <catch2/catch.hpp>

#include "sim/cluster/cluster.hpp"
#include "sim/core/rng.hpp"
#include "sim/gitops/compare_app.hpp"
#include "sim/model/yaml.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::gitops;
using model::Node;
using gs::testing::yaml;

namespace {

Node config_map(const std::string& name, const std::string& value, const std::string& annotations = "{}") {
  return yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
              "\n  namespace: shop\n  labels: {app.kubernetes.io/instance: web}\n  annotations: " + annotations +
              "\ndata: {level: '" + value + "'}\n");
}

struct Fixture {
  cluster::Cluster cluster{"dev", "https://dev.k8s.example", 0, Rng(1), nullptr};
  Application app;
  LastAppliedCache cache;
  std::vector<Node> desired;
  Fixture() {
    app.name = "web";
    app.spec.destination = {"https://dev.k8s.example", "", "shop"};
    REQUIRE(cluster.apply(yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"), TimePoint{0}, "kubectl").ok());
  }
  void live(const Node& obj) { REQUIRE(cluster.apply(obj, TimePoint{0}, "kubectl").ok()); }
  std::set<cluster::ObjectKey> tracked;
  AppComparison compare(std::vector<cluster::ObjectKey> tracked_keys = {}, CompareOptions opts = {}) {
    tracked = std::set<cluster::ObjectKey>(tracked_keys.begin(), tracked_keys.end());
    AppCompareInput in;
    in.app = &app;
    in.desired = &desired;
    in.cluster = &cluster;
    in.tracked_live = &tracked;
    in.desired_generation = 1;
    return compare_app(in, cache, opts);
  }
};

const ResourceStatus* find(const AppComparison& c, const std::string& name) {
  for (const auto& r : c.resources) {
    if (r.key.name == name) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("CompareApp: desired paired with live by key, a tracked extra requires pruning, hooks get no status "
          "(reconcile.go Reconcile, state.go CompareAppState)",
          "[gitops][compare-app]") {
  Fixture f;
  f.desired = {config_map("same", "info"), config_map("changed", "info"), config_map("missing", "info"),
               config_map("hook", "x", "{argocd.argoproj.io/hook: PreSync}")};
  f.live(config_map("same", "info"));
  f.live(config_map("changed", "debug"));
  f.live(config_map("extra", "info"));
  const auto c = f.compare({{"", "ConfigMap", "shop", "changed"}, {"", "ConfigMap", "shop", "extra"}});
  REQUIRE(c.resources.size() == 4);  // the hook is left out
  CHECK(find(c, "same")->status == SyncStatusCode::Synced);
  CHECK(find(c, "changed")->status == SyncStatusCode::OutOfSync);
  CHECK(find(c, "changed")->changed_paths == std::vector<std::string>{"data.level"});
  CHECK(find(c, "missing")->status == SyncStatusCode::OutOfSync);
  CHECK_FALSE(find(c, "missing")->live_exists);
  CHECK(find(c, "extra")->requires_pruning);
  CHECK(c.pairs[0].desired != nullptr);
  CHECK(c.sync == SyncStatusCode::OutOfSync);
  // Sorted by key, pairs beside them.
  CHECK(c.resources[0].key.name == "changed");
  CHECK(c.pairs[0].live != nullptr);
}

TEST_CASE("CompareApp: every matching ignoreDifferences entry's jsonPointers are left out of the diff "
          "(diff_options.go; checklist 12)",
          "[gitops][compare-app]") {
  Fixture f;
  f.desired = {yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata: {a: '1', b: '1', c: '1'}\n")};
  f.live(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata: {a: '2', b: '2', c: '1'}\n"));
  CHECK(f.compare().sync == SyncStatusCode::OutOfSync);
  f.app.spec.ignore_differences = {ResourceIgnoreDifferences{"", "ConfigMap", "", "", {"/data/a"}},
                                   ResourceIgnoreDifferences{"*", "*", "cm", "shop", {"/data/b"}},
                                   ResourceIgnoreDifferences{"", "Secret", "", "", {"/data/c"}}};
  CHECK(ignored_pointers(f.app.spec.ignore_differences, {"", "ConfigMap", "shop", "cm"}) ==
        std::vector<std::string>{"/data/a", "/data/b"});
  const auto c = f.compare();
  CHECK(c.sync == SyncStatusCode::Synced);
  CHECK(c.resources[0].status == SyncStatusCode::Synced);
}

TEST_CASE("CompareApp: only IgnoreExtraneous extras differing leave the app Synced (state.go CompareAppState)",
          "[gitops][compare-app]") {
  Fixture f;
  f.desired = {config_map("a", "1")};
  f.live(config_map("a", "1"));
  f.live(config_map("leftover", "1", "{argocd.argoproj.io/compare-options: IgnoreExtraneous}"));
  const auto c = f.compare({{"", "ConfigMap", "shop", "leftover"}});
  CHECK(find(c, "leftover")->status == SyncStatusCode::OutOfSync);
  CHECK(c.sync == SyncStatusCode::Synced);
}

TEST_CASE("CompareApp: app health is the worst live resource's, Missing only when none is live "
          "(health.go setApplicationHealth, Argo CD 3.4)",
          "[gitops][compare-app]") {
  ResourceStatus cm;
  cm.key = {"", "ConfigMap", "shop", "cm"};
  cm.live_exists = true;
  ResourceStatus deploy;
  deploy.key = {"apps", "Deployment", "shop", "web"};
  deploy.live_exists = true;
  deploy.health = HealthStatus{HealthCode::Progressing, "waiting"};
  ResourceStatus gone;
  gone.key = {"apps", "Deployment", "shop", "api"};
  gone.health = HealthStatus{HealthCode::Missing, ""};
  CHECK(aggregate_health({cm, deploy, gone}).status == HealthCode::Progressing);
  CHECK(aggregate_health({cm, deploy}).message == "Deployment/web: waiting");
  CHECK(aggregate_health({gone}).status == HealthCode::Missing);
  CHECK(aggregate_health({}).status == HealthCode::Healthy);
}

TEST_CASE("CompareApp: an unchanged live object re-compares from the memo, a hard refresh diffs again",
          "[gitops][compare-app]") {
  Fixture f;
  f.desired = {config_map("a", "1")};
  f.live(config_map("a", "2"));
  CompareMemo memo;
  CompareOptions opts;
  opts.memo = &memo;
  CHECK(f.compare({}, opts).sync == SyncStatusCode::OutOfSync);
  REQUIRE(memo.size() == 1);
  // A memo entry that says otherwise is believed while nothing changed...
  memo.begin()->second.status.status = SyncStatusCode::Synced;
  CHECK(f.compare({}, opts).sync == SyncStatusCode::Synced);
  // ...and not by a hard refresh, nor by a diff for printing.
  opts.hard = true;
  CHECK(f.compare({}, opts).sync == SyncStatusCode::OutOfSync);
  CompareOptions diffs;
  diffs.with_diffs = true;
  const auto c = f.compare({}, diffs);
  CHECK(c.pairs[0].diff.modified);
  CHECK(c.pairs[0].diff.predicted_live.get_string({"data", "level"}) == "1");
}
