// The toolbar (scenario title, the virtual clock as wall time and as an
// offset, play/pause, speeds, stepping, language, contrast, scale) and the
// teaching-pause overlay. Clock buttons send `sim` commands, so a recording
// sees them like any other action.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/view/layout.hpp"
#include "sim/ui/widgets.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

void advance_cmd(FrameContext& ctx, std::optional<TimePoint> to) {
  if (!to) return;
  const Duration d = *to - ctx.now();
  ctx.send("sim advance " + format_duration(Duration{std::max<std::int64_t>(0, d.ms)}), false);
}

// What the toolbar's parts measure, and whether the clock controls fit on
// the first row with the title and clock (else they take a second row: a
// 1280x720 projector, or Korean labels, or a larger UI scale).
struct ToolbarLayout {
  std::string clock;  // wall time, in the big font
  ImVec2 clock_size;
  float offset_w = 0, controls_w = 0, right_w = 0, title_full = 0, clock_w = 0;
  bool one_row = true;
  bool title_row = false;  // the title on a row of its own (it fits beside the clock in neither one line nor two)
  float title_room = 0;    // beside the clock
};

float title_text_width(std::string_view x) { return ImGui::CalcTextSize(x.data(), x.data() + x.size()).x; }

float button_w(const char* label) { return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x; }

ToolbarLayout measure_toolbar(const FrameContext& ctx, float w) {
  const float s = ctx.scale;
  const Session& ses = ctx.session;
  ToolbarLayout t;
  ImGui::PushFont(ctx.fonts.big);
  t.clock = wall_clock(ses.world(), ses.now());
  t.clock_size = ImGui::CalcTextSize(t.clock.c_str());
  ImGui::PopFont();
  t.offset_w = ImGui::CalcTextSize("+00m00s").x + 8 * s;
  t.controls_w = button_w(ses.playing() ? ctx.tr("clock.pause") : ctx.tr("clock.play")) + 10 * s;
  for (int sp : world::kClockSpeeds) t.controls_w += button_w(speed_label(sp).c_str()) + 3 * s;
  t.controls_w += 10 * s + button_w(ctx.tr("clock.next_event")) + 4 * s + button_w(ctx.tr("clock.next_poll")) + 4 * s +
                  button_w(ctx.tr("clock.to_pause"));
  t.right_w = button_w("EN") + 2 * s + button_w("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4") + 10 * s +
              button_w(ctx.tr("view.contrast")) + 10 * s + button_w(ctx.tr("view.presentation")) + 10 * s +
              button_w("A-") + 2 * s + button_w("A+");
  ImGui::PushFont(ctx.fonts.title);
  t.title_full = ImGui::CalcTextSize(ctx.i18n.pick(ctx.title().en, ctx.title().ko).c_str()).x;
  ImGui::PopFont();
  t.clock_w = t.clock_size.x + 8 * s + t.offset_w;
  const float gap = 16 * s;
  const float min_title = std::min(t.title_full, 160 * s);
  t.one_row = min_title + gap + t.clock_w + t.controls_w + gap + t.right_w <= w;
  t.title_room =
      std::max(0.0f, t.one_row ? w - t.clock_w - t.controls_w - t.right_w - 3 * gap : w - t.clock_w - t.right_w - 3 * gap);
  ImGui::PushFont(ctx.fonts.title);
  t.title_row = t.title_full > t.title_room &&
                !wrap_in_two(ctx.i18n.pick(ctx.title().en, ctx.title().ko), t.title_room, title_text_width);
  ImGui::PopFont();
  return t;
}

