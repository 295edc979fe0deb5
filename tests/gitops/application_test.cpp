// Parsing an Application (application.cpp): what Argo CD accepts is read;
// what it has but gitops-sim does not model is refused at its line:col,
// never accepted and ignored.
#include <catch2/catch.hpp>

#include "sim/gitops/application.hpp"
#include "sim/model/yaml.hpp"

using namespace gs;
using namespace gs::gitops;

namespace {

Result<Application> parse(const std::string& spec_lines) {
  auto n = model::parse_yaml("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
                             "  source: {repoURL: https://git.example/config.git, path: web}\n"
                             "  destination: {server: https://dev.k8s.example, namespace: shop}\n" +
                             spec_lines);
  REQUIRE(n.ok());
  return parse_application(*n, "app.yaml");
}

}  // namespace

TEST_CASE("Application: sync options Argo CD has but gitops-sim does not model are refused where they stand "
          "(docs user-guide/sync-options)",
          "[gitops][application]") {
  const auto row = GENERATE(as<std::string>{}, "ServerSideApply=true", "Prune=confirm", "Delete=confirm", "Force=true");
  CAPTURE(row);
  auto app = parse("  syncPolicy:\n    syncOptions: [CreateNamespace=true, " + row + "]\n");
  REQUIRE_FALSE(app.ok());
  REQUIRE(app.error().pos.has_value());
  CHECK(app.error().pos->line == 8);
  CHECK(app.error().pos->col > 1);
  CHECK_THAT(app.error().message, Catch::Contains(row));
  if (row != "Force=true") CHECK_THAT(app.error().message, Catch::Contains("not supported by gitops-sim"));
  // The ones it models are read.
  for (const char* ok : {"ApplyOutOfSyncOnly=true", "Replace=true", "RespectIgnoreDifferences=true", "Validate=false",
                         "PrunePropagationPolicy=orphan", "ServerSideApply=false", "Delete=false", "Prune=false"}) {
    CAPTURE(ok);
    auto read = parse(std::string("  syncPolicy:\n    syncOptions: [") + ok + "]\n");
    REQUIRE(read.ok());
    CHECK(read->spec.sync_policy.has_option(ok));
  }
}

TEST_CASE("Application: ignoreDifferences jqPathExpressions and managedFieldsManagers are refused (gitops-sim "
          "compares jsonPointers only)",
          "[gitops][application]") {
  auto app = parse("  ignoreDifferences:\n    - kind: Deployment\n      jqPathExpressions: ['.spec.replicas']\n");
  REQUIRE_FALSE(app.ok());
  CHECK_THAT(app.error().message, Catch::Contains("jqPathExpressions is valid in Argo CD but not supported by gitops-sim"));
  REQUIRE(app.error().pos.has_value());
  CHECK(app.error().pos->line == 9);
}

TEST_CASE("Application: retry backoff durations read as Argo CD reads them: plain integers are seconds, what it "
          "cannot parse is refused (types.go parseStringToDuration)",
          "[gitops][application]") {
  auto app = parse("  syncPolicy:\n    retry: {limit: 3, backoff: {duration: 7, factor: 3, maxDuration: 2m}}\n");
  REQUIRE(app.ok());
  REQUIRE(app->spec.sync_policy.retry.has_value());
  CHECK(app->spec.sync_policy.retry->backoff.duration == Duration::seconds(7));
  CHECK(app->spec.sync_policy.retry->backoff.max_duration == Duration::minutes(2));
  auto bad = parse("  syncPolicy:\n    retry: {limit: 3, backoff: {duration: soon}}\n");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::Contains("unable to parse soon as a duration"));
}

TEST_CASE("Application: automated: {} turns automated sync on, automated: null is manual (a nil *SyncPolicyAutomated in "
          "types.go)",
          "[gitops][application]") {
  auto on = parse("  syncPolicy:\n    automated: {}\n");
  REQUIRE(on.ok());
  CHECK(on->spec.sync_policy.automated.has_value());
  for (const char* off : {"  syncPolicy:\n    automated: null\n", "  syncPolicy:\n    automated:\n",
                          "  syncPolicy:\n    automated: {enabled: false}\n"}) {
    CAPTURE(off);
    auto app = parse(off);
    REQUIRE(app.ok());
    CHECK_FALSE(app->spec.sync_policy.automated.has_value());
  }
}
