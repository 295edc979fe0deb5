// The journal: every command a session was given, in the order given, with
// what it takes to give it again the same way — when (virtual time), where
// it came from, who gave it, its canonical text and the files staged with
// it — and how it went. A session built from the same scenario and fed the
// journal (Session::replay) gives the same event log, byte for byte: lessons
// rebuild a world from it (reset, undo), recordings store and replay it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/world/world.hpp"

namespace gs::session {

// Where a command came from. Timeline entries are journaled too (replay
// skips them: the scenario's timeline applies them again).
enum class Origin {
  Timeline,    // a scenario's `run:` entry
  Console,     // typed: the GUI's console, `gitops-sim exec`
  Gui,         // a button or key of the window (play, pause, step)
  LessonSolution,  // a lesson's solution, run by "skip" or "show solution" (sim/lesson)
  Instructor,      // an instructor's command in a class session
  FaultPalette,    // a fault the instructor (or a partner in break-fix) picked from the palette
};
inline constexpr Origin kOrigins[] = {Origin::Timeline,       Origin::Console,    Origin::Gui,
                                      Origin::LessonSolution, Origin::Instructor, Origin::FaultPalette};
// As recording-format.md names them: "timeline", "console", "gui",
// "lesson-solution", "instructor", "fault-palette".
std::string_view origin_name(Origin origin);
std::optional<Origin> parse_origin(std::string_view name);

// Who gives a command: where from, the participant ("" by default; pair
// mode names the driver) and their role then ("driver", "explainer" ...;
// "" outside pair mode). Neither changes what the command does.
struct Issuer {
  Origin origin = Origin::Console;
  std::string actor;
  std::string role;
};

struct JournalEntry {
  TimePoint at;                  // virtual time it was given (a command that lets time pass ends later)
  Origin origin = Origin::Console;
  std::string actor;
  std::string command;           // canonical text (Command::text()); the line as given when it did not parse
  world::StagedFiles files;      // staged with it: path -> content, or nullopt for a deletion
  bool ok = true;                // it ran; false: refused, and it changed nothing
  int exit_code = 0;             // the tool's: 0, or 1 (refused; or ran and said no, as a diff with differences)
  std::string role;              // the actor's role then (Issuer::role); last, so older initialisers still read
};

using Journal = std::vector<JournalEntry>;

}  // namespace gs::session
