// --to-scenario: a recording's commands as a scenario's timeline. The file
// loads, and running it logs what the recorded session logged, but for
// what a timeline entry logs and a console command does not: what the
// command printed (Output events).
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "record_fixture.hpp"
#include "sim/record/to_scenario.hpp"
#include "sim/world/event_json.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

struct Compared {
  std::vector<std::string> recorded, scenario;
  int dropped = 0;  // the scenario run's Output events of the recording's commands
};

// Event ids and causes as ordinals in the stream kept, so that an event
// left out does not shift every id after it.
std::vector<std::string> renumbered(const std::vector<nlohmann::ordered_json>& events) {
  std::map<std::int64_t, std::int64_t> ordinal;
  for (const auto& e : events) ordinal.emplace(e["id"].get<std::int64_t>(), static_cast<std::int64_t>(ordinal.size()) + 1);
  std::vector<std::string> out;
  for (auto e : events) {
    e["id"] = ordinal.at(e["id"].get<std::int64_t>());
    const std::int64_t cause = e["cause"].get<std::int64_t>();
    e["cause"] = cause == 0 ? 0 : (ordinal.count(cause) ? ordinal.at(cause) : -1);
    out.push_back(e.dump());
  }
  return out;
}

// The recording's last epoch and the written scenario's run up to the
// recording's end. A command typed at a console logs nothing of itself; as
// a timeline entry it logs what it printed (an Output event): those are
// left out of the scenario's run, and ids renumbered on both sides.
Compared compare(const record::Recording& rec, const fs::path& yaml) {
  Compared c;
  std::set<std::string> given;
  for (const auto& a : rec.actions()) {
    if (a.is_command() && a.origin != session::Origin::Timeline) given.insert(a.text);
  }
  std::vector<nlohmann::ordered_json> recorded, scenario;
  auto stored = rec.events(rec.info().epochs - 1);
  REQUIRE(stored);
  for (const auto& e : *stored) recorded.push_back(nlohmann::ordered_json::parse(e.json));
  auto loaded = scenario::load_scenario_file(yaml);
  INFO(render_all(loaded.errors));
  REQUIRE(loaded.ok());
  auto w = world::World::create(loaded.scenario->world);  // what validate builds
  REQUIRE(w);
  auto run = session::run_scenario(*loaded.scenario);
  REQUIRE(run);  // runs: expectations may hold or not, never bad input
  for (const auto& e : run->world().log().events()) {
    if (e.t.ms > rec.info().end_at_ms) break;
    auto j = nlohmann::ordered_json::parse(world::event_to_json(e));
    if (j["type"] == "Output" && given.count(j.value("command", ""))) {
      ++c.dropped;
      continue;
    }
    scenario.push_back(std::move(j));
  }
  c.recorded = renumbered(recorded);
  c.scenario = renumbered(scenario);
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
