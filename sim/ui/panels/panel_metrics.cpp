// Metrics panel: DORA's four figures per environment and per app with their
// 2024 tier chips, and the plots over virtual time drawn with the draw list
// (deployments per bucket, lead time per deployment, failures and
// restores). Everything it shows comes from view/metrics_view.hpp.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/widgets.hpp"

namespace gs::ui {
namespace {

Color tier_color(metrics::Tier t) {
  switch (t) {
    case metrics::Tier::Elite: return argo::kGreen;
    case metrics::Tier::High: return argo::kBlue;
    case metrics::Tier::Medium: return argo::kYellow;
    case metrics::Tier::Low: return argo::kRed;
  }
  return argo::kGrey;
}

// A figure and its tier chip on one line.
void figure_cell(const MetricsCell& c, float s) {
  ImGui::TextUnformatted(c.text.c_str());
  if (!c.tier) return;
  ImGui::SameLine(0, 4 * s);
  const ImVec2 sz = pill_size(c.tier_text, 5 * s, 0);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const Color bg = tier_color(*c.tier);
  draw_pill(ImGui::GetWindowDrawList(), at, c.tier_text, bg, text_on(bg), 5 * s, 0);
  ImGui::Dummy(sz);
}

void draw_table(FrameContext& ctx, const MetricsView& v, float table_h) {
  const float s = ctx.scale;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("##dora", 5, flags, ImVec2(0, table_h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("metrics.col.app"));
  ImGui::TableSetupColumn(ctx.tr("metrics.col.frequency"));
  ImGui::TableSetupColumn(ctx.tr("metrics.col.lead"));
  ImGui::TableSetupColumn(ctx.tr("metrics.col.fail"));
  ImGui::TableSetupColumn(ctx.tr("metrics.col.recovery"));
  ImGui::TableHeadersRow();
  for (const auto& r : v.rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (r.app.empty()) {
      // An environment's total: its name and "all apps", in the accent colour.
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.theme.accent), "%s · %s", r.env.c_str(), ctx.tr("metrics.all"));
    } else {
      ImGui::Text("%s", r.app.c_str());
      ImGui::SameLine(0, 4 * s);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.theme.text_dim), "%s", r.env.c_str());
    }
    ImGui::TableNextColumn();
    MetricsCell freq = r.per_day;
    freq.text = r.deploys + " · " + r.per_day.text + ctx.tr("metrics.per_day");
    figure_cell(freq, s);
    ImGui::TableNextColumn();
    figure_cell(r.lead_time, s);
    ImGui::TableNextColumn();
    figure_cell(r.fail_rate, s);
    ImGui::TableNextColumn();
    figure_cell(r.recovery, s);
  }
  ImGui::EndTable();
}

using Strip = std::pair<ImVec2, ImVec2>;

// One strip of the plot, `h` pixels tall, its title written inside at the top left.
Strip strip(FrameContext& ctx, const std::string& title, float h) {
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 b(a.x + std::max(10.0f, ImGui::GetContentRegionAvail().x), a.y + h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, ctx.theme.panel_alt);
  text_clipped(dl, ImVec2(a.x + 4 * ctx.scale, a.y + 1 * ctx.scale), ctx.theme.text_dim, title, b.x - a.x - 8 * ctx.scale);
  ImGui::Dummy(ImVec2(b.x - a.x, h));
  return {a, b};
}

