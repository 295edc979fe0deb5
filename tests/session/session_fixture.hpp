// Shared by the session tests: shipped scenarios by name, and a world's event
// log as the JSON Lines `gitops-sim run --json` prints (compared byte for byte).
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/loader.hpp"
#include "sim/session/runner.hpp"
#include "sim/session/session.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/world.hpp"

namespace gs::testing {

inline scenario::Scenario load(const std::string& name) {
  auto r = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/" + name);
  REQUIRE(r.ok());
  return *r.scenario;
}

// A session of the scenario; with a speed, playing at it (the GUI's play button).
inline std::unique_ptr<session::Session> start(const scenario::Scenario& sc, int speed = 0) {
  auto s = session::Session::create(sc);
  REQUIRE(s);
  if (speed > 0) {
    (*s)->set_speed(speed);
    (*s)->play();
  }
  return std::move(s.value());
}

inline std::string json_lines(const world::World& w) {
  std::string out;
  for (const auto& e : w.log().events()) out += world::event_to_json(e) + "\n";
  return out;
}

}  // namespace gs::testing
