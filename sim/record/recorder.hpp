// The recorder: writes a session to a recording as it happens. It is the
// session's observer (session/observer.hpp), so whatever drives the session
// — the GUI, `run`, a lesson in the terminal — is recorded the same way.
//
// SQLite in WAL mode; one transaction is committed at every command and
// every learner action, and otherwise at least once a second of wall time
// while the world runs. A process killed with kill -9 leaves a file that
// opens and replays up to its last commit. A write that fails (disk full)
// stops the recording, never the session: error() says why.
#pragma once

#include <openssl/evp.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/sqlite.hpp"
#include "sim/session/observer.hpp"

namespace gs::record {

// What a recording starts with.
struct RecordingHeader {
  std::string kind = kKindScenario;
  std::string source;                          // the main file's name as loaded
  std::map<std::string, std::string> sources;  // every file read: name -> bytes (scenario::KeepingFiles)
  std::optional<std::uint64_t> seed;
  std::string lang = "en";
  std::string name;
  std::string title;
  std::vector<Participant> participants;
  std::string parent;
  std::optional<std::int64_t> parent_pos_ms;
};

// The header of a session taken over from `parent` at `pos_ms` on its axis:
// the same source, seed, language and participants, naming the parent.
RecordingHeader fork_header(const Recording& parent, std::int64_t pos_ms);

class Recorder final : public session::SessionObserver {
 public:
  // Creates `file` (an existing file is refused: nothing is overwritten).
  static Result<std::unique_ptr<Recorder>> create(const std::filesystem::path& file, const RecordingHeader& header);
  ~Recorder() override;  // commits what is pending; the file stays "not closed" unless close() ran
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Writes the last events and marks the recording closed. Nothing is
  // written after.
  Status close(const world::World& w);
  // Commits what is pending, up to the world's moment now, so a reader of
  // the file (the GUI scrubbing back in a live session) sees all of it.
  void flush(const world::World& w);
  const std::filesystem::path& file() const { return db_.file(); }
  // The first write that failed, if any (the recording stopped there).
  const std::optional<Error>& error() const { return error_; }
  // Where the session stands on the recording's axis.
  std::int64_t pos_ms() const { return pos_ms_; }

  // session::SessionObserver
  void on_command(const world::World& w, const session::JournalEntry& entry, const session::CommandOutcome& out,
                  bool denied) override;
  void on_moment(const world::World& w) override;
  void on_mark(const world::World& w, const session::Mark& mark) override;
  void on_rebuild(const world::World& w) override;
  std::optional<std::string> event_stream_hash(const world::World& w) override;
  void begin_nested() override { ++nested_; }
  void end_nested() override { --nested_; }

  // Wall time, for tests: a clock in milliseconds since the recording began.
  using WallClock = std::function<std::int64_t()>;
  void set_wall_clock(WallClock clock) { wall_ = std::move(clock); }

 private:
  Recorder() = default;
  std::int64_t pos_of(std::int64_t at_ms) const { return pos_base_ + (at_ms - at_base_); }
  void track(const world::World& w);
  // The world's events not yet written: hashed and added to the chunk.
  void flush_events(const world::World& w);
  // The chunk as one row (in the open transaction).
  void write_chunk();
  void checkpoint(const world::World& w);
  void commit(const world::World& w);
  void fail(Error e);
  bool live() const { return !error_ && !closed_; }
  std::int64_t insert_action(const Action& a);

  sql::Db db_;
  sql::Stmt insert_action_, insert_file_, insert_event_, insert_checkpoint_, set_meta_;
  std::optional<Error> error_;
  bool closed_ = false;
  int nested_ = 0;
  int epoch_ = 0;
  std::int64_t seq_ = 0;
  std::size_t flushed_ = 0;  // events of this epoch hashed (and in the chunk or written)
  std::string chunk_;        // JSON lines not yet written, from event chunk_first_ on
  std::size_t chunk_first_ = 0, chunk_count_ = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash_{nullptr, &EVP_MD_CTX_free};
  std::int64_t pos_base_ = 0, at_base_ = 0, pos_ms_ = 0, at_ms_ = 0;
  std::int64_t next_checkpoint_ms_ = 0;  // virtual time of the next periodic checkpoint
  std::int64_t last_commit_wall_ = 0;
  std::int64_t moments_ = 0;
  WallClock wall_;
};

// The recordings directory: $XDG_DATA_HOME/gitops-sim/recordings (or
// ~/.local/share/gitops-sim/recordings).
Result<std::filesystem::path> default_recordings_dir();
// A new recording's name there: "20261201-134502-02-drift.gsrec" (UTC wall
// time and the lesson's or scenario's name), made unique with -2, -3 ...
std::filesystem::path new_recording_path(const std::filesystem::path& dir, const std::string& name);
// UTC now as "2026-12-01T13:45:02Z".
std::string utc_now_iso();

}  // namespace gs::record
