// Promotion pipelines (sim/delivery): freight read from Git, each gate on
// entering a stage, and the promotion each strategy makes — each test names
// the Kargo or promotion-strategy fact (peers-behaviour.md §2, §5) it checks.
#include <catch2/catch.hpp>

#include "pipeline_fixture.hpp"
#include "sim/delivery/freight.hpp"
#include "sim/git/repository.hpp"
#include "sim/world/heredoc.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

const git::Repository& config(const world::World& w) { return *w.repo_by_name("config")->repo; }

std::string file_at(const world::World& w, const std::string& rev, const std::string& path) {
  auto text = config(w).read_file(rev, path);
  REQUIRE(text.ok());
  return *text;
}

const delivery::GateState& gate_named(const std::vector<delivery::StageState>& stages, const std::string& name) {
  for (const auto& s : stages) {
    for (const auto& g : s.gates) {
      if (g.name == name) return g;
    }
  }
  FAIL("no gate " << name);
  static delivery::GateState none;
  return none;
}

std::vector<delivery::StageState> stages_now(const world::World& w) {
  return w.pipelines().stages(*w.pipelines().find("web"), w.delivery_lens());
}

// dev gets 1.1.0 at 10s (as CI would write it).
void bump_dev(world::World& w, const char* tag = "1.1.0") {
  REQUIRE(w.apply_text(std::string("git edit config@main envs/dev/kustomization.yaml images[0].newTag=") + tag + " -m bump").ok());
}

// `promote web --from FROM --to TO` ran (a gate's refusal too); what it printed and its exit code.
world::ActionOutcome promote(world::World& w, const std::string& from, const std::string& to) {
  auto out = w.apply_text("promote web --from " + from + " --to " + to);
  if (!out) FAIL(out.error().message);
  return *out;
}

// CI writes 1.1.0 into dev at 1m; at 2m dev runs it.
void dev_runs_1_1_0(world::World& w) {
  w.advance(at_time("1m"));
  bump_dev(w);
  w.advance(at_time("2m"));
}

// ... then it is promoted to staging; at 3m staging runs it.
void staging_runs_1_1_0(world::World& w) {
  dev_runs_1_1_0(w);
  REQUIRE(promote(w, "dev", "staging").exit_code == 0);
  w.advance(at_time("3m"));
}

}  // namespace

TEST_CASE("freight is the image tag a stage's folder sets, else the short SHA of the commit that last changed it (Kargo: Freight)",
          "[delivery][freight]") {
  auto w = pipeline_world(folder_scenario());
  const auto& repo = config(*w);
  auto images = delivery::images_at(repo, "main", "envs/dev");
  REQUIRE(images.size() == 1);
  CHECK(images[0] == delivery::ImageTag{"registry.example/web", "1.0.0"});
  CHECK(delivery::freight_name(images, "0123456789") == "1.0.0");
  // base/ names its image only in the manifest: the container image is the freight.
  auto base = delivery::images_at(repo, "main", "base");
  REQUIRE(base.size() == 1);
  CHECK(base[0].tag == "1.0.0");
  CHECK(delivery::freight_name({}, "0123456789") == "0123456");
  w->advance(at_time("10s"));
  bump_dev(*w);
  const std::string head = *repo.resolve("main");
  CHECK(delivery::last_change(repo, "main", "envs/dev") == head);
  CHECK(delivery::last_change(repo, "main", "envs/staging") == *repo.resolve("main~1"));
}

TEST_CASE("promote refuses while the previous stage is not Healthy at the promoted revision (Kargo: verified in)",
          "[delivery][gates]") {
  auto w = pipeline_world(folder_scenario("", ""));
  w->advance(at_time("1m"));
  bump_dev(*w);
  // The commit is in Git; dev's app has not synced it yet.
  const auto before = stages_now(*w);
  CHECK(before[0].freight->name == "1.1.0");
  CHECK(before[0].deployed == "1.0.0");
  CHECK_FALSE(gate_named(before, "verified-in-dev").passed);
  const std::string head = *config(*w).resolve("main");
  auto out = promote(*w, "dev", "staging");
  CHECK(out.exit_code == 1);
  CHECK_THAT(out.output, Catch::Contains("gate verified-in-dev: freight 1.1.0 not verified in dev"));
  CHECK(*config(*w).resolve("main") == head);
  CHECK(events_of(*w, "GateFailed", "gate", "verified-in-dev") == 1);
  CHECK(events_of(*w, "Promoted") == 0);
  // Once dev runs 1.1.0 Synced and Healthy, the same promote goes through.
  w->advance(at_time("2m"));
  CHECK(gate_named(stages_now(*w), "verified-in-dev").passed);
  CHECK(promote(*w, "dev", "staging").exit_code == 0);
  CHECK(events_of(*w, "Promoted", "to", "staging") == 1);
}

