// DORA's report as people and programs read it: a text table per app and
// per environment (en or ko), JSON (one object), CSV (one row per app and per
// environment total). Used by `gitops-sim metrics` and `gitops-sim report`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/metrics/dora.hpp"

namespace gs::metrics {

// Cells as they print: durations in whole seconds (4m12s, "-" for none),
// "3.2" deployments a day, "1/40 (2.5%)".
std::string duration_cell(const std::optional<Duration>& d);
std::string per_day_cell(double per_day);
std::string fail_rate_cell(const Figures& f);
// A figure and its tier: "4m12s Elite"; just "-" when there is no figure.
std::string with_tier(const std::string& cell, const std::optional<Tier>& tier, std::string_view lang);

std::string report_text(const Report& r, std::string_view lang);
std::string report_json(const Report& r);
std::string report_csv(const Report& r);

}  // namespace gs::metrics
