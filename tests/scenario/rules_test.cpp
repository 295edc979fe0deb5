#include <catch2/catch.hpp>

#include "sim/scenario/rules.hpp"

using namespace gs::scenario;

TEST_CASE("Rules: repo paths are relative, normalised and inside the repo", "[scenario][rules]") {
  for (const char* ok : {"a.yaml", "base/kustomization.yaml", "overlays/dev/replicas.yaml", ".github/workflows/ci.yaml",
                         "a..b/c", "dir/.gitignore"}) {
    CAPTURE(ok);
    CHECK_FALSE(repo_path_problem(ok));
  }
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a/..", "./a", "a/./b", "a//b", "a/", "a\\b",
                          ".git/config", "sub/.git/hooks/x", ".GIT/config", "a\tb"}) {
    CAPTURE(bad);
    CHECK(repo_path_problem(bad));
  }
  CHECK_FALSE(source_path_problem("."));
  CHECK_FALSE(source_path_problem("overlays/dev/"));
  CHECK(source_path_problem("/"));
  CHECK(source_path_problem("../other"));
}

TEST_CASE("Rules: branch names follow git check-ref-format", "[scenario][rules]") {
  for (const char* ok : {"main", "develop", "feature/login", "release-1.2", "user@host"}) {
    CAPTURE(ok);
    CHECK_FALSE(branch_name_problem(ok));
  }
  for (const char* bad : {"", "-x", "@", "HEAD", "a..b", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "x.lock",
                          "a/", "/a", "a//b", "a/.b", ".a", "a.", "a@{1}"}) {
    CAPTURE(bad);
    CHECK(branch_name_problem(bad));
  }
}

TEST_CASE("Rules: authors are Name <email>", "[scenario][rules]") {
  CHECK_FALSE(author_problem("Mina Park <mina@example.com>"));
  CHECK_FALSE(author_problem("bot <bot>"));
  CHECK(author_problem("mina@example.com"));
  CHECK(author_problem("<mina@example.com>"));
  CHECK(author_problem("Mina <>"));
  CHECK(author_problem("Mina <mina@example.com> extra"));
  CHECK(author_problem("Mina <mi na@example.com>"));
}

TEST_CASE("Rules: names and repo URLs", "[scenario][rules]") {
  CHECK_FALSE(object_name_problem("shop-dev"));
  CHECK_FALSE(object_name_problem("a.b-c"));
  CHECK(object_name_problem("Shop"));
  CHECK(object_name_problem("-shop"));
  CHECK(object_name_problem(std::string(254, 'a')));
  CHECK_FALSE(scenario_name_problem("drift-self-heal"));
  CHECK(scenario_name_problem("drift.heal"));
  CHECK(normalize_repo_url("https://Git.Example/Shop/Config.git/") == "https://git.example/shop/config");
  CHECK(normalize_repo_url("https://git.example/shop/config") == "https://git.example/shop/config");
}
