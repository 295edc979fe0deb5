// The instructor station's strip and overlays: it paints the StationView
// (view/station_view.hpp) and the debrief's list, polls the station's keys
// (Space play/pause, N next step, S solution, F fault palette, B bookmark,
// Z freeze, PageUp/PageDown segments, [ and ] markers) and fills
// StationActions; StationMode does them after the frame.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "sim/ui/station_mode.hpp"
#include "sim/ui/widgets.hpp"

namespace gs::ui {
namespace {

const char* tr(bool ko, const char* en, const char* k) { return ko ? k : en; }

ImVec2 display() { return ImGui::GetIO().DisplaySize; }

void keys(const StationView& v, StationPanelState& st, StationActions& out) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl || io.WantTextInput) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE)) out.play_pause = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_N)) out.next_step = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_S)) out.show_solution = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_F)) st.palette_open = !st.palette_open;
  if (ImGui::IsKeyPressed(GLFW_KEY_B)) st.bookmark_open = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_Z)) out.freeze = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN)) out.next_segment = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP)) out.prev_segment = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT_BRACKET)) out.jump = 1;
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT_BRACKET)) out.jump = -1;
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) st.palette_open = st.bookmark_open = false;
  (void)v;
}

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;

void strip(const StationView& v, const std::string& last_line, StationPanelState& st, const Fonts& fonts,
           const Theme& th, bool ko, float top_y, float h, StationActions& out) {
  ImGui::SetNextWindowPos(ImVec2(0, top_y));
  ImGui::SetNextWindowSize(ImVec2(display().x, h));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, th.panel_alt);
  ImGui::Begin("##station", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleColor();
  // Row 1: the class clock, the countdown, the segment and step.
  ImGui::PushFont(fonts.big);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(th.text), "%s", v.clock.c_str());
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(v.over ? argo::kRed : th.accent), "%s", v.countdown.c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::PushFont(fonts.title);
  text_clipped(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), th.text, v.segment,
               ImGui::GetContentRegionAvail().x);
  ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
  ImGui::PopFont();
  const std::string step = v.step.empty() ? v.notes : (ko ? "단계: " : "Step: ") + v.step;
  text_clipped(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), th.text_dim, step,
               ImGui::GetContentRegionAvail().x);
  ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
  ImGui::EndGroup();
  // Row 2: one chip per segment with its countdown; a click goes there.
  // On a short screen (a projector at 720 lines with A+) the keys' row
  // folds behind a toggle at the chips' end: the keys work either way, and
  // the workspace keeps the height.
  const bool tall = display().y >= 40 * ImGui::GetFontSize();
  const bool show_keys = tall || st.keys_open;
  for (std::size_t i = 0; i < v.rows.size(); ++i) {
    const StationRow& r = v.rows[i];
    char label[64];
    std::snprintf(label, sizeof label, "%zu  %s##seg%zu", i + 1, r.countdown.c_str(), i);
    const Color bg = r.current ? th.accent : r.over ? with_alpha(argo::kRed, 0.55f) : th.panel;
    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_Text, r.current ? text_on(th.accent) : th.text);
    if (i > 0) same_line_or_wrap(button_width(label));
    if (ImGui::Button(label)) out.go_segment = i;
    ImGui::PopStyleColor(2);
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s\n%s%s", r.label.c_str(), r.kind.c_str(), r.opens.empty() ? "" : ("  " + r.opens).c_str());
    }
  }
  if (!tall) {
    const char* keys_label = tr(ko, "Keys...", "키...");
    same_line_or_wrap(button_width(keys_label));
    if (toggle_button(keys_label, st.keys_open, th)) st.keys_open = !st.keys_open;
  }
  // Row 3: the keys as buttons, and what the last one did.
  auto key_button = [&](const char* text, bool on = false) {
    same_line_or_wrap(button_width(text));
    return toggle_button(text, on, th);
  };
  auto keys_row = [&] {
    if (toggle_button(tr(ko, "Space play/pause", "Space 재생/멈춤"), false, th)) out.play_pause = true;
    if (key_button(tr(ko, "N step", "N 다음 단계"))) out.next_step = true;
    if (key_button(tr(ko, "S solution", "S 풀이"))) out.show_solution = true;
    if (key_button(tr(ko, "F faults", "F 장애"), st.palette_open)) st.palette_open = !st.palette_open;
    if (key_button(tr(ko, "B bookmark", "B 책갈피"), st.bookmark_open)) st.bookmark_open = true;
    if (key_button(tr(ko, "Z freeze", "Z 멈춤"), v.frozen)) out.freeze = true;
    if (key_button(tr(ko, "PgUp prev", "PgUp 이전"))) out.prev_segment = true;
    if (key_button(tr(ko, "PgDn next", "PgDn 다음"))) out.next_segment = true;
    if (key_button(tr(ko, "Debrief", "디브리프"), st.debrief_open)) st.debrief_open = !st.debrief_open;
  };
  if (show_keys) keys_row();
  if (!last_line.empty()) {
    ImGui::SameLine();
    text_clipped(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), th.text_dim, last_line,
                 ImGui::GetContentRegionAvail().x);
    ImGui::NewLine();
  }
  // The workspace below is laid out to what the strip took (next frame).
  st.measured_h = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
  ImGui::End();
}

