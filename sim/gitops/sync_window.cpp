#include "sim/gitops/sync_window.hpp"

#include <algorithm>
#include <cctype>

#include "sim/gitops/application.hpp"

namespace gs::gitops {
namespace {

struct FieldSpec {
  const char* name;
  int min;
  int max;
  std::vector<std::string> names;  // index + min = value
};

std::string upper(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Result<int> value_of(const FieldSpec& f, std::string_view word) {
  if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      word.size() <= 4) {
    const int v = std::stoi(std::string(word));
    if (v < f.min || v > f.max) {
      return Error(std::string(f.name) + ": " + std::string(word) + " is out of range " + std::to_string(f.min) +
                   "-" + std::to_string(f.max));
    }
    return v;
  }
  const std::string u = upper(word);
  for (std::size_t i = 0; i < f.names.size(); ++i) {
    if (f.names[i] == u) return f.min + static_cast<int>(i);
  }
  return Error(std::string(f.name) + ": '" + std::string(word) + "' is not a number" +
               (f.names.empty() ? std::string() : " or a name like " + f.names.front()));
}

// One field: "*", "*/15", "1-5", "MON-FRI", "0,30", "10-50/10", "5/10".
// Returns whether it was a bare star (robfig's starBit).
Result<bool> parse_field(const FieldSpec& f, std::string_view text, std::vector<bool>& bits) {
  bool star = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    const std::string_view item = text.substr(pos, comma - pos);
    if (item.empty()) return Error(std::string(f.name) + ": empty list item in '" + std::string(text) + "'");
    std::string_view range = item;
    int step = 1;
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      range = item.substr(0, slash);
      const std::string_view st = item.substr(slash + 1);
      if (st.empty() || st.size() > 3 || !std::all_of(st.begin(), st.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          std::stoi(std::string(st)) < 1) {
        return Error(std::string(f.name) + ": step '" + std::string(st) + "' must be a positive number");
      }
      step = std::stoi(std::string(st));
    }
    int lo = 0, hi = 0;
    if (range == "*" || range == "?") {
      lo = f.min;
      hi = f.max;
      if (step == 1) star = true;
    } else if (const auto dash = range.find('-'); dash != std::string_view::npos) {
      auto a = value_of(f, range.substr(0, dash));
      if (!a) return a.error();
      auto b = value_of(f, range.substr(dash + 1));
      if (!b) return b.error();
      lo = *a;
      hi = *b;
      if (lo > hi) return Error(std::string(f.name) + ": range '" + std::string(range) + "' runs backwards");
    } else {
      auto a = value_of(f, range);
      if (!a) return a.error();
      lo = *a;
      hi = step > 1 ? f.max : *a;  // "5/10" means 5-max/10
    }
    for (int v = lo; v <= hi; v += step) bits[static_cast<std::size_t>(v)] = true;
    pos = comma + 1;
  }
  return star;
}

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Result<CronSchedule> parse_cron(std::string_view text) {
  static const std::vector<std::pair<std::string, std::string>> descriptors = {
      {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"},
      {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},    {"@midnight", "0 0 * * *"},
      {"@hourly", "0 * * * *"}};
  std::string spec(text);
  for (const auto& [name, expansion] : descriptors) {
    if (spec == name) spec = expansion;
  }
  if (!spec.empty() && spec.front() == '@') return Error("unknown descriptor '" + spec + "'");
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (i < spec.size()) {
    while (i < spec.size() && std::isspace(static_cast<unsigned char>(spec[i]))) ++i;
    std::size_t j = i;
    while (j < spec.size() && !std::isspace(static_cast<unsigned char>(spec[j]))) ++j;
    if (j > i) fields.push_back(spec.substr(i, j - i));
    i = j;
  }
  if (fields.size() != 5) {
    return Error("expected 5 fields (minute hour day-of-month month day-of-week), got " +
                 std::to_string(fields.size()));
  }
  static const FieldSpec specs[5] = {
      {"minute", 0, 59, {}},
      {"hour", 0, 23, {}},
      {"day-of-month", 1, 31, {}},
      {"month", 1, 12, {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
      {"day-of-week", 0, 6, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}}};
  CronSchedule c;
  bool stars[5] = {};
  for (int k = 0; k < 5; ++k) {
    std::vector<bool> bits(64, false);
    auto star = parse_field(specs[k], fields[static_cast<std::size_t>(k)], bits);
    if (!star) return star.error();
    stars[k] = *star;
    for (int v = specs[k].min; v <= specs[k].max; ++v) {
      if (!bits[static_cast<std::size_t>(v)]) continue;
      const auto u = static_cast<std::size_t>(v);
      switch (k) {
        case 0: c.minute.set(u); break;
        case 1: c.hour.set(u); break;
        case 2: c.dom.set(u); break;
        case 3: c.month.set(u); break;
        default: c.dow.set(u); break;
      }
    }
  }
  c.dom_star = stars[2];
  c.dow_star = stars[4];
  return c;
}

namespace {
// Whether the schedule's day fields (month, day-of-month, day-of-week) hold on
// the day `days` after 1970-01-01.
bool day_matches(const CronSchedule& c, std::int64_t days) {
  int y = 0, m = 0, d = 0;
  civil_from_days(days, y, m, d);
  if (!c.month.test(static_cast<std::size_t>(m))) return false;
  const auto weekday = static_cast<std::size_t>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  const bool dom = c.dom.test(static_cast<std::size_t>(d)), dow = c.dow.test(weekday);
  return (c.dom_star || c.dow_star) ? (dom && dow) : (dom || dow);
}
}  // namespace

bool cron_matches(const CronSchedule& c, std::int64_t epoch_s) {
  const std::int64_t days = floor_div(epoch_s, 86400);
  const std::int64_t sec = epoch_s - days * 86400;
  return c.minute.test(static_cast<std::size_t>((sec / 60) % 60)) && c.hour.test(static_cast<std::size_t>(sec / 3600)) &&
         day_matches(c, days);
}

bool SyncWindow::active_at(std::int64_t epoch_s) const {
  // Some firing f with t - duration < f <= t: walk the days that can hold
  // one, newest first, and only the hours and minutes the schedule names.
  const std::int64_t dur_s = duration.ms / 1000;
  if (dur_s <= 0) return false;
  const std::int64_t lo = epoch_s - dur_s;  // exclusive
  for (std::int64_t day = floor_div(epoch_s, 86400); day >= floor_div(lo, 86400); --day) {
    if (!day_matches(cron, day)) continue;
    for (std::size_t h = 0; h < 24; ++h) {
      if (!cron.hour.test(h)) continue;
      for (std::size_t m = 0; m < 60; ++m) {
        if (!cron.minute.test(m)) continue;
        const std::int64_t f = day * 86400 + static_cast<std::int64_t>(h * 3600 + m * 60);
        if (f <= epoch_s && f > lo) return true;
      }
    }
  }
  return false;
}

bool SyncWindow::matches(std::string_view app, std::string_view ns, std::string_view server,
                         std::string_view cluster) const {
  auto any = [](const std::vector<std::string>& globs, auto&& pred) {
    return std::any_of(globs.begin(), globs.end(), pred);
  };
  const bool by_ns = any(namespaces, [&](const std::string& g) { return glob_match(g, ns); });
  const bool by_cluster =
      any(clusters, [&](const std::string& g) { return glob_match(g, server) || glob_match(g, cluster); });
  const bool by_app = any(applications, [&](const std::string& g) { return glob_match(g, app); });
  if (and_operator) {
    if (namespaces.empty() && clusters.empty() && applications.empty()) return false;
    return (namespaces.empty() || by_ns) && (clusters.empty() || by_cluster) && (applications.empty() || by_app);
  }
  return by_ns || by_cluster || by_app;
}

const char* to_string(SyncWindowState s) {
  switch (s) {
    case SyncWindowState::Allowed: return "Sync Allowed";
    case SyncWindowState::ManualAllowed: return "Manual Allowed";
    case SyncWindowState::Denied: return "Sync Denied";
  }
  return "Sync Allowed";
}

std::optional<SyncWindowState> parse_sync_window_state(std::string_view s) {
  for (auto w : {SyncWindowState::Allowed, SyncWindowState::ManualAllowed, SyncWindowState::Denied}) {
    if (s == to_string(w)) return w;
  }
  return std::nullopt;
}

namespace {
struct Split {
  std::vector<const SyncWindow*> active_deny, active_allow, inactive_allow;
};
Split split(const std::vector<const SyncWindow*>& windows, std::int64_t t) {
  Split s;
  for (const SyncWindow* w : windows) {
    const bool on = w->active_at(t);
    if (w->deny && on) s.active_deny.push_back(w);
    if (!w->deny) (on ? s.active_allow : s.inactive_allow).push_back(w);
  }
  return s;
}
}  // namespace

bool can_sync(const std::vector<const SyncWindow*>& windows, std::int64_t epoch_s, bool manual) {
  if (windows.empty()) return true;
  const Split s = split(windows, epoch_s);
  if (!s.active_deny.empty()) {
    const bool manual_ok = std::all_of(s.active_deny.begin(), s.active_deny.end(),
                                       [](const SyncWindow* w) { return w->manual_sync; });
    return manual && manual_ok;
  }
  if (!s.active_allow.empty()) return true;
  if (!s.inactive_allow.empty()) {
    const bool manual_ok = std::any_of(s.inactive_allow.begin(), s.inactive_allow.end(),
                                       [](const SyncWindow* w) { return w->manual_sync; });
    return manual && manual_ok;
  }
  return true;
}

SyncWindowState sync_window_state(const std::vector<const SyncWindow*>& windows, std::int64_t epoch_s) {
  if (can_sync(windows, epoch_s, false)) return SyncWindowState::Allowed;
  return can_sync(windows, epoch_s, true) ? SyncWindowState::ManualAllowed : SyncWindowState::Denied;
}

bool overrun_allowed(const std::vector<const SyncWindow*>& windows, std::int64_t epoch_s) {
  const Split s = split(windows, epoch_s);
  const auto& blocking = !s.active_deny.empty() ? s.active_deny : s.inactive_allow;
  return !blocking.empty() &&
         std::all_of(blocking.begin(), blocking.end(), [](const SyncWindow* w) { return w->sync_overrun; });
}

}  // namespace gs::gitops
