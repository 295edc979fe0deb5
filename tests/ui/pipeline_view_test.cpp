// The pipeline panel's view: scenario 15's stages with their freight, app
// status and gate chips in both languages, and where the stage cards go
// (side by side with arrows, or stacked when the panel is narrow).
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/scenario/loader.hpp"
#include "sim/session/session.hpp"
#include "sim/ui/view/pipeline_view.hpp"
#include "sim/world/world.hpp"

using namespace gs;
using namespace gs::ui;

namespace {

std::unique_ptr<session::Session> gates_at(const char* t) {
  auto r = scenario::load_scenario_file((std::filesystem::path(GS_SOURCE_DIR) / "scenarios" / "15-pipeline-gates.yaml").string());
  REQUIRE(r.ok());
  auto s = session::Session::create(std::move(*r.scenario));
  REQUIRE(s);
  (*s)->run_through(TimePoint{} + *parse_duration(t));
  return std::move(s.value());
}

I18n strings(Lang lang) {
  I18n i18n;
  REQUIRE(i18n.load(std::filesystem::path(GS_SOURCE_DIR) / "assets" / "i18n"));
  i18n.set_lang(lang);
  return i18n;
}

}  // namespace

TEST_CASE("pipeline view: each stage's freight and deployed version, and the gate that blocks prod named with why",
          "[ui][pipeline]") {
  auto s = gates_at("3m30s");
  const auto v = pipeline_view(s->world(), strings(Lang::En));
  REQUIRE(v.pipelines.size() == 1);
  const PipelineCard& p = v.pipelines[0];
  CHECK(p.name == "shop");
  CHECK(p.subtitle == "shop-config \xC2\xB7 folder-per-environment (main)");
  REQUIRE(p.stages.size() == 3);
  CHECK(p.stages[0].gates.empty());
  CHECK(p.stages[1].freight == "1.1.0");
  CHECK(p.stages[1].last_promotion == "+2m10s from dev");
  CHECK(p.stages[2].freight == "1.0.0");
  CHECK(p.stages[2].sync_tone == Tone::Good);
  CHECK_FALSE(p.stages[1].blocked);
  CHECK(p.stages[2].blocked);
  REQUIRE(p.stages[2].gates.size() == 3);
  const GateChip& approval = p.stages[2].gates[2];
  CHECK(approval.label == "prod-approval");
  CHECK_FALSE(approval.passed);
  CHECK(approval.tone == Tone::Warn);
  CHECK(approval.detail == "waiting for approval");
  CHECK(approval.message == "waiting for approval of 1.1.0 (approve prod-approval --by NAME)");
  CHECK(p.stages[1].gates[1].detail == "1m soaked");
}

TEST_CASE("pipeline view: after the approval the chip says who approved, in Korean too", "[ui][pipeline]") {
  auto s = gates_at("4m10s");
  const auto en = pipeline_view(s->world(), strings(Lang::En));
  CHECK(en.pipelines[0].stages[2].gates[2].detail == "approved by mina");
  const auto ko = pipeline_view(s->world(), strings(Lang::Ko));
  CHECK(ko.pipelines[0].stages[2].gates[2].detail == "\xEC\x8A\xB9\xEC\x9D\xB8: mina");  // 승인: mina
  CHECK(ko.pipelines[0].stages[1].last_promotion == "+2m10s dev\xEC\x97\x90\xEC\x84\x9C");  // dev에서
}

TEST_CASE("pipeline layout: stage cards side by side with an arrow between two, stacked when a card would be narrower than its minimum",
          "[ui][pipeline]") {
  const auto wide = layout_pipeline(3, 2, 600, 1.0f, 17);
  CHECK_FALSE(wide.stacked);
  REQUIRE(wide.cards.size() == 3);
  REQUIRE(wide.arrows.size() == 2);
  CHECK(wide.cards[1].x > wide.cards[0].x + wide.cards[0].w);
  CHECK(wide.arrows[0].x >= wide.cards[0].x + wide.cards[0].w);
  CHECK(wide.arrows[0].x + wide.arrows[0].w <= wide.cards[1].x);
  CHECK(wide.cards[2].x + wide.cards[2].w == Approx(600));
  CHECK(wide.height == wide.cards[0].h);
  // Gates make every card of the row as tall as the one with the most.
  CHECK(layout_pipeline(3, 3, 600, 1.0f, 17).height > wide.height);
  const auto narrow = layout_pipeline(3, 2, 400, 1.0f, 17);
  CHECK(narrow.stacked);
  CHECK(narrow.cards[1].y > narrow.cards[0].y + narrow.cards[0].h);
  CHECK(narrow.cards[0].w == Approx(400));
  CHECK(layout_pipeline(0, 0, 400, 1.0f, 17).cards.empty());
  // A gate takes one line on a card wide enough for its name and why, else two.
  CHECK(wide.gate_line_count == 2);
  const auto roomy = layout_pipeline(3, 2, 1200, 1.0f, 17);
  CHECK(roomy.gate_line_count == 1);
  CHECK(roomy.height < wide.height);
}
