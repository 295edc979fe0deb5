// Requests from `argocd app ...` commands at the controller (requests.cpp),
// worded as Argo CD words them.
#include <catch2/catch.hpp>

#include "sim/cluster/cluster.hpp"
#include "sim/git/repository.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::OperationPhase;
using gitops::SyncStatusCode;

namespace {

const model::Node* live(const world::World& w, const cluster::ObjectKey& k) {
  return w.cluster_by_name("dev")->cluster->get(k);
}

const cluster::ObjectKey kDeployKey{"apps", "Deployment", "shop", "web"};
const cluster::ObjectKey kServiceKey{"", "Service", "shop", "web"};
const cluster::ObjectKey kFlagsKey{"", "ConfigMap", "shop", "flags"};

// The ConfigMap flags, kept when its app is deleted.
const char* kKeptFlags =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  annotations:\n"
    "    argocd.argoproj.io/sync-options: Delete=false\ndata: {beta: 'false'}\n";

// A PreSync hook, which a sync of chosen resources does not run.
const char* kMigrateHook =
    "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations: {argocd.argoproj.io/hook: PreSync}\n"
    "spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: registry.example/web:1.0.0}]\n";

std::unique_ptr<world::World> synced(const world::WorldSpec& spec) {
  auto w = synced_world(spec);
  REQUIRE(status(*w).sync == SyncStatusCode::Synced);
  return w;
}

std::vector<std::string> event_types(const world::World& w, std::int64_t from) {
  std::vector<std::string> out;
  for (const auto& e : w.log().events()) {
    if (e.t.ms >= from && (e.type == "ApplicationCascadeDeleted" || e.type == "ApplicationDeleted")) out.push_back(e.type);
  }
  return out;
}

}  // namespace

TEST_CASE("Requests: argocd app delete cascades: the resources go (not one with Delete=false), then the app, with "
          "ApplicationDeleted (controller/appcontroller.go finalizeApplicationDeletion, shouldBeDeleted)",
          "[gitops][requests][delete]") {
  auto w = synced(app_spec_with_file("apps/web/configmap.yaml", kKeptFlags));
  const std::int64_t from = w->now().ms;
  REQUIRE(w->controller().delete_application("web", /*cascade=*/true, w->now(), 0).ok());
  w->advance(at("1m30s"));
  CHECK(w->controller().find("web") == nullptr);
  CHECK(live(*w, kDeployKey) == nullptr);
  CHECK(live(*w, kServiceKey) == nullptr);
  CHECK(live(*w, kFlagsKey) != nullptr);
  CHECK(event_types(*w, from) == std::vector<std::string>{"ApplicationCascadeDeleted", "ApplicationDeleted"});
  CHECK_THAT(w->controller().delete_application("web", true, w->now(), 0).error().message,
             Catch::Equals("application 'web' not found"));
}

TEST_CASE("Requests: argocd app delete --cascade=false removes only the app, its resources stay "
          "(server/application/application.go Delete)",
          "[gitops][requests][delete]") {
  auto spec = app_spec();
  auto w = synced(spec);
  const std::int64_t from = w->now().ms;
  REQUIRE(w->controller().delete_application("web", /*cascade=*/false, w->now(), 0).ok());
  CHECK(w->controller().find("web") == nullptr);
  w->advance(at("1m30s"));
  CHECK(live(*w, kDeployKey) != nullptr);
  CHECK(event_types(*w, from) == std::vector<std::string>{"ApplicationDeleted"});
}

