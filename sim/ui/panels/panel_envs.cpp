// Environments board: one column per cluster (dev, staging, prod, ...), one
// card per app with its sync and health (Argo CD colours and icon shapes),
// the branch and commit it runs, its images and pods, and drift marked.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/widgets.hpp"

namespace gs::ui {
namespace {

// What every card of a column shares.
struct ColumnLayout {
  float line = 0;       // text line height
  float card_h = 0;     // with the chips' second line when they wrap
  float chip_line = 0;  // a line of chips
  bool wrap_chips = false;
  bool chips_inline = false;  // sync and health on the name's line (a wide card)
  bool cluster_tag = false;   // the cluster named on each card (one list for all clusters)
  float spin = 0;  // Progressing's spinner, in turns of virtual time
};

// How wide sync and health are side by side, the widest of each that occurs
// in the column (a 150-app column measures 3 + 6 words, not 300): every card
// alike puts them on one line or two.
float chips_width(const std::vector<AppRow>& rows, const std::vector<int>& idx, float s) {
  bool seen_sync[3] = {}, seen_health[6] = {};
  for (const auto k : idx) {
    seen_sync[static_cast<int>(rows[k].sync) % 3] = true;
    seen_health[static_cast<int>(rows[k].health) % 6] = true;
  }
  float widest_sync = 0, widest_health = 0;
  for (int c = 0; c < 3; ++c) {
    if (seen_sync[c]) widest_sync = std::max(widest_sync, chip_width(gitops::to_string(static_cast<gitops::SyncStatusCode>(c))));
  }
  for (int c = 0; c < 6; ++c) {
    if (seen_health[c]) {
      const std::string hn(cluster::health_name(static_cast<cluster::HealthCode>(c)));
      widest_health = std::max(widest_health, chip_width(hn.c_str()));
    }
  }
  return widest_sync + 6 * s + widest_health;
}

// The widest name (in the title font) and cluster tag a card of the list shows.
float name_and_tag_width(const FrameContext& ctx, const std::vector<AppRow>& rows, const std::vector<int>& idx,
                         bool cluster_tag) {
  const float s = ctx.scale;
  float widest = 0;
  for (const auto k : idx) {
    ImGui::PushFont(ctx.fonts.title);
    float w = ImGui::CalcTextSize(rows[k].name.c_str()).x;
    ImGui::PopFont();
    if (cluster_tag) w += 10 * s + pill_size(rows[k].cluster, 6 * s, 1 * s).x;
    widest = std::max(widest, w);
  }
  return widest;
}

// Lines beyond the card's one for pods that its tallest card in the column
// takes: a revision more, a drift line (every card of a column alike, so the
// clipper can step over them).
int extra_card_lines(const std::vector<AppRow>& rows, const std::vector<int>& idx) {
  int extra = 0;
  for (const auto k : idx) {
    const AppRow& r = rows[k];
    const int lines = static_cast<int>(std::max<std::size_t>(1, r.pod_groups.size())) + (r.drift ? 1 : 0);
    extra = std::max(extra, lines - 1);
  }
  return extra;
}

// Drift: a dashed orange frame (top, bottom and right; the sync edge is the left).
void draw_drift_frame(ImDrawList* dl, ImVec2 p, ImVec2 q, Color c, float s) {
  const float dash = 8 * s;
  for (float x = p.x; x < q.x; x += dash * 2) {
    dl->AddLine(ImVec2(x, p.y), ImVec2(std::min(x + dash, q.x), p.y), c, 2.5f * s);
    dl->AddLine(ImVec2(x, q.y), ImVec2(std::min(x + dash, q.x), q.y), c, 2.5f * s);
  }
  for (float y = p.y; y < q.y; y += dash * 2) {
    dl->AddLine(ImVec2(q.x, y), ImVec2(q.x, std::min(y + dash, q.y)), c, 2.5f * s);
  }
}

// The card's background, its sync-coloured edge (so the board reads at a
// glance) and its frame: drift's dashes, else the selection or hover.
void draw_card_frame(const FrameContext& ctx, ImDrawList* dl, const AppRow& r, ImVec2 p, ImVec2 q, bool selected,
                     bool hovered) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  dl->AddRectFilled(p, q, selected ? mix(th.panel_alt, th.selection, 0.6f) : th.panel_alt, 6 * s);
  dl->AddRectFilled(p, ImVec2(p.x + 5 * s, q.y), sync_color(r.sync), 6 * s, ImDrawFlags_RoundCornersLeft);
  if (r.drift) {
    draw_drift_frame(dl, p, q, th.drift, s);
  } else if (selected || hovered) {
    dl->AddRect(p, q, selected ? th.accent : th.border, 6 * s, 0, 2 * s);
  }
}

// The card's words: name and auto-sync tag, the sync and health chips, the
// branch @ commit it runs, and its images and pods (or what drifted).
void draw_card_text(FrameContext& ctx, ImDrawList* dl, const AppRow& r, ImVec2 p, float w, const ColumnLayout& col) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale, line = col.line;
  const ImVec2 q(p.x + w, p.y + col.card_h);
  const float x0 = p.x + 12 * s;
  float y = p.y + 6 * s;
  const char* tag = r.self_heal ? ctx.tr("envs.auto_heal") : ctx.tr("envs.auto");
  const float tag_w = pill_size(tag, 6 * s, 1 * s).x;
  ImGui::PushFont(ctx.fonts.title);
  const float name_w = ImGui::CalcTextSize(r.name.c_str()).x;
  // The auto-sync tag only beside a name that fits with it: the name first.
  const bool tag_beside = r.automated && name_w + tag_w + 30 * s < w;
  text_clipped(dl, ImVec2(x0, y), th.text, r.name,
               col.chips_inline || col.cluster_tag || !tag_beside ? w - 20 * s : w - tag_w - 30 * s);
  ImGui::PopFont();
  float x = x0 + name_w + 10 * s;  // what the name's line holds after it
  if (col.cluster_tag) {
    x += draw_pill(dl, ImVec2(x, y + 2 * s), r.cluster, th.panel, th.text_dim, 6 * s, 1 * s).x + 10 * s;
  }
  if (col.chips_inline) {
    // Sync and health chips, drawn on the status colours, beside the name.
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    sync_chip(r.sync, gitops::to_string(r.sync));
    ImGui::SameLine(0, 6 * s);
    health_chip(r.health, std::string(cluster::health_name(r.health)).c_str(), col.spin);
    ImGui::SameLine(0, 10 * s);
    x = ImGui::GetCursorScreenPos().x;
  }
  if (tag_beside && x + tag_w + 8 * s < q.x) {
    const ImVec2 ts = pill_size(tag, 6 * s, 1 * s);
    draw_pill(dl, ImVec2(q.x - ts.x - 8 * s, y + 2 * s), tag, with_alpha(th.accent, 0.18f), th.accent, 6 * s, 1 * s);
  }
  if (col.chips_inline) {
    y += std::max(line * 1.35f, col.chip_line);
  } else {
    y += line * 1.35f;
    // Sync and health chips, drawn on the status colours.
    ImGui::SetCursorScreenPos(ImVec2(x0, y));
    sync_chip(r.sync, gitops::to_string(r.sync));
    if (col.wrap_chips) {
      y += col.chip_line;
      ImGui::SetCursorScreenPos(ImVec2(x0, y));
    } else {
      ImGui::SameLine(0, 6 * s);
    }
    health_chip(r.health, std::string(cluster::health_name(r.health)).c_str(), col.spin);
    y += col.chip_line;
  }
  text_clipped(dl, ImVec2(x0, y), th.text_dim, card_revision(r), w - 20 * s);
  y += line * 1.05f;
  if (r.drift) {
    text_clipped(dl, ImVec2(x0, y), th.drift, card_drift(r, ctx.tr("envs.drift")), w - 20 * s);
    y += line;
  }
  // Pods by revision: a stuck rollout's waiting pods in the warning colour.
  for (const auto& l : card_pod_lines(r, ctx.tr("envs.ready"))) {
    text_clipped(dl, ImVec2(x0, y), l.waiting ? health_color(cluster::HealthCode::Degraded) : th.text, l.text, w - 20 * s);
    y += line;
  }
}

