// Application and AppProject as Argo CD defines them (argoproj.io/v1alpha1),
// typed: the spec a scenario declares, and the status the controller writes.
// Field names follow the CRD so a reader who knows `kubectl get app -o yaml`
// recognises every one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/gitops/sync_window.hpp"
#include "sim/model/node.hpp"

namespace gs::gitops {

enum class SyncStatusCode { Unknown, Synced, OutOfSync };
enum class OperationPhase { Running, Terminating, Failed, Error, Succeeded };

const char* to_string(SyncStatusCode s);
const char* to_string(OperationPhase p);
// The reverse, for views that hold the words (reconciler.hpp's AppView):
// nullopt for a word that names none.
std::optional<SyncStatusCode> parse_sync_status(std::string_view s);
std::optional<OperationPhase> parse_operation_phase(std::string_view s);

struct ApplicationSource {
  std::string repo_url;
  std::string path;
  std::string target_revision = "HEAD";
  bool directory_recurse = false;
};

struct ApplicationDestination {
  std::string server;  // one of server or name
  std::string name;
  std::string ns;
};

struct Backoff {
  Duration duration = Duration::seconds(5);
  std::int64_t factor = 2;
  Duration max_duration = Duration::minutes(3);
};

struct RetryStrategy {
  std::int64_t limit = 0;  // -1: forever
  Backoff backoff;
};

struct SyncPolicyAutomated {
  bool prune = false;
  bool self_heal = false;
  bool allow_empty = false;
};

struct SyncPolicy {
  std::optional<SyncPolicyAutomated> automated;
  std::set<std::string> sync_options;  // "CreateNamespace=true", "PruneLast=true", ...
  std::optional<RetryStrategy> retry;

  bool has_option(const std::string& opt) const { return sync_options.count(opt) != 0; }
};

struct ResourceIgnoreDifferences {
  std::string group;  // "" core, "*" any
  std::string kind;   // "*" any
  std::string name;
  std::string ns;
  std::vector<std::string> json_pointers;
};

struct ApplicationSpec {
  std::string project = "default";
  ApplicationSource source;
  ApplicationDestination destination;
  SyncPolicy sync_policy;
  std::vector<ResourceIgnoreDifferences> ignore_differences;
  std::int64_t revision_history_limit = 10;
};

struct Application {
  std::string name;
  std::string ns = "argocd";
  ApplicationSpec spec;
};

// The sync options Argo CD knows and their values (docs user-guide/sync-options).
struct SyncOptionSpec {
  std::string key;
  std::vector<std::string> values;
};
const std::vector<SyncOptionSpec>& sync_option_specs();

// One entry of spec.syncPolicy.syncOptions: KEY=VALUE with a key and value
// Argo CD knows; what gitops-sim does not model (ServerSideApply=true,
// Prune=confirm, Delete=confirm, Force at the app) is refused.
Status check_sync_option(const std::string& option);

// Parses an Application object as a scenario declares it. The scenario loader
// has already checked field names; this converts, and reports any value that
// does not fit at its line:col.
Result<Application> parse_application(const model::Node& obj, const std::string& file);

struct ProjectDestination {
  std::string server;  // glob, "*" any
  std::string name;
  std::string ns;      // glob
};

struct AppProject {
  std::string name;
  std::vector<std::string> source_repos;  // globs
  std::vector<ProjectDestination> destinations;
  std::vector<SyncWindow> sync_windows;
};

Result<AppProject> parse_app_project(const model::Node& obj, const std::string& file);
AppProject default_project();  // "default": every repo, every destination

// Glob match with '*' as Argo CD's project rules use it.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace gs::gitops
