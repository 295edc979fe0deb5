// The command table's entries at work: every command checks everything before
// it changes anything (kubectl set image, label/annotate, a multi-document
// apply, faults, a sync a window refuses), the git commands users reach for
// (annotated tags, tag -f, merge --no-ff, log --oneline --decorate), kubectl's
// --context, and the sim commands on a World without a session.
#include <catch2/catch.hpp>

#include "../gitops/world_fixture.hpp"
#include "sim/cluster/cluster.hpp"
#include "sim/git/repository.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/world/command.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

std::unique_ptr<world::World> web_world() {
  auto spec = base_spec();
  spec.applications = {application({.automated = "{prune: true, selfHeal: true}"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  return w;
}

const model::Node* live(const world::World& w, const std::string& kind, const std::string& name,
                        const std::string& ns = "shop") {
  const std::string group = kind == "Deployment" ? "apps" : "";
  return w.cluster_by_name("dev")->cluster->get(cluster::ObjectKey{group, kind, ns, name});
}

}  // namespace

TEST_CASE("World: kubectl set image with a container that does not exist changes nothing, as kubectl",
          "[world][commands][atomic]") {
  auto w = web_world();
  refused_unchanged(*w, "kubectl set image deployment/web web=registry.example/web:1.1.0 nosuch=x -n shop --cluster dev",
          "kubectl set image: error: unable to find container named \"nosuch\"");
  refused_unchanged(*w, "kubectl set image deployment/web web=registry.example/web:1.1.0 web=UPPER/case:1 -n shop --cluster dev",
          "invalid reference format");
  const auto* containers = live(*w, "Deployment", "web")->get({"spec", "template", "spec", "containers"});
  REQUIRE(containers);
  CHECK(containers->items()[0].get_string({"image"}) == "registry.example/web:1.0.0");
  run(*w, "kubectl set image deployment/web web=registry.example/web:1.1.0 -n shop --cluster dev");
  CHECK(count_events(*w, "LiveChanged") == 1);
}

TEST_CASE("World: kubectl label and annotate with several keys land whole or not at all", "[world][commands][atomic]") {
  auto w = web_world();
  run(*w, "kubectl label deployment/web team=blue -n shop --cluster dev");
  refused_unchanged(*w, "kubectl label deployment/web tier=web team=red -n shop --cluster dev",
          "'team' already has a value (blue), and --overwrite is false");
  refused_unchanged(*w, "kubectl label deployment/web tier=web bad/key/x=1 -n shop --cluster dev", "invalid label key");
  refused_unchanged(*w, "kubectl label deployment/web tier=web team=in_valid- -n shop --cluster dev", "invalid label value");
  refused_unchanged(*w, "kubectl annotate deployment/web note=ok =x -n shop --cluster dev", "expected KEY=VALUE or KEY-");
  refused_unchanged(*w, "kubectl annotate deployment/web note=ok _bad=1 -n shop --cluster dev", "invalid annotation key");
  run(*w, "kubectl label deployment/web tier=web team=red --overwrite -n shop --cluster dev");
  const auto* labels = live(*w, "Deployment", "web")->get({"metadata", "labels"});
  REQUIRE(labels);
  CHECK(labels->get_string({"team"}) == "red");
  CHECK(labels->get_string({"tier"}) == "web");
}

TEST_CASE("World: a multi-document kubectl apply is checked whole first, and a Namespace in the stream counts",
          "[world][commands][atomic]") {
  auto w = web_world();
  const std::string cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n";
  const std::string bad_deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: broken}\nspec: {replicas: 1}\n";
  refused_unchanged(*w, "kubectl apply -f push.yaml -n shop --cluster dev", "The Deployment \"broken\" is invalid",
          {{"push.yaml", cm + "---\n" + bad_deploy}});
  CHECK_FALSE(live(*w, "ConfigMap", "extra"));
  const std::string elsewhere = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: team-b}\n";
  refused_unchanged(*w, "kubectl apply -f push.yaml -n shop --cluster dev", "namespaces \"team-b\" not found",
          {{"push.yaml", cm + "---\n" + elsewhere}});
  // Created by the same stream, earlier: fine.
  const std::string ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-b}\n";
  run(*w, "kubectl apply -f push.yaml -n shop --cluster dev", {{"push.yaml", cm + "---\n" + ns + "---\n" + elsewhere}});
  CHECK(live(*w, "ConfigMap", "extra"));
  CHECK(live(*w, "ConfigMap", "x", "team-b"));
}

