// Read-only views of the controller (views.cpp): `argocd app diff` and
// `argocd app manifests` read the same comparison a refresh makes.
#include <catch2/catch.hpp>

#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::SyncStatusCode;

TEST_CASE("Views: argocd app diff honours ignoreDifferences and agrees with the app's sync status "
          "(argo-cd cmd/argocd/commands/app.go findandPrintDiff, controller/state.go CompareAppState)",
          "[gitops][views]") {
  auto spec = base_spec();
  spec.applications = {application(
      {.automated = "{prune: true}",
       .extra_spec = "  ignoreDifferences:\n    - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}\n"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  REQUIRE(status(*w).sync == SyncStatusCode::Synced);
  run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
  w->advance(at("1m5s"));
  // The ignored drift: Synced, and the diff shows nothing (it showed replicas before).
  CHECK(status(*w).sync == SyncStatusCode::Synced);
  auto d = w->controller().diff("web", w->now());
  REQUIRE(d.ok());
  CHECK(d->empty());
  // A drift that is not ignored: OutOfSync, and exactly that resource in the diff.
  run(*w, "kubectl set image deployment/web web=registry.example/web:1.1.0 -n shop --cluster dev");
  w->advance(at("1m8s"));
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);
  d = w->controller().diff("web", w->now());
  REQUIRE(d.ok());
  REQUIRE(d->size() == 1);
  CHECK(d->front().first.kind == "Deployment");
  for (const auto& r : status(*w).resources) {
    const bool in_diff = r.key == d->front().first;
    CHECK((r.status == SyncStatusCode::OutOfSync) == in_diff);
  }
}

TEST_CASE("Views: argocd app manifests lists the desired objects as the controller applies them", "[gitops][views]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  w->advance(at("10s"));
  auto m = w->controller().desired_manifests("web", w->now());
  REQUIRE(m.ok());
  REQUIRE(m->size() == 3);
  for (const auto& obj : *m) {
    CHECK(obj.get_string({"metadata", "namespace"}) == "shop");
    CHECK(obj.get_string({"metadata", "labels", gitops::kInstanceLabel}) == "web");
  }
}
