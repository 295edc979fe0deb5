#include "sim/record/recorder.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "sim/core/data_dir.hpp"
#include "sim/core/events.hpp"
#include "sim/record/schema.hpp"
#include "sim/session/session.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/world.hpp"

namespace gs::record {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kCheckpointEveryMs = 60'000;  // recording-format.md: at least every 60 s of virtual time
constexpr std::int64_t kCommitEveryWallMs = 1'000;

std::string hex_digest(EVP_MD_CTX* ctx) { return world::digest_hex(ctx); }

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  return hex_digest(ctx.get());
}

std::string utc_now_iso() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<fs::path> default_recordings_dir() {
  auto dir = user_data_dir("recordings");
  if (!dir) return dir.error();
  return *dir / "recordings";
}

fs::path new_recording_path(const fs::path& dir, const std::string& name) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  std::string safe;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.';
    safe += keep ? c : '-';
  }
  if (safe.empty()) safe = "session";
  const std::string stem = std::string(stamp) + "-" + safe;
  fs::path p = dir / (stem + kFileExtension);
  std::error_code ec;
  for (int i = 2; fs::exists(p, ec) && i < 10000; ++i) p = dir / (stem + "-" + std::to_string(i) + kFileExtension);
  return p;
}

RecordingHeader fork_header(const Recording& parent, std::int64_t pos_ms) {
  const RecordingInfo& info = parent.info();
  RecordingHeader h;
  h.kind = info.kind;
  h.source = info.source;
  h.sources = parent.sources();
  h.seed = info.seed;
  h.lang = info.lang;
  h.name = info.name;
  h.title = info.title;
  h.participants = parent.participants();
  h.parent = fs::absolute(parent.file()).lexically_normal().string();
  h.parent_pos_ms = pos_ms;
  return h;
}