TEST_CASE("World: faults and operations Argo CD refuses leave no Action behind", "[world][commands][atomic]") {
  auto w = web_world();
  refused_unchanged(*w, "fault image-pull UPPER/web:1", "fault image-pull:");
  refused_unchanged(*w, "fault image-pull 'registry.example/web:'", "expected IMAGE:TAG");
  refused_unchanged(*w, "fault outage moon 5m", "unknown cluster 'moon'");
  refused_unchanged(*w, "argocd app rollback web", "rollback cannot be initiated when auto-sync is enabled");
  refused_unchanged(*w, "argocd app sync web --revision develop", "Cannot sync to develop: auto-sync currently set to main");
  refused_unchanged(*w, "argocd app terminate-op web", "No operation is in progress");
}

TEST_CASE("World: a fault longer than a year is refused, since its end is now plus the duration",
          "[world][commands][atomic]") {
  auto w = web_world();
  refused_unchanged(*w, "fault outage dev 366d", "fault outage: '366d' is more than a year; a fault lasts at most 365d");
  // What parse_duration alone accepts (it fits in 64 bits) but now + it would
  // not (fuzz_command).
  refused_unchanged(*w, "fault repo-unreachable config 9223372036854775000ms", "is more than a year");
  run(*w, "fault outage dev 365d");
  CHECK(count_events(*w, "FaultInjected") == 1);
}

TEST_CASE("World: a manual sync a sync window denies is refused before its Action (scenario 14)",
          "[world][commands][atomic]") {
  auto loaded = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/14-sync-window.yaml");
  REQUIRE(loaded.ok());
  auto w = make_world(loaded.scenario->world);
  w->advance(at("15m"));
  refused_unchanged(*w, "argocd app sync shop-prod", "argocd app sync: cannot sync: blocked by sync window");
}

TEST_CASE("World: kubectl --context names the cluster, as --cluster does", "[world][commands][context]") {
  auto w = web_world();
  auto a = w->apply_text("kubectl get deployments -n shop --context dev");
  auto b = w->apply_text("kubectl get deployments -n shop --cluster dev");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->output == b->output);
  CHECK(a->output.find("web") != std::string::npos);
  refused_unchanged(*w, "kubectl get pods --context moon", "unknown cluster 'moon'");
  auto twice = world::parse_command("kubectl get pods --context dev --cluster dev");
  REQUIRE_FALSE(twice.ok());
  CHECK_THAT(twice.error().message, Catch::Contains("flag --cluster given twice"));
  CHECK(world::parse_command("kubectl scale deploy/web --replicas=2 --context=dev")->text() ==
        "kubectl scale deploy/web --replicas=2 --cluster=dev");
}

TEST_CASE("World: git tag -a -m makes an annotated tag that git show and git log --decorate show, and -f moves it",
          "[world][commands][git][tag]") {
  auto w = web_world();
  run(*w, "git tag config v1.0 main -m 'First release' --author 'Jun Lee <jun@example.com>'");
  const auto& created = w->log().events().back();
  CHECK(created.type == "TagCreated");
  CHECK(created.str("tagger") == "Jun Lee <jun@example.com>");
  CHECK(created.str("message") == "First release");
  CHECK(w->log().find(created.cause)->type == "Action");
  const auto* repo = w->repo_by_name("config");
  auto info = repo->repo->tag_info("v1.0");
  REQUIRE(info.ok());
  REQUIRE(info->annotation);
  CHECK(info->annotation->time_s == w->epoch_s_at(w->now()));

  auto show = w->apply_text("git show config@v1.0");
  REQUIRE(show.ok());
  CHECK_THAT(show->output, Catch::StartsWith("tag v1.0\nTagger: Jun Lee <jun@example.com>\nDate:   "));
  CHECK_THAT(show->output, Catch::Contains("\n\nFirst release\n\ncommit " + info->commit + "\n"));
  auto log = w->apply_text("git log config --oneline --decorate");
  REQUIRE(log.ok());
  CHECK(log->output == info->commit.substr(0, 7) + " (HEAD -> main, tag: v1.0) Initial manifests\n");
  CHECK(w->apply_text("git log config --oneline")->output == info->commit.substr(0, 7) + " Initial manifests\n");

  refused_unchanged(*w, "git tag config v1.0 main", "tag 'v1.0' already exists");
  refused_unchanged(*w, "git tag config v2 main -a", "-a needs -m MSG");
  run(*w, "git commit config@main -m 'Scale'", {{"apps/web/deployment.yaml", std::string(kDeployment) + "# more\n"}});
  auto moved = w->apply_text("git tag config v1.0 main -f");
  REQUIRE(moved.ok());
  CHECK(moved->output == "Updated tag 'v1.0' (was " + info->commit.substr(0, 7) + ")\n");
  CHECK(w->log().events().back().type == "TagMoved");
  CHECK(w->log().events().back().str("from") == info->commit);
  // Moving it where it is changes nothing, and records nothing.
  const std::string before = w->fingerprint();
  CHECK(w->apply_text("git tag config v1.0 main -f")->output.empty());
  CHECK(w->fingerprint() == before);
}

