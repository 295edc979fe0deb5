// The pieces of the scenario loader, one per section of the file, and the
// names they check references against. Internal to gs::scenario: loader.cpp
// reads the world first (clusters, repos, projects, apps), then hands the
// known names to the timeline and check readers.
#pragma once

#include <set>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/node.hpp"
#include "sim/scenario/check_reader.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace gs::scenario::detail {

// Known, the names a file defines (check_reader.hpp), read here too.
using scenario::Known;

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

// Warnings (into `warnings`) for the `*.yaml`/`*.yml` files of repos'
// commits and timeline `files:` that do not parse, pointing into the
// scenario's text `source` where the content is a block scalar (repo_yaml.cpp).
void check_repo_yaml(Diagnostics& warnings, std::string_view source, const model::Node& root);

// The `ci:` section: image automations and push pipelines (ci_section.cpp).
void read_ci(Diagnostics& d, const model::Node* n, world::WorldSpec& w, const Known& known);

// One timeline entry (the loader checks the entries' order). `staged` holds
// the REPO@BRANCH refs earlier entries' `git write`/`git rm` staged on and
// no `git commit` has committed yet: a commit there needs no files beside it.
std::optional<TimelineEntry> read_timeline_entry(Diagnostics& d, const model::Node& n, const Known& known,
                                                 std::set<std::string>& staged);

// pipe: the `pipelines:` section (pipelines.cpp), references checked against
// `known` and the repositories' history in `w`.
void read_pipelines(Diagnostics& d, const model::Node* n, world::WorldSpec& w, const Known& known);

}  // namespace gs::scenario::detail
