// The World's read model (sim/world/read_model.hpp): what views read, as
// values, kept up to date by reading only what changed. Over every shipped
// scenario, after every instant of the run, the updated model equals a fresh
// read of the world; and a model is a value that keeps what it saw.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "sim/scenario/loader.hpp"
#include "sim/session/session.hpp"
#include "sim/world/read_model.hpp"
#include "sim/world/world.hpp"

using namespace gs;

namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(GS_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() == ".yaml") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("Read model: updated after every instant of every shipped scenario it equals a fresh read",
          "[world][read_model]") {
  const std::string file = GENERATE(from_range(shipped_scenarios()));
  CAPTURE(file);
  auto loaded = scenario::load_scenario_file(file);
  REQUIRE(loaded.ok());
  world::ReadModel model;
  std::size_t moments = 0, mismatches = 0, updates = 0;
  session::SessionOptions opts;
  opts.on_moment = [&](const world::World& w, TimePoint t) {
    ++moments;
    updates += model.update(w) ? 1 : 0;
    const world::ReadModel fresh = world::ReadModel::of(w);
    if (!(model == fresh)) {
      ++mismatches;
      UNSCOPED_INFO("differs at " << t.ms << " ms");
      for (std::size_t i = 0; i < fresh.apps().size() && i < model.apps().size(); ++i) {
        if (!(model.apps()[i] == fresh.apps()[i])) UNSCOPED_INFO("app " << fresh.apps()[i].view.name << " differs");
      }
    }
  };
  auto s = session::Session::create(*loaded.scenario, opts);
  REQUIRE(s);
  (*s)->run_through((*s)->end());
  CHECK(moments > 10);
  CHECK(updates > 0);
  CHECK(updates < moments);  // incremental: some instants change nothing a view reads
  CHECK(mismatches == 0);
}

TEST_CASE("Read model: a model is a value that keeps what it saw while the world moves on", "[world][read_model]") {
  auto loaded = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/03-drift-self-heal.yaml");
  REQUIRE(loaded.ok());
  auto s = session::Session::create(*loaded.scenario);
  REQUIRE(s);
  session::Session& ses = **s;
  // The scenario scales the Deployment by hand at 4m; self-heal puts it back.
  std::optional<world::ReadModel> drifted;
  for (std::int64_t t = 4 * 60'000; t <= 4 * 60'000 + 20'000 && !drifted; t += 100) {
    ses.advance_to(TimePoint{t});
    auto m = world::ReadModel::of(ses.world());
    REQUIRE(m.apps().size() == 1);
    if (m.apps()[0].view.sync == "OutOfSync") drifted = std::move(m);
  }
  REQUIRE(drifted);
  ses.advance_to(TimePoint{7 * 60'000});
  const auto healed = world::ReadModel::of(ses.world());
  CHECK(drifted->apps()[0].view.sync == "OutOfSync");
  CHECK(healed.apps()[0].view.sync == "Synced");
  CHECK(healed.events_read() > drifted->events_read());
  CHECK(drifted->apps()[0].view.cluster == "dev");
  CHECK(drifted->apps()[0].view.self_heal);
  CHECK(drifted->app("shop-dev") == &drifted->apps()[0]);
  CHECK(drifted->app("nope") == nullptr);
  REQUIRE(healed.repos().size() == 1);
  CHECK(healed.repos()[0].branches.at("main").size() == 40);
  CHECK(healed.apps()[0].target_head == healed.repos()[0].branches.at("main"));
  CHECK(healed.apps()[0].workload.images == std::vector<std::string>{"registry.example/shop/web:1.0.0"});
  CHECK(healed.cluster("dev")->objects_by_kind.at("Deployment") >= 1);
  bool deployment_drifted = false;
  for (const auto& r : drifted->apps()[0].view.resources) {
    if (r.key.kind == "Deployment") deployment_drifted = r.sync == "OutOfSync" && !r.changed_paths.empty();
  }
  CHECK(deployment_drifted);
}
