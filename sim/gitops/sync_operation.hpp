// The executor's state of one running sync operation: its plan (built once,
// again only when an input changed: the manifests, the app's spec, the live
// objects it would prune) and which of the plan's tasks already have a
// result, so a step finds the next task without rescanning the plan.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/gitops/app_status.hpp"
#include "sim/gitops/repo_server.hpp"
#include "sim/gitops/sync_plan.hpp"

namespace gs::gitops {

struct SyncRun {
  std::uint64_t operation_id = 0;
  // What the plan was built from.
  std::shared_ptr<const GeneratedManifests> manifests;
  std::uint64_t spec_generation = 0;
  std::uint64_t prune_generation = 0;
  SyncPlan plan;

  // Progress: a task is done once the operation has a result for it (its key
  // and hook type), as gitops-engine reads syncRes back into its tasks.
  std::vector<char> apply_done, prune_done;
  std::size_t next_apply = 0, next_prune = 0;  // the first task not done
  std::ptrdiff_t last_done_apply = -1;           // the highest task done, -1: none
  std::size_t results_seen = 0;                  // op.results already read into the flags
  // (key, hook type) -> tasks with that result key: {false: applies, true: prunes} and index.
  std::map<std::pair<ObjectKey, std::string>, std::vector<std::pair<bool, std::size_t>>> by_result;

  // Marks the tasks whose results arrived since the last call (all again
  // after a retry cleared the results).
  void read_results(const std::vector<ResourceResult>& results);
  void reset_progress();
};

// Whether the running sync applies an object of that key (so its tracking
// changes nothing the plan prunes).
bool sync_run_applies(const SyncRun& run, const ObjectKey& key);

}  // namespace gs::gitops
