// Editor: files from the GUI, as with git. Pick a branch and a file (or type
// a new path), edit its YAML with line numbers, "Stage" sends `git write`
// with the text beside it, the staged changes are listed as `git status`
// lists them, and "Commit" sends `git commit` with a message and an author.
// Like every panel it changes the world only through commands the frame
// runs after drawing (sim/ui/view/editor_view.hpp has the logic).
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/view/editor_view.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

// ImGui grows the text buffer through this (imgui_stdlib's pattern).
int grow_text(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* text = static_cast<std::string*>(data->UserData);
    text->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = text->data();
  }
  return 0;
}

template <class Items>
void combo(const char* label, const Items& items, std::string& value, float width) {
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(label, value.c_str())) {
    for (const auto& item : items) {
      if (ImGui::Selectable(item.c_str(), item == value)) value = item;
    }
    ImGui::EndCombo();
  }
}

// Branch and file choice; loads the text when either changes.
void choose(FrameContext& ctx, EditorPanelState& st) {
  const world::World& w = ctx.session.world();
  const auto refs = editor_refs(w);
  if (refs.empty()) return;
  if (std::find(refs.begin(), refs.end(), st.ref) == refs.end()) st.ref = refs.front();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float label = ImGui::CalcTextSize(ctx.tr("editor.branch")).x + ImGui::CalcTextSize(ctx.tr("editor.file")).x;
  const float combos = std::max(120.0f, avail - label - 4 * ImGui::GetStyle().ItemSpacing.x);
  combo(ctx.tr("editor.branch"), refs, st.ref, combos * 0.4f);
  ImGui::SameLine();
  const EditorRef ref = split_ref(st.ref);
  const auto files = editor_files(w, ref);
  if (st.path.empty() && !files.empty()) st.path = first_file(files);
  combo(ctx.tr("editor.file"), files, st.path, combos * 0.6f);
  const std::string key = st.ref + " " + st.path;
  if (st.loaded != key) {
    st.text = st.path.empty() ? std::string() : editor_text(w, ref, st.path);
    st.loaded = key;
  }
}

// Another file by path (a new one), and the text back as staged or at the head.
void open_or_reload(FrameContext& ctx, EditorPanelState& st) {
  ImGui::SetNextItemWidth(std::max(80 * ctx.scale, ImGui::GetContentRegionAvail().x * 0.35f));
  const bool enter = ImGui::InputTextWithHint("##new", ctx.tr("editor.new_file"), st.new_path, sizeof st.new_path,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button(ctx.tr("editor.open")) || enter) && st.new_path[0]) {
    st.path = st.new_path;
    st.new_path[0] = '\0';
  }
  ImGui::SameLine();
  if (ImGui::Button(ctx.tr("editor.reload"))) st.loaded.clear();  // choose() loads it again next frame
}

// The text with a gutter of line numbers; one scroll for both.
void draw_text(FrameContext& ctx, EditorPanelState& st, float height) {
  const float s = ctx.scale;
  ImGui::BeginChild("##editor", ImVec2(0, height), true);
  ImGui::PushFont(ctx.fonts.mono);
  const std::string numbers = line_numbers(st.text);
  const float lines = static_cast<float>(std::count(numbers.begin(), numbers.end(), '\n') + 2);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float y = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(y + style.FramePadding.y);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.theme.text_dim));
  ImGui::TextUnformatted(numbers.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 6 * s);
  ImGui::SetCursorPosY(y);
  const float h = std::max(ImGui::GetContentRegionAvail().y, lines * ImGui::GetTextLineHeight() + 2 * style.FramePadding.y);
  ImGui::InputTextMultiline("##text", st.text.data(), st.text.capacity() + 1, ImVec2(-1, h),
                            ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackResize, grow_text, &st.text);
  ImGui::PopFont();
  ImGui::EndChild();
}

void draw_staged(FrameContext& ctx, const EditorRef& ref) {
  const auto rows = staged_rows(ctx.session.world(), ref);
  ImGui::TextUnformatted(ctx.tr("editor.staged"));
  ImGui::PushFont(ctx.fonts.mono);
  if (rows.empty()) ImGui::TextDisabled("  %s", ctx.tr("editor.nothing_staged"));
  for (const auto& r : rows) {
    const Color c = r.what == "new file" ? argo::kGreen : r.what == "deleted" ? argo::kRed : argo::kYellow;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c), "  %-9s %s", (r.what + ":").c_str(), r.path.c_str());
  }
  ImGui::PopFont();
}

}  // namespace

void draw_editor_panel(FrameContext& ctx, EditorPanelState& st) {
  const float s = ctx.scale;
  choose(ctx, st);
  const EditorRef ref = split_ref(st.ref);
  const std::size_t staged = staged_rows(ctx.session.world(), ref).size();
  const float row = ImGui::GetFrameHeightWithSpacing();
  // Below the text: the buttons, "Staged changes", its rows, the commit row.
  const float below = row * (3.5f + static_cast<float>(std::max<std::size_t>(staged, 1)));
  if (st.path.empty()) {
    ImGui::TextDisabled("%s", ctx.tr("editor.no_file"));
  } else {
    draw_text(ctx, st, std::max(80 * s, ImGui::GetContentRegionAvail().y - below));
    const std::string write = write_command(ref, st.path), rm = rm_command(ref, st.path);
    if (ImGui::Button(ctx.tr("editor.stage"))) ctx.send_with_files(write, {{st.path, st.text}});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", write.c_str());
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("editor.stage_delete"))) ctx.send(rm);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", rm.c_str());
    ImGui::SameLine();
  }
  open_or_reload(ctx, st);
  draw_staged(ctx, ref);
  const float commit_w = ImGui::CalcTextSize(ctx.tr("editor.commit")).x + 2 * ImGui::GetStyle().FramePadding.x;
  const float fields = std::max(100 * s, ImGui::GetContentRegionAvail().x - commit_w - 2 * ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(fields * 0.55f);
  ImGui::InputTextWithHint("##message", ctx.tr("editor.message"), st.message, sizeof st.message);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fields * 0.45f);
  ImGui::InputTextWithHint("##author", ctx.tr("editor.author"), st.author, sizeof st.author);
  ImGui::SameLine();
  const bool can_commit = st.message[0] != '\0' && staged > 0;
  if (!can_commit) ImGui::BeginDisabled();
  if (ImGui::Button(ctx.tr("editor.commit"))) {
    ctx.send(commit_command(ref, st.message, st.author));
    st.message[0] = '\0';
  }
  if (!can_commit) ImGui::EndDisabled();
}

}  // namespace gs::ui
