// The schema walker the scenario loader is written with: a Diagnostics sink
// that collects positioned errors, a MapReader that hands out a map's fields
// by name and reports the rest as unknown (with a "did you mean"), and typed
// readers for the scalar kinds of the format. Null counts as absent, as in
// Kubernetes. Internal to gs::scenario.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "sim/model/node.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::scenario::detail {

class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  void error(model::Mark at, std::string message);
  SourcePos pos(model::Mark at) const;
  const std::string& file() const { return file_; }
  std::size_t count() const { return errors_.size(); }
  // Sorted by (line, col), stable; exact repeats dropped.
  Errors take_sorted();

 private:
  std::string file_;
  Errors errors_;
};

// "a string", "an integer", "a list", ... for messages about a node.
std::string describe(const model::Node& n);
// "'abc'" for a scalar, else describe(); for "expected X, not Y" messages.
std::string shown(const model::Node& n);
// "A, B or C"
std::string join_or(const std::vector<std::string>& words);

// Reads one map. Every field asked for becomes known; finish() (or the
// destructor) reports the other keys as unknown, suggesting the closest known
// name. Duplicate keys are reported when the reader is made.
class MapReader {
 public:
  // `what` names the map in messages: "check", "cluster", "spec.source".
  MapReader(Diagnostics& d, const model::Node& node, std::string what);
  ~MapReader() { finish(); }
  MapReader(const MapReader&) = delete;
  MapReader& operator=(const MapReader&) = delete;

  bool ok() const { return node_ != nullptr; }
  const model::Node* node() const { return node_; }  // the map read, or nullptr
  model::Mark mark() const { return mark_; }
  const std::string& what() const { return what_; }

  // The value, or nullptr when absent or null.
  const model::Node* optional(std::string_view name);
  // The value even when it is null (for fields where null is a value).
  const model::Node* present(std::string_view name);
  // As optional(), but reports "missing required field" when absent or null.
  const model::Node* required(std::string_view name);
  // A real field of the thing modelled (Argo CD, Kubernetes) the simulator
  // does not implement: reported as unsupported rather than unknown.
  void unsupported(std::string_view name);
  // Where the key `name` is written (the map's own mark when absent).
  model::Mark key_mark(std::string_view name) const;
  bool has(std::string_view name) const;
  // Whether the map has keys not asked for so far (a typo is likely the cause
  // of a "missing" complaint, so callers can stay quiet about that).
  bool has_unknown_fields() const;

  void finish();
  // Reports nothing about fields not asked for (the map is another kind of
  // file, already reported once).
  void ignore_rest() { finished_ = true; }

 private:
  const model::MapEntry* entry(std::string_view name) const;

  Diagnostics& d_;
  const model::Node* node_ = nullptr;
  model::Mark mark_;
  std::string what_;
  std::vector<std::string> known_;
  bool finished_ = false;
};

// The mark of a node, falling back to `fallback` when the node has none.
model::Mark mark_or(const model::Node& n, model::Mark fallback);

// Typed readers: each reports its own error (naming `field`) and returns
// nullopt on a wrong type or value.
std::optional<std::string> read_string(Diagnostics& d, const model::Node& n, std::string_view field,
                                       bool allow_empty = false);
std::optional<bool> read_bool(Diagnostics& d, const model::Node& n, std::string_view field);
std::optional<std::int64_t> read_int(Diagnostics& d, const model::Node& n, std::string_view field,
                                     std::int64_t min = 0,
                                     std::int64_t max = std::numeric_limits<std::int64_t>::max());
// The longest duration a scenario file may write anywhere (settings, checks,
// backoffs, sync windows): a year. A run lasts at most kMaxRunLength, so a
// longer time can only be a slip. With every time at most a year, sums of
// times stay far inside 64-bit milliseconds (parse_duration refuses only
// what overflows on its own, ~292 million years: `999999999d` passes it) and
// loops over a time span (sync windows look back day by day) stay short.
inline constexpr Duration kMaxDuration = Duration::hours(24 * 365);
// clock.end's bound: 30 days. A run steps through every poll and event up to
// its end (30 days of 3-minute polls is 14,400 refreshes per app); lessons
// and tests cover minutes to days.
inline constexpr Duration kMaxRunLength = Duration::hours(24 * 30);

// A duration like 30s or 1h30m, at most kMaxDuration; `allow_zero` false
// refuses 0s.
std::optional<Duration> read_duration(Diagnostics& d, const model::Node& n, std::string_view field,
                                      bool allow_zero = true);
// One of a fixed set of words, with a "did you mean" for near misses.
std::optional<std::string> read_enum(Diagnostics& d, const model::Node& n, std::string_view field,
                                     const std::vector<std::string>& choices);
std::optional<LocalizedText> read_text(Diagnostics& d, const model::Node& n, std::string_view field);
// A list (a null node reads as empty); reports anything else.
const std::vector<model::Node>* read_list(Diagnostics& d, const model::Node* n, std::string_view field);
// A list of strings.
std::optional<std::vector<std::string>> read_string_list(Diagnostics& d, const model::Node& n,
                                                         std::string_view field);
// A map of string to string (labels, annotations).
void check_string_map(Diagnostics& d, const model::Node& n, std::string_view field);

// " (did you mean 'X'?)" or "".
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace gs::scenario::detail
