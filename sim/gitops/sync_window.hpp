// Sync windows (AppProject spec.syncWindows; argocd-behaviour.md §8.3): when
// syncs may run, from cron schedules read on the virtual clock, in UTC. The
// rules are Argo CD's CanSync: an active deny blocks everything (manual syncs
// pass only if every active deny says manualSync); otherwise, when allow
// windows match the app, syncs run only while one of them is active.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"

namespace gs::gitops {

// A standard five-field cron schedule (minute hour day-of-month month
// day-of-week), as robfig/cron reads it: lists, ranges, steps, names (JAN,
// MON) and @hourly/@daily/@weekly/@monthly/@yearly.
struct CronSchedule {
  std::bitset<60> minute;
  std::bitset<24> hour;
  std::bitset<32> dom;  // 1..31
  std::bitset<13> month;  // 1..12
  std::bitset<7> dow;     // 0 = Sunday
  bool dom_star = false;  // written as '*': then day-of-month AND day-of-week, else OR
  bool dow_star = false;
};

// Errors name the field at fault: "day-of-week: 'MONDAY' is not a number or name".
Result<CronSchedule> parse_cron(std::string_view text);
// Whether the schedule fires in the minute that contains `epoch_s` (UTC).
bool cron_matches(const CronSchedule& c, std::int64_t epoch_s);

struct SyncWindow {
  bool deny = false;  // kind: deny (else allow)
  std::string schedule;
  CronSchedule cron;
  Duration duration;
  std::vector<std::string> applications;  // globs
  std::vector<std::string> namespaces;
  std::vector<std::string> clusters;
  bool manual_sync = false;
  bool and_operator = false;
  bool sync_overrun = false;

  // Active from each firing of the schedule for `duration`.
  bool active_at(std::int64_t epoch_s) const;
  // Argo CD's Matches: any listed selector matches (all of them with andOperator).
  bool matches(std::string_view app, std::string_view ns, std::string_view server, std::string_view cluster) const;
};

enum class SyncWindowState { Allowed, ManualAllowed, Denied };
const char* to_string(SyncWindowState s);  // "Sync Allowed", "Manual Allowed", "Sync Denied"
std::optional<SyncWindowState> parse_sync_window_state(std::string_view s);

// Over the windows that match an app.
bool can_sync(const std::vector<const SyncWindow*>& windows, std::int64_t epoch_s, bool manual);
SyncWindowState sync_window_state(const std::vector<const SyncWindow*>& windows, std::int64_t epoch_s);
// Whether an operation already running may go on although the windows now
// block it: every window that blocks it has syncOverrun.
bool overrun_allowed(const std::vector<const SyncWindow*>& windows, std::int64_t epoch_s);

}  // namespace gs::gitops
