// The lesson panel's view logic (sim/ui/view/lesson_view.hpp) over a real
// lesson, lessons/02-drift-and-self-heal.yaml: predict (a question),
// watch-drift (observe, sync OutOfSync), heal (replicas back to 2), ...
#include <catch2/catch.hpp>

#include "shipped_strings.hpp"

#include "sim/core/events.hpp"
#include "sim/lesson/loader.hpp"
#include "sim/ui/view/lesson_view.hpp"

using namespace gs;
using namespace gs::ui;

namespace {

std::unique_ptr<lesson::LessonRun> start_lesson_02() {
  auto loaded = lesson::load_lesson_file(std::string(GS_SOURCE_DIR) + "/lessons/02-drift-and-self-heal.yaml");
  REQUIRE(loaded.ok());
  auto run = lesson::LessonRun::start(std::move(*loaded.lesson));
  REQUIRE(run);
  return std::move(run.value());
}

I18n strings(Lang l) { return gs::testing::shipped_strings(l); }

}  // namespace

TEST_CASE("Lesson view: the first step is current, the rest ahead, and the counter counts them") {
  auto run = start_lesson_02();
  const I18n en = strings(Lang::En);
  const LessonView v = make_lesson_view(*run, en);
  REQUIRE(v.dots.size() == run->lesson().steps.size());
  CHECK(v.dots[0] == StepDot::Current);
  for (std::size_t i = 1; i < v.dots.size(); ++i) CHECK(v.dots[i] == StepDot::Ahead);
  CHECK(v.counter == "Step 1 of " + std::to_string(v.dots.size()));
  CHECK(v.step_title == "Predict");
  CHECK(v.choices.size() == 3);
  CHECK_FALSE(v.answered);
  CHECK_FALSE(v.can_next);
  for (const auto& c : v.choices) CHECK(c.state == ChoiceState::Open);
}

TEST_CASE("Lesson view: a right vote is Right with the explanation and Next offered") {
  auto run = start_lesson_02();
  REQUIRE(run->answer(1));
  const LessonView v = make_lesson_view(*run, strings(Lang::En));
  CHECK(v.answered);
  CHECK(v.correct);
  CHECK(v.choices[0].state == ChoiceState::Other);
  CHECK(v.choices[1].state == ChoiceState::Right);
  CHECK(v.choices[2].state == ChoiceState::Other);
  CHECK(v.explanation.find("watches the live objects") != std::string::npos);
  CHECK(v.can_next);
}

TEST_CASE("Lesson view: a wrong vote is Wrong and the right choice is marked as the answer") {
  auto run = start_lesson_02();
  REQUIRE(run->answer(0));
  const LessonView v = make_lesson_view(*run, strings(Lang::En));
  CHECK_FALSE(v.correct);
  CHECK(v.choices[0].state == ChoiceState::Wrong);
  CHECK(v.choices[1].state == ChoiceState::TheAnswer);
  CHECK(v.choices[2].state == ChoiceState::Other);
}

TEST_CASE("Lesson view: texts come in the display language") {
  auto run = start_lesson_02();
  const LessonView v = make_lesson_view(*run, strings(Lang::Ko));
  CHECK(v.step_title == "\xEC\x98\x88\xEC\xB8\xA1");  // 예측
  CHECK(v.choices[0].text == run->lesson().steps[0].question->choices[0].ko);
  CHECK(v.lesson_title == run->lesson().title.ko);
}

TEST_CASE("Lesson view: hints are revealed one at a time, and Next waits for the check") {
  auto run = start_lesson_02();
  REQUIRE(run->answer(1));
  REQUIRE(run->next());
  const I18n en = strings(Lang::En);
  LessonView v = make_lesson_view(*run, en);
  CHECK(v.step_title == "Watch the drift");
  CHECK(v.dots[0] == StepDot::Passed);
  CHECK(v.dots[1] == StepDot::Current);
  CHECK(v.hints.empty());
  CHECK(v.more_hints);
  CHECK(v.has_check);
  CHECK_FALSE(v.can_next);
  REQUIRE(run->next_hint());
  v = make_lesson_view(*run, en);
  REQUIRE(v.hints.size() == 1);
  CHECK(v.hints[0] == "Press play, or type sim advance 2m30s.");
  CHECK_FALSE(v.more_hints);
  run->advance(Duration::minutes(3));
  v = make_lesson_view(*run, en);
  CHECK(v.passed);
  CHECK(v.can_next);
}

TEST_CASE("Lesson view: a skipped step's dot is Skipped once the lesson moves on") {
  auto run = start_lesson_02();
  REQUIRE(run->answer(1));
  REQUIRE(run->next());
  (void)run->skip();
  LessonView v = make_lesson_view(*run, strings(Lang::En));
  CHECK(v.skipped);
  CHECK(v.can_next);
  REQUIRE(run->next());
  v = make_lesson_view(*run, strings(Lang::En));
  CHECK(v.dots[0] == StepDot::Passed);
  CHECK(v.dots[1] == StepDot::Skipped);
  CHECK(v.dots[2] == StepDot::Current);
}

