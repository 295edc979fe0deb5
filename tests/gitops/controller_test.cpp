// The application controller driven through a World: each test names the
// Argo CD behaviour (spec section 12 checklist) it reproduces.
#include <catch2/catch.hpp>

#include "sim/cluster/cluster.hpp"
#include "sim/git/repository.hpp"
#include "sim/world/event_json.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::OperationPhase;
using gitops::SyncStatusCode;
using cluster::HealthCode;

namespace {

const model::Node* live(const world::World& w, const std::string& kind, const std::string& name,
                        const std::string& ns = "shop") {
  const auto* c = w.cluster_by_name("dev");
  REQUIRE(c != nullptr);
  auto info = c->cluster->resolve_resource(kind);
  REQUIRE(info.ok());
  return c->cluster->get(cluster::ObjectKey{info->group, info->kind, info->namespaced ? ns : "", name});
}

std::string head(const world::World& w) { return *w.repo_by_name("config")->repo->resolve("main"); }

}  // namespace

TEST_CASE("Controller: a new manual app is OutOfSync and Missing before its first sync (checklist 1)", "[gitops][controller]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  w->advance(at("30s"));
  const auto& s = status(*w);
  CHECK(s.sync == SyncStatusCode::OutOfSync);
  CHECK(s.health.status == HealthCode::Missing);
  REQUIRE(s.resources.size() == 3);
  for (const auto& r : s.resources) {
    CHECK(r.status == SyncStatusCode::OutOfSync);
    CHECK_FALSE(r.live_exists);
  }
  CHECK_FALSE(s.operation.has_value());
}

TEST_CASE("Controller: status.sync.revision is the resolved SHA, never the branch (checklist 2)", "[gitops][controller]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  w->advance(at("1s"));
  CHECK(status(*w).revision == head(*w));
  CHECK(status(*w).revision.size() == 40);
}

TEST_CASE("Controller: automated sync applies, rolls out, and ends Synced and Healthy with history id 0", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  const auto& s = status(*w);
  CHECK(s.sync == SyncStatusCode::Synced);
  CHECK(s.health.status == HealthCode::Healthy);
  REQUIRE(s.history.size() == 1);
  CHECK(s.history[0].id == 0);
  REQUIRE(s.operation.has_value());
  CHECK(s.operation->phase == OperationPhase::Succeeded);
  CHECK(s.operation->message == "successfully synced (all tasks run)");
  const auto* d = live(*w, "deployment", "web");
  REQUIRE(d != nullptr);
  CHECK(d->get({"metadata", "labels"})->find(gitops::kInstanceLabel)->text() == "web");
}

TEST_CASE("Controller: without webhooks a new commit is seen only at the next poll (checklist 3)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  const std::string before = status(*w).revision;
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale to 3'");
  w->advance(at("2m59s"));
  CHECK(status(*w).revision == before);  // not seen yet
  w->advance(at("3m30s"));
  CHECK(status(*w).revision == head(*w));
  CHECK(live(*w, "deployment", "web")->get({"spec", "replicas"})->as_int() == 3);
  // The refresh that saw it was a poll, and its cause is the commit.
  const Event* refreshed = nullptr;
  for (const auto& e : w->log().events()) {
    if (e.type == "AppRefreshed" && e.str("revision") == head(*w) && !refreshed) refreshed = &e;
  }
  REQUIRE(refreshed != nullptr);
  CHECK(refreshed->str("level") == "poll");
  const Event* cause = w->log().find(refreshed->cause);
  REQUIRE(cause != nullptr);
  CHECK(cause->type == "Committed");
}

TEST_CASE("Controller: reconciliationTimeout 0s stops commit detection until a refresh (checklist 4)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  spec.settings.reconciliation_timeout = Duration{0};
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale to 3'");
  w->advance(at("30m"));
  CHECK(status(*w).revision != head(*w));
  run(*w, "argocd app refresh web");
  w->advance(at("31m"));
  CHECK(status(*w).revision == head(*w));
}

