// Peer Instruction (Mazur) for a pair: each partner answers a question
// alone first (round 1; neither sees the other's answer until both have
// answered), then they discuss and answer again (round 2). Both rounds are
// kept, each answer a "vote" mark for the recording:
// "question=predict round=1 who=Mina choice=2 of=3 correct=0" (choice
// 1-based, as people count; `of`: how many choices).
// A lesson's question step takes the pair's answer (the driver's round-2
// choice) once round 2 is done; a class plan's check question is asked the
// same way. Pure logic.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"

namespace gs::pair {

class PeerVote {
 public:
  enum class Phase { Round1, Round2, Done };

  // A question with `choices` choices (at least two), `answer` the right
  // one (0-based), for the partners `names`.
  PeerVote(std::string question_id, int choices, int answer, std::array<std::string, 2> names);

  const std::string& question() const { return question_; }
  int choices() const { return choices_; }
  int answer() const { return answer_; }
  Phase phase() const { return phase_; }
  int round() const { return phase_ == Phase::Round1 ? 1 : 2; }

  // Partner `who` (0 or 1) answers `choice` (0-based) in the current round.
  // An error for a choice out of range, a partner who already answered in
  // this round, or a vote that is done. The mark's detail on success.
  Result<std::string> cast(int who, int choice);
  // Both answered in the round: round 1 moves on to round 2 (the answers
  // are shown: they discuss), round 2 to done.
  bool round_complete() const;

  // What partner `who` answered in round 1 or 2 (nullopt: not yet).
  std::optional<int> choice(int round, int who) const;
  // Whether an answer may be shown: a round's answers are hidden until both
  // partners have answered it.
  bool revealed(int round) const;
  // The pair's answer once done: the round-2 choice of `driver`.
  std::optional<int> pair_answer(int driver) const;
  // Per choice, how many answered it in a round (both partners).
  std::vector<int> counts(int round) const;

 private:
  std::string question_;
  int choices_ = 2, answer_ = 0;
  std::array<std::string, 2> names_;
  Phase phase_ = Phase::Round1;
  std::array<std::array<std::optional<int>, 2>, 2> votes_;  // [round-1][who]
};

// The mark's detail for one vote (pair_mode's words: spaces in a name as '_').
std::string vote_detail(const std::string& question, int round, const std::string& who, int choice, int of,
                        bool correct);

}  // namespace gs::pair
