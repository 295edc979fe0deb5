// The scrubber's model: which marker each recorded action makes, the axis
// arithmetic that seeking by click or drag uses, the replay's clock, and the
// console history at a moment.
#include "sim/ui/view/scrubber.hpp"

#include <catch2/catch.hpp>

using namespace gs;
using namespace gs::ui;

namespace {

record::Action command(std::int64_t pos, std::string text, bool ok = true, int exit_code = 0) {
  record::Action a;
  a.kind = "command";
  a.pos_ms = pos;
  a.text = std::move(text);
  a.ok = ok;
  a.exit_code = exit_code;
  a.output = ok ? "done" : "error: no";
  return a;
}

record::Action mark(std::int64_t pos, std::string kind, std::string detail = {}) {
  record::Action a;
  a.kind = std::move(kind);
  a.pos_ms = pos;
  a.detail = std::move(detail);
  a.step = "heal";
  return a;
}

}  // namespace

TEST_CASE("Scrubber: each action kind makes its marker, clock actions and nested commands none") {
  std::vector<record::Action> acts = {
      command(1000, "kubectl get pods"),
      command(2000, "kubectl scale deployment web --replicas 3", false, 1),
      command(3000, "fault git-unreachable repo"),
      command(3500, "faulty-thing"),
      mark(4000, "hint"),
      mark(5000, "answer", "1"),
      mark(6000, "passed"),
      mark(7000, "next"),
      mark(8000, "reset"),
      mark(9000, "role-swap"),
      mark(10000, "bookmark", "look here"),
      mark(11000, "play"),
      mark(12000, "speed", "60"),
  };
  acts.push_back(command(13000, "argocd app set shop-dev --self-heal"));
  acts.back().nested = true;
  record::Action denied = command(14000, "kubectl scale deployment web --replicas 3");
  denied.denied = true;
  acts.push_back(denied);
  record::Action failed_fault = command(15000, "fault nonsense", true, 2);
  acts.push_back(failed_fault);
  record::Action button = command(16000, "sim pause");  // the toolbar's Pause
  button.origin = session::Origin::Gui;
  acts.push_back(button);
  acts.push_back(command(17000, "sim advance 1m"));  // typed

  const auto m = markers_of(acts);
  REQUIRE(m.size() == 14);
  const MarkerKind want[] = {MarkerKind::Command, MarkerKind::Failed, MarkerKind::Fault,   MarkerKind::Command,
                             MarkerKind::Hint,    MarkerKind::Answer, MarkerKind::Step,    MarkerKind::Step,
                             MarkerKind::Rewind,  MarkerKind::RoleSwap, MarkerKind::Bookmark, MarkerKind::Failed,
                             MarkerKind::Failed, MarkerKind::Command};
  for (std::size_t i = 0; i < m.size(); ++i) {
    INFO("marker " << i << ": " << m[i].label);
    CHECK(m[i].kind == want[i]);
  }
  // Positions and the actions they point at come from the recording.
  CHECK(m[0].pos_ms == 1000);
  CHECK(m[0].action == 0);
  CHECK(m[0].label == "kubectl get pods");
  CHECK(m[10].pos_ms == 10000);
  CHECK(m[10].label == "bookmark look here (heal)");
  CHECK(m[11].action == 14);  // the nested command (13) made none
  CHECK(m[13].action == 17);  // the Pause button (16) made none
  // Lanes keep kinds apart: commands, the lesson, people.
  CHECK(marker_lane(MarkerKind::Fault) == 0);
  CHECK(marker_lane(MarkerKind::Step) == 1);
  CHECK(marker_lane(MarkerKind::Hint) == 2);
  CHECK(marker_lane(MarkerKind::Answer) == 2);
  CHECK(marker_lane(MarkerKind::Bookmark) == 3);
}

