// The Flux controller in a world, each test naming the fact of
// peers-behaviour.md it checks ([F-GR] GitRepository, [F-KS] Kustomization,
// [F-RCV]/[F-WEB] Receiver).
#include <catch2/catch.hpp>

#include "flux_fixture.hpp"

using namespace gs;
using namespace gs::testing;

TEST_CASE("the artifact revision is BRANCH@sha1:SHA and Ready says it stored it [F-GR]", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization()));
  w->advance(at("1s"));
  const auto* s = flux_of(*w).source("config");
  REQUIRE(s != nullptr);
  const std::string sha = *w->repo_by_name("config")->repo->resolve("main");
  CHECK(s->artifact_revision == "main@sha1:" + sha);
  CHECK(ready(s->conditions).status == "True");
  CHECK(ready(s->conditions).message == "stored artifact for revision 'main@sha1:" + sha + "'");
  CHECK(count_events(*w, "SourceFetched") == 1);
}

TEST_CASE("a GitRepository without ref follows branch master [F-GR]", "[flux]") {
  auto spec = flux_spec(
      "- apiVersion: source.toolkit.fluxcd.io/v1\n  kind: GitRepository\n  metadata: {name: config}\n"
      "  spec: {interval: 1m, url: https://git.example/config.git}\n" + kustomization());
  auto w = make_world(spec);
  w->advance(at("1s"));
  const auto* s = flux_of(*w).source("config");
  CHECK(ready(s->conditions).status == "False");  // the fixture's repository has only main
  CHECK_THAT(ready(s->conditions).message, Catch::Contains("master"));
  CHECK(ready(ks(*w).conditions).reason == "ArtifactFailed");
}

TEST_CASE("the Kustomization applies the first artifact and is Ready with Flux's message [F-KS]", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization()));
  w->advance(at("1s"));
  const auto& k = ks(*w);
  const std::string sha = *w->repo_by_name("config")->repo->resolve("main");
  CHECK(ready(k.conditions).reason == "ReconciliationSucceeded");
  CHECK(ready(k.conditions).message == "Applied revision: main@sha1:" + sha);
  CHECK(k.last_applied_revision == "main@sha1:" + sha);
  CHECK(k.inventory.size() == 3);
  CHECK(web_replicas(*w) == 2);
  auto v = w->app_view("web");
  REQUIRE(v);
  CHECK(v->controller == "flux");
  CHECK(v->kind == "Kustomization");
  CHECK(v->app_namespace == "flux-system");
  CHECK(v->sync == "Synced");
  CHECK(v->revision == sha);
}

TEST_CASE("a new artifact triggers the Kustomization at once, not at its interval [F-KS]", "[flux]") {
  auto w = make_world(flux_spec(git_repository("1m") + kustomization("web", "60m")));
  w->advance(at("10s"));
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=4 -m 'four'");
  w->advance(at("59s"));
  CHECK(web_replicas(*w) == 2);  // the GitRepository fetches every minute: not yet
  w->advance(at("1m"));
  CHECK(events_at(*w, "SourceFetched", at("1m")) == 1);
  CHECK(events_at(*w, "ReconciliationSucceeded", at("1m")) == 1);
  CHECK(web_replicas(*w) == 4);
}

TEST_CASE("Kustomization corrects drift at its interval with no self-heal switch [F-KS]", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization("web", "5m")));
  w->advance(at("1m"));
  run(*w, "kubectl scale deployment/web --replicas=7 --cluster dev");
  w->advance(at("4m59s"));
  CHECK(web_replicas(*w) == 7);  // Flux does not watch: the drift stays until the run
  CHECK(w->app_view("web")->sync == "Synced");  // and it reports none
  w->advance(at("5m"));
  CHECK(web_replicas(*w) == 2);
  CHECK(events_at(*w, "ReconciliationSucceeded", at("5m")) == 1);
}

TEST_CASE("a run that finds no drift changes nothing and emits no event [F-KS]", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization("web", "5m")));
  w->advance(at("1m"));
  const auto before = count_events(*w, "ReconciliationSucceeded");
  w->advance(at("20m"));
  CHECK(count_events(*w, "ReconciliationSucceeded") == before);
  CHECK(ks(*w).history.back().count >= 4);  // the runs are counted in status.history
}

