// The `pipelines:` section: what it reads, and every mistake reported at
// FILE:LINE:COL naming what was expected (unknown repo, app, branch or
// folder; duplicate names; bad durations; a gate of no or two kinds).
#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"

using namespace gs;

namespace {

const char* kHead = R"(apiVersion: gitops-sim/v1
kind: Scenario
metadata: {name: p}
repos:
  - name: config
    url: https://git.example/config.git
    commits:
      - {branch: main, message: envs, files: {envs/dev/a.yaml: "a: 1\n", envs/prod/a.yaml: "a: 1\n"}}
      - {branch: dev, from: main, message: dev, files: {b.txt: "b\n"}}
applications:
  - apiVersion: argoproj.io/v1alpha1
    kind: Application
    metadata: {name: web-dev, namespace: argocd}
    spec:
      project: default
      source: {repoURL: https://git.example/config.git, targetRevision: main, path: envs/dev}
      destination: {server: https://kubernetes.default.svc, namespace: dev}
  - apiVersion: argoproj.io/v1alpha1
    kind: Application
    metadata: {name: web-prod, namespace: argocd}
    spec:
      project: default
      source: {repoURL: https://git.example/config.git, targetRevision: main, path: envs/prod}
      destination: {server: https://kubernetes.default.svc, namespace: prod}
pipelines:
)";

std::vector<std::string> errors_of(const std::string& pipelines) {
  auto r = scenario::load_scenario_text(std::string(kHead) + pipelines, "p.yaml");
  std::vector<std::string> out;
  for (const auto& e : r.errors) out.push_back(e.render());
  return out;
}

}  // namespace

TEST_CASE("pipelines: a folder-per-environment pipeline reads into the world spec with its stages and gates",
          "[scenario][pipelines]") {
  auto r = scenario::load_scenario_text(std::string(kHead) + R"(  - name: web
    repo: config
    strategy: folder-per-environment
    stages:
      - {env: dev, app: web-dev, folder: envs/dev/}
      - env: prod
        app: web-prod
        folder: envs/prod
        gates:
          - {name: soak, soak: 1h}
          - {name: smoke, verification: {job: smoke, namespace: dev}}
          - {name: ok, approval: true}
)", "p.yaml");
  REQUIRE(r.ok());
  const auto& p = r.scenario->world.pipelines.at(0);
  CHECK(p.branch == "main");
  REQUIRE(p.stages.size() == 2);
  CHECK(p.stages[0].folder == "envs/dev");
  REQUIRE(p.stages[1].gates.size() == 3);
  CHECK(p.stages[1].gates[0].soak == Duration::hours(1));
  CHECK(p.stages[1].gates[1].job == "smoke");
  CHECK(p.stages[1].gates[1].job_namespace == "dev");
  CHECK(p.stages[1].gates[2].kind == delivery::GateKind::Approval);
}

TEST_CASE("pipelines: unknown repo, app, folder and branch are errors at their FILE:LINE:COL", "[scenario][pipelines]") {
  CHECK(errors_of(R"(  - name: web
    repo: konfig
    strategy: folder-per-environment
    stages: [{env: dev, app: web-dev, folder: envs/dev}, {env: prod, app: web-prod, folder: envs/prod}]
)") == std::vector<std::string>{"p.yaml:27:5: unknown repo 'konfig'; did you mean 'config'?"});
  CHECK(errors_of(R"(  - name: web
    repo: config
    strategy: folder-per-environment
    stages:
      - {env: dev, app: web-def, folder: envs/dev}
      - {env: prod, app: web-prod, folder: envs/qa}
)") == std::vector<std::string>{"p.yaml:30:20: unknown app 'web-def'; did you mean 'web-dev'?",
                                "p.yaml:31:36: no folder 'envs/qa' in repo 'config'"});
  CHECK(errors_of(R"(  - name: web
    repo: config
    strategy: branch-per-environment
    stages:
      - {env: dev, app: web-dev, branch: dev}
      - {env: prod, app: web-prod, branch: mian}
)") == std::vector<std::string>{"p.yaml:31:36: no branch 'mian' in repo 'config'; did you mean 'main'?"});
}

TEST_CASE("pipelines: duplicate pipeline, env and gate names, a bad soak and a gate of two kinds are errors",
          "[scenario][pipelines]") {
  CHECK(errors_of(R"(  - name: web
    repo: config
    strategy: folder-per-environment
    stages:
      - {env: dev, app: web-dev, folder: envs/dev}
      - env: dev
        app: web-prod
        folder: envs/prod
        gates:
          - {name: wait, soak: 5}
          - {name: wait, approval: true, syncWindow: true}
  - name: web
    repo: config
    strategy: sideways
    stages: [{env: dev, app: web-dev, folder: envs/dev}]
)") == std::vector<std::string>{
             "p.yaml:31:9: duplicate stage env 'dev' (first at line 30)",
             "p.yaml:35:32: 'soak': expected a duration such as 30s or 5m, not an integer '5' (a bare number has no unit)",
             "p.yaml:36:13: gate 'wait' needs exactly one of verification, soak, approval or syncWindow, not approval or syncWindow",
             "p.yaml:36:14: duplicate gate name 'wait' (first at line 35)",
             "p.yaml:37:11: duplicate pipeline name 'web' (first at line 26)",
             "p.yaml:39:15: invalid strategy 'sideways'; expected branch-per-environment or folder-per-environment",
             "p.yaml:40:13: a pipeline needs at least two stages to promote between"});
}

TEST_CASE("pipelines: the first stage takes no gates, and a stage names a folder or a branch as its strategy says",
          "[scenario][pipelines]") {
  CHECK(errors_of(R"(  - name: web
    repo: config
    strategy: folder-per-environment
    stages:
      - {env: dev, app: web-dev, folder: envs/dev, gates: [{name: a, approval: true}]}
      - {env: prod, app: web-prod, branch: main}
)") == std::vector<std::string>{
             "p.yaml:30:52: the first stage takes no freight from another, so it has no gates",
             "p.yaml:31:9: missing required field 'folder' in stage",
             "p.yaml:31:36: a stage of a folder-per-environment pipeline names a folder, not a branch"});
}
