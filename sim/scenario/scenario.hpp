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
  // `files:` (path -> content) and `delete:` (path -> nullopt) beside a `git commit`.
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

// One predicate of `expect`, `goals` or a lesson. Exactly one subject is set:
// `app` alone (with sync/health/revision/operation/historyLength), `resource`
// (with exists, field+equals, or health), or `event` (with app/repo/cluster
// as filters and count/atLeast).
struct Check {
  Timing timing = Timing::Untimed;
  Duration at;    // At, By
  Duration from;  // By: the window is [from, at]

  std::optional<std::string> app;
  std::optional<std::string> sync, health, revision, operation;
  std::optional<std::int64_t> history_length;

  std::optional<ResourceRef> resource;
  std::optional<bool> exists;
  std::optional<std::string> field;
  std::optional<model::Node> equals;

  std::optional<std::string> event;
  std::optional<std::string> repo, cluster;
  std::optional<std::int64_t> count, at_least;

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
