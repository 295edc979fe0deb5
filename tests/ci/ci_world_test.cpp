// CI, image automation and push pipelines in a World (peers-behaviour.md
// §1.5 the image automation loop, §4.1 what a push pipeline does and does
// not do, §4.2 where the credentials live), on scenarios 16 and 17.
#include <catch2/catch.hpp>

#include "../gitops/world_fixture.hpp"
#include "sim/ci/ci_system.hpp"
#include "sim/cluster/cluster.hpp"
#include "sim/git/repository.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/world/world.hpp"

using namespace gs;
using gs::testing::at;
using gs::testing::refused_unchanged;

namespace {

world::WorldSpec spec_of(const char* file) {
  auto r = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/" + file);
  REQUIRE(r.ok());
  return r.scenario->world;  // the world alone: tests drive time and commands themselves
}

std::unique_ptr<world::World> world_of(const char* file) {
  auto w = world::World::create(spec_of(file));
  REQUIRE(w.ok());
  return std::move(w.value());
}

// What a command printed (it must run).
std::string run(world::World& w, const std::string& line) {
  auto out = w.apply_text(line);
  if (!out) FAIL(line << ": " << out.error().message);
  return out->output;
}

std::vector<const Event*> events(const world::World& w, const std::string& type) {
  std::vector<const Event*> out;
  for (const auto& e : w.log().events()) {
    if (e.type == type) out.push_back(&e);
  }
  return out;
}

const model::Node* deployment(const world::World& w, const std::string& cluster, const std::string& name) {
  return w.cluster_by_name(cluster)->cluster->get(cluster::ObjectKey{"apps", "Deployment", "default", name});
}

std::string image_of(const model::Node* d) {
  REQUIRE(d);
  return d->get({"spec", "template", "spec", "containers"})->items()[0].get_string({"image"}).value_or("");
}

std::int64_t replicas_of(const model::Node* d) {
  REQUIRE(d);
  return d->get({"spec", "replicas"})->as_int().value_or(-1);
}

}  // namespace

TEST_CASE("the image automation loop runs commit -> poll -> apply with no human after the build",
          "[ci][automation]") {
  auto w = world_of("16-image-automation.yaml");
  w->advance(at("30s"));
  run(*w, "ci build registry.example/shop/web --tag 1.1.0");
  w->advance(at("1m"));  // the scan at 1m finds it
  const auto updated = events(*w, "ImageUpdated");
  REQUIRE(updated.size() == 1);
  CHECK(updated[0]->str("tag") == "1.1.0");
  CHECK(updated[0]->t == at("1m"));
  // The write-back is a commit by the bot, caused by the build.
  const auto* built = w->log().find(updated[0]->cause);
  REQUIRE(built);
  CHECK(built->type == "ImageBuilt");
  const std::string sha = updated[0]->str("sha");
  auto info = w->repo_by_name("shop-config")->repo->commit_info(sha);
  REQUIRE(info.ok());
  CHECK(info->author.name == "fluxcdbot");
  auto file = w->repo_by_name("shop-config")->repo->read_file("main", "envs/dev/kustomization.yaml");
  REQUIRE(file.ok());
  CHECK_THAT(*file, Catch::Contains("newTag: \"1.1.0\" # {\"$imagepolicy\": \"flux-system:web:tag\"}"));
  // Argo CD finds it at its poll and applies it.
  w->advance(at("5m"));
  REQUIRE(w->app_view("web-dev"));
  CHECK(w->app_view("web-dev")->revision == sha);
  CHECK(image_of(w->cluster_by_name("dev")->cluster->get(cluster::ObjectKey{"apps", "Deployment", "web", "web"})) ==
        "registry.example/shop/web:1.1.0");
}

TEST_CASE("the image automation scans on its interval and commits nothing when Git already says the latest tag",
          "[ci][automation]") {
  auto w = world_of("16-image-automation.yaml");
  w->advance(at("10m"));
  CHECK(events(*w, "ImageUpdated").empty());
  CHECK(events(*w, "Committed").size() == 1);  // the history's own commit
  const auto* ci = w->reconciler<ci::CiSystem>();
  REQUIRE(ci);
  CHECK(ci->automation_rows()[0].last_scan == at("10m"));
  CHECK(ci->automation_rows()[0].latest == "1.0.0");
  CHECK(ci->next_wakeup() == at("11m"));
}

