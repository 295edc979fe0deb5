// The 2024 Accelerate State of DevOps four-tier table (peers-behaviour.md
// §6.2), as the thresholds gitops-sim reads a figure against. Caveats: the
// table was taken from a recollection checked against a secondary source, not
// the PDF; the change-fail-rate cells are each cluster's typical figure, not
// a bound (2024's medium, 10 %, sits below high's 20 %), so a rate gets the
// tier whose figure is nearest; High and Medium share "less than one day" for
// recovery, which reads High.
#pragma once

#include <string_view>

#include "sim/core/duration.hpp"
#include "sim/metrics/dora.hpp"

namespace gs::metrics {

// On demand (at least once a day) Elite, at least weekly High, at least
// monthly Medium, else Low.
Tier frequency_tier(double per_day);
// Under a day Elite, under a week High, under a month (30 days) Medium, else Low.
Tier lead_time_tier(Duration d);
// Nearest of Elite 5 %, Medium 10 %, High 20 %, Low 40 % (midpoints 7.5, 15, 30).
Tier fail_rate_tier(double rate);
// Under an hour Elite, under a day High, else Low (2024 Low: a week to a month).
Tier recovery_tier(Duration d);

std::string_view tier_name(Tier t);                        // "Elite", "High", "Medium", "Low"
std::string_view tier_name(Tier t, std::string_view lang); // ko: "엘리트", "높음", "중간", "낮음"

}  // namespace gs::metrics
