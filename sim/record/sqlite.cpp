#include "sim/record/sqlite.hpp"

namespace gs::record::sql {

namespace fs = std::filesystem;

std::string Stmt::text(int col) const {
  const void* p = sqlite3_column_blob(s_.get(), col);
  const int n = sqlite3_column_bytes(s_.get(), col);
  if (p == nullptr || n <= 0) return std::string();
  return std::string(static_cast<const char*>(p), static_cast<std::size_t>(n));
}

Result<Db> Db::open(const fs::path& file, Mode mode) {
  Db db;
  db.file_ = file;
  std::error_code ec;
  int flags = 0;
  if (mode == Mode::Create) {
    if (fs::exists(file, ec)) return Error(file.string() + ": already exists; give another name or remove it first");
    if (file.has_parent_path()) {
      fs::create_directories(file.parent_path(), ec);
      if (ec) return Error("cannot create " + file.parent_path().string() + ": " + ec.message());
    }
    flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  } else if (mode == Mode::Write) {
    if (!fs::is_regular_file(file, ec)) return Error(file.string() + ": no such file");
    flags = SQLITE_OPEN_READWRITE;
  } else {
    if (fs::is_directory(file, ec)) return Error(file.string() + ": is a directory, not a recording");
    if (!fs::is_regular_file(file, ec)) return Error(file.string() + ": no such file");
    flags = SQLITE_OPEN_READONLY;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.string().c_str(), &raw, flags, nullptr);
  db.db_.reset(raw);  // even on failure sqlite hands back a handle to close
  if (rc != SQLITE_OK) return db.error("cannot open");
  sqlite3_extended_result_codes(raw, 0);
  return db;
}

Status Db::exec(const char* sql, std::string_view doing) const {
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error(doing);
  return {};
}

Result<Stmt> Db::prepare(std::string_view sql, std::string_view doing) const {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw);
    return error(doing);
  }
  return Stmt(raw);
}

Error Db::error(std::string_view doing) const {
  std::string what = db_ ? sqlite3_errmsg(db_.get()) : "cannot open";
  return Error(file_.string() + ": " + std::string(doing) + ": " + what);
}

}  // namespace gs::record::sql
