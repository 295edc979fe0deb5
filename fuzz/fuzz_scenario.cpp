// fuzz_scenario: the scenario loader (scenario::load_scenario_text) and what
// `gitops-sim validate` does after it without running anything: build the
// World (repositories, clusters, live objects, Applications) and evaluate the
// checks at time 0. Every input is a scenario or errors, never both; every
// error is positioned inside fuzz.yaml; no exception escapes a reader; every
// timeline command is one world::parse_command accepts.
#include <algorithm>

#include "fuzz/harness.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/predicates.hpp"
#include "sim/world/world.hpp"

namespace gs::fuzz {
namespace {

constexpr const char* kFile = "fuzz.yaml";

void check_errors(std::string_view text, const Errors& errors) {
  const auto lines = std::count(text.begin(), text.end(), '\n') + 1;
  for (const auto& e : errors) {
    GS_FUZZ_REQUIRE(!e.message.empty(), std::string(text));
    // load_scenario_text turns an escaped exception into this error; only
    // running out of memory may take that path.
    GS_FUZZ_REQUIRE(e.message.rfind("cannot load scenario: ", 0) != 0, e.message);
    GS_FUZZ_REQUIRE(e.pos.has_value(), e.message);
    GS_FUZZ_REQUIRE(e.pos->file == kFile, e.render());
    GS_FUZZ_REQUIRE(e.pos->line >= 1 && e.pos->line <= lines && e.pos->col >= 1, e.render());
  }
}

}  // namespace

int scenario_one_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  auto loaded = scenario::load_scenario_text(text, kFile);
  GS_FUZZ_REQUIRE(loaded.ok() == loaded.errors.empty(), render_all(loaded.errors));
  if (!loaded.ok()) {
    check_errors(text, loaded.errors);
    return 0;
  }
  const scenario::Scenario& sc = *loaded.scenario;
  for (const auto& entry : sc.timeline) {
    if (!entry.run) continue;
    auto cmd = world::parse_command(*entry.run);
    GS_FUZZ_REQUIRE(cmd.ok(), *entry.run + "\n" + (cmd ? std::string() : cmd.error().message));
  }
  auto w = world::World::create(sc.world);
  if (!w) return 0;  // what only Git can refuse (validate prints it)
  for (const auto* checks : {&sc.expect, &sc.goals}) {
    for (const auto& check : *checks) (void)scenario::evaluate_check(check, **w);
  }
  return 0;
}

}  // namespace gs::fuzz

GS_FUZZ_ENTRY(gs::fuzz::scenario_one_input)
