// Check predicates (the scenario format's `expect`, `goals` and lessons):
// evaluate one Check against a World at its current time. Timing (at, by,
// never) is the runner's business; this says whether the predicate holds now
// and, for reports, what was seen instead.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

// What checks already know, so that checking after every instant costs only
// what changed (a lesson checks its predicates after every instant of a
// virtual day; reading everything again each time made a 150-app day 60
// times slower). Event predicates keep their counts (the log only grows);
// app, resource and file predicates keep their outcome until what they read
// moves: events naming the app, the cluster's change count, events that
// move Git refs. Whoever rebuilds the world (reset, undo) or starts a
// step clears it. Keyed by the Check's address, never iterated.
class CheckCache {
 public:
  struct Entry {
    EventId first = 0;          // the `since` the counts were made from
    std::size_t scanned = 0;    // log entries already counted
    std::size_t after_scanned = 0;
    EventId after = 0;          // the `after:` event's id, once found
    std::int64_t n = 0;         // matching events so far
    EventId latest_output = 0;  // `output:`: the latest matching Output event
    // What the memo was read at: counts of what moves it, and clocks.
    struct Key {
      std::uint64_t a = 0, b = 0, c = 0, d = 0, e = 0;
      friend bool operator==(const Key&, const Key&) = default;
    };
    Key memo_key;
    std::optional<CheckOutcome> memo;
    bool app_busy = false;      // app predicates: its operation was running when last read
    bool app_quiet = false;     // a Flux Kustomization (issue 12): its runs move its view with no event
    std::string app_repo_url, app_server;
  };
  Entry& at(const void* check) { return entries_[check]; }
  // How many events so far name `app`, and how many of them announce a
  // change of its sync or health status (or its coming and going).
  struct AppEvents {
    std::uint64_t all = 0, status = 0;
  };
  AppEvents app_events(const world::World& w, std::string_view app);
  // How many events so far moved a Git ref or named a repository (every
  // commit, branch, tag and reset emits one): what a branch's head follows.
  std::uint64_t git_events(const world::World& w);
  void clear() {
    entries_.clear();
    app_events_.clear();
    app_events_scanned_ = 0;
    git_events_ = 0;
  }

 private:
  std::map<const void*, Entry> entries_;
  std::map<std::string, AppEvents, std::less<>> app_events_;
  std::size_t app_events_scanned_ = 0;
  std::uint64_t git_events_ = 0;
  void scan(const world::World& w);
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
  // Optional: what checks know between evaluations against the same world.
  CheckCache* cache = nullptr;
};

CheckOutcome evaluate_check(const Check& check, const world::World& world, const CheckContext* ctx = nullptr);
// Whether it holds, as evaluate_check(...).holds, without saying what was
// seen (what a lesson asks after every instant; cheaper with a CheckCache).
bool check_holds(const Check& check, const world::World& world, const CheckContext* ctx = nullptr);

// Whether `command` (a command line, as typed or canonical) starts with the
// words of `prefix` ("git revert", "kubectl scale deployment/web"). Both are
// compared in the parser's canonical form when they parse (so `-n shop` and
// `--namespace=shop` agree), else word by word as written.
bool command_has_prefix(const std::string& command, const std::string& prefix);

}  // namespace gs::scenario
