// One rule for "the same repository" (repo_url.hpp), as Argo CD's
// util/git/git.go NormalizeGitURL and SameURL.
#include <catch2/catch.hpp>

#include "sim/gitops/repo_url.hpp"

using namespace gs::gitops;

TEST_CASE("RepoURL: case, a trailing .git or / and the SSH forms name the same repository "
          "(util/git/git.go NormalizeGitURL, SameURL)",
          "[gitops][repo-url]") {
  CHECK(normalize_repo_url("https://Git.Example/Shop/Config.git") == "https://git.example/shop/config");
  CHECK(same_repo_url("https://git.example/shop/config.git", "https://git.example/shop/config"));
  CHECK(same_repo_url("https://git.example/shop/config/", "https://GIT.example/shop/config.git"));
  CHECK(same_repo_url(" https://git.example/shop/config.git/ ", "https://git.example/shop/config"));
  CHECK(same_repo_url("git@git.example:shop/config.git", "ssh://git@git.example/shop/config"));
  CHECK_FALSE(same_repo_url("https://git.example/shop/config", "https://git.example/shop/configs"));
  CHECK_FALSE(same_repo_url("", ""));
}
