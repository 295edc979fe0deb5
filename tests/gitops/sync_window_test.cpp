// Sync windows: cron schedules on the virtual clock and Argo CD's CanSync
// rules (argocd-behaviour.md §8.3, checklist 57).
#include <catch2/catch.hpp>

#include "sim/gitops/sync_window.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::gitops;
using namespace gs::testing;

namespace {
// 2026-01-05 (a Monday) at hh:mm UTC.
std::int64_t monday(int hh, int mm) { return 1767571200 + hh * 3600 + mm * 60; }

SyncWindow window(bool deny, const char* cron, Duration d, std::vector<std::string> apps, bool manual = false) {
  SyncWindow w;
  w.deny = deny;
  w.schedule = cron;
  auto c = parse_cron(cron);
  REQUIRE(c);
  w.cron = *c;
  w.duration = d;
  w.applications = std::move(apps);
  w.manual_sync = manual;
  return w;
}
}  // namespace

TEST_CASE("Sync windows: cron fields, lists, ranges, steps and names", "[gitops][sync-window]") {
  CHECK(monday(0, 0) % 86400 == 0);
  auto at9 = parse_cron("0 9 * * *");
  REQUIRE(at9);
  CHECK(cron_matches(*at9, monday(9, 0)));
  CHECK(cron_matches(*at9, monday(9, 0) + 59));  // the whole minute
  CHECK_FALSE(cron_matches(*at9, monday(9, 1)));
  auto weekdays = parse_cron("*/15 8-17 * * MON-FRI");
  REQUIRE(weekdays);
  CHECK(cron_matches(*weekdays, monday(8, 45)));
  CHECK_FALSE(cron_matches(*weekdays, monday(8, 50)));
  CHECK_FALSE(cron_matches(*weekdays, monday(8, 45) - 2 * 86400));  // Saturday
  // Day-of-month and day-of-week both restricted: either one (cron's OR).
  auto either = parse_cron("0 0 13 * FRI");
  REQUIRE(either);
  CHECK(cron_matches(*either, monday(0, 0) + 4 * 86400));  // Friday the 9th
  CHECK(cron_matches(*either, monday(0, 0) + 8 * 86400));  // Tuesday the 13th
  CHECK_FALSE(cron_matches(*either, monday(0, 0)));
  auto daily = parse_cron("@daily");
  REQUIRE(daily);
  CHECK(cron_matches(*daily, monday(0, 0)));
  auto jan = parse_cron("30 2 1 JAN,jul *");
  REQUIRE(jan);
  CHECK(jan->month.test(1));
  CHECK(jan->month.test(7));
  CHECK_FALSE(jan->month.test(2));
}

TEST_CASE("Sync windows: a bad schedule names the field at fault", "[gitops][sync-window]") {
  CHECK(parse_cron("0 9 * *").error().message ==
        "expected 5 fields (minute hour day-of-month month day-of-week), got 4");
  CHECK(parse_cron("0 25 * * *").error().message == "hour: 25 is out of range 0-23");
  CHECK(parse_cron("0 9 * * MONDAY").error().message == "day-of-week: 'MONDAY' is not a number or a name like SUN");
  CHECK(parse_cron("0 9 5-1 * *").error().message == "day-of-month: range '5-1' runs backwards");
  CHECK(parse_cron("*/0 9 * * *").error().message == "minute: step '0' must be a positive number");
  CHECK(parse_cron("@often").error().message == "unknown descriptor '@often'");
}

TEST_CASE("Sync windows: active from each firing for its duration", "[gitops][sync-window]") {
  const auto w = window(true, "0 9 * * *", Duration::hours(1), {"*"});
  CHECK(w.active_at(monday(9, 0)));
  CHECK(w.active_at(monday(9, 59) + 59));
  CHECK_FALSE(w.active_at(monday(10, 0)));
  CHECK_FALSE(w.active_at(monday(8, 59)));
  // A long window: found from the last firing days back, without walking every minute.
  const auto holidays = window(true, "0 0 24 12 *", Duration::hours(24 * 14), {"*"});
  const std::int64_t dec24_2025 = monday(0, 0) - 12 * 86400;
  CHECK(holidays.active_at(dec24_2025 + 13 * 86400 + 3600));  // 6 Jan, 01:00
  CHECK_FALSE(holidays.active_at(dec24_2025 + 14 * 86400));     // 7 Jan, 00:00: over
  CHECK_FALSE(holidays.active_at(dec24_2025 - 60));
}

