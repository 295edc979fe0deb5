// What the controller writes into an Application's status: sync and health,
// per-resource status, history, conditions and the operation state — the
// fields `argocd app get` and the UI read (Argo CD types.go ApplicationStatus).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/cluster/health/health.hpp"
#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/event.hpp"
#include "sim/gitops/application.hpp"

namespace gs::gitops {

using cluster::HealthCode;
using cluster::HealthStatus;
using cluster::ObjectKey;

struct ResourceStatus {
  ObjectKey key;
  std::string version;  // apiVersion's version part, e.g. v1
  SyncStatusCode status = SyncStatusCode::Unknown;
  std::optional<HealthStatus> health;  // nullopt: kind has no health check
  bool requires_pruning = false;
  bool live_exists = false;
  bool ignore_extraneous = false;
  int sync_wave = 0;
  std::vector<std::string> changed_paths;  // why it is OutOfSync
};

struct Condition {
  std::string type;  // ComparisonError, SyncError, InvalidSpecError, ...
  std::string message;
  TimePoint last_transition;
};

struct ResourceResult {
  ObjectKey key;
  std::string status;   // Synced | SyncFailed | Pruned | PruneSkipped
  std::string message;  // "deployment.apps/web configured", "pruned", "ignored (requires pruning)"
  std::string hook_type;  // PreSync | Sync | PostSync | SyncFail, empty for a resource
};

enum class InitiatedBy { Automated, SelfHeal, User, Rollback };
const char* to_string(InitiatedBy by);

struct SyncRequest {
  std::optional<std::string> revision;  // a revision to sync to instead of targetRevision
  bool prune = false;
  bool dry_run = false;
  // `--resource GROUP:KIND:NAME` or GROUP:KIND:NAMESPACE/NAME, `*` any, a
  // leading `!` excludes: a selective sync of only those, without hooks and
  // without a history entry (cmd/argocd/commands/app.go parseSelectedResources).
  std::vector<std::string> resources;
};

struct OperationState {
  std::uint64_t id = 0;  // per-controller operation counter
  std::string revision;  // resolved SHA being synced
  ApplicationSource source;
  bool prune = false;
  bool dry_run = false;
  InitiatedBy initiated_by = InitiatedBy::User;
  std::vector<ObjectKey> only_resources;  // non-empty: partial sync (self-heal)
  std::optional<std::int64_t> rollback_id;
  OperationPhase phase = OperationPhase::Running;
  std::string message;
  TimePoint started_at;
  std::optional<TimePoint> finished_at;
  std::vector<ResourceResult> results;
  std::int64_t retry_count = 0;
  std::int64_t retry_limit = 0;
  int self_heal_attempts = 0;
  EventId cause = 0;
  std::vector<model::Node> sync_fail_hooks;  // run if the operation fails
};

struct RevisionHistory {
  std::int64_t id = 0;
  std::string revision;
  ApplicationSource source;
  TimePoint deploy_started_at;
  TimePoint deployed_at;
  InitiatedBy initiated_by = InitiatedBy::User;
};

struct ApplicationStatus {
  SyncStatusCode sync = SyncStatusCode::Unknown;
  std::string revision;  // status.sync.revision: always the resolved SHA
  HealthStatus health{HealthCode::Unknown, ""};
  std::vector<ResourceStatus> resources;  // sorted by group/kind/namespace/name
  std::vector<RevisionHistory> history;
  std::vector<Condition> conditions;
  std::optional<OperationState> operation;  // the current or last operation
  std::optional<TimePoint> reconciled_at;   // last refresh that resolved the revision
  std::string source_type;

  bool operation_running() const {
    return operation && (operation->phase == OperationPhase::Running || operation->phase == OperationPhase::Terminating);
  }
  const Condition* condition(std::string_view type) const {
    for (const auto& c : conditions) {
      if (c.type == type) return &c;
    }
    return nullptr;
  }
};

}  // namespace gs::gitops
