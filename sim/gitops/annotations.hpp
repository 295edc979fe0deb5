// The argocd.argoproj.io annotations a manifest carries, read in one place:
// hook phases (a comma list, `PreSync,PostSync`), hook delete policies, the
// sync wave, resource-level sync options and compare options — with one CSV
// parser for all of them, as gitops-engine keeps them in tiny packages
// (pkg/sync/hook/hook.go, hook/delete_policy.go, syncwaves/waves.go,
// resource/annotations.go GetAnnotationCSVs).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/gitops/sync_order.hpp"
#include "sim/model/node.hpp"

namespace gs::gitops {

inline constexpr const char* kAnnotationHook = "argocd.argoproj.io/hook";
inline constexpr const char* kAnnotationHookDeletePolicy = "argocd.argoproj.io/hook-delete-policy";
inline constexpr const char* kAnnotationSyncWave = "argocd.argoproj.io/sync-wave";
inline constexpr const char* kAnnotationSyncOptions = "argocd.argoproj.io/sync-options";
inline constexpr const char* kAnnotationCompareOptions = "argocd.argoproj.io/compare-options";

// The annotation's value, "" when absent or not a scalar.
std::string annotation(const model::Node& obj, std::string_view key);

// Comma-separated values, each trimmed, empty ones dropped, duplicates kept
// once, in their order (resource/annotations.go GetAnnotationCSVs).
std::vector<std::string> split_csv(std::string_view text);
std::vector<std::string> annotation_csv(const model::Node& obj, std::string_view key);
// Whether one of the annotation's values is exactly `value` (HasAnnotationOption).
bool has_annotation_option(const model::Node& obj, std::string_view key, std::string_view value);

// --- hooks (hook/hook.go) -------------------------------------------------------

// The phase of a resource hook, None for an ordinary resource. A Skip
// resource, or one whose hook value names no known type, is never applied
// and gets no sync status.
enum class HookKind { None, PreSync, Sync, PostSync, SyncFail, Skip };

// The first phase; Skip for a value that names no runnable phase.
HookKind hook_kind(const model::Node& obj);
// Every phase a hook runs in ("PreSync,PostSync" runs twice: the second run
// deletes and re-creates the first one's object); {None} for a resource,
// {Skip} for one never applied.
std::vector<HookKind> hook_kinds(const model::Node& obj);
inline bool is_hook(const model::Node& obj) { return hook_kind(obj) != HookKind::None; }

SyncPhase phase_of(HookKind k);
const char* hook_name(HookKind k);  // "PreSync" ... ; "" for None

// --- delete policies (hook/delete_policy.go) ----------------------------------------

enum class HookDeletePolicy { HookSucceeded, HookFailed, BeforeHookCreation };

// The hook's policies; BeforeHookCreation when none is given.
std::vector<HookDeletePolicy> hook_delete_policies(const model::Node& obj);
bool has_delete_policy(const model::Node& obj, HookDeletePolicy policy);

// --- waves (syncwaves/waves.go) ---------------------------------------------------

// The sync-wave annotation, 0 when absent or not an integer.
int sync_wave(const model::Node& obj);

// --- options ---------------------------------------------------------------------

// argocd.argoproj.io/sync-options on a resource: `Prune=false`, `PruneLast=true`,
// `Replace=true`, `Validate=false`, ... (the resource's value overrides the app's).
bool has_sync_option(const model::Node& obj, std::string_view option);
// The value of a KEY=VALUE sync option on a resource (GetAnnotationOptionValue).
std::optional<std::string> sync_option_value(const model::Node& obj, std::string_view key);
// argocd.argoproj.io/compare-options: `IgnoreExtraneous`, ...
bool has_compare_option(const model::Node& obj, std::string_view option);

}  // namespace gs::gitops
