// Check predicates (the scenario format's `expect`, `goals` and lessons):
// evaluate one Check against a World at its current time. Timing (at, by,
// never) is the runner's business; this says whether the predicate holds now
// and, for reports, what was seen instead.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/event.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::world {
class World;
}

namespace gs::scenario {

struct CheckOutcome {
  bool holds = false;
  std::string seen;  // what the world showed, e.g. "sync=OutOfSync health=Healthy"
};

// A question step's answer.
struct Answer {
  int choice = 0;
  bool correct = false;
};

// What a check reads of a lesson beyond the world. Without one (scenarios),
// `since: step` counts from the world's start, `ran` and `answered` never hold.
struct CheckContext {
  // The id the step's first event has (or will have): the log's size + 1 when
  // the step started. `since: step` counts events with ids from here on.
  EventId step_first_event = 1;
  TimePoint step_started;
  std::vector<std::string> ran;  // successful commands since the step started, as typed
  std::map<std::string, Answer> answers;  // step id -> the learner's answer
  // What the learner's commands printed, oldest first; `after_event` is the
  // log's size when it ran, so it sorts with the world's Output events (the
  // timeline's). `output:` reads the most recent of both.
  struct Printed {
    std::string command;  // as typed
    std::string text;
    EventId after_event = 0;
  };
  std::vector<Printed> printed;
};

CheckOutcome evaluate_check(const Check& check, const world::World& world, const CheckContext* ctx = nullptr);

// Whether `command` (a command line, as typed or canonical) starts with the
// words of `prefix` ("git revert", "kubectl scale deployment/web"). Both are
// compared in the parser's canonical form when they parse (so `-n shop` and
// `--namespace=shop` agree), else word by word as written.
bool command_has_prefix(const std::string& command, const std::string& prefix);

}  // namespace gs::scenario
