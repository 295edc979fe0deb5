#include "sim/core/duration.hpp"

#include <array>
#include <cstdio>
#include <limits>

namespace gs {
namespace {

struct Unit {
  std::string_view name;
  std::int64_t ms;
};

// Largest first: a duration lists its units in this order.
constexpr std::array<Unit, 5> kUnits{{
    {"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}, {"ms", 1}}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<Duration> parse_duration(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  if (text.empty()) return Error("empty duration; expected a number with a unit such as 30s, 3m or 1h30m");
  std::int64_t total = 0;
  std::size_t i = 0;
  std::size_t last_unit = 0;  // index into kUnits + 1 of the last unit seen
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      return Error("invalid duration " + quoted + ": expected a digit at position " + std::to_string(i + 1) +
                   " (units: ms, s, m, h, d; negative durations are not allowed)");
    }
    std::int64_t value = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (value > (std::numeric_limits<std::int64_t>::max() / 10) - 9) return Error("duration " + quoted + " is too large");
      value = value * 10 + (text[i] - '0');
      ++i;
    }
    std::size_t j = i;
    while (j < text.size() && !is_digit(text[j])) ++j;
    const std::string_view unit = text.substr(i, j - i);
    if (unit.empty()) {
      return Error("duration " + quoted + " has a number without a unit; write e.g. " + std::to_string(value) +
                   "s or " + std::to_string(value) + "m");
    }
    std::size_t k = 0;
    while (k < kUnits.size() && kUnits[k].name != unit) ++k;
    if (k == kUnits.size()) {
      return Error("unknown unit '" + std::string(unit) + "' in duration " + quoted + "; expected ms, s, m, h or d");
    }
    if (k + 1 <= last_unit) {
      return Error("duration " + quoted + " must list units largest first, each once (like 1h30m)");
    }
    last_unit = k + 1;
    if (value > std::numeric_limits<std::int64_t>::max() / kUnits[k].ms) return Error("duration " + quoted + " is too large");
    const std::int64_t add = value * kUnits[k].ms;
    if (total > std::numeric_limits<std::int64_t>::max() - add) return Error("duration " + quoted + " is too large");
    total += add;
    i = j;
  }
  return Duration{total};
}

std::string format_duration(Duration d) {
  if (d.ms == 0) return "0s";
  std::string out;
  std::int64_t rest = d.ms;
  if (rest < 0) {
    out = "-";
    rest = -rest;
  }
  for (const auto& u : kUnits) {
    if (rest >= u.ms) {
      out += std::to_string(rest / u.ms);
      out += u.name;
      rest %= u.ms;
    }
  }
  return out;
}

std::string format_offset(TimePoint t) { return "+" + format_duration(Duration{t.ms}); }

namespace {

// Days from 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

}  // namespace

Result<std::int64_t> parse_rfc3339_utc(std::string_view text) {
  // Exactly YYYY-MM-DDTHH:MM:SSZ: the scenario format's clock.start.
  auto bad = [&] {
    return Error("invalid timestamp '" + std::string(text) + "'; expected UTC like 2026-01-05T09:00:00Z");
  };
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return bad();
  }
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (!is_digit(text[i])) return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, s;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) || !num(17, 2, s)) {
    return bad();
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return bad();
  // Reject dates like Feb 30 by round-tripping.
  const std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  std::int64_t ry;
  unsigned rm, rd;
  civil_from_days(days, ry, rm, rd);
  if (ry != y || static_cast<int>(rm) != mo || static_cast<int>(rd) != d) return bad();
  return days * 86400 + h * 3600 + mi * 60 + s;
}

std::string format_rfc3339_utc(std::int64_t epoch_seconds) {
  std::int64_t days = epoch_seconds / 86400;
  std::int64_t secs = epoch_seconds % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m, d,
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

}  // namespace gs
