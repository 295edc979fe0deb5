// The faults break-fix offers when no fault palette is given (the
// instructor station's, sim/classroom, takes its place where there is
// one): each aimed at the first application that deploys a Deployment —
// scaled by hand, deleted by hand, its cluster down for two minutes.
#pragma once

#include <vector>

#include "sim/pair/break_fix.hpp"

namespace gs::pair {

// Empty when no application deploys a Deployment yet.
std::vector<FaultOption> default_palette(const world::World& w);

}  // namespace gs::pair
