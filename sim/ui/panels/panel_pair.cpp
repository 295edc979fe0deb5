// Pair mode on screen (issue 11): the pair panel (who has which role, the
// navigator's prompts, a Peer-Instruction vote, break-fix), the strip under
// the toolbar (both partners, who drives, the countdown to the swap) and
// the full-width hand-over banner at a swap. Draws what view/pair_view.*
// prepared; every button is a PairAct the frame runs after drawing.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/view/pair_view.hpp"
#include "sim/ui/widgets.hpp"

namespace gs::ui {
namespace {

ImVec4 pcol(Color c) { return ImGui::ColorConvertU32ToFloat4(c); }

void pair_wrapped(Color c, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, pcol(c));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void heading(FrameContext& ctx, const std::string& text) {
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts.title);
  pair_wrapped(ctx.theme.accent, text);
  ImGui::PopFont();
}

// A row of buttons that wraps to the panel's width; the index pressed, or -1.
int button_row(FrameContext& ctx, const std::vector<std::string>& labels, const char* id, bool enabled) {
  int pressed = -1;
  const float avail = ImGui::GetContentRegionAvail().x;
  float x = 0;
  ImGui::PushID(id);
  if (!enabled) ImGui::BeginDisabled();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const float w = ImGui::CalcTextSize(labels[i].c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (i > 0 && x + w + ImGui::GetStyle().ItemSpacing.x <= avail) {
      ImGui::SameLine();
      x += ImGui::GetStyle().ItemSpacing.x;
    } else {
      x = 0;
    }
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Button(labels[i].c_str())) pressed = static_cast<int>(i);
    ImGui::PopID();
    x += w;
  }
  if (!enabled) ImGui::EndDisabled();
  ImGui::PopID();
  (void)ctx;
  return pressed;
}

void draw_vote(FrameContext& ctx, const PairView& v) {
  heading(ctx, v.vote_title);
  for (int who = 0; who < 2; ++who) {
    const PairView::Voter& vt = v.voters[static_cast<std::size_t>(who)];
    ImGui::PushID(who);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted((vt.name + ":").c_str());
    ImGui::SameLine();
    if (vt.can_vote && !ctx.read_only) {
      const int c = button_row(ctx, v.choice_labels, "##vote", true);
      if (c >= 0) ctx.pair_act(PairAct::Vote, c, who);
    } else {
      ImGui::TextColored(pcol(ctx.theme.text_dim), "%s", vt.state.c_str());
    }
    ImGui::PopID();
  }
  for (const auto& line : v.vote_lines) pair_wrapped(ctx.theme.text, line);
}

void draw_break_fix(FrameContext& ctx, const PairView& v) {
  if (v.fix == PairView::Fix::Off) {
    ImGui::Spacing();
    if (v.can_start_fix && !ctx.read_only && ImGui::Button(pair_label("start_fix", ctx.view.lang))) {
      ctx.pair_act(PairAct::StartFix);
    }
    return;
  }
  heading(ctx, v.fix_title);
  pair_wrapped(v.fix == PairView::Fix::Restored ? argo::kGreen : ctx.theme.text, v.fix_line);
  if (v.fix == PairView::Fix::Pick || v.fix == PairView::Fix::Diagnose) {
    const int i = button_row(ctx, v.fix_choices, "##faults", !ctx.read_only);
    if (i >= 0) ctx.pair_act(v.fix == PairView::Fix::Pick ? PairAct::Pick : PairAct::Diagnose, i);
  }
  for (const auto& t : v.fix_times) pair_wrapped(argo::kBlue, t);
  if ((v.fix == PairView::Fix::Restored || v.fix == PairView::Fix::Fix || v.fix == PairView::Fix::Diagnose) &&
      !ctx.read_only) {
    const char* label = pair_label(v.fix == PairView::Fix::Restored ? "next_round" : "give_up", ctx.view.lang);
    if (ImGui::Button(label)) ctx.pair_act(PairAct::NextRound);
  }
  for (const auto& h : v.fix_history) pair_wrapped(ctx.theme.text_dim, h);
}

}  // namespace

