// Session: the one driver of a world. It holds one scenario and the World
// built from it, and it alone moves virtual time: the timeline's entries are
// applied at their times, teaching pauses stop the clock, and the commands
// that let time pass (`sim advance`, `argocd app wait`) pass through the
// same timeline, because the session is the world's TimeDriver. Every
// command goes through run() and is kept in the journal. The headless runner
// (runner.hpp), `gitops-sim exec`, the GUI, lessons and replay all drive the
// world through a Session, so the same commands at the same times give the
// same event log in all of them, byte for byte.
//
// The clock (play/pause, speed, stepping) is for people: wall-clock frame
// time reaches the world only through tick(), times the speed. It changes
// nothing in the world by itself.
//
// A teaching pause on the way of a command that lets time pass stops it
// there, as it stops the playing clock: its entry is applied (a Paused
// event), the pause is shown, and the command says where it stopped and
// exits 1 (`argocd app wait`: the app is not yet where asked). The learner
// sees the question before the answer, and since no driver decides this by
// a clock only the GUI has, the runner, exec and the GUI stay identical.
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
#include "sim/session/journal.hpp"
#include "sim/session/observer.hpp"
#include "sim/world/time_driver.hpp"

namespace gs::world {
class World;
}

namespace gs::session {

struct CommandOutcome {
  bool ok = true;      // false: refused (it changed nothing); output holds the error
  int exit_code = 0;   // the tool's exit code (1 when refused)
  std::string output;  // what the tool prints, or the error
};

struct SessionOptions {
  std::optional<std::uint64_t> seed;  // instead of the scenario's
  // Called after each instant at which something ran, from the first (time
  // 0) on, whoever moved time: the checks of `by:`/`never:` and lessons.
  std::function<void(const world::World&, TimePoint)> on_moment;
  // Called after each timeline entry is applied (a scripted command changes
  // the world between two instants): lessons check their step then too.
  std::function<void(const world::World&)> on_entry;
  // Told of every command, instant and clock action from the start (time 0)
  // on: a recording. Not owned; it must outlive the session or be detached.
  SessionObserver* observer = nullptr;
};

class Session final : private world::TimeDriver {
 public:
  // Builds the world and runs time 0 (its timeline entries included).
  static Result<std::unique_ptr<Session>> create(scenario::Scenario scenario, SessionOptions options = {});
  ~Session() override;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const scenario::Scenario& scenario() const { return scenario_; }
  const world::World& world() const { return *world_; }
  world::World& world() { return *world_; }
  TimePoint now() const;
  TimePoint end() const { return TimePoint{scenario_.end.ms}; }

  // --- commands ------------------------------------------------------------------
  // Runs one line of the command language at the current time, and journals
  // it. `files` are staged with it (for `git commit`, `kubectl apply -f`).
  CommandOutcome run(std::string_view line, const Issuer& by = {}, const world::StagedFiles& files = {});
  const Journal& journal() const { return journal_; }
  SessionObserver* observer() const { return observer_; }
  // Attaches (or with nullptr detaches) the observer; it is not told of what
  // happened before.
  void set_observer(SessionObserver* observer) { observer_ = observer; }
  // A clock or learner action, for the observer (lessons, the GUI).
  void mark(const Mark& m) const;
  // Gives a journal's commands again, each at its time (moving there through
  // the timeline and its pauses first); timeline entries are skipped. An
  // error names the first entry that went differently (ok or exit code) or
  // whose time is already past.
  Status replay(const Journal& journal);

  // --- the clock -------------------------------------------------------------------
  bool playing() const { return playing_; }
  void play();
  void pause();
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
  // Moves to `to` through any teaching pauses on the way (for --at T, and
  // between a journal's commands); a pause exactly at `to` stays shown.
  void run_through(TimePoint to);
  // Steps: to the next instant anything is scheduled (world or timeline), to
  // the next poll of any app, to the next teaching pause (or the end).
  void step_next_event();
  void step_next_poll();
  void run_to_next_pause();
  std::optional<TimePoint> next_event_time() const;
  std::optional<TimePoint> next_poll_time() const;
  std::optional<TimePoint> next_pause_time() const;

  // Bumps whenever the world may have changed (time or state): views compare
  // it to decide whether their caches are stale.
  std::uint64_t version() const { return version_; }

 private:
  Session() = default;

  // --- world::TimeDriver: what `sim advance`, `argocd app wait`, `sim pause`
  // and `sim speed` call from inside World::apply.
  Status time_may_pass() const override;
  world::TimeStop pass_time(TimePoint to, const std::function<bool()>& until) override;
  std::string pause_clock() override;
  std::string set_clock_speed(int speed) override;

  enum class Reached { Yes, Met, TeachingPause, OutOfBudget };
  // How the world runs from now to a time: plainly, within a frame's budget,
  // or until a condition holds.
  using WorldStep = std::function<Reached(TimePoint)>;
  // The one walk through the timeline: the world runs to the next entry, the
  // entries due then are applied, and so on to `to`; a teaching pause stops it.
  Reached move_to(TimePoint to, const WorldStep& step);
  WorldStep within(const std::function<bool()>& enough);
  // Applies every timeline entry due at the world's current time. Returns
  // false if one of them was a teaching pause.
  bool apply_due_entries();
  // The one place that says what a timeline entry does: notes, pauses, what a
  // command printed and a command that failed are recorded as events.
  void apply_timeline_entry(const scenario::TimelineEntry& entry);

  scenario::Scenario scenario_;
  std::unique_ptr<world::World> world_;
  std::function<void(const world::World&, TimePoint)> on_moment_;
  std::function<void(TimePoint)> world_moment_;  // on_moment_ as World::advance takes it
  std::function<void(const world::World&)> on_entry_;
  std::size_t next_entry_ = 0;
  bool playing_ = false;
  bool passing_time_ = false;  // inside pass_time: a command applied on the way may not nest another
  int speed_ = 10;
  double carry_ms_ = 0;  // fraction of a millisecond carried between ticks
  TimePoint target_{0};  // where the playing clock is heading
  std::optional<scenario::LocalizedText> teaching_pause_;
  Journal journal_;
  std::uint64_t version_ = 1;
  SessionObserver* observer_ = nullptr;
};

}  // namespace gs::session
