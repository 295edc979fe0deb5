#include "sim/ui/view/metrics_view.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/metrics/format.hpp"
#include "sim/metrics/from_world.hpp"
#include "sim/metrics/tiers.hpp"

namespace gs::ui {

namespace {

std::string lang_of(const I18n& i18n) { return i18n.lang() == Lang::Ko ? "ko" : "en"; }

MetricsCell cell(std::string text, const std::optional<metrics::Tier>& tier, const std::string& lang) {
  MetricsCell c;
  c.text = std::move(text);
  if (tier && c.text != "-") {
    c.tier = tier;
    c.tier_text = std::string(metrics::tier_name(*tier, lang));
  }
  return c;
}

MetricsRow row_of(const metrics::Figures& f, const std::string& lang) {
  MetricsRow r;
  r.app = f.app;
  r.env = f.env.empty() ? "-" : f.env;
  r.production = f.production;
  r.deploys = std::to_string(f.deployments);
  r.per_day = cell(metrics::per_day_cell(f.per_day), f.frequency_tier, lang);
  r.lead_time = cell(metrics::duration_cell(f.median_lead_time), f.lead_time_tier, lang);
  r.fail_rate = cell(metrics::fail_rate_cell(f), f.fail_rate_tier, lang);
  r.recovery = cell(metrics::duration_cell(f.median_recovery), f.recovery_tier, lang);
  return r;
}

float frac(TimePoint t, TimePoint until) {
  if (until.ms <= 0) return 0;
  return std::clamp(static_cast<float>(t.ms) / static_cast<float>(until.ms), 0.0f, 1.0f);
}

}  // namespace

Duration metrics_bucket(Duration window, int max_bars) {
  static const std::int64_t kMinutes[] = {1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};
  for (std::int64_t m : kMinutes) {
    const Duration b = Duration::minutes(m);
    if ((window.ms + b.ms - 1) / b.ms <= max_bars) return b;
  }
  return Duration::minutes(1440);
}

MetricsView build_metrics_view(const metrics::Report& report, const std::string& filter, const I18n& i18n) {
  const std::string lang = lang_of(i18n);
  MetricsView v;
  v.until = report.until;
  for (const auto& f : report.apps) v.apps.push_back(f.app);
  v.filter = std::find(v.apps.begin(), v.apps.end(), filter) != v.apps.end() ? filter : std::string();
  for (const auto& f : report.envs) v.rows.push_back(row_of(f, lang));
  for (const auto& f : report.apps) v.rows.push_back(row_of(f, lang));

  const Duration window{std::max<std::int64_t>(report.until.ms, 1)};
  v.bucket = metrics_bucket(window);
  v.bars_title = std::string(i18n.tr("metrics.plot.deploys")) + " " + format_duration(v.bucket);
  const std::size_t n = static_cast<std::size_t>((window.ms + v.bucket.ms - 1) / v.bucket.ms);
  v.bars.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    v.bars[i].x0 = frac(TimePoint{static_cast<std::int64_t>(i) * v.bucket.ms}, TimePoint{window.ms});
    v.bars[i].x1 = frac(TimePoint{static_cast<std::int64_t>(i + 1) * v.bucket.ms}, TimePoint{window.ms});
  }
  Duration longest{0};
  for (const auto& d : report.deployments) {
    if (!v.filter.empty() && d.app != v.filter) continue;
    if (d.deployed_at) {
      v.empty = false;
      const auto i = static_cast<std::size_t>(std::min<std::int64_t>(d.deployed_at->ms / v.bucket.ms, n - 1));
      ++v.bars[i].count;
    }
    if (d.lead_time) longest = std::max(longest, *d.lead_time);
  }
  for (const auto& b : v.bars) v.tallest = std::max(v.tallest, b.count);
  for (auto& b : v.bars) b.height = v.tallest > 0 ? static_cast<float>(b.count) / static_cast<float>(v.tallest) : 0;
  for (const auto& d : report.deployments) {
    if (!v.filter.empty() && d.app != v.filter) continue;
    if (d.lead_time && d.healthy_at) {
      MetricsPoint p;
      p.x = frac(*d.healthy_at, TimePoint{window.ms});
      p.y = longest.ms > 0 ? static_cast<float>(d.lead_time->ms) / static_cast<float>(longest.ms) : 0;
      p.label = d.app + ": " + metrics::duration_cell(d.lead_time);
      p.production = metrics::is_production(d.env);
      v.leads.push_back(std::move(p));
    }
    if (d.failed_at) {
      v.marks.push_back({frac(*d.failed_at, TimePoint{window.ms}), true,
                         d.app + ": " + std::string(metrics::failure_kind_name(*d.failure))});
    }
    if (d.restored_at) {
      v.marks.push_back({frac(*d.restored_at, TimePoint{window.ms}), false,
                         d.app + ": " + i18n.tr("metrics.restored") + " " + metrics::duration_cell(d.recovery_time())});
    }
  }
  v.leads_title = std::string(i18n.tr("metrics.plot.lead")) + " (max " + metrics::duration_cell(longest) + ")";
  // Ticks: 0, the end, and about three between on whole buckets.
  const std::int64_t step = std::max<std::int64_t>(1, static_cast<std::int64_t>(n) / 4) * v.bucket.ms;
  for (std::int64_t t = 0; t < window.ms; t += step) {
    v.ticks.emplace_back(frac(TimePoint{t}, TimePoint{window.ms}), format_duration(Duration{t}));
  }
  if (v.ticks.empty() || v.ticks.back().first < 0.9f) v.ticks.emplace_back(1.0f, format_duration(Duration{report.until.ms / 1000 * 1000}));
  return v;
}

metrics::Report metrics_report(const world::World& world) { return metrics::of_world(world); }

MetricsLayout metrics_layout(float avail_h, float row_h, std::size_t rows, float strip_min_h, float axis_h, float gap) {
  MetricsLayout l;
  const float all_rows = static_cast<float>(rows + 1) * row_h;
  const float least_rows = static_cast<float>(std::min<std::size_t>(rows, 2) + 1) * row_h;
  for (int strips = 2; strips >= 1; --strips) {
    const float plots_min = static_cast<float>(strips) * (strip_min_h + gap) + axis_h;
    const float room = avail_h - plots_min - gap;
    if (room < least_rows) continue;
    float table = all_rows <= room ? all_rows : std::max(least_rows, std::min(room, avail_h * 0.5f));
    table = std::floor(table / row_h) * row_h;  // whole rows
    l.table_h = table;
    l.strips = strips;
    l.strip_h = std::floor((avail_h - table - gap - axis_h) / static_cast<float>(strips) - gap);
    return l;
  }
  l.table_h = std::max(row_h, std::floor(std::min(all_rows, avail_h) / row_h) * row_h);
  return l;
}

bool metrics_stale(std::size_t log_size, std::int64_t now_ms, std::size_t built_log, std::int64_t built_now_ms,
                   double wall_s, double built_wall_s) {
  if (log_size == built_log && now_ms == built_now_ms) return false;
  if (built_log == static_cast<std::size_t>(-1)) return true;
  return wall_s - built_wall_s >= 0.5 || wall_s < built_wall_s;
}

}  // namespace gs::ui