TEST_CASE("promote refuses until the freight has soaked in the upstream stage, counted from the commit that brought it (Kargo: requiredSoakTime)",
          "[delivery][gates]") {
  auto w = pipeline_world(folder_scenario("          - {name: dev-soak, soak: 2m}\n", ""));
  dev_runs_1_1_0(*w);
  auto out = promote(*w, "dev", "staging");
  CHECK(out.exit_code == 1);
  CHECK_THAT(out.output, Catch::Contains("gate dev-soak: freight 1.1.0 has been in dev for 1m of 2m (1m left)"));
  w->advance(at_time("3m"));
  CHECK(promote(*w, "dev", "staging").exit_code == 0);
}

TEST_CASE("a test verification counts only a report made after the freight arrived, and a failed report blocks (Kargo: verification)",
          "[delivery][gates]") {
  auto w = pipeline_world(folder_scenario("          - {name: dev-tests, verification: {test: true}}\n", ""));
  w->advance(at_time("30s"));
  REQUIRE(w->apply_text("test pass dev").ok());  // about 1.0.0
  dev_runs_1_1_0(*w);
  CHECK(gate_named(stages_now(*w), "dev-tests").message == "waiting for a test report on 1.1.0 in dev (test pass|fail dev)");
  REQUIRE(w->apply_text("test fail dev").ok());
  auto out = promote(*w, "dev", "staging");
  CHECK(out.exit_code == 1);
  CHECK_THAT(out.output, Catch::Contains("gate dev-tests: tests failed in dev at +2m"));
  REQUIRE(w->apply_text("test pass dev").ok());
  CHECK(promote(*w, "dev", "staging").exit_code == 0);
  CHECK(events_of(*w, "TestReported", "result", "fail") == 1);
}

TEST_CASE("an approval is for the freight it approved: new freight upstream needs a new approval (Kargo: approvedFor)",
          "[delivery][gates]") {
  auto w = pipeline_world(folder_scenario("", "          - {name: prod-approval, approval: true}\n"));
  staging_runs_1_1_0(*w);
  auto ok = w->apply_text("approve prod-approval --by mina");
  REQUIRE(ok.ok());
  CHECK(ok->output == "gate prod-approval approved by mina for freight 1.1.0 (prod)\n");
  CHECK(gate_named(stages_now(*w), "prod-approval").message == "approved by mina for 1.1.0");
  // 1.2.0 reaches staging before prod took 1.1.0: the approval no longer fits.
  bump_dev(*w, "1.2.0");
  w->advance(at_time("4m"));
  REQUIRE(w->apply_text("promote web --from dev --to staging")->exit_code == 0);
  w->advance(at_time("5m"));
  auto out = promote(*w, "staging", "prod");
  CHECK(out.exit_code == 1);
  CHECK_THAT(out.output, Catch::Contains("gate prod-approval: waiting for approval of 1.2.0 (approve prod-approval --by NAME)"));
  // Without --by the approver is the instructor.
  REQUIRE(w->apply_text("approve prod-approval").ok());
  CHECK(events_of(*w, "GateApproved", "by", "instructor") == 1);
  CHECK(promote(*w, "staging", "prod").exit_code == 0);
  CHECK_THAT(file_at(*w, "main", "envs/prod/kustomization.yaml"), Catch::Contains("newTag: 1.2.0"));
}

TEST_CASE("a sync window gate blocks while the target app's window denies syncs (Kargo honours Argo CD sync windows)",
          "[delivery][gates]") {
  const std::string windows =
      "      syncWindows:\n        - {kind: deny, schedule: \"0 9 * * *\", duration: 1h, applications: ['*-prod']}\n";
  auto w = pipeline_world(folder_scenario("", "          - {name: prod-window, syncWindow: true}\n", windows));
  staging_runs_1_1_0(*w);
  auto out = promote(*w, "staging", "prod");
  CHECK(out.exit_code == 1);
  CHECK_THAT(out.output, Catch::Contains("gate prod-window: web-prod: Sync Denied"));
  w->advance(at_time("1h1m"));
  CHECK(gate_named(stages_now(*w), "prod-window").passed);
}

