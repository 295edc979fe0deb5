// Flux's objects in a scenario's `flux:` section: Flux's defaults, and each
// mistake reported at its line and column.
#include <catch2/catch.hpp>

#include "sim/flux/objects.hpp"
#include "sim/model/yaml.hpp"
#include "sim/scenario/loader.hpp"

using namespace gs;

namespace {

std::string scenario_with(const std::string& objects) {
  return "apiVersion: gitops-sim/v1\nkind: Scenario\nmetadata: {name: t, title: {en: t, ko: t}}\n"
         "clusters: [{name: dev, server: https://dev.k8s.example}]\n"
         "repos:\n  - name: config\n    url: https://git.example/config.git\n"
         "    commits: [{branch: main, message: init, files: {a/x.yaml: 'apiVersion: v1\n\n      kind: ConfigMap\n\n      metadata: {name: x}'}}]\n"
         "flux:\n  - cluster: dev\n    objects:\n" + objects;
}

const char* kRepo =
    "      - apiVersion: source.toolkit.fluxcd.io/v1\n        kind: GitRepository\n        metadata: {name: config}\n"
    "        spec: {interval: 1m, url: https://git.example/config.git, ref: {branch: main}}\n";

std::string errors_of(const std::string& objects) {
  auto r = scenario::load_scenario_text(scenario_with(objects), "s.yaml");
  return render_all(r.errors);
}

}  // namespace

TEST_CASE("a Kustomization's retryInterval defaults to interval and timeout to interval-30s, at least 30s [F-KS-API]",
          "[flux]") {
  std::vector<flux::Problem> problems;
  auto node = [](const std::string& y) {
    auto n = model::parse_yaml(y);
    REQUIRE(n.ok());
    return *n;
  };
  auto objs = flux::parse_flux_objects(
      {node("{apiVersion: source.toolkit.fluxcd.io/v1, kind: GitRepository, metadata: {name: s}, spec: {interval: 1m, url: u}}"),
       node("{apiVersion: kustomize.toolkit.fluxcd.io/v1, kind: Kustomization, metadata: {name: a}, spec: {interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: s}}}"),
       node("{apiVersion: kustomize.toolkit.fluxcd.io/v1, kind: Kustomization, metadata: {name: b}, spec: {interval: 40s, prune: false, sourceRef: {kind: GitRepository, name: s}}}")},
      {"u"}, problems);
  REQUIRE(problems.empty());
  REQUIRE(objs.kustomizations.size() == 2);
  CHECK(objs.kustomizations[0].retry_interval == Duration::minutes(10));
  CHECK(objs.kustomizations[0].timeout == Duration::seconds(570));
  CHECK(objs.kustomizations[1].timeout == Duration::seconds(30));
  CHECK(objs.kustomizations[0].ns == "flux-system");
  CHECK(objs.sources[0].branch == "master");  // no ref: branch master [F-GR]
  CHECK(objs.sources[0].timeout == Duration::seconds(60));
}

TEST_CASE("a Kustomization without interval or prune is refused at its line", "[flux]") {
  const std::string err = errors_of(std::string(kRepo) +
                                    "      - apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n"
                                    "        metadata: {name: web}\n        spec: {sourceRef: {kind: GitRepository, name: config}}\n");
  CHECK_THAT(err, Catch::Contains("s.yaml:20:9: Kustomization 'web': 'spec.interval' is required"));
  CHECK_THAT(err, Catch::Contains("'spec.prune' is required"));
}

TEST_CASE("a sourceRef that names no GitRepository is refused", "[flux]") {
  const std::string err = errors_of(std::string(kRepo) +
                                    "      - apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n"
                                    "        metadata: {name: web}\n        spec: {interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: cofnig}}\n");
  CHECK_THAT(err, Catch::Contains("sourceRef names GitRepository 'cofnig'"));
}

TEST_CASE("a dependsOn cycle is refused: Flux would wait for ever", "[flux]") {
  auto ks = [](const std::string& name, const std::string& dep) {
    return "      - apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata: {name: " + name +
           "}\n        spec: {interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: config}, dependsOn: [{name: " +
           dep + "}]}\n";
  };
  const std::string err = errors_of(std::string(kRepo) + ks("a", "b") + ks("b", "a"));
  CHECK_THAT(err, Catch::Contains("dependsOn cycle a -> b -> a"));
}

TEST_CASE("a GitRepository url that no repository has is refused at the url", "[flux]") {
  const std::string err = errors_of(
      "      - apiVersion: source.toolkit.fluxcd.io/v1\n        kind: GitRepository\n        metadata: {name: config}\n"
      "        spec:\n          interval: 1m\n          url: https://git.example/other.git\n");
  CHECK_THAT(err, Catch::Contains("s.yaml:21:16: GitRepository 'config': no repository of the scenario has url"));
}

TEST_CASE("a flux section in a cluster the scenario lacks is refused", "[flux]") {
  std::string text = scenario_with(kRepo);
  text.replace(text.find("- cluster: dev"), 14, "- cluster: prod");
  auto r = scenario::load_scenario_text(text, "s.yaml");
  CHECK_THAT(render_all(r.errors), Catch::Contains("unknown cluster 'prod'"));
}

TEST_CASE("the shipped side-by-side scenario loads with Flux in stg-flux", "[flux]") {
  auto r = scenario::load_scenario_file(GS_SOURCE_DIR "/scenarios/18-argocd-and-flux.yaml");
  REQUIRE(r.ok());
  REQUIRE(r.scenario->world.flux.size() == 1);
  CHECK(r.scenario->world.flux[0].cluster == "stg-flux");
}
