#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"

namespace {

const std::string kBad = std::string(GS_TEST_DATA_DIR) + "/scenario/bad/";

struct BadFile {
  std::string file;
  std::string expected;  // "LINE:COL: start of the first error's message"
};

// Each file has one mistake; the first error must point at it and say what it is.
const std::vector<BadFile> kCases = {
      // Not YAML, or not text.
      {"yaml-syntax.yaml", "5:6: end of sequence flow not found"},
      {"empty.yaml", "1:1: empty scenario file; expected apiVersion: gitops-sim/v1"},
      {"only-comments.yaml", "1:1: empty scenario file"},
      {"top-level-list.yaml", "1:1: a scenario file is a map (apiVersion: gitops-sim/v1, kind: Scenario, ...), not a list"},
      {"binary.yaml", "5:1: the file contains a NUL byte"},
      {"invalid-utf8.yaml", "4:17: the file is not valid UTF-8"},
      {"alias-bomb.yaml", "10:41: YAML expands to more than 200000 nodes"},
      {"deep-nesting.yaml", "4:74: YAML nesting deeper than 64 levels"},
      {"duplicate-key.yaml", "5:1: duplicate key \"seed\""},
      // The scenario's own fields.
      {"wrong-api-version.yaml", "1:13: apiVersion must be 'gitops-sim/v1', not 'gitops-sim/v2'"},
      {"wrong-kind.yaml", "2:7: kind must be 'Scenario', not 'Lesson'"},
      {"missing-metadata.yaml", "1:1: missing required field 'metadata' in scenario"},
      {"bad-name.yaml", "3:18: invalid metadata.name 'Drift_Heal'"},
      {"title-plain-string.yaml", "5:10: 'title' must be a map {en: ..., ko: ...}"},
      {"title-missing-ko.yaml", "5:10: missing required field 'ko' in title"},
      {"unknown-top-field.yaml", "4:1: unknown field 'setting' in scenario; did you mean 'settings'?"},
      {"seed-not-int.yaml", "4:7: 'seed' must be an integer, not a string 'abc'"},
      {"negative-seed.yaml", "4:7: 'seed' must be at least 0, not -3"},
      {"watchdelay-zero.yaml", "5:15: 'watchDelay' must be greater than 0s"},
      {"bare-number-duration.yaml", "5:20: 'selfHealTimeout': expected a duration such as 30s or 5m"},
      {"reconciliation-timeout-below-1s.yaml",
       "5:26: 'reconciliationTimeout' must be 0s or at least 1s, not 500ms: Argo CD counts timeout.reconciliation in whole seconds"},
      {"applylatency-zero.yaml", "5:17: 'applyLatency' must be greater than 0s: every apply or prune of a sync takes time"},
      {"duration-over-a-year.yaml", "5:20: 'selfHealTimeout': 999999999d is longer than 365d, the longest time a scenario may name"},
      {"clock-end-past-30d.yaml", "4:14: clock.end 31d is past 30d, the longest a scenario may run"},
      {"bad-profile.yaml", "4:21: invalid profile 'argocd3'; expected default or argocd-3; did you mean 'argocd-3'?"},
      {"bad-clock-start.yaml", "4:16: clock.start: invalid timestamp '2026-01-05 09:00:00'"},
      {"duplicate-cluster.yaml", "6:12: duplicate cluster name 'dev' (first at line 5)"},
      // Repos and their history.
      {"webhook-maybe.yaml", "7:14: 'webhook' must be true or false, not a string 'maybe'"},
      {"path-traversal.yaml", "11:11: invalid file path '../../etc/passwd': the path has a '..' component"},
      {"absolute-path.yaml", "11:11: invalid file path '/etc/passwd': the path must be relative"},
      {"dot-git-path.yaml", "11:11: invalid file path '.git/hooks/pre-commit'"},
      {"backslash-path.yaml", "11:11: invalid file path 'app\\deploy.yaml': the path contains a backslash"},
      {"trailing-slash-path.yaml", "11:11: invalid file path 'app/': the path ends in '/'"},
      {"from-missing-branch.yaml", "12:15: 'from: mian' names no branch of repo 'shop-config' at this point; did you mean 'main'?"},
      {"delete-missing-file.yaml", "13:18: cannot delete 'app/b.yaml': no such file on branch 'main'"},
      {"bad-author.yaml", "12:17: invalid author 'mina@example.com': expected \"Name <email>\""},
      {"empty-commit.yaml", "11:9: commit needs 'files:' or 'delete:'"},
      {"duplicate-repo-url.yaml", "12:10: duplicate repo url 'https://git.example/shop/config' (first at line 6)"},
      // Argo CD objects.
      {"app-unknown-repo-url.yaml", "17:25: repoURL 'https://git.example/shop/confg.git' matches no repo in repos: (did you mean 'https://git.example/shop/config.git'?)"},
      {"app-unknown-cluster.yaml", "18:29: unknown cluster server 'https://dev.k8s.example'"},
      {"app-unknown-project.yaml", "16:16: unknown project 'shop'; expected one of default"},
      {"app-unknown-field.yaml", "20:34: unknown field 'selfheal' in spec.syncPolicy.automated; did you mean 'selfHeal'?"},
      {"app-server-and-name.yaml", "18:21: destination has both 'server' and 'name'"},
      {"app-wrong-api-version.yaml", "12:17: apiVersion of an Application must be 'argoproj.io/v1alpha1'"},
      {"app-bad-sync-option.yaml", "19:34: unknown sync option 'CreateNamespaces'; did you mean 'CreateNamespace'?"},
      {"app-retry-backoff-zero.yaml", "19:59: 'duration' must be greater than 0s"},
      {"app-retry-factor-huge.yaml", "19:71: 'factor' must be at most 1000, not 4611686018427387904"},
      {"app-helm-unsupported.yaml", "17:73: field 'helm' in spec.source is valid in Argo CD but not supported"},
      {"project-bad-sync-window.yaml", "12:34: schedule: hour: 25 is out of range 0-23"},
      {"project-sync-window-timezone.yaml", "15:21: timeZone: 'Asia/Seoul' is valid in Argo CD but gitops-sim reads schedules in UTC only"},
      {"duplicate-app.yaml", "21:22: duplicate application 'shop-dev' (first at line 14)"},
      {"live-no-cluster.yaml", "5:5: live object needs 'cluster:'"},
      {"live-unknown-cluster.yaml", "5:14: unknown cluster 'prod'; expected one of in-cluster"},
      // Timeline.
      {"timeline-bare-number.yaml", "5:9: 'at': expected a duration such as 30s or 5m, not an integer '5'"},
      {"timeline-negative-at.yaml", "5:9: 'at': negative duration '-5m'"},
      {"timeline-missing-at.yaml", "5:5: missing required field 'at' in timeline entry"},
      {"timeline-after-end.yaml", "6:9: time 20m is after clock.end (10m)"},
      {"timeline-out-of-order.yaml", "7:9: timeline entry at 2m comes after one at 5m"},
      {"timeline-run-and-pause.yaml", "7:5: timeline entry has both 'run' and 'pause'"},
      {"timeline-bad-command.yaml", "6:10: run: kubectl: unknown command 'scael'; did you mean 'scale'?"},
      {"timeline-unknown-repo.yaml", "13:10: run: git commit: unknown repo 'shop-confg'; did you mean 'shop-config'?"},
      {"timeline-unknown-app.yaml", "21:10: run: argocd app sync: unknown app 'shop-prod'"},
      {"timeline-files-without-commit.yaml", "22:5: 'files' and 'delete' go only beside a 'git commit' run"},
      {"timeline-write-without-content.yaml", "21:10: run: git write needs 'content:' beside it, the text of app/b.yaml"},
      {"timeline-content-without-write.yaml", "22:5: 'content' goes only beside a 'git write' run"},
      {"timeline-commit-nothing-staged.yaml",
       "27:10: run: git commit needs 'files:' or 'delete:' beside it, or an earlier git write or git rm on "
       "shop-config@main"},
      {"timeline-app-wait.yaml", "21:10: run: 'argocd app wait' controls the clock"},
      {"timeline-sim-command.yaml", "6:10: run: 'sim advance' controls the clock"},
      // Checks.
      {"check-unknown-field.yaml", "22:5: unknown field 'helth' in check; did you mean 'health'?"},
      {"check-bad-sync.yaml", "22:11: invalid sync 'Synched'; expected Synced, OutOfSync or Unknown; did you mean 'Synced'?"},
      {"check-two-subjects.yaml", "21:5: check has two subjects, 'app' and 'resource'"},
      {"check-no-subject.yaml", "5:5: check has no subject"},
      {"check-no-timing.yaml", "20:5: check needs a timing"},
      {"check-two-timings.yaml", "21:5: check has both 'at' and 'by'"},
      {"check-from-after-by.yaml", "21:11: 'from' (6m) is after 'by' (5m)"},
      {"check-unknown-app.yaml", "21:10: unknown app 'shop-prod'; expected one of shop-dev"},
      {"check-count-and-atleast.yaml", "8:5: give 'count' (exactly N) or 'atLeast' (N or more), not both"},
      {"check-unknown-event.yaml", "6:12: unknown event type 'SyncFailure'; did you mean 'SyncFailed'?"},
      {"check-unknown-kind.yaml", "21:39: unknown kind 'Deploymnet'; did you mean 'Deployment'?"},
      {"check-field-without-equals.yaml", "7:5: 'field' needs 'equals: VALUE'"},
      {"check-predicate-wrong-subject.yaml", "21:5: app check needs at least one of"},
      {"goal-with-timing.yaml", "20:5: goals are untimed; remove 'at'"},
      {"kind-typo.yaml", "2:7: kind must be 'Scenario', not 'Lessn'; did you mean 'Lesson'?"},
};

}  // namespace