void draw_pair_panel(FrameContext& ctx, PairPanelState& /*st*/) {
  if (!ctx.pair) return;
  const PairView& v = *ctx.pair;
  for (const auto& p : v.people) {
    ImGui::PushFont(p.active ? ctx.fonts.title : ctx.fonts.ui);
    pair_wrapped(p.active ? ctx.theme.accent : ctx.theme.text, p.name + " — " + p.role);
    ImGui::PopFont();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(v.countdown_line.c_str());
  if (!ctx.read_only) {
    ImGui::SameLine();
    if (ImGui::Button(pair_label("swap_now", ctx.view.lang))) ctx.pair_act(PairAct::SwapNow);
  }
  // What the pair must do now first (a vote, break-fix), then what to ask.
  if (v.vote) draw_vote(ctx, v);
  draw_break_fix(ctx, v);
  if (!v.prompts.empty()) {
    heading(ctx, v.prompts_title);
    for (const auto& q : v.prompts) pair_wrapped(ctx.theme.text, "• " + q);
  }
}

float draw_pair_strip(FrameContext& ctx, float x, float y, float w) {
  if (!ctx.pair) return 0;
  const PairView& v = *ctx.pair;
  const float s = ctx.scale;
  const float h = ImGui::GetTextLineHeight() + 10 * s;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), ctx.theme.panel_alt, 4 * s);
  // The interval's progress, as a thin bar along the bottom.
  dl->AddRectFilled(ImVec2(x, y + h - 3 * s), ImVec2(x + w * v.elapsed_frac, y + h), ctx.theme.accent);
  float cx = x + 8 * s;
  const float ty = y + 5 * s;
  for (const auto& p : v.people) {
    const std::string t = p.name + " · " + p.role;
    const ImVec2 sz = pill_size(t, 8 * s, 2 * s);
    if (cx + sz.x > x + w * 0.7f) break;
    draw_pill(dl, ImVec2(cx, ty - 2 * s), t, p.active ? ctx.theme.accent : ctx.theme.panel, p.active ? text_on(ctx.theme.accent) : ctx.theme.text, 8 * s, 2 * s);
    cx += sz.x + 10 * s;
  }
  const ImVec2 cs = ImGui::CalcTextSize(v.countdown_line.c_str());
  const float rx = std::max(cx, x + w - cs.x - 10 * s);
  dl->AddText(ImVec2(rx, ty), ctx.theme.text, v.countdown_line.c_str());
  return h;
}

void draw_pair_banner(FrameContext& ctx) {
  if (!ctx.pair || !ctx.pair->banner || ctx.read_only) return;
  const float s = ctx.scale;
  const ImVec2 vs = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, vs.y * 0.32f));
  ImGui::SetNextWindowSize(ImVec2(vs.x, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, pcol(ctx.theme.accent));  // opaque: it must stand out on a projector
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(32 * s, 24 * s));
  ImGui::Begin("##pair_banner", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::PushFont(ctx.fonts.big);
  const Color fg = text_on(ctx.theme.accent);
  const ImVec2 ts = ImGui::CalcTextSize(ctx.pair->banner->c_str());
  ImGui::SetCursorPosX(std::max(32 * s, (vs.x - ts.x) * 0.5f));
  ImGui::TextColored(pcol(fg), "%s", ctx.pair->banner->c_str());
  ImGui::PopFont();
  ImGui::Spacing();
  const char* ok = pair_label("ok", ctx.view.lang);
  ImGui::SetCursorPosX((vs.x - ImGui::CalcTextSize(ok).x) * 0.5f - 12 * s);
  ImGui::PushFont(ctx.fonts.title);
  if (ImGui::Button(ok, ImVec2(0, 0))) ctx.pair_act(PairAct::Ack);
  ImGui::PopFont();
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace gs::ui
