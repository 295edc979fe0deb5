// The automated-sync decision, in Argo CD's exact order
// (controller/appcontroller.go autoSync and alreadyAttemptedSync): a pure
// function of what the controller knows at the end of a refresh, so every
// branch can be tested without a cluster.
#pragma once

#include <optional>
#include <string>

#include "sim/core/duration.hpp"
#include "sim/gitops/application.hpp"

namespace gs::gitops {

// What the last operation did, as far as auto-sync cares.
struct LastSyncAttempt {
  std::string revision;
  bool succeeded = false;
  std::string message;
  TimePoint finished_at;
  int self_heal_attempts = 0;  // autoHealAttemptsCount carried on the operation
};

struct AutoSyncInput {
  std::optional<SyncPolicyAutomated> automated;
  bool operation_running = false;
  SyncStatusCode sync = SyncStatusCode::Unknown;
  std::string desired_revision;          // resolved SHA
  bool only_prune_differences = false;   // every non-Synced resource just needs pruning
  bool all_resources_require_pruning = false;  // Git path rendered empty and live objects remain
  std::optional<LastSyncAttempt> last;
  TimePoint now;
  Duration self_heal_timeout = Duration::seconds(5);  // legacy fixed gap
  bool self_heal_backoff = false;                    // argocd-3 profile: 2s x3 capped at 300s
};

enum class AutoSyncAction {
  Skip,           // nothing to do (reason says why)
  Sync,           // start an automated whole-app sync
  SelfHeal,       // start a partial sync of the drifted resources
  SelfHealLater,  // self-heal, but not before `not_before`
  SyncError,      // refuse, with a SyncError condition (message)
};

struct AutoSyncDecision {
  AutoSyncAction action = AutoSyncAction::Skip;
  std::string message;   // the reason or the SyncError text, as Argo CD words it
  TimePoint not_before;  // for SelfHealLater
};

AutoSyncDecision decide_auto_sync(const AutoSyncInput& in);

// The gap self-heal waits after the previous operation finished.
Duration self_heal_delay(int attempts, Duration fixed_timeout, bool backoff);

}  // namespace gs::gitops
