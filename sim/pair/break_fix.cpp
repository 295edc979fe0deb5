// The break-fix exercise's state machine (break_fix.hpp).
#include "sim/pair/break_fix.hpp"

#include <algorithm>

#include "sim/world/command.hpp"
#include "sim/world/world.hpp"

namespace gs::pair {

std::string_view break_fix_phase_name(BreakFix::Phase p) {
  switch (p) {
    case BreakFix::Phase::Pick: return "pick";
    case BreakFix::Phase::Diagnose: return "diagnose";
    case BreakFix::Phase::Fix: return "fix";
    case BreakFix::Phase::Restored: return "restored";
  }
  return "pick";
}

bool all_synced_healthy(const world::World& w) {
  const auto names = w.app_names();
  if (names.empty()) return false;
  for (const auto& n : names) {
    const auto v = w.app_view(n);
    if (!v || v->sync != "Synced") return false;
    if (!v->health.empty() && v->health != "Healthy") return false;
  }
  return true;
}

BreakFix::BreakFix(std::array<std::string, 2> names, std::vector<FaultOption> palette, int first_breaker)
    : names_(std::move(names)), palette_(std::move(palette)), breaker_(first_breaker == 1 ? 1 : 0) {}

const FaultOption* BreakFix::fault() const { return fault_ ? &palette_[*fault_] : nullptr; }

namespace {
std::string bf_word(std::string s) {
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}
}  // namespace

std::string BreakFix::words() const {
  return "round=" + std::to_string(round_) + " breaker=" + bf_word(name(breaker_)) + " fixer=" + bf_word(name(fixer())) +
         " fault=" + (fault_ ? bf_word(palette_[*fault_].id) : std::string("-"));
}

Result<BreakFix::Picked> BreakFix::pick(std::size_t index, std::int64_t wall_ms, TimePoint now) {
  if (phase_ != Phase::Pick) return Error("a fault is already in play in this round");
  if (index >= palette_.size()) {
    return Error("no fault " + std::to_string(index + 1) + ": the palette has " + std::to_string(palette_.size()));
  }
  fault_ = index;
  phase_ = Phase::Diagnose;
  start_wall_ = wall_ms;
  start_at_ = now;
  diag_wall_.reset();
  diag_virtual_.reset();
  restore_wall_.reset();
  restore_virtual_.reset();
  wrong_ = 0;
  broken_seen_ = false;
  return Picked{palette_[index].commands, "start " + words()};
}

std::optional<scenario::LocalizedText> BreakFix::refusal(std::string_view line) const {
  if (phase_ != Phase::Diagnose && phase_ != Phase::Fix) return std::nullopt;
  auto cmd = world::parse_command(line);
  if (!cmd) return std::nullopt;  // the session refuses it anyway, saying why
  if (cmd->spec->read_only) return std::nullopt;
  if (!cmd->path.empty() && cmd->path.front() == "sim") return std::nullopt;  // time passing changes nothing by hand
  if (phase_ == Phase::Diagnose) {
    return scenario::LocalizedText{
        "diagnosing: read-only commands only (argocd app get, kubectl get, git log ...); name the cause first",
        "진단 중에는 읽기 전용 명령만 씁니다(argocd app get, kubectl get, git log ...). 먼저 원인을 고르세요"};
  }
  const std::string& tool = cmd->path.front();
  if (tool == "kubectl" || tool == "fault") {
    return scenario::LocalizedText{"fix it through Git or Argo CD, not by hand in the cluster",
                                   "클러스터를 손으로 고치지 말고 Git이나 Argo CD로 고치세요"};
  }
  return std::nullopt;
}

Result<BreakFix::Diagnosis> BreakFix::diagnose(std::size_t index, std::int64_t wall_ms, TimePoint now) {
  if (phase_ != Phase::Diagnose) return Error("nothing to diagnose now");
  if (index >= palette_.size()) {
    return Error("no fault " + std::to_string(index + 1) + ": the palette has " + std::to_string(palette_.size()));
  }
  if (index != *fault_) {
    ++wrong_;
    return Diagnosis{false, "wrong-guess " + words() + " guess=" + bf_word(palette_[index].id)};
  }
  diag_wall_ = wall_ms - start_wall_;
  diag_virtual_ = (now - start_at_).ms;
  phase_ = Phase::Fix;
  return Diagnosis{true, "diagnosed " + words() + " wall_ms=" + std::to_string(*diag_wall_) +
                             " virtual_ms=" + std::to_string(*diag_virtual_) + " wrong=" + std::to_string(wrong_)};
}

std::optional<std::string> BreakFix::observe(bool all_green, std::int64_t wall_ms, TimePoint now) {
  if (phase_ != Phase::Diagnose && phase_ != Phase::Fix) return std::nullopt;
  if (!all_green) {
    broken_seen_ = true;
    return std::nullopt;
  }
  if (phase_ != Phase::Fix || !broken_seen_) return std::nullopt;
  restore_wall_ = wall_ms - start_wall_;
  restore_virtual_ = (now - start_at_).ms;
  phase_ = Phase::Restored;
  return "restored " + words() + " wall_ms=" + std::to_string(*restore_wall_) +
         " virtual_ms=" + std::to_string(*restore_virtual_);
}

std::string BreakFix::next_round() {
  if (fault_) {
    history_.push_back(RoundResult{round_, name(breaker_), name(fixer()), palette_[*fault_].id, diag_wall_,
                                   diag_virtual_, restore_wall_, restore_virtual_, wrong_});
  }
  const std::string detail = std::string(phase_ == Phase::Restored ? "swap " : "give-up ") + words();
  breaker_ = fixer();
  ++round_;
  phase_ = Phase::Pick;
  fault_.reset();
  return detail;
}

}  // namespace gs::pair
