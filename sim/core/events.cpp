#include "sim/core/events.hpp"

#include <algorithm>

namespace gs::events {
namespace {

constexpr FieldKind S = FieldKind::Str;
constexpr FieldKind I = FieldKind::Int;
constexpr FieldKind B = FieldKind::Bool;

std::vector<TypeDef> build_catalog() {
  // Locals, not namespace-scope constants: catalog() may first run during
  // another file's static initialisation, before such constants exist.
  const std::vector<FieldDef> kResourceFields = {{"app"}, {"cluster"}, {"kind"}, {"namespace"}, {"name"}, {"message"}};
  const std::vector<FieldDef> kSyncEndFields = {{"app"}, {"revision"}, {"initiatedBy"}, {"phase"}, {"message"}};
  return {
      // The spec's fixed names (scenario-format.md, Events).
      {"Committed", "the Action that committed, or none for history before time 0",
       {{"repo"}, {"branch"}, {"sha"}, {"author"}, {"message"}}},
      {"AppRefreshed", "what asked for the refresh: a poll, a commit's webhook, a live change, an operation's end",
       {{"app"}, {"revision"}, {"sync"}, {"health"}, {"level"}}},
      {"SyncStatusChanged", "the AppRefreshed that saw the change", {{"app"}, {"from"}, {"to"}, {"revision"}}},
      {"HealthStatusChanged", "the AppRefreshed that saw the change", {{"app"}, {"from"}, {"to"}, {"message"}}},
      {"SyncStarted", "the refresh that decided an automated sync, or the user's Action",
       {{"app"}, {"revision"}, {"initiatedBy"}, {"prune", B}, {"dryRun", B}}},
      {"ResourceApplied", "the SyncStarted of its operation", kResourceFields},
      {"ResourcePruned", "the SyncStarted of its operation", kResourceFields},
      {"ResourcePruneSkipped", "the SyncStarted of its operation", kResourceFields},
      {"SyncSucceeded", "the SyncStarted of its operation", kSyncEndFields},
      {"SyncFailed", "the SyncStarted of its operation", kSyncEndFields},
      {"LiveChanged", "the kubectl Action", {{"cluster"}, {"kind"}, {"namespace"}, {"name"}, {"by"}, {"change"}}},
      {"ComparisonError", "the refresh's trigger", {{"app"}, {"message"}}},
      {"FaultInjected", "the fault Action", {{"fault"}, {"target"}}},
      {"GateApproved", "the approve Action", {{"pipeline"}, {"gate"}, {"stage"}, {"by"}}},
      {"Promoted", "the promote Action",
       {{"pipeline"}, {"from"}, {"to"}, {"freight"}, {"repo"}, {"branch"}, {"sha"}}},
      // Added by gitops-sim.
      {"WorldCreated", "nothing: the first event of every run", {{"seed", I}}},
      {"Action", "nothing: a command that changed something", {{"command"}}},
      {"ActionFailed", "nothing: a timeline command that could not run", {{"command"}, {"error"}, {"source"}}},
      {"Output", "nothing: what a timeline command printed", {{"command"}, {"text"}}},
      {"Note", "nothing: a timeline entry's note", {{"en"}, {"ko"}}},
      {"Paused", "nothing: a timeline's teaching pause", {{"en"}, {"ko"}}},
      {"BranchCreated", "the git Action", {{"repo"}, {"name"}, {"sha"}}},
      {"TagCreated", "the git Action, or none for a scenario's tags before time 0",
       {{"repo"}, {"name"}, {"sha"}, {"tagger", S, true}, {"message", S, true}}},
      {"TagMoved", "the git Action (git tag -f)", {{"repo"}, {"name"}, {"sha"}, {"from"}}},
      {"BranchReset", "the git Action", {{"repo"}, {"branch"}, {"sha"}}},
      {"WebhookReceived", "the git push Action", {{"repo"}}},
      {"AppSpecChanged", "the argocd Action, or the parent app's sync (App of Apps)",
       {{"app"},
        {"syncPolicy", S, true},
        {"selfHeal", B, true},
        {"prune", B, true},
        {"by", S, true},
        {"field", S, true},
        {"value", S, true}}},
      {"SyncRetrying", "the SyncStarted of its operation", {{"app"}, {"revision"}, {"attempt", I}, {"message"}}},
      {"ResourceSyncFailed", "the SyncStarted of its operation", kResourceFields},
      {"SyncError", "the refresh that decided against an automated sync", {{"app"}, {"message"}}},
      {"InvalidSpecError", "the refresh that found the spec invalid", {{"app"}, {"message"}}},
      {"ApplicationCreated", "nothing; its parent names the app whose sync created the object",
       {{"app"}, {"parent"}}},
      {"ApplicationDeleted", "nothing: its Application object is gone", {{"app"}}},
      {"ApplicationCascadeDeleted", "nothing: the resources finalizer of a deleted Application object",
       {{"app"}, {"resources", I}}},
      {"SyncWindowBlocked", "the refresh that wanted to sync", {{"app"}, {"revision"}, {"message"}}},
      // pipe: promotion pipelines (sim/delivery).
      {"GateFailed", "the promote Action a gate refused", {{"pipeline"}, {"gate"}, {"stage"}, {"message"}}},
      {"TestReported", "the test Action", {{"env"}, {"result"}}},
      // ci (issue 12): image builds, the image-update bot's write-back, push pipelines.
      {"ImageBuilt", "the ci build or ci deploy Action", {{"image"}, {"tag"}, {"pipeline"}}},
      {"ImageUpdated", "the ImageBuilt whose tag the bot wrote back, or none",
       {{"automation"}, {"image"}, {"tag"}, {"repo"}, {"branch"}, {"sha"}}},
      {"PushDeployed", "the ci deploy Action",
       {{"pipeline"}, {"app"}, {"cluster"}, {"revision"}, {"result"}, {"message"}}},
      // Flux (issue 12).
      {"SourceFetched", "the commit it found, or nothing (a commit made before time 0 has its Committed)",
       {{"source"}, {"revision"}}},
      {"ReconciliationSucceeded", "the SourceFetched, the flux reconcile Action or nothing (an interval run)",
       {{"app"}, {"revision"}, {"message"}}},
      {"ReconciliationFailed", "the SourceFetched, the flux reconcile Action or nothing (an interval run)",
       {{"app"}, {"revision"}, {"reason"}, {"message"}}},
  };
}

std::string field_text(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return std::get<bool>(v) ? "true" : "false";
}

std::string sha7(const std::string& s) { return s.substr(0, 7); }

std::string author_name(const std::string& sig) {
  const auto lt = sig.find(" <");
  return lt == std::string::npos ? sig : sig.substr(0, lt);
}

std::string object(const Event& e) {
  const std::string ns = e.str("namespace");
  return e.str("cluster") + ":" + e.str("kind") + "/" + (ns.empty() ? "" : ns + "/") + e.str("name");
}

Event make(const char* type, EventId cause, EventFields fields) {
  Event e;
  e.type = type;
  e.cause = cause;
  e.fields = std::move(fields);
  return e;
}

}  // namespace

const std::vector<TypeDef>& catalog() {
  static const std::vector<TypeDef> types = build_catalog();
  return types;
}

const TypeDef* find_type(std::string_view name) {
  for (const auto& t : catalog()) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

std::vector<std::string> type_names() {
  std::vector<std::string> out;
  for (const auto& t : catalog()) out.emplace_back(t.name);
  return out;
}

std::string describe(const Event& e) { return describe(e, "en"); }

// Korean keeps the tools' words (Synced, OutOfSync, the messages Argo CD and
// Kubernetes print) and says the connecting words in Korean.
std::string describe(const Event& e, std::string_view lang) {
  const bool ko = lang == "ko";
  const std::string& t = e.type;
  auto by = [&](const std::string& who) { return ko ? " (" + who + ")" : " by " + who; };
  if (t == "Committed") {
    return e.str("repo") + "@" + e.str("branch") + " " + sha7(e.str("sha")) + " \"" + e.str("message") + "\"" +
           by(author_name(e.str("author")));
  }
  if (t == "AppRefreshed") {
    return e.str("app") + " (" + e.str("level") + ") " + (ko ? "" : "at ") + sha7(e.str("revision")) + ": " +
           e.str("sync") + ", " + e.str("health");
  }
  if (t == "SyncStatusChanged" || t == "HealthStatusChanged") {
    return e.str("app") + ": " + e.str("from") + " -> " + e.str("to");
  }
  if (t == "SyncStarted") {
    return e.str("app") + (ko ? " -> " : " to ") + sha7(e.str("revision")) + " (" + e.str("initiatedBy") + ")";
  }
  if (t == "SyncSucceeded" || t == "SyncFailed" || t == "SyncRetrying") {
    return e.str("app") + " " + sha7(e.str("revision")) + ": " + e.str("message");
  }
  if (t == "ResourceApplied" || t == "ResourcePruned" || t == "ResourcePruneSkipped" || t == "ResourceSyncFailed") {
    return e.str("app") + " " + object(e) + ": " + e.str("message");
  }
  if (t == "LiveChanged") return object(e) + by(e.str("by")) + ": " + e.str("change");
  if (t == "ComparisonError" || t == "SyncError" || t == "InvalidSpecError") return e.str("app") + ": " + e.str("message");
  if (t == "ApplicationCreated") {
    if (e.str("parent").empty()) return e.str("app");
    return e.str("app") + (ko ? " (" + e.str("parent") + "이(가) 만든 오브젝트)" : " (an object of " + e.str("parent") + ")");
  }
  if (t == "ApplicationDeleted") return e.str("app");
  if (t == "SyncWindowBlocked") {
    return e.str("app") + " " + (ko ? "" : "at ") + sha7(e.str("revision")) + ": " + e.str("message");
  }
  if (t == "AppSpecChanged" && !e.str("by").empty()) {
    return e.str("app") + (ko ? ": spec 변경 (" + e.str("by") + ")" : ": spec changed by " + e.str("by"));
  }
  if (t == "AppSpecChanged" && !e.str("field").empty()) return e.str("app") + ": " + e.str("field") + " " + e.str("value");
  if (t == "ApplicationCascadeDeleted") {
    const auto n = e.field("resources");
    const std::string count = n ? field_text(*n) : std::string("0");
    return e.str("app") + (ko ? ": resources finalizer가 리소스 " + count + "개를 삭제합니다"
                              : ": the resources finalizer deletes its " + count + " resources");
  }
  if (t == "TagCreated" || t == "TagMoved") {
    std::string out = e.str("repo") + " " + e.str("name") + " -> " + sha7(e.str("sha"));
    if (t == "TagMoved") out += (ko ? " (이전 " : " (was ") + sha7(e.str("from")) + ")";
    if (e.field("message")) out += " \"" + e.str("message") + "\"" + by(author_name(e.str("tagger")));
    return out;
  }
  // pipe: promotion pipelines.
  if (t == "Promoted") {
    return e.str("pipeline") + ": " + e.str("freight") + " " + e.str("from") + " -> " + e.str("to") + " (" +
           e.str("repo") + "@" + e.str("branch") + " " + sha7(e.str("sha")) + ")";
  }
  if (t == "GateApproved") return e.str("pipeline") + " " + e.str("gate") + by(e.str("by"));
  if (t == "GateFailed") return e.str("pipeline") + " " + e.str("gate") + ": " + e.str("message");
  if (t == "TestReported") return e.str("env") + ": " + e.str("result");
  // ci (issue 12)
  if (t == "ImageBuilt") {
    return e.str("image") + ":" + e.str("tag") + (e.str("pipeline").empty() ? "" : by(e.str("pipeline")));
  }
  if (t == "ImageUpdated") {
    return e.str("automation") + ": " + e.str("image") + ":" + e.str("tag") + " -> " + e.str("repo") + "@" +
           e.str("branch") + " " + sha7(e.str("sha"));
  }
  if (t == "PushDeployed") {
    std::string out = e.str("pipeline") + " -> " + e.str("cluster") + " " + sha7(e.str("revision")) + ": " + e.str("result");
    return e.str("message").empty() ? out : out + " (" + e.str("message") + ")";
  }
  // Flux (issue 12).
  if (t == "SourceFetched") return e.str("source") + ": stored artifact for revision '" + e.str("revision") + "'";
  if (t == "ReconciliationSucceeded") return e.str("app") + " " + sha7(e.str("revision")) + ": " + e.str("message");
  if (t == "ReconciliationFailed") {
    return e.str("app") + " " + sha7(e.str("revision")) + ": " + e.str("reason") + ": " + e.str("message");
  }
  if (t == "Action") return e.str("command");
  if (t == "ActionFailed") {
    const std::string at = e.str("source");
    return (at.empty() ? "" : at + ": ") + e.str("command") + ": " + e.str("error");
  }
  if (t == "Note" || t == "Paused") return ko && !e.str("ko").empty() ? e.str("ko") : e.str("en");
  if (t == "Output") return "$ " + e.str("command") + "\n" + e.str("text");
  // Anything else: its fields in order.
  std::string out;
  for (const auto& [k, v] : e.fields) out += (out.empty() ? "" : " ") + std::string(k) + "=" + field_text(v);
  return out;
}

// ---------------------------------------------------------------------------
// Constructors: fields in the catalog's order.

Event world_created(std::uint64_t seed) {
  return make("WorldCreated", 0, {{"seed", static_cast<std::int64_t>(seed)}});
}
Event action(const std::string& command) { return make("Action", 0, {{"command", command}}); }
Event action_failed(const std::string& command, const std::string& error, const std::string& source) {
  return make("ActionFailed", 0, {{"command", command}, {"error", error}, {"source", source}});
}
Event output(const std::string& command, const std::string& text) {
  return make("Output", 0, {{"command", command}, {"text", text}});
}
Event note(const std::string& en, const std::string& ko) { return make("Note", 0, {{"en", en}, {"ko", ko}}); }
Event paused(const std::string& en, const std::string& ko) { return make("Paused", 0, {{"en", en}, {"ko", ko}}); }

Event committed(const std::string& repo, const std::string& branch, const std::string& sha, const std::string& author,
                const std::string& message, EventId cause) {
  return make("Committed", cause,
              {{"repo", repo}, {"branch", branch}, {"sha", sha}, {"author", author}, {"message", message}});
}
Event branch_created(const std::string& repo, const std::string& name, const std::string& sha, EventId cause) {
  return make("BranchCreated", cause, {{"repo", repo}, {"name", name}, {"sha", sha}});
}
Event tag_created(const std::string& repo, const std::string& name, const std::string& sha, EventId cause) {
  return make("TagCreated", cause, {{"repo", repo}, {"name", name}, {"sha", sha}});
}
Event annotated_tag_created(const std::string& repo, const std::string& name, const std::string& sha,
                            const std::string& tagger, const std::string& message, EventId cause) {
  return make("TagCreated", cause,
              {{"repo", repo}, {"name", name}, {"sha", sha}, {"tagger", tagger}, {"message", message}});
}
Event tag_moved(const std::string& repo, const std::string& name, const std::string& sha, const std::string& from,
                EventId cause) {
  return make("TagMoved", cause, {{"repo", repo}, {"name", name}, {"sha", sha}, {"from", from}});
}
Event branch_reset(const std::string& repo, const std::string& branch, const std::string& sha, EventId cause) {
  return make("BranchReset", cause, {{"repo", repo}, {"branch", branch}, {"sha", sha}});
}
Event webhook_received(const std::string& repo, EventId cause) {
  return make("WebhookReceived", cause, {{"repo", repo}});
}

Event live_changed(const ObjectRef& o, const std::string& by, const std::string& change, EventId cause) {
  return make("LiveChanged", cause,
              {{"cluster", o.cluster},
               {"kind", o.kind},
               {"namespace", o.ns},
               {"name", o.name},
               {"by", by},
               {"change", change}});
}
Event fault_injected(const std::string& fault, const std::string& target, EventId cause) {
  return make("FaultInjected", cause, {{"fault", fault}, {"target", target}});
}

Event app_refreshed(const std::string& app, const std::string& revision, const std::string& sync,
                    const std::string& health, const std::string& level, EventId cause) {
  return make("AppRefreshed", cause,
              {{"app", app}, {"revision", revision}, {"sync", sync}, {"health", health}, {"level", level}});
}
Event sync_status_changed(const std::string& app, const std::string& from, const std::string& to,
                          const std::string& revision, EventId cause) {
  return make("SyncStatusChanged", cause, {{"app", app}, {"from", from}, {"to", to}, {"revision", revision}});
}
Event health_status_changed(const std::string& app, const std::string& from, const std::string& to,
                            const std::string& message, EventId cause) {
  return make("HealthStatusChanged", cause, {{"app", app}, {"from", from}, {"to", to}, {"message", message}});
}
Event comparison_error(const std::string& app, const std::string& message, EventId cause) {
  return make("ComparisonError", cause, {{"app", app}, {"message", message}});
}
Event invalid_spec_error(const std::string& app, const std::string& message, EventId cause) {
  return make("InvalidSpecError", cause, {{"app", app}, {"message", message}});
}
Event sync_error(const std::string& app, const std::string& message, EventId cause) {
  return make("SyncError", cause, {{"app", app}, {"message", message}});
}
Event sync_window_blocked(const std::string& app, const std::string& revision, const std::string& message,
                          EventId cause) {
  return make("SyncWindowBlocked", cause, {{"app", app}, {"revision", revision}, {"message", message}});
}
Event sync_started(const std::string& app, const std::string& revision, const std::string& initiated_by, bool prune,
                   bool dry_run, EventId cause) {
  return make("SyncStarted", cause,
              {{"app", app}, {"revision", revision}, {"initiatedBy", initiated_by}, {"prune", prune},
               {"dryRun", dry_run}});
}
Event resource_result(const char* type, const std::string& app, const ObjectRef& o, const std::string& message,
                      EventId cause) {
  return make(type, cause,
              {{"app", app},
               {"cluster", o.cluster},
               {"kind", o.kind},
               {"namespace", o.ns},
               {"name", o.name},
               {"message", message}});
}
Event sync_retrying(const std::string& app, const std::string& revision, std::int64_t attempt,
                    const std::string& message, EventId cause) {
  return make("SyncRetrying", cause, {{"app", app}, {"revision", revision}, {"attempt", attempt}, {"message", message}});
}
Event sync_ended(bool succeeded, const std::string& app, const std::string& revision, const std::string& initiated_by,
                 const std::string& phase, const std::string& message, EventId cause) {
  return make(succeeded ? "SyncSucceeded" : "SyncFailed", cause,
              {{"app", app}, {"revision", revision}, {"initiatedBy", initiated_by}, {"phase", phase},
               {"message", message}});
}
Event app_policy_changed(const std::string& app, const std::string& sync_policy, bool self_heal, bool prune,
                         EventId cause) {
  return make("AppSpecChanged", cause,
              {{"app", app}, {"syncPolicy", sync_policy}, {"selfHeal", self_heal}, {"prune", prune}});
}
Event app_spec_field_changed(const std::string& app, const std::string& field, const std::string& value,
                             EventId cause) {
  return make("AppSpecChanged", cause, {{"app", app}, {"field", field}, {"value", value}});
}
Event app_spec_changed_by(const std::string& app, const std::string& by, EventId cause) {
  return make("AppSpecChanged", cause, {{"app", app}, {"by", by}});
}
Event application_created(const std::string& app, const std::string& parent, EventId cause) {
  return make("ApplicationCreated", cause, {{"app", app}, {"parent", parent}});
}
Event application_deleted(const std::string& app, EventId cause) {
  return make("ApplicationDeleted", cause, {{"app", app}});
}
Event application_cascade_deleted(const std::string& app, std::int64_t resources, EventId cause) {
  return make("ApplicationCascadeDeleted", cause, {{"app", app}, {"resources", resources}});
}

// pipe: promotion pipelines.
Event promoted(const std::string& pipeline, const std::string& from, const std::string& to, const std::string& freight,
               const std::string& repo, const std::string& branch, const std::string& sha, EventId cause) {
  return make("Promoted", cause,
              {{"pipeline", pipeline}, {"from", from}, {"to", to}, {"freight", freight}, {"repo", repo},
               {"branch", branch}, {"sha", sha}});
}
Event gate_approved(const std::string& pipeline, const std::string& gate, const std::string& stage,
                    const std::string& by, EventId cause) {
  return make("GateApproved", cause, {{"pipeline", pipeline}, {"gate", gate}, {"stage", stage}, {"by", by}});
}
Event gate_failed(const std::string& pipeline, const std::string& gate, const std::string& stage,
                  const std::string& message, EventId cause) {
  return make("GateFailed", cause, {{"pipeline", pipeline}, {"gate", gate}, {"stage", stage}, {"message", message}});
}
Event test_reported(const std::string& env, const std::string& result, EventId cause) {
  return make("TestReported", cause, {{"env", env}, {"result", result}});
}

// ci (issue 12)
Event image_built(const std::string& image, const std::string& tag, const std::string& pipeline, EventId cause) {
  return make("ImageBuilt", cause, {{"image", image}, {"tag", tag}, {"pipeline", pipeline}});
}
Event image_updated(const std::string& automation, const std::string& image, const std::string& tag,
                    const std::string& repo, const std::string& branch, const std::string& sha, EventId cause) {
  return make("ImageUpdated", cause,
              {{"automation", automation}, {"image", image}, {"tag", tag}, {"repo", repo}, {"branch", branch}, {"sha", sha}});
}
Event push_deployed(const std::string& pipeline, const std::string& cluster, const std::string& revision,
                    const std::string& result, const std::string& message, EventId cause) {
  return make("PushDeployed", cause,
              {{"pipeline", pipeline},
               {"app", pipeline},
               {"cluster", cluster},
               {"revision", revision},
               {"result", result},
               {"message", message}});
}

// Flux (issue 12).
Event source_fetched(const std::string& source, const std::string& revision, EventId cause) {
  return make("SourceFetched", cause, {{"source", source}, {"revision", revision}});
}
Event reconciliation_succeeded(const std::string& app, const std::string& revision, const std::string& message,
                               EventId cause) {
  return make("ReconciliationSucceeded", cause, {{"app", app}, {"revision", revision}, {"message", message}});
}
Event reconciliation_failed(const std::string& app, const std::string& revision, const std::string& reason,
                            const std::string& message, EventId cause) {
  return make("ReconciliationFailed", cause,
              {{"app", app}, {"revision", revision}, {"reason", reason}, {"message", message}});
}

}  // namespace gs::events
