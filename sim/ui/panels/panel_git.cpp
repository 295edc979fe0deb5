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
namespace {

// Which repository to show: the selected app's, else the one chosen, else
// the first; a radio button per repository when there are several.
void choose_repo(const FrameContext& ctx, GitPanelState& st) {
  const world::World& w = ctx.session.world();
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
}

// Prepare: rebuild the layout when the log or the apps changed.
void prepare(const FrameContext& ctx, GitPanelState& st) {
  const world::World& w = ctx.session.world();
  if (st.built_at_log != w.log().size() || st.built_apps_version != ctx.prepared.apps.version() || st.graph.repo != st.repo) {
    st.graph = build_repo_graph(w, ctx.prepared.apps.rows(), st.repo);
    st.built_at_log = w.log().size();
    st.built_apps_version = ctx.prepared.apps.version();
  }
}

// A lane's colour; a branch's is its lane's.
Color lane_color(const Theme& th, int lane) { return th.lanes[lane % 6]; }
Color branch_color(const Theme& th, const GraphLayout& g, const std::string& branch) {
  return lane_color(th, std::max(0, static_cast<int>(std::find(g.lane_names.begin(), g.lane_names.end(), branch) -
                                                     g.lane_names.begin())));
}

void draw_lane_legend(const FrameContext& ctx, const GraphLayout& g, int lanes) {
  const float s = ctx.scale;
  for (int l = 0; l < lanes; ++l) {
    const Color c = lane_color(ctx.theme, l);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + 6 * s, p.y + ImGui::GetTextLineHeight() * 0.5f), 5 * s, c);
    ImGui::Dummy(ImVec2(14 * s, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, 2 * s);
    ImGui::TextUnformatted(g.lane_names[l].empty() ? "(merged)" : g.lane_names[l].c_str());
    ImGui::SameLine(0, 14 * s);
  }
  ImGui::NewLine();
}

// Where the graph's lanes and rows are on screen.
struct GraphGeometry {
  ImVec2 origin;
  float s, row_h, lane_w, graph_w;
  float lane_x(int lane) const { return origin.x + 10 * s + lane_w * static_cast<float>(lane); }
  float row_y(int row) const { return origin.y + row_h * (static_cast<float>(row) + 0.5f); }
};

// Edges touching the rows [first, end) (drawn under the dots).
void draw_edges(ImDrawList* dl, const Theme& th, const GraphLayout& g, const GraphGeometry& geo, int first, int end) {
  const float s = geo.s, row_h = geo.row_h;
  for (const auto& e : g.edges) {
    if (std::max(e.from_row, e.to_row) < first || std::min(e.from_row, e.to_row) >= end) continue;
    const ImVec2 a(geo.lane_x(e.from_lane), geo.row_y(e.from_row));
    const ImVec2 b(geo.lane_x(e.to_lane), geo.row_y(e.to_row));
    const Color c = lane_color(th, e.merge ? e.from_lane : e.to_lane);
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
}

// A row's pills after its sha: branch heads, tags, and a marker for each app
// (each environment) deployed at it; returns where the message starts.
float draw_row_labels(const FrameContext& ctx, ImDrawList* dl, const GitPanelState& st, int i, float x, float ty) {
  const float s = ctx.scale;
  const GraphRow& r = st.graph.layout.rows[i];
  for (const auto& h : r.heads) {
    const Color bc = branch_color(ctx.theme, st.graph.layout, h);
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
      const Color mc = a.app == ctx.selection.app ? ctx.theme.accent : rgb(0xFFFFFF);
      const ImVec2 sz = pill_size(label, 7 * s, 2 * s);
      dl->AddRectFilled(ImVec2(x, ty - 2 * s), ImVec2(x + sz.x, ty - 2 * s + sz.y), rgb(0x0B0F14), sz.y * 0.5f);
      dl->AddRect(ImVec2(x, ty - 2 * s), ImVec2(x + sz.x, ty - 2 * s + sz.y), mc, sz.y * 0.5f, 0, 2 * s);
      dl->AddText(ImVec2(x + 7 * s, ty), mc, label.c_str());
      x += sz.x + 5 * s;
    }
  }
  return x;
}

