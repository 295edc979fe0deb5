#include "sim/record/recording.hpp"

#include <cstring>
#include <fstream>

namespace gs::record {

namespace fs = std::filesystem;

namespace {

// A value read from the file, fit for a one-line message: control
// characters (a newline would make it two lines) escaped, at most 80 bytes.
std::string shown(std::string_view v) {
  std::string out;
  for (unsigned char c : v.substr(0, 80)) {
    if (c < 0x20 || c == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (v.size() > 80) out += "...";
  return out;
}

// One clear line for a file that cannot be read as a recording.
Error unreadable(const fs::path& file, const sql::Db& db) {
  const int code = db.code();
  if (code == SQLITE_NOTADB) return Error(file.string() + ": not a gitops-sim recording (not an SQLite database)");
  if (code == SQLITE_CORRUPT) return Error(file.string() + ": the recording is damaged or truncated");
  return db.error("cannot read the recording");
}

bool starts_like_sqlite(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  return in.gcount() == 16 && std::memcmp(head, "SQLite format 3", 16) == 0;
}

// The bytes the database header says the file holds, when it says so
// (sqlite's file format: page size at 16, the page count at 28, valid
// while the change counter at 24 equals the number at 92). SQLite reads
// past the end of a cut file as zeros, so a file cut inside its last pages
// would read as a recording with other contents. Not asked while a
// write-ahead log lies beside the file: pages may live there (a session
// still recording, or killed) and the file be shorter.
std::optional<std::uint64_t> promised_size(const fs::path& file) {
  std::error_code ec;
  fs::path wal = file;
  wal += "-wal";
  if (fs::exists(wal, ec) && fs::file_size(wal, ec) > 0) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  unsigned char h[100] = {};
  in.read(reinterpret_cast<char*>(h), sizeof h);
  if (in.gcount() != 100) return std::nullopt;
  auto be32 = [&](int at) {
    return (std::uint32_t{h[at]} << 24) | (std::uint32_t{h[at + 1]} << 16) | (std::uint32_t{h[at + 2]} << 8) |
           std::uint32_t{h[at + 3]};
  };
  const std::uint32_t page = (std::uint32_t{h[16]} << 8 | h[17]) == 1 ? 65536 : (std::uint32_t{h[16]} << 8 | h[17]);
  if (page < 512 || (page & (page - 1)) != 0 || be32(28) == 0 || be32(24) != be32(92)) return std::nullopt;
  return std::uint64_t{page} * be32(28);
}

// The meta table's keys as a RecordingInfo; a value that says the file is
// not a recording, or is damaged, is an error.
Status read_info(const fs::path& file, std::map<std::string, std::string>& meta, RecordingInfo& info) {
  auto get = [&](const char* key) { return meta.count(key) ? meta[key] : std::string(); };
  auto number = [&](const char* key) -> std::optional<std::int64_t> {
    const std::string v = get(key);
    if (v.empty()) return std::nullopt;
    try {
      std::size_t used = 0;
      const long long x = std::stoll(v, &used);
      if (used != v.size()) return std::nullopt;
      return x;
    } catch (...) {
      return std::nullopt;
    }
  };
  if (get("format") != "gitops-sim recording") {
    return Error(file.string() + ": not a gitops-sim recording (its meta table says format '" + shown(get("format")) + "')");
  }
  info.made_by = get("made_by");
  info.kind = get("kind");
  if (info.kind != kKindScenario && info.kind != kKindLesson) {
    return Error(file.string() + ": the recording's kind is '" + shown(info.kind) + "'; expected scenario or lesson");
  }
  info.source = get("source");
  if (auto s = number("seed")) info.seed = static_cast<std::uint64_t>(*s);
  info.lang = get("lang") == "ko" ? "ko" : "en";
  info.name = get("name");
  info.title = get("title");
  info.started = get("started");
  info.parent = get("parent");
  info.parent_pos_ms = number("parent_pos_ms");
  info.closed = get("closed") == "1";
  info.end_pos_ms = number("end_pos_ms").value_or(0);
  info.end_at_ms = number("end_at_ms").value_or(0);
  info.wall_ms = number("wall_ms").value_or(0);
  info.epochs = static_cast<int>(number("epochs").value_or(1));
  if (info.epochs < 1 || info.epochs > 1'000'000) return Error(file.string() + ": the recording is damaged (epochs)");
  return {};
}

// One row of the actions table (its columns in the order the reader selects them).
Result<Action> action_from_row(const fs::path& file, const sql::Stmt& s) {
  Action a;
  a.seq = s.integer(0);
  a.epoch = static_cast<int>(s.integer(1));
  a.pos_ms = s.integer(2);
  a.at_ms = s.integer(3);
  a.wall_ms = s.integer(4);
  a.kind = s.text(5);
  auto origin = session::parse_origin(s.text(6));
  if (!origin) return Error(file.string() + ": action " + std::to_string(a.seq) + " has an unknown origin '" +
                            shown(s.text(6)) + "'");
  a.origin = *origin;
  a.actor = s.text(7);
  a.role = s.text(8);
  a.text = s.text(9);
  a.ok = s.integer(10) != 0;
  a.exit_code = static_cast<int>(s.integer(11));
  a.output = s.text(12);
  a.denied = s.integer(13) != 0;
  a.nested = s.integer(14) != 0;
  a.step = s.text(15);
  a.detail = s.text(16);
  a.replays = s.integer(17) != 0;
  return a;
}

}  // namespace

Result<Recording> Recording::open(const fs::path& file) {
  Recording r;
  auto db = sql::Db::open(file, sql::Db::Mode::ReadOnly);
  if (!db) return db.error();
  r.db_ = std::move(db.value());
  const sql::Db& d = r.db_;
  if (!starts_like_sqlite(file)) {
    std::error_code ec;
    const bool empty = fs::file_size(file, ec) == 0 && !ec;
    return Error(file.string() + ": not a gitops-sim recording (" +
                 (empty ? "an empty file" : "not an SQLite database") + ")");
  }
  if (auto promised = promised_size(file)) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (!ec && size < *promised) {
      return Error(file.string() + ": the recording is truncated (" + std::to_string(size) + " of the " +
                   std::to_string(*promised) + " bytes its header gives)");
    }
  }
  // The header's ids first: another program's database is said to be so.
  auto pragma = [&](const char* sql) -> Result<std::int64_t> {
    auto s = d.prepare(sql, "cannot read the recording");
    if (!s) return unreadable(file, d);
    if (s->step() != SQLITE_ROW) return unreadable(file, d);
    return s->integer(0);
  };
  auto app = pragma("PRAGMA application_id;");
  if (!app) return app.error();
  if (*app != kApplicationId) {
    // No tables at all: a database nothing was ever committed to (a
    // recorder killed before its first commit leaves one), not another
    // program's.
    auto tables = pragma("SELECT COUNT(*) FROM sqlite_master;");
    if (!tables) return tables.error();
    if (*app == 0 && *tables == 0) return Error(file.string() + ": not a gitops-sim recording (an empty SQLite database)");
    return Error(file.string() + ": not a gitops-sim recording (another program's database)");
  }
  auto version = pragma("PRAGMA user_version;");
  if (!version) return version.error();
  if (*version < 1 || *version > kSchemaVersion) {
    return Error(file.string() + ": recording schema version " + std::to_string(*version) +
                 " is not one this gitops-sim reads (1 to " + std::to_string(kSchemaVersion) +
                 "): use the gitops-sim that made it, or a newer one");
  }
  r.info_.schema_version = static_cast<int>(*version);
  auto damaged = [&]() -> Error {
    if (d.code() == SQLITE_CORRUPT || d.code() == SQLITE_NOTADB || d.code() == SQLITE_IOERR) {
      return Error(file.string() + ": the recording is damaged or truncated");
    }
    return d.error("cannot read the recording");
  };
  // Every table, row by row.
  auto each = [&](const char* sql, const auto& row) -> Status {
    auto s = d.prepare(sql, "cannot read the recording");
    if (!s) return damaged();
    for (;;) {
      const int rc = s->step();
      if (rc == SQLITE_DONE) return {};
      if (rc != SQLITE_ROW) return damaged();
      if (auto st = row(*s); !st) return st;
    }
  };
  std::map<std::string, std::string> meta;
  if (auto st = each("SELECT key, value FROM meta;",
                     [&](const sql::Stmt& s) -> Status {
                       meta[s.text(0)] = s.text(1);
                       return {};
                     });
      !st) {
    return st.error();
  }
  if (auto st = read_info(file, meta, r.info_); !st) return st.error();
  const RecordingInfo& info = r.info_;

  if (auto st = each("SELECT path, sha256, bytes FROM sources ORDER BY path;",
                     [&](const sql::Stmt& s) -> Status {
                       std::string path = s.text(0), bytes = s.text(2);
                       if (sha256_hex(bytes) != s.text(1)) {
                         return Error(file.string() + ": source '" + shown(path) +
                                      "' does not match its SHA-256: the recording was changed after it was made");
                       }
                       r.sources_[path] = std::move(bytes);
                       return {};
                     });
      !st) {
    return st.error();
  }
  if (!r.sources_.count(info.source)) {
    return Error(file.string() + ": the recording holds no copy of its source '" + shown(info.source) + "'");
  }
  if (auto st = each("SELECT name, role FROM participants ORDER BY id;",
                     [&](const sql::Stmt& s) -> Status {
                       r.participants_.push_back({s.text(0), s.text(1)});
                       return {};
                     });
      !st) {
    return st.error();
  }
  std::map<std::int64_t, world::StagedFiles> files;
  if (auto st = each("SELECT seq, path, content FROM staged_files ORDER BY seq, path;",
                     [&](const sql::Stmt& s) -> Status {
                       auto& f = files[s.integer(0)][s.text(1)];
                       if (!s.is_null(2)) f = s.text(2);
                       return {};
                     });
      !st) {
    return st.error();
  }
  // In the order of the axis: a command that lets time pass (sim advance,
  // argocd app wait) is written when it ends, after what happened during
  // it (a step passing), but is given where it began.
  if (auto st = each(
          "SELECT seq, epoch, pos_ms, at_ms, wall_ms, kind, origin, actor, role, text, ok, exit_code, output,"
          " denied, nested, step, detail, replays FROM actions ORDER BY pos_ms, seq;",
          [&](const sql::Stmt& s) -> Status {
            auto row = action_from_row(file, s);
            if (!row) return row.error();
            Action a = std::move(row.value());
            // The world's time never runs ahead of the axis (a reset takes
            // only the world back): a later one would replay past the end.
            if (a.at_ms > a.pos_ms) {
              return Error(file.string() + ": the recording is damaged (action " + std::to_string(a.seq) +
                           " is later in the world than on the recording's time axis)");
            }
            if (a.epoch < 0 || a.epoch >= info.epochs || a.pos_ms < 0 || a.at_ms < 0 ||
                (!r.actions_.empty() && a.epoch < r.actions_.back().epoch)) {
              return Error(file.string() + ": the recording is damaged (action " + std::to_string(a.seq) +
                           " is out of order)");
            }
            if (auto it = files.find(a.seq); it != files.end()) a.files = std::move(it->second);
            r.actions_.push_back(std::move(a));
            return {};
          });
      !st) {
    return st.error();
  }
  if (auto st = each("SELECT epoch, events, pos_ms, at_ms, hash FROM checkpoints ORDER BY epoch, events;",
                     [&](const sql::Stmt& s) -> Status {
                       r.checkpoints_.push_back({static_cast<int>(s.integer(0)), s.integer(1), s.integer(2),
                                                 s.integer(3), s.text(4)});
                       return {};
                     });
      !st) {
    return st.error();
  }
  return r;
}

std::int64_t Recording::event_count(int epoch) const {
  const char* sql = info_.schema_version == 1 ? "SELECT COUNT(*) FROM events WHERE epoch = ?1;"
                                              : "SELECT COALESCE(SUM(count), 0) FROM events WHERE epoch = ?1;";
  auto s = db_.prepare(sql, "cannot read the recording's events");
  if (!s) return 0;
  s->bind(1, static_cast<std::int64_t>(epoch));
  return s->step() == SQLITE_ROW ? s->integer(0) : 0;
}

namespace {

// An event line's virtual time: event_to_json writes {"t":N, first.
std::optional<std::int64_t> line_time(std::string_view line) {
  constexpr std::string_view kHead = "{\"t\":";
  if (line.substr(0, kHead.size()) != kHead) return std::nullopt;
  std::int64_t t = 0;
  std::size_t i = kHead.size();
  if (i >= line.size() || line[i] < '0' || line[i] > '9') return std::nullopt;
  for (; i < line.size() && line[i] >= '0' && line[i] <= '9' && t < (std::int64_t{1} << 50); ++i) {
    t = t * 10 + (line[i] - '0');
  }
  return t;
}

}  // namespace

Result<std::vector<StoredEvent>> Recording::events(int epoch) const {
  const bool rows = info_.schema_version == 1;  // version 1: one row per event
  auto s = db_.prepare(rows ? "SELECT idx, t_ms, json FROM events WHERE epoch = ?1 ORDER BY idx;"
                            : "SELECT first, count, lines FROM events WHERE epoch = ?1 ORDER BY first;",
                       "cannot read the recording's events");
  if (!s) return Error(file().string() + ": the recording is damaged (its events table is not one gitops-sim writes)");
  s->bind(1, static_cast<std::int64_t>(epoch));
  std::vector<StoredEvent> out;
  auto damaged = [&](const std::string& what) {
    return Error(file().string() + ": the recording is damaged (" + what + ")");
  };
  for (;;) {
    const int rc = s->step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return Error(file().string() + ": the recording is damaged or truncated (events)");
    if (rows) {
      StoredEvent e{s->integer(0), s->integer(1), s->text(2)};
      if (e.index != static_cast<std::int64_t>(out.size())) {
        return damaged("event " + std::to_string(out.size()) + " is missing");
      }
      out.push_back(std::move(e));
      continue;
    }
    const std::int64_t first = s->integer(0), count = s->integer(1);
    if (first != static_cast<std::int64_t>(out.size())) {
      return damaged("event " + std::to_string(out.size()) + " is missing");
    }
    const std::string lines = s->text(2);
    std::size_t at = 0;
    for (std::int64_t i = 0; i < count; ++i) {
      const std::size_t nl = lines.find('\n', at);
      if (nl == std::string::npos) return damaged("the chunk of events from " + std::to_string(first) + " is short");
      std::string line = lines.substr(at, nl - at);
      auto t = line_time(line);
      if (!t) return damaged("event " + std::to_string(out.size()) + " is not an event line");
      out.push_back(StoredEvent{static_cast<std::int64_t>(out.size()), *t, std::move(line)});
      at = nl + 1;
    }
    if (at != lines.size()) return damaged("the chunk of events from " + std::to_string(first) + " is long");
  }
  return out;
}

}  // namespace gs::record
