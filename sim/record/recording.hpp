// A recording (recording-format.md): one SQLite file (.gsrec) holding what
// it takes to give a session again exactly — its source files' bytes, the
// seed, every command and action with its virtual and wall time and who
// gave it — and what helps a debrief: participants, checkpoints (event
// counts and SHA-256 of the event stream), and the event log itself, a
// cache that replay rebuilds and checks. This header is the reader; the
// writer is recorder.hpp, giving a session again replayer.hpp.
//
// Time on a recording's axis ("pos") is virtual time passed in the session:
// it equals the world's time, except that a lesson's reset or undo, which
// takes the world back to an earlier moment, does not take the axis back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/record/sqlite.hpp"
#include "sim/session/journal.hpp"

namespace gs::record {

// Schema versions this build reads; it writes the last.
inline constexpr int kSchemaVersion = 2;
// SQLite's application_id of a recording ("gsrc"): any other database is not one.
inline constexpr std::int64_t kApplicationId = 0x67737263;
inline constexpr const char* kFileExtension = ".gsrec";

// A recording's source kinds.
inline constexpr const char* kKindScenario = "scenario";
inline constexpr const char* kKindLesson = "lesson";

struct Participant {
  std::string name;
  std::string role;  // "learner", "driver", "navigator", "instructor" ...
};

// One row of the session: a command (kind "command") or a mark (the clock's
// and learner's actions: play, pause, speed, step, hint, solution, skip,
// answer, next, reset, undo, passed, bookmark, role-swap).
struct Action {
  std::int64_t seq = 0;    // 1, 2, ... in the order they were written (a command when it ended)
  int epoch = 0;           // the world's build it happened in (a lesson's reset or undo starts the next)
  std::int64_t pos_ms = 0; // on the recording's axis
  std::int64_t at_ms = 0;  // the world's virtual time
  std::int64_t wall_ms = 0;  // wall time since the recording began
  std::string kind;
  // Commands.
  session::Origin origin = session::Origin::Console;
  std::string actor;
  std::string role;
  std::string text;
  world::StagedFiles files;
  bool ok = true;
  int exit_code = 0;
  std::string output;
  bool denied = false;  // refused by the lesson step's deny (never reached the session)
  bool nested = false;  // run by another action (a lesson's skip), which replays it
  // Marks.
  std::string step;
  std::string detail;
  bool replays = false;

  bool is_command() const { return kind == "command"; }
};

struct Checkpoint {
  int epoch = 0;
  std::int64_t events = 0;  // events in the epoch's log so far
  std::int64_t pos_ms = 0;
  std::int64_t at_ms = 0;
  std::string hash;         // SHA-256 of the epoch's first `events` events as JSON lines
};

struct StoredEvent {
  std::int64_t index = 0;  // 0-based in its epoch
  std::int64_t t_ms = 0;
  std::string json;        // world::event_to_json
};

// What a recording says about itself.
struct RecordingInfo {
  int schema_version = kSchemaVersion;
  std::string made_by;      // "gitops-sim 0.1.0"
  std::string kind;         // kKindScenario or kKindLesson
  std::string source;       // the main file's name, as it was loaded
  std::optional<std::uint64_t> seed;  // a seed given instead of the source's
  std::string lang = "en";
  std::string name;         // the scenario's or lesson's metadata.name
  std::string title;
  std::string started;      // wall-clock start, UTC, ISO 8601
  std::string parent;       // a fork's: the recording it was taken over from
  std::optional<std::int64_t> parent_pos_ms;  // and where on its axis
  bool closed = false;      // false: the session did not end cleanly (killed, crashed)
  std::int64_t end_pos_ms = 0;  // the last committed moment
  std::int64_t end_at_ms = 0;
  std::int64_t wall_ms = 0;     // wall time recorded
  int epochs = 1;
};

class Recording {
 public:
  // Opens read-only (the file is never changed). Exit-2 errors, one line:
  // no such file, not a recording, truncated or damaged, an unknown schema
  // version, a source whose bytes do not match its SHA-256.
  static Result<Recording> open(const std::filesystem::path& file);

  const std::filesystem::path& file() const { return db_.file(); }
  const RecordingInfo& info() const { return info_; }
  // Every file the source read, by the name it was read under.
  const std::map<std::string, std::string>& sources() const { return sources_; }
  const std::vector<Participant>& participants() const { return participants_; }
  // In the order of the recording's axis (pos_ms, then seq): a command
  // that let time pass sorts where it began, before what happened during it.
  const std::vector<Action>& actions() const { return actions_; }
  const std::vector<Checkpoint>& checkpoints() const { return checkpoints_; }
  // The stored event log of one epoch (0-based), in order.
  Result<std::vector<StoredEvent>> events(int epoch) const;
  std::int64_t event_count(int epoch) const;

 private:
  sql::Db db_;
  RecordingInfo info_;
  std::map<std::string, std::string> sources_;
  std::vector<Participant> participants_;
  std::vector<Action> actions_;
  std::vector<Checkpoint> checkpoints_;
};

// SHA-256 as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace gs::record