TEST_CASE("Sync windows: CanSync — deny beats allow, allow windows gate, manualSync lets manual syncs through "
          "(checklist 57)", "[gitops][sync-window]") {
  const auto deny = window(true, "0 9 * * *", Duration::hours(1), {"*"});
  const auto deny_manual = window(true, "0 9 * * *", Duration::hours(1), {"*"}, true);
  const auto allow = window(false, "0 12 * * *", Duration::hours(2), {"*"});
  const auto allow_manual = window(false, "0 12 * * *", Duration::hours(2), {"*"}, true);
  const std::int64_t in_deny = monday(9, 30), in_allow = monday(12, 30), outside = monday(15, 0);
  CHECK(can_sync({}, in_deny, false));
  CHECK_FALSE(can_sync({&deny}, in_deny, false));
  CHECK_FALSE(can_sync({&deny}, in_deny, true));
  CHECK(can_sync({&deny_manual}, in_deny, true));
  CHECK_FALSE(can_sync({&deny_manual, &deny}, in_deny, true));  // every active deny must allow manual syncs
  CHECK(can_sync({&deny}, outside, false));
  CHECK(can_sync({&allow}, in_allow, false));
  CHECK_FALSE(can_sync({&allow}, outside, false));
  CHECK_FALSE(can_sync({&allow}, outside, true));
  CHECK(can_sync({&allow_manual}, outside, true));
  CHECK_FALSE(can_sync({&allow, &deny}, in_deny, false));
  CHECK(sync_window_state({&deny}, in_deny) == SyncWindowState::Denied);
  CHECK(sync_window_state({&deny_manual}, in_deny) == SyncWindowState::ManualAllowed);
  CHECK(sync_window_state({&deny}, outside) == SyncWindowState::Allowed);
  CHECK(std::string(to_string(SyncWindowState::ManualAllowed)) == "Manual Allowed");
}

TEST_CASE("Sync windows: matching by app, namespace or cluster globs, andOperator needs all", "[gitops][sync-window]") {
  SyncWindow w = window(true, "0 9 * * *", Duration::hours(1), {"*-prod"});
  CHECK(w.matches("shop-prod", "shop", "https://prod.k8s.example", "prod"));
  CHECK_FALSE(w.matches("shop-dev", "shop", "https://dev.k8s.example", "dev"));
  w.applications.clear();
  w.clusters = {"prod"};
  CHECK(w.matches("anything", "x", "https://prod.k8s.example", "prod"));
  w.namespaces = {"payments"};
  CHECK(w.matches("anything", "x", "https://prod.k8s.example", "prod"));
  w.and_operator = true;
  CHECK_FALSE(w.matches("anything", "x", "https://prod.k8s.example", "prod"));
  CHECK(w.matches("anything", "payments", "https://prod.k8s.example", "prod"));
}

TEST_CASE("Controller: a deny window holds auto-sync and refuses manual syncs until it closes (checklist 57)",
          "[gitops][controller][sync-window]") {
  auto spec = base_spec();
  spec.clock_start_epoch_s = monday(9, 0);
  spec.projects = {yaml(R"(apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: shop, namespace: argocd}
spec:
  sourceRepos: ['*']
  destinations: [{server: '*', namespace: '*'}]
  syncWindows:
    - {kind: deny, schedule: "0 9 * * *", duration: 1h, applications: [web]}
)")};
  auto app = application({.automated = "{prune: true}"});
  app["spec"]["project"] = model::Node::string("shop");
  spec.applications = {app};
  auto w = make_world(spec);
  w->advance(at("30s"));
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);
  CHECK(count_events(*w, "SyncStarted", "web") == 0);
  CHECK(count_events(*w, "SyncWindowBlocked", "web") == 1);
  CHECK(w->controller().sync_window_state("web", w->now()) == SyncWindowState::Denied);
  auto refused = w->apply_text("argocd app sync web");
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Catch::Contains("cannot sync: blocked by sync window"));
  auto get = w->apply_text("argocd app get web");
  REQUIRE(get.ok());
  CHECK_THAT(get.value().output, Catch::Contains("SyncWindow:         Sync Denied"));
  // The window closes at 10:00; the next poll's auto-sync goes through.
  w->advance(at("59m"));
  CHECK(count_events(*w, "SyncStarted", "web") == 0);
  w->advance(at("64m"));
  CHECK(count_events(*w, "SyncStarted", "web") == 1);
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}
