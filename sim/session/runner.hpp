// Driving a scenario headless through a Session: `gitops-sim run` (the
// timeline, a journal of commands at their times, and the expectations held
// to their timing — `at` after everything scheduled at that instant ran,
// `by` at some moment in [from, by], `never` at no moment), `exec` (run to a
// time, then give commands) and `export` (run to a time).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/session/journal.hpp"
#include "sim/session/session.hpp"

namespace gs::session {

struct RunOptions {
  std::optional<Duration> until;       // stop earlier (or later) than clock.end
  std::optional<std::uint64_t> seed;   // override the scenario's seed
  // Commands given on the way, each at its time, as Session::replay gives
  // them (timeline entries in it are skipped: the scenario applies its own).
  Journal journal;
  // Hears the run from time 0 (a recording); not owned.
  SessionObserver* observer = nullptr;
};

struct ExpectationResult {
  scenario::Check check;
  bool passed = false;
  std::string seen;  // what the world showed when the check was decided
};

struct RunResult {
  std::unique_ptr<Session> session;
  std::vector<ExpectationResult> expectations;
  bool all_passed = true;
  std::string hash;  // SHA-256 of the event stream
  TimePoint stopped_at;

  const world::World& world() const { return session->world(); }
};

Result<RunResult> run_scenario(const scenario::Scenario& scenario, const RunOptions& options = {});

// Builds the session and runs it to `to` (timeline included, through its
// teaching pauses), without checks: what `exec --at T` and `export --at T`
// start from.
Result<std::unique_ptr<Session>> run_to(const scenario::Scenario& scenario, TimePoint to,
                                        std::optional<std::uint64_t> seed = std::nullopt);

// `gitops-sim exec FILE --at T COMMAND...`: runs to T, then gives the
// commands in order (as typed at a console), stopping after the first that
// is refused. A COMMAND may carry a here-document (`git write R@B PATH <<EOF`,
// lines, `EOF`: world::split_heredoc), given as the file beside it; a bad one
// is an error before anything runs. Exit code: 1 when one was refused or
// exited non-zero, else 0.
struct ExecResult {
  std::unique_ptr<Session> session;
  std::vector<CommandOutcome> outcomes;  // one per command given
  int exit_code = 0;
};
Result<ExecResult> exec_commands(const scenario::Scenario& scenario, TimePoint at,
                                 const std::vector<std::string>& commands);

}  // namespace gs::session
