#include "sim/lesson/runner.hpp"

#include <algorithm>

#include "sim/world/command.hpp"
#include "sim/world/world.hpp"

namespace gs::lesson {

using session::Issuer;
using session::Origin;

const Deny* find_deny(const Step& step, std::string_view line) {
  if (step.deny.empty()) return nullptr;
  auto cmd = world::parse_command(line);
  if (!cmd) return nullptr;
  auto words = world::tokenize(cmd->text());
  if (!words) return nullptr;
  for (const auto& d : step.deny) {
    auto prefix = world::tokenize(d.command);
    if (!prefix || prefix->empty() || prefix->size() > words->size()) continue;
    if (std::equal(prefix->begin(), prefix->end(), words->begin())) return &d;
  }
  return nullptr;
}

Result<std::unique_ptr<LessonRun>> LessonRun::start(Lesson lesson, std::string lang,
                                                    session::SessionObserver* observer) {
  std::unique_ptr<LessonRun> run(new LessonRun());
  run->lesson_ = std::move(lesson);
  run->lang_ = lang == "ko" ? "ko" : "en";
  if (run->lesson_.steps.empty()) return Error("lesson '" + run->lesson_.name + "' has no steps");
  auto s = run->build_session(observer);
  if (!s) return s.error();
  run->session_ = std::move(s.value());
  run->progress_.resize(run->lesson_.steps.size());
  run->begin_step();
  return run;
}

LessonRun::~LessonRun() = default;

Result<std::unique_ptr<session::Session>> LessonRun::build_session(session::SessionObserver* observer) {
  quiet_ = true;
  session::SessionOptions options;
  options.observer = observer;
  options.on_moment = [this](const world::World& w, TimePoint) { on_moment(w); };
  options.on_entry = [this](const world::World& w) { on_moment(w); };
  auto s = session::Session::create(lesson_.world, std::move(options));
  if (!s) return s.error();
  // The lesson starts paused at world.start, past any teaching pause before it.
  (*s)->run_through(TimePoint{lesson_.start.ms});
  (*s)->pause();
  return s;
}

Status LessonRun::rebuild(std::size_t entries, TimePoint to) {
  scan_.clear();  // the counts were of the old world's log
  const session::Journal journal(session_->journal().begin(),
                                 session_->journal().begin() + static_cast<std::ptrdiff_t>(entries));
  // The rebuilt world is not the learner's doing: the observer hears of it
  // once it stands (on_rebuild), not of its commands again.
  session::SessionObserver* observer = session_->observer();
  auto s = build_session(nullptr);
  if (!s) {
    quiet_ = false;
    return s.error();
  }
  if (auto st = (*s)->replay(journal); !st) {
    quiet_ = false;
    return Error("cannot rebuild the lesson's world: " + st.error().message);
  }
  (*s)->run_through(to);
  (*s)->pause();
  session_ = std::move(s.value());
  session_->set_observer(observer);
  if (observer) observer->on_rebuild(session_->world());
  scan_.clear();
  std::erase_if(printed_, [entries](const auto& p) { return p.first >= entries; });
  quiet_ = false;
  return {};
}

void LessonRun::begin_step() {
  quiet_ = false;
  if (finished()) return;
  step_journal_ = session_->journal().size();
  step_first_event_ = static_cast<EventId>(world().log().size()) + 1;
  scan_.clear();
  progress_[current_].started = session_->now();
  evaluate(world());
}

StepContext LessonRun::context() const {
  StepContext c;
  c.answers = answers_;
  for (const auto& p : printed_) c.printed.push_back(p.second);
  if (finished()) return c;
  c.cache = &scan_;
  c.step_first_event = step_first_event_;
  c.step_started = progress_[current_].started;
  const auto& journal = session_->journal();
  for (std::size_t i = step_journal_; i < journal.size(); ++i) {
    if (journal[i].origin != Origin::Timeline && journal[i].ok) c.ran.push_back(journal[i].command);
  }
  return c;
}

// ---------------------------------------------------------------------------
// Checks

bool LessonRun::check_holds(const world::World& w) const {
  const Step& s = step();
  if (!s.check) return false;
  const StepContext ctx = context();
  return scenario::check_holds(*s.check, w, &ctx);
}

void LessonRun::evaluate(const world::World& w) {
  if (quiet_ || finished()) return;
  StepProgress& p = progress_[current_];
  if (p.passed || p.skipped) return;
  if (check_holds(w)) {
    p.passed = true;
    p.passed_at = w.now();
    p.passed_after = static_cast<EventId>(w.log().size());
    mark("passed", {}, false);
  }
}

void LessonRun::mark(std::string kind, std::string detail, bool replays, bool ok) const {
  if (!session_) return;
  session::Mark m{std::move(kind), std::move(detail), finished() ? std::string() : step().id, replays, ok};
  session_->mark(m);
}

void LessonRun::on_moment(const world::World& w) { evaluate(w); }

std::optional<scenario::CheckOutcome> LessonRun::check_now() const {
  if (finished() || !step().check) return std::nullopt;
  const StepContext ctx = context();
  return scenario::evaluate_check(*step().check, world(), &ctx);
}

bool LessonRun::over_budget() const {
  if (finished() || !step().check) return false;
  const StepProgress& p = progress_[current_];
  return !p.passed && session_->now() > p.started + step().within;
}

// ---------------------------------------------------------------------------
// Doing

LessonOutcome LessonRun::run(std::string_view line, const Issuer& by, const world::StagedFiles& files) {
  if (!finished()) {
    if (const Deny* d = find_deny(step(), line)) {
      denied_.push_back({step().id, std::string(line), session_->now()});
      LessonOutcome refused{session::CommandOutcome{false, 1, "refused in this step: " + text(d->why)}, d};
      if (auto* o = session_->observer()) {
        o->on_command(world(), session::JournalEntry{session_->now(), by.origin, by.actor, std::string(line), files,
                                                     false, 1, by.role},
                      refused.outcome, true);
      }
      return refused;
    }
  }
  const std::size_t journal_before = session_->journal().size();
  LessonOutcome out{session_->run(line, by, files), nullptr};
  // A command that ran (even one exiting 1, as a diff with differences)
  // printed something an `output:` check may read; a refused one did not run.
  if (out.outcome.ok && !out.outcome.output.empty()) {
    printed_.emplace_back(journal_before, scenario::CheckContext::Printed{
                                              std::string(line), out.outcome.output,
                                              static_cast<EventId>(world().log().size())});
  }
  evaluate(world());
  return out;
}

void LessonRun::advance(Duration d) {
  mark("advance", format_duration(d), false);
  session_->run_through(session_->now() + d);
  evaluate(world());
}

bool LessonRun::wait_for_check(TimePoint deadline) {
  if (finished() || !step().check) return false;
  // Instant by instant, so the world stops at the first moment the check
  // holds, as a learner who passes moves on from there. Bounded: each round
  // runs at least one instant or reaches the deadline.
  for (int guard = 0; guard < 10'000'000; ++guard) {
    if (progress_[current_].passed || check_holds(world())) return true;
    if (session_->now() >= deadline) return false;
    const auto t = session_->next_event_time();
    const TimePoint to = t && *t < deadline ? std::max(*t, session_->now()) : deadline;
    const TimePoint before = session_->now();
    session_->advance_to(to);
    if (session_->now() == before && to == before) session_->advance_to(before + Duration::millis(1));
    evaluate(world());
  }
  return progress_[current_].passed || check_holds(world());
}

Result<Answer> LessonRun::answer(int choice) {
  auto a = give_answer(choice);
  mark("answer", std::to_string(choice), true, a.ok());
  return a;
}

Result<Answer> LessonRun::give_answer(int choice) {
  if (finished() || !step().question) return Error("this step asks no question");
  const Question& q = *step().question;
  if (choice < 0 || static_cast<std::size_t>(choice) >= q.choices.size()) {
    return Error("choose 0 to " + std::to_string(q.choices.size() - 1));
  }
  StepProgress& p = progress_[current_];
  if (p.answer) return Error("already answered: the first answer stands");
  const Answer a{choice, choice == q.answer};
  p.answer = a;
  p.passed = true;
  p.passed_at = session_->now();
  answers_[step().id] = a;
  return a;
}

bool LessonRun::step_done() const {
  const StepProgress& p = progress_[current_];
  return p.passed || p.skipped || (!step().question && !step().check);
}

Status LessonRun::next() {
  if (finished()) return Error("the lesson is finished");
  mark("next", {}, true, step_done());
  const Step& s = step();
  StepProgress& p = progress_[current_];
  if (!p.passed && !p.skipped) {
    if (s.question) return Error("answer the question first");
    if (s.check) return Error("step '" + s.id + "' is not done yet: ask for a hint, reset it or show the solution");
    p.passed = true;  // neither check nor question: it passes on "next"
    p.passed_at = session_->now();
  }
  ++current_;
  begin_step();
  return {};
}

// ---------------------------------------------------------------------------
// Help

Result<LocalizedText> LessonRun::next_hint() {
  if (finished()) return Error("the lesson is finished");
  StepProgress& p = progress_[current_];
  const auto& hints = step().hints;
  mark("hint", std::to_string(p.hints_shown + 1), true, static_cast<std::size_t>(p.hints_shown) < hints.size());
  if (static_cast<std::size_t>(p.hints_shown) >= hints.size()) return Error("no more hints for this step");
  return hints[static_cast<std::size_t>(p.hints_shown++)];
}

const std::vector<std::string>& LessonRun::show_solution() {
  static const std::vector<std::string> kNone;
  if (finished()) return kNone;
  mark("solution");
  progress_[current_].solution_shown = true;
  return step().solution;
}

std::vector<LessonOutcome> LessonRun::skip() {
  std::vector<LessonOutcome> outcomes;
  if (finished()) return outcomes;
  mark("skip");
  StepProgress& p = progress_[current_];
  p.skipped = true;
  p.solution_shown = true;
  const Step& s = step();
  // Its commands are recorded as run, and replayed by replaying the skip.
  struct Nested {
    session::SessionObserver* o;
    explicit Nested(session::SessionObserver* x) : o(x) {
      if (o) o->begin_nested();
    }
    ~Nested() {
      if (o) o->end_nested();
    }
  } nested(session_->observer());
  for (std::size_t i = 0; i < s.solution.size(); ++i) {
    outcomes.push_back(run(s.solution[i], Issuer{Origin::LessonSolution, ""}, s.solution_files[i]));
    if (!outcomes.back().outcome.ok) return outcomes;
  }
  if (s.check) wait_for_check(session_->now() + s.within);
  p.skipped_at = session_->now();
  if (s.question && !p.answer) {
    const Answer a{s.question->answer, false};  // shown, not chosen: no credit
    p.answer = a;
  }
  return outcomes;
}

Status LessonRun::reset() {
  if (finished()) return Error("the lesson is finished");
  mark("reset");
  const TimePoint started = progress_[current_].started;
  if (auto st = rebuild(step_journal_, started); !st) return st;
  StepProgress& p = progress_[current_];
  p.passed = false;
  p.passed_at.reset();
  p.passed_after = 0;
  p.skipped = false;
  p.skipped_at.reset();
  if (step().question && p.answer) p.passed = true;  // the answer is kept
  evaluate(world());
  return {};
}

Status LessonRun::undo() {
  if (finished()) return Error("the lesson is finished");
  const auto& journal = session_->journal();
  std::optional<std::size_t> last;
  for (std::size_t i = journal.size(); i > step_journal_; --i) {
    if (journal[i - 1].origin != Origin::Timeline) {
      last = i - 1;
      break;
    }
  }
  mark("undo", {}, true, last.has_value());
  if (!last) return Error("no command to undo since the step began");
  const TimePoint at = journal[*last].at;
  if (auto st = rebuild(*last, at); !st) return st;
  StepProgress& p = progress_[current_];
  p.passed = step().question && p.answer;
  if (!p.passed) {
    p.passed_at.reset();
    p.passed_after = 0;
  }
  p.skipped = false;
  p.skipped_at.reset();
  evaluate(world());
  return {};
}

}  // namespace gs::lesson
