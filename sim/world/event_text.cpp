#include "sim/world/event_text.hpp"

namespace gs::world {
namespace {

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

}  // namespace

std::string describe_event(const Event& e) {
  const std::string& t = e.type;
  if (t == "Committed") {
    return e.str("repo") + "@" + e.str("branch") + " " + sha7(e.str("sha")) + " \"" + e.str("message") + "\" by " +
           author_name(e.str("author"));
  }
  if (t == "AppRefreshed") {
    return e.str("app") + " (" + e.str("level") + ") at " + sha7(e.str("revision")) + ": " + e.str("sync") + ", " +
           e.str("health");
  }
  if (t == "SyncStatusChanged" || t == "HealthStatusChanged") {
    return e.str("app") + ": " + e.str("from") + " -> " + e.str("to");
  }
  if (t == "SyncStarted") {
    return e.str("app") + " to " + sha7(e.str("revision")) + " (" + e.str("initiatedBy") + ")";
  }
  if (t == "SyncSucceeded" || t == "SyncFailed" || t == "SyncRetrying") {
    return e.str("app") + " " + sha7(e.str("revision")) + ": " + e.str("message");
  }
  if (t == "ResourceApplied" || t == "ResourcePruned" || t == "ResourcePruneSkipped" || t == "ResourceSyncFailed") {
    return e.str("app") + " " + object(e) + ": " + e.str("message");
  }
  if (t == "LiveChanged") return object(e) + " by " + e.str("by") + ": " + e.str("change");
  if (t == "ComparisonError" || t == "SyncError" || t == "InvalidSpecError") return e.str("app") + ": " + e.str("message");
  if (t == "ApplicationCreated") {
    return e.str("app") + (e.str("parent").empty() ? std::string() : " (an object of " + e.str("parent") + ")");
  }
  if (t == "ApplicationDeleted") return e.str("app");
  if (t == "SyncWindowBlocked") return e.str("app") + " at " + sha7(e.str("revision")) + ": " + e.str("message");
  if (t == "AppSpecChanged" && !e.str("by").empty()) return e.str("app") + ": spec changed by " + e.str("by");
  if (t == "ApplicationCascadeDeleted") {
    const FieldValue* n = e.field("resources");
    return e.str("app") + ": the resources finalizer deletes its " + (n ? field_text(*n) : std::string("0")) +
           " resources";
  }
  if (t == "Action") return e.str("command");
  if (t == "ActionFailed") {
    const std::string at = e.str("source");
    return (at.empty() ? "" : at + ": ") + e.str("command") + ": " + e.str("error");
  }
  if (t == "Note" || t == "Paused") return e.str("en");
  if (t == "Output") return "$ " + e.str("command") + "\n" + e.str("text");
  // Anything else: its fields in order.
  std::string out;
  for (const auto& [k, v] : e.fields) out += (out.empty() ? "" : " ") + k + "=" + field_text(v);
  return out;
}

}  // namespace gs::world
