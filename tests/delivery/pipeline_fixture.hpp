// Worlds with promotion pipelines for the delivery tests: one cluster, three
// apps (dev, staging, prod namespaces) following envs/<env> on main
// (folder-per-environment) or the branches dev/staging/prod
// (branch-per-environment), loaded from scenario text as a user writes it.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "sim/scenario/loader.hpp"
#include "sim/world/world.hpp"

namespace gs::testing {

inline std::string pipeline_app(const std::string& env, const std::string& rev, const std::string& path,
                                const std::string& project = "default") {
  return "  - apiVersion: argoproj.io/v1alpha1\n    kind: Application\n    metadata: {name: web-" + env +
         ", namespace: argocd}\n    spec:\n      project: " + project +
         "\n      source: {repoURL: https://git.example/config.git, targetRevision: " + rev + ", path: " + path +
         "}\n      destination: {server: https://kubernetes.default.svc, namespace: " + env +
         "}\n      syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: [CreateNamespace=true]}\n";
}

inline const char* kWebDeployment = R"(
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - {name: web, image: "registry.example/web:1.0.0"}
)";

inline std::string env_kustomization(const std::string& tag) {
  return "\n            resources: [../../base]\n            images:\n              - {name: registry.example/web, newTag: \"" +
         tag + "\"}\n";
}

// folder-per-environment; `gates` is the YAML of prod's and staging's gates
// (the default: a soak of 1m and a test on dev before staging, an approval
// and a sync window before prod).
inline std::string folder_scenario(const std::string& staging_gates =
                                       "          - {name: dev-soak, soak: 1m}\n"
                                       "          - {name: dev-tests, verification: {test: true}}\n",
                                   const std::string& prod_gates =
                                       "          - {name: prod-approval, approval: true}\n"
                                       "          - {name: prod-window, syncWindow: true}\n",
                                   const std::string& windows = "") {
  std::string s = R"(apiVersion: gitops-sim/v1
kind: Scenario
metadata: {name: pipes}
clock: {start: "2026-01-05T09:00:00Z", end: 30m}
registry:
  - {image: registry.example/web, tags: ["1.0.0", "1.1.0", "1.2.0"]}
repos:
  - name: config
    url: https://git.example/config.git
    webhook: true
    commits:
      - branch: main
        message: envs
        files:
          base/kustomization.yaml: "resources: [deployment.yaml]\n"
          base/deployment.yaml: |)";
  s += kWebDeployment;
  for (const char* env : {"dev", "staging", "prod"}) {
    s += std::string("          envs/") + env + "/kustomization.yaml: |" + env_kustomization("1.0.0");
  }
  s += R"(projects:
  - apiVersion: argoproj.io/v1alpha1
    kind: AppProject
    metadata: {name: shop, namespace: argocd}
    spec:
      sourceRepos: ['*']
      destinations: [{server: '*', namespace: '*'}]
)" + windows + "applications:\n";
  for (const char* env : {"dev", "staging", "prod"}) s += pipeline_app(env, "main", std::string("envs/") + env, "shop");
  s += R"(pipelines:
  - name: web
    repo: config
    strategy: folder-per-environment
    stages:
      - {env: dev, app: web-dev, folder: envs/dev}
      - env: staging
        app: web-staging
        folder: envs/staging
        gates:
)" + staging_gates + R"(      - env: prod
        app: web-prod
        folder: envs/prod
        gates:
)" + prod_gates;
  return s;
}

// branch-per-environment: branches dev, staging, prod, each apps/web.
inline std::string branch_scenario() {
  std::string s = R"(apiVersion: gitops-sim/v1
kind: Scenario
metadata: {name: branches}
clock: {start: "2026-01-05T09:00:00Z", end: 30m}
registry:
  - {image: registry.example/web, tags: ["1.0.0", "1.1.0"]}
repos:
  - name: config
    url: https://git.example/config.git
    webhook: true
    commits:
      - branch: prod
        message: web
        files:
          apps/web/deployment.yaml: |)";
  s += kWebDeployment;
  s += R"(      - {branch: staging, from: prod, message: staging, files: {README.md: "staging\n"}}
      - {branch: dev, from: staging, message: dev, files: {NOTES.md: "dev\n"}}
applications:
)";
  for (const char* env : {"dev", "staging", "prod"}) s += pipeline_app(env, env, "apps/web");
  s += R"(pipelines:
  - name: web
    repo: config
    strategy: branch-per-environment
    stages:
      - {env: dev, app: web-dev, branch: dev}
      - {env: staging, app: web-staging, branch: staging}
      - env: prod
        app: web-prod
        branch: prod
        gates:
          - {name: prod-approval, approval: true}
)";
  return s;
}

inline std::unique_ptr<world::World> pipeline_world(const std::string& text) {
  auto loaded = scenario::load_scenario_text(text, "pipes.yaml");
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors) UNSCOPED_INFO(e.render());
  }
  REQUIRE(loaded.ok());
  auto w = world::World::create(loaded.scenario->world);
  REQUIRE(w.ok());
  return std::move(w.value());
}

inline TimePoint at_time(const char* text) { return TimePoint{} + *parse_duration(text); }

inline std::size_t events_of(const world::World& w, const std::string& type, const std::string& field = "",
                             const std::string& value = "") {
  std::size_t n = 0;
  for (const auto& e : w.log().events()) {
    if (e.type == type && (field.empty() || e.str(field) == value)) ++n;
  }
  return n;
}

}  // namespace gs::testing
