// The window's layout, chosen from the room there is: the body's size and
// the UI scale (A-/A+), whether a lesson is open, and the presentation
// layout (a projector: the loop and the board only, large). It says which
// slot each panel goes in and where the slots are; the board's columns per
// row too. Decided here rather than by numbers in the draw code, so a
// projector's 1280x720 at A+ is a tested case. No ImGui here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace gs::ui {

// Where a panel is drawn (panels.hpp's dispatch list names each panel's
// slot in the wide layout).
enum class Slot { Main, Bottom, RightTop, RightBottom, Hidden };

enum class LayoutMode {
  Wide,          // two columns: loop over timeline/console, board over app detail
  Compact,       // little room per scale step: the loop across the top, two slots under it
  Presentation,  // the loop and the board (and a lesson's step) only
};

struct LayoutRect {
  float x = 0, y = 0, w = 0, h = 0;
  bool shown() const { return w > 0 && h > 0; }
};

struct LayoutInput {
  LayoutRect body;  // below the toolbar, in pixels
  float scale = 1.0f;
  bool lesson = false;
  bool presentation = false;
  int apps = 1;  // the loop lists one row per app
};

struct WindowLayout {
  LayoutMode mode = LayoutMode::Wide;
  float gap = 8;  // between slots
  // A slot not shown has w == 0 (its panels are placed in another, or hidden).
  LayoutRect main, bottom, right_top, right_bottom;
  // The loop lists a row per app under its diagram (not when the board
  // beside or under it, in the presentation layout, already shows them).
  bool loop_rows = true;
  // Taller than the body when its slots would be too short to read (a
  // 1280x720 window at A+ 1.5): the body scrolls, the loop on top.
  float content_h = 0;
  const LayoutRect& rect(Slot s) const;
};

// The body width per scale step below which the two-column layout leaves
// the loop and the board too narrow for their words (in unscaled pixels).
inline constexpr float kWideMinWidth = 1150;
inline constexpr float kWideMinHeight = 640;

// The presentation layout puts the loop beside the board when a column of
// 55% keeps this width per scale step (its boxes name themselves), else
// above it.
inline constexpr float kPresentationSideBySide = 760;
// What a loop panel needs per scale step, besides one row per app: its
// title, the diagram's readable minimum and the selected app's phase.
inline constexpr float kLoopDiagramMin = 165;
inline constexpr float kLoopFixedHeight = 40 + kLoopDiagramMin + 60;
inline constexpr float kLoopRowHeight = 27;
// The least the slots under the loop get per scale step in the compact
// layout (a tab bar, a heading and a card); less room: the body scrolls.
inline constexpr float kCompactBottomMin = 230;

WindowLayout layout_window(const LayoutInput& in);

// The slot a panel goes in under `layout`: `wide` is its slot in the wide
// layout (with a lesson open: its lesson slot).
Slot place_panel(const WindowLayout& layout, std::string_view panel_id, Slot wide, bool lesson);

// How many of `clusters` cluster columns fit side by side in `width`
// pixels, each keeping kBoardMinColumn per scale step (at least one, at
// most all). Fewer than all: the board lists every app in one column.
inline constexpr float kBoardMinColumn = 200;
int board_columns(float width, float scale, int clusters);

}  // namespace gs::ui

namespace gs::ui {

// The loop diagram's height in a loop panel `avail_h` tall: what is left
// once the selected app's phase (`phase_h`) and every app's row (`apps` ×
// `row_h`) have their room, within a readable minimum and a maximum for the
// diagram (a 150-app world's rows scroll under the minimum).
float loop_diagram_height(float avail_h, float scale, int apps, float row_h, float phase_h);

}  // namespace gs::ui

namespace gs::ui {

// A title too wide for `room` on one line, broken at the space that makes
// its wider line narrowest; nullopt when even that line is wider than
// `room` (or there is no space). `width` measures a text as drawn.
std::optional<std::pair<std::string, std::string>> wrap_in_two(std::string_view text, float room,
                                                               const std::function<float(std::string_view)>& width);

}  // namespace gs::ui
