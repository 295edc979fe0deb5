#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/model/yaml.hpp"
#include "sim/scenario/loader.hpp"

using gs::Duration;
using gs::scenario::load_scenario_file;
using gs::scenario::load_scenario_text;
using gs::scenario::Timing;

namespace {

const std::string kData = std::string(GS_TEST_DATA_DIR) + "/scenario/";

const char* kMinimal = "apiVersion: gitops-sim/v1\nkind: Scenario\nmetadata: {name: minimal}\n";

}  // namespace

TEST_CASE("Loader: the spec's example scenario loads with its values", "[scenario][loader]") {
  const auto r = load_scenario_file(kData + "valid/full.yaml");
  INFO(gs::render_all(r.errors));
  REQUIRE(r.ok());
  REQUIRE(r.errors.empty());
  const auto& s = *r.scenario;
  CHECK(s.name == "drift-self-heal");
  CHECK(s.title.en == "Drift and self-heal");
  CHECK(s.title.ko == "드리프트와 셀프 힐링");
  CHECK(s.description.en == "Hand edits are undone");
  CHECK(s.file == kData + "valid/full.yaml");
  CHECK(s.end == Duration::minutes(30));

  const auto& w = s.world;
  CHECK(w.seed == 42);
  CHECK(w.clock_start_epoch_s == 1767603600);
  CHECK(w.settings.reconciliation_timeout == Duration::minutes(3));
  CHECK(w.settings.self_heal_timeout == Duration::seconds(5));
  CHECK(w.settings.watch_delay == Duration::seconds(1));
  CHECK(w.settings.apply_latency == Duration::millis(200));
  CHECK(w.settings.profile == "default");
  REQUIRE(w.clusters.size() == 2);
  CHECK(w.clusters[1].name == "prod");
  CHECK(w.clusters[1].server == "https://prod.k8s.example");
  CHECK(w.clusters[1].pos.line == 18);
  REQUIRE(w.registry.size() == 1);
  CHECK(w.registry[0].tags == std::vector<std::string>{"1.0.0", "1.1.0"});

  REQUIRE(w.repos.size() == 1);
  const auto& repo = w.repos[0];
  CHECK(repo.name == "shop-config");
  CHECK(repo.url == "https://git.example/shop/config.git");
  CHECK_FALSE(repo.webhook);
  REQUIRE(repo.commits.size() == 2);
  CHECK(repo.commits[0].branch == "main");
  CHECK(repo.commits[0].author == "Mina Park <mina@example.com>");
  CHECK(repo.commits[0].files.size() == 4);
  CHECK(repo.commits[0].files.at("base/kustomization.yaml") == std::optional<std::string>("resources: [deployment.yaml]\n"));
  CHECK(repo.commits[1].from == std::optional<std::string>("main"));
  CHECK(repo.commits[1].author == "gitops-sim <sim@gitops-sim.example>");  // the default
  CHECK(repo.commits[1].files.at("README.md") == std::nullopt);            // delete:

  REQUIRE(w.applications.size() == 2);
  CHECK(w.applications[0].get_string({"metadata", "name"}) == std::optional<std::string>("shop-dev"));
  REQUIRE(w.projects.size() == 1);
  REQUIRE(w.live.size() == 1);
  CHECK(w.live[0].cluster == "prod");
  CHECK_FALSE(w.live[0].object.contains("cluster"));  // the placement is not part of the object
  CHECK(w.live[0].object.get_string({"metadata", "name"}) == std::optional<std::string>("legacy"));

  REQUIRE(s.timeline.size() == 4);
  CHECK(s.timeline[0].at == Duration::minutes(1));
  CHECK(s.timeline[0].run->rfind("git commit shop-config@develop", 0) == 0);
  CHECK(s.timeline[0].files.at("overlays/dev/replicas.yaml") == std::optional<std::string>("replicas: 3\n"));
  CHECK(s.timeline[0].files.at("base/kustomization.yaml") == std::nullopt);
  CHECK(s.timeline[2].note->ko == "누군가 손으로 스케일을 바꿉니다");
  CHECK_FALSE(s.timeline[3].run);
  CHECK(s.timeline[3].pause->en == "What will the controller do now?");
  CHECK(s.timeline[3].pos.line == 104);

  REQUIRE(s.expect.size() == 5);
  const auto& e0 = s.expect[0];
  CHECK(e0.timing == Timing::At);
  CHECK(e0.at == Duration::minutes(5));
  CHECK(e0.app == std::optional<std::string>("shop-dev"));
  CHECK(e0.text == "at 5m: app shop-dev sync=Synced health=Healthy revision=develop");
  const auto& e1 = s.expect[1];
  CHECK(e1.timing == Timing::By);
  CHECK(e1.from == Duration::minutes(8));
  CHECK(e1.at == Duration::minutes(9));
  REQUIRE(e1.resource);
  CHECK(e1.resource->cluster == "dev");
  CHECK(e1.resource->ns == "shop");
  CHECK(e1.field == std::optional<std::string>("spec.replicas"));
  CHECK(*e1.equals == gs::model::Node::integer(3));
  CHECK(e1.text == "from 8m by 9m: resource dev/shop/Deployment/web spec.replicas=3");
  CHECK(s.expect[2].timing == Timing::Never);
  CHECK(s.expect[2].text == "never: event SyncFailed app=shop-dev");
  CHECK(s.expect[3].text == "at 30m: resource prod/Namespace/shop exists");
  CHECK(s.expect[4].at_least == std::optional<std::int64_t>(2));
  REQUIRE(s.goals.size() == 1);
  CHECK(s.goals[0].timing == Timing::Untimed);
  CHECK(s.goals[0].text == "app shop-prod sync=Synced historyLength=1");
}

