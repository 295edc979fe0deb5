// The terminal station: the station's keys as words over the shipped plan.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/classroom/station_console.hpp"

using namespace gs;
using namespace gs::classroom;
namespace fs = std::filesystem;

namespace {

StationConsole console() {
  auto r = load_class_plan_file(fs::path(GS_SOURCE_DIR) / "lessons" / "class-gitops-intro.yaml");
  REQUIRE(r.ok());
  return StationConsole(*r.plan, 0);
}

}  // namespace

TEST_CASE("Station console: the first segment's scenario opens, next opens the next lesson with its countdown",
          "[classroom][console]") {
  auto c = console();
  REQUIRE(c.session() != nullptr);
  CHECK_THAT(c.handle("status", 60'000).text, Catch::Contains("motivation: Who deployed what, and when?"));
  CHECK_THAT(c.handle("status", 60'000).text, Catch::Contains("4:00 left"));
  const std::string out = c.handle("next", 90'000).text;
  CHECK_THAT(out, Catch::Contains("opened 01-poll-then-refresh.yaml"));
  CHECK_THAT(out, Catch::Contains("6:00 left"));
  CHECK_THAT(out, Catch::Contains("world 01-poll-then-refresh.yaml at"));
  CHECK_THAT(c.handle("plan", 90'000).text, Catch::Contains("> 2. demo 6m  6:00"));
  CHECK_THAT(c.handle("go 99", 90'000).text, Catch::Contains("error: go: expected a segment number, 1 to 10"));
}

TEST_CASE("Station console: play lets the world's clock follow the wall, freeze stops it", "[classroom][console]") {
  auto c = console();
  const TimePoint t0 = c.session()->now();
  c.handle("play", 0);
  c.handle("status", 1'000);  // a second of wall time at the default speed 10
  const TimePoint t1 = c.session()->now();
  CHECK(t1 > t0);
  CHECK_THAT(c.handle("freeze", 1'000).text, Catch::Contains("FROZEN by the instructor"));
  c.handle("status", 5'000);
  CHECK(c.session()->now() == t1);
  CHECK_THAT(c.handle("play", 5'000).text, Catch::Contains("error: play: the class is frozen"));
  CHECK_THAT(c.handle("run argocd app list", 5'000).text, Catch::Contains("error: run: the class is frozen"));
  CHECK_THAT(c.handle("freeze", 6'000).text, Catch::Contains("unfrozen"));
}

TEST_CASE("Station console: faults now and later, bookmarks and votes", "[classroom][console]") {
  auto c = console();
  c.handle("run sim advance 1m", 0);  // the scenario's app synced
  CHECK_THAT(c.handle("fault crash-loop", 0).text, Catch::Contains("fault crash-loop on"));
  CHECK(c.session()->journal().back().origin == session::Origin::FaultPalette);
  CHECK_THAT(c.handle("fault bad-image --in 1m", 0).text, Catch::Contains("(in 1m)"));
  CHECK_THAT(c.handle("faults", 0).text, Catch::Contains("pending: bad-image"));
  CHECK_THAT(c.handle("fault meteor", 0).text, Catch::Contains("error: unknown fault 'meteor'"));
  CHECK_THAT(c.handle("fault bad-image --in", 0).text, Catch::Contains("--in needs a DURATION"));
  CHECK_THAT(c.handle("bookmark good question", 0).text, Catch::Contains(": good question"));
  CHECK_THAT(c.handle("vote 1 1 C", 0).text, Catch::Contains("vote: question 1 does not exist"));
  c.handle("go 10", 0);
  CHECK_THAT(c.handle("vote 1 1 C 4", 0).text, Catch::Contains("Q1 round 1: A=0 B=0 C=4 D=0"));
  CHECK_THAT(c.handle("vote 1 one C", 0).text, Catch::Contains("error: vote: expected vote Q ROUND CHOICE"));
  CHECK_THAT(c.handle("dance", 0).text, Catch::Contains("error: unknown word 'dance'"));
  CHECK(c.handle("quit", 0).quit);
}

TEST_CASE("Station console: a segment that names no world keeps the last one before it, as the window does",
          "[classroom][console]") {
  auto c = console();
  // From the motivation straight to the pair discussion: the hotfix
  // scenario (segment 7) is the last world before it, not the motivation's.
  const std::string out = c.handle("go 8", 10'000).text;
  CHECK_THAT(out, Catch::Contains("opened ../scenarios/13-hotfix.yaml"));
  CHECK_THAT(out, Catch::Contains("pair-discussion"));
  CHECK(world_segment(c.station().plan(), 7) == std::optional<std::size_t>{6});
  CHECK(world_segment(c.station().plan(), 0) == std::optional<std::size_t>{0});
}

TEST_CASE("Station console: a word that takes nothing refuses what follows it and changes nothing",
          "[classroom][console]") {
  auto c = console();
  CHECK_THAT(c.handle("next x", 1'000).text, Catch::Contains("error: next: takes nothing after it, got 'x'"));
  CHECK(c.station().current() == 0);
  CHECK_THAT(c.handle("freeze now", 1'000).text, Catch::Contains("error: freeze: takes nothing after it"));
  CHECK_FALSE(c.station().frozen());
  CHECK_FALSE(c.handle("quit please", 1'000).quit);
}