TEST_CASE("Controller: a webhook refreshes only apps whose repo and branch match (checklist 7)", "[gitops][controller]") {
  auto spec = base_spec();
  spec.repos[0].webhook = true;
  add_develop_branch(spec);
  spec.applications = {application({.name = "on-main", .ns = "a", .automated = "{prune: true}"}),
                       application({.name = "on-develop", .revision = "develop", .ns = "b", .automated = "{prune: true}"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  const std::size_t main_before = count_events(*w, "AppRefreshed", "on-main");
  const std::size_t dev_before = count_events(*w, "AppRefreshed", "on-develop");
  run(*w, "git edit config@develop apps/web/deployment.yaml spec.replicas=3 -m 'Scale on develop'");
  w->advance(at("1m1s"));
  CHECK(count_events(*w, "AppRefreshed", "on-develop") > dev_before);
  CHECK(count_events(*w, "AppRefreshed", "on-main") == main_before);
  CHECK(status(*w, "on-develop").revision == *w->repo_by_name("config")->repo->resolve("develop"));
}

TEST_CASE("Controller: a kubectl change is OutOfSync within seconds, self-heal re-applies only it, no history (checklist 8, 28, 30)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true, selfHeal: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  REQUIRE(status(*w).history.size() == 1);
  run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
  w->advance(at("1m1s"));
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);  // seen after watchDelay, before any heal
  w->advance(at("1m10s"));
  CHECK(live(*w, "deployment", "web")->get({"spec", "replicas"})->as_int() == 2);
  CHECK(status(*w).sync == SyncStatusCode::Synced);
  REQUIRE(status(*w).operation.has_value());
  CHECK(status(*w).operation->initiated_by == gitops::InitiatedBy::SelfHeal);
  CHECK(status(*w).operation->only_resources.size() == 1);
  CHECK(status(*w).history.size() == 1);
}

TEST_CASE("Controller: a label added by hand (not declared in Git) does not make the app OutOfSync (checklist 9)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "kubectl label deployment/web team=blue -n shop --cluster dev");
  w->advance(at("1m10s"));
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("Controller: without selfHeal drift stays until the next commit (checklist 27)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
  w->advance(at("10m"));
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);
  CHECK(live(*w, "deployment", "web")->get({"spec", "replicas"})->as_int() == 5);
  run(*w, "git edit config@main apps/web/configmap.yaml data.beta=true -m 'Enable beta'");
  w->advance(at("14m"));
  CHECK(live(*w, "deployment", "web")->get({"spec", "replicas"})->as_int() == 2);
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("Controller: a manual sync without --prune leaves extras PruneSkipped and the app OutOfSync (checklist 14, 17)", "[gitops][controller]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("1m"));
  run(*w, "git commit config@main -m 'Drop the flags'", {{"apps/web/configmap.yaml", std::nullopt}});
  run(*w, "argocd app refresh web");
  w->advance(at("1m5s"));
  bool requires_pruning = false;
  for (const auto& r : status(*w).resources) {
    if (r.key.kind == "ConfigMap") requires_pruning = r.requires_pruning;
  }
  CHECK(requires_pruning);
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  CHECK(live(*w, "configmap", "flags") != nullptr);
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);
  bool skipped = false;
  for (const auto& r : status(*w).operation->results) {
    if (r.key.kind == "ConfigMap") skipped = r.status == "PruneSkipped" && r.message == "ignored (requires pruning)";
  }
  CHECK(skipped);
  run(*w, "argocd app sync web --prune");
  w->advance(at("3m"));
  CHECK(live(*w, "configmap", "flags") == nullptr);
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("Controller: Prune=false keeps a resource even in a pruning sync (checklist 18)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  spec.repos[0].commits[0].files["apps/web/configmap.yaml"] = std::string(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  annotations:\n    argocd.argoproj.io/sync-options: "
      "Prune=false\ndata:\n  beta: \"false\"\n");
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "git commit config@main -m 'Drop the flags'", {{"apps/web/configmap.yaml", std::nullopt}});
  run(*w, "argocd app refresh web");
  w->advance(at("2m"));
  CHECK(live(*w, "configmap", "flags") != nullptr);
  CHECK(count_events(*w, "ResourcePruneSkipped", "web") >= 1);
}

TEST_CASE("Controller: syncing into a missing namespace fails the dry run and retries 5 times (checklist 24, 26, 44)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}", .create_namespace = false});
  auto w = make_world(spec);
  w->advance(at("2s"));
  REQUIRE(status(*w).operation.has_value());
  CHECK(status(*w).operation->phase == OperationPhase::Running);
  CHECK_THAT(status(*w).operation->message, Catch::Contains("Retrying attempt #1"));
  w->advance(at("5m"));
  const auto& op = *status(*w).operation;
  CHECK(op.phase == OperationPhase::Failed);
  CHECK(op.retry_count == 5);
  CHECK_THAT(op.message, Catch::EndsWith("(retried 5 times)."));
  CHECK(live(*w, "deployment", "web") == nullptr);  // nothing applied
  // Never the same revision again: SyncError, one SyncStarted only.
  CHECK(status(*w).condition("SyncError") != nullptr);
  CHECK(count_events(*w, "SyncStarted", "web") == 1);
  // Retry waits 5, 10, 20, 40, 80 s.
  std::vector<std::int64_t> retry_times;
  for (const auto& e : w->log().events()) {
    if (e.type == "SyncRetrying") retry_times.push_back(e.t.ms);
  }
  REQUIRE(retry_times.size() == 5);
}

TEST_CASE("Controller: a manifest the API server would refuse fails the dry run, and nothing is applied (checklist 43)",
          "[gitops][controller]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("1m"));
  REQUIRE(status(*w).operation->phase == OperationPhase::Succeeded);
  const std::size_t applied_before = count_events(*w, "ResourceApplied", "web");
  // One commit: a ConfigMap change that is fine, and a Deployment whose
  // selector no longer matches its template (the server refuses it).
  run(*w, "git edit config@main apps/web/configmap.yaml data.beta=true -m 'beta on'");
  run(*w, "git edit config@main apps/web/deployment.yaml spec.template.metadata.labels.app=webb -m 'typo'");
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  const auto& op = *status(*w).operation;
  CHECK(op.phase == OperationPhase::Failed);
  CHECK(op.message == "one or more objects failed to apply (dry run)");
  REQUIRE(op.results.size() == 1);
  CHECK(op.results[0].key.kind == "Deployment");
  CHECK_THAT(op.results[0].message, Catch::Contains("`selector` does not match template `labels`"));
  // The good change was not applied either.
  CHECK(live(*w, "configmap", "flags")->get({"data", "beta"})->text() == "false");
  CHECK(count_events(*w, "ResourceApplied", "web") == applied_before);
}