TEST_CASE("Loader: a minimal scenario takes the format's defaults", "[scenario][loader]") {
  const auto r = load_scenario_text(kMinimal, "minimal.yaml");
  REQUIRE(r.ok());
  const auto& s = *r.scenario;
  CHECK(s.title.en == "minimal");  // the title defaults to the name
  CHECK(s.end == Duration::hours(1));
  CHECK(s.world.seed == 1);
  CHECK(s.world.clusters.empty());  // WorldSpec: empty means the one in-cluster
  CHECK(s.world.settings.reconciliation_timeout == Duration::seconds(180));
  CHECK(s.world.file == "minimal.yaml");
}

TEST_CASE("Loader: the in-cluster default is what apps and checks can name", "[scenario][loader]") {
  const std::string text = std::string(kMinimal) +
                           "live:\n  - {cluster: in-cluster, apiVersion: v1, kind: Namespace, metadata: {name: shop}}\n"
                           "expect:\n  - {at: 1m, resource: {kind: Namespace, name: shop}, exists: true}\n";
  const auto r = load_scenario_text(text, "in-cluster.yaml");
  INFO(gs::render_all(r.errors));
  REQUIRE(r.ok());
  CHECK(r.scenario->expect[0].resource->cluster == "in-cluster");  // one cluster: naming it is optional
}

TEST_CASE("Loader: profile argocd-3 sets Argo CD 3 defaults, explicit fields win", "[scenario][loader]") {
  const auto r = load_scenario_text(std::string(kMinimal) + "settings: {reconciliationJitter: 10s, profile: argocd-3}\n",
                                    "p.yaml");
  REQUIRE(r.ok());
  const auto& st = r.scenario->world.settings;
  CHECK(st.profile == "argocd-3");
  CHECK(st.reconciliation_timeout == Duration::seconds(120));
  CHECK(st.reconciliation_jitter == Duration::seconds(10));
}

TEST_CASE("Loader: all problems come in one pass, in position order", "[scenario][loader]") {
  const auto r = load_scenario_file(kData + "three-problems.yaml");
  CHECK_FALSE(r.ok());
  REQUIRE(r.errors.size() == 3);
  const std::string f = kData + "three-problems.yaml:";
  CHECK(r.errors[0].render() == f + "5:7: 'seed' must be an integer, not a string 'abc'");
  CHECK(r.errors[1].render() == f + "7:50: unknown field 'region' in cluster");
  CHECK(r.errors[2].render().rfind(f + "9:9: 'at': expected a duration such as 30s or 5m", 0) == 0);
}

