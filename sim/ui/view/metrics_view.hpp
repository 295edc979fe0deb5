// The metrics panel's logic (no ImGui): DORA's figures (sim/metrics) as rows
// of cells with tier chips — each environment's total, then each app — and
// the plots over virtual time: deployments per time bucket (bars), lead
// time per deployment (points), failures and restores (marks). Positions are
// fractions of the plot (0..1 across the window, 0..1 up); the panel only
// scales them to pixels. When to recompute is decided here too.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/metrics/dora.hpp"
#include "sim/ui/view/i18n.hpp"

namespace gs::world {
class World;
}

namespace gs::ui {

struct MetricsCell {
  std::string text;            // "4m12s", "12.0", "1/40 (2.5%)", "-"
  std::optional<metrics::Tier> tier;
  std::string tier_text;       // the chip's word in the panel's language
};

struct MetricsRow {
  std::string app;  // "" for an environment's total
  std::string env;
  bool production = false;
  std::string deploys;  // "12"
  MetricsCell per_day, lead_time, fail_rate, recovery;
};

struct MetricsBar {
  float x0 = 0, x1 = 0;  // the bucket, as fractions of the window
  int count = 0;
  float height = 0;      // count / the tallest bucket
};

struct MetricsPoint {
  float x = 0, y = 0;  // y: lead time / the longest
  std::string label;   // "web: 4m12s"
  bool production = false;
};

struct MetricsMark {
  float x = 0;
  bool failure = true;  // else a restore
  std::string label;    // "web: Degraded", "web: restored after 2m"
};

struct MetricsView {
  TimePoint until;
  std::string filter;                    // "" every app, else one app
  std::vector<std::string> apps;         // for the filter's list, sorted
  std::vector<MetricsRow> rows;          // environments' totals first, then apps
  Duration bucket;                       // the bars' width
  std::string bars_title;                // "Deployments per 5m"
  std::vector<MetricsBar> bars;
  int tallest = 0;
  std::vector<MetricsPoint> leads;
  std::string leads_title;               // "Lead time per deployment (max 6m)"
  std::vector<MetricsMark> marks;
  std::vector<std::pair<float, std::string>> ticks;  // x and "0s", "5m", ...
  bool empty = true;                     // no deployment at all yet
};

// The bars' bucket for a window: the smallest of 1m, 5m, 10m, 15m, 30m, 1h,
// 2h, 3h, 6h, 12h, 1d that gives at most `max_bars` bars.
Duration metrics_bucket(Duration window, int max_bars = 24);

// The view of a report; `filter` limits the plots to one app ("" all).
MetricsView build_metrics_view(const metrics::Report& report, const std::string& filter, const I18n& i18n);
// The report of a world now (metrics::of_world).
metrics::Report metrics_report(const world::World& world);

// How the panel shares its height: the table in whole rows (the header
// included), then 2, 1 or 0 plot strips and the time axis under them. The
// table shows every row when that leaves the plots their least, else as
// many as fit in about half (at least the header and two rows) and scrolls;
// a panel too short for two strips draws the deployments' one only.
struct MetricsLayout {
  float table_h = 0;
  int strips = 0;
  float strip_h = 0;
};
MetricsLayout metrics_layout(float avail_h, float row_h, std::size_t rows, float strip_min_h, float axis_h, float gap);

// Whether the panel recomputes: the log or the clock moved since it last
// did (`built_log` ~0 for never), and half a second of wall time went by
// (DORA reads the whole log; a playing clock need not redo it every frame).
bool metrics_stale(std::size_t log_size, std::int64_t now_ms, std::size_t built_log, std::int64_t built_now_ms,
                   double wall_s, double built_wall_s);

}  // namespace gs::ui
