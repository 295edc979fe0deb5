// Reading one check predicate (scenario-format.md "Check predicates",
// lesson-format.md "Check predicates added for lessons") from a file: the
// scenario loader reads `expect` and `goals` with it, the lesson loader a
// step's `check`. Every problem is a positioned error in the Diagnostics,
// with what was expected and a "did you mean" for near misses.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/model/node.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace gs::scenario {

// Names defined by the world part of the file, that checks refer to.
struct Known {
  std::vector<std::string> cluster_names;    // the default "in-cluster" when the file lists none
  std::vector<std::string> cluster_servers;  // same order as cluster_names
  std::vector<std::string> repo_names;
  std::vector<std::string> repo_urls;        // normalised (rules.hpp), same order as repo_names
  std::vector<std::string> repo_urls_written;  // as the file writes them, same order
  std::vector<std::string> project_names;    // "default" always
  std::vector<std::string> app_names;
  Duration end = Duration::hours(1);
  // Whether a resource check's kind must be a built-in kind (or Argo CD's
  // Application/AppProject): true when nothing in the world can define more
  // (no CustomResourceDefinition anywhere in the file).
  bool check_kinds = false;
  // Lessons: the ids of the lesson's steps, which `answered:` names. Empty:
  // not checked.
  std::vector<std::string> step_ids;
};

// Where a check is written, which decides its timing and its predicates:
// Expect: one timing (at, by [from], never) required;
// Goal: untimed;
// Lesson: untimed, and the lesson-only predicates (since: step, ran,
//   answered) are allowed; elsewhere they are an error "only in lessons".
enum class CheckUse { Expect, Goal, Lesson };

std::optional<Check> read_check(detail::Diagnostics& d, const model::Node& n, const Known& known, CheckUse use);

}  // namespace gs::scenario
