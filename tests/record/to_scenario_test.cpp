// --to-scenario: a recording's commands as a scenario's timeline. The file
// loads, and running it logs what the recorded session logged, but for
// what a timeline entry logs and a console command does not (what a
// command printed).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "record_fixture.hpp"
#include "sim/record/to_scenario.hpp"
#include "sim/world/event_json.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

// Events a timeline entry logs and the same command typed at a console
// does not: what a command printed (`Output`) and the timeline's notes.
bool timeline_only(const nlohmann::json& e) {
  const std::string type = e.value("type", "");
  return type == "Output" || type == "Note";
}

struct Compared {
  std::vector<std::string> recorded, scenario;
  int dropped = 0;  // timeline-only events left out of the scenario's run
};

// The recording's last epoch and the written scenario's run, both up to
// the recording's end, without the scenario run's timeline-only events.
Compared compare(const record::Recording& rec, const fs::path& yaml) {
  Compared c;
  auto stored = rec.events(rec.info().epochs - 1);
  REQUIRE(stored);
  for (const auto& e : *stored) c.recorded.push_back(e.json);
  auto loaded = scenario::load_scenario_file(yaml);
  INFO(render_all(loaded.errors));
  REQUIRE(loaded.ok());
  auto w = world::World::create(loaded.scenario->world);  // what validate builds
  REQUIRE(w);
  auto run = session::run_scenario(*loaded.scenario);
  REQUIRE(run);  // runs: expectations may hold or not, never bad input
  for (const auto& e : run->world().log().events()) {
    if (e.t.ms > rec.info().end_at_ms) break;
    std::string line = world::event_to_json(e);
    if (timeline_only(nlohmann::json::parse(line))) {
      ++c.dropped;
      continue;
    }
    c.scenario.push_back(std::move(line));
  }
  // The recording's own timeline-only events (its source's entries) stay on both sides.
  return c;
}

void check_equal_streams(const Compared& c) {
  CHECK(c.recorded.size() == c.scenario.size());
  const std::size_t n = std::min(c.recorded.size(), c.scenario.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (c.recorded[i] != c.scenario[i]) {
      INFO("event " << i);
      CHECK(c.recorded[i] == c.scenario[i]);
      return;
    }
  }
}

}  // namespace

TEST_CASE("to_scenario: a console session becomes a scenario whose run logs the session's events", "[record]") {
  TempDir tmp;
  const fs::path file = tmp / "console.gsrec";
  record_console_session(file);
  auto rec = record::Recording::open(file);
  REQUIRE(rec);
  std::vector<std::string> notes;
  auto text = record::scenario_text(*rec, &notes);
  REQUIRE(text);
  INFO(*text);
  CHECK(notes.empty());
  // The commands that changed the world, not the looks, the refused one or the clock's.
  CHECK(text->find("run: git write shop-config@main overlays/dev/kustomization.yaml") != std::string::npos);
  CHECK(text->find("newTag: \"1.1.0\"") != std::string::npos);
  CHECK(text->find("run: argocd app sync shop-dev") != std::string::npos);
  CHECK(text->find("argocd app list") == std::string::npos);
  CHECK(text->find("no-such-app") == std::string::npos);
  CHECK(text->find("sim advance") == std::string::npos);
  const fs::path yaml = tmp / "console.yaml";
  REQUIRE(record::write_scenario(*rec, yaml));
  CHECK(read_file(yaml) == *text);
  // An existing file is not overwritten.
  auto again = record::write_scenario(*rec, yaml);
  REQUIRE_FALSE(again);
  CHECK(again.error().message.find("already exists") != std::string::npos);
  const Compared c = compare(*rec, yaml);
  check_equal_streams(c);
}

TEST_CASE("to_scenario: a lesson with reset and undo becomes a scenario whose run logs its last world's events",
          "[record]") {
  TempDir tmp;
  for (const char* lesson : {"02-drift-and-self-heal.yaml", "05-write-an-application.yaml"}) {
    CAPTURE(lesson);
    const fs::path file = tmp / (std::string(lesson) + ".gsrec");
    REQUIRE(record_lesson(source_dir() / "lessons" / lesson, file).empty());
    auto rec = record::Recording::open(file);
    REQUIRE(rec);
    const fs::path yaml = tmp / (std::string(lesson) + ".scenario.yaml");
    std::vector<std::string> notes;
    REQUIRE(record::write_scenario(*rec, yaml, &notes));
    const Compared c = compare(*rec, yaml);
    check_equal_streams(c);
  }
}