// One card, a button that selects its app.
void draw_card(FrameContext& ctx, ImDrawList* dl, const AppRow& r, const ColumnLayout& col) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const bool selected = r.name == ctx.selection.app;
  if (ImGui::InvisibleButton("##card", ImVec2(w, col.card_h))) ctx.selection.app = r.name;
  frame_notes().items.push_back({"card:" + r.name, p.x, p.y, w, col.card_h});
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 q(p.x + w, p.y + col.card_h);
  draw_card_frame(ctx, dl, r, p, q, selected, hovered);
  draw_card_text(ctx, dl, r, p, w, col);
  ImGui::SetCursorScreenPos(p);
  ImGui::Dummy(ImVec2(w, col.card_h));
}

// A cluster's column: its name and app count, then its cards (clipped).
void draw_column(FrameContext& ctx, const std::string& cluster, const std::vector<int>& idx, ImVec2 size,
                 ColumnLayout col) {
  const auto& rows = ctx.prepared.apps.rows();
  const float s = ctx.scale;
  ImGui::BeginChild("##col", size, true, ImGuiWindowFlags_NoScrollbar);
  // A column's heading is its cluster; the one list of all clusters only counts.
  if (!col.cluster_tag) {
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextUnformatted(cluster.empty() ? "?" : cluster.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
  }
  ImGui::TextDisabled("%d %s", static_cast<int>(idx.size()), ctx.tr("envs.apps"));
  ImGui::Separator();
  // The chips' room in a card: the column less its frame, scrollbar and the
  // card's margins. They go beside the name when both fit, else under it,
  // side by side or (narrower still) one under the other.
  const float chip_room = size.x - 2 * ImGui::GetStyle().WindowPadding.x - ImGui::GetStyle().ScrollbarSize - 20 * s;
  const float chips_w = chips_width(rows, idx, s);
  col.chips_inline = name_and_tag_width(ctx, rows, idx, col.cluster_tag) + 10 * s + chips_w <= chip_room;
  col.wrap_chips = !col.chips_inline && chips_w > chip_room;
  if (col.chips_inline) col.card_h += std::max(col.line * 1.35f, col.chip_line) - col.line * 1.35f - col.chip_line;
  if (col.wrap_chips) col.card_h += col.chip_line;
  col.card_h += col.line * static_cast<float>(extra_card_lines(rows, idx));
  ImGui::BeginChild("##cards", ImVec2(0, 0), false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6 * s, 6 * s));
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(idx.size()), col.card_h + 6 * s);
  while (clip.Step()) {
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      ImGui::PushID(k);
      draw_card(ctx, dl, rows[idx[k]], col);
      ImGui::PopID();
    }
  }
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace

