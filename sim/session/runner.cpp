#include "sim/session/runner.hpp"

#include <set>

#include "sim/scenario/predicates.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/world.hpp"

namespace gs::session {

using scenario::Check;
using scenario::Timing;

Result<std::unique_ptr<Session>> run_to(const scenario::Scenario& scenario, TimePoint to,
                                        std::optional<std::uint64_t> seed) {
  auto s = Session::create(scenario, SessionOptions{seed, {}});
  if (!s) return s.error();
  (*s)->run_through(to);
  return std::move(s.value());
}

Result<ExecResult> exec_commands(const scenario::Scenario& scenario, TimePoint at,
                                 const std::vector<std::string>& commands) {
  auto s = run_to(scenario, at);
  if (!s) return s.error();
  ExecResult result;
  result.session = std::move(s.value());
  for (const auto& c : commands) {
    result.outcomes.push_back(result.session->run(c, Issuer{Origin::Console, ""}));
    const CommandOutcome& out = result.outcomes.back();
    if (out.exit_code != 0) result.exit_code = 1;  // e.g. `argocd app diff` found differences, as the real CLI exits
    if (!out.ok) break;
  }
  return result;
}

Result<RunResult> run_scenario(const scenario::Scenario& scenario, const RunOptions& options) {
  const std::size_t n = scenario.expect.size();
  std::vector<int> state(n, -1);  // -1 undecided, 0 failed, 1 passed
  std::vector<std::string> seen(n);
  // Every instant something runs is a moment for `by` and `never` checks.
  auto on_moment = [&](const world::World& w, TimePoint t) {
    for (std::size_t i = 0; i < n; ++i) {
      const Check& c = scenario.expect[i];
      if (c.timing == Timing::By && state[i] == -1 && t.ms >= c.from.ms && t.ms <= c.at.ms) {
        auto o = evaluate_check(c, w);
        seen[i] = o.seen;
        if (o.holds) state[i] = 1;
      } else if (c.timing == Timing::Never && state[i] != 0) {
        auto o = evaluate_check(c, w);
        if (o.holds) {
          state[i] = 0;
          seen[i] = o.seen + " at " + format_offset(t);
        }
      }
    }
  };
  auto created = Session::create(scenario, SessionOptions{options.seed, on_moment});
  if (!created) return created.error();
  RunResult result;
  result.session = std::move(created.value());
  Session* ses = result.session.get();
  const TimePoint stop{(options.until ? *options.until : scenario.end).ms};

  std::vector<const JournalEntry*> commands;
  for (const auto& e : options.journal) {
    if (e.origin != Origin::Timeline) commands.push_back(&e);
  }
  std::set<TimePoint> stops;
  for (const auto& e : scenario.timeline) stops.insert(TimePoint{e.at.ms});
  for (const auto& c : scenario.expect) {
    if (c.timing == Timing::At || c.timing == Timing::By) stops.insert(TimePoint{c.at.ms});
    if (c.timing == Timing::By) stops.insert(TimePoint{c.from.ms});
  }
  for (const auto* e : commands) stops.insert(e->at);
  stops.insert(stop);
  std::size_t next_command = 0;
  for (TimePoint t : stops) {
    if (t > stop) break;
    ses->run_through(t);
    for (; next_command < commands.size() && commands[next_command]->at <= t; ++next_command) {
      const JournalEntry& e = *commands[next_command];
      ses->run(e.command, Issuer{e.origin, e.actor}, e.files);
    }
    on_moment(ses->world(), ses->now());
    for (std::size_t i = 0; i < n; ++i) {
      const Check& c = scenario.expect[i];
      if (c.timing == Timing::At && c.at.ms == t.ms) {
        if (ses->now() > t) {
          // A command let time pass beyond T: the world at T was never there to see.
          state[i] = 0;
          seen[i] = "not checked: a command let time pass to " + format_offset(ses->now());
          continue;
        }
        auto o = evaluate_check(c, ses->world());
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
  result.stopped_at = ses->now();
  result.hash = world::event_stream_hash(ses->world().log().events());
  return result;
}

}  // namespace gs::session
