// The window's layout, chosen from the room there is: the body's size and
// the UI scale (A-/A+), whether a lesson is open, and the presentation
// layout (a projector: the loop and the board only, large). It says which
// slot each panel goes in and where the slots are; the board's columns per
// row too. Decided here rather than by numbers in the draw code, so a
// projector's 1280x720 at A+ is a tested case. No ImGui here.
#pragma once

#include <string_view>

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
};

struct WindowLayout {
  LayoutMode mode = LayoutMode::Wide;
  float gap = 8;  // between slots
  // A slot not shown has w == 0 (its panels are placed in another, or hidden).
  LayoutRect main, bottom, right_top, right_bottom;
  const LayoutRect& rect(Slot s) const;
};

// The body width per scale step below which the two-column layout leaves
// the loop and the board too narrow for their words (in unscaled pixels).
inline constexpr float kWideMinWidth = 1150;
inline constexpr float kWideMinHeight = 640;

WindowLayout layout_window(const LayoutInput& in);

// The slot a panel goes in under `layout`: `wide` is its slot in the wide
// layout (with a lesson open: its lesson slot).
Slot place_panel(const WindowLayout& layout, std::string_view panel_id, Slot wide, bool lesson);

// The board's cluster columns per row for `clusters` clusters in `width`
// pixels: side by side while each keeps kBoardMinColumn per scale step,
// else fewer, the rest wrapping to another row (at least one).
inline constexpr float kBoardMinColumn = 250;
int board_columns(float width, float scale, int clusters);

}  // namespace gs::ui

namespace gs::ui {

// The loop diagram's height in a loop panel `avail_h` tall: what is left
// once the selected app's phase (`phase_h`) and every app's row (`apps` ×
// `row_h`) have their room, within a readable minimum and a maximum for the
// diagram (a 150-app world's rows scroll under the minimum).
float loop_diagram_height(float avail_h, float scale, int apps, float row_h, float phase_h);

}  // namespace gs::ui
