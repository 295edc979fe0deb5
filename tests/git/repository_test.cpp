#include <catch2/catch.hpp>

#include "sim/git/repository.hpp"

using gs::git::CommitInfo;
using gs::git::FileChange;
using gs::git::Repository;
using gs::git::Signature;
using gs::git::TreeEntry;
using Files = std::map<std::string, std::optional<std::string>>;

namespace {

const Signature kMina{"Mina Park", "mina@example.com"};
const Signature kJun{"Jun Lee", "jun@example.com"};
constexpr std::int64_t kT0 = 1767603600;  // 2026-01-05T09:00:00Z

Repository make_repo() {
  auto r = Repository::create("platform");
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::string must(gs::Result<std::string> r) {
  INFO((r.ok() ? std::string() : r.error().message));
  REQUIRE(r.ok());
  return std::move(r).value();
}

// A repository with main = A(add app) -> B(scale).
struct Fixture {
  Repository repo = make_repo();
  std::string a, b;
  Fixture() {
    a = must(repo.commit("main", {{"apps/web/deployment.yaml", "kind: Deployment\n"}, {"README.md", "# platform\n"}},
                         kMina, "Add web app", kT0));
    b = must(repo.commit("main", {{"apps/web/deployment.yaml", "kind: Deployment\nreplicas: 3\n"}}, kMina,
                         "Scale web to 3", kT0 + 60));
  }
};

std::vector<std::string> shas(const std::vector<CommitInfo>& log) {
  std::vector<std::string> out;
  for (const auto& c : log) out.push_back(c.sha);
  return out;
}

}  // namespace

TEST_CASE("Signature: parses 'Name <email>' and refuses other forms", "[git]") {
  auto s = gs::git::parse_signature("  Mina Park <mina@example.com> ");
  REQUIRE(s.ok());
  CHECK(s->name == "Mina Park");
  CHECK(s->email == "mina@example.com");
  CHECK(gs::git::format_signature(*s) == "Mina Park <mina@example.com>");
  for (const char* bad : {"Mina Park", "<mina@example.com>", "Mina <>", "Mina <a<b>", "Mina mina@example.com>", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(gs::git::parse_signature(bad).ok());
  }
}

TEST_CASE("Repository: commit sets, nested dirs and deletes files", "[git]") {
  Fixture f;
  CHECK(f.a.size() == 40);
  CHECK(f.repo.branches() == std::vector<std::string>{"main"});
  CHECK(*f.repo.read_file("main", "apps/web/deployment.yaml") == "kind: Deployment\nreplicas: 3\n");
  CHECK(*f.repo.read_file(f.a, "apps/web/deployment.yaml") == "kind: Deployment\n");

  auto c = f.repo.commit("main", {{"README.md", std::nullopt}, {"apps/api/svc.yaml", "kind: Service\n"}}, kMina,
                         "Remove readme, add api", kT0 + 120);
  REQUIRE(c.ok());
  auto readme = f.repo.read_file("main", "README.md");
  REQUIRE_FALSE(readme.ok());
  CHECK(readme.error().message == "path README.md not found at main");
  CHECK(*f.repo.read_file("main", "apps/api/svc.yaml") == "kind: Service\n");

  // Deleting the last file of a directory removes the directory, as in git.
  REQUIRE(f.repo.commit("main", {{"apps/api/svc.yaml", std::nullopt}}, kMina, "Drop api", kT0 + 180).ok());
  CHECK_FALSE(*f.repo.is_dir("main", "apps/api"));
  CHECK(*f.repo.list_tree("main", "apps", false) == std::vector<TreeEntry>{{"apps/web", true}});

  // A file may become a directory of the same name in one commit.
  REQUIRE(f.repo.commit("main", {{"docs", "docs\n"}}, kMina, "Docs", kT0 + 240).ok());
  REQUIRE(f.repo.commit("main", {{"docs", std::nullopt}, {"docs/index.md", "moved\n"}}, kMina, "Move docs", kT0 + 300)
              .ok());
  CHECK(*f.repo.is_dir("main", "docs"));
  CHECK(*f.repo.read_file("main", "docs/index.md") == "moved\n");
}

TEST_CASE("Repository: commit refuses bad input and changes nothing", "[git]") {
  Fixture f;
  auto refused = [&](const Files& files, std::string_view message, std::string_view expect) {
    auto r = f.repo.commit("main", files, kMina, message, kT0 + 300);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains(std::string(expect)));
    CHECK(*f.repo.resolve("main") == f.b);
  };
  refused({{"x", "1"}}, "", "empty commit message");
  refused({{"x", "1"}}, " \n\n  \n", "empty commit message");
  refused({}, "noop", "nothing to commit");
  refused({{"README.md", "# platform\n"}}, "same content", "nothing to commit");
  refused({{"missing.txt", std::nullopt}}, "rm", "cannot delete 'missing.txt': no such file");
  refused({{"apps", std::nullopt}}, "rm dir", "cannot delete 'apps': it is a directory");
  refused({{"apps/web", "file over dir"}}, "f", "cannot write file 'apps/web': it is a directory");
  refused({{"README.md/x", "under a file"}}, "f", "'README.md' is a file");
  refused({{"n", "1"}, {"n/m", "2"}}, "both", "both a file and a directory");
}

TEST_CASE("Repository: paths that escape the tree are refused", "[git]") {
  Fixture f;
  for (const char* path : {"../x", "/etc/passwd", ".git/config", "a//b", "a/../b", "a/./b", "a\\b", "a/", ".GIT/hooks/x",
                           "apps/.git"}) {
    CAPTURE(path);
    auto r = f.repo.commit("main", {{path, "evil"}}, kMina, "escape", kT0 + 300);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(gs::git::validate_path(path).ok());
    CHECK_FALSE(f.repo.read_file("main", path).ok());
  }
  CHECK(*f.repo.resolve("main") == f.b);
  CHECK(gs::git::validate_path("apps/web/a..b.yaml").ok());  // '..' inside a name is fine
}

TEST_CASE("Repository: branches start from a revision or as a root commit", "[git]") {
  Fixture f;
  auto c = must(f.repo.commit("feature/scale", {{"apps/web/deployment.yaml", "replicas: 5\n"}}, kJun, "Scale to 5",
                              kT0 + 120, std::string_view("main~1")));
  CHECK(f.repo.commit_info(c)->parents == std::vector<std::string>{f.a});
  // `from` only matters when the branch is new.
  auto d = must(f.repo.commit("feature/scale", {{"x.txt", "x"}}, kJun, "x", kT0 + 130, std::string_view("main")));
  CHECK(f.repo.commit_info(d)->parents == std::vector<std::string>{c});

  auto orphan = must(f.repo.commit("docs", {{"index.md", "hi"}}, kJun, "Docs", kT0 + 140));
  CHECK(f.repo.commit_info(orphan)->parents.empty());

  REQUIRE(f.repo.create_branch("release", "main~1").ok());
  CHECK(*f.repo.resolve("release") == f.a);
  CHECK(f.repo.branches() == std::vector<std::string>{"docs", "feature/scale", "main", "release"});

  CHECK_THAT(f.repo.create_branch("release", "main").error().message, Catch::Contains("already exists"));
  for (const char* bad : {"", "a..b", "bad name", "-x", "x.lock", "a~1", "a^", "HEAD", "x/", "feature/scale/x",
                          "feature"}) {
    CAPTURE(bad);
    CHECK_FALSE(f.repo.create_branch(bad, "main").ok());
    CHECK_FALSE(f.repo.commit(bad, {{"y", "y"}}, kMina, "y", kT0 + 150).ok());
  }
  CHECK_THAT(f.repo.create_branch("other", "nope").error().message, Catch::Contains("unknown revision 'nope'"));
  CHECK(f.repo.branches().size() == 4);
}

TEST_CASE("Repository: lightweight tags resolve to their commit", "[git]") {
  Fixture f;
  REQUIRE(f.repo.create_tag("v1.0.0", "main~1").ok());
  REQUIRE(f.repo.create_tag("v1.1.0", "main").ok());
  CHECK(*f.repo.resolve("v1.0.0") == f.a);
  CHECK(f.repo.tags() == std::vector<std::pair<std::string, std::string>>{{"v1.0.0", f.a}, {"v1.1.0", f.b}});
  CHECK_FALSE(f.repo.create_tag("v1.0.0", "main").ok());
  CHECK_FALSE(f.repo.create_tag("bad tag", "main").ok());
  CHECK_FALSE(f.repo.create_tag("v2", "nope").ok());
  // A tag does not move when its branch does.
  must(f.repo.commit("main", {{"c", "c"}}, kMina, "c", kT0 + 120));
  CHECK(*f.repo.resolve("v1.1.0") == f.b);
}

TEST_CASE("Repository: merge fast-forwards when the target is behind", "[git]") {
  Fixture f;
  REQUIRE(f.repo.create_branch("feature", "main").ok());
  auto c = must(f.repo.commit("feature", {{"f.txt", "f"}}, kJun, "Feature", kT0 + 120));
  auto merged = must(f.repo.merge("feature", "main", kMina, "Merge feature", kT0 + 180));
  CHECK(merged == c);
  CHECK(*f.repo.resolve("main") == c);
  CHECK(f.repo.log("main")->size() == 3);  // no merge commit
  // Merging again, or merging an ancestor, is already up to date.
  CHECK(must(f.repo.merge("feature", "main", kMina, "again", kT0 + 200)) == c);
  CHECK(must(f.repo.merge(f.a, "main", kMina, "old", kT0 + 200)) == c);
  CHECK(f.repo.log("main")->size() == 3);
}

TEST_CASE("Repository: merge of diverged branches makes a two-parent commit", "[git]") {
  Fixture f;
  REQUIRE(f.repo.create_branch("feature", "main").ok());
  auto ours = must(f.repo.commit("main", {{"README.md", "# platform\n\nTeam docs.\n"}}, kMina, "Docs", kT0 + 120));
  auto theirs = must(f.repo.commit("feature", {{"apps/web/service.yaml", "kind: Service\n"}}, kJun, "Service",
                                   kT0 + 130));
  auto m = must(f.repo.merge("feature", "main", kMina, "Merge branch 'feature'", kT0 + 180));
  auto info = f.repo.commit_info(m);
  REQUIRE(info.ok());
  CHECK(info->parents == std::vector<std::string>{ours, theirs});
  CHECK(info->message == "Merge branch 'feature'\n");
  CHECK(info->author == kMina);
  CHECK(info->time_s == kT0 + 180);
  CHECK(*f.repo.read_file("main", "README.md") == "# platform\n\nTeam docs.\n");
  CHECK(*f.repo.read_file("main", "apps/web/service.yaml") == "kind: Service\n");
  CHECK(*f.repo.resolve("feature") == theirs);  // the source branch does not move
}

TEST_CASE("Repository: merge combines edits to different lines of one file", "[git]") {
  auto repo = make_repo();
  must(repo.commit("main", {{"v.yaml", "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n"}}, kMina, "base", kT0));
  REQUIRE(repo.create_branch("feature", "main").ok());
  must(repo.commit("main", {{"v.yaml", "a: 10\nb: 2\nc: 3\nd: 4\ne: 5\n"}}, kMina, "a", kT0 + 1));
  must(repo.commit("feature", {{"v.yaml", "a: 1\nb: 2\nc: 3\nd: 4\ne: 50\n"}}, kJun, "e", kT0 + 2));
  must(repo.merge("feature", "main", kMina, "merge", kT0 + 3));
  CHECK(*repo.read_file("main", "v.yaml") == "a: 10\nb: 2\nc: 3\nd: 4\ne: 50\n");
}

TEST_CASE("Repository: a merge conflict is an error and changes nothing", "[git]") {
  Fixture f;
  REQUIRE(f.repo.create_branch("feature", "main").ok());
  must(f.repo.commit("main", {{"apps/web/deployment.yaml", "replicas: 4\n"}, {"README.md", "ours\n"}}, kMina, "ours",
                     kT0 + 120));
  must(f.repo.commit("feature", {{"apps/web/deployment.yaml", "replicas: 5\n"}, {"README.md", "theirs\n"}}, kJun,
                     "theirs", kT0 + 130));
  const auto branches_before = f.repo.branches();
  const auto main_before = *f.repo.resolve("main");
  const auto feature_before = *f.repo.resolve("feature");
  const auto log_before = shas(*f.repo.log("main"));

  auto r = f.repo.merge("feature", "main", kMina, "Merge", kT0 + 180);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "cannot merge 'feature' into 'main': conflict in README.md, apps/web/deployment.yaml");
  CHECK(f.repo.branches() == branches_before);
  CHECK(*f.repo.resolve("main") == main_before);
  CHECK(*f.repo.resolve("feature") == feature_before);
  CHECK(shas(*f.repo.log("main")) == log_before);