TEST_CASE("Loader: every kind of bad file gives a positioned error", "[scenario][loader]") {
  const auto [file, expected] = GENERATE(from_range(kCases));
  CAPTURE(file, expected);
  const auto r = gs::scenario::load_scenario_file(kBad + file);
  CAPTURE(gs::render_all(r.errors));
  CHECK_FALSE(r.ok());
  REQUIRE_FALSE(r.errors.empty());
  const std::string first = r.errors.front().render();
  CHECK(first.rfind(kBad + file + ":" + expected, 0) == 0);
  for (const auto& e : r.errors) {
    REQUIRE(e.pos.has_value());
    CHECK(e.pos->line >= 1);
    CHECK(e.pos->col >= 1);
  }
}

TEST_CASE("Loader: every bad fixture is in the table", "[scenario][loader]") {
  // A fixture nobody checks would rot; count them against the table above.
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kBad)) n += entry.path().extension() == ".yaml";
  CHECK(n == kCases.size());
}

TEST_CASE("Loader: a file of another kind gets one error for its kind, none for the fields of that kind", "[scenario][loader]") {
  const auto r = gs::scenario::load_scenario_file(kBad + "kind-typo.yaml");
  CAPTURE(gs::render_all(r.errors));
  CHECK(r.errors.size() == 1);
}