// Prompts and check questions, large, over the workspace.
void board(const StationView& v, const Fonts& fonts, const Theme& th, bool ko, float top_y, StationActions& out) {
  if (!v.board || (v.prompts.empty() && v.questions.empty())) return;
  const ImVec2 d = display();
  const float margin = d.x * 0.06f;
  ImGui::SetNextWindowPos(ImVec2(margin, top_y + margin * 0.4f));
  ImGui::SetNextWindowSize(ImVec2(d.x - 2 * margin, d.y - top_y - margin * 0.8f));
  ImGui::Begin("##station-board", nullptr, kFixed);
  ImGui::PushFont(fonts.title);
  ImGui::TextWrapped("%s", v.segment.c_str());
  ImGui::PopFont();
  if (!v.swap.empty()) {
    ImGui::PushFont(fonts.big);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(th.accent));
    ImGui::TextWrapped("%s", v.swap.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  ImGui::Separator();
  ImGui::PushFont(fonts.title);
  for (const auto& p : v.prompts) ImGui::TextWrapped("• %s", p.c_str());
  ImGui::PopFont();
  // Each choice: its text, then both rounds' counts (a button: click +1,
  // right-click -1) and bars, at the right.
  const float btn_w = ImGui::GetFontSize() * 2.4f;
  const float bar_w = ImGui::GetFontSize() * 4.0f;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float votes_w = 2 * (btn_w + bar_w + 2 * gap);
  for (std::size_t q = 0; q < v.questions.size(); ++q) {
    const StationQuestion& sq = v.questions[q];
    ImGui::Spacing();
    ImGui::PushFont(fonts.title);
    ImGui::TextWrapped("%s", sq.prompt.c_str());
    ImGui::PopFont();
    int total1 = 0, total2 = 0;
    for (int n : sq.first) total1 += n;
    for (int n : sq.second) total2 += n;
    for (std::size_t c = 0; c < sq.choices.size(); ++c) {
      ImGui::PushID(static_cast<int>(q * 100 + c));
      const float avail = ImGui::GetContentRegionAvail().x;
      // The right answer shows once the second round has votes (Peer Instruction).
      const bool right = total2 > 0 && sq.answer && *sq.answer == static_cast<int>(c);
      const ImVec2 row = ImGui::GetCursorScreenPos();
      text_clipped(ImGui::GetWindowDrawList(), ImVec2(row.x, row.y + ImGui::GetStyle().FramePadding.y),
                   right ? argo::kGreen : th.text, sq.choices[c], avail - votes_w - gap);
      ImGui::SetCursorScreenPos(ImVec2(row.x + avail - votes_w, row.y));
      for (int round = 1; round <= 2; ++round) {
        const int n = (round == 1 ? sq.first : sq.second)[c];
        const int total = round == 1 ? total1 : total2;
        char lbl[32];
        std::snprintf(lbl, sizeof lbl, "%d##r%d", n, round);
        ImGui::PushStyleColor(ImGuiCol_Button, round == 1 ? th.panel : with_alpha(th.accent, 0.6f));
        if (ImGui::Button(lbl, ImVec2(btn_w, 0))) out.vote = StationActions::Vote{q, round, c, 1};
        if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) out.vote = StationActions::Vote{q, round, c, -1};
        ImGui::PopStyleColor();
        ImGui::SameLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetFrameHeight();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRect(ImVec2(p.x, p.y + h * 0.25f), ImVec2(p.x + bar_w, p.y + h * 0.75f), th.border);
        if (total > 0) {
          dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.25f),
                            ImVec2(p.x + bar_w * static_cast<float>(n) / static_cast<float>(total), p.y + h * 0.75f),
                            round == 1 ? th.text_dim : th.accent);
        }
        ImGui::Dummy(ImVec2(bar_w, h));
        if (round == 1) ImGui::SameLine();
      }
      ImGui::PopID();
    }
  }
  if (!v.questions.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr(ko, "1: alone   2: after discussing   (click +1, right-click -1)",
                                 "1: 혼자   2: 토론 뒤   (클릭 +1, 오른쪽 클릭 -1)"));
  }
  ImGui::End();
}