  auto unrelated = f.repo.commit("orphan", {{"o", "o"}}, kJun, "orphan", kT0 + 200);
  REQUIRE(unrelated.ok());
  CHECK_THAT(f.repo.merge("orphan", "main", kMina, "m", kT0 + 210).error().message,
             Catch::Contains("unrelated histories"));
  CHECK_THAT(f.repo.merge("feature", "nope", kMina, "m", kT0 + 210).error().message,
             Catch::Contains("branch 'nope' not found"));
}

TEST_CASE("Repository: revert restores content with git's message", "[git]") {
  Fixture f;
  auto r = must(f.repo.revert("main", f.b, kJun, kT0 + 120));
  CHECK(*f.repo.read_file("main", "apps/web/deployment.yaml") == "kind: Deployment\n");
  auto info = f.repo.commit_info(r);
  REQUIRE(info.ok());
  CHECK(info->message == "Revert \"Scale web to 3\"\n\nThis reverts commit " + f.b + ".\n");
  CHECK(info->parents == std::vector<std::string>{f.b});
  CHECK(info->author == kJun);
  // Reverting the revert brings the change back.
  must(f.repo.revert("main", "main", kJun, kT0 + 180));
  CHECK(*f.repo.read_file("main", "apps/web/deployment.yaml") == "kind: Deployment\nreplicas: 3\n");
}

