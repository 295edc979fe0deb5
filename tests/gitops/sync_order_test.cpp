// The sync order, written once (spec 6.2, checklist 36).
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/core/rng.hpp"
#include "sim/gitops/application.hpp"
#include "sim/gitops/sync_order.hpp"

using namespace gs::gitops;

TEST_CASE("SyncOrder: phase, then wave, then kind order, then name (checklist 36)", "[gitops][order]") {
  std::vector<SyncTaskKey> tasks{
      {SyncPhase::Sync, 0, "apps", "Deployment", "shop", "web"},
      {SyncPhase::Sync, 0, "", "Service", "shop", "web"},
      {SyncPhase::Sync, 0, "", "Namespace", "", "shop"},
      {SyncPhase::Sync, 1, "", "ConfigMap", "shop", "late"},
      {SyncPhase::PreSync, 5, "batch", "Job", "shop", "migrate"},
      {SyncPhase::Sync, 0, "", "ConfigMap", "shop", "b"},
      {SyncPhase::Sync, 0, "", "ConfigMap", "shop", "a"},
      {SyncPhase::Sync, -1, "example.com", "Widget", "shop", "w"},
  };
  // Same result from any input order.
  gs::Rng rng(3);
  for (int round = 0; round < 20; ++round) {
    auto shuffled = tasks;
    for (std::size_t i = shuffled.size() - 1; i > 0; --i) std::swap(shuffled[i], shuffled[rng.below(i + 1)]);
    std::sort(shuffled.begin(), shuffled.end(), sync_task_less);
    std::vector<std::string> names;
    for (const auto& t : shuffled) names.push_back(t.kind + "/" + t.name);
    CHECK(names == std::vector<std::string>{"Job/migrate", "Widget/w", "Namespace/shop", "ConfigMap/a", "ConfigMap/b",
                                            "Service/web", "Deployment/web", "ConfigMap/late"});
  }
  CHECK(kind_rank("Namespace") < kind_rank("ConfigMap"));
  CHECK(kind_rank("Service") < kind_rank("Deployment"));
  CHECK(kind_rank("MyCustomResource") > kind_rank("APIService"));
  CHECK(parse_sync_wave("-2") == -2);
  CHECK(parse_sync_wave("x") == 0);
}

TEST_CASE("AppProject: globs match repos and destinations", "[gitops][project]") {
  CHECK(glob_match("*", "https://git.example/x.git"));
  CHECK(glob_match("https://git.example/*", "https://git.example/shop/config.git"));
  CHECK_FALSE(glob_match("https://git.example/team-a/*", "https://git.example/team-b/config.git"));
  CHECK(glob_match("shop-*", "shop-dev"));
  CHECK_FALSE(glob_match("shop-*", "web-dev"));
}
