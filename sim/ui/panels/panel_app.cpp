// App detail: the selected app's status header, the buttons Argo CD's UI has
// (Sync, Refresh, Hard refresh, Rollback, History, Diff) — each sends a
// command — the resource tree Application → Deployment → ReplicaSet → Pods
// with status colours and icon shapes, and the desired-vs-live YAML diff of
// the selected resource (World::app_diff, as `argocd app diff` shows it). It
// reads the world's read model and sends commands; it changes nothing itself.
#include <imgui.h>

#include <cmath>

#include <algorithm>

#include "sim/model/diff.hpp"
#include "sim/ui/panels/panels.hpp"
#include "sim/ui/widgets.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

void prepare(FrameContext& ctx, AppPanelState& st) {
  const world::World& w = ctx.session.world();
  const std::uint64_t v = ctx.session.version();
  if (st.app != ctx.selection.app || st.tree_version != v) {
    st.tree = build_resource_tree(w, ctx.prepared.model, ctx.selection.app);
    st.tree_version = v;
    st.app = ctx.selection.app;
  }
  // Not in Git (a pod, a ReplicaSet): what happened to it, not a diff.
  st.show_events = false;
  st.events.clear();
  if (!ctx.selection.resource.kind.empty()) {
    auto& sel = ctx.selection.resource;
    for (const TreeNode& n : st.tree) {
      // A selection named without its namespace (--resource Pod/NAME) takes the tree's.
      if (n.key.kind != sel.kind || n.key.name != sel.name || (!sel.ns.empty() && n.key.ns != sel.ns)) continue;
      sel = n.key;
      if (!n.managed) {
        st.show_events = true;
        st.events = resource_events(w, ctx.prepared.model, ctx.selection.app, n.key);
      }
      break;
    }
  }
  // The diff renders manifests: only when the log, the app or the selection changed.
  const std::uint64_t dv = w.log().size();
  if (st.diff_version != dv || st.diff_app != ctx.selection.app || !(st.diff_key == ctx.selection.resource)) {
    st.diff_version = dv;
    st.diff_app = ctx.selection.app;
    st.diff_key = ctx.selection.resource;
    st.diff_text.clear();
    st.diff_paths.clear();
    auto diffs = w.app_diff(ctx.selection.app);
    if (!diffs) {
      st.diff_text = diffs.error().message;
      return;
    }
    for (const auto& [key, d] : *diffs) {
      if (!ctx.selection.resource.kind.empty() && !(key == ctx.selection.resource)) continue;
      st.diff_text += "===== " + key.str() + " =====\n";
      st.diff_text += model::unified_yaml_diff(d.normalized_live, d.predicted_live, "live", "desired");
      for (const auto& p : d.changed_paths) st.diff_paths.push_back(key.kind + "/" + key.name + ": " + p);
    }
  }
}

void draw_events(FrameContext& ctx, const AppPanelState& st) {
  ImGui::PushFont(ctx.fonts.title);
  ImGui::TextUnformatted(ctx.tr("app.events_title"));
  ImGui::PopFont();
  ImGui::SameLine();
  const std::string what = ctx.selection.resource.kind + "/" + ctx.selection.resource.name;
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(what.c_str()).x) ImGui::NewLine();
  ImGui::TextDisabled("%s", what.c_str());
  ImGui::BeginChild("##kube_events", ImVec2(0, 0), true);
  if (st.events.empty()) ImGui::TextDisabled("%s", ctx.tr("app.no_events"));
  for (const auto& e : st.events) {
    // kubectl describe's columns, one event to a wrapped paragraph.
    const Color c = e.warning ? argo::kRed : ctx.theme.text_dim;
    std::string head = e.reason + "  " + e.when;
    if (e.count > 1) head += "  (x" + std::to_string(e.count) + ")";
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c));
    ImGui::TextUnformatted(head.c_str());
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", e.message.c_str());
    ImGui::Spacing();
  }
  ImGui::EndChild();
}