TEST_CASE("Repository: revert uses the first line of the message as subject", "[git]") {
  auto repo = make_repo();
  must(repo.commit("main", {{"a", "1"}}, kMina, "base", kT0));
  auto c = must(repo.commit("main", {{"a", "2"}}, kMina, "\n\nBump a\nto two\n\nBody text.", kT0 + 1));
  auto r = must(repo.revert("main", c, kMina, kT0 + 2));
  CHECK(repo.commit_info(r)->message == "Revert \"Bump a\"\n\nThis reverts commit " + c + ".\n");
}

TEST_CASE("Repository: a conflicting or empty revert is an error and changes nothing", "[git]") {
  Fixture f;
  must(f.repo.commit("main", {{"apps/web/deployment.yaml", "replicas: 9\n"}}, kMina, "nine", kT0 + 120));
  const auto head = *f.repo.resolve("main");
  auto r = f.repo.revert("main", f.b, kJun, kT0 + 180);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "cannot revert " + f.b + " on 'main': conflict in apps/web/deployment.yaml");
  CHECK(*f.repo.resolve("main") == head);
  CHECK(f.repo.log("main")->size() == 3);

  // Undone by hand already: the revert would change nothing.
  auto undo = must(f.repo.commit("main", {{"apps/web/deployment.yaml", "kind: Deployment\nreplicas: 3\n"}}, kMina,
                                 "back to three", kT0 + 200));
  auto nine = *f.repo.resolve("main~1");
  auto empty = f.repo.revert("main", nine, kJun, kT0 + 220);
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.error().message, Catch::Contains("nothing to commit"));
  CHECK(*f.repo.resolve("main") == undo);
  CHECK_FALSE(f.repo.revert("nope", "main", kJun, kT0 + 220).ok());
  CHECK_FALSE(f.repo.revert("main", "nope", kJun, kT0 + 220).ok());
}

