// Lesson: the current step as a learner reads it — the lesson's title, a dot
// per step, the step's title and text, the question's choices as vote
// buttons (then the explanation and whether the vote was right), the hints
// taken, Check's "still missing" report, the "Passed" message pointing at
// what did it, and the buttons (Hint, Show solution, Skip, Reset step, Undo,
// Check, Next). Draws LessonView (sim/ui/view/lesson_view.hpp) only; every
// button is a request the frame runs on the LessonRun.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/view/pair_view.hpp"
#include "sim/ui/widgets.hpp"

namespace gs::ui {
namespace {

ImVec4 col4(Color c) { return ImGui::ColorConvertU32ToFloat4(c); }

void wrapped(Color c, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, col4(c));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

// A dot per step: passed green, skipped hollow orange, current blue and
// larger, ahead hollow grey.
void draw_dots(const FrameContext& ctx, const LessonView& v) {
  const float s = ctx.scale, r = 7 * s, gap = 22 * s;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  for (std::size_t i = 0; i < v.dots.size(); ++i) {
    const ImVec2 c(p.x + r + 2 * s + static_cast<float>(i) * gap, p.y + h * 0.5f);
    switch (v.dots[i]) {
      case StepDot::Passed: dl->AddCircleFilled(c, r, argo::kGreen, 0); break;
      case StepDot::Skipped: dl->AddCircle(c, r - 1 * s, argo::kOrange, 0, 2.5f * s); break;
      case StepDot::Current:
        dl->AddCircleFilled(c, r + 1.5f * s, ctx.theme.accent, 0);
        dl->AddCircle(c, r + 4.5f * s, ctx.theme.accent, 0, 1.5f * s);
        break;
      case StepDot::Ahead: dl->AddCircle(c, r - 1 * s, ctx.theme.text_dim, 0, 2.0f * s); break;
    }
  }
  ImGui::Dummy(ImVec2(static_cast<float>(v.dots.size()) * gap + 4 * s, h));
}

// A choice: a full-width button whose text wraps, coloured by its state.
bool choice_button(const FrameContext& ctx, int i, const LessonView::Choice& c, bool enabled) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale, pad = 6 * s;
  const float w = ImGui::GetContentRegionAvail().x;
  const std::string label = std::string(1, static_cast<char>('A' + i)) + ".  " + c.text;
  const ImVec2 ts = ImGui::CalcTextSize(label.c_str(), nullptr, false, w - 2 * pad);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::PushID(i);
  const bool pressed = ImGui::InvisibleButton("##choice", ImVec2(w, ts.y + 2 * pad)) && enabled;
  const bool hovered = enabled && ImGui::IsItemHovered();
  ImGui::PopID();
  Color bg = hovered ? th.selection : th.panel_alt, fg = th.text, border = th.border;
  switch (c.state) {
    case ChoiceState::Open: break;
    case ChoiceState::Right: bg = argo::kGreen, fg = text_on(argo::kGreen), border = argo::kGreen; break;
    case ChoiceState::Wrong: bg = argo::kRed, fg = text_on(argo::kRed), border = argo::kRed; break;
    case ChoiceState::TheAnswer: border = argo::kGreen; break;
    case ChoiceState::Other: fg = th.text_dim; break;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + ts.y + 2 * pad), bg, 4 * s);
  dl->AddRect(p, ImVec2(p.x + w, p.y + ts.y + 2 * pad), border, 4 * s, 0, c.state == ChoiceState::TheAnswer ? 2.5f * s : 1 * s);
  dl->AddText(nullptr, 0, ImVec2(p.x + pad, p.y + pad), fg, label.c_str(), nullptr, w - 2 * pad);
  return pressed;
}

// A row of buttons that wraps when the next one would not fit.
struct ButtonRow {
  float right = 0;
  bool first = true;
  bool locked = false;  // a replay: every button greyed
  bool operator()(const char* label, bool enabled = true) {
    enabled = enabled && !locked;
    const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
    if (!first) {
      const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
      if (x + w <= right) ImGui::SameLine();
    }
    first = false;
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(label);
    if (!enabled) ImGui::EndDisabled();
    return pressed && enabled;
  }
};

