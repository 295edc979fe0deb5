// Git panel: per repository, the commit graph — a lane per branch, branch and
// tag labels, author and message — with a marker at the commit each app (each
// environment) is deployed at.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "sim/git/repository.hpp"
#include "sim/ui/panels/panels.hpp"
#include "sim/ui/widgets.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {

void draw_git_panel(FrameContext& ctx, GitPanelState& st) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const world::World& w = ctx.session.world();
  if (w.repos().empty()) {
    ImGui::TextDisabled("%s", ctx.tr("git.none"));
    return;
  }
  // Follow the selected app's repository.
  if (const int sel = ctx.prepared.apps.index_of(ctx.selection.app); sel >= 0) {
    const std::string& r = ctx.prepared.apps.rows()[sel].repo;
    if (w.repo_by_name(r)) st.repo = r;
  }
  if (st.repo.empty() || !w.repo_by_name(st.repo)) st.repo = w.repos().front().name;
  if (w.repos().size() > 1) {
    for (const auto& r : w.repos()) {
      if (ImGui::RadioButton(r.name.c_str(), st.repo == r.name)) st.repo = r.name;
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }
  // Prepare: rebuild the layout when the log or the apps changed.
  if (st.built_at_log != w.log().size() || st.built_apps_version != ctx.prepared.apps.version() || st.graph.repo != st.repo) {
    st.graph = build_repo_graph(w, ctx.prepared.apps.rows(), st.repo);
    st.built_at_log = w.log().size();
    st.built_apps_version = ctx.prepared.apps.version();
  }
  const GraphLayout& g = st.graph.layout;
  const float row_h = ImGui::GetTextLineHeight() + 12 * s;
  const float lane_w = 22 * s;
  const int lanes = std::max<int>(1, static_cast<int>(g.lane_names.size()));
  const float graph_w = lane_w * static_cast<float>(lanes) + 10 * s;

  // Lane legend.
  for (int l = 0; l < lanes; ++l) {
    const Color c = th.lanes[l % 6];
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + 6 * s, p.y + ImGui::GetTextLineHeight() * 0.5f), 5 * s, c);
    ImGui::Dummy(ImVec2(14 * s, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, 2 * s);
    ImGui::TextUnformatted(g.lane_names[l].empty() ? "(merged)" : g.lane_names[l].c_str());
    ImGui::SameLine(0, 14 * s);
  }
  ImGui::NewLine();

  ImGui::BeginChild("##graph", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  auto lane_x = [&](int lane) { return origin.x + 10 * s + lane_w * static_cast<float>(lane); };
  auto row_y = [&](int row) { return origin.y + row_h * (static_cast<float>(row) + 0.5f); };

  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(g.rows.size()), row_h);
  while (clip.Step()) {
    // Edges touching the visible rows (drawn under the dots).
    for (const auto& e : g.edges) {
      if (std::max(e.from_row, e.to_row) < clip.DisplayStart || std::min(e.from_row, e.to_row) >= clip.DisplayEnd) continue;
      const ImVec2 a(lane_x(e.from_lane), row_y(e.from_row));
      const ImVec2 b(lane_x(e.to_lane), row_y(e.to_row));
      const Color c = th.lanes[(e.merge ? e.from_lane : e.to_lane) % 6];
      if (e.from_lane == e.to_lane) {
        dl->AddLine(a, b, c, 3 * s);
      } else {
        // A curve leaving the child's lane, then straight down the parent's.
        const float turn_y = std::min(b.y, a.y + row_h);
        dl->AddBezierCubic(a, ImVec2(a.x, turn_y - row_h * 0.2f), ImVec2(b.x, a.y + row_h * 0.2f), ImVec2(b.x, turn_y), c,
                           3 * s);
        if (turn_y < b.y) dl->AddLine(ImVec2(b.x, turn_y), b, c, 3 * s);
      }
    }
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const GraphRow& r = g.rows[i];
      const ImVec2 p(origin.x, origin.y + row_h * static_cast<float>(i));
      ImGui::SetCursorScreenPos(p);
      ImGui::PushID(i);
      ImGui::InvisibleButton("##row", ImVec2(std::max(ImGui::GetContentRegionAvail().x, 10.0f), row_h));
      const bool hovered = ImGui::IsItemHovered();
      if (hovered) {
        dl->AddRectFilled(p, ImVec2(p.x + ImGui::GetWindowWidth(), p.y + row_h), with_alpha(th.selection, 0.35f));
        ImGui::SetTooltip("%s\n%s\n%s", r.commit.sha.c_str(), r.commit.author.c_str(), r.commit.subject.c_str());
      }
      const Color lc = th.lanes[r.lane % 6];
      const ImVec2 c(lane_x(r.lane), row_y(i));
      dl->AddCircleFilled(c, 6.5f * s, lc, 16);
      dl->AddCircle(c, 6.5f * s, th.panel, 16, 2 * s);
      float x = origin.x + graph_w;
      const float ty = p.y + (row_h - ImGui::GetTextLineHeight()) * 0.5f;
      ImGui::PushFont(ctx.fonts.mono);
      dl->AddText(ImVec2(x, ty), th.accent, r.commit.sha.substr(0, 7).c_str());
      x += ImGui::CalcTextSize("0000000").x + 10 * s;
      ImGui::PopFont();
      for (const auto& h : r.heads) {
        const Color bc = th.lanes[std::max(0, static_cast<int>(std::find(g.lane_names.begin(), g.lane_names.end(), h) - g.lane_names.begin())) % 6];
        x += draw_pill(dl, ImVec2(x, ty - 2 * s), h, bc, text_on(bc), 7 * s, 2 * s).x + 5 * s;
      }
      for (const auto& t : r.tags) {
        const std::string label = "\xE2\x97\x86 " + t;  // ◆ tag
        x += draw_pill(dl, ImVec2(x, ty - 2 * s), label, rgb(0xE0C46C), rgb(0x1B1B1B), 7 * s, 2 * s).x + 5 * s;
      }
      if (auto m = st.graph.markers.find(i); m != st.graph.markers.end()) {
        for (const auto& a : m->second) {
          // An environment marker: the cluster's name on a dark pill with a flag.
          const std::string label = "\xE2\x96\xB6 " + (a.cluster.empty() ? a.app : a.cluster);
          const Color mc = a.app == ctx.selection.app ? th.accent : rgb(0xFFFFFF);
          const ImVec2 sz = pill_size(label, 7 * s, 2 * s);
          dl->AddRectFilled(ImVec2(x, ty - 2 * s), ImVec2(x + sz.x, ty - 2 * s + sz.y), rgb(0x0B0F14), sz.y * 0.5f);
          dl->AddRect(ImVec2(x, ty - 2 * s), ImVec2(x + sz.x, ty - 2 * s + sz.y), mc, sz.y * 0.5f, 0, 2 * s);
          dl->AddText(ImVec2(x + 7 * s, ty), mc, label.c_str());
          x += sz.x + 5 * s;
        }
      }
      x += 4 * s;
      const std::string msg = r.commit.subject;
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - 10 * s;
      const float author_w = std::min(150 * s, std::max(0.0f, right - x) * 0.35f);
      text_clipped(dl, ImVec2(x, ty), th.text, msg, std::max(10.0f, right - x - author_w - 8 * s));
      text_clipped(dl, ImVec2(right - author_w, ty), th.text_dim, r.commit.author, author_w);
      ImGui::PopID();
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + row_h * static_cast<float>(g.rows.size())));
  ImGui::Dummy(ImVec2(1, 1));
  ImGui::EndChild();
}

}  // namespace gs::ui