TEST_CASE("Repository: reverting a merge commit is refused", "[git]") {
  Fixture f;
  REQUIRE(f.repo.create_branch("feature", "main~1").ok());
  must(f.repo.commit("feature", {{"f", "f"}}, kJun, "f", kT0 + 120));
  auto m = must(f.repo.merge("feature", "main", kMina, "merge", kT0 + 180));
  auto r = f.repo.revert("main", m, kMina, kT0 + 200);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains("merge commit"));
  CHECK(*f.repo.resolve("main") == m);
}

TEST_CASE("Repository: reset force-moves a branch", "[git]") {
  Fixture f;
  REQUIRE(f.repo.reset("main", f.a).ok());
  CHECK(*f.repo.resolve("main") == f.a);
  CHECK(f.repo.log("main")->size() == 1);
  // The old commit is still there, as after a force push.
  CHECK(*f.repo.read_file(f.b, "apps/web/deployment.yaml") == "kind: Deployment\nreplicas: 3\n");
  REQUIRE(f.repo.reset("main", f.b).ok());
  CHECK(*f.repo.resolve("main") == f.b);
  CHECK_FALSE(f.repo.reset("nope", f.a).ok());
  CHECK_FALSE(f.repo.reset("main", "nope").ok());
  CHECK(*f.repo.resolve("main") == f.b);
}

