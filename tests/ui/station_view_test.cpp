// The station panel's model (view/station_view.hpp): rows and countdowns
// from the shipped class plan, the board only for pair work, sharing and
// checks, the palette's buttons in both languages; and the debrief's
// markers (role swaps, faults, failed commands, bookmarks) and jumps.
#include "sim/ui/view/station_view.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace gs;
using namespace gs::ui;

namespace {

classroom::Station station() {
  auto r = classroom::load_class_plan_file(std::filesystem::path(GS_SOURCE_DIR) / "lessons" / "class-gitops-intro.yaml");
  REQUIRE(r.ok());
  return classroom::Station(*r.plan);
}

Marker marker(MarkerKind k, std::int64_t pos, std::string label = "") { return Marker{k, pos, 0, std::move(label)}; }

}  // namespace

TEST_CASE("Station view: one row per segment, the current one counting down, over time in red") {
  auto st = station();
  st.start(0);
  st.next(60'000);
  const StationView v = make_station_view(st, 60'000 + 7 * 60'000, true, "예측");
  REQUIRE(v.rows.size() == 10);
  CHECK(v.rows[0].countdown == "4:00");
  CHECK(v.rows[0].used == Approx(0.2f));
  CHECK(v.rows[1].current);
  CHECK(v.rows[1].over);
  CHECK(v.countdown == "-1:00");
  CHECK(v.over);
  CHECK(v.clock == "8:00");
  CHECK(v.total == "50분");
  CHECK(v.step == "예측");
  CHECK(v.rows[1].opens == "01-poll-then-refresh.yaml");
  CHECK(v.rows[1].label == "2. Git 에 선언하고, 에이전트가 당겨 간다");
  CHECK_FALSE(v.board);
}

TEST_CASE("Station view: pair work and checks go on the board, with both rounds' votes") {
  auto st = station();
  st.go_to(7, 0);
  StationView pair = make_station_view(st, 0, false, "");
  CHECK(pair.board);
  CHECK(pair.prompts.size() == 3);
  st.go_to(9, 0);
  REQUIRE(st.add_vote(1, 1, 1, 2));
  REQUIRE(st.add_vote(1, 2, 1, 5));
  const StationView check = make_station_view(st, 0, false, "");
  CHECK(check.board);
  REQUIRE(check.questions.size() == 3);
  CHECK(check.questions[1].prompt == "Q2. In the pull model, who applies a commit to the cluster?");
  CHECK(check.questions[1].choices[1] == "B) An agent that watches Git and syncs the cluster");
  CHECK(check.questions[1].first == std::vector<int>{0, 2, 0, 0});
  CHECK(check.questions[1].second == std::vector<int>{0, 5, 0, 0});
  CHECK(check.questions[1].answer == 1);
}

TEST_CASE("Station view: the palette's buttons and delays in either language") {
  const auto en = fault_buttons(false);
  const auto ko = fault_buttons(true);
  REQUIRE(en.size() == 9);
  CHECK(en[0].id == "bad-image");
  CHECK(en[0].label == "Bad image");
  CHECK(ko[0].label == "잘못된 이미지");
  CHECK(delay_labels(false) == std::vector<std::string>{"now", "in 30s", "in 1m", "in 2m", "in 5m"});
  CHECK(delay_labels(true).front() == "지금");
}

TEST_CASE("Station view: the debrief keeps role swaps, faults, failed commands and bookmarks, and jumps between them") {
  const std::vector<Marker> all = {marker(MarkerKind::Command, 100),  marker(MarkerKind::Bookmark, 900, "why"),
                                   marker(MarkerKind::Failed, 300),   marker(MarkerKind::Step, 400),
                                   marker(MarkerKind::Fault, 500),    marker(MarkerKind::RoleSwap, 700),
                                   marker(MarkerKind::Hint, 800)};
  const auto kept = debrief_markers(all);
  REQUIRE(kept.size() == 4);
  CHECK(kept[0].kind == MarkerKind::Failed);
  CHECK(kept[1].kind == MarkerKind::Fault);
  CHECK(kept[2].kind == MarkerKind::RoleSwap);
  CHECK(kept[3].kind == MarkerKind::Bookmark);
  CHECK(marker_jump(kept, 0, 1) == std::optional<std::size_t>(0));
  CHECK(marker_jump(kept, 500, 1) == std::optional<std::size_t>(2));
  CHECK(marker_jump(kept, 500, -1) == std::optional<std::size_t>(0));
  CHECK_FALSE(marker_jump(kept, 900, 1));
  CHECK_FALSE(marker_jump(kept, 300, -1));
  CHECK(axis_time(65'000) == "+1:05");
}

TEST_CASE("Station view: a directory's recordings, and none for a directory that is not there") {
  CHECK(scan_recordings("/nonexistent-dir").empty());
}

TEST_CASE("Scrubber: a command from the fault palette is a fault marker, whatever its text") {
  record::Action a;
  a.kind = "command";
  a.origin = session::Origin::FaultPalette;
  a.text = "git edit shop-config@develop base/deployment.yaml spec.replicas=3 -m x";
  CHECK(marker_of(a) == MarkerKind::Fault);
  a.origin = session::Origin::Console;
  CHECK(marker_of(a) == MarkerKind::Command);
}