TEST_CASE("Scrubber: the axis maps moments to pixels and back, clamped at both ends") {
  const Axis ax{60000, 660000, 100.0f, 600.0f};  // 1m..11m over 600 px: 1 px = 1 s
  CHECK(ax.x_of(60000) == Approx(100.0f));
  CHECK(ax.x_of(660000) == Approx(700.0f));
  CHECK(ax.x_of(360000) == Approx(400.0f));
  CHECK(ax.pos_at(400.0f) == 360000);
  CHECK(ax.pos_at(100.5f) == 60500);
  CHECK(ax.pos_at(0.0f) == 60000);      // left of the strip: the start
  CHECK(ax.pos_at(5000.0f) == 660000);  // right of it: the end
  CHECK(ax.x_of(0) == Approx(100.0f));  // before the start: drawn at it
  for (float x : {137.0f, 250.0f, 699.0f}) CHECK(ax.x_of(ax.pos_at(x)) == Approx(x).margin(0.01));
  // An empty session (start == end) still has a span to divide by.
  const Axis empty{5000, 5000, 0.0f, 100.0f};
  CHECK(empty.pos_at(50.0f) == 5000);
}

TEST_CASE("Scrubber: a click near a marker finds the nearest one in the lane pointed at") {
  std::vector<Marker> m = {{MarkerKind::Command, 100000, 0, "a"},
                           {MarkerKind::Step, 103000, 1, "h"},
                           {MarkerKind::Command, 110000, 2, "b"}};
  const Axis ax{0, 600000, 0.0f, 600.0f};  // 1 px = 1 s
  CHECK(marker_near(m, ax, 102.0f, 6.0f) == std::optional<std::size_t>(1));
  CHECK(marker_near(m, ax, 102.0f, 6.0f, 0) == std::optional<std::size_t>(0));
  CHECK(marker_near(m, ax, 111.0f, 6.0f, 0) == std::optional<std::size_t>(2));
  CHECK_FALSE(marker_near(m, ax, 150.0f, 6.0f));
  CHECK_FALSE(marker_near(m, ax, 103.0f, 6.0f, 2));
}

TEST_CASE("Scrubber: ticks are far enough apart for their labels") {
  const Axis hour{0, 3600000, 0.0f, 1200.0f};
  const std::int64_t step = tick_step_ms(hour, 90.0f);
  CHECK(static_cast<double>(step) / 3600000.0 * 1200.0 >= 90.0);
  CHECK(step == 300000);  // 5 minutes: 100 px
}

TEST_CASE("Scrubber: the replay clock plays wall time times its speed and stops at the end") {
  ReplayClock c;
  CHECK(c.advance(1000, 100000, 1.0) == 1000);  // paused: stays
  c.playing = true;
  c.speed = 60;
  CHECK(c.advance(1000, 100000, 0.1) == 7000);
  CHECK(c.playing);
  CHECK(c.advance(1000, 100000, 10.0) == 16000);  // a long frame counts as a quarter second
  CHECK(c.advance(95000, 100000, 0.2) == 100000);
  CHECK_FALSE(c.playing);
}

TEST_CASE("Scrubber: the console history holds the commands done by then with their recorded outputs") {
  std::vector<record::Action> acts = {command(1000, "kubectl get pods"), mark(2000, "hint"),
                                      command(3000, "nope", false, 1), mark(4000, "speed", "60"),
                                      command(5000, "git log")};
  const auto h = history_of(acts, 4);
  REQUIRE(h.size() == 5);
  CHECK(h[0].kind == 0);
  CHECK(h[0].text == "$ kubectl get pods");
  CHECK(h[1].kind == 1);
  CHECK(h[1].text == "done");
  CHECK(h[2].kind == 3);
  CHECK(h[2].text == "# hint (heal)");
  CHECK(h[3].text == "$ nope");
  CHECK(h[4].kind == 2);
  CHECK(h[4].text == "error: no");
  CHECK(history_of(acts, 0).empty());
  CHECK(history_of(acts, 99).size() == 7);
}
