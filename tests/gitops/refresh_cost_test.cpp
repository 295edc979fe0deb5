// What a refresh costs (refresh.cpp, repo_server.cpp, compare_app.cpp),
// counted, never timed: a commit re-renders and re-diffs only the apps whose
// inputs it touched. Every app still refreshes to the new revision (as Argo CD
// does without the manifest-generate-paths annotation); an app whose rendered
// objects stayed the same reuses its render (the repo server's cache) and its
// comparison (the diff cache).
#include <catch2/catch.hpp>

#include "sim/git/repository.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::SyncStatusCode;

namespace {

const std::vector<std::string> kApps{"web", "api", "cart", "pay"};

// Four apps on one repository, one path and one namespace each.
world::WorldSpec four_apps() {
  auto spec = base_spec();
  auto& files = spec.repos[0].commits[0].files;
  files.clear();
  for (const auto& app : kApps) {
    files["apps/" + app + "/deployment.yaml"] = std::string(kDeployment);
    files["apps/" + app + "/service.yaml"] = std::string(kService);
    files["apps/" + app + "/configmap.yaml"] = std::string(kConfigMap);
    spec.applications.push_back(
        application({.name = app, .path = "apps/" + app, .ns = app, .automated = "{prune: true, selfHeal: true}"}));
  }
  return spec;
}

struct Cost {
  std::uint64_t renders = 0;
  std::uint64_t diffed = 0;
};

Cost cost_of(const world::World& w, const std::string& app) {
  const auto* st = w.controller().find(app);
  REQUIRE(st != nullptr);
  return Cost{w.repo_server().renders(st->app.spec.source), st->resources_diffed};
}

}  // namespace

TEST_CASE("Refresh: a commit re-renders and re-diffs only the app whose path it touched, and the others refresh to "
          "the new revision from their cached render and comparison",
          "[gitops][refresh]") {
  auto w = make_world(four_apps());
  w->advance(at("5m"));
  std::map<std::string, Cost> before;
  for (const auto& app : kApps) {
    REQUIRE(status(*w, app).sync == SyncStatusCode::Synced);
    before[app] = cost_of(*w, app);
    CAPTURE(app);
    CHECK(before[app].renders == 1);
    CHECK(before[app].diffed > 0);
  }
  const std::size_t refreshed_before = count_events(*w, "AppRefreshed", "api");
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale web'");
  const std::string sha = *w->repo_by_name("config")->repo->resolve("main");
  w->advance(at("15m"));  // three polls
  for (const auto& app : kApps) {
    CAPTURE(app);
    CHECK(status(*w, app).revision == sha);
    CHECK(status(*w, app).sync == SyncStatusCode::Synced);
  }
  CHECK(count_events(*w, "AppRefreshed", "api") >= refreshed_before + 3);
  CHECK(cost_of(*w, "web").renders == 2);
  CHECK(cost_of(*w, "web").diffed > before["web"].diffed);
  for (const auto& app : {"api", "cart", "pay"}) {
    CAPTURE(app);
    CHECK(cost_of(*w, app).renders == before[app].renders);
    CHECK(cost_of(*w, app).diffed == before[app].diffed);
  }
}

TEST_CASE("Refresh: a hard refresh renders and diffs again even when nothing changed", "[gitops][refresh]") {
  auto w = make_world(four_apps());
  w->advance(at("5m"));
  const Cost before = cost_of(*w, "api");
  run(*w, "argocd app refresh api --hard");
  w->advance(at("6m"));
  CHECK(cost_of(*w, "api").renders == before.renders + 1);
  CHECK(cost_of(*w, "api").diffed >= before.diffed + 3);
}

TEST_CASE("Refresh: while nothing in the cluster changed, a poll takes the last comparison, and a change to a resource "
          "compares again",
          "[gitops][refresh]") {
  auto w = make_world(four_apps());
  w->advance(at("5m"));
  const auto* api = w->controller().find("api");
  REQUIRE(api != nullptr);
  const std::uint64_t reused = api->comparisons_reused;
  const std::uint64_t diffed = api->resources_diffed;
  w->advance(at("20m"));  // five polls
  CHECK(api->comparisons_reused >= reused + 5);
  CHECK(api->resources_diffed == diffed);
  CHECK(status(*w, "api").sync == SyncStatusCode::Synced);
  run(*w, "kubectl scale deployment/web --replicas=5 -n api");
  w->advance(at("21m"));
  CHECK(api->resources_diffed > diffed);
  CHECK(count_events(*w, "SyncStatusChanged", "api") >= 2);  // OutOfSync, then Synced by self-heal
}
