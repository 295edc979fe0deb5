// Loading and validating scenario files (`apiVersion: gitops-sim/v1`,
// `kind: Scenario`). Strict, as Kubernetes' strict field validation: unknown
// fields, wrong types, bad references and unsafe repo paths are all errors,
// reported together in one pass, each at its FILE:LINE:COL.
//
// Where the format is silent (decisions, so users can rely on them):
// - title/description are `{en, ko}` maps with both languages; a plain string
//   is an error. title defaults to metadata.name.
// - Timeline entries must be in time order, and no timeline `at` or expect
//   `at`/`by` may be after clock.end (it would never run or be checked).
// - A `git commit` run needs `files:`/`delete:` (git: "nothing to commit");
//   `note` goes only with `run`; `sim ...` commands are console-only.
// - `from:` goes only on the commit that creates a branch; a new branch
//   without it starts empty (like `git checkout --orphan`). `delete:` of a
//   missing file and file/directory clashes are errors, as in git.
// - settings.profile argocd-3 sets its defaults (120s polling, 60s jitter)
//   before the explicit fields; reconciliationTimeout is 0s (no polling) or
//   at least 1s, as Argo CD reads it; watchDelay and applyLatency must be
//   > 0s; 0s < clock.end <= 30d; no duration is longer than 365d
//   (schema.hpp says why for each bound).
// - repoURL matches a repo's url after Argo CD's normalisation (case, trailing
//   `/` and `.git`). Clusters are unique by name and by server.
// - A check's `resource.cluster` may be left out when there is one cluster.
// - Event types, sync options and enums are checked against fixed lists.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

#include "sim/core/error.hpp"
#include "sim/core/result.hpp"
#include "sim/model/node.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/source_files.hpp"

namespace gs::scenario {

struct Known;       // check_reader.hpp

namespace detail {
class Diagnostics;  // schema.hpp
class MapReader;
}  // namespace detail

// Larger files are refused before parsing: a scenario is hand-written text.
inline constexpr std::size_t kMaxScenarioBytes = 4u << 20;  // 4 MiB

// Either a scenario (and no errors) or every problem found, sorted by position.
struct LoadResult {
  std::optional<Scenario> scenario;
  Errors errors;
  // Problems that do not stop the file loading, sorted by position: a repo
  // file named *.yaml/*.yml that is not YAML (a ComparisonError at run time,
  // as the format says; a scenario may commit one on purpose).
  Errors warnings;

  bool ok() const { return scenario.has_value(); }
};

// `file_name` is used in error positions and kept as Scenario::file.
LoadResult load_scenario_text(std::string_view text, std::string_view file_name);

// Reads the file first: unreadable, too large, binary (NUL or control bytes)
// and invalid UTF-8 files give a positioned error.
// `known`, when given, receives the names the file defines (clusters, repos,
// apps...), which a lesson's checks are read against.
// `files` is where it is read from (a recording's copies on replay).
LoadResult load_scenario_file(const std::filesystem::path& path, Known* known = nullptr,
                              SourceFiles& files = disk_files());

// Pieces the lesson loader (sim/lesson) shares, so that a lesson file is read
// with the same walker, limits and messages as a scenario file.
namespace detail {
// The checks every gitops-sim file goes through before its fields are read
// (size, UTF-8, no binary, YAML node and depth bounds); the root, or nullopt
// with the problems in `d`. `what` names the file's kind in messages.
std::optional<model::Node> parse_file_text(Diagnostics& d, std::string_view text, std::string_view what);
// App of Apps: the Applications a file's content defines (a repo file, a
// timeline's or a lesson solution's `git write`) are names checks may use.
void add_apps_in(const std::string& content, Known& known);
// A file's bytes, at most kMaxScenarioBytes; an error positioned FILE:1:1.
Result<std::string> read_file_text(const std::filesystem::path& path, std::string_view what);
// A scenario's world, from a map: seed, clock, settings, clusters, registry,
// repos, projects, applications, live and timeline (a lesson's inline `world:`
// holds these). `known` receives the names they define.
void read_world_fields(Diagnostics& d, MapReader& m, Scenario& sc, Known& known);
// `apiVersion: gitops-sim/v1` and `kind: KIND`, both required (scenario and
// lesson files). False when the kind is another: the rest of the file is
// then not read as this kind (a typo'd `kind: Lessn` gets one error, not one
// per lesson field).
bool read_file_header(Diagnostics& d, MapReader& m, std::string_view kind);
}  // namespace detail

}  // namespace gs::scenario
