// The lecture's cases (scenarios/cases/, written by tools/gen-baemin.py),
// read as DORA figures: a Baemin-like day of 50 services through gated
// pipelines meets the lecture's numbers in prod, and its "before GitOps"
// twin (push pipelines, release trains, rollbacks by hand) does not. Both
// start with every service rolled out at time 0; the figures are the day's
// after that.
#include <catch2/catch.hpp>

#include "sim/metrics/from_world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/session/runner.hpp"

using namespace gs;

namespace {

struct CaseRun {
  bool expectations_hold = false;
  metrics::Report report;
};

CaseRun run_case(const std::string& name) {
  auto sc = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/cases/" + name);
  REQUIRE(sc.ok());
  auto run = session::run_scenario(*sc.scenario);
  REQUIRE(run.ok());
  for (const auto& x : run->expectations) {
    CAPTURE(x.check.text, x.seen);
    CHECK(x.passed);
  }
  // The day's figures, as `gitops-sim metrics --since 1h` prints them: from
  // after the first rollout of every service at time 0.
  return CaseRun{run->all_passed, metrics::of_world(run->world(), TimePoint{60'000 * 60})};
}

const metrics::Figures& prod(const metrics::Report& r) {
  for (const auto& f : r.envs) {
    if (f.env == "prod") return f;
  }
  FAIL("no prod environment in the report");
  return r.total;
}

constexpr std::int64_t kMinute = 60'000;

}  // namespace

TEST_CASE("cases: the Baemin-like day deploys 50+ times to prod with lead time under 5m, under 1% failed, restored within 5m") {
  const CaseRun c = run_case("19-baemin-day.yaml");
  CHECK(c.expectations_hold);
  const metrics::Figures& p = prod(c.report);
  CHECK(p.deployments >= 50);
  CHECK(p.per_day >= 50.0);
  REQUIRE(p.median_lead_time);
  CHECK(p.median_lead_time->ms < 5 * kMinute);
  REQUIRE(p.fail_rate);
  CHECK(*p.fail_rate > 0.0);  // the day has its one bad release ...
  CHECK(*p.fail_rate < 0.01);
  CHECK(p.restored == p.failed);  // ... and it was reverted
  REQUIRE(p.median_recovery);
  CHECK(p.median_recovery->ms < 5 * kMinute);
}

TEST_CASE("cases: the push twin changes prod hours after a commit, fails more and restores by hand in hours") {
  const CaseRun c = run_case("20-baemin-day-push.yaml");
  CHECK(c.expectations_hold);
  const metrics::Figures& p = prod(c.report);
  CHECK(p.deployments >= 30);
  REQUIRE(p.median_lead_time);
  CHECK(p.median_lead_time->ms > 60 * kMinute);
  REQUIRE(p.fail_rate);
  CHECK(*p.fail_rate > 0.05);
  REQUIRE(p.median_recovery);
  CHECK(p.median_recovery->ms > 60 * kMinute);
}
