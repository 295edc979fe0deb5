#include "sim/gitops/application.hpp"

#include <algorithm>

namespace gs::gitops {
namespace {

using model::Node;

Error at(const Node& n, const std::string& file, std::string msg) {
  return Error(std::move(msg), SourcePos{file, n.mark.line, n.mark.col});
}

// Reads an optional string field; a present non-string is an error.
Status read_string(const Node& parent, std::string_view key, std::string& out, const std::string& file) {
  const Node* n = parent.find(key);
  if (!n || n->is_null()) return {};
  if (!n->is_scalar()) return at(*n, file, std::string(key) + ": expected a string");
  out = n->text();
  return {};
}

Status read_bool(const Node& parent, std::string_view key, bool& out, const std::string& file) {
  const Node* n = parent.find(key);
  if (!n || n->is_null()) return {};
  auto b = n->as_bool();
  if (!b) return at(*n, file, std::string(key) + ": expected true or false");
  out = *b;
  return {};
}

Status read_int(const Node& parent, std::string_view key, std::int64_t& out, const std::string& file) {
  const Node* n = parent.find(key);
  if (!n || n->is_null()) return {};
  auto v = n->as_int();
  if (!v) return at(*n, file, std::string(key) + ": expected an integer");
  out = *v;
  return {};
}

// A retry backoff duration as Argo CD reads it: a plain integer is seconds,
// else a duration such as 5s or 3m (types.go parseStringToDuration); what it
// cannot read fails every retry in Argo CD, so it is refused here.
Status read_duration(const Node& parent, std::string_view key, Duration& out, const std::string& file) {
  const Node* n = parent.find(key);
  if (!n || n->is_null()) return {};
  if (auto seconds = n->as_int(); n->is_scalar() && seconds) {
    out = Duration::seconds(*seconds);
    return {};
  }
  auto d = n->is_scalar() ? parse_duration(n->text()) : Result<Duration>(Error(""));
  if (!d) {
    return at(*n, file, std::string(key) + ": unable to parse " + (n->is_scalar() ? n->text() : std::string("it")) +
                            " as a duration (expected seconds, or a duration such as 5s or 3m)");
  }
  out = *d;
  return {};
}

}  // namespace

const std::vector<SyncOptionSpec>& sync_option_specs() {
  static const std::vector<SyncOptionSpec> kOptions = {
      {"Validate", {"true", "false"}},
      {"CreateNamespace", {"true", "false"}},
      {"PrunePropagationPolicy", {"foreground", "background", "orphan"}},
      {"PruneLast", {"true", "false"}},
      {"ApplyOutOfSyncOnly", {"true", "false"}},
      {"Replace", {"true", "false"}},
      {"ServerSideApply", {"true", "false"}},
      {"FailOnSharedResource", {"true", "false"}},
      {"RespectIgnoreDifferences", {"true", "false"}},
      {"SkipDryRunOnMissingResource", {"true", "false"}},
      {"Prune", {"true", "false", "confirm"}},
      {"Delete", {"true", "false", "confirm"}},
      {"Force", {"true", "false"}},
  };
  return kOptions;
}

Status check_sync_option(const std::string& option) {
  const auto& kOptions = sync_option_specs();
  const auto eq = option.find('=');
  if (eq == std::string::npos) return Error("sync option '" + option + "' must be KEY=VALUE, like CreateNamespace=true");
  const std::string key = option.substr(0, eq), value = option.substr(eq + 1);
  const auto known = std::find_if(kOptions.begin(), kOptions.end(), [&](const auto& o) { return o.key == key; });
  if (known == kOptions.end()) return Error("unknown sync option '" + key + "'");
  if (std::find(known->values.begin(), known->values.end(), value) == known->values.end()) {
    std::string values;
    for (const auto& v : known->values) values += (values.empty() ? "" : ", ") + v;
    return Error("sync option " + key + " takes " + values + ", not '" + value + "'");
  }
  // What gitops-sim does not model is refused, never accepted and ignored.
  if (option == "ServerSideApply=true" || option == "Prune=confirm" || option == "Delete=confirm") {
    return Error("sync option " + option + " is valid in Argo CD but not supported by gitops-sim");
  }
  if (key == "Force") {
    // gitops-engine reads Force only from a resource's annotation (sync_context.go applyObject).
    return Error("sync option " + option +
                 " does nothing on an Application in Argo CD: set it on the resource, as the annotation "
                 "argocd.argoproj.io/sync-options: Force=true");
  }
  return {};
}

namespace {

#define GS_TRY(expr)                    \
  do {                                  \
    if (auto st_ = (expr); !st_.ok()) { \
      return st_.error();               \
    }                                   \
  } while (0)

}  // namespace

const char* to_string(SyncStatusCode s) {
  switch (s) {
    case SyncStatusCode::Synced: return "Synced";
    case SyncStatusCode::OutOfSync: return "OutOfSync";
    case SyncStatusCode::Unknown: return "Unknown";
  }
  return "Unknown";
}

const char* to_string(OperationPhase p) {
  switch (p) {
    case OperationPhase::Running: return "Running";
    case OperationPhase::Terminating: return "Terminating";
    case OperationPhase::Failed: return "Failed";
    case OperationPhase::Error: return "Error";
    case OperationPhase::Succeeded: return "Succeeded";
  }
  return "Error";
}

std::optional<SyncStatusCode> parse_sync_status(std::string_view s) {
  for (auto c : {SyncStatusCode::Synced, SyncStatusCode::OutOfSync, SyncStatusCode::Unknown}) {
    if (s == to_string(c)) return c;
  }
  return std::nullopt;
}

std::optional<OperationPhase> parse_operation_phase(std::string_view s) {
  for (auto p : {OperationPhase::Running, OperationPhase::Terminating, OperationPhase::Failed, OperationPhase::Error,
                 OperationPhase::Succeeded}) {
    if (s == to_string(p)) return p;
  }
  return std::nullopt;
}

Result<Application> parse_application(const Node& obj, const std::string& file) {
  Application app;
  if (!obj.is_map()) return at(obj, file, "Application: expected a mapping");
  const Node* meta = obj.find("metadata");
  if (!meta || !meta->is_map()) return at(obj, file, "Application: metadata.name is required");
  GS_TRY(read_string(*meta, "name", app.name, file));
  GS_TRY(read_string(*meta, "namespace", app.ns, file));
  if (app.name.empty()) return at(*meta, file, "Application: metadata.name is required");
  const Node* spec = obj.find("spec");
  if (!spec || !spec->is_map()) return at(obj, file, "Application " + app.name + ": spec is required");
  GS_TRY(read_string(*spec, "project", app.spec.project, file));
  if (const Node* src = spec->find("source"); src && src->is_map()) {
    GS_TRY(read_string(*src, "repoURL", app.spec.source.repo_url, file));
    GS_TRY(read_string(*src, "path", app.spec.source.path, file));
    GS_TRY(read_string(*src, "targetRevision", app.spec.source.target_revision, file));
    if (app.spec.source.target_revision.empty()) app.spec.source.target_revision = "HEAD";
    if (const Node* dir = src->find("directory"); dir && dir->is_map()) {
      GS_TRY(read_bool(*dir, "recurse", app.spec.source.directory_recurse, file));
    }
  } else {
    return at(*spec, file, "Application " + app.name + ": spec.source is required");
  }
  if (const Node* dst = spec->find("destination"); dst && dst->is_map()) {
    GS_TRY(read_string(*dst, "server", app.spec.destination.server, file));
    GS_TRY(read_string(*dst, "name", app.spec.destination.name, file));
    GS_TRY(read_string(*dst, "namespace", app.spec.destination.ns, file));
  } else {
    return at(*spec, file, "Application " + app.name + ": spec.destination is required");
  }
  if (const Node* sp = spec->find("syncPolicy"); sp && sp->is_map()) {
    // `automated: {}` turns automation on; `automated: null` (or `automated:`
    // with nothing) is Go's nil *SyncPolicyAutomated (types.go): manual.
    if (const Node* au = sp->find("automated"); au && au->is_map()) {
      SyncPolicyAutomated a;
      bool enabled = true;
      GS_TRY(read_bool(*au, "prune", a.prune, file));
      GS_TRY(read_bool(*au, "selfHeal", a.self_heal, file));
      GS_TRY(read_bool(*au, "allowEmpty", a.allow_empty, file));
      GS_TRY(read_bool(*au, "enabled", enabled, file));
      if (enabled) app.spec.sync_policy.automated = a;
    }
    if (const Node* opts = sp->find("syncOptions"); opts && opts->is_list()) {
      for (const auto& o : opts->items()) {
        if (!o.is_scalar()) return at(o, file, "syncOptions: expected strings like CreateNamespace=true");
        if (auto checked = check_sync_option(o.text()); !checked) return at(o, file, checked.error().message);
        app.spec.sync_policy.sync_options.insert(o.text());
      }
    }
    if (const Node* retry = sp->find("retry"); retry && retry->is_map()) {
      RetryStrategy r;
      GS_TRY(read_int(*retry, "limit", r.limit, file));
      if (const Node* b = retry->find("backoff"); b && b->is_map()) {
        GS_TRY(read_duration(*b, "duration", r.backoff.duration, file));
        GS_TRY(read_int(*b, "factor", r.backoff.factor, file));
        GS_TRY(read_duration(*b, "maxDuration", r.backoff.max_duration, file));
      }
      app.spec.sync_policy.retry = r;
    }
  }
  if (const Node* ign = spec->find("ignoreDifferences"); ign && ign->is_list()) {
    for (const auto& item : ign->items()) {
      ResourceIgnoreDifferences d;
      GS_TRY(read_string(item, "group", d.group, file));
      GS_TRY(read_string(item, "kind", d.kind, file));
      GS_TRY(read_string(item, "name", d.name, file));
      GS_TRY(read_string(item, "namespace", d.ns, file));
      if (const Node* ptrs = item.find("jsonPointers"); ptrs && ptrs->is_list()) {
        for (const auto& p : ptrs->items()) d.json_pointers.push_back(p.text());
      }
      for (const char* k : {"jqPathExpressions", "managedFieldsManagers"}) {
        if (const Node* v = item.find(k); v && !v->is_null()) {
          return at(*v, file,
                    std::string("ignoreDifferences: ") + k +
                        " is valid in Argo CD but not supported by gitops-sim; use jsonPointers");
        }
      }
      app.spec.ignore_differences.push_back(std::move(d));
    }
  }
  GS_TRY(read_int(*spec, "revisionHistoryLimit", app.spec.revision_history_limit, file));
  return app;
}

Result<AppProject> parse_app_project(const Node& obj, const std::string& file) {
  AppProject p;
  const Node* meta = obj.find("metadata");
  if (!meta) return at(obj, file, "AppProject: metadata.name is required");
  GS_TRY(read_string(*meta, "name", p.name, file));
  if (p.name.empty()) return at(*meta, file, "AppProject: metadata.name is required");
  if (const Node* spec = obj.find("spec"); spec && spec->is_map()) {
    if (const Node* repos = spec->find("sourceRepos"); repos && repos->is_list()) {
      for (const auto& r : repos->items()) p.source_repos.push_back(r.text());
    }
    if (const Node* dests = spec->find("destinations"); dests && dests->is_list()) {
      for (const auto& d : dests->items()) {
        ProjectDestination pd;
        GS_TRY(read_string(d, "server", pd.server, file));
        GS_TRY(read_string(d, "name", pd.name, file));
        GS_TRY(read_string(d, "namespace", pd.ns, file));
        p.destinations.push_back(std::move(pd));
      }
    }
    if (const Node* wins = spec->find("syncWindows"); wins && wins->is_list()) {
      for (const auto& w : wins->items()) {
        SyncWindow sw;
        std::string kind, duration;
        GS_TRY(read_string(w, "kind", kind, file));
        GS_TRY(read_string(w, "schedule", sw.schedule, file));
        GS_TRY(read_string(w, "duration", duration, file));
        sw.deny = kind == "deny";
        auto cron = parse_cron(sw.schedule);
        if (!cron) return at(w, file, "syncWindows: schedule: " + cron.error().message);
        sw.cron = *cron;
        auto d = parse_duration(duration);
        if (!d) return at(w, file, "syncWindows: duration: " + d.error().message);
        sw.duration = *d;
        for (auto [key, list] : {std::pair{"applications", &sw.applications}, std::pair{"namespaces", &sw.namespaces},
                                 std::pair{"clusters", &sw.clusters}}) {
          if (const Node* l = w.find(key); l && l->is_list()) {
            for (const auto& g : l->items()) list->push_back(g.text());
          }
        }
        GS_TRY(read_bool(w, "manualSync", sw.manual_sync, file));
        GS_TRY(read_bool(w, "andOperator", sw.and_operator, file));
        GS_TRY(read_bool(w, "syncOverrun", sw.sync_overrun, file));
        p.sync_windows.push_back(std::move(sw));
      }
    }
  }
  return p;
}

AppProject default_project() {
  AppProject p;
  p.name = "default";
  p.source_repos = {"*"};
  p.destinations = {ProjectDestination{"*", "*", "*"}};
  return p;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative '*' matching with backtracking to the last star.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == text[t] || pattern[p] == '?')) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace gs::gitops
