// App of Apps (the lecture's pattern, argocd-behaviour.md §8.1): Application
// objects a parent app syncs into the namespace Argo CD watches become apps;
// a resources finalizer cascades their deletion. Built on
// scenarios/12-app-of-apps.yaml, varied where a test needs it.
#include <catch2/catch.hpp>

#include <string>

#include "sim/cluster/cluster.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/world/world.hpp"

using namespace gs;

namespace {
scenario::Scenario load12() {
  auto r = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/12-app-of-apps.yaml");
  REQUIRE(r.ok());
  return *r.scenario;
}

std::string& repo_file(world::WorldSpec& w, const std::string& repo, const std::string& path) {
  for (auto& r : w.repos) {
    if (r.name != repo) continue;
    for (auto& c : r.commits) {
      if (auto it = c.files.find(path); it != c.files.end() && it->second) return *it->second;
    }
  }
  FAIL("no file " << path << " in " << repo);
  static std::string none;
  return none;
}

std::unique_ptr<world::World> make(const world::WorldSpec& spec) {
  auto w = world::World::create(spec);
  REQUIRE(w);
  return std::move(w.value());
}

TimePoint at(const char* d) { return TimePoint{parse_duration(d).value().ms}; }

const cluster::Cluster& cluster_of(const world::World& w, const char* name) { return *w.cluster_by_name(name)->cluster; }
const cluster::ObjectKey kWebDeploy{"apps", "Deployment", "shop", "web"};
const cluster::ObjectKey kWebProdApp{"argoproj.io", "Application", "argocd", "web-prod"};

int count(const world::World& w, const std::string& type, const std::string& app) {
  int n = 0;
  for (const auto& e : w.log().events()) n += e.type == type && e.str("app") == app;
  return n;
}
}  // namespace

TEST_CASE("App of Apps: syncing the parent creates its child Applications, and each deploys its own service",
          "[world][app-of-apps]") {
  auto w = make(load12().world);
  CHECK(w->controller().find("web-dev") == nullptr);  // only root at first
  w->advance(at("1m"));
  for (const char* child : {"web-dev", "web-prod"}) {
    CAPTURE(child);
    const auto* st = w->controller().find(child);
    REQUIRE(st);
    CHECK(st->status.sync == gitops::SyncStatusCode::Synced);
    CHECK(count(*w, "ApplicationCreated", child) == 1);
  }
  // The Application objects live where Argo CD runs, tracked by root.
  const auto* obj = cluster_of(*w, "in-cluster").get(kWebProdApp);
  REQUIRE(obj);
  CHECK(obj->get_string({"metadata", "labels", "app.kubernetes.io/instance"}).value_or("") == "root");
  // Each child's workload is in its own cluster.
  CHECK(cluster_of(*w, "dev").get(kWebDeploy));
  const auto* prod = cluster_of(*w, "prod").get(kWebDeploy);
  REQUIRE(prod);
  CHECK(prod->get_string({"metadata", "labels", "app.kubernetes.io/instance"}).value_or("") == "web-prod");
}

TEST_CASE("App of Apps: a child Application has no health, and the parent's health ignores its children (checklist 52)",
          "[world][app-of-apps]") {
  auto w = make(load12().world);
  bool seen = false;
  w->advance(at("30s"), [&](TimePoint) {
    const auto* root = w->controller().find("root");
    const auto* child = w->controller().find("web-dev");
    if (!root || !child || !root->status.operation || root->status.operation->phase != gitops::OperationPhase::Succeeded) {
      return;
    }
    if (child->status.health.status == cluster::HealthCode::Progressing) {
      seen = true;
      CHECK(root->status.health.status == cluster::HealthCode::Healthy);
      for (const auto& r : root->status.resources) {
        if (r.key.kind == "Application") CHECK_FALSE(r.health.has_value());
      }
    }
  });
  CHECK(seen);
}

TEST_CASE("App of Apps: a child Application does not hold back the parent's later sync waves (checklist 52)",
          "[world][app-of-apps]") {
  auto sc = load12();
  for (auto& r : sc.world.repos) {
    if (r.name == "platform-apps") {
      r.commits.front().files["apps/after.yaml"] =
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after-children\n  annotations:\n"
          "    argocd.argoproj.io/sync-wave: \"1\"\ndata: {a: b}\n";
    }
  }
  auto w = make(sc.world);
  bool checked = false;
  w->advance(at("20s"), [&](TimePoint) {
    if (checked || !cluster_of(*w, "in-cluster").get({"", "ConfigMap", "argocd", "after-children"})) return;
    checked = true;
    // Wave 1 went in while the wave-0 children were still rolling out.
    const auto* child = w->controller().find("web-dev");
    REQUIRE(child);
    CHECK(child->status.health.status != cluster::HealthCode::Healthy);
  });
  CHECK(checked);
}