TEST_CASE("World: git merge --no-ff keeps -m and --author in a merge commit, as a pull request's merge does",
          "[world][commands][git][merge]") {
  auto w = web_world();
  run(*w, "git branch config feature main");
  run(*w, "git commit config@feature -m 'Add flag' --author 'Jun Lee <jun@example.com>'",
      {{"apps/web/configmap.yaml", std::string(kConfigMap) + "  gamma: \"true\"\n"}});
  auto out = w->apply_text("git merge config feature main --no-ff -m 'Merge pull request #7' --author 'Mina Park "
                           "<mina@example.com>'");
  REQUIRE(out.ok());
  CHECK(out->output == "Merge made by the 'ort' strategy.\n");
  const auto& committed = w->log().events().back();
  CHECK(committed.type == "Committed");
  CHECK(committed.str("branch") == "main");
  CHECK(committed.str("message") == "Merge pull request #7");
  CHECK(committed.str("author") == "Mina Park <mina@example.com>");
  auto info = w->repo_by_name("config")->repo->commit_info("main");
  REQUIRE(info.ok());
  CHECK(info->parents.size() == 2);
  CHECK(w->apply_text("git merge config feature main --no-ff")->output == "Already up to date.\n");
  // Without --no-ff, a merge that can fast-forward does: -m has nothing to name.
  run(*w, "git branch config hotfix main");
  run(*w, "git commit config@hotfix -m 'Fix'", {{"apps/web/extra.yaml", std::string("a: 1\n")}});
  auto ff = w->apply_text("git merge config hotfix main -m 'ignored'");
  REQUIRE(ff.ok());
  CHECK_THAT(ff->output, Catch::StartsWith("Updating "));
  CHECK(w->repo_by_name("config")->repo->commit_info("main")->message == "Fix\n");
}

TEST_CASE("World: without a session, sim advance advances plainly and sim pause/speed have no clock to touch",
          "[world][commands][sim]") {
  auto w = web_world();
  auto out = w->apply_text("sim advance 90s");
  REQUIRE(out.ok());
  CHECK(out->output == "advanced to +2m30s\n");
  CHECK(w->now() == at("2m30s"));
  CHECK(w->log().find(out->action_event)->str("command") == "sim advance 90s");
  const std::string before = w->fingerprint();
  CHECK(w->apply_text("sim pause")->output.empty());
  CHECK(w->apply_text("sim speed 60")->output.empty());
  CHECK(w->fingerprint() == before);
  refused_unchanged(*w, "sim advance 2d", "is more than a virtual day");
  refused_unchanged(*w, "sim speed 2", "one of the offered speeds 1, 10, 60, 300, 1000");
}

