// Small drawing helpers shared by the panels: Argo CD's status icons drawn as
// shapes (so colour-blind readers can tell them apart: check, up-arrow,
// question mark, heart, broken heart, spinner, pause, ghost, trash), status
// chips, step badges, countdown rings, pills and easing curves.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>
#include <string_view>

#include "sim/cluster/health/health.hpp"
#include "sim/gitops/application.hpp"
#include "sim/ui/theme.hpp"

namespace gs::ui {

float ease_in_out(float t);  // smoothstep-like cubic on [0,1]
float ease_out(float t);

void draw_sync_icon(ImDrawList* dl, ImVec2 c, float r, gitops::SyncStatusCode s, bool requires_pruning = false);
// `spin` in turns, from virtual time, for Progressing's spinner.
void draw_health_icon(ImDrawList* dl, ImVec2 c, float r, cluster::HealthCode h, float spin = 0);
void draw_heart(ImDrawList* dl, ImVec2 c, float r, Color col, bool broken, Color cut);
void draw_check(ImDrawList* dl, ImVec2 c, float r, Color col, float thick);
void draw_cross(ImDrawList* dl, ImVec2 c, float r, Color col, float thick);
void draw_arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, Color col, float thick, float head);
void draw_step_badge(ImDrawList* dl, ImVec2 c, float r, int n, Color fill, Color text, ImFont* font);
// fraction: 1 = a full ring left, 0 = due now.
void draw_countdown_ring(ImDrawList* dl, ImVec2 c, float r, float fraction, Color col, Color track, float thick);

// A pill with text; returns its size. Draws at `pos` (top-left).
ImVec2 draw_pill(ImDrawList* dl, ImVec2 pos, std::string_view text, Color bg, Color fg, float pad_x, float pad_y);
ImVec2 pill_size(std::string_view text, float pad_x, float pad_y);

// Status chips as ImGui items (icon + word on the status colour).
void sync_chip(gitops::SyncStatusCode s, const char* label, bool requires_pruning = false);
void health_chip(cluster::HealthCode h, const char* label, float spin = 0);
// The width a chip with `label` takes (for layout before drawing it).
float chip_width(const char* label);

// Text in a colour, clipped to `max_w` with an ellipsis (noted in
// frame_notes().cut: a cut label is a layout that failed its words; a log
// line shortened to its row passes `note` false).
void text_clipped(ImDrawList* dl, ImVec2 pos, Color col, std::string_view text, float max_w, bool note = true);

// What one frame noted for the screenshot's rects file (--rects): each label
// that had to be cut, and the rectangles of items a test checks are in view
// (each loop row). Cleared as a frame starts.
struct FrameNotes {
  struct Cut {
    std::string text;
    float width = 0, room = 0;
  };
  struct Item {
    std::string name;
    float x = 0, y = 0, w = 0, h = 0;
  };
  std::vector<Cut> cut;
  std::vector<Item> items;
};
FrameNotes& frame_notes();

// The next item on this line when `next_w` still fits, else on the next
// line (a narrow panel wraps its row of chips or buttons, not cuts them).
void same_line_or_wrap(float next_w, float spacing = -1.0f);
// What ImGui::Button(label) will take.
float button_width(const char* label);

// Dark or light text, whichever reads better on `bg`.
Color text_on(Color bg);

// A button drawn selected when `on` (a speed, a language); whether pressed.
bool toggle_button(const char* label, bool on, const Theme& th);
// A clock speed's label: "10×".
std::string speed_label(int speed);

}  // namespace gs::ui
