// CheckCache: a lesson checks its predicates after every instant and keeps
// what they read between calls (counts of events, outcomes of app, resource
// and file predicates until what they read moves). This holds the cache to
// what it promises: at every moment of every shipped scenario, each
// predicate over each app gives exactly what a fresh evaluation gives.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/model/yaml.hpp"
#include "sim/scenario/check_reader.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/predicates.hpp"
#include "sim/session/session.hpp"
#include "sim/world/world.hpp"

namespace fs = std::filesystem;
using namespace gs;

namespace {

std::vector<std::string> predicates_for(const std::string& app, const scenario::Known& known) {
  std::vector<std::string> out = {
      "{app: " + app + ", sync: Synced}",
      "{app: " + app + ", sync: OutOfSync, health: Healthy}",
      "{app: " + app + ", health: Progressing}",
      "{app: " + app + ", health: Degraded}",
      "{app: " + app + ", health: Missing}",
      "{app: " + app + ", operation: Running}",
      "{app: " + app + ", historyLength: 1}",
      "{app: " + app + ", condition: ComparisonError}",
      "{app: " + app + ", message: {contains: successfully}}",
      "{app: " + app + ", field: 'status.history[0].revision', equals: main}",
      "{app: " + app + ", field: 'status.resources[0].health.status', equals: Healthy}",
      "{app: " + app + ", field: 'status.operationState.phase', equals: Succeeded}",
      "{app: " + app + ", field: status.reconciledAt, equals: x}",
      "{event: SyncSucceeded, app: " + app + "}",
      "{event: SyncSucceeded, app: " + app + ", causedBy: LiveChanged}",
      "{event: SyncStarted, app: " + app + ", after: {event: Committed}}",
      "{any: [{app: " + app + ", sync: Unknown}, {not: {event: AppRefreshed, app: " + app + ", level: poll}}]}",
  };
  for (const auto& branch : {"main", "staging", "develop"}) {
    out.push_back("{app: " + app + ", revision: " + branch + "}");
  }
  for (const auto& c : known.cluster_names) {
    out.push_back("{resource: {cluster: " + c + ", namespace: shop, kind: Deployment, name: web}, field: status.readyReplicas, equals: 2}");
    out.push_back("{resource: {cluster: " + c + ", namespace: shop, kind: Deployment, name: web}, health: Healthy}");
  }
  for (const auto& r : known.repo_names) {
    out.push_back("{file: {repo: " + r + ", branch: main, path: base/deployment.yaml}, field: spec.replicas, equals: 3}");
  }
  return out;
}

}  // namespace

TEST_CASE("CheckCache: at every moment of every shipped scenario a cached check says what a fresh one says") {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(GS_SCENARIO_DIR)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  std::size_t compared = 0, held = 0;
  for (const auto& file : files) {
    INFO(file.filename().string());
    scenario::Known known;
    auto loaded = scenario::load_scenario_file(file, &known);
    REQUIRE(loaded.ok());
    scenario::detail::Diagnostics diag(file.string());
    std::vector<scenario::Check> checks;
    for (const auto& app : known.app_names) {
      for (const auto& text : predicates_for(app, known)) {
        auto node = model::parse_yaml(text);
        REQUIRE(node.ok());
        if (auto c = scenario::read_check(diag, *node, known, scenario::CheckUse::Lesson)) checks.push_back(*c);
      }
    }
    REQUIRE(diag.count() == 0);
    scenario::CheckCache cache;
    scenario::CheckContext cached;
    cached.cache = &cache;
    session::SessionOptions opts;
    opts.on_moment = [&](const world::World& w, TimePoint) {
      for (const auto& c : checks) {
        const auto fresh = scenario::evaluate_check(c, w);
        const bool fast = scenario::check_holds(c, w, &cached);
        const auto again = scenario::evaluate_check(c, w, &cached);
        ++compared;
        if (fresh.holds) ++held;
        if (fast != fresh.holds || again.holds != fresh.holds || again.seen != fresh.seen) {
          FAIL_CHECK(c.text << " at " << format_offset(w.now()) << ": fresh " << fresh.holds << " '" << fresh.seen
                            << "', cached " << fast << "/" << again.holds << " '" << again.seen << "'");
        }
      }
    };
    auto session = session::Session::create(*loaded.scenario, opts);
    REQUIRE(session.ok());
    (*session)->run_through((*session)->end());
  }
  CHECK(compared > 10000);
  CHECK(held > 1000);  // the predicates are not all false: the comparison means something
}