TEST_CASE("ci build refuses a tag that exists, a bad tag and an unknown pipeline, changing nothing", "[ci][build]") {
  auto w = world_of("17-push-pipeline.yaml");
  refused_unchanged(*w, "ci build registry.example/shop/web --tag 1.0.0", "already exists");
  refused_unchanged(*w, "ci build registry.example/shop/web --tag .bad", "invalid tag");
  refused_unchanged(*w, "ci build registry.example/shop/web:1.2.0 --tag 1.2.0", "must not carry a tag");
  refused_unchanged(*w, "ci build registry.example/shop/web --tag 1.2.0 --pipeline shop-jenkin",
                    "did you mean 'shop-jenkins'?");
  CHECK(run(*w, "ci build registry.example/shop/web --tag 1.2.0 --pipeline shop-ci") ==
        "pushed registry.example/shop/web:1.2.0\n");
  const auto built = events(*w, "ImageBuilt");
  REQUIRE(built.size() == 1);
  CHECK(built[0]->str("pipeline") == "shop-ci");
}

TEST_CASE("a push deploy applies to every cluster of its kubeconfig and reports PushDeployed after rollout status",
          "[ci][push]") {
  auto w = world_of("17-push-pipeline.yaml");
  run(*w, "ci deploy shop-jenkins");
  CHECK(events(*w, "PushDeployed").empty());  // rollout status is still waiting
  w->advance(at("1m"));
  const auto deployed = events(*w, "PushDeployed");
  REQUIRE(deployed.size() == 2);
  for (const auto* e : deployed) {
    CHECK(e->str("result") == "Succeeded");
    CHECK(e->str("app") == "shop-jenkins");
    CHECK(e->str("revision") == *w->repo_by_name("shop-config")->repo->resolve("main"));
  }
  CHECK(image_of(deployment(*w, "prod", "web")) == "registry.example/shop/web:shop-jenkins-1");
  CHECK(image_of(deployment(*w, "staging", "web")) == "registry.example/shop/web:shop-jenkins-1");
}

TEST_CASE("a push deploy leaves later drift unnoticed: nothing compares the cluster to Git afterwards", "[ci][push]") {
  auto w = world_of("17-push-pipeline.yaml");
  run(*w, "ci deploy shop-jenkins");
  w->advance(at("1m"));
  run(*w, "kubectl scale deployment/web --replicas=5 --cluster prod");
  const std::size_t log_size = w->log().size();
  w->advance(at("1h"));
  CHECK(replicas_of(deployment(*w, "prod", "web")) == 5);
  // Nothing after the drift mentions prod: no actor noticed it.
  for (std::size_t i = log_size; i < w->log().size(); ++i) {
    const Event& e = w->log().events()[i];
    const bool about_prod = (e.type == "PushDeployed" || e.type == "LiveChanged") && e.str("cluster") == "prod";
    CHECK_FALSE(about_prod);
  }
}

TEST_CASE("a cluster the pipeline cannot reach misses the deploy, and nothing retries", "[ci][push][fault]") {
  auto w = world_of("17-push-pipeline.yaml");
  run(*w, "ci deploy shop-jenkins");
  w->advance(at("1m"));
  run(*w, "fault ci-unreachable staging 5m");
  run(*w, "git edit shop-config@main envs/prod/deployment.yaml spec.replicas=3 -m three");
  const std::string out = run(*w, "ci deploy shop-jenkins");
  CHECK_THAT(out, Catch::Contains("[deploy staging] Unable to connect to the server: dial tcp staging.k8s.example:443: i/o timeout"));
  w->advance(at("30m"));
  std::map<std::string, std::string> last;
  for (const auto* e : events(*w, "PushDeployed")) last[e->str("cluster")] = e->str("result");
  CHECK(last["staging"] == "Unreachable");
  CHECK(last["prod"] == "Succeeded");
  CHECK(replicas_of(deployment(*w, "staging", "web")) == 2);
  CHECK(replicas_of(deployment(*w, "prod", "web")) == 3);
  // A cluster's own outage stops the push as well.
  run(*w, "fault outage prod 5m");
  run(*w, "ci deploy shop-jenkins");
  const auto deployed = events(*w, "PushDeployed");
  CHECK(deployed.back()->str("cluster") == "prod");
  CHECK(deployed.back()->str("result") == "Unreachable");
}

TEST_CASE("rollout status that never completes fails the push deploy with kubectl's timeout", "[ci][push]") {
  auto w = world_of("17-push-pipeline.yaml");
  run(*w, "fault image-pull registry.example/shop/web:shop-jenkins-1");
  run(*w, "ci deploy shop-jenkins");
  w->advance(at("1m59s"));
  CHECK(events(*w, "PushDeployed").empty());
  w->advance(at("2m"));
  const auto deployed = events(*w, "PushDeployed");
  REQUIRE(deployed.size() == 2);
  CHECK(deployed[0]->str("result") == "Failed");
  CHECK(deployed[0]->str("message") == "error: timed out waiting for the condition");
}

