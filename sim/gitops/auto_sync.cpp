#include "sim/gitops/auto_sync.hpp"

namespace gs::gitops {

Duration self_heal_delay(int attempts, Duration fixed_timeout, bool backoff) {
  if (!backoff) return fixed_timeout;
  // Argo CD ≥ 2.13: 2 s, factor 3, capped at 300 s; no wait before the first.
  if (attempts <= 0) return Duration{0};
  std::int64_t s = 2;
  for (int i = 1; i < attempts && s < 300; ++i) s *= 3;
  return Duration::seconds(s < 300 ? s : 300);
}

AutoSyncDecision decide_auto_sync(const AutoSyncInput& in) {
  auto skip = [](std::string why) { return AutoSyncDecision{AutoSyncAction::Skip, std::move(why), {}}; };
  // 1. Only with an automated policy.
  if (!in.automated) return skip("automated sync is not enabled");
  // 2. One operation at a time.
  if (in.operation_running) return skip("an operation is already in progress");
  // 3. Only OutOfSync apps are auto-synced; Synced and Unknown never are.
  if (in.sync != SyncStatusCode::OutOfSync) return skip("application is not OutOfSync");
  // 4. Prune-only differences without automated prune.
  if (!in.automated->prune && in.only_prune_differences) {
    return skip("need to prune extra resources only but automated prune is disabled");
  }
  // 6. Already attempted this revision?
  if (in.last && in.last->revision == in.desired_revision) {
    if (!in.last->succeeded) {
      return AutoSyncDecision{AutoSyncAction::SyncError,
                              "Failed last sync attempt to [" + in.desired_revision + "]: " + in.last->message, {}};
    }
    if (!in.automated->self_heal) {
      return skip("most recent sync already to " + in.desired_revision);
    }
    const Duration gap = self_heal_delay(in.last->self_heal_attempts, in.self_heal_timeout, in.self_heal_backoff);
    const TimePoint ready = in.last->finished_at + gap;
    if (in.now < ready) return AutoSyncDecision{AutoSyncAction::SelfHealLater, "self-heal backoff", ready};
    return AutoSyncDecision{AutoSyncAction::SelfHeal, "self-heal", {}};
  }
  // 7. Never wipe out everything unless allowEmpty.
  if (in.automated->prune && !in.automated->allow_empty && in.all_resources_require_pruning) {
    return AutoSyncDecision{AutoSyncAction::SyncError,
                            "Skipping sync attempt to [" + in.desired_revision +
                                "]: auto-sync will wipe out all resources",
                            {}};
  }
  // 8.
  return AutoSyncDecision{AutoSyncAction::Sync, "Initiated automated sync to '" + in.desired_revision + "'", {}};
}

}  // namespace gs::gitops
