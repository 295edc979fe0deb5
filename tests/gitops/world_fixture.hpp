// A small world for controller tests: one repository with a web Deployment,
// a Service and a ConfigMap under apps/web, one cluster "dev", and helpers to
// add apps and read status. Built directly as a WorldSpec (no scenario file).
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "sim/gitops/controller.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/world.hpp"

namespace gs::testing {

inline const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example/web:1.0.0
)";

inline const char* kService = R"(apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
)";

inline const char* kConfigMap = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
data:
  beta: "false"
)";

inline model::Node yaml(const std::string& text) {
  auto n = model::parse_yaml(text);
  REQUIRE(n.ok());
  return *n;
}

struct AppOptions {
  std::string name = "web";
  std::string path = "apps/web";
  std::string revision = "main";
  std::string ns = "shop";
  std::string automated;  // "" manual; else e.g. "{prune: true, selfHeal: true}"
  std::string extra_spec;  // more YAML lines under spec (indented by 2)
  bool create_namespace = true;
};

inline model::Node application(const AppOptions& o) {
  std::string text = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: " + o.name +
                     ", namespace: argocd}\nspec:\n  project: default\n  source: {repoURL: https://git.example/config.git, "
                     "targetRevision: " + o.revision + ", path: " + o.path +
                     "}\n  destination: {server: https://dev.k8s.example, namespace: " + o.ns + "}\n  syncPolicy:\n";
  if (!o.automated.empty()) text += "    automated: " + o.automated + "\n";
  if (o.create_namespace) text += "    syncOptions: [CreateNamespace=true]\n";
  text += o.extra_spec;
  return yaml(text);
}

inline world::WorldSpec base_spec() {
  world::WorldSpec spec;
  spec.seed = 5;
  spec.clusters = {{"dev", "https://dev.k8s.example", {}}};
  spec.registry = {{"registry.example/web", {"1.0.0", "1.1.0"}, {}}};
  world::RepoSpec repo;
  repo.name = "config";
  repo.url = "https://git.example/config.git";
  world::CommitSpec c;
  c.branch = "main";
  c.author = "Mina Park <mina@example.com>";
  c.message = "Initial manifests";
  c.files = {{"apps/web/deployment.yaml", std::string(kDeployment)},
             {"apps/web/service.yaml", std::string(kService)},
             {"apps/web/configmap.yaml", std::string(kConfigMap)}};
  repo.commits.push_back(c);
  spec.repos.push_back(repo);
  return spec;
}

// base_spec() with the one Application `o` describes (by default the manual app web).
inline world::WorldSpec app_spec(const AppOptions& o = {}) {
  auto spec = base_spec();
  spec.applications = {application(o)};
  return spec;
}

// app_spec() with the file `path` of its first commit written as `content`.
inline world::WorldSpec app_spec_with_file(const std::string& path, const std::string& content) {
  auto spec = app_spec();
  spec.repos[0].commits[0].files[path] = content;
  return spec;
}

// A branch develop off main in the spec's repo, with a README of its own.
inline void add_develop_branch(world::WorldSpec& spec) {
  spec.repos[0].commits.push_back(world::CommitSpec{"develop", std::string("main"), "Mina Park <mina@example.com>",
                                                    "Open develop", {{"README.md", std::string("dev\n")}}, {}});
}

// A Job hook: `hook` names its phase(s), `policy` its delete policy ("" the
// default); its pod runs `run_for`, then exits with `exit_code`.
inline std::string hook_job(const std::string& name, const std::string& hook, int exit_code,
                            const std::string& run_for = "3s", const std::string& policy = "") {
  std::string y = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: " + name +
                  "\n  annotations:\n    argocd.argoproj.io/hook: " + hook + "\n";
  if (!policy.empty()) y += "    argocd.argoproj.io/hook-delete-policy: " + policy + "\n";
  y += "spec:\n  backoffLimit: 0\n  template:\n    metadata:\n      annotations:\n        gitops-sim/run-for: " + run_for +
       "\n        gitops-sim/exit-code: \"" + std::to_string(exit_code) + "\"\n    spec:\n      restartPolicy: Never\n"
       "      containers:\n        - name: job\n          image: registry.example/web:1.0.0\n";
  return y;
}

// The manual app `web` with a PreSync hook `migrate` that fails and a SyncFail
// hook `alert` that exits with `alert_exit` after `alert_runs`.
inline world::WorldSpec failing_presync_spec(int alert_exit, const std::string& alert_runs = "3s") {
  auto spec = app_spec();
  auto& files = spec.repos[0].commits[0].files;
  files["apps/web/migrate.yaml"] = hook_job("migrate", "PreSync", 1);
  files["apps/web/alert.yaml"] = hook_job("alert", "SyncFail", alert_exit, alert_runs);
  return spec;
}

inline std::unique_ptr<world::World> make_world(world::WorldSpec spec) {
  auto w = world::World::create(spec);
  if (!w) FAIL(w.error().render());
  return std::move(w.value());
}

inline const gitops::ApplicationStatus& status(const world::World& w, const std::string& app = "web") {
  const auto* st = w.controller().find(app);
  REQUIRE(st != nullptr);
  return st->status;
}

inline void run(world::World& w, const std::string& line, const world::StagedFiles& files = {}) {
  auto out = w.apply_text(line, files);
  if (!out) FAIL(line << ": " << out.error().message);
}

// Runs a command that must be refused with `fragment` in its error, and
// checks it changed nothing at all (World::fingerprint).
inline void refused_unchanged(world::World& w, const std::string& line, const std::string& fragment,
                              const world::StagedFiles& files = {}) {
  CAPTURE(line);
  const std::string before = w.fingerprint();
  auto out = w.apply_text(line, files);
  REQUIRE_FALSE(out.ok());
  CHECK_THAT(out.error().message, Catch::Contains(fragment));
  CHECK(w.fingerprint() == before);
}

inline std::size_t count_events(const world::World& w, const std::string& type, const std::string& app = "") {
  std::size_t n = 0;
  for (const auto& e : w.log().events()) {
    if (e.type == type && (app.empty() || e.str("app") == app)) ++n;
  }
  return n;
}

inline TimePoint at(const char* d) { return TimePoint{parse_duration(d)->ms}; }

// A world whose app `web` a manual sync has brought in at time 0, a minute on.
inline std::unique_ptr<world::World> synced_world(const world::WorldSpec& spec) {
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("1m"));
  return w;
}

}  // namespace gs::testing