TEST_CASE("Controller: a custom resource whose CRD comes in the same sync passes the dry run", "[gitops][controller]") {
  auto spec = app_spec();
  spec.repos[0].commits[0].files["apps/web/crd.yaml"] = std::string(
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n"
      "spec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets}\n"
      "  versions: [{name: v1, served: true, storage: true}]\n");
  spec.repos[0].commits[0].files["apps/web/widget.yaml"] =
      std::string("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: blue\nspec: {size: 3}\n");
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("1m"));
  CHECK(status(*w).operation->phase == OperationPhase::Succeeded);
  CHECK(w->cluster_by_name("dev")->cluster->get({"example.com", "Widget", "shop", "blue"}) != nullptr);
}

namespace {
// When the first event of `type` for `name` came, in ms (-1: never).
std::int64_t first_at(const world::World& w, const std::string& type, const std::string& name, std::int64_t after) {
  for (const auto& e : w.log().events()) {
    if (e.type == type && e.str("name") == name && e.t.ms > after) return e.t.ms;
  }
  return -1;
}

// A synced app; then one commit drops two ConfigMaps (waves 1 and 2) and
// bumps the image, and a manual sync with --prune runs. Returns the world.
std::unique_ptr<world::World> prune_and_roll(const std::string& sync_options) {
  auto spec = base_spec();
  for (const char* wave : {"1", "2"}) {
    spec.repos[0].commits[0].files[std::string("apps/web/cm") + wave + ".yaml"] =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm" + std::string(wave) +
        "\n  annotations:\n    argocd.argoproj.io/sync-wave: \"" + wave + "\"\ndata: {a: b}\n";
  }
  spec.applications = {application({.extra_spec = "    syncOptions: [" + sync_options + "]\n", .create_namespace = false})};
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("1m"));
  REQUIRE(status(*w).health.status == HealthCode::Healthy);
  run(*w, "git commit config@main -m 'no more cm1 and cm2'",
      {{"apps/web/cm1.yaml", std::nullopt}, {"apps/web/cm2.yaml", std::nullopt}});
  run(*w, "git edit config@main apps/web/deployment.yaml spec.template.spec.containers[0].image=registry.example/web:1.1.0 "
          "-m 'web 1.1.0'");
  run(*w, "argocd app sync web --prune");
  w->advance(at("3m"));
  REQUIRE(status(*w).operation->phase == OperationPhase::Succeeded);
  return w;
}
}  // namespace

TEST_CASE("Controller: a prune keeps its live object's wave, mirrored: after the wave-0 applies, the highest wave "
          "first (checklist 42; gitops-engine sync_context.go getSyncTasks)",
          "[gitops][controller]") {
  auto w = prune_and_roll("CreateNamespace=true");
  const std::int64_t t0 = at("1m").ms;
  const auto cm2 = first_at(*w, "ResourcePruned", "cm2", t0), cm1 = first_at(*w, "ResourcePruned", "cm1", t0);
  const auto deploy = first_at(*w, "ResourceApplied", "web", t0);
  REQUIRE(cm1 > 0);
  REQUIRE(cm2 > 0);
  CHECK(deploy < cm2);  // cm2 (wave 2) is pruned in wave 1, once wave 0 is healthy
  CHECK(cm2 < cm1);     // cm1 (wave 1) in wave 2
}

TEST_CASE("Controller: PruneLast=true prunes only after every wave is applied and healthy (checklist 42)",
          "[gitops][controller]") {
  auto wl = prune_and_roll("CreateNamespace=true, PruneLast=true");
  const std::int64_t t0 = at("1m").ms;
  const auto deploy = first_at(*wl, "ResourceApplied", "web", t0);
  // The Deployment rolled out (Healthy again) before the first prune.
  std::int64_t healthy = -1;
  for (const auto& e : wl->log().events()) {
    if (e.type == "HealthStatusChanged" && e.t.ms > deploy && e.str("to") == "Healthy" && healthy < 0) healthy = e.t.ms;
  }
  const auto cm2 = first_at(*wl, "ResourcePruned", "cm2", t0), cm1 = first_at(*wl, "ResourcePruned", "cm1", t0);
  REQUIRE(deploy > 0);
  REQUIRE(cm2 > 0);
  CHECK(cm2 > deploy);
  CHECK(cm1 < cm2);  // one wave after the last for both: by name (sync_context.go syncPhaseLastWave + 1)
  CHECK(healthy > 0);
  CHECK(cm2 >= healthy);
  CHECK(wl->cluster_by_name("dev")->cluster->get({"", "ConfigMap", "shop", "cm1"}) == nullptr);
}

