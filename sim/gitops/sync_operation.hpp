// The executor's state of one running sync operation: its plan (built once,
// again only when an input changed: the manifests, the app's spec, the live
// objects it would prune) and where each of the plan's tasks stands, so a
// step finds the next task without rescanning the plan — as gitops-engine
// reads its results back into its tasks (pkg/sync/sync_context.go
// getSyncTasks, "finally enrich tasks with the result").
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/gitops/app_status.hpp"
#include "sim/gitops/repo_server.hpp"
#include "sim/gitops/sync_plan.hpp"

namespace gs::gitops {

// A task's state: Pending until it has a result; Running until it is done
// (a resource healthy or without a health check, a hook complete, a pruned
// object gone); then Succeeded or Failed (common.OperationPhase of a task).
enum class TaskState : char { Pending, Running, Succeeded, Failed };

struct SyncRun {
  std::uint64_t operation_id = 0;
  // What the plan was built from.
  std::shared_ptr<const GeneratedManifests> manifests;
  std::uint64_t spec_generation = 0;
  std::uint64_t prune_generation = 0;
  SyncPlan plan;
  bool planned = false;
  std::set<ObjectKey> in_sync;  // ApplyOutOfSyncOnly: what was Synced when the operation began

  std::vector<TaskState> state;     // one per plan task
  std::size_t next = 0;             // the first Pending task
  std::ptrdiff_t last_started = -1;  // the task started most recently, -1: none
  std::size_t results_seen = 0;      // op.results already read into `state`
  // PrunePropagationPolicy=foreground: what each pruned object owned, down
  // the tree; its task runs until they are all gone.
  std::map<std::size_t, std::vector<ObjectKey>> awaiting;
  // (key, hook type) -> the tasks with that result key.
  std::map<std::pair<ObjectKey, std::string>, std::vector<std::size_t>> by_result;

  // After a task failed: the SyncFail hooks run, and the operation fails
  // with this message once they completed (sync_context.go executeSyncFailPhase).
  bool failing = false;
  std::string failure_message;

  void index_plan();
  // Starts the tasks whose results arrived since the last call (all again
  // after a retry cleared the results).
  void read_results(const std::vector<ResourceResult>& results);
  void reset_progress();
};

// Whether the running sync applies an object of that key (so its tracking
// changes nothing the plan prunes).
bool sync_run_applies(const SyncRun& run, const ObjectKey& key);

}  // namespace gs::gitops
