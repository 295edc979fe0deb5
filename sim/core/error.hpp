// Errors as values: a message with an optional source position, rendered as
// `FILE:LINE:COL: message`. Every error a user can cause carries one of these
// across module boundaries instead of an exception.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gs {

// 1-based line and column, as editors and compilers print them.
struct SourcePos {
  std::string file;
  int line = 0;
  int col = 0;

  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

struct Error {
  std::string message;
  std::optional<SourcePos> pos;

  Error() = default;
  explicit Error(std::string msg) : message(std::move(msg)) {}
  Error(std::string msg, SourcePos at) : message(std::move(msg)), pos(std::move(at)) {}

  // "FILE:LINE:COL: message", or just the message when no position is known.
  std::string render() const;
};

// Several problems found in one pass (a validator reports them all at once).
using Errors = std::vector<Error>;

std::string render_all(const Errors& errors);

}  // namespace gs