TEST_CASE("Controller: two apps rendering one object: the one not tracking it warns, and they fight over it "
          "(checklist 58)", "[gitops][controller]") {
  auto spec = base_spec();
  spec.applications = {application({}), application({.name = "web2"})};
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("30s"));
  run(*w, "argocd app refresh web2");
  w->advance(at("31s"));
  auto warning = [&](const std::string& app) -> std::string {
    for (const auto& c : status(*w, app).conditions) {
      if (c.type == "SharedResourceWarning" && c.message.rfind("Deployment/", 0) == 0) return c.message;
    }
    return "";
  };
  CHECK(warning("web2") == "Deployment/web is part of applications argocd/web2 and web");
  CHECK(warning("web").empty());
  // Syncing web2 takes the tracking over: now web warns.
  run(*w, "argocd app sync web2");
  w->advance(at("1m"));
  run(*w, "argocd app refresh web");
  w->advance(at("1m1s"));
  CHECK(warning("web") == "Deployment/web is part of applications argocd/web and web2");
  CHECK(warning("web2").empty());
}

TEST_CASE("Controller: FailOnSharedResource=true fails the sync on an object another app tracks (checklist 58)",
          "[gitops][controller]") {
  auto spec = base_spec();
  spec.applications = {application({}),
                       application({.name = "web2",
                                    .extra_spec = "    syncOptions: [CreateNamespace=true, FailOnSharedResource=true]\n",
                                    .create_namespace = false})};
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("30s"));
  const std::size_t applied = count_events(*w, "ResourceApplied", "web2");
  run(*w, "argocd app sync web2");
  w->advance(at("31s"));
  const auto& op = *status(*w, "web2").operation;
  CHECK(op.phase == OperationPhase::Failed);
  CHECK_THAT(op.message, Catch::StartsWith("Shared resource found: "));
  CHECK_THAT(op.message, Catch::Contains(" is part of applications argocd/web2 and web"));
  CHECK(count_events(*w, "ResourceApplied", "web2") == applied);
}

TEST_CASE("Controller: a hook with two phases (PreSync,PostSync) runs in both, re-created for the second",
          "[gitops][controller][hooks]") {
  auto spec = base_spec();
  spec.registry.push_back({"registry.example/tools", {"1.0.0"}, {}});
  spec.repos[0].commits[0].files["apps/web/check.yaml"] = std::string(R"(apiVersion: batch/v1
kind: Job
metadata:
  name: check
  annotations:
    argocd.argoproj.io/hook: PreSync,PostSync
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations:
        gitops-sim/run-for: 5s
    spec:
      restartPolicy: Never
      containers:
        - name: check
          image: registry.example/tools:1.0.0
)");
  spec.applications = {application({})};
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  const auto& op = *status(*w).operation;
  REQUIRE(op.phase == OperationPhase::Succeeded);
  std::vector<std::string> phases;
  for (const auto& r : op.results) {
    if (r.key.name == "check") phases.push_back(r.hook_type);
  }
  CHECK(phases == std::vector<std::string>{"PreSync", "PostSync"});
  // Created twice: before the Deployment, and again after it is healthy.
  std::vector<std::int64_t> check_applied;
  std::int64_t deploy_applied = -1;
  for (const auto& e : w->log().events()) {
    if (e.type != "ResourceApplied") continue;
    if (e.str("name") == "check") check_applied.push_back(e.t.ms);
    if (e.str("kind") == "Deployment") deploy_applied = e.t.ms;
  }
  REQUIRE(check_applied.size() == 2);
  CHECK(check_applied[0] < deploy_applied);
  CHECK(check_applied[1] > deploy_applied);
}

TEST_CASE("Controller: a second sync while one runs is rejected (checklist 45)", "[gitops][controller]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  auto second = w->apply_text("argocd app sync web");
  REQUIRE_FALSE(second.ok());
  CHECK_THAT(second.error().message, Catch::Contains("another operation is already in progress"));
}

TEST_CASE("Controller: terminate-op ends the operation Failed 'Operation terminated' (checklist 46)", "[gitops][controller]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  run(*w, "argocd app terminate-op web");
  CHECK(status(*w).operation->phase == OperationPhase::Failed);
  CHECK(status(*w).operation->message == "Operation terminated");
}

TEST_CASE("Controller: history ids from 0, rollback refused while automated, rollback to the previous entry (checklist 32, 34, 35)", "[gitops][controller]") {
  auto spec = app_spec({.extra_spec = "  revisionHistoryLimit: 2\n"});
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("1m"));
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale to 3'");
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  REQUIRE(status(*w).history.size() == 2);
  CHECK(status(*w).history[1].id == 1);
  run(*w, "argocd app sync web --dry-run");
  w->advance(at("3m"));
  CHECK(status(*w).history.size() == 2);  // dry runs are not recorded (checklist 33)
  run(*w, "argocd app rollback web");
  w->advance(at("4m"));
  const auto& h = status(*w).history;
  REQUIRE(h.size() == 2);  // capped at revisionHistoryLimit
  CHECK(h.back().id == 2);
  CHECK(h.back().initiated_by == gitops::InitiatedBy::Rollback);
  CHECK(live(*w, "deployment", "web")->get({"spec", "replicas"})->as_int() == 2);
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);
  run(*w, "argocd app set web --sync-policy automated");
  auto refused = w->apply_text("argocd app rollback web 0");
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Catch::Contains("rollback cannot be initiated when auto-sync is enabled"));
}

