// What the lesson panel shows, derived from a LessonRun: the step's title
// and text in the display language, a dot per step, the question's choices
// and how each reads after the vote, the hints revealed so far, which
// buttons apply, the Check button's report, and — when a step passes — the
// event that made its check hold and the loop step it belongs to. No ImGui
// here, so the rules are unit-tested.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/lesson/runner.hpp"
#include "sim/ui/view/i18n.hpp"

namespace gs::ui {

enum class StepDot { Passed, Skipped, Current, Ahead };

// How a choice reads: before the vote all Open; after it, the learner's pick
// is Right or Wrong, the right answer (when not picked) TheAnswer, the rest Other.
enum class ChoiceState { Open, Right, Wrong, TheAnswer, Other };

struct LessonView {
  std::string lesson_title;
  std::string counter;  // "Step 2 of 5"
  std::vector<StepDot> dots;
  bool finished = false;  // every step done: the panel says so
  std::string step_title, step_text;

  struct Choice {
    std::string text;
    ChoiceState state = ChoiceState::Open;
  };
  std::vector<Choice> choices;  // empty: no question
  bool answered = false, correct = false;
  std::string explanation;

  std::vector<std::string> hints;  // revealed, oldest first
  bool more_hints = false;
  bool has_check = false;
  bool passed = false;   // its check held, or it was answered
  bool skipped = false;  // the solution was run for the learner
  bool over_budget = false;
  std::string within;  // the step's budget, "3m"
  bool has_solution = false;
  bool can_next = false;  // passed, skipped, answered, or nothing to do
  bool last_step = false;
};

LessonView make_lesson_view(const lesson::LessonRun& run, const I18n& i18n);

// The Check button: the step's predicate and what the world shows now.
struct CheckReport {
  std::size_t step = 0;  // which step it was made for
  bool holds = false;
  std::string predicate;  // the check as the lesson's reader words it
  std::string seen;       // what the world showed
};
std::optional<CheckReport> check_report(const lesson::LessonRun& run);

// The event that made a step's check hold. Checks are evaluated once per
// instant, after all its events, so of the events at the moment it passed
// the one the check speaks of wins (SyncStatusChanged for `sync:`, the
// `event:` type, the resource's apply or change, ...); else the latest world
// event (not a command's echo, a note or a pause) from the step's first
// event up to that moment; else the latest event of any kind there. 0 when none.
struct PassPointer {
  EventId event = 0;
  std::string app;    // the event's app, when it has one
  int loop_step = 0;  // 1..6 as the lecture numbers the loop; 0 none
};
PassPointer pass_pointer(const EventLog& log, EventId from, TimePoint passed_at,
                         const scenario::Check* check = nullptr);
// Whether `e` is an event of the kind `check` speaks of (and of its app).
bool check_speaks_of(const scenario::Check& check, const Event& e);

// The loop step (1 commit .. 6 compare & sync) an event belongs to; 0 none.
int loop_step_of(const Event& e);
// `text` with "{key}" replaced by `value` (the UI strings' placeholders).
std::string fill_in(std::string text, std::string_view key, const std::string& value);

// The i18n key naming loop step n ("loop.apply"); nullptr for 0.
const char* loop_step_key(int n);

}  // namespace gs::ui
