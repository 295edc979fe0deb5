// Argo CD's automated-sync decision (spec section 4, checklist 19–31).
#include <catch2/catch.hpp>

#include "sim/gitops/auto_sync.hpp"

using namespace gs::gitops;
using gs::Duration;
using gs::TimePoint;

namespace {

AutoSyncInput out_of_sync(bool prune = true, bool self_heal = false) {
  AutoSyncInput in;
  in.automated = SyncPolicyAutomated{prune, self_heal, false};
  in.sync = SyncStatusCode::OutOfSync;
  in.desired_revision = "abc123";
  in.now = TimePoint{100'000};
  return in;
}

}  // namespace

TEST_CASE("AutoSync: only OutOfSync apps are auto-synced (checklist 19)", "[gitops][autosync]") {
  auto in = out_of_sync();
  CHECK(decide_auto_sync(in).action == AutoSyncAction::Sync);
  in.sync = SyncStatusCode::Synced;
  CHECK(decide_auto_sync(in).action == AutoSyncAction::Skip);
  in.sync = SyncStatusCode::Unknown;
  CHECK(decide_auto_sync(in).action == AutoSyncAction::Skip);
}

TEST_CASE("AutoSync: an automated sync announces 'Initiated automated sync to' the SHA (checklist 20)", "[gitops][autosync]") {
  auto d = decide_auto_sync(out_of_sync());
  CHECK(d.message == "Initiated automated sync to 'abc123'");
}

TEST_CASE("AutoSync: no automated policy, or an operation running, never syncs", "[gitops][autosync]") {
  auto in = out_of_sync();
  in.automated.reset();
  CHECK(decide_auto_sync(in).action == AutoSyncAction::Skip);
  in = out_of_sync();
  in.operation_running = true;
  CHECK(decide_auto_sync(in).action == AutoSyncAction::Skip);
}

TEST_CASE("AutoSync: prune-only differences without automated prune stay OutOfSync (checklist 21)", "[gitops][autosync]") {
  auto in = out_of_sync(/*prune=*/false);
  in.only_prune_differences = true;
  auto d = decide_auto_sync(in);
  CHECK(d.action == AutoSyncAction::Skip);
  CHECK_THAT(d.message, Catch::Contains("automated prune is disabled"));
  in.automated->prune = true;
  CHECK(decide_auto_sync(in).action == AutoSyncAction::Sync);
}

TEST_CASE("AutoSync: emptying the path refuses to wipe out everything without allowEmpty (checklist 22, 23)", "[gitops][autosync]") {
  auto in = out_of_sync(/*prune=*/true);
  in.only_prune_differences = true;
  in.all_resources_require_pruning = true;
  auto d = decide_auto_sync(in);
  CHECK(d.action == AutoSyncAction::SyncError);
  CHECK(d.message == "Skipping sync attempt to [abc123]: auto-sync will wipe out all resources");
  in.automated->allow_empty = true;
  CHECK(decide_auto_sync(in).action == AutoSyncAction::Sync);
}

TEST_CASE("AutoSync: never the same revision twice after a failure (checklist 26, 31)", "[gitops][autosync]") {
  auto in = out_of_sync(true, /*self_heal=*/true);
  in.last = LastSyncAttempt{"abc123", false, "one or more objects failed to apply", TimePoint{0}, 0};
  auto d = decide_auto_sync(in);
  CHECK(d.action == AutoSyncAction::SyncError);
  CHECK(d.message == "Failed last sync attempt to [abc123]: one or more objects failed to apply");
  in.desired_revision = "def456";  // a new commit gets a fresh attempt
  CHECK(decide_auto_sync(in).action == AutoSyncAction::Sync);
}

TEST_CASE("AutoSync: without selfHeal drift after a successful sync is left alone (checklist 27)", "[gitops][autosync]") {
  auto in = out_of_sync(true, /*self_heal=*/false);
  in.last = LastSyncAttempt{"abc123", true, "", TimePoint{0}, 0};
  auto d = decide_auto_sync(in);
  CHECK(d.action == AutoSyncAction::Skip);
  CHECK(d.message == "most recent sync already to abc123");
}

TEST_CASE("AutoSync: self-heal waits selfHealTimeout after the last operation (legacy 5 s)", "[gitops][autosync]") {
  auto in = out_of_sync(true, /*self_heal=*/true);
  in.last = LastSyncAttempt{"abc123", true, "", TimePoint{98'000}, 0};
  in.now = TimePoint{100'000};
  auto d = decide_auto_sync(in);
  CHECK(d.action == AutoSyncAction::SelfHealLater);
  CHECK(d.not_before == TimePoint{103'000});
  in.now = TimePoint{103'000};
  CHECK(decide_auto_sync(in).action == AutoSyncAction::SelfHeal);
}

TEST_CASE("AutoSync: modern self-heal backoff is 0, 2, 6, 18, 54, 162, then 300 s (checklist 29)", "[gitops][autosync]") {
  const std::vector<std::int64_t> expected{0, 2, 6, 18, 54, 162, 300, 300};
  for (int n = 0; n < static_cast<int>(expected.size()); ++n) {
    CAPTURE(n);
    CHECK(self_heal_delay(n, Duration::seconds(5), true) == Duration::seconds(expected[static_cast<std::size_t>(n)]));
  }
  CHECK(self_heal_delay(3, Duration::seconds(5), false) == Duration::seconds(5));
}
