// The Loop view's Flux lane (sim/ui/view/loop_flux.hpp): which cluster boxes
// each controller applies to, the lane's boxes beside Argo CD's, and the
// timers and activity it shows, read from a world built from the side-by-side
// scenario.
#include <catch2/catch.hpp>

#include "sim/flux/controller.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/ui/view/loop_flux.hpp"
#include "sim/world/world.hpp"

using namespace gs;
using namespace gs::ui;

namespace {
AppRow row(const std::string& name, const std::string& cluster) {
  AppRow r;
  r.name = name;
  r.cluster = cluster;
  return r;
}
}  // namespace

TEST_CASE("Loop: Argo CD applies to its apps' clusters and Flux to the clusters it runs in", "[ui][loop][flux]") {
  const std::vector<AppRow> rows = {row("shop-argo", "stg-argo"), row("shop-flux", "stg-flux")};
  const auto t = loop_targets(rows, {"stg-argo", "stg-flux", "spare"}, {"shop-flux"}, {"stg-flux"});
  CHECK(t.argo == std::vector<bool>{true, false, true});  // a cluster no app uses keeps Argo CD's arrow
  CHECK(t.flux == std::vector<bool>{false, true, false});
}

TEST_CASE("Loop: a cluster where both deploy gets both arrows", "[ui][loop][flux]") {
  const std::vector<AppRow> rows = {row("a", "dev"), row("b", "dev")};
  const auto t = loop_targets(rows, {"dev"}, {"b"}, {"dev"});
  CHECK(t.argo == std::vector<bool>{true});
  CHECK(t.flux == std::vector<bool>{true});
}

TEST_CASE("Loop: the Flux lane stands under Argo CD's boxes without overlapping them", "[ui][loop][flux]") {
  LoopMeasures m;
  m.width = 1240, m.height = 165, m.scale = 1;
  m.commit_w = 50, m.poll_w = 30, m.manifests_w = 70, m.apply_w = 40;
  m.git_title_w = 25, m.repo_title_w = 95, m.ctl_title_w = 110;
  m.ctl_steps_w = 120, m.repos_w = 90, m.cluster_names_w = 60;
  m.clusters = 2;
  LoopLayout lay = layout_loop_diagram(m);
  const FluxLane lane = place_flux_lane(lay, m, 140, 170);
  CHECK(lay.ctl.y1 < lane.kustomize.y0);  // the controller stops above the lane
  CHECK(lay.repo.y1 < lane.source.y0);
  CHECK(lane.source.x1 < lane.kustomize.x0);  // the artifact arrow runs between them
  CHECK(lane.source.x0 > lay.git.x1);         // the fetch arrow comes down from Git, left of it
  CHECK(lane.source.x1 - lane.source.x0 >= 140 + 2 * lay.pad);  // its title fits
  CHECK(lane.kustomize.x1 - lane.kustomize.x0 >= 170 + 2 * lay.pad);
  CHECK(lane.kustomize.y1 <= m.y + m.height);
}

TEST_CASE("Loop: Flux's timers are its GitRepository's and Kustomization's intervals and next runs",
          "[ui][loop][flux]") {
  auto loaded = scenario::load_scenario_file(GS_SOURCE_DIR "/scenarios/18-argocd-and-flux.yaml");
  REQUIRE(loaded.ok());
  auto w = world::World::create(loaded.scenario->world);
  REQUIRE(w.ok());
  (*w)->advance(TimePoint{Duration::minutes(4).ms + 30'000});
  const auto* f = (*w)->reconciler<flux::FluxController>();
  REQUIRE(f != nullptr);
  const FluxTimers t = flux_timers(*f, (*w)->log());
  CHECK(t.source == "shop-config");
  CHECK(t.fetch_every == Duration::minutes(1));
  CHECK(t.run_every == Duration::minutes(10));
  CHECK(t.next_fetch == TimePoint{Duration::minutes(5).ms});
  CHECK(t.last_fetch == TimePoint{0});  // the first artifact (the timeline's release is a session's)
  REQUIRE(t.last_apply);
  CHECK(*t.last_apply > TimePoint{0});  // once the health checks passed
  REQUIRE(t.next_run);
  CHECK(*t.next_run == *t.last_apply + Duration::minutes(10));
}