Result<std::unique_ptr<Recorder>> Recorder::create(const fs::path& file, const RecordingHeader& h) {
  std::unique_ptr<Recorder> r(new Recorder());
  // The file appears whole: its tables and header are written beside it
  // (FILE.part) and linked into place once committed, so a process killed
  // before that leaves no file rather than an empty database.
  std::error_code ec;
  if (fs::exists(file, ec)) return Error(file.string() + ": already exists; give another name or remove it first");
  fs::path aside = file;
  aside += ".part";
  fs::path aside_journal = aside;
  aside_journal += "-journal";
  fs::remove(aside, ec);  // left by a session killed while it began
  fs::remove(aside_journal, ec);
  auto db = sql::Db::open(aside, sql::Db::Mode::Create);
  if (!db) return db.error();
  r->db_ = std::move(db.value());
  const auto start = std::chrono::steady_clock::now();
  r->wall_ = [start] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  };
  const sql::Db& d = r->db_;
  const std::string create = std::string("BEGIN;") + schema::kCreate + "PRAGMA user_version = " +
                             std::to_string(kSchemaVersion) + "; PRAGMA application_id = " +
                             std::to_string(kApplicationId) + ";";
  if (auto st = d.exec(create.c_str(), "cannot set up the recording"); !st) return st.error();
  auto prep = [&](sql::Stmt& into, const char* text) -> Status {
    auto s = d.prepare(text, "cannot set up the recording");
    if (!s) return s.error();
    into = std::move(s.value());
    return {};
  };
  auto prepare_all = [&]() -> Status {
    for (auto st : {prep(r->set_meta_, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2);"),
                  prep(r->insert_action_,
                       "INSERT INTO actions (seq, epoch, pos_ms, at_ms, wall_ms, kind, origin, actor, role, text, ok,"
                       " exit_code, output, denied, nested, step, detail, replays)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18);"),
                  prep(r->insert_file_, "INSERT INTO staged_files (seq, path, content) VALUES (?1, ?2, ?3);"),
                  prep(r->insert_event_, "INSERT INTO events (epoch, first, count, lines) VALUES (?1, ?2, ?3, ?4);"),
                  prep(r->insert_checkpoint_,
                       "INSERT OR REPLACE INTO checkpoints (epoch, events, pos_ms, at_ms, hash)"
                       " VALUES (?1, ?2, ?3, ?4, ?5);")}) {
      if (!st) return st;
    }
    return {};
  };
  if (auto st = prepare_all(); !st) return st.error();
  auto meta = [&](const char* key, const std::string& value) -> Status {
    if (r->set_meta_.reset().bind(1, key).bind(2, value).step() != SQLITE_DONE) {
      return d.error("cannot write the recording");
    }
    return {};
  };
  std::vector<Status> writes = {
      meta("format", "gitops-sim recording"),
      meta("made_by", "gitops-sim " + std::string(GS_VERSION)),
      meta("kind", h.kind),
      meta("source", h.source),
      meta("lang", h.lang),
      meta("name", h.name),
      meta("title", h.title),
      meta("started", utc_now_iso()),
      meta("closed", "0"),
      meta("end_pos_ms", "0"),
      meta("end_at_ms", "0"),
      meta("wall_ms", "0"),
      meta("epochs", "1"),
  };
  if (h.seed) writes.push_back(meta("seed", std::to_string(*h.seed)));
  if (!h.parent.empty()) writes.push_back(meta("parent", h.parent));
  if (h.parent_pos_ms) writes.push_back(meta("parent_pos_ms", std::to_string(*h.parent_pos_ms)));
  for (const auto& st : writes) {
    if (!st) return st.error();
  }
  {
    auto s = d.prepare("INSERT INTO sources (path, sha256, bytes) VALUES (?1, ?2, ?3);", "cannot write the recording");
    if (!s) return s.error();
    for (const auto& [path, bytes] : h.sources) {
      if (s->reset().bind(1, path).bind(2, sha256_hex(bytes)).bind_blob(3, bytes).step() != SQLITE_DONE) {
        return d.error("cannot write the recording");
      }
    }
    auto p = d.prepare("INSERT INTO participants (id, name, role) VALUES (?1, ?2, ?3);", "cannot write the recording");
    if (!p) return p.error();
    std::int64_t id = 0;
    for (const auto& part : h.participants) {
      if (p->reset().bind(1, ++id).bind(2, part.name).bind(3, part.role).step() != SQLITE_DONE) {
        return d.error("cannot write the recording");
      }
    }
  }
  if (auto st = d.exec("COMMIT;", "cannot write the recording"); !st) return st.error();
  for (sql::Stmt* st : {&r->set_meta_, &r->insert_action_, &r->insert_file_, &r->insert_event_, &r->insert_checkpoint_}) {
    *st = sql::Stmt();
  }
  r->db_ = sql::Db();
  // link() refuses an existing name: a file made meanwhile is not replaced.
  if (::link(aside.c_str(), file.c_str()) != 0) {
    const int err = errno;
    if (err == EEXIST) {
      fs::remove(aside, ec);
      return Error(file.string() + ": already exists; give another name or remove it first");
    }
    // A file system without hard links: a rename, the name checked free above.
    fs::rename(aside, file, ec);
    if (ec) {
      fs::remove(aside, ec);
      return Error("cannot create " + file.string() + ": " + std::strerror(err));
    }
  }
  fs::remove(aside, ec);
  auto opened = sql::Db::open(file, sql::Db::Mode::Write);
  if (!opened) return opened.error();
  r->db_ = std::move(opened.value());
  // WAL: readers (a replay of a recording still being made) never block the
  // writer; NORMAL sync: a commit survives the process being killed.
  // A page cache that holds what a second of a busy day writes, so pages
  // are not spilled to the WAL before their commit.
  if (auto st = d.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;",
                       "cannot set up the recording");
      !st) {
    return st.error();
  }
  if (auto st = prepare_all(); !st) return st.error();
  if (auto st = d.exec("BEGIN;", "cannot write the recording"); !st) return st.error();
  r->hash_.reset(EVP_MD_CTX_new());
  EVP_DigestInit_ex(r->hash_.get(), EVP_sha256(), nullptr);
  return r;
}

Recorder::~Recorder() {
  if (!closed_ && !error_) sqlite3_exec(db_.get(), "COMMIT;", nullptr, nullptr, nullptr);
}

void Recorder::fail(Error e) {
  if (!error_) error_ = std::move(e);
  sqlite3_exec(db_.get(), "ROLLBACK;", nullptr, nullptr, nullptr);
}

void Recorder::track(const world::World& w) {
  at_ms_ = w.now().ms;
  pos_ms_ = pos_of(at_ms_);
}

