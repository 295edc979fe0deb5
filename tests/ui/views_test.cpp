// View logic over a session's world: the app rows, the resource tree and a
// resource's Kubernetes Events, as the panels read them.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/scenario/loader.hpp"
#include "sim/session/session.hpp"
#include "sim/ui/view/app_rows.hpp"
#include "sim/ui/view/resource_tree.hpp"
#include "sim/world/read_model.hpp"
#include "sim/world/world.hpp"

using namespace gs;
using namespace gs::ui;
using session::Session;

namespace {
// A session of the shipped scenario `name`.
std::unique_ptr<Session> start(const std::string& name) {
  auto r = scenario::load_scenario_file((std::filesystem::path(GS_SOURCE_DIR) / "scenarios" / name).string());
  REQUIRE(r.ok());
  auto s = Session::create(std::move(*r.scenario));
  REQUIRE(s);
  return std::move(s.value());
}

// What a frame does: the read model first, then the rows derived from it.
struct Views {
  world::ReadModel model;
  AppRows rows;
  void update(const world::World& w) {
    model.update(w);
    rows.update(model, w.log());
  }
};
}  // namespace

TEST_CASE("App rows and resource tree: drift after a manual scale, pods under the Deployment") {
  auto s = start("03-drift-self-heal.yaml");
  Session& ses = *s;
  Views v;
  const AppRows& rows = v.rows;
  // Somewhere in the seconds after the scale at 4m the app is OutOfSync and drifted.
  bool seen_drift = false;
  for (std::int64_t t = 4 * 60'000; t <= 4 * 60'000 + 20'000 && !seen_drift; t += 100) {
    ses.advance_to(TimePoint{t});
    v.update(ses.world());
    REQUIRE(rows.rows().size() == 1);
    const AppRow& r = rows.rows().front();
    CHECK(r.cluster == "dev");
    seen_drift = r.sync == gitops::SyncStatusCode::OutOfSync && r.drift;
  }
  CHECK(seen_drift);
  ses.advance_to(TimePoint{7 * 60'000});
  v.update(ses.world());
  CHECK(rows.rows().front().sync == gitops::SyncStatusCode::Synced);
  CHECK_FALSE(rows.rows().front().drift);
  CHECK(rows.rows().front().images == std::vector<std::string>{"web:1.0.0"});

  const auto tree = build_resource_tree(ses.world(), world::ReadModel::of(ses.world()), "shop-dev");
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
  auto s = start("12-app-of-apps.yaml");
  Session& ses = *s;
  Views v;
  const AppRows& rows = v.rows;
  v.update(ses.world());
  CHECK(rows.rows().size() == 1);  // root only
  ses.run_through(TimePoint{60'000});
  v.update(ses.world());
  REQUIRE(rows.rows().size() == 3);
  CHECK(rows.index_of("web-dev") >= 0);
  const auto tree = build_resource_tree(ses.world(), v.model, "root");
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
  v.update(ses.world());
  CHECK(rows.index_of("web-prod") < 0);
  CHECK(rows.index_of("api-dev") >= 0);
}

TEST_CASE("Resource events: a pod in ImagePullBackOff shows kubectl describe's events, warnings marked") {
  auto s = start("06-bad-image-and-revert.yaml");
  Session& ses = *s;
  ses.run_through(TimePoint{12 * 60'000 + 30'000});
  const auto tree = build_resource_tree(ses.world(), world::ReadModel::of(ses.world()), "shop-dev");
  const TreeNode* pod = nullptr;
  for (const auto& n : tree) {
    if (n.key.kind == "Pod" && n.note.find("ImagePullBackOff") != std::string::npos) pod = &n;
  }
  REQUIRE(pod);
  CHECK_FALSE(pod->managed);
  const auto rows = resource_events(ses.world(), world::ReadModel::of(ses.world()), "shop-dev", pod->key);
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

TEST_CASE("App rows: an Environments card's lines say what runs, what Git has, the images and the drift") {
  AppRow r;
  r.target_revision = "develop";
  CHECK(card_revision(r) == "develop @ -");
  r.deployed_revision = "563bd61aaaa";
  r.target_head = "c80de7ebbbb";
  CHECK(card_revision(r) == "develop @ 563bd61  \xE2\x86\x90 c80de7e");
  r.target_head = r.deployed_revision;
  CHECK(card_revision(r) == "develop @ 563bd61");
  r.images = {"web:1.1.0", "sidecar:2"};
  // No ReplicaSet yet: the images alone.
  auto lines = card_pod_lines(r, "ready");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == "web:1.1.0, sidecar:2");
  CHECK_FALSE(lines[0].waiting);
  r.pod_groups = {{"web:1.1.0, sidecar:2", 2, 3, "ContainerCreating"}};
  lines = card_pod_lines(r, "ready");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == "web:1.1.0, sidecar:2  2/3 ContainerCreating");
  CHECK(lines[0].waiting);
  CHECK(card_drift(r, "drift") == "drift");
  r.drift_paths = {"spec.replicas", "spec.template"};
  CHECK(card_drift(r, "drift") == "drift: spec.replicas");
}

TEST_CASE("App rows: a stuck rollout shows its pods by revision, the old ones ready and the new one waiting") {
  // 06: web:9.9.9 is committed at 1m and cannot be pulled; the old
  // ReplicaSet's two pods keep serving while the new one's pod waits.
  auto s = start("06-bad-image-and-revert.yaml");
  Session& ses = *s;
  ses.run_through(TimePoint{12 * 60'000 + 30'000});
  Views v;
  v.update(ses.world());
  const int i = v.rows.index_of("shop-dev");
  REQUIRE(i >= 0);
  const AppRow& r = v.rows.rows()[static_cast<std::size_t>(i)];
  CHECK(r.health == cluster::HealthCode::Degraded);
  const auto lines = card_pod_lines(r, "ready");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "web:1.0.0  2/2 ready");
  CHECK_FALSE(lines[0].waiting);
  CHECK(lines[1].text == "web:9.9.9  0/1 ImagePullBackOff");
  CHECK(lines[1].waiting);
  // Once reverted and rolled back to 1.0.0, one revision runs again, all ready.
  ses.run_through(ses.end());
  v.update(ses.world());
  const AppRow& after = v.rows.rows()[static_cast<std::size_t>(v.rows.index_of("shop-dev"))];
  const auto end_lines = card_pod_lines(after, "ready");
  REQUIRE(end_lines.size() == 1);
  CHECK_FALSE(end_lines[0].waiting);
}
