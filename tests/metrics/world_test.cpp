// DORA over shipped scenarios through the World adapter: the app's facts
// from its view, lead time from the world's Git history.
#include <catch2/catch.hpp>

#include "sim/lesson/loader.hpp"
#include "sim/metrics/from_world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/session/runner.hpp"
#include "sim/session/session.hpp"
#include "sim/world/world.hpp"

using namespace gs;

namespace {

std::unique_ptr<session::Session> run(const std::string& name, std::int64_t until_ms) {
  auto sc = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/" + name);
  REQUIRE(sc.ok());
  auto s = session::run_to(*sc.scenario, TimePoint{until_ms});
  REQUIRE(s);
  return std::move(s.value());
}

}  // namespace

TEST_CASE("an app's facts come from its view: its cluster as environment, and outside production its own folder as its tree") {
  auto s = run("06-bad-image-and-revert.yaml", 0);
  const auto facts = metrics::app_facts(s->world());
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].app == "shop-dev");
  CHECK(facts[0].env == "dev");
  CHECK(facts[0].repo == "shop-config");
  CHECK(facts[0].tree == "overlays/dev");  // production would read the whole repository (app_tree)
}

TEST_CASE("scenario 06: the bad image is a failed deployment restored by the revert") {
  auto s = run("06-bad-image-and-revert.yaml", 20 * 60'000);
  const auto r = metrics::of_world(s->world());
  REQUIRE(r.apps.size() == 1);
  const auto& f = r.apps[0];
  CHECK(f.deployments == 3);  // the first sync, 9.9.9, the revert
  CHECK(f.failed == 1);
  CHECK(f.restored == 1);
  REQUIRE(r.deployments.size() == 3);
  const auto& bad = r.deployments[1];
  CHECK(bad.failure == metrics::FailureKind::Degraded);
  REQUIRE(bad.recovery_time());
  CHECK(bad.recovery_time()->ms > 0);
  CHECK(bad.restored_at->ms <= 16 * 60'000);
  // The revert brings one commit, made at 13m.
  const auto& revert = r.deployments[2];
  CHECK(revert.commits == 1);
  REQUIRE(revert.earliest_commit);
  CHECK(revert.earliest_commit->ms == 13 * 60'000);
  REQUIRE(revert.lead_time);
  CHECK(revert.lead_time->ms < 3 * 60'000);
}

TEST_CASE("the same run gives the same report") {
  auto a = run("06-bad-image-and-revert.yaml", 20 * 60'000);
  auto b = run("06-bad-image-and-revert.yaml", 20 * 60'000);
  const auto ra = metrics::of_world(a->world());
  const auto rb = metrics::of_world(b->world());
  REQUIRE(ra.deployments.size() == rb.deployments.size());
  for (std::size_t i = 0; i < ra.deployments.size(); ++i) {
    CHECK(ra.deployments[i].revision == rb.deployments[i].revision);
    CHECK(ra.deployments[i].healthy_at == rb.deployments[i].healthy_at);
  }
}

TEST_CASE("lesson 18's day gives the figures its questions name: 56 deploys, about 10s lead, 1 of 56 failed, about 1m") {
  auto loaded = lesson::load_lesson_file(std::string(GS_SOURCE_DIR) + "/lessons/18-case-metrics.yaml");
  REQUIRE(loaded.ok());
  auto s = session::run_to(loaded.lesson->world, TimePoint{24 * 3'600'000});
  REQUIRE(s);
  const auto r = metrics::of_world((*s)->world());
  REQUIRE(r.envs.size() == 1);
  const auto& prod = r.envs[0];
  CHECK(prod.env == "prod");
  CHECK(prod.production);
  CHECK(prod.deployments == 56);
  REQUIRE(prod.median_lead_time);
  CHECK(prod.median_lead_time->ms >= 5'000);
  CHECK(prod.median_lead_time->ms <= 20'000);
  CHECK(prod.failed == 1);
  CHECK(prod.attempts == 56);
  REQUIRE(prod.median_recovery);
  CHECK(prod.median_recovery->ms >= 30'000);
  CHECK(prod.median_recovery->ms <= 90'000);
}
