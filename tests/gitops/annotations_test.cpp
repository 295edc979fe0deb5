// The argocd.argoproj.io annotations, read in one place (annotations.hpp), as
// gitops-engine reads them (pkg/sync/hook/hook.go, hook/delete_policy.go,
// syncwaves/waves.go, resource/annotations.go).
#include <catch2/catch.hpp>

#include "sim/gitops/annotations.hpp"
#include "sim/model/yaml.hpp"

using namespace gs::gitops;
using gs::model::Node;

namespace {

Node with_annotations(const std::string& annotations) {
  auto n = gs::model::parse_yaml("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations: " +
                                 annotations + "\n");
  REQUIRE(n.ok());
  return *n;
}

}  // namespace

TEST_CASE("Annotations: one CSV parser trims, drops empty values and keeps each once (resource/annotations.go "
          "GetAnnotationCSVs)",
          "[gitops][annotations]") {
  CHECK(split_csv(" PreSync , PostSync,,PreSync ") == std::vector<std::string>{"PreSync", "PostSync"});
  CHECK(split_csv("").empty());
  CHECK(split_csv(" , ").empty());
  const Node obj = with_annotations("{argocd.argoproj.io/sync-options: 'Prune=false, PruneLast=true'}");
  CHECK(has_sync_option(obj, "Prune=false"));
  CHECK(has_sync_option(obj, "PruneLast=true"));
  CHECK_FALSE(has_sync_option(obj, "Prune"));
  CHECK(sync_option_value(obj, "Prune") == std::optional<std::string>("false"));
  CHECK_FALSE(sync_option_value(obj, "Replace").has_value());
}

TEST_CASE("Annotations: hook phases, several in one annotation, Skip and unknown values (hook/hook.go)",
          "[gitops][annotations]") {
  const Node plain = with_annotations("{}");
  CHECK(hook_kind(plain) == HookKind::None);
  CHECK(hook_kinds(plain) == std::vector<HookKind>{HookKind::None});
  CHECK_FALSE(is_hook(plain));

  const Node two = with_annotations("{argocd.argoproj.io/hook: 'PreSync,PostSync'}");
  CHECK(hook_kind(two) == HookKind::PreSync);
  CHECK(hook_kinds(two) == std::vector<HookKind>{HookKind::PreSync, HookKind::PostSync});
  CHECK(phase_of(HookKind::PostSync) == SyncPhase::PostSync);
  CHECK(std::string(hook_name(HookKind::SyncFail)) == "SyncFail");

  // Skip alone: never applied. Skip beside a phase: the phase runs.
  CHECK(hook_kinds(with_annotations("{argocd.argoproj.io/hook: Skip}")) == std::vector<HookKind>{HookKind::Skip});
  CHECK(hook_kinds(with_annotations("{argocd.argoproj.io/hook: 'Skip, PreSync'}")) ==
        std::vector<HookKind>{HookKind::PreSync});
  // A value naming no hook type is never applied and has no status.
  CHECK(hook_kind(with_annotations("{argocd.argoproj.io/hook: Sometimes}")) == HookKind::Skip);
}

TEST_CASE("Annotations: delete policies default to BeforeHookCreation (hook/delete_policy.go)",
          "[gitops][annotations]") {
  CHECK(hook_delete_policies(with_annotations("{argocd.argoproj.io/hook: PreSync}")) ==
        std::vector<HookDeletePolicy>{HookDeletePolicy::BeforeHookCreation});
  const Node both = with_annotations("{argocd.argoproj.io/hook-delete-policy: 'HookSucceeded, HookFailed'}");
  CHECK(has_delete_policy(both, HookDeletePolicy::HookSucceeded));
  CHECK(has_delete_policy(both, HookDeletePolicy::HookFailed));
  CHECK_FALSE(has_delete_policy(both, HookDeletePolicy::BeforeHookCreation));
  // Only unknown words: as if none were given.
  CHECK(has_delete_policy(with_annotations("{argocd.argoproj.io/hook-delete-policy: Never}"),
                          HookDeletePolicy::BeforeHookCreation));
}

TEST_CASE("Annotations: the sync wave is an integer, 0 when absent or not one (syncwaves/waves.go)",
          "[gitops][annotations]") {
  CHECK(sync_wave(with_annotations("{}")) == 0);
  CHECK(sync_wave(with_annotations("{argocd.argoproj.io/sync-wave: '-3'}")) == -3);
  CHECK(sync_wave(with_annotations("{argocd.argoproj.io/sync-wave: 'five'}")) == 0);
  CHECK(has_compare_option(with_annotations("{argocd.argoproj.io/compare-options: IgnoreExtraneous}"),
                           "IgnoreExtraneous"));
}
