// A sync operation executing its plan (sync_operation.cpp), driven through a
// World; each test names the Argo CD code or docs it reproduces.
#include <catch2/catch.hpp>

#include "sim/cluster/cluster.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::OperationPhase;
using gitops::SyncStatusCode;

namespace {

// The virtual time of the first event of `type` for resource `name` at or after `from` (-1: none).
std::int64_t first_at(const world::World& w, const std::string& type, const std::string& name, std::int64_t from = 0) {
  for (const auto& e : w.log().events()) {
    if (e.type == type && e.str("name") == name && e.t.ms >= from) return e.t.ms;
  }
  return -1;
}

std::int64_t first_event(const world::World& w, const std::string& type, std::int64_t from = 0) {
  for (const auto& e : w.log().events()) {
    if (e.type == type && e.t.ms >= from) return e.t.ms;
  }
  return -1;
}

std::string config_map(const std::string& name, int wave) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
         "\n  annotations:\n    argocd.argoproj.io/sync-wave: \"" + std::to_string(wave) + "\"\ndata: {a: b}\n";
}

}  // namespace

TEST_CASE("SyncOperation: 2 s between sync waves, also after resources without a health check, none after the last "
          "(controller/sync.go delayBetweenSyncWaves, ARGOCD_SYNC_WAVE_DELAY)",
          "[gitops][sync]") {
  auto spec = base_spec();
  auto& files = spec.repos[0].commits[0].files;
  files.erase("apps/web/configmap.yaml");
  files["apps/web/early.yaml"] = config_map("early", -1);
  files["apps/web/late.yaml"] = config_map("late", 5);
  spec.applications = {application({})};
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  REQUIRE(status(*w).operation->phase == OperationPhase::Succeeded);
  const auto early = first_at(*w, "ResourceApplied", "early");
  const auto service = first_at(*w, "ResourceApplied", "web");  // Service before Deployment in wave 0
  const auto late = first_at(*w, "ResourceApplied", "late");
  const auto succeeded = first_event(*w, "SyncSucceeded");
  REQUIRE(early > 0);
  // A ConfigMap has no health check: the next wave still waits applyLatency + 2 s.
  CHECK(service - early == 2'200);
  CHECK(late - first_at(*w, "ResourceApplied", "web", service + 1) >= 2'200);
  // The last wave is not followed by the delay: done one applyLatency later.
  CHECK(succeeded - late == 200);
}
