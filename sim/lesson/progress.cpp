#include "sim/lesson/progress.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "sim/core/data_dir.hpp"
#include "sim/lesson/runner.hpp"

namespace gs::lesson {

namespace fs = std::filesystem;

namespace {

// One prepared statement, finalized however the function leaves.
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Rows are keyed by (profile, lesson, step); see the header for the merge.
constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS step_progress ("
    " profile TEXT NOT NULL, lesson TEXT NOT NULL, step TEXT NOT NULL,"
    " passed INTEGER NOT NULL, skipped INTEGER NOT NULL, solution_shown INTEGER NOT NULL,"
    " hints_used INTEGER NOT NULL, answer_choice INTEGER, answer_correct INTEGER,"
    " time_taken_ms INTEGER,"
    " PRIMARY KEY (profile, lesson, step));";

constexpr const char* kUpsert =
    "INSERT INTO step_progress (profile, lesson, step, passed, skipped, solution_shown, hints_used,"
    " answer_choice, answer_correct, time_taken_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (profile, lesson, step) DO UPDATE SET"
    "  time_taken_ms = CASE WHEN passed OR skipped THEN time_taken_ms ELSE excluded.time_taken_ms END,"
    "  passed = MAX(passed, excluded.passed),"
    "  skipped = MAX(skipped, excluded.skipped),"
    "  solution_shown = MAX(solution_shown, excluded.solution_shown),"
    "  hints_used = MAX(hints_used, excluded.hints_used),"
    "  answer_correct = CASE WHEN answer_choice IS NULL THEN excluded.answer_correct ELSE answer_correct END,"
    "  answer_choice = COALESCE(answer_choice, excluded.answer_choice);";

bool profile_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

}  // namespace

bool operator==(const StepRecord& a, const StepRecord& b) {
  const auto answer_key = [](const StepRecord& r) {
    return r.answer ? std::pair{r.answer->choice, r.answer->correct} : std::pair{-1, false};
  };
  return a.step == b.step && a.passed == b.passed && a.skipped == b.skipped && a.solution_shown == b.solution_shown &&
         a.hints_used == b.hints_used && answer_key(a) == answer_key(b) && a.time_taken == b.time_taken;
}

Status check_profile_name(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), profile_char) &&
                  name[0] != '.' && name[0] != '-' && name[0] != '_';
  if (ok) return {};
  return Error("--profile '" + std::string(name) +
               "': expected 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
}

Result<fs::path> default_progress_file() {
  auto dir = user_data_dir("progress");
  if (!dir) return dir.error();
  return *dir / "progress.sqlite";
}

void ProgressStore::DbCloser::operator()(sqlite3* db) const { sqlite3_close(db); }

ProgressStore::~ProgressStore() = default;

Error ProgressStore::sql_error(std::string_view doing) const {
  const int code = db_ ? sqlite3_errcode(db_.get()) : SQLITE_ERROR;
  std::string what = db_ ? sqlite3_errmsg(db_.get()) : "cannot open";
  std::string advice;
  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
    advice = " (not a gitops-sim progress database: move it away to start afresh)";
  } else if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN) {
    advice = " (check the file's and its directory's permissions)";
  }
  return Error(file_.string() + ": " + std::string(doing) + ": " + what + advice);
}

Status ProgressStore::exec(const char* sql) const {
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) return sql_error("cannot write progress");
  return {};
}

Result<std::unique_ptr<ProgressStore>> ProgressStore::open(const fs::path& file, Mode mode) {
  std::unique_ptr<ProgressStore> store(new ProgressStore());
  store->file_ = file;
  std::error_code ec;
  if (mode == Mode::ReadOnly) {
    if (!fs::is_regular_file(file, ec)) return Error(file.string() + ": no progress file here");
  } else if (file.has_parent_path()) {
    fs::create_directories(file.parent_path(), ec);
    if (ec) return Error("cannot create " + file.parent_path().string() + " for progress: " + ec.message());
  }
  sqlite3* raw = nullptr;
  const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(file.string().c_str(), &raw, flags, nullptr);
  store->db_.reset(raw);  // even on failure sqlite hands back a handle to close
  if (rc != SQLITE_OK) return store->sql_error("cannot open the progress file");

  // The schema's version: 0 for a new file. Reading it is also the first
  // read of the file, where a file that is not a database shows.
  int version = -1;
  {
    sqlite3_stmt* raw_stmt = nullptr;
    if (sqlite3_prepare_v2(store->db_.get(), "PRAGMA user_version;", -1, &raw_stmt, nullptr) != SQLITE_OK) {
      return store->sql_error("cannot read the progress file");
    }
    Stmt stmt(raw_stmt);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW) return store->sql_error("cannot read the progress file");
    version = sqlite3_column_int(stmt.get(), 0);
  }
  if (version > kSchemaVersion) {
    return Error(file.string() + ": its progress schema is version " + std::to_string(version) +
                 ", newer than this gitops-sim knows (" + std::to_string(kSchemaVersion) +
                 "): use a newer gitops-sim, or set XDG_DATA_HOME to keep progress elsewhere");
  }
  if (version < kSchemaVersion) {
    if (mode == Mode::ReadOnly) return Error(file.string() + ": holds no gitops-sim progress yet");
    const std::string create = std::string("BEGIN;") + kSchema + "PRAGMA user_version = " +
                               std::to_string(kSchemaVersion) + ";COMMIT;";
    if (sqlite3_exec(store->db_.get(), create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      Error e = store->sql_error("cannot set up the progress file");
      sqlite3_exec(store->db_.get(), "ROLLBACK;", nullptr, nullptr, nullptr);
      return e;
    }
  }
  return store;
}