void draw_diff(FrameContext& ctx, const AppPanelState& st) {
  const Theme& th = ctx.theme;
  ImGui::PushFont(ctx.fonts.title);
  ImGui::PushTextWrapPos(0.0f);  // a narrow pane wraps the title rather than cutting it
  ImGui::TextUnformatted(ctx.tr("app.diff_title"));
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  const std::string what = ctx.selection.resource.kind.empty()
                               ? std::string(ctx.tr("app.diff_all"))
                               : ctx.selection.resource.kind + "/" + ctx.selection.resource.name;
  // Beside the title when it fits, else under it (a narrow diff pane).
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(what.c_str()).x) ImGui::NewLine();
  ImGui::TextDisabled("%s", what.c_str());
  ImGui::BeginChild("##diff", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
  if (st.diff_text.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(argo::kGreen));
    ImGui::TextWrapped("%s", ctx.tr("app.no_diff"));
    ImGui::PopStyleColor();
  } else {
    ImGui::PushFont(ctx.fonts.mono);
    std::size_t pos = 0;
    const std::string& t = st.diff_text;
    while (pos < t.size()) {
      auto nl = t.find('\n', pos);
      if (nl == std::string::npos) nl = t.size();
      const char* b = t.data() + pos;
      const char* e = t.data() + nl;
      Color c = th.text_dim;
      if (e > b) {
        if (*b == '+' && !(e - b >= 3 && b[1] == '+' && b[2] == '+')) c = th.diff_add;
        else if (*b == '-' && !(e - b >= 3 && b[1] == '-' && b[2] == '-')) c = th.diff_del;
        else if (*b == '@') c = th.diff_hunk;
        else if (*b == '=') c = th.text;
      }
      if (c == th.diff_add || c == th.diff_del) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(
            p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y + ImGui::GetTextLineHeight()), with_alpha(c, 0.16f));
      }
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c));
      ImGui::TextUnformatted(b, e);
      ImGui::PopStyleColor();
      pos = nl + 1;
    }
    ImGui::PopFont();
  }
  ImGui::EndChild();
}

// Name, status chips, source and policy, a sync window that holds syncs
// back, health message and conditions.
void draw_header(FrameContext& ctx, const AppRow& row, const gitops::AppView& v, float spin) {
  const float s = ctx.scale;
  ImGui::PushFont(ctx.fonts.title);
  ImGui::TextUnformatted(v.name.c_str());
  ImGui::PopFont();
  same_line_or_wrap(chip_width(v.sync.c_str()), 12 * s);
  sync_chip(row.sync, v.sync.c_str());
  same_line_or_wrap(chip_width(v.health.c_str()), 6 * s);
  health_chip(row.health, v.health.c_str(), spin);
  if (v.operation && row.last_operation) {
    const auto ph = *row.last_operation;
    const Color oc = ph == gitops::OperationPhase::Succeeded ? argo::kGreen
                     : ph == gitops::OperationPhase::Running ? argo::kBlue
                     : ph == gitops::OperationPhase::Terminating ? argo::kDarkRed
                                                                 : argo::kRed;
    const std::string label = std::string(ctx.tr("app.last_sync")) + ": " + v.operation->phase;
    same_line_or_wrap(ImGui::CalcTextSize(label.c_str()).x, 10 * s);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(oc));
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopStyleColor();
  }
  // Wrapped in a narrow panel (a URL breaks where it must).
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s  %s  %s", v.repo_url.c_str(), v.path.c_str(), v.target_revision.c_str());
  ImGui::PopStyleColor();
  const std::string policy = std::string("| ") + (!v.automated    ? ctx.tr("app.manual")
                                                  : v.self_heal ? ctx.tr("app.auto_heal")
                                                                : ctx.tr("app.auto"));
  // Beside the source when it fits, else on a line of its own (1280x720).
  ImGui::SameLine();
  const bool own_line = ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(policy.c_str()).x;
  if (own_line) ImGui::NewLine();
  ImGui::TextDisabled("%s", policy.c_str() + (own_line ? 2 : 0));  // no "| " at the start of a line
  // A sync window that holds syncs back, in Argo CD's colours (red deny, orange manual only).
  if (row.sync_window != gitops::SyncWindowState::Allowed) {
    ImGui::SameLine();
    const std::string label = std::string(ctx.tr("app.sync_window")) + ": " + v.sync_window;
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(label.c_str()).x) ImGui::NewLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(
                                             row.sync_window == gitops::SyncWindowState::Denied ? argo::kRed : argo::kOrange));
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopStyleColor();
  }
  if (!v.health_message.empty() && row.health != cluster::HealthCode::Healthy) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(health_color(row.health)));
    ImGui::TextWrapped("%s", v.health_message.c_str());
    ImGui::PopStyleColor();
  }
  for (const auto& c : v.conditions) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(argo::kRed));
    ImGui::TextWrapped("%s: %s", c.type.c_str(), c.message.c_str());
    ImGui::PopStyleColor();
  }
}

