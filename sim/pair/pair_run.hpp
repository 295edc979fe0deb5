// PairRun: pair mode around one session — who is at the keyboard (every
// command attributed to them and their role), the swaps marked in the
// recording ("role-swap"), a question step's Peer-Instruction vote
// ("vote" marks; the lesson then takes the pair's answer), and the
// break-fix exercise ("break-fix" marks; its refusals recorded as denied
// commands). The GUI and the terminal lesson drive it the same way: update()
// with a wall-clock reading before each frame or prompt, issuer() for each
// command, refusal() before running one. Pure logic over a Session or a
// LessonRun; wall time comes in as numbers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/lesson/runner.hpp"
#include "sim/pair/break_fix.hpp"
#include "sim/pair/pair_mode.hpp"
#include "sim/pair/vote.hpp"
#include "sim/session/session.hpp"

namespace gs::pair {

// The recording's participants: each name with the role they start in
// (names[0] drives).
std::vector<std::pair<std::string, std::string>> participants_of(const PairConfig& c);

class PairRun {
 public:
  PairRun(PairConfig config, std::int64_t wall_start_ms);

  PairMode& mode() { return mode_; }
  const PairMode& mode() const { return mode_; }
  // What the pair is doing now: the lesson's current step decides, else hands-on.
  Activity activity(const lesson::LessonRun* lesson) const;
  // Who gives a command from `origin` now: the partner at the keyboard, in
  // their role.
  session::Issuer issuer(session::Origin origin, const lesson::LessonRun* lesson) const;

  // Wall time moved on: the swaps due are marked on the session; a question
  // step gets its vote; break-fix looks at the world. The swaps made.
  std::vector<Swap> update(const session::Session& s, const lesson::LessonRun* lesson, std::int64_t wall_ms);
  // The pair asked to swap now (the countdown starts again); marked.
  Swap swap_now(const session::Session& s, const lesson::LessonRun* lesson, std::int64_t wall_ms);

  // Why `line` may not run now (break-fix's rules), if it may not.
  std::optional<LocalizedText> refusal(std::string_view line) const;
  // A command refused by refusal(): told to the recording as a denied
  // command (it never reached the session), and counted.
  void record_refused(const session::Session& s, const session::Issuer& by, std::string_view line,
                      const world::StagedFiles& files, const std::string& why) const;

  // --- Peer Instruction ------------------------------------------------------
  // A vote on a question of `choices` choices whose right one is `answer`
  // (a class plan's check question); a lesson's question step starts its own
  // in update(). Replaces any vote in progress.
  void start_vote(std::string question_id, int choices, int answer);
  const PeerVote* vote() const { return vote_.get(); }
  // Partner `who` answers (0-based choice); marked. When round 2 is done on
  // a lesson's question step, the lesson takes the pair's answer (the
  // driver's round-2 choice).
  Status cast(const session::Session& s, lesson::LessonRun* lesson, int who, int choice);

  // --- break-fix --------------------------------------------------------------
  // Starts the exercise with the palette's faults for this world; the
  // partner not at the keyboard breaks first (the one at it diagnoses).
  void start_break_fix(std::vector<FaultOption> palette);
  const BreakFix* break_fix() const { return break_fix_.get(); }
  // The breaker picks a fault: its commands run (origin fault-palette, the
  // breaker as actor), through the lesson when there is one; marked.
  Status pick_fault(session::Session& s, lesson::LessonRun* lesson, std::size_t index, std::int64_t wall_ms);
  // The fixer names a cause: right or wrong, marked; whether it was right.
  Result<bool> diagnose(const session::Session& s, const lesson::LessonRun* lesson, std::size_t index,
                        std::int64_t wall_ms);
  // The round is over (restored, or given up): swap breaker and fixer; marked.
  void next_break_fix_round(const session::Session& s, const lesson::LessonRun* lesson);
  void stop_break_fix() { break_fix_.reset(); }

 private:
  void mark(const session::Session& s, const lesson::LessonRun* lesson, std::string kind, std::string detail) const;
  void observe_world(const session::Session& s, const lesson::LessonRun* lesson, std::int64_t wall_ms);

  PairMode mode_;
  std::unique_ptr<PeerVote> vote_;
  bool vote_is_step_ = false;      // the vote is the lesson's current question step's
  std::string answered_step_;      // the last question step given the pair's answer
  std::unique_ptr<BreakFix> break_fix_;
  std::int64_t last_wall_ = 0;
};

}  // namespace gs::pair
