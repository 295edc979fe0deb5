// A loaded scenario: the world at time 0, the timeline of scripted actions
// and the checks (`expect`, `goals`) of a `gitops-sim/v1` Scenario file, after
// the loader (loader.hpp) has validated every field and reference. Plain data;
// the World runs it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "sim/core/event.hpp"
#include "sim/model/node.hpp"
#include "sim/world/world_spec.hpp"

namespace gs::scenario {

// Text shown to learners, in English and Korean. The format always writes it
// as a map `{en: ..., ko: ...}`; both languages are required.
struct LocalizedText {
  std::string en;
  std::string ko;

  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

// One scripted step: at `at`, run a command (with the files a `git commit`
// stages) or pause the run with a question for the learner.
struct TimelineEntry {
  Duration at;
  std::optional<std::string> run;  // command text, already accepted by world::parse_command
  // `files:` (path -> content) and `delete:` (path -> nullopt) beside a `git
  // commit`; or the one file a `git write` stages (its PATH -> `content:`).
  std::map<std::string, std::optional<std::string>> files;
  std::optional<LocalizedText> note;   // only with `run`
  std::optional<LocalizedText> pause;  // exactly one of run / pause
  SourcePos pos;
};

// A live object a check looks at. `group` is empty unless the file names one
// (then any group with that kind matches, as `kubectl get KIND` does).
struct ResourceRef {
  std::string cluster, ns, kind, name;
  std::string group;
};

// At: holds at `at`. By: holds at some moment in [from, at]. Never: holds at
// no moment. Untimed: a goal.
enum class Timing { At, By, Never, Untimed };

// One filter of an `event` predicate: a field of the event's type (from the
// event catalog, events.hpp) and the value it must have, or with `contains`
// the text a string field must contain (`message: {contains: TEXT}`).
struct EventFilter {
  std::string field;
  FieldValue value;
  bool contains = false;

  friend bool operator==(const EventFilter&, const EventFilter&) = default;
};

// An event type and its filters: `after: {event: TYPE, ...filters}`.
struct EventMatch {
  std::string type;
  std::vector<EventFilter> filters;
};

// A file at a branch's head: `file: {repo, branch, path}`.
struct FileRef {
  std::string repo, branch, path;
};

// One predicate of `expect`, `goals` or a lesson. A tree: `all`/`any` hold
// when all/any of their parts hold, `not_` (one part) when its part does not;
// otherwise exactly one subject is set:
// - `app` alone (with sync/health/revision/operation/historyLength,
//   condition, message contains, or field+equals on the Application object),
// - `resource` (with exists, field+equals, or health),
// - `event` (with app/repo/cluster and catalog-field filters, count/atLeast,
//   after, causedBy and, in lessons, since: step),
// - `output` (the latest output of a command with that prefix contains text),
// - `file` (exists, field+equals, or contains), and in lessons
// - `ran` (a command prefix) and `answered` (a step id, optionally correct).
// Only the outermost check has a timing; its parts are untimed.
struct Check {
  Timing timing = Timing::Untimed;
  Duration at;    // At, By
  Duration from;  // By: the window is [from, at]

  std::vector<Check> all, any;
  std::vector<Check> not_;  // at most one

  std::optional<std::string> app;
  std::optional<std::string> sync, health, revision, operation;
  std::optional<std::int64_t> history_length;
  std::optional<std::string> condition;  // app: it has a condition of this type

  std::optional<ResourceRef> resource;
  std::optional<bool> exists;
  std::optional<std::string> field;  // resource, file, or app (a path in the Application object)
  std::optional<model::Node> equals;
  // app: the operation's message; output: what the command printed; file: its content.
  std::optional<std::string> contains;

  std::optional<std::string> event;
  std::optional<std::string> repo, cluster;
  std::vector<EventFilter> filters;  // the event type's other fields
  std::optional<std::int64_t> count, at_least;
  std::optional<EventMatch> after;   // counts only events after the first one matching this
  std::optional<std::string> caused_by;  // an event type, or a command prefix such as "git revert"
  bool since_step = false;               // lessons: only events since the step started

  std::optional<std::string> output;  // a command prefix: its most recent run printed `contains`
  std::optional<FileRef> file;

  std::optional<std::string> ran;       // lessons: a command prefix run since the step started
  std::optional<std::string> answered;  // lessons: a question step's id
  std::optional<bool> correct;          // with answered: answered right (or wrong)

  std::string text;  // one line, e.g. "at 5m: app shop-dev sync=Synced health=Healthy"
  SourcePos pos;
};

struct Scenario {
  std::string name;
  LocalizedText title, description;  // title defaults to the name; description to empty
  world::WorldSpec world;
  Duration end = Duration::hours(1);  // clock.end: when `run` stops
  std::vector<TimelineEntry> timeline;  // in file order, which is time order
  std::vector<Check> expect;
  std::vector<Check> goals;
  std::string file;
};

}  // namespace gs::scenario
