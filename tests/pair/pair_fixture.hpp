// Shared by the pair tests: a shipped scenario's session, and the palette
// of faults break-fix offers on scenarios/09-promotion.yaml.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/pair/break_fix.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/session/session.hpp"

namespace gs::testing {

inline std::string source_path(const std::string& rel) { return std::string(GS_SOURCE_DIR) + "/" + rel; }

inline scenario::Scenario load_shipped_scenario(const std::string& rel) {
  auto loaded = scenario::load_scenario_file(source_path(rel));
  if (!loaded.ok()) throw std::runtime_error(render_all(loaded.errors));
  return std::move(*loaded.scenario);
}

// Three faults for 09-promotion: a hand edit self-heal undoes, a bad
// commit on main (prod pulls an image that does not exist; the timeline
// touches main only at 10m), an outage.
inline std::vector<pair::FaultOption> promotion_palette() {
  return {
      {"hand-scale", {"Someone scaled by hand", "누군가 손으로 스케일함"},
       {{"kubectl scale deployment/web --replicas=5 -n shop --cluster staging", {}}}},
      {"bad-commit", {"A bad commit", "잘못된 커밋"},
       {{"git edit shop-config@main base/deployment.yaml "
         "spec.template.spec.containers[0].image=registry.example/shop/web:9.9.9 -m \"web 9.9.9\"",
         {}}}},
      {"outage", {"A cluster outage", "클러스터 장애"}, {{"fault outage prod 2m", {}}}},
  };
}

}  // namespace gs::testing