// The title in `room` at `p` (its line centred on `mid`): one line when it
// fits, else two (the row is tall enough), else cut; returns its width.
float draw_title(const FrameContext& ctx, const ToolbarLayout& t, ImVec2 p, float room, float mid) {
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const std::string title = ctx.i18n.pick(ctx.title().en, ctx.title().ko);
  ImGui::PushFont(ctx.fonts.title);
  float title_w = std::min(t.title_full, room);
  const float lh = ImGui::GetTextLineHeight();
  const auto two = t.title_full > room ? wrap_in_two(title, room, title_text_width) : std::nullopt;
  if (two) {
    title_w = std::max(title_text_width(two->first), title_text_width(two->second));
    dl->AddText(ImVec2(p.x, mid - lh - 4 * s), ctx.theme.text, two->first.c_str());
    dl->AddText(ImVec2(p.x, mid - 4 * s), ctx.theme.text, two->second.c_str());
  } else {
    text_clipped(dl, ImVec2(p.x, mid - lh * 0.5f - 4 * s), ctx.theme.text, title, title_w);
  }
  ImGui::PopFont();
  return title_w;
}

// The clock as wall time and as an offset from `x`; returns where it ends.
float draw_clock(const FrameContext& ctx, const ToolbarLayout& t, float x, float mid) {
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushFont(ctx.fonts.big);
  dl->AddText(ImVec2(x, mid - t.clock_size.y * 0.5f - 4 * s), ctx.theme.text, t.clock.c_str());
  ImGui::PopFont();
  x += t.clock_size.x + 8 * s;
  const std::string off = format_offset(ctx.session.now());
  dl->AddText(ImVec2(x, mid - ImGui::GetTextLineHeight() * 0.5f - 4 * s), ctx.theme.accent, off.c_str());
  return x + t.offset_w;
}

// Play/pause, the speeds, and stepping: each sends a `sim` command.
void draw_clock_controls(FrameContext& ctx) {
  const float s = ctx.scale;
  const Session& ses = ctx.session;
  if (ses.playing()) {
    if (ImGui::Button(ctx.tr("clock.pause"))) ctx.send("sim pause", false);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(rgb(0x1F7A5C)));
    if (ImGui::Button(ctx.tr("clock.play"))) ctx.send("sim speed " + std::to_string(ses.speed()), false);
    ImGui::PopStyleColor();
  }
  ImGui::SameLine(0, 10 * s);
  for (int sp : world::kClockSpeeds) {
    if (toggle_button(speed_label(sp).c_str(), ses.speed() == sp, ctx.theme)) ctx.send("sim speed " + std::to_string(sp), false);
    ImGui::SameLine(0, 3 * s);
  }
  ImGui::SameLine(0, 10 * s);
  if (ImGui::Button(ctx.tr("clock.next_event"))) advance_cmd(ctx, ses.next_event_time());
  ImGui::SameLine(0, 4 * s);
  if (ImGui::Button(ctx.tr("clock.next_poll"))) advance_cmd(ctx, ses.next_poll_time());
  ImGui::SameLine(0, 4 * s);
  if (ImGui::Button(ctx.tr("clock.to_pause"))) {
    advance_cmd(ctx, ses.next_pause_time().value_or(std::max(ses.end(), ses.now())));
  }
}

// Language, contrast, the presentation layout, scale: the view's settings,
// not the world's.
void draw_view_controls(FrameContext& ctx) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  if (toggle_button("EN", ctx.view.lang == Lang::En, th)) ctx.view.lang = Lang::En;
  ImGui::SameLine(0, 2 * s);
  if (!ctx.fonts.korean) ImGui::BeginDisabled();
  if (toggle_button("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", ctx.view.lang == Lang::Ko, th)) ctx.view.lang = Lang::Ko;  // 한국어
  if (!ctx.fonts.korean) ImGui::EndDisabled();
  ImGui::SameLine(0, 10 * s);
  if (toggle_button(ctx.tr("view.contrast"), ctx.view.high_contrast, th)) ctx.view.high_contrast = !ctx.view.high_contrast;
  ImGui::SameLine(0, 10 * s);
  if (toggle_button(ctx.tr("view.presentation"), ctx.view.presentation, th)) ctx.view.presentation = !ctx.view.presentation;
  ImGui::SameLine(0, 10 * s);
  if (ImGui::Button("A-")) ctx.view.scale = std::max(0.7f, ctx.view.scale - 0.1f);
  ImGui::SameLine(0, 2 * s);
  if (ImGui::Button("A+")) ctx.view.scale = std::min(2.5f, ctx.view.scale + 0.1f);
}

}  // namespace