void draw_question(FrameContext& ctx, const LessonView& v) {
  const float s = ctx.scale;
  for (std::size_t i = 0; i < v.choices.size(); ++i) {
    // Pair mode: the partners vote in the pair panel (alone, then together).
    if (choice_button(ctx, static_cast<int>(i), v.choices[i], !v.answered && !ctx.read_only && !ctx.pair)) {
      ctx.lesson_act(LessonAct::Answer, static_cast<int>(i));
    }
    ImGui::Dummy(ImVec2(0, 2 * s));
  }
  if (ctx.pair && !v.answered) wrapped(argo::kOrange, pair_label("vote_in_pair", ctx.view.lang));
  if (!v.answered) return;
  ImGui::PushFont(ctx.fonts.title);
  wrapped(v.correct ? argo::kGreen : argo::kRed, ctx.tr(v.correct ? "lesson.right" : "lesson.wrong"));
  ImGui::PopFont();
  if (!v.explanation.empty()) wrapped(ctx.theme.text, v.explanation);
}

void draw_pass(FrameContext& ctx, const LessonView& v, const LessonPanelState& st) {
  if (v.skipped) {
    wrapped(argo::kOrange, ctx.tr("lesson.skipped"));
    return;
  }
  if (!v.passed || v.choices.size() > 0) return;
  ImGui::PushFont(ctx.fonts.title);
  wrapped(argo::kGreen, ctx.tr("lesson.passed"));
  ImGui::PopFont();
  if (st.pointer.event == 0 || st.pointer.event > ctx.prepared.event_text.size()) return;
  std::string what = fill_in(ctx.tr("lesson.pointed"), "event", ctx.prepared.event_text[st.pointer.event - 1]);
  if (const char* key = loop_step_key(st.pointer.loop_step)) {
    what += "  " + fill_in(fill_in(ctx.tr("lesson.loop_step"), "n", std::to_string(st.pointer.loop_step)), "name", ctx.tr(key));
  }
  wrapped(ctx.theme.text, what);
}

void draw_check(FrameContext& ctx, const LessonView& v, const LessonPanelState& st) {
  if (!st.check || v.passed || v.skipped || st.check->step != ctx.lesson->current()) return;
  if (st.check->holds) {
    wrapped(argo::kGreen, ctx.tr("lesson.check_holds"));
    return;
  }
  wrapped(argo::kYellow, ctx.tr("lesson.missing"));
  ImGui::PushFont(ctx.fonts.mono);
  ImGui::Indent();
  wrapped(ctx.theme.text, st.check->predicate);
  ImGui::Unindent();
  ImGui::PopFont();
  wrapped(ctx.theme.text_dim, ctx.tr("lesson.world_shows"));
  ImGui::PushFont(ctx.fonts.mono);
  ImGui::Indent();
  wrapped(ctx.theme.text, st.check->seen.empty() ? std::string("-") : st.check->seen);
  ImGui::Unindent();
  ImGui::PopFont();
}

// The lesson buttons' labels, in the order draw_buttons draws them.
const char* const kButtonKeys[] = {"lesson.hint", "lesson.show_solution", "lesson.skip", "lesson.reset",
                                   "lesson.undo", "lesson.check", "lesson.next"};

// How many rows the buttons take in `width`.
int button_rows(const FrameContext& ctx, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  int rows = 1;
  float x = 0;
  for (const char* key : kButtonKeys) {
    const float w = ImGui::CalcTextSize(ctx.tr(key)).x + style.FramePadding.x * 2;
    if (x > 0 && x + style.ItemSpacing.x + w > width) {
      ++rows;
      x = 0;
    }
    x += (x > 0 ? style.ItemSpacing.x : 0) + w;
  }
  return rows;
}

