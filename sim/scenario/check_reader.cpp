// Reading the check predicates of `expect` and `goals` (the spec's "Check
// predicates") from a scenario file; evaluating them is checks.hpp's job.
#include <algorithm>

#include "sim/model/yaml.hpp"
#include "sim/scenario/parts.hpp"
#include "sim/core/events.hpp"

namespace gs::scenario::detail {

using model::Mark;
using model::Node;

namespace {

const std::vector<std::string> kSync = {"Synced", "OutOfSync", "Unknown"};
const std::vector<std::string> kHealth = {"Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"};
const std::vector<std::string> kOperation = {"Running", "Succeeded", "Failed", "Error"};
// Unknown event types are errors: a check on a type the World never emits
// would silently never match.
const std::vector<std::string> kEventTypes = events::type_names();

// `dotted.path[0].name`: names separated by dots, each with optional [N] indexes.
std::optional<std::string> field_path_problem(std::string_view path) {
  const std::string want = "expected a dotted path like spec.template.spec.containers[0].image";
  if (path.empty()) return "empty field path; " + want;
  std::size_t i = 0;
  while (i < path.size()) {
    const std::size_t name_start = i;
    while (i < path.size() && path[i] != '.' && path[i] != '[' && path[i] != ']') ++i;
    if (i == name_start) return "empty name at position " + std::to_string(i + 1) + " of the field path; " + want;
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return "unclosed or empty '[' in the field path; " + want;
      for (std::size_t k = i + 1; k < close; ++k) {
        if (path[k] < '0' || path[k] > '9') return "a list index must be a number, as in containers[0]; " + want;
      }
      i = close + 1;
    }
    if (i == path.size()) break;
    if (path[i] != '.') return "unexpected '" + std::string(1, path[i]) + "' in the field path; " + want;
    ++i;
    if (i == path.size()) return "the field path ends in '.'; " + want;
  }
  return std::nullopt;
}

// A value as it reads in a one-line description.
std::string value_text(const Node& n) {
  if (n.is_scalar() && !(n.is_string() && (n.text().empty() || n.text().find_first_of(" \t\n\"") != std::string::npos))) {
    return n.text();
  }
  std::string json = model::to_json(n);
  while (!json.empty() && json.back() == '\n') json.pop_back();
  return json;
}

std::string describe_check(const Check& c) {
  std::string out;
  switch (c.timing) {
    case Timing::At: out = "at " + format_duration(c.at) + ": "; break;
    case Timing::By:
      out = (c.from.ms > 0 ? "from " + format_duration(c.from) + " by " : "by ") + format_duration(c.at) + ": ";
      break;
    case Timing::Never: out = "never: "; break;
    case Timing::Untimed: break;
  }
  auto kv = [&](const char* k, const std::optional<std::string>& v) {
    if (v) out += std::string(" ") + k + "=" + *v;
  };
  auto kvi = [&](const char* k, const std::optional<std::int64_t>& v) {
    if (v) out += std::string(" ") + k + "=" + std::to_string(*v);
  };
  if (c.event) {
    out += "event " + *c.event;
    kv("app", c.app);
    kv("repo", c.repo);
    kv("cluster", c.cluster);
    kvi("count", c.count);
    kvi("atLeast", c.at_least);
  } else if (c.resource) {
    const auto& r = *c.resource;
    out += "resource " + r.cluster + "/";
    if (!r.ns.empty()) out += r.ns + "/";
    out += r.kind + (r.group.empty() ? "" : "." + r.group) + "/" + r.name;
    if (c.exists) out += *c.exists ? " exists" : " absent";
    if (c.field) out += " " + *c.field + "=" + (c.equals ? value_text(*c.equals) : "");
    kv("health", c.health);
  } else if (c.app) {
    out += "app " + *c.app;
    kv("sync", c.sync);
    kv("health", c.health);
    kv("revision", c.revision);
    kv("operation", c.operation);
    kvi("historyLength", c.history_length);
  }
  return out;
}

ResourceRef read_resource(Diagnostics& d, const Node& n, const Known& known) {
  ResourceRef r;
  MapReader m(d, n, "resource");
  if (!m.ok()) return r;
  if (const Node* v = m.optional("cluster")) {
    if (auto s = read_string(d, *v, "cluster")) {
      r.cluster = *s;
      check_ref(d, v->mark, "cluster", *s, known.cluster_names);
    }
  } else if (known.cluster_names.size() == 1) {
    r.cluster = known.cluster_names.front();  // one cluster: naming it is optional, like kubectl's current context
  } else {
    d.error(m.mark(), "missing required field 'cluster' in resource (the scenario has " +
                          std::to_string(known.cluster_names.size()) + " clusters)");
  }
  // Cluster-scoped kinds (Namespace, ClusterRole) have no namespace.
  if (const Node* v = m.optional("namespace")) r.ns = read_string(d, *v, "namespace").value_or("");
  if (const Node* v = m.optional("group")) r.group = read_string(d, *v, "group").value_or("");
  if (const Node* v = m.required("kind")) r.kind = read_string(d, *v, "kind").value_or("");
  if (const Node* v = m.required("name")) r.name = read_string(d, *v, "name").value_or("");
  return r;
}

}  // namespace

