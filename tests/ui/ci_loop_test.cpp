// The Loop view's CI strip (sim/ui/view/ci_loop.hpp): laid out under the
// diagram, the push arrow outside the cluster column to the clusters a
// pipeline's kubeconfig holds (peers-behaviour.md §4.2: the CI runner holds
// the kubeconfig), and read from a world with a ci: section.
#include <catch2/catch.hpp>

#include "loop_measures.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/ui/view/ci_loop.hpp"
#include "sim/world/world.hpp"

using namespace gs;
using namespace gs::ui;

namespace {

LoopMeasures frame_of(float width, float height, std::size_t clusters) {
  return testing::loop_measures(width, height, clusters);
}

std::unique_ptr<world::World> world_of(const char* file) {
  auto r = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/" + file);
  REQUIRE(r.ok());
  auto w = world::World::create(r.scenario->world);
  REQUIRE(w.ok());
  return std::move(w.value());
}

}  // namespace

TEST_CASE("CI strip: none without a ci section, so the loop keeps its layout") {
  const CiLoopFacts none;
  CHECK(ci_strip_height(none, 16, 1) == 0);
  CHECK(diagram_height_with_ci(165, 0, 400) == 165);
  CHECK(diagram_height_with_ci(165, 28, 180) == 180);
  CHECK(diagram_height_with_ci(165, 28, 100) == 165);
}

TEST_CASE("CI strip: the push arrow runs outside the cluster column into the clusters its kubeconfig holds") {
  CiLoopFacts f;
  f.push = true;
  f.push_clusters = {"prod", "staging"};
  f.missed["staging"] = true;
  const std::vector<std::string> clusters = {"staging", "prod", "gitops"};
  const float strip = ci_strip_height(f, 16, 1);
  LoopMeasures m = frame_of(1240, 180, clusters.size());
  const LoopLayout lay = layout_loop_diagram(frame_of(1240, 180 - strip, clusters.size()));
  const CiStripLayout cl = layout_ci_strip(f, CiStripWords{60, 70, 60, 16}, m, lay, clusters);
  REQUIRE(cl.has_push);
  CHECK_FALSE(cl.has_bot);
  // Under every box of the diagram, inside the frame.
  for (const auto& r : lay.clusters) CHECK(cl.ci.y0 >= r.y1);
  CHECK(cl.ci.y1 <= m.y + m.height);
  CHECK(cl.registry.x1 < cl.ci.x0);
  // Right of the cluster column, inside the frame.
  CHECK(cl.trunk_x > lay.clusters.front().x1);
  CHECK(cl.trunk_x < m.x + m.width);
  REQUIRE(cl.branches.size() == 2);
  CHECK(cl.branches[0].cluster == 0);
  CHECK(cl.branches[0].missed);
  CHECK(cl.branches[1].cluster == 1);
  CHECK_FALSE(cl.branches[1].missed);
}

TEST_CASE("CI strip: the image bot's write-back goes up into Git") {
  CiLoopFacts f;
  f.automation = true;
  const LoopMeasures m = frame_of(1240, 180, 1);
  const LoopLayout lay = layout_loop_diagram(frame_of(1240, 180 - ci_strip_height(f, 16, 1), 1));
  const CiStripLayout cl = layout_ci_strip(f, CiStripWords{60, 70, 20, 16}, m, lay, {"dev"});
  REQUIRE(cl.has_bot);
  CHECK_FALSE(cl.has_push);
  CHECK(cl.bot.x1 < cl.registry.x0);
  CHECK(cl.write_back_x >= lay.git.x0);
  CHECK(cl.write_back_x <= lay.git.x1);
  CHECK(cl.bot.y0 > lay.git.y1);
}

TEST_CASE("CI strip: read from the world, the last push deploy's misses marked") {
  auto w = world_of("17-push-pipeline.yaml");
  REQUIRE(w->apply_text("fault ci-unreachable staging").ok());
  REQUIRE(w->apply_text("ci deploy shop-jenkins").ok());
  const CiLoopFacts f = ci_loop_facts(*w);
  CHECK(f.push);
  CHECK_FALSE(f.automation);
  CHECK(f.push_clusters == std::vector<std::string>{"prod", "staging"});
  CHECK(f.missed.at("staging"));
  CHECK_FALSE(f.missed.at("prod"));
  CHECK(f.last_deploy == TimePoint{0});
  CHECK(f.last_build == TimePoint{0});
  auto plain = world_of("01-first-sync.yaml");
  CHECK_FALSE(ci_loop_facts(*plain).any());
}