TEST_CASE("Controller: a broken manifest gives sync Unknown with a ComparisonError (checklist 55)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "git commit config@main -m 'Break it'", {{"apps/web/deployment.yaml", std::string("kind: [unclosed\n")}});
  run(*w, "argocd app refresh web");
  w->advance(at("1m1s"));
  CHECK(status(*w).sync == SyncStatusCode::Unknown);
  const auto* cond = status(*w).condition("ComparisonError");
  REQUIRE(cond != nullptr);
  CHECK_THAT(cond->message, Catch::Contains("deployment.yaml"));
  CHECK(live(*w, "deployment", "web") != nullptr);  // nothing touched
}

TEST_CASE("Controller: a repo not permitted by the project is an InvalidSpecError, Unknown/Unknown (checklist 56)", "[gitops][controller]") {
  auto spec = base_spec();
  spec.projects = {yaml("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: locked}\nspec:\n  "
                        "sourceRepos: ['https://git.example/other/*']\n  destinations: [{server: '*', namespace: '*'}]\n")};
  auto app = application({});
  app["spec"]["project"] = model::Node::string("locked");
  spec.applications = {app};
  auto w = make_world(spec);
  w->advance(at("10s"));
  CHECK(status(*w).sync == SyncStatusCode::Unknown);
  CHECK(status(*w).health.status == HealthCode::Unknown);
  const auto* cond = status(*w).condition("InvalidSpecError");
  REQUIRE(cond != nullptr);
  CHECK_THAT(cond->message, Catch::Contains("is not permitted in project 'locked'"));
}

TEST_CASE("Controller: an extra object marked IgnoreExtraneous does not make the app OutOfSync (checklist 15)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: false}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  // The ConfigMap leaves Git but stays live, still carrying the app's tracking label.
  run(*w, "git commit config@main -m 'Drop the flags'", {{"apps/web/configmap.yaml", std::nullopt}});
  run(*w, "argocd app refresh web");
  w->advance(at("1m5s"));
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);
  run(*w, "kubectl annotate configmap/flags argocd.argoproj.io/compare-options=IgnoreExtraneous -n shop --cluster dev");
  w->advance(at("1m10s"));
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("Controller: deleting a managed Deployment makes the app OutOfSync, health from what remains (checklist 54)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "kubectl delete deployment/web -n shop --cluster dev");
  w->advance(at("1m2s"));
  CHECK(status(*w).sync == SyncStatusCode::OutOfSync);
  CHECK(status(*w).health.status != HealthCode::Missing);
}

TEST_CASE("Controller: same spec and seed, same event stream byte for byte", "[gitops][controller][determinism]") {
  auto once = [] {
    auto spec = app_spec({.automated = "{prune: true, selfHeal: true}"});
    auto w = make_world(spec);
    w->advance(at("1m"));
    run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
    run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale to 3'");
    w->advance(at("10m"));
    std::string out;
    for (const auto& e : w->log().events()) out += world::event_to_json(e) + "\n";
    return out;
  };
  const std::string a = once(), b = once();
  CHECK(a == b);
  CHECK(a.size() > 1000);
}

TEST_CASE("Controller: the order apps, projects and clusters are listed in does not change the run", "[gitops][controller][determinism]") {
  auto make = [](bool reversed) {
    auto spec = base_spec();
    spec.clusters.push_back({"staging", "https://staging.k8s.example", {}});
    spec.applications = {application({.name = "a", .ns = "a", .automated = "{prune: true, selfHeal: true}"}),
                         application({.name = "b", .ns = "b", .automated = "{prune: true}"}),
                         application({.name = "c", .ns = "c"})};
    if (reversed) {
      std::reverse(spec.applications.begin(), spec.applications.end());
      std::reverse(spec.clusters.begin(), spec.clusters.end());
    }
    auto w = make_world(spec);
    w->advance(at("1m"));
    run(*w, "kubectl scale deployment/web --replicas=4 -n a --cluster dev");
    run(*w, "kubectl scale deployment/web --replicas=4 -n b --cluster dev");
    run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale to 3'");
    w->advance(at("8m"));
    std::string out;
    for (const auto& e : w->log().events()) out += world::event_to_json(e) + "\n";
    return out;
  };
  CHECK(make(false) == make(true));
}

TEST_CASE("RepoServer: a commit that touches nothing the render read reuses it, a base change re-renders", "[gitops][repo-server]") {
  auto repo = git::Repository::create("config");
  REQUIRE(repo.ok());
  const git::Signature who{"Mina Park", "mina@example.com"};
  auto first = repo->commit("main",
                            {{"base/kustomization.yaml", std::string("resources: [deployment.yaml]\n")},
                             {"base/deployment.yaml", std::string(kDeployment)},
                             {"overlays/dev/kustomization.yaml", std::string("resources: [../../base]\nnamePrefix: dev-\n")},
                             {"docs/README.md", std::string("notes\n")}},
                            who, "Initial", 1000);
  REQUIRE(first.ok());
  gitops::RepoServer server([&](std::string_view) { return &repo.value(); });
  gitops::ApplicationSource src{"https://git.example/config.git", "overlays/dev", "main", false};
  auto a = server.generate(src, *first, false, TimePoint{0});
  REQUIRE(a.ok());
  CHECK(server.cache_misses() == 1);

  auto docs = repo->commit("main", {{"docs/README.md", std::string("more notes\n")}}, who, "Docs", 1060);
  REQUIRE(docs.ok());
  auto b = server.generate(src, *docs, false, TimePoint{0});
  REQUIRE(b.ok());
  CHECK(server.cache_hits() == 1);
  CHECK(b->get() == a->get());  // the same rendered manifests

  std::string scaled = kDeployment;
  scaled.replace(scaled.find("replicas: 2"), 11, "replicas: 4");
  auto base = repo->commit("main", {{"base/deployment.yaml", scaled}}, who, "Scale", 1120);
  REQUIRE(base.ok());
  auto c = server.generate(src, *base, false, TimePoint{0});
  REQUIRE(c.ok());
  CHECK(server.cache_misses() == 2);
  REQUIRE((*c)->objects.size() == 1);
  CHECK((*c)->objects[0].get({"spec", "replicas"})->as_int() == 4);
  CHECK((*c)->objects[0].get_string({"metadata", "name"}) == "dev-web");
}

TEST_CASE("Controller: a normal refresh of an unchanged SHA does not re-render, a hard refresh does (checklist 5, 6)", "[gitops][controller]") {
  auto spec = app_spec();
  auto w = make_world(spec);
  w->advance(at("10s"));
  const auto& rs = w->repo_server();
  const auto misses = rs.cache_misses();
  REQUIRE(misses >= 1);
  run(*w, "argocd app refresh web");
  w->advance(at("11s"));
  CHECK(rs.cache_misses() == misses);
  run(*w, "argocd app refresh web --hard");
  w->advance(at("12s"));
  CHECK(rs.cache_misses() == misses + 1);
  // A new commit is seen by a normal refresh at once (it re-resolves the branch).
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale to 3'");
  run(*w, "argocd app refresh web");
  w->advance(at("13s"));
  CHECK(status(*w).revision == head(*w));
}

TEST_CASE("Controller: a sync applies Git over an ignored field, the ignored drift alone is not OutOfSync (checklist 12, 13)", "[gitops][controller]") {
  auto spec = base_spec();
  spec.applications = {application({.automated = "{prune: true}",
                                    .extra_spec = "  ignoreDifferences:\n    - group: apps\n      kind: Deployment\n      jsonPointers: [/spec/replicas]\n"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  run(*w, "kubectl scale deployment/web --replicas=6 -n shop --cluster dev");
  w->advance(at("1m5s"));
  CHECK(status(*w).sync == SyncStatusCode::Synced);
  CHECK(live(*w, "deployment", "web")->get({"spec", "replicas"})->as_int() == 6);
  run(*w, "git edit config@main apps/web/configmap.yaml data.beta=true -m 'Enable beta'");
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  CHECK(live(*w, "deployment", "web")->get({"spec", "replicas"})->as_int() == 2);
}

TEST_CASE("Controller: a configured retry waits min(duration·factor^n, maxDuration) (checklist 25)", "[gitops][controller]") {
  auto spec = base_spec();
  spec.applications = {application({.automated = "{prune: true}",
                                    .extra_spec = "    retry:\n      limit: 3\n      backoff: {duration: 10s, factor: 3, maxDuration: 1m}\n",
                                    .create_namespace = false})};
  auto w = make_world(spec);
  w->advance(at("10m"));
  std::vector<std::int64_t> starts;
  for (const auto& e : w->log().events()) {
    if (e.type == "SyncRetrying") starts.push_back(e.t.ms);
  }
  REQUIRE(starts.size() == 3);
  CHECK(status(*w).operation->phase == OperationPhase::Failed);
  CHECK_THAT(status(*w).operation->message, Catch::EndsWith("(retried 3 times)."));
  // Each retry ran after its wait: 10 s, 30 s, then capped at 60 s.
  std::vector<std::int64_t> attempts;
  for (const auto& e : w->log().events()) {
    // Each attempt's dry run fails every resource at one instant.
    if (e.type == "ResourceSyncFailed" && (attempts.empty() || attempts.back() != e.t.ms)) attempts.push_back(e.t.ms);
  }
  REQUIRE(attempts.size() >= 4);
  CHECK(attempts[1] - starts[0] == 10'000);
  CHECK(attempts[2] - starts[1] == 30'000);
  CHECK(attempts[3] - starts[2] == 60'000);
}

TEST_CASE("Controller: waves apply in order, wait for health, and the last wave is not waited on (checklist 36, 37, 38)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto& files = spec.repos[0].commits[0].files;
  files["apps/web/configmap.yaml"] = std::string(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  annotations:\n    argocd.argoproj.io/sync-wave: \"2\"\n"
      "data:\n  beta: \"false\"\n");
  auto w = make_world(spec);
  w->advance(at("2m"));
  std::vector<std::pair<std::int64_t, std::string>> applied;
  std::int64_t succeeded_at = -1;
  for (const auto& e : w->log().events()) {
    if (e.type == "ResourceApplied") applied.emplace_back(e.t.ms, e.str("kind"));
    if (e.type == "SyncSucceeded" && succeeded_at < 0) succeeded_at = e.t.ms;
  }
  REQUIRE(applied.size() == 4);  // Namespace, Service, Deployment (wave 0), ConfigMap (wave 2)
  CHECK(applied[0].second == "Namespace");
  CHECK(applied[1].second == "Service");
  CHECK(applied[2].second == "Deployment");
  CHECK(applied[3].second == "ConfigMap");
  // Wave 2 waited for the Deployment of wave 0 to be Healthy (pods take seconds).
  CHECK(applied[3].first - applied[2].first >= 2'000);
  const auto* d = live(*w, "deployment", "web");
  REQUIRE(d != nullptr);
  // The operation ended right after the last wave was applied.
  CHECK(succeeded_at - applied[3].first <= 200);
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("Controller: app health is the worst of its resources with a health check, ConfigMaps never count (checklist 47)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  spec.registry = {{"registry.example/web", {"1.0.0"}, {}}};
  auto w = make_world(spec);
  w->advance(at("1m"));
  CHECK(status(*w).health.status == HealthCode::Healthy);
  run(*w, "git edit config@main apps/web/deployment.yaml spec.template.spec.containers[0].image=registry.example/web:9.9.9 -m 'Missing tag'");
  run(*w, "argocd app refresh web");
  w->advance(at("3m"));
  CHECK(status(*w).health.status == HealthCode::Progressing);  // pods in ImagePullBackOff, before the deadline
  w->advance(at("12m"));
  CHECK(status(*w).health.status == HealthCode::Degraded);     // ProgressDeadlineExceeded
  CHECK_THAT(status(*w).health.message, Catch::Contains("Deployment/web"));
  for (const auto& r : status(*w).resources) {
    if (r.key.kind == "ConfigMap") CHECK_FALSE(r.health.has_value());
  }
}

namespace {

std::vector<std::pair<std::int64_t, std::string>> applied_names(const world::World& w) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& e : w.log().events()) {
    if (e.type == "ResourceApplied") out.emplace_back(e.t.ms, e.str("kind") + "/" + e.str("name"));
  }
  return out;
}

}  // namespace

TEST_CASE("Controller: PreSync runs before the resources, PostSync after they are healthy, HookSucceeded cleans up (checklist 40, 41)", "[gitops][controller][hooks]") {
  auto spec = app_spec();
  auto& files = spec.repos[0].commits[0].files;
  files["apps/web/migrate.yaml"] = hook_job("migrate", "PreSync", 0);
  files["apps/web/smoke.yaml"] = hook_job("smoke", "PostSync", 0, "3s", "HookSucceeded");
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  const auto applied = applied_names(*w);
  auto when = [&](const std::string& what) -> std::int64_t {
    for (const auto& [t, n] : applied) {
      if (n == what) return t;
    }
    return -1;
  };
  REQUIRE(when("Job/migrate") >= 0);
  REQUIRE(when("Deployment/web") >= 0);
  REQUIRE(when("Job/smoke") >= 0);
  CHECK(when("Deployment/web") - when("Job/migrate") >= 3'000);  // waited for the migration to complete
  CHECK(when("Job/smoke") > when("Deployment/web"));
  CHECK(status(*w).operation->phase == OperationPhase::Succeeded);
  CHECK(live(*w, "job", "smoke") == nullptr);    // HookSucceeded
  CHECK(live(*w, "job", "migrate") != nullptr);  // BeforeHookCreation keeps it until the next sync
  for (const auto& r : status(*w).resources) CHECK(r.key.kind != "Job");  // hooks have no sync status
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("Controller: a failed PreSync hook fails the sync, applies no Sync-phase resource, and runs SyncFail hooks (checklist 39)", "[gitops][controller][hooks]") {
  auto w = make_world(failing_presync_spec(0));
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  CHECK(status(*w).operation->phase == OperationPhase::Failed);
  CHECK(live(*w, "deployment", "web") == nullptr);
  CHECK(live(*w, "job", "alert") != nullptr);
}

TEST_CASE("Controller: self-heal runs no hooks (checklist 30)", "[gitops][controller][hooks]") {
  auto spec = app_spec({.automated = "{prune: true, selfHeal: true}"});
  spec.repos[0].commits[0].files["apps/web/migrate.yaml"] = hook_job("migrate", "PreSync", 0);
  auto w = make_world(spec);
  w->advance(at("1m"));
  const auto before = applied_names(*w).size();
  run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
  w->advance(at("1m30s"));
  const auto after = applied_names(*w);
  REQUIRE(after.size() == before + 1);
  CHECK(after.back().second == "Deployment/web");
}

TEST_CASE("Controller: a tracking-id that describes another object tracks nothing: no sync status, never pruned "
          "(checklist 16)", "[gitops][controller]") {
  auto spec = base_spec();
  spec.settings.profile = "argocd-3";
  auto cm = [](const std::string& name, const std::string& id) {
    return yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: shop\n"
                "  annotations:\n    argocd.argoproj.io/tracking-id: \"" + id + "\"\ndata: {a: b}\n");
  };
  spec.live = {{"dev", yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"), {}},
               {"dev", cm("flags-copy", "web:/ConfigMap:shop/flags"), {}},  // copied from flags by some tool
               {"dev", cm("leftover", "web:/ConfigMap:shop/leftover"), {}}};  // truly web's, not in Git
  spec.applications = {application({})};
  auto w = make_world(spec);
  run(*w, "argocd app sync web --prune");
  w->advance(at("1m"));
  bool copy_listed = false, leftover_listed = false;
  for (const auto& r : status(*w).resources) {
    copy_listed = copy_listed || r.key.name == "flags-copy";
    leftover_listed = leftover_listed || r.key.name == "leftover";
  }
  CHECK_FALSE(copy_listed);
  CHECK(leftover_listed == false);  // pruned by the sync, so gone from the list
  CHECK(live(*w, "configmap", "flags-copy") != nullptr);
  CHECK(live(*w, "configmap", "leftover") == nullptr);
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("Controller: profile argocd-3 tracks by annotation, polls at 120 s plus jitter, and backs off repeated self-heals (checklist 3, 29)", "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true, selfHeal: true}"});
  spec.settings.profile = "argocd-3";
  spec.settings.reconciliation_timeout = Duration::seconds(120);
  spec.settings.reconciliation_jitter = Duration::seconds(60);
  auto w = make_world(spec);
  w->advance(at("1m"));
  const auto* d = live(*w, "deployment", "web");
  REQUIRE(d != nullptr);
  CHECK(d->get({"metadata", "annotations"})->find(gitops::kTrackingIdAnnotation)->text() == "web:apps/Deployment:shop/web");
  const auto* labels = d->get({"metadata", "labels"});
  CHECK((labels == nullptr || labels->find(gitops::kInstanceLabel) == nullptr));
  // Polls come 120 s + [0, 60 s) after the previous resolving refresh.
  w->advance(at("20m"));
  std::vector<std::int64_t> polls;
  for (const auto& e : w->log().events()) {
    if (e.type == "AppRefreshed" && e.str("level") == "poll") polls.push_back(e.t.ms);
  }
  REQUIRE(polls.size() >= 5);
  for (std::size_t i = 1; i < polls.size(); ++i) {
    CHECK(polls[i] - polls[i - 1] >= 120'000);
    CHECK(polls[i] - polls[i - 1] < 180'000);
  }
  // Two drifts in a row: the second heal waits 2 s after the first finished.
  run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
  w->advance(at("20m1s500ms"));
  run(*w, "kubectl scale deployment/web --replicas=6 -n shop --cluster dev");
  w->advance(at("21m"));
  std::vector<std::int64_t> heals, finished;
  for (const auto& e : w->log().events()) {
    if (e.t.ms < 20 * 60'000) continue;
    if (e.type == "SyncStarted" && e.str("initiatedBy") == "selfHeal") heals.push_back(e.t.ms);
    if (e.type == "SyncSucceeded" && e.str("initiatedBy") == "selfHeal") finished.push_back(e.t.ms);
  }
  REQUIRE(heals.size() == 2);
  REQUIRE(finished.size() >= 1);
  CHECK(heals[1] - finished[0] >= 2'000);
  CHECK(live(*w, "deployment", "web")->get({"spec", "replicas"})->as_int() == 2);
}

// argocd-behaviour: controller/state.go's repoErrorCache — a repository error
// leaves the app as it was for controller.repo.error.grace.period.seconds
// (180 s) after it is first seen; then the app shows a ComparisonError
// ("Failed to load target state: ...") and sync Unknown; once the repository
// answers again the next refresh clears it.
TEST_CASE("Controller: a repository error shows only after the 180 s grace period, and clears when the repository answers (repoErrorGracePeriod)",
          "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  REQUIRE(status(*w).sync == SyncStatusCode::Synced);
  auto refreshes = [&] {
    return std::count_if(w->log().events().begin(), w->log().events().end(),
                         [](const Event& e) { return e.type == "AppRefreshed" && e.str("level") == "poll"; });
  };
  REQUIRE(w->apply_text("fault repo-unreachable config 10m").ok());
  const auto polls_before = refreshes();
  w->advance(at("7m"));  // polls at 3m0.6s and 6m0.6s: the first error and one within 180 s of it
  CHECK(status(*w).sync == SyncStatusCode::Synced);
  CHECK_FALSE(status(*w).condition("ComparisonError"));
  CHECK(refreshes() == polls_before);  // the app was left as it was: no refresh recorded
  w->advance(at("10m"));  // the 9m0.6s poll, 6 min after the first error
  CHECK(status(*w).sync == SyncStatusCode::Unknown);
  REQUIRE(status(*w).condition("ComparisonError"));
  CHECK(status(*w).condition("ComparisonError")->message.rfind("Failed to load target state: ", 0) == 0);
  w->advance(at("13m"));  // reachable again from 11m: the 12m0.6s poll clears it
  CHECK(status(*w).sync == SyncStatusCode::Synced);
  CHECK_FALSE(status(*w).condition("ComparisonError"));
}

TEST_CASE("Controller: a hard refresh during a repository error shows it at once (noRevisionCache skips the grace period)",
          "[gitops][controller]") {
  auto spec = app_spec({.automated = "{prune: true}"});
  auto w = make_world(spec);
  w->advance(at("1m"));
  REQUIRE(w->apply_text("fault repo-unreachable config 10m").ok());
  REQUIRE(w->apply_text("argocd app refresh web --hard").ok());
  w->advance(at("1m1s"));
  CHECK(status(*w).sync == SyncStatusCode::Unknown);
  CHECK(status(*w).condition("ComparisonError"));
}
