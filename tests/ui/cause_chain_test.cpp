#include <catch2/catch.hpp>

#include "sim/core/events.hpp"

#include "sim/ui/view/cause_chain.hpp"

using namespace gs;
using namespace gs::ui;

TEST_CASE("Cause chain: follows Event::cause back to the commit and explains it") {
  EventLog log;
  const EventId action = log.emit(TimePoint{120'000}, events::action("git edit ..."));
  const EventId commit =
      log.emit(TimePoint{120'000}, events::committed("shop-config", "main", "a1b2c3d4e5f6",
                                                     "Jisoo Kim <jisoo@example.com>", "Scale web to 3", action));
  const EventId refresh =
      log.emit(TimePoint{180'000}, events::app_refreshed("shop-dev", "a1b2c3d4e5f6", "OutOfSync", "Healthy", "poll", commit));
  const EventId changed =
      log.emit(TimePoint{180'000}, events::sync_status_changed("shop-dev", "Synced", "OutOfSync", "a1b2c3d4e5f6", refresh));
  const auto chain = cause_chain(log, changed);
  REQUIRE(chain.size() == 4);
  CHECK(chain[0]->id == changed);
  CHECK(chain[3]->id == action);

  const auto x = explain_cause(log, changed, [](const std::string& repo, const std::string& sha) {
    CHECK(repo == "shop-config");
    CHECK(sha == "a1b2c3d4e5f6");
    return std::vector<std::string>{"spec.replicas 2 \xE2\x86\x92 3 in base/deployment.yaml"};
  });
  CHECK(x.subject == "shop-dev: Synced \xE2\x86\x92 OutOfSync");
  CHECK(x.commit_sha == "a1b2c3d");
  CHECK(x.commit_author == "Jisoo Kim");
  CHECK(x.seen_by == "poll");
  REQUIRE(x.seen_at);
  CHECK(x.seen_at->ms == 180'000);
  CHECK(x.changes.size() == 1);
}

TEST_CASE("Cause chain: a watch refresh names the live change before it") {
  EventLog log;
  const EventId action = log.emit(TimePoint{180'000}, events::action("kubectl scale deployment/web --replicas=5"));
  log.emit(TimePoint{180'000}, events::live_changed({"dev", "Deployment", "", "web"}, "kubectl", "spec.replicas=5", action));
  const EventId refresh =
      log.emit(TimePoint{181'000}, events::app_refreshed("shop-dev", "a1b2c3d", "OutOfSync", "Healthy", "watch", 0));
  const EventId changed =
      log.emit(TimePoint{181'000}, events::sync_status_changed("shop-dev", "Synced", "OutOfSync", "a1b2c3d", refresh));
  const auto x = explain_cause(log, changed, {});
  CHECK(x.seen_by == "watch");
  CHECK(x.live_change == "Deployment/web on dev: spec.replicas=5");
  CHECK(x.command == "kubectl scale deployment/web --replicas=5");
}

TEST_CASE("Cause chain: fills templates, leaving unknown names alone") {
  CHECK(fill_template("{a} and {b} and {c}", {{"a", "1"}, {"b", "2"}}) == "1 and 2 and {c}");
}
