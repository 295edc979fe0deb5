// Pair mode (issue 11): two partners at one keyboard, roles from the
// lecture — explainer and questioner while they discuss, driver and
// navigator while they do a hands-on step — swapped every few minutes of
// wall time, with a countdown and a hand-over moment the window shows until
// it is acknowledged or a few seconds pass. Pure logic: the caller passes
// wall-clock readings in milliseconds (the GUI its frame clock, tests
// numbers), so nothing here reads a clock.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::pair {

using scenario::LocalizedText;

// What the pair is doing now, which names the roles.
enum class Activity {
  Discussion,  // a question or a reading step, a discussion prompt: explainer / questioner
  HandsOn,     // a step with a check, a scenario: driver / navigator
};

enum class Role { Driver, Navigator, Explainer, Questioner };
// As recordings store them: "driver", "navigator", "explainer", "questioner".
std::string_view role_name(Role r);
// "Driver" / "드라이버", "Navigator" / "내비게이터", "Explainer" / "설명자", "Questioner" / "질문자".
std::string_view role_label(Role r, std::string_view lang);

// The one at the keyboard (or explaining) and the other, for an activity.
inline Role active_role(Activity a) { return a == Activity::HandsOn ? Role::Driver : Role::Explainer; }
inline Role other_role(Activity a) { return a == Activity::HandsOn ? Role::Navigator : Role::Questioner; }

inline constexpr std::int64_t kDefaultSwapMs = 3 * 60'000;  // the lecture: every 3 minutes
inline constexpr std::int64_t kBannerMs = 6'000;            // the hand-over banner, unless acknowledged sooner
inline constexpr std::int64_t kMinSwapMs = 10'000;          // shorter is no time to do anything

struct PairConfig {
  std::array<std::string, 2> names;  // names[0] starts at the keyboard
  std::int64_t swap_every_ms = kDefaultSwapMs;
};

// `--pair "Mina,Joon"` and `--swap 3m`: two different non-empty names (no
// control characters, at most 40 bytes each) and a duration of at least 10s.
// The error names the flag and what was expected.
Result<PairConfig> parse_pair(std::string_view names, std::string_view swap = "");

// One hand-over.
struct Swap {
  int to = 0;                 // the partner now at the keyboard (0 or 1)
  std::int64_t wall_ms = 0;   // when it was due
  int number = 0;             // 1, 2, ... since the pair began
};

class PairMode {
 public:
  // The pair begins at `wall_start_ms`: names[0] at the keyboard.
  PairMode(PairConfig config, std::int64_t wall_start_ms);

  const PairConfig& config() const { return config_; }
  const std::string& name(int who) const { return config_.names.at(static_cast<std::size_t>(who)); }
  // The partner at the keyboard now (the driver, or the explainer): 0 or 1.
  int active() const { return active_; }
  Role role_of(int who, Activity a) const { return who == active_ ? active_role(a) : other_role(a); }
  // The partner given by name, if one of the two.
  std::optional<int> find(std::string_view name) const;

  // Wall time moved to `wall_ms`: the swaps due since the last call, in
  // order (a long gap — the window was asleep — gives one per interval).
  std::vector<Swap> update(std::int64_t wall_ms);
  // Wall time left until the next swap (0 when due).
  std::int64_t remaining_ms(std::int64_t wall_ms) const;
  // Swaps now, whatever the countdown says (the pair asked), and starts the
  // countdown again.
  Swap swap_now(std::int64_t wall_ms);
  // The hand-over moment: the last swap, shown until acknowledged or
  // kBannerMs passed.
  std::optional<Swap> banner(std::int64_t wall_ms) const;
  void acknowledge() { acknowledged_ = swaps_; }
  int swaps() const { return swaps_; }

 private:
  Swap do_swap(std::int64_t due_ms);

  PairConfig config_;
  int active_ = 0;
  std::int64_t next_swap_ms_ = 0;
  int swaps_ = 0;
  int acknowledged_ = 0;
  std::optional<Swap> last_;
};

// "Swap: Mina drives now" / "교대: 이제 민아가 운전합니다" (the explainer's
// wording in a discussion).
std::string swap_banner(const PairMode& p, const Swap& s, Activity a, std::string_view lang);
// The role-swap mark's detail: "to=Mina from=Joon roles=driver/navigator n=2".
std::string swap_detail(const PairMode& p, const Swap& s, Activity a);
// "2:41": minutes and seconds of a countdown.
std::string countdown_text(std::int64_t ms);
// A name with the Korean subject particle its last syllable takes: "민아가",
// "준이" ("Mina가" for a name not in Hangul).
std::string ko_subject(std::string_view name);

}  // namespace gs::pair
