// Rendering straight from a commit of an in-memory git repository.
#include <catch2/catch.hpp>

#include "sim/render/git_tree.hpp"
#include "sim/render/manifests.hpp"

using gs::render::generate_manifests;
using gs::render::GitTree;
using gs::render::SourceType;

TEST_CASE("GitTree: renders a kustomize overlay as it was at a commit") {
  auto repo = gs::git::Repository::create("shop");
  REQUIRE(repo.ok());
  const gs::git::Signature who{"Mina Park", "mina@example.com"};
  std::map<std::string, std::optional<std::string>> files = {
      {"apps/base/kustomization.yaml", std::string("resources:\n- cm.yaml\n")},
      {"apps/base/cm.yaml", std::string("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: \"1\"\n")},
      {"apps/dev/kustomization.yaml", std::string("resources:\n- ../base\nnamePrefix: dev-\n")},
      {"README.md", std::string("hi\n")}};
  auto first = repo->commit("main", files, who, "initial", 1'700'000'000);
  REQUIRE(first.ok());
  auto second = repo->commit("main", {{"apps/dev/kustomization.yaml", std::string("resources:\n- ../base\nnamePrefix: dev2-\n")}},
                             who, "rename", 1'700'000'100);
  REQUIRE(second.ok());

  auto old_tree = GitTree::at(*repo, *first);
  REQUIRE(old_tree.ok());
  auto old = generate_manifests(*old_tree, "apps/dev");
  REQUIRE(old.ok());
  CHECK(old->type == SourceType::Kustomize);
  REQUIRE(old->objects.size() == 1);
  CHECK(old->objects[0].get_string({"metadata", "name"}) == std::optional<std::string>("dev-settings"));

  auto head = GitTree::at(*repo, "main");
  REQUIRE(head.ok());
  CHECK(head->sha() == *second);
  auto now = generate_manifests(*head, "apps/dev");
  REQUIRE(now.ok());
  CHECK(now->objects[0].get_string({"metadata", "name"}) == std::optional<std::string>("dev2-settings"));

  // A plain directory from git, and a path that does not exist.
  auto base = generate_manifests(*head, "apps/base/..");
  REQUIRE(base.ok());
  CHECK(base->type == SourceType::Directory);
  CHECK(base->objects.empty());
  CHECK_FALSE(generate_manifests(*head, "apps/nope").ok());
  CHECK_FALSE(GitTree::at(*repo, "no-such-branch").ok());
}