TEST_CASE("Loader: file-level failures are positioned errors", "[scenario][loader]") {
  namespace fs = std::filesystem;
  SECTION("a missing file") {
    const auto r = load_scenario_file(kData + "no-such-file.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].render().rfind(kData + "no-such-file.yaml:1:1: cannot read scenario", 0) == 0);
  }
  SECTION("a directory") {
    const auto r = load_scenario_file(kData + "bad");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("directory") != std::string::npos);
  }
  SECTION("a file over 4 MiB is refused before it is parsed") {
    const fs::path big = fs::temp_directory_path() / "gs-scenario-test-huge.yaml";
    {
      std::ofstream out(big, std::ios::binary);
      const std::string line = "# " + std::string(1000, 'x') + "\n";
      for (int i = 0; i < 4300; ++i) out << line;
    }
    const auto r = load_scenario_file(big);
    fs::remove(big);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].pos->line == 1);
    CHECK(r.errors[0].message.find("limited to 4 MiB") != std::string::npos);
  }
  SECTION("text over 4 MiB") {
    const auto r = load_scenario_text(std::string(gs::scenario::kMaxScenarioBytes + 1, '#'), "big.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].render().rfind("big.yaml:1:1: the file is", 0) == 0);
  }
  SECTION("control characters") {
    const auto r = load_scenario_text(std::string(kMinimal) + "seed: 1\x07\n", "bell.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].render() == "bell.yaml:4:8: the file contains control character 0x07; a scenario file is UTF-8 text");
  }
  SECTION("a byte order mark is fine") {
    CHECK(load_scenario_text("\xEF\xBB\xBF" + std::string(kMinimal), "bom.yaml").ok());
  }
}

TEST_CASE("Loader: a repo history is checked branch by branch", "[scenario][loader]") {
  const std::string repo = std::string(kMinimal) +
                           "repos:\n"
                           "  - name: r\n"
                           "    url: https://git.example/r.git\n"
                           "    commits:\n"
                           "      - {branch: main, message: one, files: {app/a.yaml: x}}\n";
  auto load = [&](const std::string& more) { return load_scenario_text(repo + more, "r.yaml"); };
  SECTION("a branch from another sees its files") {
    const auto r = load("      - {branch: dev, from: main, message: two, delete: [app/a.yaml]}\n");
    INFO(gs::render_all(r.errors));
    CHECK(r.ok());
  }
  SECTION("a new branch without from starts empty, like git checkout --orphan") {
    const auto r = load("      - {branch: dev, message: two, delete: [app/a.yaml]}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "cannot delete 'app/a.yaml': no such file on branch 'dev'");
  }
  SECTION("from on an existing branch") {
    const auto r = load("      - {branch: main, from: main, message: two, files: {b: y}}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("'from' only goes on the commit that creates a branch") != std::string::npos);
  }
  SECTION("a file where a directory is") {
    const auto r = load("      - {branch: main, message: two, files: {app: y}}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "'app' is a directory on branch 'main' (it holds 'app/a.yaml')");
  }
  SECTION("an invalid branch name") {
    const auto r = load("      - {branch: 'feature..x', message: two, files: {b: y}}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "invalid branch 'feature..x': a branch name cannot contain '..'");
  }
}

TEST_CASE("Loader: Application strictness follows the CRD", "[scenario][loader]") {
  const std::string base = std::string(kMinimal) +
                           "repos: [{name: r, url: https://git.example/r.git}]\n"
                           "applications:\n"
                           "  - apiVersion: argoproj.io/v1alpha1\n"
                           "    kind: Application\n"
                           "    metadata: {name: a}\n"
                           "    spec:\n"
                           "      project: default\n"
                           "      source: {repoURL: https://git.example/r.git, path: app}\n"
                           "      destination: {server: https://kubernetes.default.svc}\n";
  REQUIRE(load_scenario_text(base, "a.yaml").ok());
  auto first_error = [&](const std::string& more) {
    const auto r = load_scenario_text(base + more, "a.yaml");
    return r.errors.empty() ? std::string() : r.errors[0].message;
  };
  CHECK(first_error("      revisionHistoryLimit: -1\n") == "'revisionHistoryLimit' must be at least 0, not -1");
  CHECK(first_error("      syncPolicy: {retry: {limit: 2, backoff: {duration: 5, factor: 2}}}\n")
            .find("'duration': expected a duration") == 0);
  CHECK(first_error("      syncPolicy: {automated: {prune: yes}}\n") == "'prune' must be true or false, not a string 'yes'");
  CHECK(first_error("      sources: []\n") == "field 'sources' in spec is valid in Argo CD but not supported by gitops-sim");
  CHECK(first_error("      syncPolicy: {syncOptions: [PrunePropagationPolicy=later]}\n") ==
        "sync option PrunePropagationPolicy takes foreground, background or orphan, not 'later'");
  CHECK(first_error("      ignoreDifferences: [{group: apps, jsonPointers: [/spec/replicas]}]\n") ==
        "missing required field 'kind' in ignoreDifferences item");
  CHECK(first_error("    status: {}\n") == "field 'status' in application is valid in Argo CD but not supported by gitops-sim");
}

TEST_CASE("Loader: repo files whose aliases expand far past their size are left to the run, and child apps still count",
          "[scenario][loader]") {
  // fuzz/regressions/scenario/alias-bombs-in-repo-files: each such file cost
  // a million nodes while the loader looked for child Applications.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int k = 0; k < 9; ++k) bomb += std::string(k ? ", " : "") + "*" + static_cast<char>(c - 1);
    bomb += "]\n";
  }
  bomb += "# argoproj.io\n";
  auto block = [](const std::string& content) {
    std::string out = "|\n";
    for (std::size_t i = 0; i < content.size();) {
      const auto nl = content.find('\n', i);
      out += "            " + content.substr(i, nl - i + 1);
      i = nl + 1;
    }
    return out;
  };
  std::string text = std::string(kMinimal) +
                     "repos:\n  - name: cfg\n    url: https://git.example/cfg.git\n    commits:\n"
                     "      - branch: main\n        message: init\n        files:\n";
  for (int i = 0; i < 100; ++i) text += "          bomb" + std::to_string(i) + ".yaml: " + block(bomb);
  text += "          child.yaml: " +
          block("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: child, namespace: argocd}\n");
  text += "expect:\n  - {at: 1m, app: child, sync: Synced}\n";
  const auto r = load_scenario_text(text, "bombs.yaml");
  INFO(gs::render_all(r.errors));
  REQUIRE(r.ok());
  CHECK(r.scenario->expect[0].app == "child");
}

TEST_CASE("Loader: a repo file that is not YAML is a warning pointing into its content, and the file still loads", "[scenario][loader]") {
  const std::string file = std::string(GS_SCENARIO_DIR) + "/08-broken-manifest.yaml";
  const auto r = load_scenario_file(file);
  INFO(gs::render_all(r.errors));
  REQUIRE(r.ok());
  REQUIRE(r.warnings.size() == 1);
  // The bad line is the mis-indented `count: 3` of the 2m commit.
  std::ifstream in(file);
  std::string line;
  int n = 0, bad = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line == "           count: 3") bad = n;
  }
  REQUIRE(bad > 0);
  const auto& w = r.warnings.front();
  CAPTURE(w.render());
  REQUIRE(w.pos);
  CHECK(w.pos->line == bad);
  CHECK(w.pos->col >= 9);
  CHECK(w.message.rfind("'overlays/dev/kustomization.yaml' is not valid YAML (line 5 of the file): ", 0) == 0);
}

TEST_CASE("Loader: every shipped scenario but the broken-manifest one loads without warnings", "[scenario][loader]") {
  for (const auto& entry : std::filesystem::directory_iterator(GS_SCENARIO_DIR)) {
    if (entry.path().extension() != ".yaml") continue;
    const auto r = load_scenario_file(entry.path());
    CAPTURE(entry.path().filename().string(), gs::render_all(r.warnings));
    CHECK(r.ok());
    if (entry.path().filename() != "08-broken-manifest.yaml") CHECK(r.warnings.empty());
  }
}
