// The order a sync applies resources in, written down once:
// phase → wave → kind → name (gitops-engine pkg/sync/sync_tasks.go). Kinds
// not in the table (custom resources) come after all of them. Prunes run in
// mirrored wave order (highest wave first).
#pragma once

#include <string>
#include <string_view>

namespace gs::gitops {

enum class SyncPhase { PreSync = -1, Sync = 0, PostSync = 1, SyncFail = 2 };

struct SyncTaskKey {
  SyncPhase phase = SyncPhase::Sync;
  int wave = 0;
  std::string group;
  std::string kind;
  std::string ns;
  std::string name;
};

// Position of a kind in Argo CD's kind order; unknown kinds rank last.
int kind_rank(std::string_view kind);

// Strict weak order over tasks with a full tie-break (group, namespace).
bool sync_task_less(const SyncTaskKey& a, const SyncTaskKey& b);

// The sync-wave annotation value, 0 when absent or not an integer.
int parse_sync_wave(std::string_view text);

}  // namespace gs::gitops
