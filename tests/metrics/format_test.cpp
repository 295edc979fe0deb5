// DORA's renderings: the text table in both languages, JSON and CSV.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "sim/core/events.hpp"
#include "sim/metrics/format.hpp"

using namespace gs;
using namespace gs::metrics;

namespace {

Report two_deploys() {
  std::vector<Event> log;
  auto add = [&](std::int64_t ms, Event e) {
    e.id = log.size() + 1;
    e.t = TimePoint{ms};
    log.push_back(std::move(e));
  };
  add(60'000, events::sync_ended(true, "web", "aaa", "automated", "Succeeded", "", 0));
  add(60'000, events::app_refreshed("web", "aaa", "Synced", "Healthy", "full", 0));
  add(120'000, events::sync_ended(true, "web", "bbb", "automated", "Succeeded", "", 0));
  add(130'000, events::health_status_changed("web", "Healthy", "Degraded", "", 0));
  add(300'000, events::app_refreshed("web", "bbb", "Synced", "Healthy", "full", 0));
  return compute(log, {{"web", "prod", "", ""}}, {}, TimePoint{600'000});
}

}  // namespace

TEST_CASE("the text table names each app with its environment and each figure with its tier") {
  const std::string t = report_text(two_deploys(), "en");
  CHECK(t.find("DORA metrics over virtual 0s..10m") != std::string::npos);
  CHECK(t.find("web  ") != std::string::npos);
  CHECK(t.find("288.0 Elite") != std::string::npos);  // 2 in 10 minutes: 288 a day
  CHECK(t.find("1/2 (50.0%) Low") != std::string::npos);
  CHECK(t.find("2m50s Elite") != std::string::npos);  // degraded at 2m10s, healthy at 5m
  CHECK(t.find("Per environment") != std::string::npos);
}

TEST_CASE("the Korean table says its headers and tiers in Korean") {
  const std::string t = report_text(two_deploys(), "ko");
  CHECK(t.find("리드 타임") != std::string::npos);
  CHECK(t.find("엘리트") != std::string::npos);
  CHECK(t.find("환경별 합계") != std::string::npos);
}

TEST_CASE("the JSON report holds apps, environments and deployments with null for what is not known") {
  const auto j = nlohmann::json::parse(report_json(two_deploys()));
  REQUIRE(j["apps"].size() == 1);
  CHECK(j["apps"][0]["app"] == "web");
  CHECK(j["apps"][0]["deployments"] == 2);
  CHECK(j["apps"][0]["tiers"]["changeFailRate"] == "Low");
  CHECK(j["apps"][0]["medianLeadTimeMs"].is_null());  // no ancestry: no lead time
  REQUIRE(j["environments"].size() == 1);
  CHECK(j["environments"][0]["production"] == true);
  REQUIRE(j["deployments"].size() == 2);
  CHECK(j["deployments"][1]["failure"] == "Degraded");
  CHECK(j["deployments"][1]["restoredMs"] == 300'000);
}

TEST_CASE("the CSV report has one row per app and per environment under its header") {
  const std::string c = report_csv(two_deploys());
  CHECK(c.rfind("app,env,production,deployments,", 0) == 0);
  CHECK(c.find("\nweb,prod,true,2,2,1,1,288.000,") != std::string::npos);
  CHECK(c.find("\n*,prod,true,2,2,1,1,") != std::string::npos);
}
