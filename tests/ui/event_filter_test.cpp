#include <catch2/catch.hpp>

#include "sim/ui/view/event_filter.hpp"

using namespace gs;
using namespace gs::ui;

namespace {
Event ev(std::string type, std::vector<std::pair<std::string, std::string>> f) {
  Event e;
  e.type = std::move(type);
  for (auto& [k, v] : f) e.fields.emplace_back(k, FieldValue(v));
  return e;
}
}  // namespace

TEST_CASE("Event filter: categories, app (with its repo's commits) and text") {
  const std::vector<Event> events{
      ev("Committed", {{"repo", "shop-config"}, {"message", "Scale web"}}),
      ev("AppRefreshed", {{"app", "shop-dev"}, {"level", "poll"}}),
      ev("SyncStatusChanged", {{"app", "shop-prod"}}),
      ev("SyncFailed", {{"app", "shop-dev"}}),
  };
  const std::vector<std::string> text{"shop-config@main a1 \"Scale web\"", "shop-dev (poll)", "shop-prod: Synced -> OutOfSync",
                                      "shop-dev failed"};
  FilteredEvents f;
  EventFilter all;
  f.update(events, text, all);
  CHECK(f.indices().size() == 4);

  EventFilter app = all;
  app.app = "shop-dev";
  app.repo = "shop-config";
  f.update(events, text, app);
  CHECK(f.indices() == std::vector<std::size_t>{0, 1, 3});

  EventFilter errors;
  errors.categories = 0;
  errors.set(EventCategory::Error, true);
  f.update(events, text, errors);
  CHECK(f.indices() == std::vector<std::size_t>{3});

  EventFilter txt;
  txt.text = "SCALE";
  f.update(events, text, txt);
  CHECK(f.indices() == std::vector<std::size_t>{0});
}

TEST_CASE("Event filter: a growing log is scanned incrementally") {
  std::vector<Event> events{ev("AppRefreshed", {{"app", "a"}})};
  std::vector<std::string> text{"a"};
  FilteredEvents f;
  EventFilter fl;
  f.update(events, text, fl);
  CHECK(f.indices().size() == 1);
  events.push_back(ev("SyncStarted", {{"app", "a"}}));
  text.push_back("a sync");
  f.update(events, text, fl);
  CHECK(f.indices() == std::vector<std::size_t>{0, 1});
}

TEST_CASE("Event filter: categories of the event types") {
  CHECK(category_of("Committed") == EventCategory::Git);
  CHECK(category_of("ResourceSyncFailed") == EventCategory::Error);
  CHECK(category_of("LiveChanged") == EventCategory::Live);
  CHECK(category_of("Paused") == EventCategory::Note);
  CHECK(contains_ci("OutOfSync", "outof"));
  CHECK_FALSE(contains_ci("Synced", "out"));
}
