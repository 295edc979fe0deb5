// The faults break-fix offers: the instructor station's fault palette
// (sim/classroom), each planned for the world as it is now and aimed at the
// first app that manages a Deployment; a fault the world cannot take (no
// branch to commit to, no repository) is left out.
#pragma once

#include <vector>

#include "sim/pair/break_fix.hpp"

namespace gs::pair {

// In the palette's order; empty when no app manages a Deployment yet.
std::vector<FaultOption> default_palette(const world::World& w);

}  // namespace gs::pair
