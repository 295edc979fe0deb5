#include "sim/metrics/tiers.hpp"

namespace gs::metrics {

Tier frequency_tier(double per_day) {
  if (per_day >= 1.0) return Tier::Elite;
  if (per_day >= 1.0 / 7) return Tier::High;
  if (per_day >= 1.0 / 30) return Tier::Medium;
  return Tier::Low;
}

Tier lead_time_tier(Duration d) {
  constexpr std::int64_t day = 86'400'000;
  if (d.ms < day) return Tier::Elite;
  if (d.ms < 7 * day) return Tier::High;
  if (d.ms < 30 * day) return Tier::Medium;
  return Tier::Low;
}

Tier fail_rate_tier(double rate) {
  if (rate < 0.075) return Tier::Elite;
  if (rate < 0.15) return Tier::Medium;
  if (rate < 0.30) return Tier::High;
  return Tier::Low;
}

Tier recovery_tier(Duration d) {
  if (d.ms < 3'600'000) return Tier::Elite;
  if (d.ms < 86'400'000) return Tier::High;
  return Tier::Low;
}

std::string_view tier_name(Tier t) { return tier_name(t, "en"); }

std::string_view tier_name(Tier t, std::string_view lang) {
  const bool ko = lang == "ko";
  switch (t) {
    case Tier::Elite: return ko ? "엘리트" : "Elite";
    case Tier::High: return ko ? "높음" : "High";
    case Tier::Medium: return ko ? "중간" : "Medium";
    case Tier::Low: return ko ? "낮음" : "Low";
  }
  return "";
}

}  // namespace gs::metrics
