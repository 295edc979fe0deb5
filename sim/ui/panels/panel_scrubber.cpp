// The scrubber: a strip across the bottom of the window with the whole
// recorded session as a time axis — markers in four lanes (commands, steps,
// hints and answers, people), the moment on screen, play/pause and speeds for a
// replay, "Take over here" and "Back to live" — and a legend. Big enough
// to read on a projector. It only paints the ScrubberView the workspace
// made (view/scrubber.hpp) and fills a ScrubberRequest; the workspace
// seeks, plays and takes over after the frame.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/widgets.hpp"

namespace gs::ui {
namespace {

Color marker_color(MarkerKind k, const Theme& th) {
  switch (k) {
    case MarkerKind::Command: return th.high_contrast ? rgb(0x7DD3FC) : argo::kBlue;
    case MarkerKind::Failed: return argo::kRed;
    case MarkerKind::Fault: return argo::kOrange;
    case MarkerKind::Step: return argo::kGreen;
    case MarkerKind::Hint: return argo::kYellow;
    case MarkerKind::Answer: return rgb(0xB794F4);
    case MarkerKind::Rewind: return rgb(0x5EEAD4);
    case MarkerKind::RoleSwap: return rgb(0xF472B6);
    case MarkerKind::Bookmark: return th.text;
  }
  return th.text;
}

// Each kind its own shape as well as its colour (colour-blind readers,
// grey projectors).
void draw_marker(ImDrawList* dl, MarkerKind k, ImVec2 c, float r, const Theme& th) {
  const Color col = marker_color(k, th);
  const float t = std::max(1.5f, r * 0.35f);
  switch (k) {
    case MarkerKind::Command:
      dl->AddLine(ImVec2(c.x, c.y - r), ImVec2(c.x, c.y + r), col, t);
      break;
    case MarkerKind::Failed:
      draw_cross(dl, c, r, col, t * 1.5f);
      break;
    case MarkerKind::Fault:
      dl->AddTriangleFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y + r), ImVec2(c.x - r, c.y + r), col);
      break;
    case MarkerKind::Step:
      dl->AddQuadFilled(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y), col);
      break;
    case MarkerKind::Hint:
      dl->AddCircleFilled(c, r * 0.8f, col, 16);
      break;
    case MarkerKind::Answer:
      dl->AddRectFilled(ImVec2(c.x - r * 0.75f, c.y - r * 0.75f), ImVec2(c.x + r * 0.75f, c.y + r * 0.75f), col);
      break;
    case MarkerKind::Rewind:
      dl->AddTriangleFilled(ImVec2(c.x - r, c.y), ImVec2(c.x + r * 0.6f, c.y - r), ImVec2(c.x + r * 0.6f, c.y + r), col);
      break;
    case MarkerKind::RoleSwap:
      dl->AddQuad(ImVec2(c.x, c.y - r), ImVec2(c.x + r, c.y), ImVec2(c.x, c.y + r), ImVec2(c.x - r, c.y), col, t);
      break;
    case MarkerKind::Bookmark:
      dl->AddLine(ImVec2(c.x - r * 0.5f, c.y - r), ImVec2(c.x - r * 0.5f, c.y + r), col, t);
      dl->AddTriangleFilled(ImVec2(c.x - r * 0.5f, c.y - r), ImVec2(c.x + r, c.y - r * 0.45f),
                            ImVec2(c.x - r * 0.5f, c.y + r * 0.1f), col);
      break;
  }
}

// What the strip measures at this width.
struct StripLayout {
  float pad = 0, row1_h = 0, lane_h = 0, ticks_h = 0, legend_h = 0;
  float legend_w = 0;
  bool legend_own_row = false;
  float total() const { return pad + row1_h + pad * 0.5f + lane_h * kMarkerLanes + ticks_h + legend_h + pad; }
};

float legend_width(const FrameContext& ctx) {
  const float s = ctx.scale;
  float w = 0;
  for (int k = 0; k < kMarkerKinds; ++k) {
    w += 18 * s + ImGui::CalcTextSize(ctx.tr(marker_key(static_cast<MarkerKind>(k)))).x + 14 * s;
  }
  return w;
}

float controls_width(const FrameContext& ctx, const ScrubberView& v) {
  const float s = ctx.scale;
  const float fp = ImGui::GetStyle().FramePadding.x * 2;
  auto bw = [&](const char* t) { return ImGui::CalcTextSize(t).x + fp; };
  float w = bw(ctx.tr(v.replay ? "scrub.replay" : "scrub.live")) + 12 * s;
  if (v.replay) {
    w += std::max(bw(ctx.tr("scrub.play")), bw(ctx.tr("scrub.pause"))) + 10 * s;
    for (int sp : kReplaySpeeds) w += bw(speed_label(sp).c_str()) + 3 * s;
    w += 10 * s;
  }
  ImGui::PushFont(ctx.fonts.big);
  w += ImGui::CalcTextSize("+00h00m00s").x + 8 * s;
  ImGui::PopFont();
  w += ImGui::CalcTextSize("/ +00h00m00s").x + 16 * s;
  if (v.can_take_over) w += bw(ctx.tr("scrub.take_over")) + 8 * s;
  if (v.of_live) w += bw(ctx.tr("scrub.back_live")) + 8 * s;
  return w;
}

