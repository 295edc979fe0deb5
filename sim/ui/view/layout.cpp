#include "sim/ui/view/layout.hpp"

#include <algorithm>
#include <cmath>

namespace gs::ui {

const LayoutRect& WindowLayout::rect(Slot s) const {
  static const LayoutRect kNone;
  switch (s) {
    case Slot::Main: return main;
    case Slot::Bottom: return bottom;
    case Slot::RightTop: return right_top;
    case Slot::RightBottom: return right_bottom;
    case Slot::Hidden: break;
  }
  return kNone;
}

namespace {

// Splits `r` at `frac` of its width (left, right) or height (top, bottom),
// `gap` between, in whole pixels.
void split_x(const LayoutRect& r, float frac, float gap, LayoutRect& a, LayoutRect& b) {
  const float aw = std::floor((r.w - gap) * frac);
  a = {r.x, r.y, aw, r.h};
  b = {r.x + aw + gap, r.y, r.w - aw - gap, r.h};
}
void split_y(const LayoutRect& r, float frac, float gap, LayoutRect& a, LayoutRect& b) {
  const float ah = std::floor((r.h - gap) * frac);
  a = {r.x, r.y, r.w, ah};
  b = {r.x, r.y + ah + gap, r.w, r.h - ah - gap};
}

}  // namespace

WindowLayout layout_window(const LayoutInput& in) {
  WindowLayout l;
  const float s = std::max(0.1f, in.scale);
  l.gap = 8 * s;
  const LayoutRect& b = in.body;
  if (in.presentation) {
    l.mode = LayoutMode::Presentation;
    l.loop_rows = false;  // the board shows every app
    if (b.w * 0.55f / s >= kPresentationSideBySide) {
      // The loop at the left, the board at the right; a lesson's step above the board.
      LayoutRect right;
      split_x(b, 0.55f, l.gap, l.main, right);
      if (in.lesson) split_y(right, 0.5f, l.gap, l.right_top, l.right_bottom);
      else l.right_top = right;
    } else {
      // Too narrow for that: the loop across the top, the board (and a
      // lesson's step beside it) under it.
      // The loop gets what its diagram and phase need (no rows), the board the rest.
      LayoutRect under;
      split_y(b, std::clamp(kLoopFixedHeight * s / std::max(1.0f, b.h), 0.42f, 0.48f), l.gap, l.main, under);
      if (in.lesson) split_x(under, 0.5f, l.gap, l.right_top, l.right_bottom);
      else l.right_top = under;
    }
    return l;
  }
  if (b.w / s >= kWideMinWidth && b.h / s >= kWideMinHeight) {
    l.mode = LayoutMode::Wide;
    LayoutRect left, right;
    split_x(b, 0.57f, l.gap, left, right);
    split_y(left, 0.58f, l.gap, l.main, l.bottom);
    // A lesson takes the right column's top: its text is what a learner reads first.
    split_y(right, in.lesson ? 0.6f : 0.47f, l.gap, l.right_top, l.right_bottom);
    return l;
  }
  // Compact: the loop needs the width (its boxes name themselves in words),
  // so it goes across the top; two slots share the rest.
  l.mode = LayoutMode::Compact;
  // The loop takes what its diagram and every app's row need, between
  // half and two thirds of the height (more apps than that: its rows scroll).
  const float need = (kLoopFixedHeight + kLoopRowHeight * static_cast<float>(std::max(1, in.apps))) * s + l.gap;
  const float bottom_min = kCompactBottomMin * s;
  LayoutRect top, under;
  if (std::min(need, b.h * 0.66f) + l.gap + bottom_min > b.h) {
    // Too short for both: the loop gets its need (every app's row) as far
    // as the body goes — and never less than its diagram and one row (a
    // station's strip and a replay's scrubber can leave the body shorter
    // than that) — the slots under it their minimum, and the body scrolls.
    const float least = (kLoopFixedHeight + kLoopRowHeight) * s;
    // Rows that would need the body twice over (a 150-app day, not a few
    // apps at A+) scroll in two thirds of it, so the panels under the loop
    // stay in view.
    const float room = need > 2 * b.h ? std::max(b.h * 0.66f, least) : b.h;
    top = {b.x, b.y, b.w, std::floor(std::max(std::min(need, room), std::min(need, least)))};
    under = {b.x, b.y + top.h + l.gap, b.w, std::floor(bottom_min)};
    l.content_h = top.h + l.gap + under.h;
  } else {
    split_y(b, std::clamp(need / std::max(1.0f, b.h), 0.5f, 0.66f), l.gap, top, under);
  }
  // Under it: the board's tabs (a lesson's step instead, when one is open)
  // at the left, the rest as tabs at the right.
  l.main = top;
  split_x(under, 0.5f, l.gap, l.right_top, l.bottom);
  return l;
}

Slot place_panel(const WindowLayout& layout, std::string_view id, Slot wide, bool lesson) {
  switch (layout.mode) {
    case LayoutMode::Wide:
      return wide;
    case LayoutMode::Presentation:
      if (id == "loop") return Slot::Main;
      if (id == "lesson") return Slot::RightTop;
      if (id == "envs") return lesson ? Slot::RightBottom : Slot::RightTop;
      return Slot::Hidden;
    case LayoutMode::Compact:
      // Two slots under the loop: the right column's bottom (App detail;
      // with a lesson, the board's tabs too) joins the timeline and console.
      (void)lesson;
      if (wide == Slot::RightBottom) return Slot::Bottom;
      return wide;
  }
  return wide;
}

int board_columns(float width, float scale, int clusters) {
  const int fit = static_cast<int>(std::floor(width / (kBoardMinColumn * std::max(0.1f, scale))));
  return std::clamp(fit, 1, std::max(1, clusters));
}

float loop_diagram_height(float avail_h, float scale, int apps, float row_h, float phase_h) {
  const float lo = kLoopDiagramMin * scale, hi = 380 * scale;
  const float rows = static_cast<float>(std::max(1, apps)) * row_h;
  return std::clamp(avail_h - phase_h - rows, std::min(lo, avail_h * 0.5f), std::min(hi, avail_h * 0.62f));
}

std::optional<std::pair<std::string, std::string>> wrap_in_two(std::string_view text, float room,
                                                               const std::function<float(std::string_view)>& width) {
  std::optional<std::pair<std::string, std::string>> best;
  float best_w = 0;
  for (std::size_t sp = text.find(' '); sp != std::string_view::npos; sp = text.find(' ', sp + 1)) {
    const std::string_view a = text.substr(0, sp), b = text.substr(sp + 1);
    const float w = std::max(width(a), width(b));
    if (w <= room && (!best || w < best_w)) {
      best = std::make_pair(std::string(a), std::string(b));
      best_w = w;
    }
  }
  return best;
}

}  // namespace gs::ui
