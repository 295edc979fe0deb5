// Timeline: every event of the run, filterable by category, by the selected
// app and by text; selecting one shows its cause chain and a sentence that
// says why ("shop-dev: Synced → OutOfSync because commit a1b2c3d by Jisoo Kim
// changed spec.replicas 2 → 3 in base/deployment.yaml, seen by the poll at
// 09:03:00").
#include <imgui.h>

#include <algorithm>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/view/cause_chain.hpp"
#include "sim/ui/widgets.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

Color category_color(const Theme& th, EventCategory c) {
  switch (c) {
    case EventCategory::Git: return rgb(0xC792EA);
    case EventCategory::Refresh: return rgb(0x7FB2FF);
    case EventCategory::Status: return argo::kYellow;
    case EventCategory::Sync: return argo::kBlue;
    case EventCategory::Resource: return argo::kGreen;
    case EventCategory::Live: return th.drift;
    case EventCategory::Action: return th.text;
    case EventCategory::Note: return rgb(0xE0C46C);
    case EventCategory::Error: return argo::kRed;
    case EventCategory::Other: return th.text_dim;
  }
  return th.text_dim;
}

std::string explain(FrameContext& ctx, EventId id) {
  const world::World& w = ctx.session.world();
  auto changes_of = [&](const std::string& repo, const std::string& sha) {
    const world::RepoState* r = w.repo_by_name(repo);
    return r && r->repo ? commit_changes(*r->repo, sha) : std::vector<std::string>{};
  };
  const CauseExplanation x = explain_cause(w.log(), id, changes_of);
  std::map<std::string, std::string> v{{"subject", x.subject}, {"sha", x.commit_sha}, {"author", x.commit_author},
                                       {"message", x.commit_message}, {"ref", x.commit_ref}, {"command", x.command},
                                       {"live", x.live_change}, {"level", x.seen_by}};
  std::string changes;
  for (const auto& c : x.changes) changes += (changes.empty() ? "" : "; ") + c;
  v["changes"] = changes;
  if (x.seen_at) v["time"] = wall_clock(w, *x.seen_at);
  std::string out = x.subject;
  std::vector<std::string> parts;
  if (!x.commit_sha.empty()) {
    parts.push_back(fill_template(ctx.tr("cause.because_commit"), v));
    if (!changes.empty()) parts.push_back(fill_template(ctx.tr("cause.changed"), v));
  } else if (!x.live_change.empty()) {
    parts.push_back(fill_template(ctx.tr("cause.because_live"), v));
  } else if (!x.command.empty()) {
    parts.push_back(fill_template(ctx.tr("cause.because_command"), v));
  }
  if (x.seen_at) parts.push_back(fill_template(ctx.tr("cause.seen_by"), v));
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? " " : ", ") + parts[i];
  return out;
}

// Filters: one toggle per category, then the selected app only, text and
// "follow" (on a line of their own when they would not fit after the
// categories: 1280x720, Korean).
void draw_filters(FrameContext& ctx, TimelinePanelState& st) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  for (int c = 0; c < kEventCategoryCount; ++c) {
    const auto cat = static_cast<EventCategory>(c);
    const bool on = st.filter.shows(cat);
    const Color cc = category_color(th, cat);
    ImGui::PushID(c);
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(on ? with_alpha(cc, 0.35f) : th.panel_alt));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(on ? th.text : th.text_dim));
    const std::string key = std::string("cat.") + to_string(cat);
    // Each filter on the line while it fits, else on the next (a narrow panel).
    if (c > 0) same_line_or_wrap(ImGui::CalcTextSize(ctx.tr(key)).x + 2 * ImGui::GetStyle().FramePadding.x, 4 * s);
    if (ImGui::SmallButton(ctx.tr(key))) st.filter.set(cat, !on);
    ImGui::PopStyleColor(2);
    ImGui::PopID();
  }
  ImGui::SameLine(0, 4 * s);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float box = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
  const float follow_w = box + ImGui::CalcTextSize(ctx.tr("timeline.follow")).x;
  const float want = box + ImGui::CalcTextSize(ctx.tr("timeline.only_app")).x + 120 * s + follow_w +
                     2 * style.ItemSpacing.x;
  if (ImGui::GetContentRegionAvail().x < want) ImGui::NewLine();
  ImGui::Checkbox(ctx.tr("timeline.only_app"), &st.only_selected_app);
  same_line_or_wrap(80.0f + follow_w + style.ItemSpacing.x);
  ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x - follow_w - style.ItemSpacing.x));
  ImGui::InputTextWithHint("##text", ctx.tr("timeline.search"), st.text, sizeof st.text);
  same_line_or_wrap(follow_w);
  ImGui::Checkbox(ctx.tr("timeline.follow"), &st.follow);
}

