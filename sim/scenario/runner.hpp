// Running a scenario headless: build the World from the scenario's WorldSpec,
// apply the timeline's actions at their virtual times, and hold the
// expectations to their timing — `at` (after everything scheduled at that
// instant ran), `by` (at some moment in [from, by]), `never` (at no moment).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::world {
class World;
}

namespace gs::scenario {

struct RunOptions {
  std::optional<Duration> until;       // stop earlier (or later) than clock.end
  std::optional<std::uint64_t> seed;   // override the scenario's seed
};

struct ExpectationResult {
  Check check;
  bool passed = false;
  std::string seen;  // what the world showed when the check was decided
};

struct RunResult {
  std::unique_ptr<world::World> world;
  std::vector<ExpectationResult> expectations;
  bool all_passed = true;
  std::string hash;  // SHA-256 of the event stream
  TimePoint stopped_at;
};

// Applies one timeline entry to a world at its current time: notes, pauses,
// what a command printed and a command that failed are recorded as events.
// The one place that says what a timeline entry does; the headless runner
// and the GUI session both call it, so both give the same event log.
void apply_timeline_entry(world::World& world, const TimelineEntry& entry);

Result<RunResult> run_scenario(const Scenario& scenario, const RunOptions& options = {});

// Builds the world and runs it to `to` (timeline included), without checks:
// what `gitops-sim exec --at T` and `export --at T` start from.
Result<std::unique_ptr<world::World>> run_to(const Scenario& scenario, TimePoint to,
                                             std::optional<std::uint64_t> seed = std::nullopt);

}  // namespace gs::scenario