TEST_CASE("Repository: resolve accepts branches, tags, SHAs, prefixes and ancestry", "[git]") {
  Fixture f;
  REQUIRE(f.repo.create_tag("v1", "main~1").ok());
  CHECK(*f.repo.resolve("main") == f.b);
  CHECK(*f.repo.resolve("HEAD") == f.b);
  CHECK(*f.repo.resolve("v1") == f.a);
  CHECK(*f.repo.resolve(f.b) == f.b);
  CHECK(*f.repo.resolve(f.b.substr(0, 4)) == f.b);
  CHECK(*f.repo.resolve(f.b.substr(0, 12)) == f.b);
  std::string upper = f.b.substr(0, 10);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(*f.repo.resolve(upper) == f.b);
  CHECK(*f.repo.resolve("main~1") == f.a);
  CHECK(*f.repo.resolve("main~") == f.a);
  CHECK(*f.repo.resolve("main^") == f.a);
  CHECK(*f.repo.resolve("main^0") == f.b);
  CHECK(*f.repo.resolve("main~0") == f.b);
  CHECK(*f.repo.resolve(f.b.substr(0, 8) + "~1") == f.a);

  auto bad = [&](std::string_view rev, std::string_view expect) {
    CAPTURE(rev);
    auto r = f.repo.resolve(rev);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains(std::string(expect)));
  };
  bad("", "empty revision");
  bad("nope", "unknown revision 'nope'");
  bad(f.b.substr(0, 3), "unknown revision");  // too short for a prefix
  bad("main~2", "past the root commit");
  bad("main^2", "no parent 2");
  bad("main~x", "bad revision");
  bad("0000000000000000000000000000000000000000", "unknown revision");
}

TEST_CASE("Repository: an ambiguous SHA prefix is an error", "[git]") {
  auto repo = make_repo();
  // Enough commits that two share their first 4 hex digits (birthday bound).
  std::map<std::string, std::string> by_prefix;
  std::string clash;
  for (int i = 0; i < 2000 && clash.empty(); ++i) {
    auto sha = must(repo.commit("main", {{"n", std::to_string(i)}}, kMina, "n", kT0 + i));
    auto [it, fresh] = by_prefix.emplace(sha.substr(0, 4), sha);
    if (!fresh) clash = sha.substr(0, 4);
  }
  REQUIRE_FALSE(clash.empty());
  auto r = repo.resolve(clash);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains("ambiguous"));
}

TEST_CASE("Repository: log lists commits newest first", "[git]") {
  Fixture f;
  REQUIRE(f.repo.create_branch("feature", "main").ok());
  auto c = must(f.repo.commit("main", {{"c", "c"}}, kMina, "C", kT0 + 120));
  auto d = must(f.repo.commit("feature", {{"d", "d"}}, kJun, "D", kT0 + 130));
  auto m = must(f.repo.merge("feature", "main", kMina, "M", kT0 + 200));
  auto log = f.repo.log("main");
  REQUIRE(log.ok());
  CHECK(shas(*log) == std::vector<std::string>{m, d, c, f.b, f.a});
  CHECK((*log)[3].message == "Scale web to 3\n");
  CHECK((*log)[3].author == kMina);
  CHECK((*log)[3].time_s == kT0 + 60);
  CHECK((*log)[3].parents == std::vector<std::string>{f.a});
  CHECK(shas(*f.repo.log("main", 2)) == std::vector<std::string>{m, d});
  CHECK(shas(*f.repo.log("main~1")) == std::vector<std::string>{c, f.b, f.a});
  CHECK_FALSE(f.repo.log("nope").ok());

  // Children come before parents even when the clock says otherwise.
  auto repo = make_repo();
  auto x = must(repo.commit("main", {{"x", "1"}}, kMina, "x", kT0 + 100));
  auto y = must(repo.commit("main", {{"x", "2"}}, kMina, "y", kT0));
  CHECK(shas(*repo.log("main")) == std::vector<std::string>{y, x});
}