void draw_buttons(FrameContext& ctx, const LessonView& v) {
  ButtonRow row{ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x};
  row.locked = ctx.read_only;
  if (v.finished) {
    if (row(ctx.tr("lesson.library"))) ctx.lesson_act(LessonAct::Home);
    return;
  }
  const bool open = !v.passed && !v.skipped && v.choices.empty();
  if (row(ctx.tr("lesson.hint"), open && v.more_hints)) ctx.lesson_act(LessonAct::Hint);
  if (row(ctx.tr("lesson.show_solution"), open && v.has_solution)) ctx.lesson_act(LessonAct::ShowSolution);
  if (row(ctx.tr("lesson.skip"), open && v.has_solution)) ctx.lesson_act(LessonAct::Skip);
  if (row(ctx.tr("lesson.reset"), v.choices.empty())) ctx.lesson_act(LessonAct::Reset);
  if (row(ctx.tr("lesson.undo"), v.choices.empty())) ctx.lesson_act(LessonAct::Undo);
  if (row(ctx.tr("lesson.check"), open && v.has_check)) ctx.lesson_act(LessonAct::Check);
  const bool next = v.can_next;
  if (next) {
    ImGui::PushStyleColor(ImGuiCol_Button, col4(argo::kGreen));
    ImGui::PushStyleColor(ImGuiCol_Text, col4(text_on(argo::kGreen)));
  }
  if (row(ctx.tr(v.last_step ? "lesson.finish" : "lesson.next"), next)) ctx.lesson_act(LessonAct::Next);
  if (next) ImGui::PopStyleColor(2);
}

}  // namespace

void draw_lesson_panel(FrameContext& ctx, LessonPanelState& st) {
  if (!ctx.lesson) return;
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const LessonView v = make_lesson_view(*ctx.lesson, ctx.i18n);

  // Heading: the step counter and its dots (the toolbar has the lesson's title).
  ImGui::PushStyleColor(ImGuiCol_Text, col4(th.text_dim));
  ImGui::TextUnformatted(v.counter.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 14 * s);
  draw_dots(ctx, v);

  // The step, scrolling when long; the buttons stay below it, on one row
  // when they fit.
  const int rows = button_rows(ctx, ImGui::GetContentRegionAvail().x);
  const float buttons_h = ImGui::GetFrameHeightWithSpacing() * static_cast<float>(rows) + 6 * s;
  ImGui::BeginChild("##step", ImVec2(0, -buttons_h), false);
  if (v.finished) {
    ImGui::PushFont(ctx.fonts.title);
    wrapped(argo::kGreen, ctx.tr("lesson.finished"));
    ImGui::PopFont();
    wrapped(th.text, ctx.tr("lesson.finished_text"));
  } else {
    ImGui::PushFont(ctx.fonts.title);
    wrapped(th.text, v.step_title);
    ImGui::PopFont();
    wrapped(th.text, v.step_text);
    ImGui::Dummy(ImVec2(0, 4 * s));
    if (!v.choices.empty()) draw_question(ctx, v);
    draw_pass(ctx, v, st);
    if (v.over_budget && !v.passed && !v.skipped) wrapped(argo::kYellow, fill_in(ctx.tr("lesson.over_budget"), "within", v.within));
    for (std::size_t i = 0; i < v.hints.size(); ++i) {
      wrapped(th.accent, fill_in(ctx.tr("lesson.hint_n"), "n", std::to_string(i + 1)));
      ImGui::SameLine();
      wrapped(th.text, v.hints[i]);
    }
    draw_check(ctx, v, st);
    if (!st.note.empty()) wrapped(th.text_dim, st.note);
  }
  // Something new at the end (a vote's explanation, a hint, Check's report,
  // Passed): scrolled into view, for a few frames while the wrapping settles;
  // a new step starts at its top.
  const std::string seen = std::to_string(ctx.lesson->current()) + (v.answered ? "a" : "") + (v.passed ? "p" : "") +
                           (v.skipped ? "s" : "") + (v.over_budget ? "o" : "") + std::to_string(v.hints.size()) +
                           (st.check ? "c" : "") + st.note;
  if (seen != st.seen) {
    const bool new_step = !st.seen.empty() && st.seen_step != ctx.lesson->current();
    st.scroll_frames = new_step ? 0 : 3;
    if (new_step) ImGui::SetScrollY(0);
    st.seen = seen;
    st.seen_step = ctx.lesson->current();
  }
  if (st.scroll_frames > 0) {
    ImGui::SetScrollHereY(1.0f);
    --st.scroll_frames;
  }
  ImGui::EndChild();
  ImGui::Separator();
  draw_buttons(ctx, v);
}

}  // namespace gs::ui