// One commit: its dot on its lane, sha, labels, subject and author; the
// whole row hovers with a tooltip.
void draw_commit_row(const FrameContext& ctx, ImDrawList* dl, const GitPanelState& st, const GraphGeometry& geo, int i) {
  const Theme& th = ctx.theme;
  const float s = geo.s, row_h = geo.row_h;
  const GraphRow& r = st.graph.layout.rows[i];
  const ImVec2 p(geo.origin.x, geo.origin.y + row_h * static_cast<float>(i));
  ImGui::SetCursorScreenPos(p);
  ImGui::InvisibleButton("##row", ImVec2(std::max(ImGui::GetContentRegionAvail().x, 10.0f), row_h));
  if (ImGui::IsItemHovered()) {
    dl->AddRectFilled(p, ImVec2(p.x + ImGui::GetWindowWidth(), p.y + row_h), with_alpha(th.selection, 0.35f));
    ImGui::SetTooltip("%s\n%s\n%s", r.commit.sha.c_str(), r.commit.author.c_str(), r.commit.subject.c_str());
  }
  const ImVec2 c(geo.lane_x(r.lane), geo.row_y(i));
  dl->AddCircleFilled(c, 6.5f * s, lane_color(th, r.lane), 16);
  dl->AddCircle(c, 6.5f * s, th.panel, 16, 2 * s);
  float x = geo.origin.x + geo.graph_w;
  const float ty = p.y + (row_h - ImGui::GetTextLineHeight()) * 0.5f;
  ImGui::PushFont(ctx.fonts.mono);
  dl->AddText(ImVec2(x, ty), th.accent, r.commit.sha.substr(0, 7).c_str());
  x += ImGui::CalcTextSize("0000000").x + 10 * s;
  ImGui::PopFont();
  x = draw_row_labels(ctx, dl, st, i, x, ty) + 4 * s;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - 10 * s;
  const float author_w = std::min(150 * s, std::max(0.0f, right - x) * 0.35f);
  text_clipped(dl, ImVec2(x, ty), th.text, r.commit.subject, std::max(10.0f, right - x - author_w - 8 * s));
  text_clipped(dl, ImVec2(right - author_w, ty), th.text_dim, r.commit.author, author_w);
}

}  // namespace

void draw_git_panel(FrameContext& ctx, GitPanelState& st) {
  const float s = ctx.scale;
  if (ctx.session.world().repos().empty()) {
    ImGui::TextDisabled("%s", ctx.tr("git.none"));
    return;
  }
  choose_repo(ctx, st);
  prepare(ctx, st);
  const GraphLayout& g = st.graph.layout;
  const int lanes = std::max<int>(1, static_cast<int>(g.lane_names.size()));
  draw_lane_legend(ctx, g, lanes);

  ImGui::BeginChild("##graph", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  GraphGeometry geo{ImGui::GetCursorScreenPos(), s, ImGui::GetTextLineHeight() + 12 * s, 22 * s, 0};
  geo.graph_w = geo.lane_w * static_cast<float>(lanes) + 10 * s;
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(g.rows.size()), geo.row_h);
  while (clip.Step()) {
    draw_edges(dl, ctx.theme, g, geo, clip.DisplayStart, clip.DisplayEnd);
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      ImGui::PushID(i);
      draw_commit_row(ctx, dl, st, geo, i);
      ImGui::PopID();
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(geo.origin.x, geo.origin.y + geo.row_h * static_cast<float>(g.rows.size())));
  ImGui::Dummy(ImVec2(1, 1));
  ImGui::EndChild();
}

}  // namespace gs::ui
