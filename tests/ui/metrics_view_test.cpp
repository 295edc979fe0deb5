// The metrics panel's logic: rows per environment then app with tier chips
// in the panel's language, the bars' bucket, the plots' positions and marks,
// and when the panel recomputes.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/core/events.hpp"
#include "sim/ui/view/metrics_view.hpp"

using namespace gs;
using namespace gs::ui;

namespace {

metrics::Report sample() {
  std::vector<Event> log;
  auto add = [&](std::int64_t ms, Event e) {
    e.id = log.size() + 1;
    e.t = TimePoint{ms};
    log.push_back(std::move(e));
  };
  add(0, events::committed("cfg", "main", "c1", "a <a@x>", "m", 0));
  add(60'000, events::sync_ended(true, "web", "c1", "automated", "Succeeded", "", 0));
  add(120'000, events::app_refreshed("web", "c1", "Synced", "Healthy", "full", 0));
  add(300'000, events::sync_ended(true, "api", "c1", "automated", "Succeeded", "", 0));
  add(310'000, events::health_status_changed("api", "Healthy", "Degraded", "", 0));
  add(900'000, events::app_refreshed("api", "c2", "Synced", "Healthy", "full", 0));
  metrics::Ancestry one = [](const metrics::AppFacts&, const std::string& from, const std::string&) {
    return from.empty() ? std::vector<metrics::ChangeCommit>{{"c1", TimePoint{0}}} : std::vector<metrics::ChangeCommit>{};
  };
  return metrics::compute(log, {{"web", "dev", "cfg", ""}, {"api", "prod", "cfg", ""}}, one, TimePoint{20 * 60'000});
}

I18n english() {
  I18n i18n;
  REQUIRE(i18n.load(std::string(GS_SOURCE_DIR) + "/assets/i18n"));
  return i18n;
}

}  // namespace

TEST_CASE("metrics view: environments' totals come first, then apps, with tier chips") {
  const I18n i18n = english();
  const auto v = build_metrics_view(sample(), "", i18n);
  REQUIRE(v.rows.size() == 4);
  CHECK(v.rows[0].app.empty());
  CHECK(v.rows[0].env == "dev");
  CHECK(v.rows[1].env == "prod");
  CHECK(v.rows[1].production);
  CHECK(v.rows[2].app == "api");
  CHECK(v.rows[3].app == "web");
  CHECK(v.rows[3].lead_time.text == "2m");
  CHECK(v.rows[3].lead_time.tier_text == "Elite");
  CHECK(v.rows[2].fail_rate.text == "1/1 (100.0%)");
  CHECK(v.rows[2].fail_rate.tier_text == "Low");
  CHECK(v.rows[3].recovery.text == "-");
  CHECK_FALSE(v.rows[3].recovery.tier);  // no figure, no chip
}

TEST_CASE("metrics view: tier chips speak the panel's language") {
  I18n i18n = english();
  i18n.set_lang(Lang::Ko);
  const auto v = build_metrics_view(sample(), "", i18n);
  CHECK(v.rows[3].lead_time.tier_text == "엘리트");
}

TEST_CASE("metrics view: bars count deployments per bucket over the window, failures and restores are marked") {
  const auto v = build_metrics_view(sample(), "", english());
  CHECK(v.bucket == Duration::minutes(1));  // 20 minutes: 20 bars of 1m
  REQUIRE(v.bars.size() == 20);
  CHECK(v.bars[1].count == 1);
  CHECK(v.bars[5].count == 1);
  CHECK(v.tallest == 1);
  CHECK(v.bars[1].height == Approx(1.0));
  CHECK(v.bars[1].x0 == Approx(0.05));
  REQUIRE(v.marks.size() == 2);
  CHECK(v.marks[0].failure);
  CHECK(v.marks[0].label == "api: Degraded");
  CHECK_FALSE(v.marks[1].failure);
  CHECK(v.marks[1].x == Approx(0.75));
  // web ran healthy after 2m, api (Degraded, then Healthy) after 15m: the longest is the top.
  REQUIRE(v.leads.size() == 2);
  CHECK(v.leads[0].y == Approx(120.0 / 900.0));
  CHECK(v.leads[1].y == Approx(1.0));
  CHECK(v.leads[1].production);
  CHECK(v.ticks.front().second == "0s");
  CHECK(v.ticks.back().second == "20m");
}

TEST_CASE("metrics view: a filter limits the plots to one app and an unknown one shows all") {
  const auto only_web = build_metrics_view(sample(), "web", english());
  CHECK(only_web.filter == "web");
  CHECK(only_web.marks.empty());
  CHECK(only_web.rows.size() == 4);  // the table keeps every row
  const auto unknown = build_metrics_view(sample(), "gone", english());
  CHECK(unknown.filter.empty());
  CHECK(unknown.marks.size() == 2);
}

TEST_CASE("metrics view: the bucket is the smallest that gives at most 24 bars") {
  CHECK(metrics_bucket(Duration::minutes(20)) == Duration::minutes(1));
  CHECK(metrics_bucket(Duration::minutes(90)) == Duration::minutes(5));
  CHECK(metrics_bucket(Duration::hours(24)) == Duration::minutes(60));
  CHECK(metrics_bucket(Duration::hours(24 * 30)) == Duration::minutes(1440));
}

TEST_CASE("metrics view: the panel recomputes when the log or clock moved, at most twice a second") {
  const std::size_t never = ~std::size_t{0};
  CHECK(metrics_stale(10, 0, never, -1, 0.0, 0.0));
  CHECK_FALSE(metrics_stale(10, 5, 10, 5, 9.0, 0.0));
  CHECK_FALSE(metrics_stale(12, 6, 10, 5, 0.2, 0.0));
  CHECK(metrics_stale(12, 6, 10, 5, 0.6, 0.0));
}

TEST_CASE("metrics view: a tall panel shows every row and two strips, a short one fewer rows and one strip") {
  // Rows 20 px, strips at least 30, the axis 16, gaps 4.
  const auto tall = metrics_layout(400, 20, 4, 30, 16, 4);
  CHECK(tall.table_h == 100);  // the header and 4 rows
  CHECK(tall.strips == 2);
  CHECK(tall.strip_h >= 30);
  const auto many = metrics_layout(400, 20, 30, 30, 16, 4);
  CHECK(many.table_h == 200);  // half, in whole rows: it scrolls
  CHECK(many.strips == 2);
  const auto low = metrics_layout(150, 20, 4, 30, 16, 4);
  CHECK(low.strips == 2);
  CHECK(low.table_h == 60);  // the header and two rows: the rest scrolls
  const auto short_panel = metrics_layout(120, 20, 4, 30, 16, 4);
  CHECK(short_panel.strips == 1);
  CHECK(short_panel.table_h == 60);
  CHECK(std::fmod(short_panel.table_h, 20.0f) == 0);
  CHECK(short_panel.strip_h >= 30);
  const auto tiny = metrics_layout(50, 20, 4, 30, 16, 4);
  CHECK(tiny.strips == 0);
  CHECK(tiny.table_h == 40);
}