bool ProgressStore::read_only() const { return sqlite3_db_readonly(db_.get(), "main") == 1; }

Status ProgressStore::save(std::string_view profile, std::string_view lesson, const std::vector<StepRecord>& steps) {
  if (auto st = check_profile_name(profile); !st) return st;
  if (read_only()) return Error(file_.string() + ": cannot save progress: the file is read-only");
  if (auto st = exec("BEGIN;"); !st) return st;
  auto fail = [this](std::string_view doing) {
    Error e = sql_error(doing);
    sqlite3_exec(db_.get(), "ROLLBACK;", nullptr, nullptr, nullptr);
    return e;
  };
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_.get(), kUpsert, -1, &raw, nullptr) != SQLITE_OK) return fail("cannot save progress");
  Stmt stmt(raw);
  for (const auto& s : steps) {
    sqlite3_reset(stmt.get());
    sqlite3_clear_bindings(stmt.get());
    sqlite3_bind_text(stmt.get(), 1, profile.data(), static_cast<int>(profile.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt.get(), 2, lesson.data(), static_cast<int>(lesson.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt.get(), 3, s.step.data(), static_cast<int>(s.step.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int(stmt.get(), 4, s.passed ? 1 : 0);
    sqlite3_bind_int(stmt.get(), 5, s.skipped ? 1 : 0);
    sqlite3_bind_int(stmt.get(), 6, s.solution_shown ? 1 : 0);
    sqlite3_bind_int(stmt.get(), 7, s.hints_used);
    if (s.answer) {
      sqlite3_bind_int(stmt.get(), 8, s.answer->choice);
      sqlite3_bind_int(stmt.get(), 9, s.answer->correct ? 1 : 0);
    }
    if (s.time_taken) sqlite3_bind_int64(stmt.get(), 10, s.time_taken->ms);
    if (sqlite3_step(stmt.get()) != SQLITE_DONE) return fail("cannot save progress");
  }
  stmt.reset();
  if (sqlite3_exec(db_.get(), "COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot save progress");
  return {};
}

Result<std::vector<StepRecord>> ProgressStore::load(std::string_view profile, std::string_view lesson) const {
  sqlite3_stmt* raw = nullptr;
  const char* sql =
      "SELECT step, passed, skipped, solution_shown, hints_used, answer_choice, answer_correct, time_taken_ms"
      " FROM step_progress WHERE profile = ?1 AND lesson = ?2 ORDER BY step;";
  if (sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr) != SQLITE_OK) return sql_error("cannot read progress");
  Stmt stmt(raw);
  sqlite3_bind_text(stmt.get(), 1, profile.data(), static_cast<int>(profile.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 2, lesson.data(), static_cast<int>(lesson.size()), SQLITE_TRANSIENT);
  std::vector<StepRecord> out;
  for (;;) {
    const int rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return sql_error("cannot read progress");
    StepRecord r;
    const unsigned char* step = sqlite3_column_text(stmt.get(), 0);
    r.step = step != nullptr ? reinterpret_cast<const char*>(step) : "";
    r.passed = sqlite3_column_int(stmt.get(), 1) != 0;
    r.skipped = sqlite3_column_int(stmt.get(), 2) != 0;
    r.solution_shown = sqlite3_column_int(stmt.get(), 3) != 0;
    r.hints_used = sqlite3_column_int(stmt.get(), 4);
    if (sqlite3_column_type(stmt.get(), 5) != SQLITE_NULL) {
      r.answer = scenario::Answer{sqlite3_column_int(stmt.get(), 5), sqlite3_column_int(stmt.get(), 6) != 0};
    }
    if (sqlite3_column_type(stmt.get(), 7) != SQLITE_NULL) r.time_taken = Duration::millis(sqlite3_column_int64(stmt.get(), 7));
    out.push_back(std::move(r));
  }
  return out;
}

LessonProgress summarize(const Lesson& lesson, const std::vector<StepRecord>& records) {
  LessonProgress p;
  p.total = static_cast<int>(lesson.steps.size());
  p.started = !records.empty();
  for (const auto& s : lesson.steps) {
    const auto it = std::find_if(records.begin(), records.end(), [&](const StepRecord& r) { return r.step == s.id; });
    if (it != records.end() && it->done()) ++p.done;
  }
  return p;
}

std::vector<StepRecord> records_of(const LessonRun& run) {
  std::vector<StepRecord> out;
  const std::size_t n = run.lesson().steps.size();
  const std::size_t upto = std::min(run.current() + 1, n);
  for (std::size_t i = 0; i < upto; ++i) {
    const StepProgress& p = run.progress(i);
    StepRecord r;
    r.step = run.lesson().steps[i].id;
    r.passed = p.passed;
    r.skipped = p.skipped;
    r.solution_shown = p.solution_shown;
    r.hints_used = p.hints_shown;
    r.answer = p.answer;
    if (p.passed && p.passed_at) {
      r.time_taken = Duration::millis(p.passed_at->ms - p.started.ms);
    } else if (p.skipped && p.skipped_at) {
      r.time_taken = Duration::millis(p.skipped_at->ms - p.started.ms);
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::unique_ptr<ProgressStore>> open_default_store(ProgressStore::Mode mode) {
  auto file = default_progress_file();
  if (!file) return file.error();
  return ProgressStore::open(*file, mode);
}

}  // namespace gs::lesson
