// TimeDriver: how the commands that let virtual time pass (`sim advance`,
// `argocd app wait`) and the clock commands (`sim pause`, `sim speed`) reach
// whoever drives the world. The world defines this interface and its
// commands call it; a Session (sim/session) implements it — time then passes
// through the scenario's timeline, its entries applied on the way, stopping
// at a teaching pause — and a World used without a session advances plainly.
// The bounds below are the command language's, so every driver refuses the
// same commands.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"

namespace gs::world {

// The speeds the clock offers: 1x real time up to 1000x.
inline constexpr int kClockSpeeds[] = {1, 10, 60, 300, 1000};
// "1, 10, 60, 300, 1000", for messages.
std::string clock_speeds_text();
// "60", "60x", "60×" -> 60. Only the offered speeds are accepted.
std::optional<int> parse_speed(std::string_view text);

// The longest stretch of virtual time one command may let pass. A virtual
// day covers every cycle the simulator models (polling is minutes, sync
// windows are daily schedules); a longer run is the same command again, and
// an unbounded one would grow the event log without limit.
inline constexpr Duration kMaxAdvance = Duration::hours(24);
// `argocd app wait` without --timeout waits at most this long (Argo CD's
// default of 0 waits forever; a run cannot), and --timeout may not exceed
// kMaxAdvance.
inline constexpr Duration kDefaultWait = Duration::hours(1);

// Why time stopped passing.
enum class TimeStop {
  Reached,        // the time asked for
  Met,            // the condition held (the instant it first held at is finished)
  TeachingPause,  // a scenario's teaching pause on the way (its entry applied)
};

class TimeDriver {
 public:
  virtual ~TimeDriver() = default;
  // Whether time may pass now: refused while time is already passing (a
  // command applied on the way may not let time pass in its turn). Commands
  // check this before they change anything.
  virtual Status time_may_pass() const = 0;
  // Lets virtual time pass to `to`, or to the first instant `until` holds
  // (when given), running the world task by task.
  virtual TimeStop pass_time(TimePoint to, const std::function<bool()>& until) = 0;
  // The clock that shows time passing to people; "" or a line to print.
  virtual std::string pause_clock() = 0;
  virtual std::string set_clock_speed(int speed) = 0;
};

}  // namespace gs::world
