// SessionObserver: what a session tells whoever keeps its record (a
// recording, sim/record; the checker of a replay). The driver calls it, so
// the GUI, the headless runner, exec and lessons are recorded the same way:
// every command given (not the timeline's: the source applies those again),
// every instant the world ran (the events so far), the clock's and the
// learner's actions ("marks"), and a lesson's world being rebuilt from its
// start (reset, undo), after which the event log starts over.
#pragma once

#include <optional>
#include <string>

#include "sim/core/duration.hpp"
#include "sim/session/journal.hpp"

namespace gs::world {
class World;
}

namespace gs::session {

struct CommandOutcome;  // session.hpp

// A clock or learner action. `replays`: giving it again is part of giving
// the session again (a lesson's hint, answer, next, skip, reset, undo: they
// change what the run does next); the others (play, pause, speed, step,
// bookmark, a step passing) are for the debrief only.
struct Mark {
  std::string kind;    // see recording-format.md: play, pause, speed, step, hint, solution, skip, answer, next,
                       // reset, undo, passed, check, bookmark, role-swap
  std::string detail;  // the speed, the choice answered, a bookmark's note ...
  std::string step;    // the lesson step it belongs to, "" outside lessons
  bool replays = false;
  bool ok = true;      // false: refused (an answer out of range, undo with nothing to undo)
};

class SessionObserver {
 public:
  virtual ~SessionObserver() = default;
  // A command given through the session (or refused before it, as a
  // lesson's deny: then `denied` and the entry is not in the journal).
  virtual void on_command(const world::World& w, const JournalEntry& entry, const CommandOutcome& out,
                          bool denied) = 0;
  // After each instant the world ran, and after each timeline entry.
  virtual void on_moment(const world::World& w) = 0;
  virtual void on_mark(const world::World& w, const Mark& mark) = 0;
  // The world was built anew (a lesson's reset or undo): its log starts over.
  virtual void on_rebuild(const world::World& w) = 0;
  // Between begin and end, commands are part of an action that replays
  // them itself (a lesson's skip runs the step's solution).
  virtual void begin_nested() = 0;
  virtual void end_nested() = 0;
  // The SHA-256 of the world's whole event stream, if the observer keeps it
  // anyway (a recorder hashes every event as it writes it): `run` then does
  // not serialise the log a second time for its hash.
  virtual std::optional<std::string> event_stream_hash(const world::World&) { return std::nullopt; }
};

}  // namespace gs::session
