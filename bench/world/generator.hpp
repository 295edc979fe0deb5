// A generator for busy GitOps installations, the kind the world benchmark
// runs: S services × dev, staging, prod = 3·S Applications on three clusters,
// one config repository (a base per service, an overlay per service and
// environment), automated sync with self-heal, and a day's worth of work —
// commits that bump one service's image tag in one environment, and hand
// edits (drift) that self-heal reverts. Deterministic: the same options give
// the same spec and the same commands.
#pragma once

#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/world/world_spec.hpp"

namespace gs::bench {

struct WorldShape {
  int services = 50;  // apps = 3 × services
  int commits = 50;   // over the day, evenly spaced
  int drifts = 0;     // kubectl scale by hand, evenly spaced
  Duration length = Duration::hours(24);
};

struct TimedCommand {
  TimePoint at;
  std::string command;
};

struct GeneratedWorld {
  world::WorldSpec spec;
  std::vector<TimedCommand> commands;  // sorted by time
};

GeneratedWorld generate_world(const WorldShape& shape);

}  // namespace gs::bench