TEST_CASE("World: a scenario's tags are made after its history, annotated when they have a message",
          "[world][scenario][tag]") {
  const std::string text = R"(apiVersion: gitops-sim/v1
kind: Scenario
metadata: {name: tags}
repos:
  - name: config
    url: https://git.example/config.git
    commits:
      - {branch: main, message: one, files: {a.txt: "1\n"}}
      - {branch: main, message: two, files: {a.txt: "2\n"}}
    tags:
      - {name: v1.0, commit: main~1}
      - {name: v2.0, commit: main, message: "Second release", tagger: "Jun Lee <jun@example.com>"}
)";
  auto loaded = scenario::load_scenario_text(text, "tags.yaml");
  REQUIRE(loaded.ok());
  auto w = make_world(loaded.scenario->world);
  const git::Repository& repo = *w->repo_by_name("config")->repo;
  CHECK(*repo.resolve("v1.0") == *repo.resolve("main~1"));
  auto v2 = repo.tag_info("v2.0");
  REQUIRE(v2.ok());
  REQUIRE(v2->annotation);
  CHECK(v2->annotation->message == "Second release\n");
  CHECK(v2->annotation->tagger.name == "Jun Lee");
  CHECK(v2->annotation->time_s == w->spec().clock_start_epoch_s);
  std::vector<std::string> tags;
  for (const auto& e : w->log().events()) {
    if (e.type == "TagCreated") tags.push_back(e.str("name") + "|" + e.str("message"));
  }
  CHECK(tags == std::vector<std::string>{"v1.0|", "v2.0|Second release"});

  // A SHA prefix only the built history can check: refused with the tag's position.
  const std::string bad = text + "      - {name: v3, commit: deadbeef}\n";
  auto again = scenario::load_scenario_text(bad, "tags.yaml");
  REQUIRE(again.ok());
  auto refused_world = world::World::create(again.scenario->world);
  REQUIRE_FALSE(refused_world.ok());
  CHECK_THAT(refused_world.error().render(), Catch::StartsWith("tags.yaml:13:9: tag 'v3': unknown revision 'deadbeef'"));
}

// ---- argocd app delete / set / sync --resource ----

TEST_CASE("World: argocd app delete cascades to the app's resources, --cascade=false leaves them (argocd app delete)",
          "[world][commands][argocd]") {
  SECTION("cascade") {
    auto w = web_world();
    REQUIRE(live(*w, "Deployment", "web"));
    auto out = w->apply_text("argocd app delete web --yes");
    REQUIRE(out.ok());
    CHECK(out->output == "application 'web' deleted\n");
    w->advance(w->now() + Duration::seconds(30));
    CHECK(live(*w, "Deployment", "web") == nullptr);
    CHECK(w->controller().find("web") == nullptr);
    CHECK(count_events(*w, "ApplicationCascadeDeleted", "web") == 1);
    CHECK(count_events(*w, "ApplicationDeleted", "web") == 1);
  }
  SECTION("--cascade=false") {
    auto w = web_world();
    run(*w, "argocd app delete web --cascade=false");
    w->advance(w->now() + Duration::seconds(30));
    CHECK(w->controller().find("web") == nullptr);
    CHECK(live(*w, "Deployment", "web") != nullptr);  // orphaned, still running
    CHECK(count_events(*w, "ApplicationCascadeDeleted", "web") == 0);
  }
  SECTION("an unknown app changes nothing") {
    auto w = web_world();
    refused_unchanged(*w, "argocd app delete webb", "application 'webb' not found; did you mean 'web'?");
  }
}

TEST_CASE("World: argocd app set --revision, --sync-option and --revision-history-limit change the spec, checked first",
          "[world][commands][argocd]") {
  auto w = web_world();
  refused_unchanged(*w, "argocd app set web --sync-option CreateNamespace=true --sync-option Nonsense=true",
          "--sync-option Nonsense=true: unknown sync option 'Nonsense'");
  refused_unchanged(*w, "argocd app set web", "nothing to set");
  run(*w, "argocd app set web --revision develop --sync-option PruneLast=true --revision-history-limit 3");
  const auto* st = w->controller().find("web");
  REQUIRE(st);
  CHECK(st->app.spec.source.target_revision == "develop");
  CHECK(st->app.spec.sync_policy.has_option("PruneLast=true"));
  CHECK(st->app.spec.revision_history_limit == 3);
  // The policy was not touched: automated with self-heal as before.
  REQUIRE(st->app.spec.sync_policy.automated);
  CHECK(st->app.spec.sync_policy.automated->self_heal);
  CHECK(count_events(*w, "AppSpecChanged", "web") == 3);
  run(*w, "argocd app set web --sync-option '!PruneLast=true'");
  CHECK_FALSE(w->controller().find("web")->app.spec.sync_policy.has_option("PruneLast=true"));
}