TEST_CASE("a smoke-test Job verifies the upstream stage: waiting while it is missing, blocked with its reason when it failed",
          "[delivery][gates]") {
  auto w = pipeline_world(folder_scenario("", "          - {name: staging-smoke, verification: {job: smoke, namespace: staging}}\n"));
  staging_runs_1_1_0(*w);
  CHECK(gate_named(stages_now(*w), "staging-smoke").message == "waiting: job smoke in in-cluster not found");
  const std::string job = R"(kubectl apply -f - -n staging <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: smoke}
spec:
  backoffLimit: 0
  template:
    metadata: {annotations: {gitops-sim/run-for: 5s, gitops-sim/exit-code: "1"}}
    spec:
      restartPolicy: Never
      containers: [{name: smoke, image: "registry.example/web:1.1.0"}]
EOF)";
  auto split = world::split_heredoc(job);
  REQUIRE(split.ok());
  auto applied = w->apply_text(split->line, split->files);
  if (!applied) FAIL(applied.error().message);
  w->advance(at_time("4m"));
  const auto failed = gate_named(stages_now(*w), "staging-smoke");
  CHECK_FALSE(failed.passed);
  CHECK_THAT(failed.message, Catch::StartsWith("job smoke in in-cluster failed: "));
}

TEST_CASE("folder-per-environment promotion is one commit that copies the image tag into the next folder and nothing else (peers-behaviour §5.2)",
          "[delivery][strategy]") {
  auto w = pipeline_world(folder_scenario("", ""));
  dev_runs_1_1_0(*w);
  const std::string before = *config(*w).resolve("main");
  const auto out = promote(*w, "dev", "staging");
  const std::string after = *config(*w).resolve("main");
  CHECK_THAT(out.output, Catch::StartsWith("[main " + after.substr(0, 7) + "] Promote 1.1.0 from dev to staging\n"));
  auto changes = config(*w).diff(before, after);
  REQUIRE(changes.ok());
  REQUIRE(changes->size() == 1);
  CHECK((*changes)[0].path == "envs/staging/kustomization.yaml");
  CHECK_THAT(*(*changes)[0].content, Catch::Contains("newTag: 1.1.0"));
  CHECK(config(*w).commit_info(after)->parents == std::vector<std::string>{before});
  REQUIRE(events_of(*w, "Promoted") == 1);
  const Event* promoted = nullptr;
  for (const auto& e : w->log().events()) {
    if (e.type == "Promoted") promoted = &e;
  }
  CHECK(promoted->str("sha") == after);
  CHECK(promoted->str("freight") == "1.1.0");
  CHECK(promoted->str("branch") == "main");
  // Promoting again has nothing to copy: an error, nothing recorded.
  const std::string fp = w->fingerprint();
  auto again = w->apply_text("promote web --from dev --to staging");
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.error().message, Catch::Contains("nothing to promote: staging already has 1.1.0 from dev"));
  CHECK(w->fingerprint() == fp);
}

TEST_CASE("branch-per-environment promotion is a pull request's merge commit that keeps the merged commits (peers-behaviour §5.1)",
          "[delivery][strategy]") {
  auto w = pipeline_world(branch_scenario());
  w->advance(at_time("1m"));
  REQUIRE(w->apply_text("git edit config@dev apps/web/deployment.yaml 'spec.template.spec.containers[0].image=registry.example/web:1.1.0' -m 'web 1.1.0'").ok());
  w->advance(at_time("2m"));
  const auto stages = stages_now(*w);
  CHECK(stages[0].freight->name == "1.1.0");
  CHECK(stages[1].freight->name == "1.0.0");
  const std::string dev_head = *config(*w).resolve("dev");
  const std::string staging_head = *config(*w).resolve("staging");
  REQUIRE(promote(*w, "dev", "staging").exit_code == 0);
  auto info = config(*w).commit_info("staging");
  REQUIRE(info.ok());
  CHECK(info->message == "Merge pull request: promote dev to staging\n");
  CHECK(info->parents == std::vector<std::string>{staging_head, dev_head});
  // The merge carries dev's other commits too (what critics of the strategy warn of).
  CHECK(config(*w).read_file("staging", "NOTES.md").ok());
  CHECK(events_of(*w, "Promoted", "branch", "staging") == 1);
  auto again = w->apply_text("promote web --from dev --to staging");
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.error().message, Catch::Contains("nothing to promote: staging already has everything on dev"));
}

TEST_CASE("pipeline get prints each stage's freight, app status and last promotion, and every gate's state",
          "[delivery][print]") {
  auto w = pipeline_world(folder_scenario());
  w->advance(at_time("1m"));
  auto out = w->apply_text("pipeline get web");
  REQUIRE(out.ok());
  CHECK_THAT(out->output, Catch::Contains("Strategy:  folder-per-environment (branch main)"));
  CHECK_THAT(out->output, Catch::Contains("dev       web-dev       envs/dev       1.0.0     1.0.0      Synced   Healthy   True"));
  CHECK_THAT(out->output, Catch::Contains("prod-approval         prod      approval       Blocked   waiting for approval of 1.0.0"));
  auto list = w->apply_text("pipeline list");
  REQUIRE(list.ok());
  CHECK(list->output == "NAME   REPO     STRATEGY                 STAGES\nweb    config   folder-per-environment   dev -> staging -> prod\n");
}
