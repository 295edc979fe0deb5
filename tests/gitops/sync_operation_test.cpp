// A sync operation executing its plan (sync_operation.cpp), driven through a
// World; each test names the Argo CD code or docs it reproduces.
#include <catch2/catch.hpp>

#include "sim/cluster/cluster.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::OperationPhase;
using gitops::SyncStatusCode;

namespace {

// The virtual time of the first event of `type` for resource `name` at or after `from` (-1: none).
std::int64_t first_at(const world::World& w, const std::string& type, const std::string& name, std::int64_t from = 0) {
  for (const auto& e : w.log().events()) {
    if (e.type == type && e.str("name") == name && e.t.ms >= from) return e.t.ms;
  }
  return -1;
}

std::int64_t first_event(const world::World& w, const std::string& type, std::int64_t from = 0) {
  for (const auto& e : w.log().events()) {
    if (e.type == type && e.t.ms >= from) return e.t.ms;
  }
  return -1;
}

std::string config_map(const std::string& name, int wave) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
         "\n  annotations:\n    argocd.argoproj.io/sync-wave: \"" + std::to_string(wave) + "\"\ndata: {a: b}\n";
}

}  // namespace

TEST_CASE("SyncOperation: 2 s between sync waves, also after resources without a health check, none after the last "
          "(controller/sync.go delayBetweenSyncWaves, ARGOCD_SYNC_WAVE_DELAY)",
          "[gitops][sync]") {
  auto spec = base_spec();
  auto& files = spec.repos[0].commits[0].files;
  files.erase("apps/web/configmap.yaml");
  files["apps/web/early.yaml"] = config_map("early", -1);
  files["apps/web/late.yaml"] = config_map("late", 5);
  spec.applications = {application({})};
  auto w = make_world(spec);
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  REQUIRE(status(*w).operation->phase == OperationPhase::Succeeded);
  const auto early = first_at(*w, "ResourceApplied", "early");
  const auto service = first_at(*w, "ResourceApplied", "web");  // Service before Deployment in wave 0
  const auto late = first_at(*w, "ResourceApplied", "late");
  const auto succeeded = first_event(*w, "SyncSucceeded");
  REQUIRE(early > 0);
  // A ConfigMap has no health check: the next wave still waits applyLatency + 2 s.
  CHECK(service - early == 2'200);
  CHECK(late - first_at(*w, "ResourceApplied", "web", service + 1) >= 2'200);
  // The last wave is not followed by the delay: done one applyLatency later.
  CHECK(succeeded - late == 200);
}

namespace {

const model::Node* job(const world::World& w, const std::string& name) {
  return w.cluster_by_name("dev")->cluster->get(cluster::ObjectKey{"batch", "Job", "shop", name});
}

}  // namespace

TEST_CASE("SyncOperation: a hook with the default BeforeHookCreation policy is deleted and created anew on the next "
          "sync, its changed template too (hook/delete_policy.go, sync_context.go runTasks)",
          "[gitops][sync][hooks]") {
  auto spec = app_spec();
  spec.repos[0].commits[0].files["apps/web/migrate.yaml"] = hook_job("migrate", "PreSync", 0);
  auto w = synced_world(spec);
  REQUIRE(status(*w).operation->phase == OperationPhase::Succeeded);
  REQUIRE(job(*w, "migrate") != nullptr);
  const std::string first_uid = job(*w, "migrate")->get_string({"metadata", "uid"}).value_or("");
  // A Job's template is immutable: applied over the old Job it would be refused.
  run(*w, "git commit config@main -m 'a longer migration'",
      {{"apps/web/migrate.yaml", hook_job("migrate", "PreSync", 0, "8s")}});
  run(*w, "argocd app refresh web");
  w->advance(at("1m5s"));
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  const auto& op = *status(*w).operation;
  CHECK(op.phase == OperationPhase::Succeeded);
  CHECK(op.message == "successfully synced (all tasks run)");
  REQUIRE(job(*w, "migrate") != nullptr);
  CHECK(job(*w, "migrate")->get_string({"metadata", "uid"}).value_or("") != first_uid);
  CHECK(job(*w, "migrate")->get_string({"spec", "template", "metadata", "annotations", "gitops-sim/run-for"}) == "8s");
}

TEST_CASE("SyncOperation: a hook whose manifest the API server refuses still fails the dry run when it would be "
          "created anew",
          "[gitops][sync][hooks]") {
  auto spec = app_spec();
  spec.repos[0].commits[0].files["apps/web/migrate.yaml"] = hook_job("migrate", "PreSync", 0);
  auto w = synced_world(spec);
  std::string broken = hook_job("migrate", "PreSync", 0);
  broken.replace(broken.find("restartPolicy: Never"), std::string("restartPolicy: Never").size(), "restartPolicy: Always");
  run(*w, "git commit config@main -m 'a Job that restarts'", {{"apps/web/migrate.yaml", broken}});
  run(*w, "argocd app refresh web");
  w->advance(at("1m5s"));
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  const auto& op = *status(*w).operation;
  CHECK(op.phase == OperationPhase::Failed);
  CHECK(op.message == "one or more objects failed to apply (dry run)");
  REQUIRE_FALSE(op.results.empty());
  CHECK_THAT(op.results[0].message, Catch::Contains("\"migrate\""));
  CHECK_THAT(op.results[0].message, !Catch::Contains("migrata"));
}

TEST_CASE("SyncOperation: with SyncFail hooks the operation stays Running until they complete, then fails "
          "(sync_context.go executeSyncFailPhase)",
          "[gitops][sync][hooks]") {
  const auto spec = failing_presync_spec(0, "10s");
  auto w = synced_world(spec);
  const auto alert = first_at(*w, "ResourceApplied", "alert");
  const auto failed = first_event(*w, "SyncFailed");
  REQUIRE(alert > 0);
  REQUIRE(failed > 0);
  CHECK(failed - alert >= 10'000);  // the alert Job ran to its end first
  const auto& op = *status(*w).operation;
  CHECK(op.phase == OperationPhase::Failed);
  CHECK(op.message == "one or more synchronization tasks completed unsuccessfully");
  const auto* succeeded = job(*w, "alert")->get({"status", "succeeded"});
  REQUIRE(succeeded != nullptr);
  CHECK(succeeded->as_int() == 1);

  SECTION("meanwhile it is Running, waiting for the hook") {
    auto w2 = make_world(spec);
    run(*w2, "argocd app sync web");
    w2->advance(TimePoint{alert + 2'000});
    const auto& running = *status(*w2).operation;
    CHECK(running.phase == OperationPhase::Running);
    CHECK(running.message == "waiting for completion of hook batch/Job/alert");
  }
}

TEST_CASE("SyncOperation: a SyncFail hook that fails too is named in the operation's message "
          "(sync_context.go executeSyncFailPhase)",
          "[gitops][sync][hooks]") {
  auto w = synced_world(failing_presync_spec(1));
  const auto& op = *status(*w).operation;
  CHECK(op.phase == OperationPhase::Failed);
  CHECK(op.message == "one or more synchronization tasks completed unsuccessfully\none or more SyncFail hooks failed");
}

TEST_CASE("SyncOperation: a failed dry run fails at once, without SyncFail hooks (sync_context.go Sync)",
          "[gitops][sync][hooks]") {
  auto spec = app_spec();
  auto& files = spec.repos[0].commits[0].files;
  files["apps/web/alert.yaml"] = hook_job("alert", "SyncFail", 0);
  files["apps/web/service.yaml"] = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Sideways\n";
  auto w = synced_world(spec);
  REQUIRE(status(*w).operation->phase == OperationPhase::Failed);
  CHECK(status(*w).operation->message == "one or more objects failed to apply (dry run)");
  CHECK(job(*w, "alert") == nullptr);
}

TEST_CASE("SyncOperation: revisionHistoryLimit 0 keeps no history, 1 keeps the last sync (controller/state.go "
          "persistRevisionHistory, types.go RevisionHistories.Trunc)",
          "[gitops][sync][history]") {
  for (const int limit : {0, 1}) {
    CAPTURE(limit);
    auto spec = app_spec({.extra_spec = "  revisionHistoryLimit: " + std::to_string(limit) + "\n"});
    auto w = synced_world(spec);
    run(*w, "argocd app sync web");
    w->advance(at("2m"));
    REQUIRE(status(*w).operation->phase == OperationPhase::Succeeded);
    CHECK(status(*w).history.size() == static_cast<std::size_t>(limit));
    if (limit == 1) CHECK(status(*w).history[0].id == 1);
  }
}

namespace {

// The fixture's world with the app web, its syncOptions CreateNamespace=true and
// `options`, its automated policy `automated`, and `more` YAML under its spec.
world::WorldSpec spec_with(const std::string& options, const std::string& automated = "", const std::string& more = "") {
  AppOptions o;
  o.automated = automated;
  o.create_namespace = false;
  o.extra_spec = "    syncOptions: [CreateNamespace=true" + (options.empty() ? "" : ", " + options) + "]\n" + more;
  return app_spec(o);
}

const model::Node* live_object(const world::World& w, const cluster::ObjectKey& k) {
  return w.cluster_by_name("dev")->cluster->get(k);
}

const cluster::ObjectKey kDeploy{"apps", "Deployment", "shop", "web"};

std::size_t applied_count(const world::World& w, std::int64_t from) {
  std::size_t n = 0;
  for (const auto& e : w.log().events()) {
    if (e.type == "ResourceApplied" && e.t.ms >= from) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("SyncOperation: RespectIgnoreDifferences=true keeps the live value of ignored fields at sync "
          "(controller/sync.go normalizeTargetResources; checklist 13)",
          "[gitops][sync][options]") {
  const std::string ignore = "  ignoreDifferences:\n    - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}\n";
  for (const bool respect : {false, true}) {
    CAPTURE(respect);
    auto w = make_world(spec_with(respect ? "RespectIgnoreDifferences=true" : "", "{prune: true}", ignore));
    w->advance(at("1m"));
    run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
    run(*w, "git edit config@main apps/web/deployment.yaml spec.template.spec.containers[0].image=registry.example/web:1.1.0 "
            "-m 'web 1.1.0'");
    run(*w, "argocd app refresh web");
    w->advance(at("2m"));
    const auto* d = live_object(*w, kDeploy);
    REQUIRE(d != nullptr);
    CHECK(d->get({"spec", "template", "spec", "containers"})->items()[0].get_string({"image"}) ==
          "registry.example/web:1.1.0");
    CHECK(d->get({"spec", "replicas"})->as_int() == (respect ? 5 : 2));
    CHECK(status(*w).sync == SyncStatusCode::Synced);
  }
}

TEST_CASE("SyncOperation: ApplyOutOfSyncOnly=true applies only what is OutOfSync "
          "(sync_context.go filterOutOfSyncTasks)",
          "[gitops][sync][options]") {
  for (const bool only : {false, true}) {
    CAPTURE(only);
    auto w = synced_world(spec_with(only ? "ApplyOutOfSyncOnly=true" : ""));
    run(*w, "kubectl scale deployment/web --replicas=4 -n shop --cluster dev");
    w->advance(at("1m5s"));
    const std::int64_t from = w->now().ms;
    run(*w, "argocd app sync web");
    w->advance(at("2m"));
    CHECK(status(*w).operation->phase == OperationPhase::Succeeded);
    CHECK(applied_count(*w, from) == (only ? 1u : 3u));
    CHECK(live_object(*w, kDeploy)->get({"spec", "replicas"})->as_int() == 2);
    CHECK(status(*w).history.size() == 2);  // still a whole-app sync, recorded
  }
}

TEST_CASE("SyncOperation: Replace=true replaces instead of applying, with nothing kept for a three-way diff "
          "(sync_context.go applyObject)",
          "[gitops][sync][options]") {
  auto w = synced_world(spec_with("Replace=true"));
  const std::int64_t from = w->now().ms;
  run(*w, "argocd app sync web");
  w->advance(at("2m"));
  std::string message;
  for (const auto& e : w->log().events()) {
    if (e.type == "ResourceApplied" && e.t.ms >= from && e.str("kind") == "Deployment") message = e.str("message");
  }
  CHECK(message == "deployment.apps/web replaced");
  const auto* ann = live_object(*w, kDeploy)->get({"metadata", "annotations"});
  CHECK((ann == nullptr || ann->find(gitops::kLastAppliedAnnotation) == nullptr));
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}

TEST_CASE("SyncOperation: Validate=false skips the dry run's validation (sync_context.go processCreateTasks, "
          "kubectl apply --validate=false)",
          "[gitops][sync][options]") {
  for (const bool validate : {true, false}) {
    CAPTURE(validate);
    auto spec = spec_with(validate ? "" : "Validate=false");
    spec.repos[0].commits[0].files["apps/web/service.yaml"] =
        std::string("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Sideways\n");
    auto w = synced_world(spec);
    const auto& op = *status(*w).operation;
    CHECK(op.phase == OperationPhase::Failed);
    // Refused by the dry run with nothing applied, or applied until the Service itself is refused.
    CHECK((op.message == "one or more objects failed to apply (dry run)") == validate);
    CHECK((live_object(*w, {"", "ConfigMap", "shop", "flags"}) != nullptr) == !validate);
  }
}

TEST_CASE("SyncOperation: PrunePropagationPolicy orphan keeps what a pruned object owns, background lets the "
          "garbage collector take it; foreground (the default) holds the next wave until it is gone "
          "(controller/sync.go, sync_context.go getDeleteOptions, prunedTasksPendingDelete)",
          "[gitops][sync][options]") {
  for (const std::string policy : {"orphan", "background", "foreground"}) {
    CAPTURE(policy);
    const auto spec = spec_with("PrunePropagationPolicy=" + policy);
    auto w = synced_world(spec);
    const auto rs = w->cluster_by_name("dev")->cluster->owned_by(kDeploy);
    REQUIRE(rs.size() == 1);
    const auto prune_deployment = [&](world::World& world) {
      run(world, "git commit config@main -m 'no web Deployment; a wave-1 ConfigMap'",
          {{"apps/web/deployment.yaml", std::nullopt}, {"apps/web/after.yaml", config_map("after", 1)}});
      run(world, "argocd app refresh web");
      world.advance(at("1m5s"));
      run(world, "argocd app sync web --prune");
    };
    const std::int64_t from = at("1m5s").ms;
    prune_deployment(*w);
    w->advance(at("3m"));
    CHECK(status(*w).operation->phase == OperationPhase::Succeeded);
    CHECK(live_object(*w, kDeploy) == nullptr);
    const auto* replica_set = live_object(*w, rs[0]);
    if (policy == "orphan") {
      REQUIRE(replica_set != nullptr);
      CHECK(replica_set->get({"metadata", "ownerReferences"}) == nullptr);
    } else {
      CHECK(replica_set == nullptr);
    }
    // Foreground: wave 1 starts only once the pruned Deployment's whole tree
    // (its ReplicaSet and their pods) is gone. The same run again, stopped
    // at that apply: none of the old pods is left.
    const auto pruned = first_at(*w, "ResourcePruned", "web", from);
    const auto after = first_at(*w, "ResourceApplied", "after", from);
    REQUIRE(pruned > 0);
    REQUIRE(after > pruned);
    if (policy == "foreground") {
      auto again = synced_world(spec);
      const auto pods = again->cluster_by_name("dev")->cluster->owned_by(rs[0]);
      REQUIRE_FALSE(pods.empty());
      prune_deployment(*again);
      again->advance(TimePoint{after});
      for (const auto& pod : pods) CHECK(live_object(*again, pod) == nullptr);
    }
  }
}

TEST_CASE("SyncOperation: Prune=false on the app is the default every prune follows, a resource's own "
          "Prune=true wins (sync_context.go isPruningDisabled)",
          "[gitops][sync][options]") {
  auto w = synced_world(spec_with("Prune=false"));
  run(*w, "git commit config@main -m 'no flags'", {{"apps/web/configmap.yaml", std::nullopt}});
  run(*w, "argocd app refresh web");
  w->advance(at("1m5s"));
  run(*w, "argocd app sync web --prune");
  w->advance(at("2m"));
  CHECK(live_object(*w, {"", "ConfigMap", "shop", "flags"}) != nullptr);
  bool skipped = false;
  for (const auto& r : status(*w).operation->results) {
    skipped = skipped || (r.key.name == "flags" && r.message == "ignored (no prune)");
  }
  CHECK(skipped);
}

TEST_CASE("SyncOperation: a retry with limit 1000000 and a 0s backoff is bounded — attempts at least 1 s apart "
          "(a gitops-sim bound on types.go RetryStrategy.NextRetryAt's formula)",
          "[gitops][sync][retry]") {
  auto spec = base_spec();
  auto app = application({.extra_spec = "    retry: {limit: 1000000, backoff: {duration: 0s, factor: 1}}\n",
                          .create_namespace = false});
  spec.applications = {app};
  auto w = make_world(spec);
  run(*w, "argocd app sync web");  // no namespace shop, no CreateNamespace: every dry run fails
  w->advance(at("1m"));
  const auto retries = count_events(*w, "SyncRetrying", "web");
  CHECK(retries >= 55);
  CHECK(retries <= 60);
  CHECK(status(*w).operation->phase == OperationPhase::Running);
  run(*w, "argocd app terminate-op web");
  CHECK(status(*w).operation->phase == OperationPhase::Failed);
}

TEST_CASE("SyncOperation: an app of 3000 ConfigMaps syncs, one applyLatency each, its plan built once",
          "[gitops][sync][scale]") {
  auto spec = base_spec();
  auto& files = spec.repos[0].commits[0].files;
  std::string many;
  for (int i = 0; i < 3000; ++i) {
    many += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + std::to_string(i) + "\ndata: {i: '" +
            std::to_string(i) + "'}\n";
  }
  files["apps/web/many.yaml"] = many;
  spec.applications = {application({.automated = "{prune: true}"})};
  auto w = make_world(spec);
  w->advance(at("12m"));
  REQUIRE(status(*w).operation.has_value());
  CHECK(status(*w).operation->phase == OperationPhase::Succeeded);
  CHECK(count_events(*w, "ResourceApplied", "web") == 3004);  // the namespace, 3000 + 3 resources
  CHECK(status(*w).sync == SyncStatusCode::Synced);
}
