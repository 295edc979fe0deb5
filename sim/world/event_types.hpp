// Every event type a World emits, in one list: the spec's Events table plus
// the types gitops-sim adds. Checks that name an event type are validated
// against it, so a typo is an error rather than a check that never matches.
#pragma once

#include <string>
#include <vector>

namespace gs::world {

inline const std::vector<std::string>& event_types() {
  static const std::vector<std::string> types = {
      // The spec's fixed names.
      "Committed", "AppRefreshed", "SyncStatusChanged", "HealthStatusChanged", "SyncStarted", "ResourceApplied",
      "ResourcePruned", "ResourcePruneSkipped", "SyncSucceeded", "SyncFailed", "LiveChanged", "ComparisonError",
      "FaultInjected", "GateApproved", "Promoted",
      // Added by gitops-sim.
      "WorldCreated", "Action", "ActionFailed", "Output", "Note", "Paused", "BranchCreated", "TagCreated",
      "BranchReset", "WebhookReceived", "AppSpecChanged", "SyncRetrying", "ResourceSyncFailed", "SyncError",
      "InvalidSpecError", "ApplicationCreated", "ApplicationDeleted", "ApplicationCascadeDeleted", "SyncWindowBlocked"};
  return types;
}

}  // namespace gs::world
