// A thin RAII layer over SQLite for recordings: one connection, prepared
// statements that finalize themselves, binding and reading by column, and
// errors as values naming the file and what was being done.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/result.hpp"

namespace gs::record::sql {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  sqlite3_stmt* get() const { return s_.get(); }
  explicit operator bool() const { return s_ != nullptr; }
  // Ready to bind and step again.
  Stmt& reset() {
    sqlite3_reset(s_.get());
    sqlite3_clear_bindings(s_.get());
    return *this;
  }
  Stmt& bind(int i, std::string_view v) {
    sqlite3_bind_text(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_blob(int i, std::string_view v) {
    sqlite3_bind_blob(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_.get(), i, v);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(s_.get(), i);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(s_.get()); }
  std::int64_t integer(int col) const { return sqlite3_column_int64(s_.get(), col); }
  bool is_null(int col) const { return sqlite3_column_type(s_.get(), col) == SQLITE_NULL; }
  std::string text(int col) const;  // text or blob bytes; "" for NULL

 private:
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> s_;
};

class Db {
 public:
  enum class Mode { Create, Write, ReadOnly };
  // Create: a new file (an existing one is refused). Write: an existing
  // file, to write to. ReadOnly: opened so that nothing, not even the WAL's
  // recovery, writes to it.
  static Result<Db> open(const std::filesystem::path& file, Mode mode);
  sqlite3* get() const { return db_.get(); }
  const std::filesystem::path& file() const { return file_; }
  Status exec(const char* sql, std::string_view doing) const;
  Result<Stmt> prepare(std::string_view sql, std::string_view doing) const;
  // "FILE: DOING: sqlite's message".
  Error error(std::string_view doing) const;
  int code() const { return db_ ? sqlite3_errcode(db_.get()) : SQLITE_ERROR; }

 private:
  std::filesystem::path file_;
  std::unique_ptr<sqlite3, DbCloser> db_;
};

}  // namespace gs::record::sql
