// --to-scenario: a recording's commands as a scenario's timeline. The file
// loads and runs, and its run logs what the recorded session logged but
// for three differences, said and checked below.
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

// What a written scenario's run logs differently from the recorded session,
// found by these tests:
// - a command given as a timeline entry logs what it printed (Output); a
//   console command does not;
// - the clock's commands (sim advance, argocd app wait) log an Action event
//   at the console, and a timeline cannot hold them (its entries are timed);
// - two console commands at the same virtual millisecond have the world
//   finish that instant between them (Session::run), so what the first
//   scheduled for now (a new Application's first refresh) comes before the
//   second; timeline entries of one instant are applied back to back, and
//   the world's work of that instant comes after all of them.
// Everything else is equal, in order, field by field.
struct Compared {
  std::vector<nlohmann::ordered_json> recorded, scenario;
  std::set<std::int64_t> shared_instants;  // instants with two or more of the recording's commands
  int outputs_dropped = 0;
  int clock_actions_dropped = 0;
};

bool is_clock_command(const std::string& text) {
  return text.rfind("sim ", 0) == 0 || text.rfind("argocd app wait", 0) == 0;
}

Compared compare(const record::Recording& rec, const fs::path& yaml) {
  Compared c;
  std::set<std::string> given;
  std::map<std::int64_t, int> per_instant;
  for (const auto& a : rec.actions()) {
    if (!a.is_command() || a.origin == session::Origin::Timeline) continue;
    given.insert(a.text);
    if (a.ok && a.epoch == rec.info().epochs - 1 && ++per_instant[a.at_ms] == 2) c.shared_instants.insert(a.at_ms);
  }
  auto stored = rec.events(rec.info().epochs - 1);
  REQUIRE(stored);
  for (const auto& e : *stored) {
    auto j = nlohmann::ordered_json::parse(e.json);
    if (j["type"] == "Action" && is_clock_command(j.value("command", ""))) {
      ++c.clock_actions_dropped;
      continue;
    }
    c.recorded.push_back(std::move(j));
  }
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
      ++c.outputs_dropped;
      continue;
    }
    c.scenario.push_back(std::move(j));
  }
  return c;
}

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

// The same events, ids included, in the same order.
void check_equal_streams(const Compared& c) {
  const auto a = renumbered(c.recorded), b = renumbered(c.scenario);
  CHECK(a.size() == b.size());
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] != b[i]) {
      INFO("event " << i);
      CHECK(a[i] == b[i]);
      return;
    }
  }
}

// The same events instant by instant (without ids, which a reordering
// shifts), in the same order but at instants shared by two commands.
void check_equal_by_instant(const Compared& c) {
  auto by_instant = [](const std::vector<nlohmann::ordered_json>& events) {
    std::map<std::int64_t, std::vector<std::string>> out;
    for (auto e : events) {
      const std::int64_t t = e["t"].get<std::int64_t>();
      e.erase("id");
      e.erase("cause");
      out[t].push_back(e.dump());
    }
    return out;
  };
  auto a = by_instant(c.recorded), b = by_instant(c.scenario);
  CHECK(a.size() == b.size());
  for (auto& [t, events] : a) {
    CAPTURE(t);
    auto it = b.find(t);
    REQUIRE(it != b.end());
    if (events == it->second) continue;
    CHECK(c.shared_instants.count(t) == 1);  // reordered only where two commands met
    std::sort(events.begin(), events.end());
    std::sort(it->second.begin(), it->second.end());
    CHECK(events == it->second);
  }
}

}  // namespace

TEST_CASE("to_scenario: a console session becomes a scenario whose run logs the session's events", "[record]") {
  TempDir tmp;
  const fs::path file = tmp / "console.gsrec";
  record_console_session(file);
  auto rec_ = open_ok(file);
  auto* rec = &rec_;
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
  CHECK(c.outputs_dropped >= 3);         // git commit, kubectl scale, argocd app sync printed
  CHECK(c.clock_actions_dropped == 1);   // sim advance 30s
  check_equal_streams(c);
}

TEST_CASE("to_scenario: a lesson with reset and undo becomes a scenario whose run logs its last world's events",
          "[record]") {
  TempDir tmp;
  for (const char* lesson : {"02-drift-and-self-heal.yaml", "05-write-an-application.yaml"}) {
    CAPTURE(lesson);
    const fs::path file = tmp / (std::string(lesson) + ".gsrec");
    REQUIRE(record_lesson(source_dir() / "lessons" / lesson, file).empty());
    auto rec_ = open_ok(file);
    auto* rec = &rec_;
    const fs::path yaml = tmp / (std::string(lesson) + ".scenario.yaml");
    std::vector<std::string> notes;
    REQUIRE(record::write_scenario(*rec, yaml, &notes));
    const Compared c = compare(*rec, yaml);
    check_equal_by_instant(c);
  }
}
