// The flux CLI (sim/world/commands/flux.cpp): columns and words as flux prints
// them (peers-behaviour.md §1.3 CLI), the waits of reconcile and resume, and
// refusals that name the word at fault and change nothing.
#include <catch2/catch.hpp>

#include "../flux/flux_fixture.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

std::string out(world::World& w, const std::string& line) {
  auto r = w.apply_text(line);
  if (!r) FAIL(line << ": " << r.error().message);
  return r->output;
}

std::unique_ptr<world::World> flux_world() {
  auto w = make_world(flux_spec(git_repository() + kustomization("web", "10m")));
  w->advance(at("1m"));
  return w;
}

std::string short_rev(const world::World& w) {
  return "main@sha1:" + w.repo_by_name("config")->repo->resolve("main")->substr(0, 8);
}

}  // namespace

TEST_CASE("flux get kustomizations prints NAME REVISION SUSPENDED READY MESSAGE, the hex cut to 8 [F-KS]",
          "[world][flux]") {
  auto w = flux_world();
  const std::string full = "main@sha1:" + *w->repo_by_name("config")->repo->resolve("main");
  const std::string got = out(*w, "flux get kustomizations");
  CHECK(got.rfind("NAME   REVISION             SUSPENDED   READY   MESSAGE\n", 0) == 0);
  CHECK_THAT(got, Catch::Contains("web    " + short_rev(*w) + "   False       True    Applied revision: " + full));
}

TEST_CASE("flux get kustomizations -A prepends NAMESPACE and --show-source adds SOURCE [F-KS]", "[world][flux]") {
  auto w = flux_world();
  const std::string got = out(*w, "flux get kustomizations -A --show-source");
  CHECK(got.rfind("NAMESPACE     NAME   SOURCE                 REVISION", 0) == 0);
  CHECK_THAT(got, Catch::Contains("flux-system   web    GitRepository/config   " + short_rev(*w)));
}

TEST_CASE("flux get sources git shows the artifact and Ready's message [F-GR]", "[world][flux]") {
  auto w = flux_world();
  const std::string got = out(*w, "flux get sources git");
  CHECK_THAT(got, Catch::Contains("config   " + short_rev(*w) + "   False       True    stored artifact for revision"));
}

TEST_CASE("flux reconcile kustomization --with-source fetches, applies and waits for the run [F-KS]",
          "[world][flux]") {
  auto w = flux_world();
  run(*w, "kubectl scale deployment/web --replicas=7 --cluster dev");
  const std::string got = out(*w, "flux reconcile kustomization web --with-source");
  CHECK_THAT(got, Catch::Contains("► annotating GitRepository config in flux-system namespace"));
  CHECK_THAT(got, Catch::Contains("✔ fetched revision main@sha1:"));
  CHECK_THAT(got, Catch::Contains("◎ waiting for Kustomization reconciliation"));
  CHECK_THAT(got, Catch::Contains("✔ applied revision main@sha1:"));
  CHECK(web_replicas(*w) == 2);  // the run corrected the drift, at once
}

TEST_CASE("flux suspend then get shows SUSPENDED True, and reconcile refuses a suspended object", "[world][flux]") {
  auto w = flux_world();
  CHECK(out(*w, "flux suspend kustomization web") ==
        "► suspending kustomization web in flux-system namespace\n✔ kustomization suspended\n");
  CHECK_THAT(out(*w, "flux get kustomizations"), Catch::Contains("   True        True    Applied revision"));
  refused_unchanged(*w, "flux reconcile kustomization web", "resource is suspended");
}

TEST_CASE("flux refuses an unknown name with the API's words and a suggestion, changing nothing", "[world][flux]") {
  auto w = flux_world();
  refused_unchanged(*w, "flux reconcile kustomization wbe",
                    "Kustomization.kustomize.toolkit.fluxcd.io \"wbe\" not found; did you mean 'web'?");
  refused_unchanged(*w, "flux suspend source git cnofig", "GitRepository.source.toolkit.fluxcd.io \"cnofig\" not found");
  refused_unchanged(*w, "flux get kustomizations --cluster prod", "Flux does not run in cluster 'prod'");
}

TEST_CASE("flux commands in a world without Flux say so", "[world][flux]") {
  auto w = make_world(app_spec());
  auto r = w->apply_text("flux get kustomizations");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains("Flux is not installed in this scenario"));
}

TEST_CASE("a Kustomization is an app of the world: listed, viewed and checked like Argo CD's", "[world][flux]") {
  auto spec = flux_spec(git_repository() + kustomization("web-flux", "10m"));
  spec.applications = {application({.automated = "{prune: true}"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  const auto names = w->app_names();
  CHECK(names == std::vector<std::string>{"web", "web-flux"});
  const auto v = w->app_view("web-flux");
  REQUIRE(v);
  CHECK(v->controller == "flux");
  bool ready = false;
  for (const auto& c : v->conditions) ready |= c.type == "Ready" && c.status == "True" && c.reason == "ReconciliationSucceeded";
  CHECK(ready);
}