// The filter from the controls (the selected app brings its repository's
// events), and the rows it lets through.
void apply_filter(const FrameContext& ctx, TimelinePanelState& st) {
  st.filter.text = st.text;
  st.filter.app = st.only_selected_app ? ctx.selection.app : std::string();
  st.filter.repo.clear();
  if (st.only_selected_app) {
    if (int i = ctx.prepared.apps.index_of(ctx.selection.app); i >= 0) st.filter.repo = ctx.prepared.apps.rows()[i].repo;
  }
  st.rows.update(ctx.session.world().log().events(), ctx.prepared.event_text, st.filter);
}

// The events that pass, one row each (clipped): time, type in its
// category's colour, and what happened. Selecting one stops following.
void draw_event_list(FrameContext& ctx, TimelinePanelState& st, float height) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const world::World& w = ctx.session.world();
  const auto& events = w.log().events();
  const auto& idx = st.rows.indices();
  ImGui::BeginChild("##events", ImVec2(0, height), true);
  const float row_h = ImGui::GetTextLineHeightWithSpacing();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float time_w = ImGui::CalcTextSize("00:00:00 +00m00s000ms").x + 12 * s;
  const float type_w = ImGui::CalcTextSize("HealthStatusChanged ").x + 8 * s;
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(idx.size()), row_h);
  while (clip.Step()) {
    for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
      const Event& e = events[idx[r]];
      ImGui::PushID(r);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable("##ev", ctx.selection.event == e.id, 0, ImVec2(0, ImGui::GetTextLineHeight()))) {
        ctx.selection.event = e.id;
        st.follow = false;
        if (const std::string app = e.str("app"); !app.empty()) ctx.selection.app = app;
      }
      const std::string t = wall_clock(w, e.t) + " " + format_offset(e.t);
      dl->AddText(p, th.text_dim, t.c_str());
      dl->AddText(ImVec2(p.x + time_w, p.y), category_color(th, category_of(e.type)), e.type.c_str());
      // A log line, shortened to its row (whole in the explanation when
      // selected): not a label cut, so not noted.
      text_clipped(dl, ImVec2(p.x + time_w + type_w, p.y), th.text, ctx.prepared.event_text[idx[r]],
                   ImGui::GetWindowWidth() - time_w - type_w - 30 * s, false);
      ImGui::PopID();
    }
  }
  if (st.follow && idx.size() != st.last_count) ImGui::SetScrollHereY(1.0f);
  st.last_count = idx.size();
  ImGui::EndChild();
}

// Why the selected event happened: a sentence, then its cause chain, each
// step a step further in and selectable.
void draw_cause(FrameContext& ctx, TimelinePanelState& st) {
  const Theme& th = ctx.theme;
  const world::World& w = ctx.session.world();
  if (st.explained != ctx.selection.event) {
    st.explained = ctx.selection.event;
    st.explanation = explain(ctx, st.explained);
    st.chain = cause_chain(w.log(), st.explained);
  }
  ImGui::BeginChild("##cause", ImVec2(0, 0), true);
  ImGui::PushFont(ctx.fonts.title);
  ImGui::TextUnformatted(ctx.tr("timeline.why"));
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(th.text));
  ImGui::TextWrapped("%s", st.explanation.c_str());
  ImGui::PopStyleColor();
  ImGui::Separator();
  for (std::size_t i = 0; i < st.chain.size(); ++i) {
    const Event& e = *st.chain[i];
    const std::string line = std::string(i == 0 ? "" : "\xE2\x86\x90 ") + wall_clock(w, e.t) + "  " + e.type + "  " +
                             (e.id <= ctx.prepared.event_text.size() ? ctx.prepared.event_text[e.id - 1] : "");
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + static_cast<float>(i) * 14 * ctx.scale);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(category_color(th, category_of(e.type))));
    if (ImGui::Selectable(line.c_str(), false)) ctx.selection.event = e.id;
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();
}

}  // namespace

void draw_timeline_panel(FrameContext& ctx, TimelinePanelState& st) {
  draw_filters(ctx, st);
  apply_filter(ctx, st);
  const bool has_sel = ctx.selection.event != 0 && ctx.session.world().log().find(ctx.selection.event);
  const float cause_h = has_sel ? std::min(ImGui::GetContentRegionAvail().y * 0.42f, 200 * ctx.scale) : 0.0f;
  draw_event_list(ctx, st, ImGui::GetContentRegionAvail().y - cause_h);
  if (has_sel) draw_cause(ctx, st);
}

}  // namespace gs::ui
