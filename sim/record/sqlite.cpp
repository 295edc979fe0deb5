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
  std::string name = file.string();
  if (mode == Mode::ReadOnly) {
    fs::path journal = file;
    journal += "-journal";
    if (fs::exists(journal, ec)) {
      // A hot journal: the recorder was killed while it closed (turning
      // the file out of WAL mode touches only its header). A read-only
      // connection cannot roll it back and would refuse the file; read the
      // file as it stands instead, changing nothing.
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string uri = "file:";
      for (unsigned char c : name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                           c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
          uri += static_cast<char>(c);
        } else {
          uri += '%';
          uri += kHex[c >> 4];
          uri += kHex[c & 15];
        }
      }
      name = uri + "?immutable=1";
      flags |= SQLITE_OPEN_URI;
    }
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
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