StripLayout measure(const FrameContext& ctx, const ScrubberView& v, float width) {
  const float s = ctx.scale;
  StripLayout L;
  L.pad = 8 * s;
  ImGui::PushFont(ctx.fonts.big);
  L.row1_h = std::max(ImGui::GetTextLineHeight(), ImGui::GetFrameHeight()) + 2 * s;
  ImGui::PopFont();
  // Thinner lanes on a short screen (720 lines at A+): the panels keep the room.
  L.lane_h = (ImGui::GetIO().DisplaySize.y < 620 * s ? 15 : 21) * s;
  L.ticks_h = ImGui::GetTextLineHeight() + 2 * s;
  L.legend_w = legend_width(ctx);
  L.legend_own_row = controls_width(ctx, v) + L.legend_w > width;
  L.legend_h = L.legend_own_row ? ImGui::GetTextLineHeight() + 4 * s : 0;
  return L;
}

void draw_legend(const FrameContext& ctx, ImDrawList* dl, ImVec2 p, float line_h) {
  const float s = ctx.scale;
  float x = p.x;
  for (int k = 0; k < kMarkerKinds; ++k) {
    const auto kind = static_cast<MarkerKind>(k);
    draw_marker(dl, kind, ImVec2(x + 7 * s, p.y + line_h * 0.5f), 7 * s, ctx.theme);
    x += 18 * s;
    const char* name = ctx.tr(marker_key(kind));
    dl->AddText(ImVec2(x, p.y), ctx.theme.text, name);
    x += ImGui::CalcTextSize(name).x + 14 * s;
  }
}

std::string offset_text(std::int64_t ms) { return format_offset(TimePoint{ms}); }

}  // namespace

float scrubber_height(const FrameContext& ctx, const ScrubberView& v, float width) {
  return measure(ctx, v, width).total();
}

