// Shared by the lesson tests: a small inline world (one cluster, one repo
// without webhook, one auto-synced app), lessons written around it, and a
// world's event log as JSON Lines (compared byte for byte).
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/lesson/loader.hpp"
#include "sim/lesson/runner.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/world.hpp"

namespace gs::testing {

// `world:` of a lesson, at two spaces; `extra` (at four spaces) adds fields
// such as a timeline. selfHeal as given.
inline std::string lesson_world(const std::string& start, bool self_heal = false, const std::string& extra = "") {
  return "world:\n"
         "  start: " + start + "\n"
         "  seed: 5\n"
         "  clock: {end: 30m}\n"
         "  clusters:\n"
         "    - {name: dev, server: https://dev.k8s.example}\n"
         "  registry:\n"
         "    - {image: registry.example/shop/web, tags: [\"1.0.0\", \"1.1.0\"]}\n"
         "  repos:\n"
         "    - name: shop-config\n"
         "      url: https://git.example/shop/config.git\n"
         "      commits:\n"
         "        - branch: main\n"
         "          message: Initial\n"
         "          files:\n"
         "            app/deployment.yaml: |\n"
         "              apiVersion: apps/v1\n"
         "              kind: Deployment\n"
         "              metadata: {name: web, namespace: shop}\n"
         "              spec:\n"
         "                replicas: 2\n"
         "                selector: {matchLabels: {app: web}}\n"
         "                template:\n"
         "                  metadata: {labels: {app: web}}\n"
         "                  spec:\n"
         "                    containers:\n"
         "                      - {name: web, image: \"registry.example/shop/web:1.0.0\"}\n"
         "  applications:\n"
         "    - apiVersion: argoproj.io/v1alpha1\n"
         "      kind: Application\n"
         "      metadata: {name: shop-dev, namespace: argocd}\n"
         "      spec:\n"
         "        project: default\n"
         "        source: {repoURL: https://git.example/shop/config.git, targetRevision: main, path: app}\n"
         "        destination: {server: https://dev.k8s.example, namespace: shop}\n"
         "        syncPolicy:\n"
         "          automated: {prune: true, selfHeal: " + (self_heal ? "true" : "false") + "}\n"
         "          syncOptions: [CreateNamespace=true]\n" +
         extra;
}

inline std::string lesson_head(const std::string& name = "test-lesson") {
  return "apiVersion: gitops-sim/v1\n"
         "kind: Lesson\n"
         "metadata:\n"
         "  name: " + name + "\n"
         "  title: {en: Test, ko: 시험}\n"
         "  concepts: [drift]\n";
}

// A check step on the Deployment's replicas, at two spaces under `steps:`.
inline const char* kReplicasCheck =
    "    check:\n"
    "      resource: {cluster: dev, namespace: shop, kind: Deployment, name: web}\n"
    "      field: spec.replicas\n"
    "      equals: 4\n";

inline lesson::Lesson load_lesson(const std::string& text, const std::string& file = "test-lesson.yaml") {
  auto r = lesson::load_lesson_text(text, file);
  if (!r.ok()) FAIL(render_all(r.errors));
  return *r.lesson;
}

inline std::unique_ptr<lesson::LessonRun> start_lesson(const std::string& text) {
  auto run = lesson::LessonRun::start(load_lesson(text));
  REQUIRE(run);
  return std::move(run.value());
}

inline std::string json_lines(const world::World& w) {
  std::string out;
  for (const auto& e : w.log().events()) out += world::event_to_json(e) + "\n";
  return out;
}

// A file in a fresh directory under the system's temp directory.
inline std::string write_temp(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "gs-lesson-test";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace gs::testing
