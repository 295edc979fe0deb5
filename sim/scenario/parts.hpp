// The pieces of the scenario loader, one per section of the file, and the
// names they check references against. Internal to gs::scenario: loader.cpp
// reads the world first (clusters, repos, projects, apps), then hands the
// known names to the timeline and check readers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/node.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace gs::scenario::detail {

// Names defined by the world part of the file.
struct Known {
  std::vector<std::string> cluster_names;    // the default "in-cluster" when the file lists none
  std::vector<std::string> cluster_servers;  // same order as cluster_names
  std::vector<std::string> repo_names;
  std::vector<std::string> repo_urls;        // normalised (rules.hpp), same order as repo_names
  std::vector<std::string> repo_urls_written;  // as the file writes them, same order
  std::vector<std::string> project_names;    // "default" always
  std::vector<std::string> app_names;
  Duration end = Duration::hours(1);
};

// "unknown app 'x'; did you mean 'y'?" or "...; known apps: a, b" when `name`
// is not in `names`; empty when it is.
std::string unknown_ref(std::string_view what, std::string_view name, const std::vector<std::string>& names);
// Reports a reference to an unknown name at `at`; true when the name is known.
bool check_ref(Diagnostics& d, model::Mark at, std::string_view what, std::string_view name,
               const std::vector<std::string>& names);

// `files:` (path -> content) and `delete:` (paths) of a commit, into `out`
// (deleted paths map to nullopt). Paths follow repo_path_problem().
void read_commit_files(Diagnostics& d, MapReader& m, std::map<std::string, std::optional<std::string>>& out);

// argoproj.io/v1alpha1 Application and AppProject objects, validated like the
// API server's strict field validation, references checked against `known`.
void check_application(Diagnostics& d, const model::Node& app, const Known& known);
void check_project(Diagnostics& d, const model::Node& project);

// One timeline entry (the loader checks the entries' order).
std::optional<TimelineEntry> read_timeline_entry(Diagnostics& d, const model::Node& n, const Known& known);

// One check of `expect` (goal = false: timing required) or `goals` (untimed).
std::optional<Check> read_check(Diagnostics& d, const model::Node& n, const Known& known, bool goal);

}  // namespace gs::scenario::detail
