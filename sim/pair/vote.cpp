// Peer Instruction votes (vote.hpp).
#include "sim/pair/vote.hpp"

#include <algorithm>

namespace gs::pair {

PeerVote::PeerVote(std::string question_id, int choices, int answer, std::array<std::string, 2> names)
    : question_(std::move(question_id)), choices_(std::max(2, choices)), answer_(answer), names_(std::move(names)) {}

bool PeerVote::round_complete() const {
  if (phase_ == Phase::Done) return true;
  const auto& r = votes_[static_cast<std::size_t>(round() - 1)];
  return r[0].has_value() && r[1].has_value();
}

Result<std::string> PeerVote::cast(int who, int choice) {
  if (phase_ == Phase::Done) return Error("the vote is over: both rounds are answered");
  if (who < 0 || who > 1) return Error("no such partner");
  if (choice < 0 || choice >= choices_) {
    return Error("choice " + std::to_string(choice + 1) + " is out of range: expected 1.." + std::to_string(choices_));
  }
  auto& slot = votes_[static_cast<std::size_t>(round() - 1)][static_cast<std::size_t>(who)];
  if (slot) return Error(names_[static_cast<std::size_t>(who)] + " already answered in round " + std::to_string(round()));
  slot = choice;
  const std::string detail = vote_detail(question_, round(), names_[static_cast<std::size_t>(who)], choice, choices_,
                                         choice == answer_);
  if (round_complete()) phase_ = phase_ == Phase::Round1 ? Phase::Round2 : Phase::Done;
  return detail;
}

std::optional<int> PeerVote::choice(int round, int who) const {
  if (round < 1 || round > 2 || who < 0 || who > 1) return std::nullopt;
  return votes_[static_cast<std::size_t>(round - 1)][static_cast<std::size_t>(who)];
}

bool PeerVote::revealed(int round) const {
  if (round < 1 || round > 2) return false;
  const auto& r = votes_[static_cast<std::size_t>(round - 1)];
  return r[0].has_value() && r[1].has_value();
}

std::optional<int> PeerVote::pair_answer(int driver) const {
  if (phase_ != Phase::Done) return std::nullopt;
  return choice(2, driver);
}

std::vector<int> PeerVote::counts(int round) const {
  std::vector<int> out(static_cast<std::size_t>(choices_), 0);
  for (int who = 0; who < 2; ++who) {
    if (auto c = choice(round, who)) ++out[static_cast<std::size_t>(*c)];
  }
  return out;
}

std::string vote_detail(const std::string& question, int round, const std::string& who, int choice, int of,
                        bool correct) {
  std::string w = who;
  std::replace(w.begin(), w.end(), ' ', '_');
  return "question=" + question + " round=" + std::to_string(round) + " who=" + w +
          " choice=" + std::to_string(choice + 1) + " of=" + std::to_string(of) + " correct=" + (correct ? "1" : "0");
}

}  // namespace gs::pair