void draw_plots(FrameContext& ctx, const MetricsView& v, int strips, float h) {
  if (strips <= 0) return;
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  auto x_at = [](const Strip& r, float f) { return r.first.x + f * (r.second.x - r.first.x); };
  const float top_pad = line + 2 * s;  // under the strip's title
  const ImVec2 mouse = ImGui::GetIO().MousePos;

  // Deployments per bucket, failures (red cross) and restores (green check) marked on it.
  const Strip bars = strip(ctx, v.bars_title + " · max " + std::to_string(v.tallest), h);
  const float mark_r = 4 * s;
  const float bars_room = h - top_pad - 2 * mark_r - 2 * s;  // the marks' icons sit above the tallest bar
  for (const auto& b : v.bars) {
    if (b.count == 0) continue;
    const float x0 = x_at(bars, b.x0) + 1 * s, x1 = std::max(x0 + 2 * s, x_at(bars, b.x1) - 1 * s);
    dl->AddRectFilled(ImVec2(x0, bars.second.y - b.height * bars_room), ImVec2(x1, bars.second.y), ctx.theme.accent);
  }
  for (const auto& m : v.marks) {
    const float x = x_at(bars, m.x);
    const Color c = m.failure ? argo::kRed : argo::kGreen;
    const float r = mark_r;
    const float y = bars.first.y + top_pad + r;
    dl->AddLine(ImVec2(x, y + r), ImVec2(x, bars.second.y), with_alpha(c, 0.8f), 2 * s);
    if (m.failure) draw_cross(dl, ImVec2(x, y), r, c, 2 * s);
    else draw_check(dl, ImVec2(x, y), r, c, 2 * s);
    if (std::abs(mouse.x - x) < 4 * s && mouse.y >= bars.first.y && mouse.y <= bars.second.y) {
      ImGui::SetTooltip("%s", m.label.c_str());
    }
  }
  // Lead time per deployment, at the moment it ran healthy.
  const Strip leads = strips >= 2 ? strip(ctx, v.leads_title, h) : bars;
  const float lead_room = h - top_pad - 8 * s;
  for (std::size_t i = 0; strips >= 2 && i < v.leads.size(); ++i) {
    const MetricsPoint& p = v.leads[i];
    const ImVec2 c(x_at(leads, p.x), leads.second.y - 4 * s - p.y * lead_room);
    dl->AddCircleFilled(c, 3.5f * s, p.production ? ctx.theme.accent2 : ctx.theme.accent);
    if (std::abs(mouse.x - c.x) < 5 * s && std::abs(mouse.y - c.y) < 5 * s) ImGui::SetTooltip("%s", p.label.c_str());
  }
  // The time axis under both.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  for (const auto& [f, label] : v.ticks) {
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    const float x = std::clamp(x_at(leads, f) - w / 2, leads.first.x, leads.second.x - w);
    dl->AddText(ImVec2(x, at.y), ctx.theme.text_dim, label.c_str());
  }
  ImGui::Dummy(ImVec2(1, line));
}

}  // namespace

void draw_metrics_panel(FrameContext& ctx, MetricsPanelState& st) {
  const world::World& w = ctx.session.world();
  const std::size_t log = w.log().size();
  if (metrics_stale(log, w.now().ms, st.built_log, st.built_now_ms, ctx.wall_time_s, st.built_wall_s) ||
      st.built_filter != st.filter || st.built_lang != ctx.i18n.lang()) {
    if (st.built_log != log || st.built_now_ms != w.now().ms) st.report = metrics_report(w);
    st.view = build_metrics_view(st.report, st.filter, ctx.i18n);
    st.built_log = log;
    st.built_now_ms = w.now().ms;
    st.built_wall_s = ctx.wall_time_s;
    st.built_filter = st.filter;
    st.built_lang = ctx.i18n.lang();
  }
  const MetricsView& v = st.view;
  // Which app the plots show.
  const std::string current = v.filter.empty() ? std::string(ctx.tr("metrics.all_apps")) : v.filter;
  ImGui::SetNextItemWidth(std::min(220 * ctx.scale, ImGui::GetContentRegionAvail().x));
  if (ImGui::BeginCombo("##metrics-app", current.c_str())) {
    if (ImGui::Selectable(ctx.tr("metrics.all_apps"), v.filter.empty())) st.filter.clear();
    for (const auto& a : v.apps) {
      if (ImGui::Selectable(a.c_str(), a == v.filter)) st.filter = a;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.theme.text_dim), "%s", ctx.tr("metrics.caveat"));
  if (v.empty) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.theme.text_dim), "%s", ctx.tr("metrics.none"));
  }
  const float s = ctx.scale;
  const float line = ImGui::GetTextLineHeight();
  const MetricsLayout l = metrics_layout(ImGui::GetContentRegionAvail().y, line + ImGui::GetStyle().CellPadding.y * 2,
                                         v.rows.size(), line + 16 * s, line, ImGui::GetStyle().ItemSpacing.y);
  draw_table(ctx, v, l.table_h);
  draw_plots(ctx, v, l.strips, l.strip_h);
}

}  // namespace gs::ui