void Recorder::flush_events(const world::World& w) {
  const auto& log = w.log().events();
  for (; flushed_ < log.size(); ++flushed_) {
    const std::size_t before = chunk_.size();
    chunk_ += world::event_to_json(log[flushed_]);
    chunk_ += '\n';
    EVP_DigestUpdate(hash_.get(), chunk_.data() + before, chunk_.size() - before);
    ++chunk_count_;
  }
  // A long stretch without a commit still writes in bounded pieces.
  if (chunk_.size() >= (8u << 20)) write_chunk();
}

void Recorder::write_chunk() {
  if (chunk_count_ == 0 || !live()) return;
  sqlite3_stmt* ins = insert_event_.get();
  sqlite3_reset(ins);
  sqlite3_bind_int64(ins, 1, epoch_);
  sqlite3_bind_int64(ins, 2, static_cast<std::int64_t>(chunk_first_));
  sqlite3_bind_int64(ins, 3, static_cast<std::int64_t>(chunk_count_));
  sqlite3_bind_blob(ins, 4, chunk_.data(), static_cast<int>(chunk_.size()), SQLITE_STATIC);
  const int rc = sqlite3_step(ins);
  sqlite3_bind_null(ins, 4);
  if (rc != SQLITE_DONE) {
    fail(db_.error("cannot write the recording's events"));
    return;
  }
  chunk_first_ += chunk_count_;
  chunk_count_ = 0;
  chunk_.clear();
}