TEST_CASE("Requests: turning self-heal on refreshes at once and heals drift in seconds, not at the next poll "
          "(appcontroller.go automatedSyncEnabled)",
          "[gitops][requests][set]") {
  auto w = make_world(app_spec({.automated = "{prune: true}"}));
  w->advance(at("1m"));
  run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
  w->advance(at("1m30s"));
  REQUIRE(status(*w).sync == SyncStatusCode::OutOfSync);  // without self-heal the drift stays
  run(*w, "argocd app set web --sync-policy automated --self-heal");
  w->advance(at("1m40s"));
  CHECK(live(*w, kDeployKey)->get({"spec", "replicas"})->as_int() != 5);
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("Requests: argocd app set --revision moves the app to another branch at once", "[gitops][requests][set]") {
  auto spec = app_spec();
  add_develop_branch(spec);
  auto w = synced(spec);
  REQUIRE(w->controller().set_target_revision("web", "develop", w->now(), 0).ok());
  w->advance(at("1m1s"));
  CHECK(status(*w).revision == *w->repo_by_name("config")->repo->resolve("develop"));
  CHECK(w->controller().find("web")->app.spec.source.target_revision == "develop");
}

TEST_CASE("Requests: argocd app set --sync-option adds one (replacing its key), !KEY=VALUE removes it, and what "
          "gitops-sim does not model is refused (types.go SyncOptions AddOption/RemoveOption)",
          "[gitops][requests][set]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  auto& ctl = w->controller();
  const auto options = [&] { return ctl.find("web")->app.spec.sync_policy.sync_options; };
  REQUIRE(ctl.set_sync_option("web", "PrunePropagationPolicy=background", w->now(), 0).ok());
  REQUIRE(ctl.set_sync_option("web", "PrunePropagationPolicy=orphan", w->now(), 0).ok());
  CHECK(options() == std::set<std::string>{"CreateNamespace=true", "PrunePropagationPolicy=orphan"});
  REQUIRE(ctl.set_sync_option("web", "!CreateNamespace=true", w->now(), 0).ok());
  CHECK(options() == std::set<std::string>{"PrunePropagationPolicy=orphan"});
  CHECK(ctl.set_sync_option("web", "ServerSideApply=true", w->now(), 0).error().message ==
        "sync option ServerSideApply=true is valid in Argo CD but not supported by gitops-sim");
  CHECK(ctl.set_sync_option("web", "Prunelast=true", w->now(), 0).error().message == "unknown sync option 'Prunelast'");
  CHECK(ctl.set_sync_option("web", "PruneLast", w->now(), 0).error().message ==
        "sync option 'PruneLast' must be KEY=VALUE, like CreateNamespace=true");
}

TEST_CASE("Requests: argocd app set --revision-history-limit applies from the next recorded sync",
          "[gitops][requests][set]") {
  auto spec = app_spec();
  auto w = synced(spec);
  REQUIRE(status(*w).history.size() == 1);
  REQUIRE(w->controller().set_revision_history_limit("web", 0, w->now(), 0).ok());
  CHECK(status(*w).history.size() == 1);
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  CHECK(status(*w).history.empty());
}

TEST_CASE("Requests: argocd app sync --resource syncs only those resources, runs no hook, records no history "
          "(cmd/argocd/commands/app.go parseSelectedResources, util/argo/argo.go IncludeResource, controller/sync.go)",
          "[gitops][requests][sync]") {
  auto w = make_world(app_spec_with_file("apps/web/migrate.yaml", kMigrateHook));
  w->advance(at("10s"));
  gitops::SyncRequest only_deploy;
  only_deploy.resources = {"apps:Deployment:shop/web"};
  REQUIRE(w->controller().sync("web", only_deploy, w->now(), 0).ok());
  w->advance(at("1m"));
  const auto& op = *status(*w).operation;
  CHECK(op.phase == OperationPhase::Succeeded);
  CHECK(op.only_resources == std::vector<cluster::ObjectKey>{kDeployKey});
  CHECK(live(*w, kDeployKey) != nullptr);
  CHECK(live(*w, kServiceKey) == nullptr);
  CHECK(live(*w, {"batch", "Job", "shop", "migrate"}) == nullptr);  // no hooks
  CHECK(status(*w).history.empty());
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);

  gitops::SyncRequest all_but_deploy;
  all_but_deploy.resources = {"!apps:Deployment:web"};
  REQUIRE(w->controller().sync("web", all_but_deploy, w->now(), 0).ok());
  CHECK(status(*w).operation->only_resources ==
        std::vector<cluster::ObjectKey>{kFlagsKey, kServiceKey});

  auto select = [&](std::vector<std::string> words) { return gitops::select_resources(status(*w).resources, words); };
  CHECK(select({"apps:Deployment"}).error().message == "resource should have GROUP:KIND:NAME, but instead got: apps:Deployment");
  CHECK(select({"apps:Deployment:a/b/c"}).error().message ==
        "resource with namespace should have GROUP:KIND:NAMESPACE/NAME, but instead got: apps:Deployment:a/b/c");
  CHECK(select({":Secret:nope"}).error().message == "No matching app resources found for resource filter: :Secret:nope");
  CHECK(select({"*:*:web"})->size() == 2);
}
