// The window's layout by size and scale: two columns where the words fit,
// the loop across the top where they do not (a projector at A+), and the
// presentation layout's loop and board; how many board columns fit; the loop
// diagram leaving room for every app's row.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/ui/view/layout.hpp"

using namespace gs::ui;

namespace {

// The body below a one-row toolbar of a window this size (as the frame measures it).
LayoutInput body(float w, float h, float scale, bool lesson = false, bool presentation = false) {
  LayoutInput in;
  const float pad = 8 * scale;
  in.body = LayoutRect{pad, 60 * scale, w - 2 * pad, h - 60 * scale - pad};
  in.scale = scale;
  in.lesson = lesson;
  in.presentation = presentation;
  in.apps = 3;
  return in;
}

bool inside(const LayoutRect& r, const LayoutRect& outer) {
  return r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w + 0.5f && r.y + r.h <= outer.y + outer.h + 0.5f;
}

bool overlap(const LayoutRect& a, const LayoutRect& b) {
  return a.shown() && b.shown() && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

}  // namespace

TEST_CASE("Layout: a large window at scale 1 has the two columns") {
  const auto l = layout_window(body(1600, 900, 1.0f));
  CHECK(l.mode == LayoutMode::Wide);
  CHECK(l.main.shown());
  CHECK(l.bottom.shown());
  CHECK(l.right_top.shown());
  CHECK(l.right_bottom.shown());
  CHECK(l.main.x < l.right_top.x);
  CHECK(l.main.y < l.bottom.y);
  CHECK(place_panel(l, "app", Slot::RightBottom, false) == Slot::RightBottom);
}

TEST_CASE("Layout: a projector at A+ puts the loop across the top, and no slot overlaps another or leaves the body") {
  for (float scale : {1.25f, 1.5f}) {
    for (auto [w, h] : {std::pair{1280.0f, 720.0f}, std::pair{1024.0f, 768.0f}}) {
      for (bool lesson : {false, true}) {
        INFO(w << "x" << h << " scale " << scale << (lesson ? " lesson" : ""));
        const LayoutInput in = body(w, h, scale, lesson);
        const auto l = layout_window(in);
        CHECK(l.mode == LayoutMode::Compact);
        const LayoutRect* all[] = {&l.main, &l.bottom, &l.right_top, &l.right_bottom};
        // The body, or what it scrolls over when the slots need more.
        LayoutRect content = in.body;
        if (l.content_h > 0) {
          CHECK(l.content_h > in.body.h);
          content.h = l.content_h;
        }
        // The loop is in view, tall enough for its diagram, phase and three rows.
        CHECK(l.main.y + l.main.h <= in.body.y + in.body.h);
        CHECK(l.main.h >= std::min(in.body.h, (kLoopFixedHeight + 3 * kLoopRowHeight) * scale));
        for (const auto* a : all) {
          if (a->shown()) CHECK(inside(*a, content));
          for (const auto* b : all) {
            if (a != b) CHECK_FALSE(overlap(*a, *b));
          }
        }
        // The loop's boxes name themselves in words: it keeps the width.
        CHECK(l.main.w == in.body.w);
        CHECK_FALSE(l.right_bottom.shown());
        // App detail joins the timeline and console under the loop; a
        // lesson's step takes the board's place, the board joins them too.
        CHECK(place_panel(l, "app", Slot::RightBottom, lesson) == Slot::Bottom);
        if (!lesson) {
          CHECK(place_panel(l, "envs", Slot::RightTop, false) == Slot::RightTop);
        } else {
          CHECK(place_panel(l, "lesson", Slot::RightTop, true) == Slot::RightTop);
          CHECK(place_panel(l, "envs", Slot::RightBottom, true) == Slot::Bottom);
        }
      }
    }
  }
}

TEST_CASE("Layout: a body shorter than the loop's diagram and one row scrolls rather than squeezing the loop") {
  // The instructor station's strip, the toolbar and a replay's scrubber at
  // 1280x720 and A+ 1.5 leave some 170 pixels of body.
  LayoutInput in;
  in.body = LayoutRect{12, 360, 1256, 170};
  in.scale = 1.5f;
  in.apps = 1;
  const auto l = layout_window(in);
  CHECK(l.mode == LayoutMode::Compact);
  CHECK(l.main.h >= (kLoopFixedHeight + kLoopRowHeight) * 1.5f);
  CHECK(l.content_h >= l.main.h + l.gap + kCompactBottomMin * 1.5f);
  CHECK_FALSE(overlap(l.main, l.bottom));
}

TEST_CASE("Layout: the scale, not only the size, moves a window from the two columns to the compact layout") {
  CHECK(layout_window(body(1600, 900, 1.0f)).mode == LayoutMode::Wide);
  CHECK(layout_window(body(1600, 900, 1.5f)).mode == LayoutMode::Compact);
  CHECK(layout_window(body(1920, 1080, 1.25f)).mode == LayoutMode::Wide);
}

TEST_CASE("Layout: presentation shows the loop and the board only (and a lesson's step), whatever the size") {
  for (float scale : {1.0f, 1.5f}) {
    const auto l = layout_window(body(1280, 720, scale, false, true));
    CHECK(l.mode == LayoutMode::Presentation);
    CHECK(place_panel(l, "loop", Slot::Main, false) == Slot::Main);
    CHECK(place_panel(l, "envs", Slot::RightTop, false) == Slot::RightTop);
    for (const char* id : {"git", "editor", "app", "timeline", "console"}) {
      INFO(id);
      CHECK(place_panel(l, id, Slot::Bottom, false) == Slot::Hidden);
    }
    CHECK_FALSE(l.loop_rows);  // the board lists every app
    CHECK_FALSE(l.bottom.shown());
    // 1280 wide is too narrow to give the loop a column: it goes above the board.
    CHECK(l.main.w == Approx(l.right_top.w));
    CHECK(l.main.y < l.right_top.y);
  }
  // A wide window: the loop beside the board, both the body's full height.
  const auto wide = layout_window(body(1920, 1080, 1.0f, false, true));
  CHECK(wide.main.h == wide.right_top.h);
  CHECK(wide.main.x < wide.right_top.x);
  const auto with_lesson = layout_window(body(1280, 720, 1.5f, true, true));
  CHECK(place_panel(with_lesson, "lesson", Slot::RightTop, true) == Slot::RightTop);
  CHECK(place_panel(with_lesson, "envs", Slot::RightBottom, true) == Slot::RightBottom);
  CHECK(with_lesson.right_bottom.shown());
}

TEST_CASE("Layout: the board keeps its clusters side by side while each column is wide enough") {
  CHECK(board_columns(900, 1.0f, 3) == 3);
  CHECK(board_columns(500, 1.0f, 3) == 2);
  CHECK(board_columns(500, 1.5f, 3) == 1);
  CHECK(board_columns(100, 1.0f, 3) == 1);   // at least one
  CHECK(board_columns(4000, 1.0f, 3) == 3);  // never more than the clusters
  CHECK(board_columns(4000, 1.0f, 0) == 1);
}

TEST_CASE("Layout: the loop diagram leaves every app's row in view, down to a readable minimum") {
  const float row_h = 30, phase_h = 40;
  // Room for all three rows: the diagram takes what is left (up to its maximum).
  const float d = loop_diagram_height(400, 1.5f, 3, row_h, phase_h);
  CHECK(d + phase_h + 3 * row_h <= 400);
  CHECK(d >= 400 * 0.5f);  // and no smaller than it must be
  // Many apps: the rows scroll, the diagram keeps its minimum.
  CHECK(loop_diagram_height(400, 1.0f, 150, row_h, phase_h) == Approx(kLoopDiagramMin));
  // A tall panel: the diagram stops at its maximum.
  CHECK(loop_diagram_height(2000, 1.0f, 3, row_h, phase_h) == Approx(380.0f));
}

TEST_CASE("Layout: a title too wide for its room breaks in two at the space that balances the lines") {
  // One unit per byte: easy to count.
  const auto width = [](std::string_view t) { return static_cast<float>(t.size()); };
  const auto two = wrap_in_two("Promotion: develop -> staging -> main", 20, width);
  REQUIRE(two);
  CHECK(two->first == "Promotion: develop");
  CHECK(two->second == "-> staging -> main");
  CHECK_FALSE(wrap_in_two("Promotion: develop -> staging -> main", 12, width));  // no two lines fit
  CHECK_FALSE(wrap_in_two("Promotion", 5, width));                               // no space to break at
}

TEST_CASE("Layout: a compact window with more app rows than the body holds keeps the loop to two thirds, the panels under it in view") {
  LayoutInput in;
  in.body = {0, 0, 1264, 590};
  in.scale = 1.0f;
  in.apps = 150;
  const WindowLayout l = layout_window(in);
  REQUIRE(l.mode == LayoutMode::Compact);
  CHECK(l.main.h <= 590 * 0.66f + 1);
  CHECK(l.right_top.y < 590);  // the board's slot starts inside the window
  CHECK(l.bottom.y < 590);
}