void Recorder::checkpoint(const world::World& w) {
  flush_events(w);
  if (!live()) return;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> copy(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_MD_CTX_copy_ex(copy.get(), hash_.get());
  if (insert_checkpoint_.reset()
          .bind(1, static_cast<std::int64_t>(epoch_))
          .bind(2, static_cast<std::int64_t>(flushed_))
          .bind(3, pos_ms_)
          .bind(4, at_ms_)
          .bind(5, hex_digest(copy.get()))
          .step() != SQLITE_DONE) {
    fail(db_.error("cannot write the recording's checkpoints"));
  }
}

void Recorder::commit(const world::World& w) {
  flush_events(w);
  write_chunk();
  if (!live()) return;
  auto meta = [&](const char* key, std::int64_t v) {
    return set_meta_.reset().bind(1, key).bind(2, std::to_string(v)).step() == SQLITE_DONE;
  };
  const std::int64_t wall = wall_();
  if (!meta("end_pos_ms", pos_ms_) || !meta("end_at_ms", at_ms_) || !meta("wall_ms", wall) ||
      !meta("epochs", epoch_ + 1)) {
    fail(db_.error("cannot write the recording"));
    return;
  }
  if (sqlite3_exec(db_.get(), "COMMIT; BEGIN;", nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail(db_.error("cannot write the recording"));
    return;
  }
  last_commit_wall_ = wall;
}

std::int64_t Recorder::insert_action(const Action& a) {
  const std::int64_t seq = ++seq_;
  sql::Stmt& s = insert_action_.reset();
  s.bind(1, seq)
      .bind(2, static_cast<std::int64_t>(epoch_))
      .bind(3, pos_ms_)
      .bind(4, at_ms_)
      .bind(5, wall_())
      .bind(6, a.kind)
      .bind(7, session::origin_name(a.origin))
      .bind(8, a.actor)
      .bind(9, a.role)
      .bind(10, a.text)
      .bind(11, static_cast<std::int64_t>(a.ok))
      .bind(12, static_cast<std::int64_t>(a.exit_code))
      .bind(13, a.output)
      .bind(14, static_cast<std::int64_t>(a.denied))
      .bind(15, static_cast<std::int64_t>(a.nested))
      .bind(16, a.step)
      .bind(17, a.detail)
      .bind(18, static_cast<std::int64_t>(a.replays));
  if (s.step() != SQLITE_DONE) {
    fail(db_.error("cannot write the recording's actions"));
    return seq;
  }
  for (const auto& [path, content] : a.files) {
    insert_file_.reset().bind(1, seq).bind(2, path);
    if (content) {
      insert_file_.bind_blob(3, *content);
    } else {
      insert_file_.bind_null(3);
    }
    if (insert_file_.step() != SQLITE_DONE) {
      fail(db_.error("cannot write the recording's files"));
      return seq;
    }
  }
  return seq;
}

void Recorder::on_command(const world::World& w, const session::JournalEntry& entry,
                          const session::CommandOutcome& out, bool denied) {
  if (!live()) return;
  // The journal entry's time is when it was given: a command that lets
  // time pass ends later, and the action belongs where it began.
  const std::int64_t end_at = w.now().ms;
  at_ms_ = entry.at.ms;
  pos_ms_ = pos_of(at_ms_);
  Action a;
  a.kind = "command";
  a.origin = entry.origin;
  a.actor = entry.actor;
  a.role = entry.role;
  a.text = entry.command;
  a.files = entry.files;
  a.ok = out.ok;
  a.exit_code = out.exit_code;
  a.output = out.output;
  a.denied = denied;
  a.nested = nested_ > 0;
  insert_action(a);
  at_ms_ = end_at;
  pos_ms_ = pos_of(at_ms_);
  commit(w);
}

void Recorder::on_moment(const world::World& w) {
  if (!live()) return;
  track(w);
  if (at_ms_ >= next_checkpoint_ms_) {
    checkpoint(w);
    next_checkpoint_ms_ = (at_ms_ / kCheckpointEveryMs + 1) * kCheckpointEveryMs;
  }
  // The wall clock is read every 64 instants: a busy day runs many.
  if ((++moments_ & 63) == 0 && wall_() - last_commit_wall_ >= kCommitEveryWallMs) commit(w);
}

void Recorder::on_mark(const world::World& w, const session::Mark& m) {
  if (!live()) return;
  track(w);
  Action a;
  a.kind = m.kind;
  a.origin = session::Origin::Gui;
  a.step = m.step;
  a.detail = m.detail;
  a.replays = m.replays;
  a.ok = m.ok;
  a.nested = nested_ > 0;
  insert_action(a);
  // A step's start (next) and a world about to be rebuilt (reset, undo):
  // a checkpoint, the events so far written.
  if (m.kind == "next" || m.kind == "reset" || m.kind == "undo" || m.kind == "skip") checkpoint(w);
  commit(w);
}

std::optional<std::string> Recorder::event_stream_hash(const world::World& w) {
  // Only the first world's: a rebuilt one's hash starts over with it, and
  // only while every event went through this recorder.
  if (epoch_ != 0 || error_ || closed_) return std::nullopt;
  flush_events(w);
  if (flushed_ != w.log().size()) return std::nullopt;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> copy(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_MD_CTX_copy_ex(copy.get(), hash_.get());
  return hex_digest(copy.get());
}

void Recorder::on_rebuild(const world::World& w) {
  if (!live()) return;
  // The axis goes on from where the old world stood; the new world's time
  // may be earlier.
  pos_base_ = pos_ms_;
  at_base_ = w.now().ms;
  write_chunk();  // the old world's last events (its reset or undo mark flushed them)
  ++epoch_;
  flushed_ = 0;
  chunk_first_ = 0;
  EVP_DigestInit_ex(hash_.get(), EVP_sha256(), nullptr);
  track(w);
  next_checkpoint_ms_ = 0;
  checkpoint(w);
  next_checkpoint_ms_ = (at_ms_ / kCheckpointEveryMs + 1) * kCheckpointEveryMs;
  commit(w);
}

void Recorder::flush(const world::World& w) {
  if (!live()) return;
  track(w);
  commit(w);
}

Status Recorder::close(const world::World& w) {
  if (error_) return *error_;
  if (closed_) return {};
  track(w);
  checkpoint(w);
  auto ok = set_meta_.reset().bind(1, "closed").bind(2, "1").step() == SQLITE_DONE;
  if (!ok) fail(db_.error("cannot close the recording"));
  commit(w);
  if (error_) return *error_;
  sqlite3_exec(db_.get(), "COMMIT;", nullptr, nullptr, nullptr);
  closed_ = true;
  // A recording that ended cleanly is one file again (no -wal, -shm beside
  // it), to be moved or mailed as it is.
  sqlite3_exec(db_.get(), "PRAGMA journal_mode=DELETE;", nullptr, nullptr, nullptr);
  return {};
}

}  // namespace gs::record
