// Where an app is in the reconciliation loop right now, as the lecture numbers
// the steps: 1 commit, 2 poll (fetch + render), 3 detect (OutOfSync),
// 4 apply (a sync operation), 5 status (health comes back), 6 compare & sync
// (in sync, watching). Derived from the app's status and recent events only;
// no ImGui here, so the rule is unit-tested.
#pragma once

#include <optional>
#include <string>

#include "sim/cluster/health/health.hpp"
#include "sim/core/duration.hpp"
#include "sim/gitops/application.hpp"

namespace gs::ui {

enum class LoopPhase {
  Committed,    // Git has a commit the controller has not seen yet
  Refreshing,   // a refresh (poll, webhook, watch, manual) just ran
  OutOfSync,    // detected: desired differs from live, no sync running
  Syncing,      // a sync operation is applying resources
  Progressing,  // applied; waiting for health to come back
  Degraded,     // health came back bad
  Error,        // a ComparisonError / SyncError / InvalidSpecError condition
  InSync,       // Synced and Healthy: the loop is watching
};

// The lecture's step number (1..6) a phase belongs to.
int loop_step(LoopPhase p);
// English identifier, e.g. "OutOfSync"; also the i18n key suffix.
const char* to_string(LoopPhase p);

struct LoopInputs {
  TimePoint now;
  gitops::SyncStatusCode sync = gitops::SyncStatusCode::Unknown;
  cluster::HealthCode health = cluster::HealthCode::Unknown;
  bool operation_running = false;
  bool error_condition = false;
  std::string compared_revision;  // status.sync.revision
  std::string target_head;        // what targetRevision resolves to in Git now ("" unknown)
  std::optional<TimePoint> last_refresh;
};

// How long after a refresh the app shows as Refreshing, in virtual time.
inline constexpr Duration kRefreshShown = Duration::millis(1500);

LoopPhase loop_phase(const LoopInputs& in);

}  // namespace gs::ui
