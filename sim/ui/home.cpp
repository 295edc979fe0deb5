#include "sim/ui/home.hpp"

#include <imgui.h>

#include <algorithm>

namespace gs::ui {
namespace {

ImVec4 c4(Color c) { return ImGui::ColorConvertU32ToFloat4(c); }

// One table (lessons or scenarios); the row whose Open was pressed.
std::optional<std::size_t> library_table(const HomeContext& ctx, const char* id, const std::vector<LibraryRow>& rows,
                                         bool lessons) {
  const float s = ctx.view.scale;
  std::optional<std::size_t> picked;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable(id, lessons ? 5 : 3, flags)) return picked;
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 28 * s);
  ImGui::TableSetupColumn(ctx.i18n.tr("home.col.title"), ImGuiTableColumnFlags_WidthStretch);
  if (lessons) {
    ImGui::TableSetupColumn(ctx.i18n.tr("home.col.minutes"), ImGuiTableColumnFlags_WidthFixed, 70 * s);
    ImGui::TableSetupColumn(ctx.i18n.tr("home.col.progress"), ImGuiTableColumnFlags_WidthFixed, 90 * s);
  }
  ImGui::TableSetupColumn("##open", ImGuiTableColumnFlags_WidthFixed, 110 * s);
  ImGui::PushStyleColor(ImGuiCol_Text, c4(ctx.theme.text_dim));
  ImGui::TableHeadersRow();
  ImGui::PopStyleColor();
  for (const LibraryRow& r : rows) {
    ImGui::PushID(static_cast<int>(r.index));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextUnformatted(r.number.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", r.title.c_str());
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, c4(r.broken ? argo::kRed : ctx.theme.text));
    if (!r.summary.empty()) ImGui::TextWrapped("%s", r.summary.c_str());
    ImGui::PopStyleColor();
    if (!r.concepts.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, c4(ctx.theme.accent));
      ImGui::TextWrapped("%s", r.concepts.c_str());
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered() && !r.concepts_titled.empty()) ImGui::SetTooltip("%s", r.concepts_titled.c_str());
    }
    if (lessons) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.minutes.c_str());
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, c4(r.done ? argo::kGreen : ctx.theme.text_dim));
      ImGui::TextUnformatted(r.progress.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::TableNextColumn();
    if (r.broken) ImGui::BeginDisabled();
    if (ImGui::Button(ctx.i18n.tr(lessons ? "home.start" : "home.open"), ImVec2(-1, 0))) picked = r.index;
    if (r.broken) ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
  return picked;
}

}  // namespace

std::optional<Pick> draw_menu_bar(const HomeContext& ctx, float* height) {
  std::optional<Pick> pick;
  if (!ImGui::BeginMainMenuBar()) return pick;
  if (ImGui::MenuItem(ctx.i18n.tr("menu.library"))) pick = Pick{Pick::What::Home, 0};
  auto list = [&](const char* key, const std::vector<LibraryItem>& items, Pick::What what) {
    if (!ImGui::BeginMenu(ctx.i18n.tr(key))) return;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string label = std::to_string(i + 1) + ".  " + ctx.i18n.pick(items[i].title.en, items[i].title.ko) +
                                "##" + std::to_string(i);
      if (ImGui::MenuItem(label.c_str(), nullptr, false, items[i].error.empty())) pick = Pick{what, i};
    }
    ImGui::EndMenu();
  };
  list("menu.lessons", ctx.library.lessons, Pick::What::Lesson);
  list("menu.scenarios", ctx.library.scenarios, Pick::What::Scenario);
  if (ImGui::BeginMenu(ctx.i18n.tr("menu.language"))) {
    if (ImGui::MenuItem("English", nullptr, ctx.view.lang == Lang::En)) ctx.view.lang = Lang::En;
    if (ImGui::MenuItem("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", nullptr, ctx.view.lang == Lang::Ko)) ctx.view.lang = Lang::Ko;  // 한국어
    ImGui::EndMenu();
  }
  if (height) *height = ImGui::GetWindowSize().y;
  ImGui::EndMainMenuBar();
  return pick;
}

std::optional<Pick> draw_home(const HomeContext& ctx, float top_y) {
  const float s = ctx.view.scale;
  const ImVec2 ds = ImGui::GetIO().DisplaySize;
  std::optional<Pick> pick;
  ImGui::SetNextWindowPos(ImVec2(0, top_y));
  ImGui::SetNextWindowSize(ImVec2(ds.x, ds.y - top_y));
  ImGui::Begin("##home", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  const float margin = std::max(12 * s, (ds.x - 1100 * s) * 0.5f);  // a readable column on wide screens
  ImGui::SetCursorPosX(margin);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ds.x - margin);
  ImGui::PushFont(ctx.fonts.big);
  ImGui::TextUnformatted("gitops-sim");
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, c4(ctx.theme.text_dim));
  ImGui::TextWrapped("%s", ctx.i18n.tr("home.subtitle"));
  ImGui::PopStyleColor();
  if (!ctx.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, c4(argo::kRed));
    ImGui::TextWrapped("%s", ctx.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  if (!ctx.open_title.empty()) {
    const std::string back = std::string(ctx.i18n.tr("home.back")) + " " + ctx.open_title;
    if (ImGui::Button(back.c_str())) pick = Pick{Pick::What::Resume, 0};
  }
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(0, 6 * s));
  ImGui::SetCursorPosX(margin);
  ImGui::BeginChild("##tables", ImVec2(ds.x - 2 * margin, 0), false);
  ImGui::PushFont(ctx.fonts.title);
  ImGui::TextUnformatted(ctx.i18n.tr("home.lessons"));
  ImGui::PopFont();
  if (auto i = library_table(ctx, "##lessons", library_rows(ctx.library.lessons, ctx.i18n, ctx.progress, ctx.library.concept_titles), true)) {
    pick = Pick{Pick::What::Lesson, *i};
  }
  ImGui::Dummy(ImVec2(0, 10 * s));
  ImGui::PushFont(ctx.fonts.title);
  ImGui::TextUnformatted(ctx.i18n.tr("home.scenarios"));
  ImGui::PopFont();
  if (auto i = library_table(ctx, "##scenarios", library_rows(ctx.library.scenarios, ctx.i18n), false)) {
    pick = Pick{Pick::What::Scenario, *i};
  }
  ImGui::EndChild();
  ImGui::End();
  return pick;
}

}  // namespace gs::ui