void frozen_banner(const Fonts& fonts, const Theme& th, bool ko, float top_y) {
  const ImVec2 d = display();
  const char* text = tr(ko, "Frozen by the instructor", "강사가 멈춤");
  ImGui::PushFont(fonts.big);
  const ImVec2 size = ImGui::CalcTextSize(text);
  ImGui::PopFont();
  const float pad = size.y * 0.6f;
  // At the bottom: the board and the step above it stay readable.
  (void)top_y;
  const ImVec2 a((d.x - size.x) * 0.5f - pad, d.y - size.y - 3 * pad);
  const ImVec2 b(a.x + size.x + 2 * pad, a.y + size.y + 2 * pad);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRectFilled(a, b, with_alpha(argo::kDarkRed, 0.92f), pad * 0.4f);
  dl->AddText(fonts.big, fonts.big->FontSize, ImVec2(a.x + pad, a.y + pad), th.high_contrast ? rgb(0xFFFFFF) : rgb(0xFFFFFF), text);
}

// The class-wide hand-over: across the middle, for a few seconds.
void swap_banner(const StationView& v, const Fonts& fonts) {
  if (v.swap_banner.empty()) return;
  const ImVec2 d = display();
  ImGui::PushFont(fonts.big);
  const ImVec2 size = ImGui::CalcTextSize(v.swap_banner.c_str());
  ImGui::PopFont();
  const float pad = size.y * 0.8f;
  const ImVec2 a(0, d.y * 0.5f - size.y * 0.5f - pad);
  const ImVec2 b(d.x, a.y + size.y + 2 * pad);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRectFilled(a, b, with_alpha(argo::kOrange, 0.95f));
  dl->AddText(fonts.big, fonts.big->FontSize, ImVec2(std::max(0.0f, (d.x - size.x) * 0.5f), a.y + pad),
              text_on(argo::kOrange), v.swap_banner.c_str());
}

void palette(const std::vector<std::string>& apps, const StationView& v, StationPanelState& st, const Fonts& fonts,
             const Theme& th, bool ko, float top_y, StationActions& out) {
  if (!st.palette_open) return;
  const ImVec2 d = display();
  const float margin = d.x * 0.04f;
  ImGui::SetNextWindowPos(ImVec2(margin, top_y + margin * 0.3f));
  ImGui::SetNextWindowSize(ImVec2(d.x - 2 * margin, d.y - top_y - margin * 0.6f));
  ImGui::Begin(tr(ko, "Fault palette###palette", "장애 팔레트###palette"), &st.palette_open,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  // The target app and the delay.
  if (apps.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(argo::kRed), "%s",
                       tr(ko, "No app with a Deployment is open.", "Deployment 가 있는 앱이 열려 있지 않습니다."));
  } else {
    st.app = std::clamp(st.app, 0, static_cast<int>(apps.size()) - 1);
    ImGui::TextUnformatted(tr(ko, "App", "앱"));
    for (std::size_t i = 0; i < apps.size(); ++i) {
      ImGui::SameLine();
      if (toggle_button((apps[i] + "##app").c_str(), st.app == static_cast<int>(i), th)) st.app = static_cast<int>(i);
    }
  }
  const auto delays = delay_labels(ko);
  ImGui::TextUnformatted(tr(ko, "When", "언제"));
  for (std::size_t i = 0; i < delays.size(); ++i) {
    ImGui::SameLine();
    if (toggle_button((delays[i] + "##delay").c_str(), st.delay == static_cast<int>(i), th)) st.delay = static_cast<int>(i);
  }
  // What is waiting and what went in, above the buttons: always in view.
  for (const auto& p : v.pending) ImGui::Text("%s %s", tr(ko, "waiting:", "대기:"), p.c_str());
  for (const auto& f : v.injected) ImGui::Text("%s %s", tr(ko, "injected:", "넣음:"), f.c_str());
  ImGui::Separator();
  // One big button per fault: its label, and its explanation under it.
  const auto buttons = fault_buttons(ko);
  const int cols = d.x / ImGui::GetFontSize() > 70 ? 3 : 2;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float h = ImGui::GetFontSize() * 4.6f;
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    if (i % static_cast<std::size_t>(cols) != 0) ImGui::SameLine();
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginGroup();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool disabled = apps.empty();
    if (ImGui::InvisibleButton("fault", ImVec2(w, h)) && !disabled) {
      out.fault = StationActions::Fault{buttons[i].id, "", static_cast<std::size_t>(st.delay)};
    }
    const bool hot = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), hot ? th.selection : th.panel_alt, 6.0f);
    dl->AddRect(p, ImVec2(p.x + w, p.y + h), argo::kOrange, 6.0f, 0, 2.0f);
    const float pad = ImGui::GetFontSize() * 0.5f;
    dl->AddText(fonts.title, fonts.title->FontSize, ImVec2(p.x + pad, p.y + pad), th.text, buttons[i].label.c_str());
    dl->AddText(fonts.ui, fonts.ui->FontSize, ImVec2(p.x + pad, p.y + pad * 1.6f + fonts.title->FontSize), th.text_dim,
                buttons[i].explanation.c_str(), nullptr, w - 2 * pad);
    ImGui::EndGroup();
    ImGui::PopID();
  }
  ImGui::End();
}

