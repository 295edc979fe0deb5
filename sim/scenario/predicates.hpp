// Check predicates (the scenario format's `expect`, `goals` and lessons):
// evaluate one Check against a World at its current time. Timing (at, by,
// never) is the runner's business; this says whether the predicate holds now
// and, for reports, what was seen instead.
#pragma once

#include <string>

#include "sim/scenario/scenario.hpp"

namespace gs::world {
class World;
}

namespace gs::scenario {

struct CheckOutcome {
  bool holds = false;
  std::string seen;  // what the world showed, e.g. "sync=OutOfSync health=Healthy"
};

CheckOutcome evaluate_check(const Check& check, const world::World& world);

}  // namespace gs::scenario