TEST_CASE("Repository: diff lists changed paths with new content", "[git]") {
  Fixture f;
  must(f.repo.commit("main", {{"README.md", std::nullopt}, {"apps/api/svc.yaml", "kind: Service\n"}}, kMina, "c",
                     kT0 + 120));
  auto d = f.repo.diff(f.a, "main");
  REQUIRE(d.ok());
  CHECK(*d == std::vector<FileChange>{{"README.md", std::nullopt},
                                      {"apps/api/svc.yaml", "kind: Service\n"},
                                      {"apps/web/deployment.yaml", "kind: Deployment\nreplicas: 3\n"}});
  CHECK(f.repo.diff("main", "main")->empty());
  auto initial = f.repo.diff("", f.a);
  REQUIRE(initial.ok());
  CHECK(initial->size() == 2);
  CHECK_FALSE(f.repo.diff("nope", "main").ok());
}

TEST_CASE("Repository: read_file, list_tree and is_dir browse a revision", "[git]") {
  Fixture f;
  must(f.repo.commit("main", {{"apps/web/overlays/prod/kustomization.yaml", "resources: []\n"}, {"apps-list", "x"}},
                     kMina, "more", kT0 + 120));
  CHECK(*f.repo.list_tree("main", "", false) ==
        std::vector<TreeEntry>{{"README.md", false}, {"apps", true}, {"apps-list", false}});
  CHECK(*f.repo.list_tree("main", "apps/web", false) ==
        std::vector<TreeEntry>{{"apps/web/deployment.yaml", false}, {"apps/web/overlays", true}});
  CHECK(*f.repo.list_tree("main", "apps", true) ==
        std::vector<TreeEntry>{{"apps/web", true},
                               {"apps/web/deployment.yaml", false},
                               {"apps/web/overlays", true},
                               {"apps/web/overlays/prod", true},
                               {"apps/web/overlays/prod/kustomization.yaml", false}});
  CHECK_THAT(f.repo.list_tree("main", "nope", false).error().message,
             Catch::Equals("directory nope not found at main"));
  CHECK_THAT(f.repo.list_tree("main", "README.md", false).error().message, Catch::Contains("is a file"));
  CHECK_FALSE(f.repo.list_tree("nope", "", false).ok());

  CHECK(*f.repo.is_dir("main", ""));
  CHECK(*f.repo.is_dir("main", "apps/web/overlays"));
  CHECK_FALSE(*f.repo.is_dir("main", "apps/web/deployment.yaml"));
  CHECK_FALSE(*f.repo.is_dir("main", "nope"));
  CHECK_FALSE(f.repo.is_dir("nope", "apps").ok());

  CHECK_THAT(f.repo.read_file("main", "apps/web").error().message, Catch::Contains("is a directory"));
  CHECK_THAT(f.repo.read_file("main", "apps/web/nope.yaml").error().message,
             Catch::Equals("path apps/web/nope.yaml not found at main"));
  CHECK_FALSE(f.repo.read_file("nope", "README.md").ok());
}