// Buttons: each is a command, so a recording replays it.
void draw_buttons(FrameContext& ctx, const gitops::AppView& v) {
  const std::string& name = v.name;
  bool first = true;
  // Each on the line while it fits, else on the next.
  auto button = [&](const char* label) {
    if (!first) same_line_or_wrap(button_width(label));
    first = false;
    return ImGui::Button(label);
  };
  if (button(ctx.tr("app.sync"))) ctx.send("argocd app sync " + name);
  if (button(ctx.tr("app.refresh"))) ctx.send("argocd app refresh " + name);
  if (button(ctx.tr("app.hard_refresh"))) ctx.send("argocd app refresh " + name + " --hard");
  const bool can_rollback = v.history.size() >= 2;
  if (!can_rollback) ImGui::BeginDisabled();
  if (button(ctx.tr("app.rollback")) && can_rollback) {
    ctx.send("argocd app rollback " + name + " " + std::to_string(v.history[v.history.size() - 2].id));
  }
  if (!can_rollback) ImGui::EndDisabled();
  if (button(ctx.tr("app.history"))) ctx.send("argocd app history " + name);
  if (button(ctx.tr("app.diff"))) ctx.send("argocd app diff " + name);
}

// One row of the tree: its connector to the parent, kind badge, health and
// sync icons, name, and the note in its right-aligned column.
void draw_tree_row(FrameContext& ctx, AppPanelState& st, std::size_t i, float note_col, std::vector<ImVec2>& anchor,
                   float spin) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float indent = 18 * s;
  const TreeNode& n = st.tree[i];
  ImGui::PushID(static_cast<int>(i));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float row_w = ImGui::GetContentRegionAvail().x;
  // The name's room: after the kind badge and icons, before the note's
  // column. A name that does not fit beside its note gets the whole row and
  // the note a line of its own under it (a narrow panel), rather than a cut.
  const float name_x = p.x + indent * static_cast<float>(n.depth) + 4 * s + pill_size(kind_short(n.key.kind), 6 * s, 1 * s).x +
                       6 * s + (n.health ? 19 * s : 0) + (n.sync ? 19 * s : 0);
  const float name_w = ImGui::CalcTextSize(n.key.name.c_str()).x;
  const bool note_under = !n.note.empty() && name_x + name_w > p.x + row_w - 16 * s - note_col;
  const float row_h = (note_under ? 2 * line : line) + 8 * s;
  const bool selected = i > 0 && n.key == ctx.selection.resource;
  const bool child_app = i > 0 && n.key.group == "argoproj.io" && n.key.kind == "Application" &&
                         ctx.prepared.model.app(n.key.name) != nullptr;
  if (ImGui::Selectable("##node", selected, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(row_w, row_h - 2 * s))) {
    if (child_app && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      ctx.selection.app = n.key.name;  // App of Apps: open the child
      ctx.selection.resource = cluster::ObjectKey{};
    } else {
      ctx.selection.resource = (i == 0 || selected) ? cluster::ObjectKey{} : n.key;
    }
  }
  if (child_app && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("app.open_child"));
  const float x = p.x + indent * static_cast<float>(n.depth) + 4 * s;
  // The badge, icons and name on the first line (the note under them when it must).
  const float cy = note_under ? p.y + 3 * s + line * 0.5f : p.y + (row_h - 2 * s) * 0.5f;
  anchor[i] = ImVec2(x + 6 * s, cy);
  if (n.parent >= 0) {
    const ImVec2 pa = anchor[static_cast<std::size_t>(n.parent)];
    dl->AddLine(ImVec2(pa.x, pa.y + 8 * s), ImVec2(pa.x, cy), th.border, 1.5f * s);
    dl->AddLine(ImVec2(pa.x, cy), ImVec2(x - 2 * s, cy), th.border, 1.5f * s);
  }
  // Kind badge.
  const std::string kind = kind_short(n.key.kind);
  const ImVec2 ksz = draw_pill(dl, ImVec2(x, cy - ImGui::GetTextLineHeight() * 0.5f - 1 * s), kind,
                               n.live ? th.header : with_alpha(th.header, 0.5f), th.text_dim, 6 * s, 1 * s);
  float tx = x + ksz.x + 6 * s;
  const float ir = 7 * s;
  if (n.health) {
    draw_health_icon(dl, ImVec2(tx + ir, cy), ir, n.health->status, spin);
    tx += ir * 2 + 5 * s;
  }
  if (n.sync) {
    draw_sync_icon(dl, ImVec2(tx + ir, cy), ir, *n.sync, n.requires_pruning);
    tx += ir * 2 + 5 * s;
  }
  const float ty = cy - line * 0.5f;
  const float note_x = note_under ? tx : p.x + row_w - 6 * s - note_col;
  const float name_max = (n.note.empty() || note_under ? p.x + row_w - 4 * s : note_x - 10 * s) - tx;
  text_clipped(dl, ImVec2(tx, ty), n.live ? th.text : th.text_dim, n.key.name, std::max(10.0f, name_max));
  if (!n.note.empty()) {
    Color nc = th.text_dim;
    if (n.health && n.health->status == cluster::HealthCode::Degraded) nc = argo::kRed;
    else if (n.health && n.health->status == cluster::HealthCode::Progressing) nc = argo::kBlue;
    // Left-aligned within the column, so reasons line up under each other.
    const float note_y = note_under ? ty + line : ty;
    text_clipped(dl, ImVec2(std::max(note_x, tx), note_y), nc, n.note,
                 std::max(10.0f, p.x + row_w - 4 * s - std::max(note_x, tx)));
  }
  if (ImGui::IsItemHovered() && n.health && !n.health->message.empty()) ImGui::SetTooltip("%s", n.health->message.c_str());
  ImGui::PopID();
}

