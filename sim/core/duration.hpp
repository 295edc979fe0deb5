// Virtual time. The simulation never reads the wall clock: time is an integer
// count of milliseconds since the scenario start, in strong types so a duration
// and a point in time cannot be mixed up. Durations read and print as `250ms`,
// `5s`, `3m`, `1h30m`, `2d` (d = 24h), as the scenario format says.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/core/result.hpp"

namespace gs {

struct Duration {
  std::int64_t ms = 0;

  static constexpr Duration millis(std::int64_t v) { return {v}; }
  static constexpr Duration seconds(std::int64_t v) { return {v * 1000}; }
  static constexpr Duration minutes(std::int64_t v) { return {v * 60'000}; }
  static constexpr Duration hours(std::int64_t v) { return {v * 3'600'000}; }

  friend constexpr auto operator<=>(Duration, Duration) = default;
  friend constexpr Duration operator+(Duration a, Duration b) { return {a.ms + b.ms}; }
  friend constexpr Duration operator-(Duration a, Duration b) { return {a.ms - b.ms}; }
  friend constexpr Duration operator*(Duration a, std::int64_t k) { return {a.ms * k}; }
};

// A point in virtual time: milliseconds since the scenario start (time 0).
struct TimePoint {
  std::int64_t ms = 0;

  friend constexpr auto operator<=>(TimePoint, TimePoint) = default;
  friend constexpr TimePoint operator+(TimePoint t, Duration d) { return {t.ms + d.ms}; }
  friend constexpr TimePoint operator-(TimePoint t, Duration d) { return {t.ms - d.ms}; }
  friend constexpr Duration operator-(TimePoint a, TimePoint b) { return {a.ms - b.ms}; }
};

// Parses `250ms`, `5s`, `3m`, `1h30m`, `2d`. Units must appear largest first,
// each at most once; a bare number or an unknown unit is an error.
Result<Duration> parse_duration(std::string_view text);

// Prints the shortest canonical form: 0s, 250ms, 5s, 3m, 1h30m, 2d, 1m30s500ms.
std::string format_duration(Duration d);

// `+3m12s` style offset from the scenario start, for timelines.
std::string format_offset(TimePoint t);

// Civil time: seconds since the Unix epoch of an RFC 3339 UTC timestamp
// (`2026-01-05T09:00:00Z`), used for `clock.start`.
Result<std::int64_t> parse_rfc3339_utc(std::string_view text);
std::string format_rfc3339_utc(std::int64_t epoch_seconds);

}  // namespace gs