TEST_CASE("App of Apps: deleting a child's manifest prunes the app, and its resources finalizer deletes its workload",
          "[world][app-of-apps]") {
  auto w = make(load12().world);
  w->advance(at("1m"));
  REQUIRE(w->apply_text("git commit platform-apps@main -m 'Retire web in prod'", {{"apps/web-prod.yaml", std::nullopt}}).ok());
  w->advance(at("2m"));
  CHECK(w->controller().find("web-prod") == nullptr);
  CHECK(count(*w, "ApplicationCascadeDeleted", "web-prod") == 1);
  CHECK(count(*w, "ApplicationDeleted", "web-prod") == 1);
  CHECK_FALSE(cluster_of(*w, "in-cluster").get(kWebProdApp));
  CHECK_FALSE(cluster_of(*w, "prod").get(kWebDeploy));
  CHECK_FALSE(cluster_of(*w, "prod").get({"", "Service", "shop", "web"}));
  CHECK(cluster_of(*w, "dev").get(kWebDeploy));  // the other child is untouched
}

TEST_CASE("App of Apps: without the resources finalizer a deleted child leaves its workload running",
          "[world][app-of-apps]") {
  auto sc = load12();
  std::string& f = repo_file(sc.world, "platform-apps", "apps/web-prod.yaml");
  const auto at_fin = f.find("  finalizers:\n    - resources-finalizer.argocd.argoproj.io\n");
  REQUIRE(at_fin != std::string::npos);
  f.erase(at_fin, std::string("  finalizers:\n    - resources-finalizer.argocd.argoproj.io\n").size());
  auto w = make(sc.world);
  w->advance(at("1m"));
  REQUIRE(w->apply_text("git commit platform-apps@main -m 'Retire web in prod'", {{"apps/web-prod.yaml", std::nullopt}}).ok());
  w->advance(at("2m"));
  CHECK(w->controller().find("web-prod") == nullptr);
  CHECK(count(*w, "ApplicationCascadeDeleted", "web-prod") == 0);
  CHECK(cluster_of(*w, "prod").get(kWebDeploy));  // orphaned, as Argo CD leaves it
}

TEST_CASE("App of Apps: a child's spec changed in Git changes the app, which syncs its new source",
          "[world][app-of-apps]") {
  auto sc = load12();
  auto w = make(sc.world);
  w->advance(at("1m"));
  std::string f = repo_file(sc.world, "platform-apps", "apps/web-dev.yaml");
  const auto p = f.find("path: web/overlays/dev");
  REQUIRE(p != std::string::npos);
  f.replace(p, std::string("path: web/overlays/dev").size(), "path: web/overlays/prod");
  REQUIRE(w->apply_text("git commit platform-apps@main -m 'dev runs the prod overlay'", {{"apps/web-dev.yaml", f}}).ok());
  w->advance(at("2m"));
  const auto* st = w->controller().find("web-dev");
  REQUIRE(st);
  CHECK(st->app.spec.source.path == "web/overlays/prod");
  CHECK(count(*w, "AppSpecChanged", "web-dev") == 1);
  const auto* d = cluster_of(*w, "dev").get(kWebDeploy);
  REQUIRE(d);
  CHECK(d->get({"spec", "replicas"})->text() == "3");  // the prod overlay's count
}

TEST_CASE("App of Apps: checks may name the children a parent will create, but a typo is still an error",
          "[world][app-of-apps]") {
  auto text = [](const char* app) {
    return std::string(R"(apiVersion: gitops-sim/v1
kind: Scenario
metadata: {name: t}
clusters: [{name: in-cluster, server: https://kubernetes.default.svc}]
repos:
  - name: apps
    url: https://git.example/apps.git
    commits:
      - branch: main
        message: children
        files:
          child.yaml: |
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: child, namespace: argocd}
            spec:
              source: {repoURL: https://git.example/apps.git, path: none}
              destination: {server: https://kubernetes.default.svc, namespace: x}
expect:
  - at: 1m
    app: )") + app + "\n    sync: Synced\n";
  };
  CHECK(scenario::load_scenario_text(text("child"), "t.yaml").ok());
  auto bad = scenario::load_scenario_text(text("chlid"), "t.yaml");
  REQUIRE_FALSE(bad.ok());
  CHECK(render_all(bad.errors).find("unknown app 'chlid'; did you mean 'child'?") != std::string::npos);
}

TEST_CASE("App of Apps: kubectl get applications prints the CRD's SYNC STATUS and HEALTH STATUS columns",
          "[world][app-of-apps][printers]") {
  auto w = make(load12().world);
  w->advance(at("1m"));
  auto out = w->apply_text("kubectl get applications -n argocd --cluster in-cluster");
  REQUIRE(out.ok());
  CHECK(out.value().output ==
        "NAME       SYNC STATUS   HEALTH STATUS\n"
        "web-dev    Synced        Healthy\n"
        "web-prod   Synced        Healthy\n");
}