TEST_CASE("Lesson view: past the step's within it says so") {
  auto run = start_lesson_02();
  REQUIRE(run->answer(1));
  REQUIRE(run->next());
  REQUIRE(run->next_hint());
  REQUIRE(run->answer(1).ok() == false);  // not a question step
  // heal: within 1m; drift first (watch-drift), then wait past the budget.
  run->advance(Duration::minutes(3));
  REQUIRE(run->next());
  CHECK_FALSE(make_lesson_view(*run, strings(Lang::En)).over_budget);
  run->advance(Duration::minutes(2));
  const LessonView v = make_lesson_view(*run, strings(Lang::En));
  CHECK(v.over_budget);
  CHECK(v.within == "1m");
}

TEST_CASE("check_report: the predicate and what the world shows while it does not hold") {
  auto run = start_lesson_02();
  CHECK_FALSE(check_report(*run));  // a question step has no check
  REQUIRE(run->answer(1));
  REQUIRE(run->next());
  auto r = check_report(*run);
  REQUIRE(r);
  CHECK_FALSE(r->holds);
  CHECK(r->step == 1);
  CHECK(r->predicate == run->step().check->text);
  CHECK(r->predicate.find("shop-dev") != std::string::npos);
  CHECK(r->seen.find("Synced") != std::string::npos);
}

TEST_CASE("pass_pointer: the event that made the check hold, its app and its loop step") {
  auto run = start_lesson_02();
  REQUIRE(run->answer(1));
  REQUIRE(run->next());
  const EventId from = run->context().step_first_event;
  run->advance(Duration::minutes(3));
  const auto& p = run->progress(1);
  REQUIRE(p.passed);
  const PassPointer ptr = pass_pointer(run->world().log(), from, *p.passed_at, &*run->step().check);
  REQUIRE(ptr.event != 0);
  const Event* e = run->world().log().find(ptr.event);
  REQUIRE(e);
  CHECK(e->type == "SyncStatusChanged");
  CHECK(e->str("to") == "OutOfSync");
  CHECK(e->t == *p.passed_at);
  CHECK(ptr.app == "shop-dev");
  CHECK(ptr.loop_step == 3);
}

TEST_CASE("pass_pointer: nothing before the step's first event, and no world event falls back to a command's") {
  EventLog log;
  log.emit(TimePoint{0}, events::world_created(1));
  log.emit(TimePoint{1000}, events::action("git commit -m x"));
  log.emit(TimePoint{1000}, events::output("git commit -m x", "ok"));
  CHECK(pass_pointer(log, 4, TimePoint{1000}).event == 0);
  const PassPointer p = pass_pointer(log, 2, TimePoint{1000});
  CHECK(p.event == 3);
  CHECK(p.loop_step == 0);
}

TEST_CASE("pass_pointer: without the check, the latest world event at the moment") {
  EventLog log;
  log.emit(TimePoint{0}, events::world_created(1));
  log.emit(TimePoint{1000}, events::sync_status_changed("a", "Synced", "OutOfSync", "abc", 0));
  log.emit(TimePoint{1000}, events::health_status_changed("a", "Healthy", "Progressing", "", 0));
  log.emit(TimePoint{2000}, events::note("en", "ko"));
  CHECK(pass_pointer(log, 2, TimePoint{1000}).event == 3);
  gs::scenario::Check sync;
  sync.app = "a";
  sync.sync = "OutOfSync";
  CHECK(pass_pointer(log, 2, TimePoint{1000}, &sync).event == 2);
  gs::scenario::Check other_app = sync;
  other_app.app = "b";
  CHECK(pass_pointer(log, 2, TimePoint{1000}, &other_app).event == 3);
}

TEST_CASE("loop_step_of: events map to the lecture's loop steps") {
  CHECK(loop_step_of(events::committed("r", "main", "abc", "a", "m", 0)) == 1);
  CHECK(loop_step_of(events::webhook_received("r", 0)) == 2);
  CHECK(loop_step_of(events::app_refreshed("a", "abc", "Synced", "Healthy", "normal", 0)) == 2);
  CHECK(loop_step_of(events::sync_status_changed("a", "Synced", "OutOfSync", "abc", 0)) == 3);
  CHECK(loop_step_of(events::sync_status_changed("a", "OutOfSync", "Synced", "abc", 0)) == 6);
  CHECK(loop_step_of(events::health_status_changed("a", "Healthy", "Degraded", "", 0)) == 5);
  CHECK(loop_step_of(events::note("en", "ko")) == 0);
  CHECK(std::string(loop_step_key(4)) == "loop.apply");
  CHECK(loop_step_key(0) == nullptr);
}