void draw_envs_panel(FrameContext& ctx, EnvsPanelState& st) {
  (void)st;
  const float s = ctx.scale;
  const auto& cols = ctx.prepared.apps.columns();
  if (cols.empty()) {
    ImGui::TextDisabled("%s", ctx.tr("envs.none"));
    return;
  }
  ColumnLayout col;
  col.line = ImGui::GetTextLineHeight();
  col.card_h = col.line * 4.9f + 16 * s;
  col.chip_line = col.line * 1.45f + 4 * s;
  col.spin = static_cast<float>(ctx.now().ms % 1000) / 1000.0f;
  // Clusters side by side while each column keeps its words (view/layout.hpp);
  // else one list of all apps, in env order, each card naming its cluster.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int n = static_cast<int>(cols.size());
  if (board_columns(avail.x, s, n) < n) {
    std::vector<int> all;
    for (const auto& c : cols) all.insert(all.end(), c.second.begin(), c.second.end());
    col.cluster_tag = true;
    draw_column(ctx, std::string(), all, avail, col);
    return;
  }
  const float gap = 8 * s;
  const float col_w = std::floor((avail.x - gap * static_cast<float>(n - 1)) / static_cast<float>(n));
  for (int ci = 0; ci < n; ++ci) {
    if (ci > 0) ImGui::SameLine(0, gap);
    ImGui::PushID(ci);
    draw_column(ctx, cols[ci].first, cols[ci].second, ImVec2(col_w, avail.y), col);
    ImGui::PopID();
  }
}

}  // namespace gs::ui
