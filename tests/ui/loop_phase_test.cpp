#include <catch2/catch.hpp>

#include "sim/ui/view/loop_phase.hpp"

using namespace gs;
using namespace gs::ui;
using gitops::SyncStatusCode;
using cluster::HealthCode;

namespace {
LoopInputs synced_healthy() {
  LoopInputs in;
  in.now = TimePoint{60'000};
  in.sync = SyncStatusCode::Synced;
  in.health = HealthCode::Healthy;
  in.compared_revision = "aaa";
  in.target_head = "aaa";
  return in;
}
}  // namespace

TEST_CASE("Loop phase: synced and healthy is step 6, watching") {
  CHECK(loop_phase(synced_healthy()) == LoopPhase::InSync);
  CHECK(loop_step(LoopPhase::InSync) == 6);
}

TEST_CASE("Loop phase: a commit the controller has not compared is step 1") {
  auto in = synced_healthy();
  in.target_head = "bbb";
  CHECK(loop_phase(in) == LoopPhase::Committed);
  CHECK(loop_step(LoopPhase::Committed) == 1);
}

TEST_CASE("Loop phase: just after a refresh the app shows the poll step, then moves on") {
  auto in = synced_healthy();
  in.sync = SyncStatusCode::OutOfSync;
  in.last_refresh = TimePoint{59'500};
  CHECK(loop_phase(in) == LoopPhase::Refreshing);
  in.now = in.now + kRefreshShown;
  CHECK(loop_phase(in) == LoopPhase::OutOfSync);
  CHECK(loop_step(LoopPhase::OutOfSync) == 3);
}

TEST_CASE("Loop phase: a running operation outranks everything else") {
  auto in = synced_healthy();
  in.operation_running = true;
  in.error_condition = true;
  in.target_head = "bbb";
  CHECK(loop_phase(in) == LoopPhase::Syncing);
  CHECK(loop_step(LoopPhase::Syncing) == 4);
}

TEST_CASE("Loop phase: health coming back is step 5, degraded or progressing") {
  auto in = synced_healthy();
  in.health = HealthCode::Progressing;
  CHECK(loop_phase(in) == LoopPhase::Progressing);
  in.health = HealthCode::Degraded;
  CHECK(loop_phase(in) == LoopPhase::Degraded);
  CHECK(loop_step(LoopPhase::Degraded) == 5);
}

TEST_CASE("Loop phase: a comparison error is shown as an error") {
  auto in = synced_healthy();
  in.error_condition = true;
  CHECK(loop_phase(in) == LoopPhase::Error);
}