// Below this width per scale step the tree and the diff stack.
constexpr float kAppSideBySide = 600;

void draw_tree(FrameContext& ctx, AppPanelState& st, float width, float height, float spin) {
  ImGui::BeginChild("##tree", ImVec2(width, height), true);
  // Notes (a pod's "ImagePullBackOff 0/1", an image) get their own
  // right-aligned column, as wide as the widest note up to half the row: a
  // long pod name clips before the reason does.
  float note_col = 0;
  for (const TreeNode& n : st.tree) {
    if (!n.note.empty()) note_col = std::max(note_col, ImGui::CalcTextSize(n.note.c_str()).x);
  }
  note_col = std::min(note_col, ImGui::GetContentRegionAvail().x * 0.5f);
  std::vector<ImVec2> anchor(st.tree.size());
  for (std::size_t i = 0; i < st.tree.size(); ++i) draw_tree_row(ctx, st, i, note_col, anchor, spin);
  ImGui::EndChild();
}

}  // namespace

void draw_app_panel(FrameContext& ctx, AppPanelState& st) {
  const world::AppEntry* entry = ctx.prepared.model.app(ctx.selection.app);
  const int row = ctx.prepared.apps.index_of(ctx.selection.app);
  if (!entry || row < 0) {
    ImGui::TextDisabled("%s", ctx.tr("app.select"));
    return;
  }
  prepare(ctx, st);
  const float spin = static_cast<float>(ctx.now().ms % 1000) / 1000.0f;
  draw_header(ctx, ctx.prepared.apps.rows()[static_cast<std::size_t>(row)], entry->view, spin);
  draw_buttons(ctx, entry->view);

  // Tree (left) and diff (right).
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // With no difference to show, the diff pane needs one line: the tree takes more.
  const float tree_share = st.show_events ? 0.55f : (st.diff_text.empty() ? 0.7f : 0.6f);
  // A narrow panel (a projector at A+): the tree the whole width, the diff under it.
  const bool stacked = avail.x < kAppSideBySide * ctx.scale;
  if (stacked) {
    draw_tree(ctx, st, avail.x, std::floor(avail.y * 0.6f), spin);
  } else {
    draw_tree(ctx, st, avail.x * tree_share, avail.y, spin);
    ImGui::SameLine();
  }
  ImGui::BeginChild("##diffside", ImVec2(0, stacked ? 0 : avail.y), false);
  if (st.show_events) {
    draw_events(ctx, st);
  } else {
    draw_diff(ctx, st);
  }
  ImGui::EndChild();
}

}  // namespace gs::ui