TEST_CASE("World: argocd app sync --resource syncs only the resources named, without history (argocd app sync --resource)",
          "[world][commands][argocd]") {
  auto spec = base_spec();
  spec.applications = {application({})};  // manual
  auto w = synced_world(spec);
  const std::size_t history = status(*w).history.size();
  run(*w, "kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
  run(*w, "kubectl patch configmap/flags --type merge -p '{\"data\":{\"beta\":\"true\"}}' -n shop --cluster dev");
  w->advance(w->now() + Duration::seconds(5));
  refused_unchanged(*w, "argocd app sync web --resource apps:Deployment:nosuch", "nosuch");
  run(*w, "argocd app sync web --resource apps:Deployment:web");
  w->advance(w->now() + Duration::seconds(30));
  CHECK(live(*w, "Deployment", "web")->get({"spec", "replicas"})->text() == "2");
  // The ConfigMap was not part of the sync: its drift stays.
  CHECK(live(*w, "ConfigMap", "flags")->get_string({"data", "beta"}) == "true");
  CHECK(status(*w).sync == gitops::SyncStatusCode::OutOfSync);
  CHECK(status(*w).history.size() == history);
}

namespace {

// Scenario 02's world (its timeline left out): `hooked` follows team-b-config,
// whose Git host sends push webhooks.
std::unique_ptr<world::World> webhook_world() {
  auto loaded = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/02-polling-vs-webhook.yaml");
  REQUIRE(loaded.ok());
  auto w = make_world(loaded.scenario->world);
  w->advance(at("30s"));
  return w;
}

std::size_t webhook_refreshes(const world::World& w) {
  std::size_t n = 0;
  for (const auto& e : w.log().events()) {
    if (e.type == "AppRefreshed" && e.str("app") == "hooked" && e.str("level") == "webhook") ++n;
  }
  return n;
}

const char* kTeamBRelease =
    "git edit team-b-config@main overlays/dev/kustomization.yaml images[0].newTag=1.1.0 -m \"Release web 1.1.0\"";

}  // namespace

TEST_CASE("World: fault webhook-lost drops a repository's push webhooks until it ends, so a poll notices the commit",
          "[world][commands][fault]") {
  auto w = webhook_world();
  run(*w, "fault webhook-lost team-b-config 10m");
  CHECK(count_events(*w, "FaultInjected") == 1);
  run(*w, kTeamBRelease);
  const std::string head = *w->repo_by_name("team-b-config")->repo->resolve("main");
  w->advance(at("40s"));
  CHECK(webhook_refreshes(*w) == 0);
  CHECK(w->app_view("hooked")->revision != head);  // not noticed yet
  // The next poll (within the 3-minute timeout) finds it.
  w->advance(at("4m"));
  CHECK(webhook_refreshes(*w) == 0);
  CHECK(w->app_view("hooked")->revision == head);
  // After the fault's end webhooks arrive again.
  w->advance(at("11m"));
  run(*w, "git edit team-b-config@main overlays/dev/kustomization.yaml images[0].newTag=1.2.0 -m \"Release web 1.2.0\"");
  w->advance(at("11m5s"));
  CHECK(webhook_refreshes(*w) == 1);
}

TEST_CASE("World: without the fault the same commit arrives by webhook at once", "[world][commands][fault]") {
  auto w = webhook_world();
  run(*w, kTeamBRelease);
  w->advance(at("40s"));
  CHECK(webhook_refreshes(*w) == 1);
}

TEST_CASE("World: fault webhook-lost without DURATION lasts the whole run, and names a known repository",
          "[world][commands][fault]") {
  auto w = webhook_world();
  refused_unchanged(*w, "fault webhook-lost nosuch", "fault webhook-lost: unknown repository");
  refused_unchanged(*w, "fault webhook-lost team-b-config 366d", "is more than a year");
  run(*w, "fault webhook-lost team-b-config");
  w->advance(at("300d"));
  run(*w, kTeamBRelease);
  w->advance(w->now() + Duration::seconds(5));
  CHECK(webhook_refreshes(*w) == 0);
}