TEST_CASE("Repository: the same inputs give the same SHAs", "[git]") {
  Fixture one;
  Fixture two;
  CHECK(one.a == two.a);
  CHECK(one.b == two.b);
  auto reverted = must(one.repo.revert("main", "main", kMina, kT0 + 120));
  CHECK(reverted == must(two.repo.revert("main", "main", kMina, kT0 + 120)));
  // Pinned SHAs, produced once with real git 2.39 in an empty directory:
  //   git init -q -b main && mkdir -p apps/web
  //   export GIT_{AUTHOR,COMMITTER}_NAME='Mina Park' GIT_{AUTHOR,COMMITTER}_EMAIL=mina@example.com
  //   printf 'kind: Deployment\n' > apps/web/deployment.yaml && printf '# platform\n' > README.md
  //   export GIT_{AUTHOR,COMMITTER}_DATE='1767603600 +0000'; git add . && git commit -qm 'Add web app'
  //   printf 'kind: Deployment\nreplicas: 3\n' > apps/web/deployment.yaml && git add .
  //   export GIT_{AUTHOR,COMMITTER}_DATE='1767603660 +0000'; git commit -qm 'Scale web to 3'
  //   export GIT_{AUTHOR,COMMITTER}_DATE='1767603720 +0000'; git revert --no-edit HEAD
  //   git log --format=%H
  CHECK(one.a == "91cd11e6d70b9dec331bfdc5206723954a55bb69");
  CHECK(one.b == "907c4aa0c5e93f048b92d8f625a54b70d59295a9");
  CHECK(reverted == "35240a0557cfcaa42651b31d310f8cb01e687273");
}

TEST_CASE("Repository: moves keep the repository usable", "[git]") {
  Fixture f;
  Repository moved = std::move(f.repo);
  CHECK(moved.name() == "platform");
  CHECK(*moved.resolve("main") == f.b);
  Repository other = make_repo();
  other = std::move(moved);
  CHECK(*other.read_file("main", "README.md") == "# platform\n");
}

TEST_CASE("Repository: annotated tags, tag -f, merge --no-ff and merge commits give real git's SHAs", "[git][tag][merge]") {
  // Pinned with real git 2.39, continuing the history of "the same inputs
  // give the same SHAs" (same environment; GIT_COMMITTER_* set as below):
  //   GIT_COMMITTER_DATE='1767603720 +0000' git tag -a v1.0 -m 'First release' main~1
  //   git checkout -b feature; printf 'kind: Service\n' > apps/web/service.yaml; git add .
  //   (Jun Lee, 1767603780) git commit -qm 'Add service'; git checkout main
  //   (Mina Park, 1767603840) git merge --no-ff --no-edit feature
  //   git checkout -b staging main~1; printf 'env: staging\n' > staging.txt; git add .
  //   (Jun Lee, 1767603900) git commit -qm 'Staging config'
  //   (Mina Park, 1767603960) git merge -m 'Promote the service to staging' feature
  Fixture f;
  auto tagged = f.repo.tag("v1.0", "main~1", gs::git::TagAnnotation{kMina, kT0 + 120, "First release"}, false);
  CHECK(must(std::move(tagged)) == f.a);
  auto info = f.repo.tag_info("v1.0");
  REQUIRE(info.ok());
  CHECK(info->object == "e5ca65e8f136aa22fa0f2499f26f4f5a83869e4e");
  CHECK(info->commit == f.a);
  REQUIRE(info->annotation);
  CHECK(info->annotation->message == "First release\n");
  CHECK(info->annotation->tagger == kMina);
  CHECK(must(f.repo.resolve("v1.0")) == f.a);  // a tag resolves to its commit
  CHECK(must(f.repo.resolve("v1.0~0")) == f.a);

  const std::string c = must(f.repo.commit("feature", {{"apps/web/service.yaml", "kind: Service\n"}}, kJun, "Add service",
                                           kT0 + 180, std::string_view("main")));
  CHECK(c == "cb575b062f1dff1e6e827b3c4e1218b043d97b39");
  // main could fast-forward to feature; --no-ff makes the merge commit anyway.
  CHECK(f.repo.default_merge_message("feature", "main") == "Merge branch 'feature'");
  const std::string m = must(f.repo.merge("feature", "main", kMina, "Merge branch 'feature'", kT0 + 240, true));
  CHECK(m == "25e55aef969920793f8f8f27219793f4364973ac");
  auto merge_info = f.repo.commit_info(m);
  REQUIRE(merge_info.ok());
  CHECK(merge_info->parents == std::vector<std::string>{f.b, c});
  // Already merged: nothing to do, even with --no-ff.
  CHECK(must(f.repo.merge("feature", "main", kMina, "again", kT0 + 250, true)) == m);

  // A merge that cannot fast-forward keeps the message and the author given.
  const std::string s = must(f.repo.commit("staging", {{"staging.txt", "env: staging\n"}}, kJun, "Staging config",
                                           kT0 + 300, std::string_view("main~1")));
  CHECK(s == "6d6281a622a1b683390ecd7eef483a8404ef76f6");
  const std::string p = must(f.repo.merge("feature", "staging", kMina, "Promote the service to staging", kT0 + 360));
  CHECK(p == "3c999243356b121555a8fb7188b51da6bdee0b5b");
  CHECK(f.repo.commit_info(p)->author == kMina);
}

