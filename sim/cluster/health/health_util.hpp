// Shared readers for the per-kind health checks (internal).
#pragma once

#include "sim/cluster/health/health.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster::health_detail {

using detail::find_condition;
using detail::get_int;
using detail::get_str;
using detail::opt_int;

inline std::int64_t generation(const model::Node& o) { return get_int(o, {"metadata", "generation"}); }
inline std::int64_t observed(const model::Node& o) { return get_int(o, {"status", "observedGeneration"}); }

}  // namespace gs::cluster::health_detail