void bookmark(StationPanelState& st, bool ko, StationActions& out) {
  if (!st.bookmark_open) return;
  const ImVec2 d = display();
  ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(d.x * 0.5f, 0));
  ImGui::Begin(tr(ko, "Bookmark###bookmark", "책갈피###bookmark"), &st.bookmark_open,
               ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputText("##note", st.note, sizeof st.note, ImGuiInputTextFlags_EnterReturnsTrue);
  if (enter || ImGui::Button(tr(ko, "Mark", "표시"))) {
    out.bookmark = std::string(st.note);
    st.note[0] = '\0';
    st.bookmark_open = false;
  }
  ImGui::End();
}

void debrief(const DebriefView& dv, StationPanelState& st, const Theme& th, bool ko, float top_y, StationActions& out) {
  if (!st.debrief_open) return;
  const ImVec2 d = display();
  const float w = std::min(d.x * 0.34f, ImGui::GetFontSize() * 26);
  ImGui::SetNextWindowPos(ImVec2(d.x - w, top_y));
  ImGui::SetNextWindowSize(ImVec2(w, (d.y - top_y) * 0.72f));
  ImGui::Begin(tr(ko, "Debrief###debrief", "디브리프###debrief"), &st.debrief_open,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  if (dv.recordings.empty()) {
    ImGui::TextWrapped("%s", tr(ko, "No recordings (gitops-sim class FILE --debrief DIR).",
                                "녹화가 없습니다 (gitops-sim class FILE --debrief DIR)."));
  }
  for (std::size_t i = 0; i < dv.recordings.size(); ++i) {
    const RecordingEntry& r = dv.recordings[i];
    std::string label = r.file.filename().string();
    if (!r.participants.empty()) label += "  (" + r.participants + ")";
    if (!r.error.empty()) label += "  — " + r.error;
    if (ImGui::Selectable((label + "##rec" + std::to_string(i)).c_str(), dv.open && *dv.open == i)) {
      out.open_recording = i;
    }
  }
  if (dv.open) {
    ImGui::Separator();
    if (ImGui::Button(tr(ko, "[ previous", "[ 이전"))) out.jump = -1;
    ImGui::SameLine();
    if (ImGui::Button(tr(ko, "next ]", "다음 ]"))) out.jump = 1;
    ImGui::BeginChild("##markers", ImVec2(0, 0), false);
    for (std::size_t i = 0; i < dv.markers.size(); ++i) {
      const Marker& m = dv.markers[i];
      const bool here = m.pos_ms == dv.pos;
      const char* kind = m.kind == MarkerKind::RoleSwap ? tr(ko, "swap", "교대")
                         : m.kind == MarkerKind::Fault  ? tr(ko, "fault", "장애")
                         : m.kind == MarkerKind::Failed ? tr(ko, "failed", "실패")
                                                        : tr(ko, "bookmark", "책갈피");
      const std::string line = axis_time(m.pos_ms) + "  " + kind + "  " + m.label;
      ImGui::PushStyleColor(ImGuiCol_Text, m.kind == MarkerKind::Failed ? argo::kRed
                                           : m.kind == MarkerKind::Fault ? argo::kOrange
                                                                         : th.text);
      if (ImGui::Selectable((line + "##m" + std::to_string(i)).c_str(), here)) out.seek_marker = i;
      ImGui::PopStyleColor();
    }
    ImGui::EndChild();
  }
  ImGui::End();
}

}  // namespace

void draw_station_panel(const StationView& v, const DebriefView& d, const std::vector<std::string>& apps,
                        const std::string& last_line, StationPanelState& st, const Fonts& fonts, const Theme& th,
                        bool ko, float top_y, float strip_h, StationActions& out) {
  keys(v, st, out);
  strip(v, last_line, st, fonts, th, ko, top_y, strip_h, out);
  const float below = top_y + strip_h;
  if (!st.debrief_open) board(v, fonts, th, ko, below, out);
  palette(apps, v, st, fonts, th, ko, below, out);
  debrief(d, st, th, ko, below, out);
  bookmark(st, ko, out);
  if (v.frozen) frozen_banner(fonts, th, ko, below);
  swap_banner(v, fonts);
}

}  // namespace gs::ui
