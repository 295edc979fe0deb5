#include "sim/ui/view/loop_phase.hpp"

namespace gs::ui {

int loop_step(LoopPhase p) {
  switch (p) {
    case LoopPhase::Committed: return 1;
    case LoopPhase::Refreshing: return 2;
    case LoopPhase::OutOfSync: return 3;
    case LoopPhase::Syncing: return 4;
    case LoopPhase::Progressing:
    case LoopPhase::Degraded: return 5;
    case LoopPhase::Error: return 3;
    case LoopPhase::InSync: return 6;
  }
  return 6;
}

const char* to_string(LoopPhase p) {
  switch (p) {
    case LoopPhase::Committed: return "Committed";
    case LoopPhase::Refreshing: return "Refreshing";
    case LoopPhase::OutOfSync: return "OutOfSync";
    case LoopPhase::Syncing: return "Syncing";
    case LoopPhase::Progressing: return "Progressing";
    case LoopPhase::Degraded: return "Degraded";
    case LoopPhase::Error: return "Error";
    case LoopPhase::InSync: return "InSync";
  }
  return "InSync";
}

LoopPhase loop_phase(const LoopInputs& in) {
  using cluster::HealthCode;
  // A running operation outranks everything: the controller is applying.
  if (in.operation_running) return LoopPhase::Syncing;
  if (in.error_condition) return LoopPhase::Error;
  // Git moved on and no refresh has compared the new head yet.
  if (!in.target_head.empty() && !in.compared_revision.empty() && in.target_head != in.compared_revision) {
    return LoopPhase::Committed;
  }
  if (in.last_refresh && in.now >= *in.last_refresh && in.now - *in.last_refresh < kRefreshShown) {
    return LoopPhase::Refreshing;
  }
  if (in.sync == gitops::SyncStatusCode::OutOfSync) return LoopPhase::OutOfSync;
  if (in.health == HealthCode::Degraded) return LoopPhase::Degraded;
  if (in.health == HealthCode::Progressing || in.health == HealthCode::Missing) return LoopPhase::Progressing;
  if (in.sync == gitops::SyncStatusCode::Unknown) return LoopPhase::Refreshing;
  return LoopPhase::InSync;
}

}  // namespace gs::ui
