// Pipeline panel: each promotion pipeline as Kargo draws it — stage cards
// left to right joined by arrows, each with its freight, what its app
// deployed, the app's sync and health, the gates on entering it (a check or
// a cross, the gate's name and one word why; the full sentence on hover)
// and its last promotion. Draws sim/ui/view/pipeline_view.hpp; no logic here.
#include <imgui.h>

#include <algorithm>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/view/pipeline_view.hpp"
#include "sim/ui/widgets.hpp"

namespace gs::ui {
namespace {

using namespace argo;  // Argo CD's status colours

Color tone_color(Tone t) {
  switch (t) {
    case Tone::Good: return kGreen;
    case Tone::Warn: return kYellow;
    case Tone::Bad: return kRed;
    case Tone::Busy: return kBlue;
    case Tone::Unknown: return kGrey;
  }
  return kGrey;
}

// One stage card at p, `w` wide, `h` tall: the env and its app, the
// freight (and what runs, when that differs), sync and health, the last
// promotion, then the gates on entering it.
void draw_stage(FrameContext& ctx, ImDrawList* dl, const StageCard& c, ImVec2 p, float w, float h, int gate_lines) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 q(p.x + w, p.y + h);
  dl->AddRectFilled(p, q, th.panel_alt, 6 * s);
  dl->AddRect(p, q, c.blocked ? with_alpha(kYellow, 0.8f) : th.border, 6 * s, 0, (c.blocked ? 2.0f : 1.0f) * s);
  if (ImGui::IsMouseHoveringRect(p, ImVec2(q.x, p.y + 2 * line))) ImGui::SetTooltip("%s", c.where.c_str());
  const float x = p.x + 10 * s, room = w - 20 * s;
  float y = p.y + 6 * s;
  ImGui::PushFont(ctx.fonts.title);
  const float env_w = ImGui::CalcTextSize(c.env.c_str()).x;
  text_clipped(dl, ImVec2(x, y), th.text, c.env, room);
  ImGui::PopFont();
  if (env_w + 10 * s < room) text_clipped(dl, ImVec2(x + env_w + 10 * s, y + 2 * s), th.text_dim, c.app, room - env_w - 10 * s);
  y += line;
  std::string freight = std::string(ctx.tr("pipe.freight")) + "  " + c.freight;
  if (c.deployed != c.freight) freight += "  (" + std::string(ctx.tr("pipe.deployed")) + " " + c.deployed + ")";
  text_clipped(dl, ImVec2(x, y), th.accent, freight, room);
  y += line;
  const ImVec2 sync = draw_pill(dl, ImVec2(x, y), c.sync, tone_color(c.sync_tone), text_on(tone_color(c.sync_tone)), 5 * s, 1 * s);
  if (sync.x + 6 * s + pill_size(c.health, 5 * s, 1 * s).x <= room) {
    draw_pill(dl, ImVec2(x + sync.x + 6 * s, y), c.health, tone_color(c.health_tone), text_on(tone_color(c.health_tone)),
              5 * s, 1 * s);
  }
  y += line;
  const std::string last = !c.last_promotion.empty() ? c.last_promotion
                           : c.first               ? std::string(ctx.tr("pipe.first_stage"))
                                                   : std::string(ctx.tr("pipe.never_promoted"));
  text_clipped(dl, ImVec2(x, y), th.text_dim, last, room);
  y += line;
  if (c.gates.empty()) return;
  y += 4 * s;
  dl->AddLine(ImVec2(x, y), ImVec2(p.x + w - 10 * s, y), th.border, 1 * s);
  y += 6 * s;
  const float indent = 16 * s;
  for (const auto& g : c.gates) {
    const Color col = tone_color(g.tone);
    const ImVec2 mark(x + 6 * s, y + line / 2 - 1 * s);
    if (g.passed) draw_check(dl, mark, 6 * s, col, 2.5f * s);
    else draw_cross(dl, mark, 6 * s, col, 2.5f * s);
    const float name_w = ImGui::CalcTextSize(g.label.c_str()).x;
    const float detail_w = ImGui::CalcTextSize(g.detail.c_str()).x;
    const bool one_line = gate_lines == 1 || indent + name_w + 12 * s + detail_w <= room;
    if (ImGui::IsMouseHoveringRect(ImVec2(x, y), ImVec2(x + room, y + (one_line ? 1 : 2) * line)) && !g.message.empty()) {
      ImGui::SetTooltip("%s", g.message.c_str());
    }
    text_clipped(dl, ImVec2(x + indent, y), th.text, g.label, room - indent);
    const Color detail_col = g.passed ? th.text_dim : col;
    if (one_line) {
      const float at = x + indent + name_w + 12 * s;
      text_clipped(dl, ImVec2(at, y), detail_col, g.detail, x + room - at);
    } else {
      y += line;
      text_clipped(dl, ImVec2(x + indent, y), detail_col, g.detail, room - indent);
    }
    y += line;
  }
}

}  // namespace

void draw_pipeline_panel(FrameContext& ctx, PipelinePanelState& st) {
  const world::World& w = ctx.session.world();
  // The stages read Git and every app: once per change of the log, the clock or the language.
  const std::size_t events = w.log().events().size();
  if (st.built_events != events || st.built_now != w.now().ms || st.built_lang != ctx.view.lang) {
    st.view = pipeline_view(w, ctx.i18n);
    st.built_events = events;
    st.built_now = w.now().ms;
    st.built_lang = ctx.view.lang;
  }
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  if (st.view.pipelines.empty()) {
    ImGui::TextColored(ImColor(th.text_dim), "%s", ctx.tr("pipe.none"));
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  for (const auto& p : st.view.pipelines) {
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextUnformatted(p.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    text_clipped(dl, ImVec2(at.x, at.y + 2 * s), th.text_dim, p.subtitle, ImGui::GetContentRegionAvail().x);
    ImGui::NewLine();
    std::size_t gates = 0;
    for (const auto& c : p.stages) gates = std::max(gates, c.gates.size());
    const float width = ImGui::GetContentRegionAvail().x;
    const PipelineLayout lay = layout_pipeline(p.stages.size(), gates, width, s, line);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    for (std::size_t i = 0; i < p.stages.size() && i < lay.cards.size(); ++i) {
      const StageSlot& c = lay.cards[i];
      draw_stage(ctx, dl, p.stages[i], ImVec2(o.x + c.x, o.y + c.y), c.w, c.h, lay.gate_line_count);
    }
    for (std::size_t i = 0; i < lay.arrows.size(); ++i) {
      const StageSlot& a = lay.arrows[i];
      const bool blocked = i + 1 < p.stages.size() && p.stages[i + 1].blocked;
      const Color col = blocked ? kYellow : kGreen;
      draw_arrow(dl, ImVec2(o.x + a.x, o.y + a.y), ImVec2(o.x + a.x + a.w, o.y + a.y + a.h), col, 3.5f * s, 11 * s);
    }
    ImGui::Dummy(ImVec2(width, lay.height + 10 * s));
  }
}

}  // namespace gs::ui
