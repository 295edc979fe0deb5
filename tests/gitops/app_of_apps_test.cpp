// App of Apps in Argo CD's controller (app_of_apps.cpp) and the cluster it
// runs in.
#include <catch2/catch.hpp>

#include "sim/cluster/cluster.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::OperationPhase;

namespace {

world::WorldSpec root_spec() {
  auto spec = base_spec();
  spec.clusters = {};  // Argo CD's own cluster only: in-cluster at https://kubernetes.default.svc
  spec.repos[0].commits[0].files["apps/root/web.yaml"] = std::string(R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: child
  namespace: argocd
spec:
  project: default
  source: {repoURL: https://git.example/config.git, targetRevision: main, path: apps/web}
  destination: {server: https://kubernetes.default.svc, namespace: shop}
  syncPolicy:
    automated: {prune: true}
    syncOptions: [CreateNamespace=true]
)");
  auto root = application({.name = "root", .path = "apps/root", .ns = "argocd", .automated = "{prune: true}",
                           .create_namespace = false});
  root["spec"]["destination"]["server"] = model::Node::string(gitops::kInClusterServer);
  spec.applications = {root};
  return spec;
}

}  // namespace

TEST_CASE("AppOfApps: the argocd namespace exists on the cluster Argo CD runs in, so a root app syncs "
          "Applications there without CreateNamespace (docs operator-manual/cluster-bootstrapping)",
          "[gitops][app-of-apps]") {
  auto w = make_world(root_spec());
  const auto* c = w->cluster_by_name("in-cluster");
  REQUIRE(c != nullptr);
  CHECK(c->cluster->get({"", "Namespace", "", "argocd"}) != nullptr);
  w->advance(at("1m"));
  REQUIRE(status(*w, "root").operation.has_value());
  CHECK(status(*w, "root").operation->phase == OperationPhase::Succeeded);
  CHECK(w->controller().find("child") != nullptr);
}

TEST_CASE("AppOfApps: argocd app delete of a child deletes its Application object, with cascade its resources go "
          "too (resources-finalizer.argocd.argoproj.io, docs user-guide/app_deletion)",
          "[gitops][app-of-apps][delete]") {
  for (const bool cascade : {true, false}) {
    CAPTURE(cascade);
    auto w = make_world(root_spec());
    w->advance(at("1m"));
    REQUIRE(w->controller().find("child") != nullptr);
    const auto* c = w->cluster_by_name("in-cluster")->cluster.get();
    const cluster::ObjectKey deploy{"apps", "Deployment", "shop", "web"};
    REQUIRE(c->get(deploy) != nullptr);
    REQUIRE(w->controller().delete_application("child", cascade, w->now(), 0).ok());
    w->advance(at("1m10s"));
    CHECK(w->controller().find("child") == nullptr);
    CHECK(c->get({"argoproj.io", "Application", "argocd", "child"}) == nullptr);
    CHECK((c->get(deploy) == nullptr) == cascade);
  }
}