TEST_CASE("the ssa annotation Ignore leaves an object alone [F-KS]", "[flux]") {
  auto spec = flux_spec(git_repository() + kustomization("web", "5m"));
  auto& files = spec.repos[0].commits[0].files;
  std::string d = kDeployment;
  d.replace(d.find("  labels: {app: web}\n"), 0, "  annotations: {kustomize.toolkit.fluxcd.io/ssa: Ignore}\n");
  files["apps/web/deployment.yaml"] = d;
  auto w = make_world(spec);
  w->advance(at("1m"));
  CHECK(w->cluster_by_name("dev")->cluster->get(cluster::ObjectKey{"apps", "Deployment", "default", "web"}) == nullptr);
  CHECK(ks(*w).inventory.size() == 2);
}

TEST_CASE("prune deletes what the inventory had and the new revision lacks [F-KS]", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization()));
  w->advance(at("10s"));
  const cluster::ObjectKey cm{"", "ConfigMap", "default", "flags"};
  REQUIRE(w->cluster_by_name("dev")->cluster->get(cm) != nullptr);
  run(*w, "git rm config@main apps/web/configmap.yaml");
  run(*w, "git commit config@main -m 'drop flags'");
  w->advance(at("1m"));
  CHECK(w->cluster_by_name("dev")->cluster->get(cm) == nullptr);
  CHECK(ks(*w).inventory.size() == 2);
}

TEST_CASE("prune: false keeps what the new revision lacks [F-KS]", "[flux]") {
  std::string k = kustomization();
  k.replace(k.find("prune: true"), 11, "prune: false");
  auto w = make_world(flux_spec(git_repository() + k));
  w->advance(at("10s"));
  run(*w, "git rm config@main apps/web/configmap.yaml");
  run(*w, "git commit config@main -m 'drop flags'");
  w->advance(at("1m"));
  CHECK(w->cluster_by_name("dev")->cluster->get(cluster::ObjectKey{"", "ConfigMap", "default", "flags"}) != nullptr);
}

TEST_CASE("dependsOn waits for Ready=True, re-checked every 30s [F-KS]", "[flux]") {
  const std::string objs = git_repository() + kustomization("base", "10m", "    suspend: true\n") +
                           kustomization("web", "10m", "    dependsOn: [{name: base}]\n");
  auto w = make_world(flux_spec(objs));
  w->advance(at("1s"));
  CHECK(ready(ks(*w).conditions).reason == "DependencyNotReady");
  CHECK(ready(ks(*w).conditions).message == "dependency 'flux-system/base' is not ready");
  CHECK(ks(*w).next_run == at("30s"));
  run(*w, "flux resume kustomization base");  // runs base now (and waits for it)
  CHECK(ready(ks(*w, "base").conditions).status == "True");
  w->advance(at("29s"));
  CHECK(ready(ks(*w).conditions).reason == "DependencyNotReady");
  w->advance(at("30s"));
  CHECK(ready(ks(*w).conditions).reason == "ReconciliationSucceeded");
}

TEST_CASE("suspend stops applies and drift correction, resume runs at once [F-KS]", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization("web", "5m")));
  w->advance(at("1m"));
  run(*w, "flux suspend kustomization web");
  run(*w, "kubectl scale deployment/web --replicas=7 --cluster dev");
  w->advance(at("20m"));
  CHECK(web_replicas(*w) == 7);
  run(*w, "flux resume kustomization web");
  CHECK(web_replicas(*w) == 2);
}

TEST_CASE("an unreachable repository makes the GitRepository Ready=False with FetchFailed [F-GR]", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization()));
  w->advance(at("10s"));
  run(*w, "fault repo-unreachable config 5m");
  w->advance(at("1m"));
  const auto* s = flux_of(*w).source("config");
  CHECK(ready(s->conditions).status == "False");
  CHECK(ready(s->conditions).reason == "GitOperationFailed");
  REQUIRE(flux::FluxController::condition(s->conditions, "FetchFailed") != nullptr);
  CHECK(ready(ks(*w).conditions).status == "True");  // the last artifact stays applied
  w->advance(at("6m"));
  CHECK(ready(s->conditions).status == "True");
  CHECK(flux::FluxController::condition(s->conditions, "FetchFailed") == nullptr);
}

