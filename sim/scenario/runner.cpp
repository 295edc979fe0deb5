#include "sim/scenario/runner.hpp"

#include <algorithm>
#include <set>

#include "sim/core/events.hpp"
#include "sim/scenario/predicates.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/world.hpp"

namespace gs::scenario {
namespace {

struct Driver {
  const Scenario& scenario;
  std::unique_ptr<world::World> world;
  std::size_t next_entry = 0;

  // Applies the timeline entries due at `t` (world already at t).
  void apply_entries_at(TimePoint t) {
    while (next_entry < scenario.timeline.size() && TimePoint{scenario.timeline[next_entry].at.ms} <= t) {
      apply_timeline_entry(*world, scenario.timeline[next_entry++]);
    }
  }
};

Result<std::unique_ptr<world::World>> build(const Scenario& scenario, std::optional<std::uint64_t> seed) {
  world::WorldSpec spec = scenario.world;
  if (seed) spec.seed = *seed;
  if (spec.file.empty()) spec.file = scenario.file;
  return world::World::create(spec);
}

}  // namespace

void apply_timeline_entry(world::World& world, const TimelineEntry& e) {
  if (e.pause) {
    world.record(events::paused(e.pause->en, e.pause->ko));
    return;
  }
  if (!e.run) return;
  if (e.note) world.record(events::note(e.note->en, e.note->ko));
  auto out = world.apply_text(*e.run, e.files);
  if (!out) {
    // A timeline command that cannot run is reported and the run goes on;
    // the expectations decide whether that matters.
    world.record(events::action_failed(*e.run, out.error().message,
                                       e.pos.file + ":" + std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col)));
  } else if (!out->output.empty()) {
    // What a read-only command printed belongs in the run's record too.
    world.record(events::output(*e.run, out->output));
  }
}

Result<std::unique_ptr<world::World>> run_to(const Scenario& scenario, TimePoint to, std::optional<std::uint64_t> seed) {
  auto w = build(scenario, seed);
  if (!w) return w.error();
  Driver d{scenario, std::move(w.value())};
  std::set<TimePoint> stops;
  for (const auto& e : scenario.timeline) {
    if (TimePoint{e.at.ms} <= to) stops.insert(TimePoint{e.at.ms});
  }
  stops.insert(to);
  for (TimePoint t : stops) {
    d.world->advance(t);
    d.apply_entries_at(t);
    d.world->advance(t);
  }
  return std::move(d.world);
}

Result<RunResult> run_scenario(const Scenario& scenario, const RunOptions& options) {
  auto w = build(scenario, options.seed);
  if (!w) return w.error();
  Driver d{scenario, std::move(w.value())};
  const TimePoint stop{(options.until ? *options.until : scenario.end).ms};

  RunResult result;
  const std::size_t n = scenario.expect.size();
  std::vector<int> state(n, -1);  // -1 undecided, 0 failed, 1 passed
  std::vector<std::string> seen(n);

  // Every instant something runs is a moment for `by` and `never` checks.
  auto on_moment = [&](TimePoint t) {
    for (std::size_t i = 0; i < n; ++i) {
      const Check& c = scenario.expect[i];
      if (c.timing == Timing::By && state[i] == -1 && t.ms >= c.from.ms && t.ms <= c.at.ms) {
        auto o = evaluate_check(c, *d.world);
        seen[i] = o.seen;
        if (o.holds) state[i] = 1;
      } else if (c.timing == Timing::Never && state[i] != 0) {
        auto o = evaluate_check(c, *d.world);
        if (o.holds) {
          state[i] = 0;
          seen[i] = o.seen + " at " + format_offset(t);
        }
      }
    }
  };

  std::set<TimePoint> stops;
  for (const auto& e : scenario.timeline) stops.insert(TimePoint{e.at.ms});
  for (const auto& c : scenario.expect) {
    if (c.timing == Timing::At || c.timing == Timing::By) stops.insert(TimePoint{c.at.ms});
    if (c.timing == Timing::By) stops.insert(TimePoint{c.from.ms});
  }
  stops.insert(stop);
  for (TimePoint t : stops) {
    if (t > stop) break;
    d.world->advance(t, on_moment);
    d.apply_entries_at(t);
    d.world->advance(t, on_moment);
    on_moment(t);
    for (std::size_t i = 0; i < n; ++i) {
      const Check& c = scenario.expect[i];
      if (c.timing == Timing::At && c.at.ms == t.ms) {
        auto o = evaluate_check(c, *d.world);
        state[i] = o.holds ? 1 : 0;
        seen[i] = o.seen;
      } else if (c.timing == Timing::By && c.at.ms == t.ms && state[i] == -1) {
        state[i] = 0;
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Check& c = scenario.expect[i];
    ExpectationResult r{c, false, seen[i]};
    if (c.timing == Timing::Never) {
      r.passed = state[i] != 0;
    } else if (state[i] == -1) {
      r.passed = false;
      r.seen = "not reached: the run stopped at " + format_offset(stop);
    } else {
      r.passed = state[i] == 1;
    }
    result.all_passed = result.all_passed && r.passed;
    result.expectations.push_back(std::move(r));
  }
  result.stopped_at = d.world->now();
  result.hash = world::event_stream_hash(d.world->log().events());
  result.world = std::move(d.world);
  return result;
}

}  // namespace gs::scenario
