// The delivery commands' errors: each names the word at fault and changes
// nothing (promote to a stage not next, unknown pipeline, env or gate,
// approving a gate that is not an approval); `test` records TestReported.
#include <catch2/catch.hpp>

#include "../delivery/pipeline_fixture.hpp"
#include "../gitops/world_fixture.hpp"

using namespace gs;
using namespace gs::testing;

TEST_CASE("World: promote, approve and test refuse what the pipelines do not define, naming the word, and change nothing",
          "[world][commands][delivery]") {
  auto w = pipeline_world(folder_scenario());
  w->advance(at_time("1m"));
  refused_unchanged(*w, "promote wbe --from dev --to staging", "promote: unknown pipeline 'wbe'; did you mean 'web'?");
  refused_unchanged(*w, "promote web --from dev --to qa",
                    "promote: --to: pipeline web has no stage 'qa'; expected one of dev, staging, prod");
  refused_unchanged(*w, "promote web --from dev --to prod", "promote: --from: prod takes its freight from staging, not dev");
  refused_unchanged(*w, "promote web --from staging --to dev", "promote: --to: dev is the first stage of web");
  refused_unchanged(*w, "promote web --from dev --to staging", "promote: nothing to promote: staging already has 1.0.0");
  refused_unchanged(*w, "approve prod-aproval", "approve: unknown gate 'prod-aproval'; did you mean 'prod-approval'?");
  refused_unchanged(*w, "approve dev-soak --by mina", "approve: gate dev-soak is a soak gate; only an approval gate is approved");
  refused_unchanged(*w, "test pass qa", "test: unknown env 'qa'; expected one of dev, prod, staging");
  refused_unchanged(*w, "test maybe dev", "test: invalid value 'maybe' for RESULT; expected one of pass, fail");
}

TEST_CASE("World: without pipelines, promote and approve say the scenario defines none", "[world][commands][delivery]") {
  auto w = make_world(base_spec());
  refused_unchanged(*w, "promote shop --from dev --to prod", "unknown pipeline 'shop'; the scenario defines no pipelines");
  refused_unchanged(*w, "approve prod-gate", "unknown gate 'prod-gate'; the scenario's pipelines define no gates");
  auto list = w->apply_text("pipeline list");
  REQUIRE(list.ok());
  CHECK(list->output == "No pipelines found.\n");
}

TEST_CASE("World: test pass|fail ENV records TestReported with the env and the result", "[world][commands][delivery]") {
  auto w = pipeline_world(folder_scenario());
  auto out = w->apply_text("test fail staging");
  REQUIRE(out.ok());
  CHECK(out->output == "tests failed in staging\n");
  CHECK(events_of(*w, "TestReported", "env", "staging") == 1);
  CHECK(events_of(*w, "Action") == 1);
}
