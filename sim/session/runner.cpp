#include "sim/session/runner.hpp"

#include <set>

#include "sim/scenario/predicates.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/heredoc.hpp"
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
  // Every here-document is read before anything runs: a bad one changes nothing.
  std::vector<world::CommandWithFiles> given;
  for (const auto& c : commands) {
    auto split = world::split_heredoc(c);
    if (!split) return split.error();
    given.push_back(std::move(split.value()));
  }
  auto s = run_to(scenario, at);
  if (!s) return s.error();
  ExecResult result;
  result.session = std::move(s.value());
  for (const auto& c : given) {
    result.outcomes.push_back(result.session->run(c.line, Issuer{Origin::Console, ""}, c.files));
    const CommandOutcome& out = result.outcomes.back();
    if (out.exit_code != 0) result.exit_code = 1;  // e.g. `argocd app diff` found differences, as the real CLI exits
    if (!out.ok) break;
  }
  return result;
}

namespace {

// The expectations of a run and their timing: `by` and `never` are looked at
// every moment, `at` and the end of a `by` window at their stops.
class Expectations {
 public:
  explicit Expectations(const std::vector<Check>& checks)
      : checks_(checks), state_(checks.size(), -1), seen_(checks.size()) {}

  // Every instant something runs is a moment for `by` and `never` checks.
  void moment(const world::World& w, TimePoint t) {
    ctx_.cache = &scan_;  // `by`/`never` are looked at every moment: count each event once
    for (std::size_t i = 0; i < checks_.size(); ++i) {
      const Check& c = checks_[i];
      if (c.timing == Timing::By && state_[i] == -1 && t.ms >= c.from.ms && t.ms <= c.at.ms) {
        auto o = evaluate_check(c, w, &ctx_);
        seen_[i] = o.seen;
        if (o.holds) state_[i] = 1;
      } else if (c.timing == Timing::Never && state_[i] != 0) {
        if (auto o = evaluate_check(c, w, &ctx_); o.holds) {
          state_[i] = 0;
          seen_[i] = o.seen + " at " + format_offset(t);
        }
      }
    }
  }

  // The run stopped at `t` (the world may be past it when a command let time pass).
  void stop(const world::World& w, TimePoint t) {
    for (std::size_t i = 0; i < checks_.size(); ++i) {
      const Check& c = checks_[i];
      if (c.timing == Timing::At && c.at.ms == t.ms) {
        if (w.now() > t) {
          // A command let time pass beyond T: the world at T was never there to see.
          state_[i] = 0;
          seen_[i] = "not checked: a command let time pass to " + format_offset(w.now());
          continue;
        }
        auto o = evaluate_check(c, w);
        state_[i] = o.holds ? 1 : 0;
        seen_[i] = o.seen;
      } else if (c.timing == Timing::By && c.at.ms == t.ms && state_[i] == -1) {
        state_[i] = 0;
      }
    }
  }

  // The times at which the run must stop for them.
  void add_stops(std::set<TimePoint>& stops) const {
    for (const auto& c : checks_) {
      if (c.timing == Timing::At || c.timing == Timing::By) stops.insert(TimePoint{c.at.ms});
      if (c.timing == Timing::By) stops.insert(TimePoint{c.from.ms});
    }
  }

  void report(RunResult& result, TimePoint end) const {
    for (std::size_t i = 0; i < checks_.size(); ++i) {
      const Check& c = checks_[i];
      ExpectationResult r{c, false, seen_[i]};
      if (c.timing == Timing::Never) {
        r.passed = state_[i] != 0;
      } else if (state_[i] == -1) {
        r.seen = "not reached: the run stopped at " + format_offset(end);
      } else {
        r.passed = state_[i] == 1;
      }
      result.all_passed = result.all_passed && r.passed;
      result.expectations.push_back(std::move(r));
    }
  }

 private:
  const std::vector<Check>& checks_;
  std::vector<int> state_;  // -1 undecided, 0 failed, 1 passed
  std::vector<std::string> seen_;
  scenario::CheckContext ctx_;
  scenario::CheckCache scan_;
};

}  // namespace

Result<RunResult> run_scenario(const scenario::Scenario& scenario, const RunOptions& options) {
  Expectations expect(scenario.expect);
  SessionOptions session_options{options.seed, [&](const world::World& w, TimePoint t) { expect.moment(w, t); }};
  session_options.observer = options.observer;
  auto created = Session::create(scenario, std::move(session_options));
  if (!created) return created.error();
  RunResult result;
  result.session = std::move(created.value());
  Session* ses = result.session.get();
  const TimePoint end{(options.until ? *options.until : scenario.end).ms};

  // Stops: the timeline's entries, the checks' times, the journal's commands, the end.
  std::vector<const JournalEntry*> commands;
  for (const auto& e : options.journal) {
    if (e.origin != Origin::Timeline) commands.push_back(&e);
  }
  std::set<TimePoint> stops;
  for (const auto& e : scenario.timeline) stops.insert(TimePoint{e.at.ms});
  expect.add_stops(stops);
  for (const auto* e : commands) stops.insert(e->at);
  stops.insert(end);
  std::size_t next_command = 0;
  for (TimePoint t : stops) {
    if (t > end) break;
    ses->run_through(t);
    for (; next_command < commands.size() && commands[next_command]->at <= t; ++next_command) {
      const JournalEntry& e = *commands[next_command];
      ses->run(e.command, Issuer{e.origin, e.actor, e.role}, e.files);
    }
    expect.moment(ses->world(), ses->now());
    expect.stop(ses->world(), t);
  }
  expect.report(result, end);
  result.stopped_at = ses->now();
  std::optional<std::string> kept = options.observer ? options.observer->event_stream_hash(ses->world()) : std::nullopt;
  result.hash = kept ? *kept : world::event_stream_hash(ses->world().log().events());
  return result;
}

}  // namespace gs::session
