// Bounded processors in virtual time (processors.hpp), as Argo CD's
// application controller runs --status-processors and --operation-processors
// workers (controller/appcontroller.go Run, processAppRefreshQueueItem,
// processAppOperationQueueItem).
#include <catch2/catch.hpp>

#include <set>

#include "sim/gitops/processors.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::OperationPhase;
using gitops::SyncStatusCode;

TEST_CASE("Processors: a pool runs at most its size at once, the rest wait, first come first served",
          "[gitops][processors]") {
  gitops::ProcessorPool<int> pool(2);
  const TimePoint t0{1000};
  for (int i = 0; i < 2; ++i) {
    REQUIRE(pool.can_start(t0));
    pool.release(pool.start(), t0 + Duration::millis(100 * (i + 1)));
  }
  CHECK(pool.busy(t0) == 2);
  CHECK_FALSE(pool.can_start(t0));
  pool.wait(7);
  pool.wait(8);
  CHECK(pool.next_ready() == TimePoint{1100});
  CHECK(pool.take() == 7);
  CHECK_FALSE(pool.can_start(TimePoint{5000}));  // 8 still waits before anything new
  CHECK(pool.take() == 8);
  CHECK(pool.can_start(TimePoint{5000}));
}

namespace {

world::WorldSpec many_apps(int apps, int operation_processors, int status_processors) {
  auto spec = base_spec();
  spec.settings.operation_processors = operation_processors;
  spec.settings.status_processors = status_processors;
  for (int i = 0; i < apps; ++i) {
    spec.applications.push_back(application(
        {.name = "web" + std::to_string(i), .ns = "shop" + std::to_string(i), .automated = "{prune: true}"}));
  }
  return spec;
}

}  // namespace

TEST_CASE("Processors: at most operationProcessors syncs step at once, the queue drains and every app ends Synced "
          "(appcontroller.go --operation-processors)",
          "[gitops][processors]") {
  auto w = make_world(many_apps(25, 5, 100));
  w->advance(at("300ms"));
  std::set<std::string> stepped;
  for (const auto& e : w->log().events()) {
    if (e.type == "ResourceApplied") stepped.insert(e.str("app"));
  }
  CHECK(stepped.size() == 5);  // the first step of 5 syncs; 20 wait for a processor
  CHECK(w->controller().operation_processors(w->now()).busy == 5);
  CHECK(w->controller().operation_processors(w->now()).waiting > 0);
  w->advance(at("2m"));
  for (int i = 0; i < 25; ++i) {
    CAPTURE(i);
    CHECK(status(*w, "web" + std::to_string(i)).sync == SyncStatusCode::Synced);
  }
  // Unbounded, all 25 take their first step at once.
  auto wide = make_world(many_apps(25, 100, 100));
  wide->advance(at("300ms"));
  std::set<std::string> all;
  for (const auto& e : wide->log().events()) {
    if (e.type == "ResourceApplied") all.insert(e.str("app"));
  }
  CHECK(all.size() == 25);
}

TEST_CASE("Processors: at most statusProcessors refreshes at once, each holding its worker, the rest follow as "
          "workers free (appcontroller.go --status-processors)",
          "[gitops][processors]") {
  auto w = make_world(many_apps(50, 100, 20));
  w->advance(at("1s"));
  std::map<std::int64_t, int> initial_at;
  for (const auto& e : w->log().events()) {
    if (e.type == "AppRefreshed" && e.str("level") == "initial") ++initial_at[e.t.ms];
  }
  CHECK(initial_at == std::map<std::int64_t, int>{{0, 20}, {100, 20}, {200, 10}});
}