void draw_scrubber(FrameContext& ctx, const ScrubberView& v, ScrubberRequest& req, float x, float y, float w) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const StripLayout L = measure(ctx, v, w - 2 * 8 * s);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + L.total()), th.header);
  const float ix = x + L.pad, iw = w - 2 * L.pad;
  float cy = y + L.pad;

  // Row 1: the mode, the replay's clock, the moment in big type, the actions.
  ImGui::PushID("##scrubber");
  const float fh = ImGui::GetFrameHeight();
  const float mid = cy + L.row1_h * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(ix, mid - fh * 0.5f));
  {
    const char* mode = ctx.tr(v.replay ? "scrub.replay" : "scrub.live");
    const Color mc = v.replay ? argo::kOrange : argo::kGreen;
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(mc));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::ColorConvertU32ToFloat4(mc));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImGui::ColorConvertU32ToFloat4(mc));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(text_on(mc)));
    ImGui::Button(mode);
    ImGui::PopStyleColor(4);
  }
  ImGui::SameLine(0, 12 * s);
  if (v.replay) {
    if (v.playing) {
      if (ImGui::Button(ctx.tr("scrub.pause"))) req.play = false;
    } else {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(rgb(0x1F7A5C)));
      if (ImGui::Button(ctx.tr("scrub.play"))) req.play = true;
      ImGui::PopStyleColor();
    }
    ImGui::SameLine(0, 10 * s);
    for (int sp : kReplaySpeeds) {
      if (toggle_button(speed_label(sp).c_str(), v.speed == sp, th)) req.speed = sp;
      ImGui::SameLine(0, 3 * s);
    }
    ImGui::SameLine(0, 10 * s);
  }
  {
    // The moment on screen, large; the session's length beside it.
    ImVec2 p = ImGui::GetCursorScreenPos();
    const std::string now = offset_text(v.pos);
    ImGui::PushFont(ctx.fonts.big);
    const ImVec2 ns = ImGui::CalcTextSize(now.c_str());
    dl->AddText(ImVec2(p.x, mid - ns.y * 0.5f), th.text, now.c_str());
    ImGui::PopFont();
    const std::string total = "/ " + offset_text(v.end);
    const ImVec2 ts = ImGui::CalcTextSize(total.c_str());
    dl->AddText(ImVec2(p.x + ns.x + 8 * s, mid - ts.y * 0.5f), th.text_dim, total.c_str());
    ImGui::SetCursorScreenPos(ImVec2(p.x + ns.x + 8 * s + ts.x + 16 * s, mid - fh * 0.5f));
  }
  if (v.can_take_over) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(th.accent));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(text_on(th.accent)));
    if (ImGui::Button(ctx.tr("scrub.take_over"))) req.take_over = true;
    ImGui::PopStyleColor(2);
    ImGui::SameLine(0, 8 * s);
  }
  if (v.of_live && ImGui::Button(ctx.tr("scrub.back_live"))) req.back_to_live = true;
  const float row1_end = ImGui::GetItemRectMax().x;
  if (!L.legend_own_row) draw_legend(ctx, dl, ImVec2(ix + iw - L.legend_w + 10 * s, mid - ImGui::GetTextLineHeight() * 0.5f), ImGui::GetTextLineHeight());
  cy += L.row1_h + L.pad * 0.5f;

  // The axis: three lanes, the part played tinted, markers, the moment.
  const Axis axis{v.start, v.end, ix + 6 * s, iw - 12 * s};
  const float lanes_h = L.lane_h * kMarkerLanes;
  dl->AddRectFilled(ImVec2(ix, cy), ImVec2(ix + iw, cy + lanes_h), th.panel);
  for (int l = 1; l < kMarkerLanes; l += 2) {
    dl->AddRectFilled(ImVec2(ix, cy + l * L.lane_h), ImVec2(ix + iw, cy + (l + 1) * L.lane_h), th.panel_alt);
  }
  const float px = axis.x_of(v.pos);
  dl->AddRectFilled(ImVec2(ix, cy), ImVec2(px, cy + lanes_h), with_alpha(th.accent, 0.16f));
  const float r = std::min(L.lane_h * 0.42f, 9 * s);
  if (v.markers) {
    for (const Marker& m : *v.markers) {
      if (m.pos_ms > v.end) continue;
      const int lane = marker_lane(m.kind);
      draw_marker(dl, m.kind, ImVec2(axis.x_of(m.pos_ms), cy + (lane + 0.5f) * L.lane_h), r, th);
    }
  }
  dl->AddLine(ImVec2(px, cy - 3 * s), ImVec2(px, cy + lanes_h + 3 * s), th.accent, 3 * s);
  dl->AddTriangleFilled(ImVec2(px - 7 * s, cy - 5 * s), ImVec2(px + 7 * s, cy - 5 * s), ImVec2(px, cy + 4 * s), th.accent);

  // Seeking: a click or a drag anywhere on the lanes; a click on a marker
  // lands exactly on it.
  ImGui::SetCursorScreenPos(ImVec2(ix, cy));
  if (v.can_scrub && iw > 1) {
    ImGui::InvisibleButton("##axis", ImVec2(iw, lanes_h));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int lane = std::clamp(static_cast<int>((mouse.y - cy) / L.lane_h), 0, kMarkerLanes - 1);
    std::optional<std::size_t> near;
    if (v.markers && (ImGui::IsItemHovered() || ImGui::IsItemActive())) near = marker_near(*v.markers, axis, mouse.x, 6 * s, lane);
    if (ImGui::IsItemActive()) {
      std::int64_t to = axis.pos_at(mouse.x);
      if (ImGui::IsItemActivated() && near) to = (*v.markers)[*near].pos_ms;
      if (to != v.pos) req.seek = to;
    }
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      if (near) {
        const Marker& m = (*v.markers)[*near];
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(marker_color(m.kind, th)), "%s  %s", ctx.tr(marker_key(m.kind)),
                           offset_text(m.pos_ms).c_str());
        ImGui::TextUnformatted(m.label.c_str());
      } else {
        ImGui::TextUnformatted(offset_text(axis.pos_at(mouse.x)).c_str());
      }
      ImGui::EndTooltip();
    }
  } else {
    ImGui::Dummy(ImVec2(iw, lanes_h));
  }
  cy += lanes_h;

  // Ticks and their labels, never cut at the ends.
  const std::int64_t step = tick_step_ms(axis, 90 * s);
  const std::int64_t first = (axis.start + step - 1) / step * step;
  for (std::int64_t t = first; t <= axis.end; t += step) {
    const float tx = axis.x_of(t);
    dl->AddLine(ImVec2(tx, cy - 4 * s), ImVec2(tx, cy), th.text_dim, 1.0f);
    const std::string lab = offset_text(t);
    const float lw = ImGui::CalcTextSize(lab.c_str()).x;
    const float lx = std::clamp(tx - lw * 0.5f, ix, ix + iw - lw);
    dl->AddText(ImVec2(lx, cy + 1 * s), th.text_dim, lab.c_str());
  }
  cy += L.ticks_h;

  if (L.legend_own_row) draw_legend(ctx, dl, ImVec2(ix, cy + 2 * s), ImGui::GetTextLineHeight());
  // Where it records (or why it stopped): right of the first row when room.
  std::string status = v.note.empty() ? v.file : v.note;
  if (!status.empty()) {
    const float room = (L.legend_own_row ? ix + iw : ix + iw - L.legend_w) - row1_end - 16 * s;
    const float sw = ImGui::CalcTextSize(status.c_str()).x;
    if (room > 60 * s) {
      const float sx = std::max(row1_end + 16 * s, (L.legend_own_row ? ix + iw : ix + iw - L.legend_w) - sw - 8 * s);
      text_clipped(dl, ImVec2(sx, mid - ImGui::GetTextLineHeight() * 0.5f), v.note.empty() ? th.text_dim : argo::kRed,
                   status, room);
    }
  }
  ImGui::PopID();
}

}  // namespace gs::ui
