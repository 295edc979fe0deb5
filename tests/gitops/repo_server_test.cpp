// What the repo server resolves and whom a push concerns (repo_server.cpp,
// controller.cpp notify_push), driven through a World.
#include <catch2/catch.hpp>

#include "sim/git/repository.hpp"
#include "world_fixture.hpp"

using namespace gs;
using namespace gs::testing;
using gitops::SyncStatusCode;

namespace {

std::string sha_of(const world::World& w, const std::string& rev) { return *w.repo_by_name("config")->repo->resolve(rev); }

}  // namespace

TEST_CASE("RepoServer: targetRevision refs/heads/develop resolves to that branch, and its webhook refreshes the app "
          "(docs user-guide/tracking_strategies; util/webhook/webhook.go sourceRevisionHasChanged)",
          "[gitops][repo-server]") {
  auto spec = base_spec();
  spec.repos[0].webhook = true;
  add_develop_branch(spec);
  spec.applications = {application({.revision = "refs/heads/develop", .automated = "{prune: true}"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  REQUIRE(status(*w).revision == sha_of(*w, "develop"));
  CHECK(status(*w).conditions.empty());
  run(*w, "git edit config@develop apps/web/deployment.yaml spec.replicas=3 -m 'Scale on develop'");
  w->advance(at("1m1s"));
  CHECK(status(*w).revision == sha_of(*w, "develop"));  // the webhook, not the next poll
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=4 -m 'Scale on main'");
  w->advance(at("1m2s"));
  CHECK(status(*w).revision == sha_of(*w, "develop"));
  CHECK(gitops::webhook_revision_matches("refs/tags/v1.2.0", "v1.2.0", false));
  CHECK(gitops::webhook_revision_matches("HEAD", "main", true));
  CHECK_FALSE(gitops::webhook_revision_matches("", "develop", false));
}

TEST_CASE("RepoServer: a semver constraint over tags resolves to the highest tag it admits, and a matching tag's "
          "webhook refreshes (util/versions/tags.go MaxVersion; webhook.go compareRevisions)",
          "[gitops][repo-server]") {
  auto spec = app_spec({.revision = "'>=1.2.0 <2.0.0'", .automated = "{prune: true}"});
  auto w = make_world(spec);
  const std::string first = sha_of(*w, "main");
  run(*w, "git tag config v1.2.0 main");
  run(*w, "git tag config v2.0.0 main");
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale to 3'");
  run(*w, "git tag config v1.10.0 main");
  run(*w, "git tag config v1.1.0 main");
  w->advance(at("1m"));
  CHECK(status(*w).revision == sha_of(*w, "v1.10.0"));
  CHECK(status(*w).revision != first);
  CHECK(status(*w).sync == SyncStatusCode::Synced);
  CHECK(gitops::webhook_revision_matches("1.*", "v1.11.0", false));
  CHECK_FALSE(gitops::webhook_revision_matches("1.*", "v2.0.0", false));
}

TEST_CASE("RepoServer: a repoURL spelled with another case, without .git or with a trailing / names the same "
          "repository everywhere: repo server, webhook, project sourceRepos (util/git/git.go SameURL, "
          "app_project_types.go IsSourcePermitted)",
          "[gitops][repo-server]") {
  auto spec = base_spec();
  spec.repos[0].webhook = true;
  spec.projects = {yaml("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: shop}\nspec:\n"
                        "  sourceRepos: ['https://git.example/config']\n"
                        "  destinations: [{server: '*', namespace: '*'}]\n")};
  auto app = application({.automated = "{prune: true}"});
  app["spec"]["source"]["repoURL"] = model::Node::string("https://GIT.example/config/");
  app["spec"]["project"] = model::Node::string("shop");
  spec.applications = {app};
  auto w = make_world(spec);
  w->advance(at("1m"));
  CHECK(status(*w).conditions.empty());
  CHECK(status(*w).sync == SyncStatusCode::Synced);
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'Scale to 3'");
  w->advance(at("1m1s"));
  CHECK(status(*w).revision == sha_of(*w, "main"));
}