float draw_toolbar(FrameContext& ctx, float height) {
  const float s = ctx.scale;
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  // Measure first, then draw the header behind the row or two it takes.
  const ToolbarLayout t = measure_toolbar(ctx, w);
  const float row2_h = ImGui::GetFrameHeight() + 10 * s;
  // A title that fits beside the clock in neither one line nor two gets a
  // row of its own above it, the whole width (two lines at most).
  float title_h = 0;
  if (t.title_row) {
    ImGui::PushFont(ctx.fonts.title);
    const float lh = ImGui::GetTextLineHeight();
    ImGui::PopFont();
    title_h = (t.title_full > w ? 2 * lh : lh) + 12 * s;
  }
  const bool row2 = !t.one_row && !ctx.scrubbing;
  const float total_h = title_h + (row2 ? height + row2_h : height);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 10 * s, p.y - 8 * s), ImVec2(p.x + w + 10 * s, p.y + total_h),
                                            ctx.theme.header);
  float x = p.x;
  if (t.title_row) {
    draw_title(ctx, t, p, w, p.y + title_h * 0.5f);
    p.y += title_h;
  }
  const float mid = p.y + height * 0.5f;
  if (!t.title_row) {
    const float title_w = draw_title(ctx, t, p, t.title_room, mid);
    x += title_w + (title_w > 0 ? 24 * s : 0);
  }
  x = draw_clock(ctx, t, x, mid);
  // Buttons past the window's edge, or under the clock, are cut labels too.
  if (t.controls_w > w) frame_notes().cut.push_back({"toolbar: clock controls", t.controls_w, w});
  if (x > p.x + w - t.right_w) frame_notes().cut.push_back({"toolbar: clock under the view buttons", x - p.x + t.right_w, w});
  // Controls: after the clock, or at the start of the second row.
  if (t.one_row) {
    ImGui::SetCursorScreenPos(ImVec2(x, mid - ImGui::GetFrameHeight() * 0.5f - 4 * s));
  } else {
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + height - 4 * s));
  }
  // A replay's clock is the scrubber's: its controls are left out (on a
  // row of their own) or greyed (beside the clock).
  if (t.one_row || !ctx.scrubbing) {
    if (ctx.read_only) ImGui::BeginDisabled();
    draw_clock_controls(ctx);
    if (ctx.read_only) ImGui::EndDisabled();
  }
  // Right of the first row.
  ImGui::SetCursorScreenPos(ImVec2(p.x + w - t.right_w, mid - ImGui::GetFrameHeight() * 0.5f - 4 * s));
  draw_view_controls(ctx);
  return total_h;
}

void draw_teaching_pause(FrameContext& ctx) {
  const auto& tp = ctx.session.teaching_pause();
  if (!tp || ctx.read_only) return;  // a replay plays through its pauses
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const ImVec2 vs = ImGui::GetIO().DisplaySize;
  ImDrawList* bg = ImGui::GetForegroundDrawList();
  (void)bg;
  const ImVec2 size(std::min(vs.x * 0.7f, 1100 * s), 0);
  ImGui::SetNextWindowPos(ImVec2(vs.x * 0.5f, vs.y * 0.45f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(with_alpha(th.panel_alt, 0.97f)));
  ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(rgb(0xE0C46C)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3 * s);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28 * s, 22 * s));
  ImGui::Begin("##teaching_pause", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::PushFont(ctx.fonts.title);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rgb(0xE0C46C)), "%s", ctx.tr("pause.title"));
  ImGui::PopFont();
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts.big);
  ImGui::PushTextWrapPos(size.x - 28 * s);
  ImGui::TextUnformatted(ctx.i18n.pick(tp->en, tp->ko).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts.title);
  if (ImGui::Button(ctx.tr("pause.continue"))) ctx.send("sim speed " + std::to_string(ctx.session.speed()), false);
  ImGui::PopFont();
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

}  // namespace gs::ui
