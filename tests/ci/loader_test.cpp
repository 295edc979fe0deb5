// The `ci:` section of a scenario: read into WorldSpec::ci, every mistake an
// error at its FILE:LINE:COL.
#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"

using namespace gs;

namespace {

std::string scenario_with(const std::string& ci) {
  return "apiVersion: gitops-sim/v1\nkind: Scenario\nmetadata: {name: t, title: {en: t, ko: t}}\n"
         "clusters:\n  - {name: prod, server: https://prod.k8s.example}\n"
         "repos:\n  - name: cfg\n    url: https://git.example/cfg.git\n    commits:\n      - branch: main\n"
         "        message: m\n        files: {envs/prod/a.yaml: 'x: 1'}\n" +
         ci;
}

std::string errors_of(const scenario::LoadResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += e.render() + "\n";
  return out;
}

}  // namespace

TEST_CASE("the ci section reads image automations and push pipelines", "[ci][loader]") {
  auto r = scenario::load_scenario_text(scenario_with(R"(ci:
  imageAutomation:
    - name: web
      image: registry.example/shop/web
      interval: 2m
      policy: {alphabetical: {order: desc}}
      repo: cfg
      path: envs/prod
  pushPipelines:
    - name: jenkins
      repo: cfg
      path: envs/prod
      kubeconfig: [prod]
      rolloutTimeout: 90s
)"),
                                        "t.yaml");
  INFO(errors_of(r));
  REQUIRE(r.ok());
  const auto& ci = r.scenario->world.ci;
  REQUIRE(ci.image_automation.size() == 1);
  CHECK(ci.image_automation[0].interval == Duration::minutes(2));
  CHECK(ci.image_automation[0].policy.kind == ci::ImagePolicySpec::Kind::Alphabetical);
  CHECK_FALSE(ci.image_automation[0].policy.ascending);
  CHECK(ci.image_automation[0].author == "fluxcdbot <fluxcdbot@users.noreply.github.com>");
  REQUIRE(ci.push_pipelines.size() == 1);
  CHECK(ci.push_pipelines[0].kubeconfig == std::vector<std::string>{"prod"});
  CHECK(ci.push_pipelines[0].rollout_timeout == Duration::seconds(90));
}

TEST_CASE("ci section mistakes are errors at FILE:LINE:COL", "[ci][loader]") {
  auto r = scenario::load_scenario_text(scenario_with(R"(ci:
  imageAutomation:
    - name: web
      image: registry.example/shop/web:1.0.0
      policy: {semver: {range: "not a range"}}
      repo: cfgg
  pushPipelines:
    - name: jenkins
      repo: cfg
      path: envs/prod
      kubeconfig: [prd]
      rolloutTimout: 1m
)"),
                                        "t.yaml");
  REQUIRE_FALSE(r.ok());
  const std::string e = errors_of(r);
  CHECK_THAT(e, Catch::Contains("t.yaml:16:14: image 'registry.example/shop/web:1.0.0' must not carry a tag"));
  CHECK_THAT(e, Catch::Contains("t.yaml:17:32: range 'not a range' is no semver constraint"));
  CHECK_THAT(e, Catch::Contains("t.yaml:18:13: unknown repository 'cfgg'; did you mean 'cfg'?"));
  CHECK_THAT(e, Catch::Contains("t.yaml:23:20: unknown cluster 'prd'; did you mean 'prod'?"));
  CHECK_THAT(e, Catch::Contains("t.yaml:24:7: unknown field 'rolloutTimout'"));
  CHECK_THAT(e, Catch::Contains("rolloutTimeout"));
}

TEST_CASE("a policy needs exactly one of semver or alphabetical", "[ci][loader]") {
  auto r = scenario::load_scenario_text(scenario_with(R"(ci:
  imageAutomation:
    - name: web
      image: registry.example/shop/web
      policy: {semver: {range: ">=1.0.0"}, alphabetical: {order: asc}}
      repo: cfg
)"),
                                        "t.yaml");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(errors_of(r), Catch::Contains("t.yaml:17:15: policy needs exactly one of 'semver' or 'alphabetical'"));
}
