// The instructor station's state: segments and countdowns from wall-clock
// readings given as numbers, freeze and bookmarks as marks, delayed faults
// issued when the virtual clock passes their time, and vote tallies.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/classroom/station.hpp"
#include "sim/scenario/loader.hpp"

using namespace gs;
using namespace gs::classroom;
namespace fs = std::filesystem;

namespace {

ClassPlan intro() {
  auto r = load_class_plan_file(fs::path(GS_SOURCE_DIR) / "lessons" / "class-gitops-intro.yaml");
  REQUIRE(r.ok());
  return *r.plan;
}

// Records the marks a session is given.
struct Marks : session::SessionObserver {
  std::vector<std::string> seen;
  void on_command(const world::World&, const session::JournalEntry&, const session::CommandOutcome&, bool) override {}
  void on_moment(const world::World&) override {}
  void on_mark(const world::World&, const session::Mark& m) override { seen.push_back(m.kind + ":" + m.detail); }
  void on_rebuild(const world::World&) override {}
  void begin_nested() override {}
  void end_nested() override {}
};

std::unique_ptr<session::Session> promotion() {
  auto r = scenario::load_scenario_file(fs::path(GS_SOURCE_DIR) / "scenarios" / "09-promotion.yaml");
  REQUIRE(r.ok());
  auto s = session::Session::create(*r.scenario);
  REQUIRE(s);
  (*s)->run_through(TimePoint{60'000});
  return std::move(s.value());
}

}  // namespace

TEST_CASE("Station: each segment counts down its minutes while it is on, and keeps what it spent",
          "[classroom][station]") {
  Station st(intro());
  CHECK_FALSE(st.started());
  CHECK(st.remaining(0, 1'000) == 5 * 60'000);
  st.start(1'000);
  CHECK(st.segment().id == "motivation");
  CHECK(st.remaining(0, 61'000) == 4 * 60'000);
  REQUIRE(st.next(121'000));
  CHECK(st.segment().id == "declarative-versioned");
  CHECK(st.elapsed(0, 500'000) == 120'000);  // the first stops counting once left
  CHECK(st.remaining(1, 481'000) == 6 * 60'000 - 360'000);
  CHECK(st.remaining(1, 541'000) == -60'000);  // over time
  REQUIRE(st.prev(541'000));
  CHECK(st.remaining(0, 601'000) == 5 * 60'000 - 180'000);  // a segment come back to adds up
  CHECK(st.class_elapsed(601'000) == 600'000);
  CHECK_FALSE(st.prev(601'000));
  REQUIRE(st.go_to(st.plan().segments.size() - 1, 601'000));
  CHECK_FALSE(st.next(601'000));
  CHECK(st.segment().kind == "check");
}

TEST_CASE("Station: countdowns read as minutes and seconds, over time with a minus", "[classroom][station]") {
  CHECK(format_countdown(5 * 60'000) == "5:00");
  CHECK(format_countdown(245'001) == "4:06");
  CHECK(format_countdown(0) == "0:00");
  CHECK(format_countdown(-30'000) == "-0:30");
}

TEST_CASE("Station: votes are counted per choice for the first and the second round", "[classroom][station]") {
  Station st(intro());
  st.go_to(st.plan().segments.size() - 1, 0);
  REQUIRE(st.add_vote(0, 1, 2));
  REQUIRE(st.add_vote(0, 1, 2));
  REQUIRE(st.add_vote(0, 1, 0));
  REQUIRE(st.add_vote(0, 2, 2, 3));
  REQUIRE(st.add_vote(0, 1, 0, -5));  // never below zero
  CHECK(st.votes(0, 1) == std::vector<int>{0, 0, 2, 0});
  CHECK(st.votes(0, 2) == std::vector<int>{0, 0, 3, 0});
  auto bad_choice = st.add_vote(2, 1, 3);
  REQUIRE_FALSE(bad_choice);
  CHECK(bad_choice.error().message == "choice D does not exist; question 3 has 3 choices");
  CHECK_FALSE(st.add_vote(3, 1, 0));
  CHECK_FALSE(st.add_vote(0, 3, 0));
  st.go_to(0, 0);
  CHECK(st.votes(0, 1).empty());  // the motivation has no questions
}

TEST_CASE("Station: freeze pauses the clock and bookmarks go to the recording as marks", "[classroom][station]") {
  auto s = promotion();
  Marks marks;
  Station st(intro());
  s->play();
  s->set_observer(&marks);
  station_freeze(st, *s, true);
  CHECK(st.frozen());
  CHECK_FALSE(s->playing());
  station_freeze(st, *s, true);  // already frozen: no second mark
  station_bookmark(st, *s, "ask about drift", 5'000);
  station_freeze(st, *s, false);
  CHECK(marks.seen == std::vector<std::string>{"pause:", "freeze:", "bookmark:ask about drift", "unfreeze:"});
  REQUIRE(st.bookmarks().size() == 1);
  CHECK(st.bookmarks()[0].at == TimePoint{60'000});
  s->set_observer(nullptr);
}

TEST_CASE("Station: a delayed fault waits for the virtual clock, then goes through the palette", "[classroom][station]") {
  auto s = promotion();
  Station st(intro());
  auto r = station_fault(st, *s, "crash-loop", "shop-prod", Duration::minutes(2));
  REQUIRE(r);
  CHECK(*r == "fault crash-loop on shop-prod at 3m (in 2m)");
  REQUIRE(st.pending().size() == 1);
  s->run_through(TimePoint{2 * 60'000});
  CHECK(issue_due_faults(st, *s).empty());
  s->run_through(TimePoint{3 * 60'000});
  const auto lines = issue_due_faults(st, *s);
  CHECK(lines == std::vector<std::string>{"fault crash-loop on shop-prod at 3m"});
  CHECK(st.pending().empty());
  REQUIRE(st.injected_faults().size() == 1);
  CHECK(st.injected_faults()[0].lines == std::vector<std::string>{"fault crash web -n shop --cluster prod"});
  CHECK(s->journal().back().origin == session::Origin::FaultPalette);
  CHECK(s->journal().back().actor == "instructor");
}

TEST_CASE("Station: a fault that cannot be planned is refused when picked, not minutes later", "[classroom][station]") {
  auto s = promotion();
  Station st(intro());
  auto r = station_fault(st, *s, "bad-image", "nosuch", Duration::minutes(1));
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "unknown app 'nosuch'");
  CHECK(st.pending().empty());
}

TEST_CASE("Station: pair work counts its role swaps from the segment's own time, and marks each once",
          "[classroom][station]") {
  auto s = promotion();
  Marks marks;
  s->set_observer(&marks);
  Station st(intro());
  st.start(0);
  CHECK_FALSE(st.swap_clock(0));  // the motivation segment has no swaps
  REQUIRE(st.go_to(7, 1'000));    // pair-discussion: swapEvery 3m
  REQUIRE(st.segment().id == "pair-discussion");
  auto c = st.swap_clock(1'000 + 60'000);
  REQUIRE(c);
  CHECK(c->swaps == 0);
  CHECK(c->remaining == 120'000);
  CHECK(station_swaps(st, s.get(), 1'000 + 60'000) == 0);
  CHECK(station_swaps(st, s.get(), 1'000 + 180'000) == 1);
  CHECK(station_swaps(st, s.get(), 1'000 + 200'000) == 0);  // told once
  // Leaving and coming back: the segment's time goes on from where it was.
  REQUIRE(st.next(1'000 + 200'000));
  REQUIRE(st.prev(500'000));
  CHECK(st.swap_clock(500'000)->remaining == 180'000 - 20'000);
  CHECK(station_swaps(st, s.get(), 500'000 + 160'000) == 1);
  CHECK(marks.seen == std::vector<std::string>{"role-swap:class swap 1 in pair-discussion",
                                               "role-swap:class swap 2 in pair-discussion"});
  s->set_observer(nullptr);
}

TEST_CASE("Station: the room's votes go to the recording as vote marks, a take-back as a retract",
          "[classroom][station]") {
  auto s = promotion();
  Marks marks;
  s->set_observer(&marks);
  Station st(intro());
  st.start(0);
  REQUIRE(st.go_to(9, 0));  // check
  REQUIRE(!st.segment().questions.empty());
  const auto& q = st.segment().questions[0];
  const std::size_t right = q.answer ? static_cast<std::size_t>(*q.answer) : 0;
  const std::string of = std::to_string(q.choices.size());
  REQUIRE(station_vote(st, s.get(), 0, 1, right, 2));
  REQUIRE(station_vote(st, s.get(), 0, 1, right, -1));
  REQUIRE(station_vote(st, s.get(), 0, 2, right, -1));  // nothing to take back: no mark
  CHECK_FALSE(station_vote(st, s.get(), 0, 3, right, 1));
  CHECK(st.votes(0, 1)[right] == 1);
  const std::string base = "vote:question=check-q1 round=1 who=class choice=" + std::to_string(right + 1) +
                           " of=" + of + " correct=" + (q.answer ? "1" : "0");
  CHECK(marks.seen == std::vector<std::string>{base, base, base + " retract=1"});
  s->set_observer(nullptr);
}