TEST_CASE("ci deploy of an unknown pipeline or revision is refused and changes nothing", "[ci][push]") {
  auto w = world_of("17-push-pipeline.yaml");
  refused_unchanged(*w, "ci deploy shop-jenkin", "unknown pipeline 'shop-jenkin'; did you mean 'shop-jenkins'?");
  refused_unchanged(*w, "ci deploy shop-jenkins --revision nosuch", "--revision 'nosuch'");
  refused_unchanged(*w, "fault ci-unreachable nosuch", "nosuch");
  refused_unchanged(*w, "fault ci-credential-leak nosuch", "unknown pipeline 'nosuch'");
}

TEST_CASE("a leaked CI kubeconfig changes every cluster it holds, and FaultInjected names the blast radius",
          "[ci][fault][leak]") {
  auto w = world_of("17-push-pipeline.yaml");
  run(*w, "ci deploy shop-jenkins");
  w->advance(at("1m"));
  run(*w, "fault ci-credential-leak shop-jenkins");
  const auto faults = events(*w, "FaultInjected");
  REQUIRE(faults.size() == 1);
  CHECK(faults[0]->str("target") == "shop-jenkins: staging, prod");
  for (const char* c : {"staging", "prod"}) {
    CAPTURE(c);
    CHECK(deployment(*w, c, "cryptominer"));
    CHECK(replicas_of(deployment(*w, c, "web")) == 0);
  }
  CHECK_FALSE(deployment(*w, "gitops", "cryptominer"));
  w->advance(at("2m"));
  CHECK(replicas_of(deployment(*w, "gitops", "web")) == 2);
}

TEST_CASE("a leaked credential of a CI that holds no kubeconfig reaches no cluster (GitOps)", "[ci][fault][leak]") {
  auto w = world_of("17-push-pipeline.yaml");
  w->advance(at("1m"));
  const std::string before_clusters = [&] {
    std::string s;
    for (const auto& c : w->clusters()) s += std::to_string(c.cluster->revision()) + ",";
    return s;
  }();
  const std::string out = run(*w, "fault ci-credential-leak shop-ci");
  CHECK_THAT(out, Catch::Contains("holds no cluster credential"));
  const auto faults = events(*w, "FaultInjected");
  REQUIRE(faults.size() == 1);
  CHECK(faults[0]->str("target") == "shop-ci: no cluster (Git and registry only)");
  std::string after;
  for (const auto& c : w->clusters()) after += std::to_string(c.cluster->revision()) + ",";
  CHECK(after == before_clusters);
}

TEST_CASE("a world with image automation and rollout waits reached in pieces equals one reached at once",
          "[ci][determinism]") {
  auto drive = [](bool pieces) {
    auto w = world_of("16-image-automation.yaml");
    run(*w, "ci build registry.example/shop/web --tag 1.1.0");
    if (pieces) {
      int calls = 0;
      while (!w->advance_some(at("6m"), [&] { return ++calls % 3 == 0; })) {
      }
    } else {
      w->advance(at("6m"));
    }
    return w->fingerprint();
  };
  CHECK(drive(true) == drive(false));
}

TEST_CASE("the CI's state text (the fingerprint's CI part) moves with a scan that changed nothing in Git",
          "[ci][determinism]") {
  auto w = world_of("16-image-automation.yaml");
  w->advance(at("30s"));
  const std::string before = w->reconciler<ci::CiSystem>()->state_text();
  w->advance(at("1m"));
  CHECK(events(*w, "ImageUpdated").empty());
  CHECK(w->reconciler<ci::CiSystem>()->state_text() != before);
}

TEST_CASE("ci deploy --revision applies that revision, not the branch head", "[ci][push]") {
  auto w = world_of("17-push-pipeline.yaml");
  const std::string first = *w->repo_by_name("shop-config")->repo->resolve("main");
  run(*w, "git edit shop-config@main envs/prod/deployment.yaml spec.replicas=4 -m four");
  CHECK_THAT(run(*w, "ci deploy shop-jenkins --revision main~1"), Catch::Contains("[checkout] shop-config@main~1 " + first.substr(0, 7)));
  w->advance(at("1m"));
  const auto deployed = events(*w, "PushDeployed");
  REQUIRE(deployed.size() == 2);
  CHECK(deployed[0]->str("revision") == first);
  CHECK(replicas_of(deployment(*w, "prod", "web")) == 2);
}
