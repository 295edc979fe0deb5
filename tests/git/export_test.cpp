#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sim/git/export.hpp"
#include "sim/git/repository.hpp"

namespace fs = std::filesystem;
using gs::git::Repository;
using gs::git::Signature;

namespace {

const Signature kMina{"Mina Park", "mina@example.com"};
const Signature kJun{"Jun Lee", "jun@example.com"};
constexpr std::int64_t kT0 = 1767603600;

struct Output {
  int status = -1;
  std::string text;  // stdout and stderr together
};

// Runs a shell command, isolated from the user's git configuration.
Output run(const std::string& command) {
  Output out;
  const std::string full = "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null " + command + " 2>&1";
  FILE* p = popen(full.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.text.append(buf, n);
  const int rc = pclose(p);
  out.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

// True, with a warning, when git is not on PATH: the test then stops after
// checking the export itself.
bool skip_without_git() {
  if (std::system("command -v git >/dev/null 2>&1") == 0) return false;
  WARN("git is not on PATH: skipping the checks with real git");
  SUCCEED("export written; git checks skipped");
  return true;
}

// A fresh path under the temp dir, removed again at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() / ("gs-git-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string git() const { return "git --git-dir '" + path.string() + "' "; }
};

// git fsck --strict (and `flags`) of the export in `dir`, which must pass; its output.
std::string fsck(const TempDir& dir, const std::string& flags = "") {
  auto out = run(dir.git() + "fsck --strict --no-progress" + flags);
  INFO(out.text);
  CHECK(out.status == 0);
  return out.text;
}

std::string must(gs::Result<std::string> r) {
  INFO((r.ok() ? std::string() : r.error().message));
  REQUIRE(r.ok());
  return std::move(r).value();
}

}  // namespace

TEST_CASE("Export: git reads the exported bare repository", "[git][export]") {
  auto created = Repository::create("platform");
  REQUIRE(created.ok());
  Repository& repo = *created;
  must(repo.commit("main", {{"apps/web/deployment.yaml", "kind: Deployment\n"}, {"README.md", "# platform\n"}}, kMina,
                   "Add web app", kT0));
  auto scale = must(repo.commit("main", {{"apps/web/deployment.yaml", "kind: Deployment\nreplicas: 3\n"}}, kMina,
                                "Scale web to 3\n\nFor the launch.", kT0 + 60));
  REQUIRE(repo.create_tag("v1", "main").ok());
  must(repo.commit("feature/svc", {{"apps/web/service.yaml", "kind: Service\n"}}, kJun, "Add service", kT0 + 90,
                   std::string_view("main")));
  must(repo.commit("main", {{"README.md", "# platform\n\nDocs.\n"}}, kMina, "Docs", kT0 + 100));
  must(repo.merge("feature/svc", "main", kMina, "Merge branch 'feature/svc'", kT0 + 120));
  must(repo.revert("main", scale, kJun, kT0 + 180));
  // A refused merge leaves unreachable objects in memory; they must not be exported.
  must(repo.commit("clash", {{"README.md", "clash\n"}}, kJun, "Clash", kT0 + 200, std::string_view("main~1")));
  must(repo.commit("main", {{"README.md", "main\n"}}, kMina, "Main", kT0 + 210));
  REQUIRE_FALSE(repo.merge("clash", "main", kMina, "m", kT0 + 220).ok());

  TempDir dir;
  auto ok = gs::git::export_bare(repo, dir.path);
  INFO((ok ? std::string() : ok.error().message));
  REQUIRE(ok.ok());
  CHECK(fs::exists(dir.path / "refs/heads/feature/svc"));

  if (skip_without_git()) return;

  CHECK(fsck(dir).empty());

  std::string expected;
  auto log = repo.log("main");
  REQUIRE(log.ok());
  for (const auto& c : *log) {
    expected += gs::git::format_signature(c.author) + "|" + c.message.substr(0, c.message.find('\n')) + "\n";
  }
  auto git_log = run(dir.git() + "log --format='%an <%ae>|%s' main");
  CHECK(git_log.status == 0);
  CHECK(git_log.text == expected);
  CHECK_THAT(git_log.text, Catch::StartsWith("Mina Park <mina@example.com>|Main\n"
                                             "Jun Lee <jun@example.com>|Revert \"Scale web to 3\"\n"));

  std::string our_order;
  for (const auto& c : *log) our_order += c.sha + "\n";
  CHECK(run(dir.git() + "log --format=%H main").text == our_order);

  auto revs = run(dir.git() + "rev-parse main feature/svc v1 clash HEAD");
  CHECK(revs.text == must(repo.resolve("main")) + "\n" + must(repo.resolve("feature/svc")) + "\n" +
                         must(repo.resolve("v1")) + "\n" + must(repo.resolve("clash")) + "\n" +
                         must(repo.resolve("main")) + "\n");
  CHECK(run(dir.git() + "show main:apps/web/service.yaml").text == "kind: Service\n");
  CHECK(run(dir.git() + "cat-file -p main~1").text.find("committer Jun Lee <jun@example.com> 1767603780 +0000") !=
        std::string::npos);
}

TEST_CASE("Export: refuses a non-empty directory and exports an empty repository", "[git][export]") {
  auto created = Repository::create("empty");
  REQUIRE(created.ok());
  TempDir dir;
  fs::create_directories(dir.path);
  std::ofstream(dir.path / "keep") << "x";
  auto refused = gs::git::export_bare(*created, dir.path);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Catch::Contains("is not empty"));

  TempDir empty;
  REQUIRE(gs::git::export_bare(*created, empty.path).ok());
  if (skip_without_git()) return;
  CHECK(run(empty.git() + "rev-parse --is-bare-repository").text == "true\n");
}

TEST_CASE("Export: an annotated tag reaches git as a tag object, and fsck finds nothing", "[git][export][tag]") {
  auto created = Repository::create("platform");
  REQUIRE(created.ok());
  Repository& repo = *created;
  const std::string a = must(repo.commit("main", {{"README.md", "# platform\n"}}, kMina, "Start", kT0));
  must(repo.commit("main", {{"README.md", "# platform\n\nv2\n"}}, kMina, "Docs", kT0 + 60));
  must(repo.tag("v1.0", a, gs::git::TagAnnotation{kJun, kT0 + 120, "First release\n\nNotes."}, false));
  must(repo.tag("latest", "main", std::nullopt, false));
  TempDir dir;
  REQUIRE(gs::git::export_bare(repo, dir.path).ok());
  if (skip_without_git()) return;
  fsck(dir, " --no-dangling");
  CHECK(run(dir.git() + "cat-file -t v1.0").text == "tag\n");
  CHECK(run(dir.git() + "cat-file -t latest").text == "commit\n");
  CHECK(run(dir.git() + "rev-parse v1.0").text == repo.tag_info("v1.0")->object + "\n");
  CHECK(run(dir.git() + "rev-parse 'v1.0^{commit}'").text == a + "\n");
  CHECK(run(dir.git() + "for-each-ref --format='%(taggername)|%(subject)' refs/tags/v1.0").text ==
        "Jun Lee|First release\n");
}
