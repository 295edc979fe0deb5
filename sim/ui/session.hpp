// Session: what the GUI runs — one scenario and the World built from it, the
// timeline applied at its virtual times exactly as the headless runner does
// (sim/scenario/runner.cpp), and the learner's clock: play/pause, speed,
// stepping, and the teaching pauses a scenario's `pause:` entries make.
// Wall-clock frame time reaches the world only through tick(), multiplied by
// the speed; the world itself stays virtual. Every change the GUI makes goes
// through run_command() in the command language and is kept in journal().
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::world {
class World;
}

namespace gs::ui {

// The speeds the clock offers (1x real time up to 1000x).
inline constexpr int kSpeeds[] = {1, 10, 60, 300, 1000};

struct CommandOutcome {
  bool ok = true;
  std::string output;  // what the tool prints, or the error
};

// One command the learner (or a GUI button) sent, at its virtual time.
struct JournalEntry {
  TimePoint at;
  std::string command;
  bool ok = true;
};

class Session {
 public:
  static Result<std::unique_ptr<Session>> create(scenario::Scenario scenario);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const scenario::Scenario& scenario() const { return scenario_; }
  const world::World& world() const { return *world_; }
  world::World& world() { return *world_; }
  TimePoint now() const;
  TimePoint end() const { return TimePoint{scenario_.end.ms}; }

  // --- the clock ---------------------------------------------------------------
  bool playing() const { return playing_; }
  void play();
  void pause() { playing_ = false; }
  int speed() const { return speed_; }
  void set_speed(int x);
  // The teaching pause being shown (a timeline `pause:` entry), if any.
  const std::optional<scenario::LocalizedText>& teaching_pause() const { return teaching_pause_; }
  // Clears the teaching pause and plays on.
  void resume();

  // Advances by wall-clock `wall_dt_s` seconds times the speed while playing.
  // Stops at a teaching pause and at the scenario's end. `enough` is the
  // frame's budget: when it says so the world stops between two steps and
  // the clock falls behind, catching up on later frames (never more than a
  // quarter second of wall time behind), so a busy moment slows the clock
  // rather than the frame.
  void tick(double wall_dt_s, const std::function<bool()>& enough = {});
  // Moves the world to `to`, applying timeline entries on the way. Stops
  // early at a teaching pause; returns false then.
  bool advance_to(TimePoint to);
  // The clock's aim while playing: now() unless the world is behind it.
  TimePoint target() const { return std::max(target_, now()); }
  // Moves to `to` through any teaching pauses on the way (for --at T); a
  // pause exactly at `to` stays shown.
  void run_through(TimePoint to);
  // Steps: to the next instant anything is scheduled (world or timeline), to
  // the next poll of any app, to the next teaching pause (or the end).
  void step_next_event();
  void step_next_poll();
  void run_to_next_pause();
  std::optional<TimePoint> next_event_time() const;
  std::optional<TimePoint> next_poll_time() const;
  std::optional<TimePoint> next_pause_time() const;

  // --- actions -----------------------------------------------------------------
  // Runs one line of the command language at the current time. `sim advance`,
  // `sim pause` and `sim speed` drive this session's clock (so the timeline
  // still applies); everything else goes to World::apply_text.
  CommandOutcome run_command(std::string_view line);
  const std::vector<JournalEntry>& journal() const { return journal_; }

  // Bumps whenever the world may have changed (time or state): views compare
  // it to decide whether their caches are stale.
  std::uint64_t version() const { return version_; }

 private:
  Session() = default;
  // Applies every timeline entry due at the world's current time (runner.cpp's
  // apply_entries_at). Returns false if one of them was a teaching pause.
  bool apply_due_entries();
  enum class Reached { Yes, TeachingPause, OutOfBudget };
  Reached advance_within(TimePoint to, const std::function<bool()>& enough);

  scenario::Scenario scenario_;
  std::unique_ptr<world::World> world_;
  std::size_t next_entry_ = 0;
  bool playing_ = false;
  int speed_ = 10;
  double carry_ms_ = 0;  // fraction of a millisecond carried between ticks
  TimePoint target_{0};  // where the playing clock is heading
  std::optional<scenario::LocalizedText> teaching_pause_;
  std::vector<JournalEntry> journal_;
  std::uint64_t version_ = 1;
};

// "1", "10x", "60×" -> 60. Only the offered speeds are accepted.
std::optional<int> parse_speed(std::string_view text);

}  // namespace gs::ui