std::optional<Check> read_check(Diagnostics& d, const Node& n, const Known& known, bool goal) {
  const std::size_t errors_before = d.count();
  const std::string what = goal ? "goal" : "check";
  MapReader m(d, n, what);
  if (!m.ok()) return std::nullopt;
  Check c;
  c.pos = d.pos(n.mark);

  // Timing.
  const Node* at = m.optional("at");
  const Node* by = m.optional("by");
  const Node* from = m.optional("from");
  const Node* never = m.optional("never");
  const char* timing_names[] = {"at", "by", "never"};
  std::vector<std::string> given;
  for (const char* t : timing_names) {
    if (m.has(t)) given.emplace_back(t);
  }
  if (goal) {
    for (const auto& t : given) d.error(m.key_mark(t), "goals are untimed; remove '" + t + "'");
    if (from) d.error(m.key_mark("from"), "goals are untimed; remove 'from'");
  } else if (given.empty()) {
    d.error(m.mark(), "check needs a timing: 'at: T', 'by: T' (with optional 'from: T') or 'never: true'");
  } else if (given.size() > 1) {
    d.error(m.key_mark(given[1]), "check has both '" + given[0] + "' and '" + given[1] + "'; give exactly one timing");
  } else {
    auto within_end = [&](const Node& v, Duration t) {
      if (t > known.end) {
        d.error(v.mark, "time " + format_duration(t) + " is after clock.end (" + format_duration(known.end) +
                            "); the run stops before it");
      }
    };
    if (at) {
      c.timing = Timing::At;
      if (auto t = read_duration(d, *at, "at")) {
        c.at = *t;
        within_end(*at, *t);
      }
    } else if (by) {
      c.timing = Timing::By;
      if (auto t = read_duration(d, *by, "by")) {
        c.at = *t;
        within_end(*by, *t);
      }
    } else if (never) {
      c.timing = Timing::Never;
      if (auto b = read_bool(d, *never, "never"); b && !*b) {
        d.error(never->mark, "'never: false' means nothing; use 'never: true', or 'at'/'by' for something that happens");
      }
    }
    if (from) {
      if (c.timing != Timing::By) {
        d.error(m.key_mark("from"), "'from' goes with 'by' (the window is [from, by])");
      } else if (auto t = read_duration(d, *from, "from")) {
        c.from = *t;
        if (c.from > c.at) {
          d.error(from->mark, "'from' (" + format_duration(c.from) + ") is after 'by' (" + format_duration(c.at) + ")");
        }
      }
    }
  }

  // Subject and predicates.
  const Node* app = m.optional("app");
  const Node* sync = m.optional("sync");
  const Node* health = m.optional("health");
  const Node* revision = m.optional("revision");
  const Node* operation = m.optional("operation");
  const Node* history = m.optional("historyLength");
  const Node* resource = m.optional("resource");
  const Node* exists = m.optional("exists");
  const Node* field = m.optional("field");
  const Node* equals = m.present("equals");  // `equals: null` checks for a null field
  const Node* event = m.optional("event");
  const Node* repo = m.optional("repo");
  const Node* cluster = m.optional("cluster");
  const Node* count = m.optional("count");
  const Node* at_least = m.optional("atLeast");

  if (app) {
    if (auto s = read_string(d, *app, "app")) {
      c.app = *s;
      check_ref(d, app->mark, "app", *s, known.app_names);
    }
  }
  enum class Subject { None, App, Resource, Event } subject = Subject::None;
  if (event) {
    subject = Subject::Event;
    if (resource) d.error(m.key_mark("resource"), what + " has two subjects, 'event' and 'resource'; split it in two");
  } else if (resource) {
    subject = Subject::Resource;
    if (app) d.error(m.key_mark("app"), what + " has two subjects, 'app' and 'resource'; split it in two");
  } else if (app) {
    subject = Subject::App;
  } else {
    d.error(m.mark(), what + " has no subject; expected one of 'app', 'resource' or 'event'");
  }

  // A predicate given for the wrong subject: say which subject it belongs to.
  auto belongs = [&](const Node* v, const char* key, const char* owner) {
    if (v) d.error(m.key_mark(key), std::string("'") + key + "' does not apply here; it goes with " + owner);
  };
  if (subject == Subject::App || subject == Subject::Resource) {
    belongs(count, "count", "'event'");
    belongs(at_least, "atLeast", "'event'");
    belongs(repo, "repo", "'event' (as a filter)");
    belongs(cluster, "cluster", subject == Subject::Resource ? "the resource map" : "'event' (as a filter)");
  }
  if (subject == Subject::Event || subject == Subject::Resource) {
    belongs(sync, "sync", "'app'");
    belongs(revision, "revision", "'app'");
    belongs(operation, "operation", "'app'");
    belongs(history, "historyLength", "'app'");
  }
  if (subject == Subject::Event || subject == Subject::App) {
    belongs(exists, "exists", "'resource'");
    belongs(field, "field", "'resource'");
    belongs(equals, "equals", "'resource' and 'field'");
  }
  if (subject == Subject::Event) belongs(health, "health", "'app' or 'resource'");

  if (health && subject != Subject::Event) c.health = read_enum(d, *health, "health", kHealth);

  if (subject == Subject::App) {
    if (sync) c.sync = read_enum(d, *sync, "sync", kSync);
    if (revision) c.revision = read_string(d, *revision, "revision");
    if (operation) c.operation = read_enum(d, *operation, "operation", kOperation);
    if (history) c.history_length = read_int(d, *history, "historyLength");
    if (!sync && !health && !revision && !operation && !history && !m.has_unknown_fields()) {
      d.error(m.key_mark("app"),
              "app check needs at least one of 'sync', 'health', 'revision', 'operation' or 'historyLength'");
    }
  } else if (subject == Subject::Resource) {
    c.resource = read_resource(d, *resource, known);
    const int kinds = (exists ? 1 : 0) + ((field || equals) ? 1 : 0) + (health ? 1 : 0);
    if (kinds == 0 && !m.has_unknown_fields()) {
      d.error(m.key_mark("resource"), "resource check needs 'exists: true|false', 'field' with 'equals', or 'health'");
    } else if (kinds > 1) {
      d.error(m.key_mark("resource"),
              "resource check takes exactly one of 'exists', 'field'+'equals' or 'health'; split it in two");
    }
    if (exists) c.exists = read_bool(d, *exists, "exists");
    if (field) {
      if (auto s = read_string(d, *field, "field")) {
        if (auto p = field_path_problem(*s)) d.error(field->mark, "invalid field path " + *s + ": " + *p);
        else c.field = *s;
      }
      if (!equals) d.error(m.key_mark("field"), "'field' needs 'equals: VALUE'");
    }
    if (equals) {
      c.equals = *equals;
      if (!field) d.error(m.key_mark("equals"), "'equals' needs 'field: dotted.path'");
    }
  } else if (subject == Subject::Event) {
    if (auto s = read_string(d, *event, "event")) {
      if (std::find(kEventTypes.begin(), kEventTypes.end(), *s) == kEventTypes.end()) {
        const std::string dym = suggestion(*s, kEventTypes);
        d.error(event->mark, "unknown event type '" + *s + "'" + (dym.empty() ? "; expected one of " + join_or(kEventTypes) : dym));
      } else {
        c.event = *s;
      }
    }
    if (repo) {
      if (auto s = read_string(d, *repo, "repo")) {
        c.repo = *s;
        check_ref(d, repo->mark, "repo", *s, known.repo_names);
      }
    }
    if (cluster) {
      if (auto s = read_string(d, *cluster, "cluster")) {
        c.cluster = *s;
        check_ref(d, cluster->mark, "cluster", *s, known.cluster_names);
      }
    }
    if (count && at_least) d.error(m.key_mark("atLeast"), "give 'count' (exactly N) or 'atLeast' (N or more), not both");
    if (count) c.count = read_int(d, *count, "count");
    if (at_least) c.at_least = read_int(d, *at_least, "atLeast");
  }

  m.finish();
  if (d.count() != errors_before) return std::nullopt;
  c.text = describe_check(c);
  return c;
}

}  // namespace gs::scenario::detail
