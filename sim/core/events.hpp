// Every event type a world emits, in one place: its name, its fields in the
// order they are serialised, what causes it, one constructor per type used by
// every site that emits it, and its one-line text. The JSON printer, the text
// printer (timeline, GUI) and the check reader (a typo in `event:` is an
// error) all read this catalog. Recordings store these events, so a field's
// name, order and kind are part of the contract: add, never rename.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/event.hpp"

namespace gs::events {

enum class FieldKind { Str, Int, Bool };

struct FieldDef {
  const char* name;
  FieldKind kind = FieldKind::Str;
  bool optional = false;  // present in some shapes of the type only
};

struct TypeDef {
  const char* name;
  const char* caused_by;  // what its cause id points at, for readers of a log
  std::vector<FieldDef> fields;
};

// Every type, in the spec's order, then gitops-sim's own.
const std::vector<TypeDef>& catalog();
const TypeDef* find_type(std::string_view name);
std::vector<std::string> type_names();

// One readable line per event (CLI timeline, GUI timeline panel).
std::string describe(const Event& e);
// The same in "en" or "ko": notes and pauses in that language, and the
// connecting words; the tools' own words and messages stay as they print them.
std::string describe(const Event& e, std::string_view lang);

// ---------------------------------------------------------------------------
// Constructors, one per type (or shape). `cause` is the id of the event or
// Action event that led to this one; 0 for none.

// The run itself.
Event world_created(std::uint64_t seed);
Event action(const std::string& command);
Event action_failed(const std::string& command, const std::string& error, const std::string& source);
Event output(const std::string& command, const std::string& text);
Event note(const std::string& en, const std::string& ko);
Event paused(const std::string& en, const std::string& ko);

// Git.
Event committed(const std::string& repo, const std::string& branch, const std::string& sha, const std::string& author,
                const std::string& message, EventId cause);
Event branch_created(const std::string& repo, const std::string& name, const std::string& sha, EventId cause);
Event tag_created(const std::string& repo, const std::string& name, const std::string& sha, EventId cause);
// An annotated tag (`git tag -a`, or a scenario's tag with a message): who tagged, and why.
Event annotated_tag_created(const std::string& repo, const std::string& name, const std::string& sha,
                            const std::string& tagger, const std::string& message, EventId cause);
// `git tag -f` moved an existing tag from `from` to `sha`.
Event tag_moved(const std::string& repo, const std::string& name, const std::string& sha, const std::string& from,
                EventId cause);
Event branch_reset(const std::string& repo, const std::string& branch, const std::string& sha, EventId cause);
Event webhook_received(const std::string& repo, EventId cause);

// Clusters and faults.
struct ObjectRef {
  std::string cluster, kind, ns, name;
};
Event live_changed(const ObjectRef& object, const std::string& by, const std::string& change, EventId cause);
Event fault_injected(const std::string& fault, const std::string& target, EventId cause);

// Applications (Argo CD).
Event app_refreshed(const std::string& app, const std::string& revision, const std::string& sync,
                    const std::string& health, const std::string& level, EventId cause);
Event sync_status_changed(const std::string& app, const std::string& from, const std::string& to,
                          const std::string& revision, EventId cause);
Event health_status_changed(const std::string& app, const std::string& from, const std::string& to,
                            const std::string& message, EventId cause);
Event comparison_error(const std::string& app, const std::string& message, EventId cause);
Event invalid_spec_error(const std::string& app, const std::string& message, EventId cause);
Event sync_error(const std::string& app, const std::string& message, EventId cause);
Event sync_window_blocked(const std::string& app, const std::string& revision, const std::string& message,
                          EventId cause);
Event sync_started(const std::string& app, const std::string& revision, const std::string& initiated_by, bool prune,
                   bool dry_run, EventId cause);
// type: ResourceApplied | ResourcePruned | ResourcePruneSkipped | ResourceSyncFailed
Event resource_result(const char* type, const std::string& app, const ObjectRef& object, const std::string& message,
                      EventId cause);
Event sync_retrying(const std::string& app, const std::string& revision, std::int64_t attempt,
                    const std::string& message, EventId cause);
// SyncSucceeded when `succeeded`, else SyncFailed.
Event sync_ended(bool succeeded, const std::string& app, const std::string& revision, const std::string& initiated_by,
                 const std::string& phase, const std::string& message, EventId cause);
// An app's spec changed: by `argocd app set` (the policy it now has) ...
Event app_policy_changed(const std::string& app, const std::string& sync_policy, bool self_heal, bool prune,
                         EventId cause);
// ... or one field by `argocd app set` (targetRevision, syncOptions, revisionHistoryLimit) ...
Event app_spec_field_changed(const std::string& app, const std::string& field, const std::string& value,
                             EventId cause);
// ... or by the parent app that syncs its Application object (App of Apps).
Event app_spec_changed_by(const std::string& app, const std::string& by, EventId cause);
Event application_created(const std::string& app, const std::string& parent, EventId cause);
Event application_deleted(const std::string& app, EventId cause);
Event application_cascade_deleted(const std::string& app, std::int64_t resources, EventId cause);

// pipe: promotion pipelines (sim/delivery). `sha`: the promotion's commit or merge.
Event promoted(const std::string& pipeline, const std::string& from, const std::string& to, const std::string& freight,
               const std::string& repo, const std::string& branch, const std::string& sha, EventId cause);
Event gate_approved(const std::string& pipeline, const std::string& gate, const std::string& stage,
                    const std::string& by, EventId cause);
// A promote a gate refused (one per gate that blocks); nothing changed in Git.
Event gate_failed(const std::string& pipeline, const std::string& gate, const std::string& stage,
                  const std::string& message, EventId cause);
Event test_reported(const std::string& env, const std::string& result, EventId cause);
// ci (issue 12). A tag pushed to the registry by `ci build` or a push
// pipeline's build step (`pipeline` "" when none).
Event image_built(const std::string& image, const std::string& tag, const std::string& pipeline, EventId cause);
// The image-update bot's write-back commit (besides the usual Committed).
Event image_updated(const std::string& automation, const std::string& image, const std::string& tag,
                    const std::string& repo, const std::string& branch, const std::string& sha, EventId cause);
// A push pipeline's deploy to one cluster; `app` is the pipeline's name.
// result: Succeeded | Failed | Unreachable.
Event push_deployed(const std::string& pipeline, const std::string& cluster, const std::string& revision,
                    const std::string& result, const std::string& message, EventId cause);
// Flux (issue 12, sim/flux): a GitRepository stored a new artifact
// (revision `main@sha1:<sha>`); a Kustomization's run ended (app: its name,
// revision: the full SHA; reason: BuildFailed, HealthCheckFailed, ...).
Event source_fetched(const std::string& source, const std::string& revision, EventId cause);
Event reconciliation_succeeded(const std::string& app, const std::string& revision, const std::string& message,
                               EventId cause);
Event reconciliation_failed(const std::string& app, const std::string& revision, const std::string& reason,
                            const std::string& message, EventId cause);

}  // namespace gs::events