TEST_CASE("a manifest that does not build makes the Kustomization Ready=False BuildFailed [F-KS]", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization()));
  w->advance(at("10s"));
  run(*w, "git commit config@main -m 'broken'", {{"apps/web/kustomization.yaml", std::string("resources: [missing.yaml]\n")}});
  w->advance(at("1m"));
  CHECK(ready(ks(*w).conditions).reason == "BuildFailed");
  CHECK(count_events(*w, "ReconciliationFailed", "web") == 1);
  CHECK(ks(*w).next_run == at("1m") + Duration::minutes(10));  // retryInterval defaults to interval
}

TEST_CASE("wait: health checks that time out make it Ready=False HealthCheckFailed [F-KS]", "[flux]") {
  auto spec = flux_spec(git_repository() + kustomization("web", "2m", "    wait: true\n    timeout: 1m\n"));
  auto w = make_world(spec);
  w->advance(at("30s"));
  CHECK(ready(ks(*w).conditions).status == "True");
  run(*w, "fault image-pull registry.example/web:1.1.0");
  run(*w, "git edit config@main apps/web/deployment.yaml spec.template.spec.containers[0].image=registry.example/web:1.1.0 -m 'web 1.1.0'");
  w->advance(at("1m"));
  CHECK(ready(ks(*w).conditions).status == "Unknown");
  CHECK(flux::FluxController::condition(ks(*w).conditions, "Reconciling") != nullptr);
  w->advance(at("2m1s"));
  CHECK(ready(ks(*w).conditions).reason == "HealthCheckFailed");
  CHECK_THAT(ready(ks(*w).conditions).message, Catch::Contains("timeout waiting for: [Deployment/default/web"));
  CHECK(count_events(*w, "ReconciliationFailed", "web") == 1);
}

TEST_CASE("a Receiver wakes its GitRepository on a push webhook, an early wake-up call [F-RCV] [F-WEB]", "[flux]") {
  const std::string receiver =
      "- apiVersion: notification.toolkit.fluxcd.io/v1\n  kind: Receiver\n  metadata: {name: github}\n"
      "  spec:\n    type: github\n    resources: [{kind: GitRepository, name: config}]\n";
  auto spec = flux_spec(git_repository("10m") + kustomization() + receiver);
  spec.repos[0].webhook = true;
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'three'");
  w->advance(at("1m"));  // the same instant: fetched and applied at once
  CHECK(web_replicas(*w) == 3);
  CHECK(flux_of(*w).receivers().front().fired == 1);
}

TEST_CASE("without a Receiver a commit waits for the GitRepository's interval [F-GR]", "[flux]") {
  auto spec = flux_spec(git_repository("10m") + kustomization());
  spec.repos[0].webhook = true;
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'three'");
  w->advance(at("9m59s"));
  CHECK(web_replicas(*w) == 2);
  w->advance(at("10m"));
  CHECK(web_replicas(*w) == 3);
}

TEST_CASE("HealthStatusChanged reports the Kustomization's health in Argo CD's words", "[flux]") {
  auto w = make_world(flux_spec(git_repository() + kustomization()));
  w->advance(at("1m"));
  CHECK(w->app_view("web")->health == "Healthy");
  bool saw = false;
  for (const auto& e : w->log().events()) {
    if (e.type == "HealthStatusChanged" && e.str("app") == "web" && e.str("to") == "Healthy") saw = true;
  }
  CHECK(saw);
}

TEST_CASE("the same world runs to the same events twice (deterministic)", "[flux]") {
  auto a = make_world(flux_spec(git_repository() + kustomization("web", "5m")));
  auto b = make_world(flux_spec(git_repository() + kustomization("web", "5m")));
  for (auto* w : {a.get(), b.get()}) {
    w->advance(at("1m"));
    run(*w, "kubectl scale deployment/web --replicas=7 --cluster dev");
    w->advance(at("12m"));
  }
  CHECK(a->fingerprint() == b->fingerprint());
}
