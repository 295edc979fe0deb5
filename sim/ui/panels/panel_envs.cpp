// Environments board: one column per cluster (dev, staging, prod, ...), one
// card per app with its sync and health (Argo CD colours and icon shapes),
// the branch and commit it runs, its images and pods, and drift marked.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/widgets.hpp"

namespace gs::ui {

void draw_envs_panel(FrameContext& ctx, EnvsPanelState& st) {
  (void)st;
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const auto& rows = ctx.prepared.apps.rows();
  const auto& cols = ctx.prepared.apps.columns();
  const float spin = static_cast<float>(ctx.now().ms % 1000) / 1000.0f;
  if (cols.empty()) {
    ImGui::TextDisabled("%s", ctx.tr("envs.none"));
    return;
  }
  const float line = ImGui::GetTextLineHeight();
  const float card_h = line * 4.9f + 16 * s;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int n = static_cast<int>(cols.size());
  const float gap = 8 * s;
  const float col_w = (avail.x - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
  // The chips' room in a card: the column less its frame, scrollbar and the
  // card's left margin. When sync and health do not fit side by side, health
  // goes to a second line, in every card of that column alike.
  const float chip_room = col_w - 2 * ImGui::GetStyle().WindowPadding.x - ImGui::GetStyle().ScrollbarSize - 20 * s;
  const float chip_line = line * 1.45f + 4 * s;

  for (int ci = 0; ci < n; ++ci) {
    const auto& [cluster, idx] = cols[ci];
    if (ci > 0) ImGui::SameLine(0, gap);
    ImGui::PushID(ci);
    ImGui::BeginChild("##col", ImVec2(col_w, avail.y), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextUnformatted(cluster.empty() ? "?" : cluster.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("%d %s", static_cast<int>(idx.size()), ctx.tr("envs.apps"));
    ImGui::Separator();
    // Which status codes occur in the column (a 150-app column measures 3 + 6 words, not 300).
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
    const bool wrap_chips = widest_sync + 6 * s + widest_health > chip_room;
    const float col_card_h = card_h + (wrap_chips ? chip_line : 0);
    ImGui::BeginChild("##cards", ImVec2(0, 0), false);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6 * s, 6 * s));
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(idx.size()), col_card_h + 6 * s);
    while (clip.Step()) {
      for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
        const AppRow& r = rows[idx[k]];
        ImGui::PushID(k);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        const bool selected = r.name == ctx.selection.app;
        if (ImGui::InvisibleButton("##card", ImVec2(w, col_card_h))) ctx.selection.app = r.name;
        const bool hovered = ImGui::IsItemHovered();
        const ImVec2 q(p.x + w, p.y + col_card_h);
        dl->AddRectFilled(p, q, selected ? mix(th.panel_alt, th.selection, 0.6f) : th.panel_alt, 6 * s);
        // A coloured edge: the sync colour, so the board reads at a glance.
        dl->AddRectFilled(p, ImVec2(p.x + 5 * s, q.y), sync_color(r.sync), 6 * s, ImDrawFlags_RoundCornersLeft);
        if (r.drift) {
          // Drift: a dashed orange frame.
          const float dash = 8 * s;
          for (float x = p.x; x < q.x; x += dash * 2) {
            dl->AddLine(ImVec2(x, p.y), ImVec2(std::min(x + dash, q.x), p.y), th.drift, 2.5f * s);
            dl->AddLine(ImVec2(x, q.y), ImVec2(std::min(x + dash, q.x), q.y), th.drift, 2.5f * s);
          }
          for (float y = p.y; y < q.y; y += dash * 2) {
            dl->AddLine(ImVec2(q.x, y), ImVec2(q.x, std::min(y + dash, q.y)), th.drift, 2.5f * s);
          }
        } else if (selected || hovered) {
          dl->AddRect(p, q, selected ? th.accent : th.border, 6 * s, 0, 2 * s);
        }
        const float x0 = p.x + 12 * s;
        float y = p.y + 6 * s;
        ImGui::PushFont(ctx.fonts.title);
        text_clipped(dl, ImVec2(x0, y), th.text, r.name, w * 0.6f);
        ImGui::PopFont();
        const float name_w = ImGui::CalcTextSize(r.name.c_str()).x * 1.25f;
        if (r.automated && name_w + pill_size(r.self_heal ? ctx.tr("envs.auto_heal") : ctx.tr("envs.auto"), 6 * s, 1 * s).x + 30 * s < w) {
          const char* tag = r.self_heal ? ctx.tr("envs.auto_heal") : ctx.tr("envs.auto");
          const ImVec2 ts = pill_size(tag, 6 * s, 1 * s);
          draw_pill(dl, ImVec2(q.x - ts.x - 8 * s, y + 2 * s), tag, with_alpha(th.accent, 0.18f), th.accent, 6 * s, 1 * s);
        }
        y += line * 1.35f;
        // Sync and health chips, drawn on the status colours.
        ImGui::SetCursorScreenPos(ImVec2(x0, y));
        sync_chip(r.sync, gitops::to_string(r.sync));
        if (wrap_chips) {
          y += chip_line;
          ImGui::SetCursorScreenPos(ImVec2(x0, y));
        } else {
          ImGui::SameLine(0, 6 * s);
        }
        health_chip(r.health, std::string(cluster::health_name(r.health)).c_str(), spin);
        y += chip_line;
        std::string rev = r.target_revision + " @ " + (r.deployed_revision.empty() ? std::string("-") : r.deployed_revision.substr(0, 7));
        if (!r.target_head.empty() && r.target_head != r.deployed_revision && !r.deployed_revision.empty()) {
          rev += "  \xE2\x86\x90 " + r.target_head.substr(0, 7);
        }
        text_clipped(dl, ImVec2(x0, y), th.text_dim, rev, w - 20 * s);
        y += line * 1.05f;
        std::string img;
        for (const auto& i : r.images) img += (img.empty() ? "" : ", ") + i;
        if (r.pods_total > 0) img += "   " + std::to_string(r.pods_ready) + "/" + std::to_string(r.pods_total) + " " + ctx.tr("envs.pods");
        if (r.drift) {
          std::string d = std::string(ctx.tr("envs.drift"));
          if (!r.drift_paths.empty()) d += ": " + r.drift_paths.front();
          text_clipped(dl, ImVec2(x0, y), th.drift, d, w - 20 * s);
        } else {
          text_clipped(dl, ImVec2(x0, y), th.text, img, w - 20 * s);
        }
        ImGui::SetCursorScreenPos(p);
        ImGui::Dummy(ImVec2(w, col_card_h));
        ImGui::PopID();
      }
    }
    ImGui::PopStyleVar();
    ImGui::EndChild();
    ImGui::EndChild();
    ImGui::PopID();
  }
}

}  // namespace gs::ui