TEST_CASE("Repository: git tag -f moves a tag, without it an existing tag is refused and nothing changes", "[git][tag]") {
  Fixture f;
  REQUIRE(f.repo.tag("v1", f.a, std::nullopt, false).ok());
  auto again = f.repo.tag("v1", "main", std::nullopt, false);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message == "tag 'v1' already exists");
  CHECK(must(f.repo.resolve("v1")) == f.a);
  CHECK(must(f.repo.tag("v1", "main", gs::git::TagAnnotation{kJun, kT0, "Moved"}, true)) == f.b);
  CHECK(f.repo.tags() == std::vector<std::pair<std::string, std::string>>{{"v1", f.b}});
  CHECK_FALSE(f.repo.tag_info("v1")->object.empty());
  CHECK(must(f.repo.tag("v1", "main~1", std::nullopt, true)) == f.a);
  CHECK(f.repo.tag_info("v1")->object.empty());  // lightweight again
  CHECK_FALSE(f.repo.tag("bad..name", "main", std::nullopt, true).ok());
  CHECK_FALSE(f.repo.tag("v2", "main", gs::git::TagAnnotation{kJun, kT0, "   "}, false).ok());  // empty message
  CHECK_FALSE(f.repo.tag_info("v2").ok());
}

TEST_CASE("Repository: the merge message git writes without -m", "[git][merge]") {
  Fixture f;
  REQUIRE(f.repo.create_branch("develop", "main").ok());
  REQUIRE(f.repo.create_tag("v9", "main").ok());
  // As git's fmt-merge-msg (checked with git 2.39): main and master leave out " into ...".
  CHECK(f.repo.default_merge_message("develop", "staging") == "Merge branch 'develop' into staging");
  CHECK(f.repo.default_merge_message("develop", "main") == "Merge branch 'develop'");
  CHECK(f.repo.default_merge_message("develop", "master") == "Merge branch 'develop'");
  CHECK(f.repo.default_merge_message("v9", "main") == "Merge tag 'v9'");
  CHECK(f.repo.default_merge_message(f.a.substr(0, 7), "develop") == "Merge commit '" + f.a.substr(0, 7) + "' into develop");
}

TEST_CASE("Repository: log_range lists what TO has and FROM has not, touching a path, as git log FROM..TO -- PATH",
          "[git]") {
  Fixture f;
  const std::string c = must(f.repo.commit("main", {{"README.md", "# platform, again\n"}}, kJun, "Docs", kT0 + 120));
  const std::string d =
      must(f.repo.commit("main", {{"apps/api/deployment.yaml", "kind: Deployment\n"}}, kJun, "Add api", kT0 + 180));
  auto web = f.repo.log_range(f.a, d, "apps/web");
  REQUIRE(web.ok());
  CHECK(shas(*web) == std::vector<std::string>{f.b});  // c and d leave apps/web alone
  auto apps = f.repo.log_range(f.a, d, "apps");
  REQUIRE(apps.ok());
  CHECK(shas(*apps) == std::vector<std::string>{d, f.b});
  auto all = f.repo.log_range("", d, "");
  REQUIRE(all.ok());
  CHECK(shas(*all) == std::vector<std::string>{d, c, f.b, f.a});  // from "": the whole history, the root included
  auto none = f.repo.log_range(d, f.a, "");
  REQUIRE(none.ok());
  CHECK(none->empty());  // a rollback's range: nothing new
  auto api_root = f.repo.log_range("", d, "apps/api");
  REQUIRE(api_root.ok());
  CHECK(shas(*api_root) == std::vector<std::string>{d});
  CHECK_FALSE(f.repo.log_range("nope", d, "").ok());
  CHECK_FALSE(f.repo.log_range("", d, "../x").ok());
}
