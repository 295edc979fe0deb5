// Argo CD objects in a scenario: Application and AppProject, checked the way
// the API server's strict field validation checks them against the CRD
// schema (argoproj.io/v1alpha1), plus the references Argo CD itself resolves
// (repository, cluster, project). Fields Argo CD has but the simulator does not
// implement (Helm, multiple sources, sync windows, ...) are named as such.
#include <algorithm>
#include <limits>

#include "sim/gitops/application.hpp"
#include "sim/gitops/sync_window.hpp"
#include "sim/scenario/parts.hpp"
#include "sim/scenario/rules.hpp"
#include "sim/world/command.hpp"

namespace gs::scenario::detail {

using model::Node;

namespace {

constexpr const char* kArgoApiVersion = "argoproj.io/v1alpha1";

void check_type_meta(Diagnostics& d, MapReader& m, std::string_view kind) {
  if (const Node* v = m.required("apiVersion")) {
    if (auto s = read_string(d, *v, "apiVersion"); s && *s != kArgoApiVersion) {
      d.error(v->mark, "apiVersion of an " + std::string(kind) + " must be '" + kArgoApiVersion + "', not '" + *s + "'");
    }
  }
  if (const Node* v = m.required("kind")) {
    if (auto s = read_string(d, *v, "kind"); s && *s != kind) {
      d.error(v->mark, "kind must be '" + std::string(kind) + "' here, not '" + *s + "'");
    }
  }
}

void check_metadata(Diagnostics& d, MapReader& parent) {
  const Node* meta = parent.required("metadata");
  if (!meta) return;
  MapReader m(d, *meta, "metadata");
  if (!m.ok()) return;
  if (const Node* v = m.required("name")) {
    if (auto s = read_string(d, *v, "metadata.name")) {
      if (auto p = object_name_problem(*s)) d.error(v->mark, "invalid metadata.name '" + *s + "': " + *p);
    }
  }
  if (const Node* v = m.optional("namespace")) {
    if (auto s = read_string(d, *v, "metadata.namespace")) {
      if (auto p = object_name_problem(*s)) d.error(v->mark, "invalid metadata.namespace '" + *s + "': " + *p);
    }
  }
  if (const Node* v = m.optional("labels")) check_string_map(d, *v, "metadata.labels");
  if (const Node* v = m.optional("annotations")) check_string_map(d, *v, "metadata.annotations");
  if (const Node* v = m.optional("finalizers")) (void)read_string_list(d, *v, "metadata.finalizers");
}

// Sync options Argo CD knows, with their values: one table, the gitops module's.
const std::vector<gitops::SyncOptionSpec>& sync_options() { return gitops::sync_option_specs(); }

void check_sync_option(Diagnostics& d, const Node& n) {
  auto s = read_string(d, n, "syncOptions item");
  if (!s) return;
  const auto eq = s->find('=');
  if (eq == std::string::npos) {
    d.error(n.mark, "sync option '" + *s + "' must be KEY=VALUE, like CreateNamespace=true");
    return;
  }
  const std::string key = s->substr(0, eq);
  const std::string value = s->substr(eq + 1);
  std::vector<std::string> keys;
  for (const auto& o : sync_options()) keys.push_back(o.key);
  auto it = std::find_if(sync_options().begin(), sync_options().end(),
                         [&](const gitops::SyncOptionSpec& o) { return o.key == key; });
  if (it == sync_options().end()) {
    d.error(n.mark, "unknown sync option '" + key + "'" + suggestion(key, keys));
    return;
  }
  if (std::find(it->values.begin(), it->values.end(), value) == it->values.end()) {
    d.error(n.mark, "sync option " + key + " takes " + join_or(it->values) + ", not '" + value + "'");
  }
}

void check_sync_policy(Diagnostics& d, const Node& n) {
  MapReader m(d, n, "spec.syncPolicy");
  if (!m.ok()) return;
  if (const Node* v = m.optional("automated")) {
    MapReader a(d, *v, "spec.syncPolicy.automated");
    for (const char* k : {"prune", "selfHeal", "allowEmpty", "enabled"}) {
      if (const Node* b = a.optional(k)) (void)read_bool(d, *b, k);
    }
  }
  if (const Node* v = m.optional("syncOptions")) {
    if (const auto* items = read_list(d, v, "syncOptions")) {
      for (const auto& item : *items) check_sync_option(d, item);
    }
  }
  if (const Node* v = m.optional("retry")) {
    MapReader r(d, *v, "spec.syncPolicy.retry");
    // Argo CD: a negative limit retries without end.
    if (const Node* l = r.optional("limit")) (void)read_int(d, *l, "limit", std::numeric_limits<std::int64_t>::min());
    if (const Node* b = r.optional("backoff")) {
      MapReader bo(d, *b, "spec.syncPolicy.retry.backoff");
      // A failed sync retries duration × factor^n later, at most maxDuration
      // later; at 0s a sync that fails before applying anything would retry
      // in the same instant, over and over, and virtual time would stand still.
      if (const Node* x = bo.optional("duration")) (void)read_duration(d, *x, "duration", /*allow_zero=*/false);
      // Each retry waits duration × factor^n, capped at maxDuration. With
      // both times at most a year, a factor up to 1000 keeps each step of
      // that product inside 64-bit milliseconds; Argo CD's default is 2.
      if (const Node* x = bo.optional("factor")) (void)read_int(d, *x, "factor", 1, 1000);
      if (const Node* x = bo.optional("maxDuration")) {
        (void)read_duration(d, *x, "maxDuration", /*allow_zero=*/false);
      }
    }
  }
  m.unsupported("managedNamespaceMetadata");
}

void check_ignore_differences(Diagnostics& d, const Node& n) {
  const auto* items = read_list(d, &n, "ignoreDifferences");
  if (!items) return;
  for (const auto& item : *items) {
    MapReader m(d, item, "ignoreDifferences item");
    if (!m.ok()) continue;
    if (const Node* v = m.required("kind")) (void)read_string(d, *v, "kind");
    for (const char* k : {"group", "name", "namespace"}) {
      if (const Node* v = m.optional(k)) (void)read_string(d, *v, k, true);
    }
    for (const char* k : {"jsonPointers", "jqPathExpressions", "managedFieldsManagers"}) {
      if (const Node* v = m.optional(k)) (void)read_string_list(d, *v, k);
    }
  }
}

void check_source(Diagnostics& d, const Node& n, const Known& known) {
  MapReader m(d, n, "spec.source");
  if (!m.ok()) return;
  if (const Node* v = m.required("repoURL")) {
    if (auto url = read_string(d, *v, "repoURL")) {
      const std::string norm = normalize_repo_url(*url);
      if (std::find(known.repo_urls.begin(), known.repo_urls.end(), norm) == known.repo_urls.end()) {
        std::string msg = "repoURL '" + *url + "' matches no repo in repos:";
        if (auto dym = world::did_you_mean(norm, known.repo_urls)) {
          const auto i = static_cast<std::size_t>(std::find(known.repo_urls.begin(), known.repo_urls.end(), *dym) -
                                                  known.repo_urls.begin());
          msg += " (did you mean '" + known.repo_urls_written[i] + "'?)";
        } else if (known.repo_urls.empty()) {
          msg += " (the scenario defines no repos)";
        }
        d.error(v->mark, msg);
      }
    }
  }
  if (const Node* v = m.optional("path")) {
    if (auto p = read_string(d, *v, "path")) {
      if (auto problem = source_path_problem(*p)) d.error(v->mark, "invalid source path '" + *p + "': " + *problem);
    }
  }
  if (const Node* v = m.optional("targetRevision")) (void)read_string(d, *v, "targetRevision");
  for (const char* k : {"chart", "helm", "kustomize", "directory", "plugin", "ref", "name"}) m.unsupported(k);
}

void check_destination(Diagnostics& d, const Node& n, const Known& known) {
  MapReader m(d, n, "spec.destination");
  if (!m.ok()) return;
  const Node* server = m.optional("server");
  const Node* name = m.optional("name");
  if (server && name) {
    // Argo CD: "application destination can't have both name and server defined".
    d.error(m.key_mark("name"), "destination has both 'server' and 'name'; give one");
  } else if (!server && !name) {
    d.error(m.mark(), "destination needs 'server' or 'name' naming a cluster");
  }
  if (server) {
    if (auto s = read_string(d, *server, "server")) check_ref(d, server->mark, "cluster server", *s, known.cluster_servers);
  }
  if (name) {
    if (auto s = read_string(d, *name, "name")) check_ref(d, name->mark, "cluster", *s, known.cluster_names);
  }
  if (const Node* v = m.optional("namespace")) {
    if (auto s = read_string(d, *v, "namespace")) {
      if (auto p = object_name_problem(*s)) d.error(v->mark, "invalid destination namespace '" + *s + "': " + *p);
    }
  }
}

void check_resource_list(Diagnostics& d, const Node& n, const std::string& field) {
  const auto* items = read_list(d, &n, field);
  if (!items) return;
  for (const auto& item : *items) {
    MapReader m(d, item, field + " item");
    if (!m.ok()) continue;
    if (const Node* v = m.present("group"); v && !v->is_null()) (void)read_string(d, *v, "group", true);
    if (const Node* v = m.required("kind")) (void)read_string(d, *v, "kind");
  }
}

}  // namespace

void check_application(Diagnostics& d, const Node& app, const Known& known) {
  MapReader m(d, app, "application");
  if (!m.ok()) return;
  check_type_meta(d, m, "Application");
  check_metadata(d, m);
  if (const Node* spec = m.required("spec")) {
    MapReader s(d, *spec, "spec");
    if (s.ok()) {
      if (const Node* v = s.required("project")) {
        if (auto p = read_string(d, *v, "project")) check_ref(d, v->mark, "project", *p, known.project_names);
      }
      // `sources:` is reported as unsupported below; then `source:` is not also demanded.
      if (const Node* v = s.has("sources") ? s.optional("source") : s.required("source")) check_source(d, *v, known);
      if (const Node* v = s.required("destination")) check_destination(d, *v, known);
      if (const Node* v = s.optional("syncPolicy")) check_sync_policy(d, *v);
      if (const Node* v = s.optional("ignoreDifferences")) check_ignore_differences(d, *v);
      if (const Node* v = s.optional("revisionHistoryLimit")) (void)read_int(d, *v, "revisionHistoryLimit");
      for (const char* k : {"sources", "info", "sourceHydrator"}) s.unsupported(k);
    }
  }
  for (const char* k : {"operation", "status"}) m.unsupported(k);
}

// One entry of spec.syncWindows, as Argo CD's SyncWindow type has it.
void check_sync_window(Diagnostics& d, const Node& item) {
  MapReader w(d, item, "syncWindows item");
  if (!w.ok()) return;
  if (const Node* v = w.required("kind")) (void)read_enum(d, *v, "kind", {"allow", "deny"});
  if (const Node* v = w.required("schedule")) {
    if (auto text = read_string(d, *v, "schedule")) {
      if (auto cron = gitops::parse_cron(*text); !cron) d.error(v->mark, "schedule: " + cron.error().message);
    }
  }
  if (const Node* v = w.required("duration")) (void)read_duration(d, *v, "duration", /*allow_zero=*/false);
  for (const char* k : {"applications", "namespaces", "clusters"}) {
    if (const Node* v = w.optional(k)) (void)read_string_list(d, *v, k);
  }
  for (const char* k : {"manualSync", "andOperator", "syncOverrun"}) {
    if (const Node* v = w.optional(k)) (void)read_bool(d, *v, k);
  }
  if (const Node* v = w.optional("description")) (void)read_string(d, *v, "description", true);
  if (const Node* v = w.optional("timeZone")) {
    // The virtual clock is UTC; other zones would need a time-zone database.
    if (auto tz = read_string(d, *v, "timeZone", true); tz && !tz->empty() && *tz != "UTC" && *tz != "Etc/UTC") {
      d.error(v->mark, "timeZone: '" + *tz + "' is valid in Argo CD but gitops-sim reads schedules in UTC only");
    }
  }
}

void check_project(Diagnostics& d, const Node& project) {
  MapReader m(d, project, "project");
  if (!m.ok()) return;
  check_type_meta(d, m, "AppProject");
  check_metadata(d, m);
  if (const Node* spec = m.optional("spec")) {
    MapReader s(d, *spec, "spec");
    if (!s.ok()) return;
    if (const Node* v = s.optional("description")) (void)read_string(d, *v, "description", true);
    if (const Node* v = s.optional("sourceRepos")) (void)read_string_list(d, *v, "sourceRepos");
    if (const Node* v = s.optional("destinations")) {
      if (const auto* items = read_list(d, v, "destinations")) {
        for (const auto& item : *items) {
          MapReader dm(d, item, "destinations item");
          for (const char* k : {"server", "name", "namespace"}) {
            if (const Node* x = dm.optional(k)) (void)read_string(d, *x, k);
          }
        }
      }
    }
    for (const char* k : {"clusterResourceWhitelist", "clusterResourceBlacklist", "namespaceResourceWhitelist",
                          "namespaceResourceBlacklist"}) {
      if (const Node* v = s.optional(k)) check_resource_list(d, *v, k);
    }
    if (const Node* v = s.optional("syncWindows")) {
      if (const auto* items = read_list(d, v, "syncWindows")) {
        for (const auto& item : *items) check_sync_window(d, item);
      }
    }
    for (const char* k : {"roles", "orphanedResources", "signatureKeys", "sourceNamespaces",
                          "permitOnlyProjectScopedClusters", "destinationServiceAccounts"}) {
      s.unsupported(k);
    }
  }
  m.unsupported("status");
}

}  // namespace gs::scenario::detail
