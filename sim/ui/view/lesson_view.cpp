#include "sim/ui/view/lesson_view.hpp"

#include <string_view>

namespace gs::ui {
namespace {

const std::string& lesson_pick(const I18n& i18n, const scenario::LocalizedText& t) { return i18n.pick(t.en, t.ko); }

}  // namespace

std::string fill_in(std::string text, std::string_view key, const std::string& value) {
  const std::string k = "{" + std::string(key) + "}";
  if (const auto at = text.find(k); at != std::string::npos) text.replace(at, k.size(), value);
  return text;
}

LessonView make_lesson_view(const lesson::LessonRun& run, const I18n& i18n) {
  LessonView v;
  const lesson::Lesson& l = run.lesson();
  v.lesson_title = lesson_pick(i18n, l.title);
  const std::size_t n = l.steps.size();
  for (std::size_t i = 0; i < n; ++i) {
    const lesson::StepProgress& p = run.progress(i);
    if (i == run.current()) v.dots.push_back(StepDot::Current);
    else if (p.skipped) v.dots.push_back(StepDot::Skipped);
    else if (p.passed) v.dots.push_back(StepDot::Passed);
    else v.dots.push_back(StepDot::Ahead);
  }
  v.finished = run.finished();
  if (v.finished) {
    v.counter = i18n.tr("lesson.finished");
    return v;
  }
  const std::size_t cur = run.current();
  v.counter = fill_in(fill_in(i18n.tr("lesson.counter"), "n", std::to_string(cur + 1)), "total", std::to_string(n));
  const lesson::Step& s = run.step();
  const lesson::StepProgress& p = run.progress(cur);
  v.step_title = lesson_pick(i18n, s.title);
  v.step_text = lesson_pick(i18n, s.text);
  if (s.question) {
    v.answered = p.answer.has_value();
    v.correct = v.answered && p.answer->correct;
    for (std::size_t c = 0; c < s.question->choices.size(); ++c) {
      LessonView::Choice ch{lesson_pick(i18n, s.question->choices[c]), ChoiceState::Open};
      if (v.answered) {
        const bool picked = static_cast<int>(c) == p.answer->choice;
        const bool right = static_cast<int>(c) == s.question->answer;
        ch.state = picked ? (right ? ChoiceState::Right : ChoiceState::Wrong)
                          : (right ? ChoiceState::TheAnswer : ChoiceState::Other);
      }
      v.choices.push_back(std::move(ch));
    }
    if (v.answered && s.question->explain) v.explanation = lesson_pick(i18n, *s.question->explain);
  }
  for (int h = 0; h < p.hints_shown && h < static_cast<int>(s.hints.size()); ++h) {
    v.hints.push_back(lesson_pick(i18n, s.hints[static_cast<std::size_t>(h)]));
  }
  v.more_hints = p.hints_shown < static_cast<int>(s.hints.size());
  v.has_check = s.check.has_value();
  v.passed = p.passed;
  v.skipped = p.skipped;
  v.over_budget = run.over_budget();
  v.within = format_duration(s.within);
  v.has_solution = !s.solution.empty();
  v.can_next = p.passed || p.skipped || (!s.check && !s.question);
  v.last_step = cur + 1 == n;
  return v;
}

std::optional<CheckReport> check_report(const lesson::LessonRun& run) {
  auto out = run.check_now();
  if (!out) return std::nullopt;
  CheckReport r;
  r.step = run.current();
  r.holds = out->holds;
  r.predicate = run.step().check->text;
  r.seen = out->seen;
  return r;
}

int loop_step_of(const Event& e) {
  const std::string_view t = e.type;
  if (t == "Committed" || t == "BranchCreated" || t == "BranchReset" || t == "TagCreated" || t == "TagMoved") return 1;
  if (t == "WebhookReceived" || t == "AppRefreshed") return 2;
  if (t == "ComparisonError") return 3;
  if (t == "SyncStatusChanged") return e.str("to") == "Synced" ? 6 : 3;
  if (t == "SyncStarted" || t == "ResourceApplied" || t == "ResourcePruned" || t == "ResourcePruneSkipped" ||
      t == "SyncSucceeded" || t == "SyncFailed" || t == "ResourceSyncFailed" || t == "SyncRetrying" ||
      t == "SyncError") {
    return 4;
  }
  if (t == "HealthStatusChanged" || t == "LiveChanged") return 5;
  return 0;
}

const char* loop_step_key(int n) {
  static const char* const kKeys[] = {nullptr,      "loop.commit",       "loop.poll",         "loop.detect",
                                      "loop.apply", "loop.status",       "loop.compare_sync"};
  return n >= 1 && n <= 6 ? kKeys[n] : nullptr;
}

bool check_speaks_of(const scenario::Check& c, const Event& e) {
  for (const auto* parts : {&c.all, &c.any, &c.not_}) {
    for (const auto& p : *parts) {
      if (check_speaks_of(p, e)) return true;
    }
  }
  const std::string_view t = e.type;
  if (c.app && !e.str("app").empty() && e.str("app") != *c.app) return false;
  if (c.event) return t == *c.event;
  if (c.sync && t == "SyncStatusChanged") return true;
  if (c.health && t == "HealthStatusChanged") return true;
  if ((c.revision || c.operation || c.history_length) && (t == "SyncSucceeded" || t == "SyncFailed")) return true;
  if (c.condition && (t == "ComparisonError" || t == "SyncError" || t == "InvalidSpecError")) return true;
  if (c.resource) {
    if (!e.str("name").empty() && e.str("name") != c.resource->name) return false;
    return t == "ResourceApplied" || t == "LiveChanged" || t == "ResourcePruned";
  }
  if (c.file) return t == "Committed" || t == "BranchReset";
  return false;
}

PassPointer pass_pointer(const EventLog& log, EventId from, TimePoint passed_at, const scenario::Check* check) {
  const auto& events = log.events();
  const Event* spoken = nullptr;
  const Event* world_event = nullptr;
  const Event* any = nullptr;
  if (check) {
    for (auto it = events.rbegin(); it != events.rend() && it->id >= from && it->t >= passed_at; ++it) {
      if (it->t == passed_at && check_speaks_of(*check, *it)) {
        spoken = &*it;
        break;
      }
    }
  }
  for (auto it = events.rbegin(); !spoken && it != events.rend() && it->id >= from; ++it) {
    if (it->t > passed_at) continue;
    if (!any) any = &*it;
    const std::string_view t = it->type;
    if (t != "Output" && t != "Note" && t != "Paused" && t != "Action" && t != "ActionFailed" && t != "WorldCreated") {
      world_event = &*it;
      break;
    }
  }
  const Event* e = spoken ? spoken : world_event ? world_event : any;
  PassPointer p;
  if (!e) return p;
  p.event = e->id;
  p.app = e->str("app");
  p.loop_step = loop_step_of(*e);
  return p;
}

}  // namespace gs::ui
