// The break-fix exercise (issue 11): one partner (the breaker) picks a
// hidden fault from the fault palette; the other (the fixer) diagnoses it
// with read-only commands only — a command that changes the world is
// refused while diagnosing, as a lesson step's `deny` refuses — and names
// the cause among the palette's faults; then fixes it through Git or Argo
// CD (changing the cluster by hand with kubectl, or injecting faults, is
// refused). The time to diagnose (fault → right diagnosis) and to restore
// (fault → every app Synced and Healthy again, after it had broken) are
// kept in wall and virtual time; then the partners swap and play again.
// Each moment is a "break-fix" mark for the recording:
//   "start round=1 breaker=Mina fixer=Joon fault=bad-image"
//   "diagnosed round=1 ... fault=bad-image wall_ms=45000 virtual_ms=0 wrong=1"
//   "restored round=1 ... fault=bad-image wall_ms=98000 virtual_ms=120000"
// Pure logic: the caller runs the fault's commands, passes wall-clock
// readings, and asks whether the world is restored.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/world/world.hpp"

namespace gs::world {
class World;
}

namespace gs::pair {

// A line of the command language that causes a fault, and the files
// staged with it (a commit that writes a broken manifest).
struct FaultLine {
  std::string line;
  world::StagedFiles files;
};

// One fault the breaker may pick: what it is called, and the commands that
// cause it in the world at hand (the fault palette's, for this scenario).
struct FaultOption {
  std::string id;                  // "bad-image", "hand-scale" ... (the palette's)
  scenario::LocalizedText title;   // what the fixer names it
  std::vector<FaultLine> commands;
};

// Every application Synced and Healthy (an app with no health: Synced). A
// world with no application is not "restored": there is nothing to see.
bool all_synced_healthy(const world::World& w);

class BreakFix {
 public:
  enum class Phase {
    Pick,      // the breaker chooses a fault (the fixer looks away)
    Diagnose,  // read-only commands; the fixer names the cause
    Fix,       // named: fix it through Git or Argo CD
    Restored,  // every app Synced and Healthy again; swap for the next round
  };

  BreakFix(std::array<std::string, 2> names, std::vector<FaultOption> palette, int first_breaker = 0);

  Phase phase() const { return phase_; }
  int round() const { return round_; }
  int breaker() const { return breaker_; }
  int fixer() const { return 1 - breaker_; }
  const std::string& name(int who) const { return names_.at(static_cast<std::size_t>(who)); }
  const std::vector<FaultOption>& palette() const { return palette_; }
  // The fault picked this round (the fixer's screen must not show it until diagnosed).
  const FaultOption* fault() const;

  // The breaker picks fault `index`: its commands, for the caller to run
  // (origin fault-palette, actor the breaker); then the mark's detail.
  struct Picked {
    std::vector<FaultLine> commands;
    std::string detail;
  };
  Result<Picked> pick(std::size_t index, std::int64_t wall_ms, TimePoint now);
  // Whether `line` may run now; the reason to refuse it otherwise (English
  // and Korean). Clock commands (sim advance, pause, speed) always may.
  std::optional<scenario::LocalizedText> refusal(std::string_view line) const;
  // The fixer names the cause: right moves on to Fix; wrong stays in
  // Diagnose, counted. Either way a mark's detail ("diagnosed ..." or
  // "wrong-guess ...").
  struct Diagnosis {
    bool right = false;
    std::string detail;  // the mark's detail ("diagnosed ..." or "wrong-guess ...")
  };
  Result<Diagnosis> diagnose(std::size_t index, std::int64_t wall_ms, TimePoint now);
  // After each command and each frame: the world seen broken (some app not
  // Synced and Healthy) since the fault, and once diagnosed, restored. The
  // mark's detail the moment it is restored.
  std::optional<std::string> observe(bool all_green, std::int64_t wall_ms, TimePoint now);
  // Restored (or given up): the partners swap, the next round starts at Pick.
  // The mark's detail ("swap ...").
  std::string next_round();

  // This round's times (nullopt: not yet).
  std::optional<std::int64_t> diagnose_wall_ms() const { return diag_wall_; }
  std::optional<std::int64_t> diagnose_virtual_ms() const { return diag_virtual_; }
  std::optional<std::int64_t> restore_wall_ms() const { return restore_wall_; }
  std::optional<std::int64_t> restore_virtual_ms() const { return restore_virtual_; }
  int wrong_guesses() const { return wrong_; }
  bool broken_seen() const { return broken_seen_; }

  // The rounds done so far, for the panel's table.
  struct RoundResult {
    int round = 0;
    std::string breaker, fixer, fault;
    std::optional<std::int64_t> diagnose_wall_ms, diagnose_virtual_ms, restore_wall_ms, restore_virtual_ms;
    int wrong = 0;
  };
  const std::vector<RoundResult>& history() const { return history_; }

 private:
  std::string words() const;  // "round=1 breaker=Mina fixer=Joon fault=bad-image"

  std::array<std::string, 2> names_;
  std::vector<FaultOption> palette_;
  int breaker_ = 0;
  int round_ = 1;
  Phase phase_ = Phase::Pick;
  std::optional<std::size_t> fault_;
  std::int64_t start_wall_ = 0;
  TimePoint start_at_{0};
  std::optional<std::int64_t> diag_wall_, diag_virtual_, restore_wall_, restore_virtual_;
  int wrong_ = 0;
  bool broken_seen_ = false;
  std::vector<RoundResult> history_;
};

std::string_view break_fix_phase_name(BreakFix::Phase p);  // "pick", "diagnose", "fix", "restored"

}  // namespace gs::pair
