// LessonRun: a learner doing a lesson (lesson-format.md, "How a lesson
// runs"). It drives one session::Session: the world runs to the lesson's
// `start` and waits there, paused; exactly one step is current; the step's
// check is evaluated after every command, after every instant the world
// runs (the Session's on_moment hook) and after every timeline entry
// (on_entry), and the step is passed the first moment it holds. Question steps pass when answered; steps without a check
// or question pass on next(). Reset and undo rebuild the world from the
// lesson's start and the session's journal (Session::replay), so the world
// is exactly as it was. Denied commands change nothing, not even the journal.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/lesson/lesson.hpp"
#include "sim/scenario/predicates.hpp"
#include "sim/session/session.hpp"

namespace gs::lesson {

using Answer = scenario::Answer;

// What a step's check may look at besides the world: when the step began,
// what the learner ran since, and the answers given (`since: step`, `ran:`,
// `answered:`).
using StepContext = scenario::CheckContext;

struct StepProgress {
  bool passed = false;          // its check held, it was answered, or next() on a step with neither
  std::optional<TimePoint> passed_at;
  // The log's last event when the check first held: what made it hold when
  // an event did (a sync, a commit), for "passed: after ..." (0: none yet).
  EventId passed_after = 0;
  bool skipped = false;         // the solution was run for the learner (never "passed")
  std::optional<TimePoint> skipped_at;  // when skip() was done waiting for the check
  bool solution_shown = false;
  int hints_shown = 0;
  std::optional<Answer> answer;
  TimePoint started;
};

// A command given to the lesson: the session's outcome, or refused by the
// step's deny (then `denied` is set, the outcome says why, nothing changed).
struct LessonOutcome {
  session::CommandOutcome outcome;
  const Deny* denied = nullptr;
};

// A denied command, for the record (recordings count them).
struct DeniedCommand {
  std::string step;
  std::string command;
  TimePoint at;
};

// The deny of `step` that refuses `line`, if any: its words are a prefix of
// the command's canonical words. A line that does not parse is not denied
// (the session refuses it anyway).
const Deny* find_deny(const Step& step, std::string_view line);

class LessonRun {
 public:
  // Builds the world and runs it to the lesson's start; step 1 is current.
  // `observer` (a recording) is told of everything from the world's time 0
  // on, the lesson's actions as marks; not owned.
  static Result<std::unique_ptr<LessonRun>> start(Lesson lesson, std::string lang = "en",
                                                  session::SessionObserver* observer = nullptr);
  ~LessonRun();
  LessonRun(const LessonRun&) = delete;
  LessonRun& operator=(const LessonRun&) = delete;

  const Lesson& lesson() const { return lesson_; }
  // For the clock (play, tick) and views. Commands go through run() so that
  // `deny` applies.
  session::Session& session() { return *session_; }
  const session::Session& session() const { return *session_; }
  const world::World& world() const { return session_->world(); }

  bool finished() const { return current_ >= lesson_.steps.size(); }
  std::size_t current() const { return current_; }
  const Step& step() const { return lesson_.steps.at(current_); }
  const StepProgress& progress(std::size_t i) const { return progress_.at(i); }
  const std::vector<DeniedCommand>& denied() const { return denied_; }
  // The current step's context (empty when finished).
  StepContext context() const;

  // --- doing ---------------------------------------------------------------
  // A command line at the current time; checked against the step's deny.
  LessonOutcome run(std::string_view line, const session::Issuer& by = {}, const world::StagedFiles& files = {});
  // Lets `d` of virtual time pass (through teaching pauses).
  void advance(Duration d);
  // Lets time pass, instant by instant, until the current step's check
  // holds or `deadline`; whether it holds. (Skip and verify wait this way.)
  bool wait_for_check(TimePoint deadline);
  // Answers the current question step (kept, right or wrong; the first
  // answer stands).
  Result<Answer> answer(int choice);
  // Moves to the next step once this one is passed, skipped or answered, or
  // has neither check nor question.
  Status next();

  // --- help ----------------------------------------------------------------
  // Past `within` with the check still not holding: the step says so.
  bool over_budget() const;
  // The next hint, one at a time; an error when none are left.
  Result<LocalizedText> next_hint();
  // The solution's commands, for the console; remembered.
  const std::vector<std::string>& show_solution();
  // Runs the solution (origin lesson-solution), then lets time pass until
  // the check holds or `within` from now is over. The step is skipped, not
  // passed. The outcomes of the commands run (stops at the first refused).
  std::vector<LessonOutcome> skip();
  // The world exactly as it was when the step started.
  Status reset();
  // As reset, then every command of this step again but the last.
  Status undo();

  // The current step's check against the world now (holds, what it saw).
  std::optional<scenario::CheckOutcome> check_now() const;

 private:
  LessonRun() = default;
  Result<std::unique_ptr<session::Session>> build_session(session::SessionObserver* observer);
  // A lesson action for the observer (if any).
  void mark(std::string kind, std::string detail = {}, bool replays = true, bool ok = true) const;
  Result<Answer> give_answer(int choice);
  // The current step may be left: passed, skipped, or neither check nor question.
  bool step_done() const;
  // A fresh session at the lesson's start, the journal's first `entries`
  // commands given again, then run to `to`.
  Status rebuild(std::size_t entries, TimePoint to);
  void begin_step();
  void on_moment(const world::World& w);
  bool check_holds(const world::World& w) const;
  void evaluate(const world::World& w);
  const std::string& text(const LocalizedText& t) const { return lang_ == "ko" ? t.ko : t.en; }

  Lesson lesson_;
  std::string lang_ = "en";
  std::unique_ptr<session::Session> session_;
  bool quiet_ = true;  // the world is being built or rebuilt: moments are not the learner's
  std::size_t current_ = 0;
  std::vector<StepProgress> progress_;
  std::map<std::string, Answer> answers_;
  std::vector<DeniedCommand> denied_;
  // What the learner's commands printed (the check context's `printed`),
  // each with the journal's size before it ran: a rebuild to fewer entries
  // drops what the commands undone printed.
  std::vector<std::pair<std::size_t, scenario::CheckContext::Printed>> printed_;
  std::size_t step_journal_ = 0;  // the session journal's size when the current step began
  EventId step_first_event_ = 0;
  // Event predicates' counts between evaluations (cleared with each step and
  // each rebuilt world); mutable because checking does not change the run.
  mutable scenario::CheckCache scan_;
};

}  // namespace gs::lesson
