#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/runner.hpp"
#include "sim/ui/session.hpp"
#include "sim/ui/view/app_rows.hpp"
#include "sim/ui/view/resource_tree.hpp"
#include "sim/world/event_json.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/world/world.hpp"

using namespace gs;
using namespace gs::ui;

namespace {
scenario::Scenario load(const std::string& name) {
  auto r = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/" + name);
  REQUIRE(r.ok());
  return *r.scenario;
}
}  // namespace

TEST_CASE("Session: stepping frame by frame gives the runner's event log, byte for byte") {
  const auto sc = load("03-drift-self-heal.yaml");
  auto headless = scenario::run_to(sc, TimePoint{7 * 60'000});
  REQUIRE(headless);
  auto s = Session::create(sc);
  REQUIRE(s);
  Session& ses = **s;
  ses.set_speed(60);
  ses.play();
  // Uneven frames, as a real window gives them.
  for (int i = 0; ses.now().ms + 2'000 < 7 * 60'000 && i < 100000; ++i) ses.tick(i % 3 == 0 ? 0.016 : 0.021);
  ses.advance_to(TimePoint{7 * 60'000});
  CHECK(ses.now().ms == 7 * 60'000);
  {
    const auto& a = ses.world().log().events();
    const auto& b = (*headless)->log().events();
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
      if (a[i].t != b[i].t || a[i].type != b[i].type || a[i].cause != b[i].cause) {
        INFO("first difference at event " << i + 1 << ": " << a[i].t.ms << " " << a[i].type << " vs " << b[i].t.ms << " " << b[i].type);
        CHECK(false);
        break;
      }
    }
    CHECK(a.size() == b.size());
  }
  CHECK(world::event_stream_hash(ses.world().log().events()) ==
        world::event_stream_hash((*headless)->log().events()));
}

TEST_CASE("Session: a frame budget that cuts the world after every task still gives the runner's event log") {
  // The GUI stops the world when a frame's slice is spent (app.cpp); here the
  // budget is spent after every single task, the finest cut there is.
  for (const char* name : {"03-drift-self-heal.yaml", "09-promotion.yaml", "11-hooks-and-waves.yaml"}) {
    CAPTURE(name);
    const auto sc = load(name);
    const TimePoint end{std::min<std::int64_t>(sc.end.ms, 12 * 60'000)};
    auto headless = scenario::run_to(sc, end);
    REQUIRE(headless);
    auto s = Session::create(sc);
    REQUIRE(s);
    Session& ses = **s;
    ses.set_speed(300);
    ses.play();
    int behind = 0;
    for (int i = 0; ses.now() < end && i < 200000; ++i) {
      if (!ses.playing()) ses.resume();  // through the teaching pauses
      ses.tick(0.016, [] { return true; });
      if (ses.target() > ses.now()) ++behind;
    }
    ses.advance_to(end);
    CHECK(behind > 0);  // the clock really fell behind its aim at times
    CHECK(world::event_stream_hash(ses.world().log().events()) ==
          world::event_stream_hash((*headless)->log().events()));
  }
}

TEST_CASE("Session: commands drive the clock and the world, and are journaled") {
  auto s = Session::create(load("03-drift-self-heal.yaml"));
  REQUIRE(s);
  Session& ses = **s;
  auto out = ses.run_command("sim advance 2m");
  CHECK(out.ok);
  CHECK(ses.now().ms == 120'000);
  CHECK(ses.run_command("sim speed 300").ok);
  CHECK(ses.speed() == 300);
  CHECK(ses.playing());
  CHECK_FALSE(ses.run_command("sim speed 7").ok);
  CHECK(ses.run_command("sim pause").ok);
  CHECK_FALSE(ses.playing());
  out = ses.run_command("argocd app get shop-dev");
  CHECK(out.ok);
  CHECK(out.output.find("shop-dev") != std::string::npos);
  CHECK_FALSE(ses.run_command("argocd app sync nope").ok);
  CHECK(ses.journal().size() == 6);
  CHECK(ses.journal().back().command == "argocd app sync nope");
}

TEST_CASE("Session: step to the next event and the next poll") {
  auto s = Session::create(load("01-first-sync.yaml"));
  REQUIRE(s);
  Session& ses = **s;
  const auto next = ses.next_event_time();
  REQUIRE(next);
  ses.step_next_event();
  CHECK(ses.now() == *next);
  const auto poll = ses.next_poll_time();
  REQUIRE(poll);
  ses.step_next_poll();
  CHECK(ses.now() == *poll);
}

TEST_CASE("Session: parse_speed accepts the offered speeds only") {
  CHECK(parse_speed("60") == 60);
  CHECK(parse_speed("1000x") == 1000);
  CHECK(parse_speed("10\xC3\x97") == 10);
  CHECK_FALSE(parse_speed("2"));
  CHECK_FALSE(parse_speed("fast"));
}

TEST_CASE("App rows and resource tree: drift after a manual scale, pods under the Deployment") {
  auto s = Session::create(load("03-drift-self-heal.yaml"));
  REQUIRE(s);
  Session& ses = **s;
  AppRows rows;
  // Somewhere in the seconds after the scale at 4m the app is OutOfSync and drifted.
  bool seen_drift = false;
  for (std::int64_t t = 4 * 60'000; t <= 4 * 60'000 + 20'000 && !seen_drift; t += 100) {
    ses.advance_to(TimePoint{t});
    rows.update(ses.world());
    REQUIRE(rows.rows().size() == 1);
    const AppRow& r = rows.rows().front();
    CHECK(r.cluster == "dev");
    seen_drift = r.sync == gitops::SyncStatusCode::OutOfSync && r.drift;
  }
  CHECK(seen_drift);
  ses.advance_to(TimePoint{7 * 60'000});
  rows.update(ses.world());
  CHECK(rows.rows().front().sync == gitops::SyncStatusCode::Synced);
  CHECK_FALSE(rows.rows().front().drift);
  CHECK(rows.rows().front().images == std::vector<std::string>{"web:1.0.0"});

  const auto tree = build_resource_tree(ses.world(), "shop-dev");
  REQUIRE(tree.size() >= 4);
  CHECK(tree[0].key.kind == "Application");
  bool rs_under_deploy = false, pod_under_rs = false;
  for (const auto& n : tree) {
    if (n.key.kind == "ReplicaSet" && n.parent >= 0 && tree[n.parent].key.kind == "Deployment") rs_under_deploy = true;
    if (n.key.kind == "Pod" && n.parent >= 0 && tree[n.parent].key.kind == "ReplicaSet") pod_under_rs = true;
  }
  CHECK(rs_under_deploy);
  CHECK(pod_under_rs);
}

TEST_CASE("App rows and resource tree: App of Apps — children join the rows, and the parent's tree shows their state") {
  auto s = Session::create(load("12-app-of-apps.yaml"));
  REQUIRE(s);
  Session& ses = **s;
  AppRows rows;
  rows.update(ses.world());
  CHECK(rows.rows().size() == 1);  // root only
  ses.run_through(TimePoint{60'000});
  rows.update(ses.world());
  REQUIRE(rows.rows().size() == 3);
  CHECK(rows.index_of("web-dev") >= 0);
  const auto tree = build_resource_tree(ses.world(), "root");
  bool found = false;
  for (const auto& n : tree) {
    if (n.key.kind == "Application" && n.key.name == "web-prod") {
      found = true;
      CHECK_FALSE(n.health.has_value());  // a child Application has no health check
      CHECK(n.note == "Synced \xC2\xB7 Healthy");
    }
  }
  CHECK(found);
  // A child removed and another added in one step: the rows follow by name.
  ses.run_through(TimePoint{7 * 60'000});
  rows.update(ses.world());
  CHECK(rows.index_of("web-prod") < 0);
  CHECK(rows.index_of("api-dev") >= 0);
}

TEST_CASE("Session: argocd app wait lets the window's clock pass through the timeline until the app is there") {
  auto s = Session::create(load("09-promotion.yaml"));
  REQUIRE(s);
  Session& ses = **s;
  ses.run_through(TimePoint{5 * 60'000});
  // The 6m timeline entry merges develop into staging; waiting for staging to
  // run it again (Synced, Healthy, idle) passes that entry on the way.
  REQUIRE(ses.run_command("argocd app wait shop-staging").ok);  // already there: no time passes
  CHECK(ses.now().ms == 5 * 60'000);
  auto out = ses.run_command("argocd app wait shop-staging --degraded --timeout 120");
  CHECK_FALSE(out.ok);
  CHECK(out.output == "timed out (120s) waiting for app \"shop-staging\" match desired state\n");
  CHECK(ses.now().ms == 7 * 60'000);
  CHECK(ses.journal().back().at.ms == 5 * 60'000);  // journaled when it was given
  bool merged = false;
  for (const auto& e : ses.world().log().events()) merged = merged || (e.type == "Committed" && e.str("branch") == "staging" && e.t.ms == 6 * 60'000);
  CHECK(merged);
  REQUIRE(ses.run_command("argocd app wait shop-staging").ok);
  const auto* st = ses.world().controller().find("shop-staging");
  REQUIRE(st);
  CHECK(st->status.health.status == cluster::HealthCode::Healthy);
  CHECK_FALSE(st->status.operation_running());
}

TEST_CASE("Resource events: a pod in ImagePullBackOff shows kubectl describe's events, warnings marked") {
  auto s = Session::create(load("06-bad-image-and-revert.yaml"));
  REQUIRE(s);
  Session& ses = **s;
  ses.run_through(TimePoint{12 * 60'000 + 30'000});
  const auto tree = build_resource_tree(ses.world(), "shop-dev");
  const TreeNode* pod = nullptr;
  for (const auto& n : tree) {
    if (n.key.kind == "Pod" && n.note.find("ImagePullBackOff") != std::string::npos) pod = &n;
  }
  REQUIRE(pod);
  CHECK_FALSE(pod->managed);
  const auto rows = resource_events(ses.world(), "shop-dev", pod->key);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.front().reason == "Scheduled");
  bool pull_failed = false;
  for (const auto& r : rows) {
    if (r.reason == "Failed" && r.message == "Error: ErrImagePull") {
      pull_failed = true;
      CHECK(r.warning);
      CHECK(r.count > 1);
      CHECK(r.when.size() == 8);  // "09:11:12"
    }
  }
  CHECK(pull_failed);
}
