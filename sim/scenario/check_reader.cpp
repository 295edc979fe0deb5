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

// A name that refers to something the scenario declares (an app, a repo, a
// cluster): a string, checked against `names`.
std::optional<std::string> read_ref(Diagnostics& d, const Node& v, const char* field,
                                    const std::vector<std::string>& names) {
  auto s = read_string(d, v, field);
  if (s) check_ref(d, v.mark, field, *s, names);
  return s;
}

void check_within_end(Diagnostics& d, const Known& known, const Node& v, Duration t) {
  if (t > known.end) {
    d.error(v.mark, "time " + format_duration(t) + " is after clock.end (" + format_duration(known.end) +
                        "); the run stops before it");
  }
}

// The fields of a check's timing, asked for first so they lead the known
// names that an unknown field's suggestion is chosen from.
struct TimingFields {
  const Node* at;
  const Node* by;
  const Node* from;
  const Node* never;
};

// Exactly one of at/by/never was given: read it, and `from` with `by`.
void read_given_timing(Diagnostics& d, const MapReader& m, const Known& known, const TimingFields& f, Check& c) {
  if (f.at) {
    c.timing = Timing::At;
    if (auto t = read_duration(d, *f.at, "at")) {
      c.at = *t;
      check_within_end(d, known, *f.at, *t);
    }
  } else if (f.by) {
    c.timing = Timing::By;
    if (auto t = read_duration(d, *f.by, "by")) {
      c.at = *t;
      check_within_end(d, known, *f.by, *t);
    }
  } else if (f.never) {
    c.timing = Timing::Never;
    if (auto b = read_bool(d, *f.never, "never"); b && !*b) {
      d.error(f.never->mark, "'never: false' means nothing; use 'never: true', or 'at'/'by' for something that happens");
    }
  }
  if (f.from) {
    if (c.timing != Timing::By) {
      d.error(m.key_mark("from"), "'from' goes with 'by' (the window is [from, by])");
    } else if (auto t = read_duration(d, *f.from, "from")) {
      c.from = *t;
      if (c.from > c.at) {
        d.error(f.from->mark, "'from' (" + format_duration(c.from) + ") is after 'by' (" + format_duration(c.at) + ")");
      }
    }
  }
}

// Goals are untimed; checks need exactly one timing.
void read_timing(Diagnostics& d, MapReader& m, const Known& known, bool goal, Check& c) {
  TimingFields f;
  f.at = m.optional("at");
  f.by = m.optional("by");
  f.from = m.optional("from");
  f.never = m.optional("never");
  const char* timing_names[] = {"at", "by", "never"};
  std::vector<std::string> given;
  for (const char* t : timing_names) {
    if (m.has(t)) given.emplace_back(t);
  }
  if (goal) {
    for (const auto& t : given) d.error(m.key_mark(t), "goals are untimed; remove '" + t + "'");
    if (f.from) d.error(m.key_mark("from"), "goals are untimed; remove 'from'");
  } else if (given.empty()) {
    d.error(m.mark(), "check needs a timing: 'at: T', 'by: T' (with optional 'from: T') or 'never: true'");
  } else if (given.size() > 1) {
    d.error(m.key_mark(given[1]), "check has both '" + given[0] + "' and '" + given[1] + "'; give exactly one timing");
  } else {
    read_given_timing(d, m, known, f, c);
  }
}

// The subject and predicate fields, asked for in this order after the timing.
struct PredicateFields {
  const Node* app;
  const Node* sync;
  const Node* health;
  const Node* revision;
  const Node* operation;
  const Node* history;
  const Node* resource;
  const Node* exists;
  const Node* field;
  const Node* equals;
  const Node* event;
  const Node* repo;
  const Node* cluster;
  const Node* count;
  const Node* at_least;
};

PredicateFields read_predicate_fields(MapReader& m) {
  PredicateFields f;
  f.app = m.optional("app");
  f.sync = m.optional("sync");
  f.health = m.optional("health");
  f.revision = m.optional("revision");
  f.operation = m.optional("operation");
  f.history = m.optional("historyLength");
  f.resource = m.optional("resource");
  f.exists = m.optional("exists");
  f.field = m.optional("field");
  f.equals = m.present("equals");  // `equals: null` checks for a null field
  f.event = m.optional("event");
  f.repo = m.optional("repo");
  f.cluster = m.optional("cluster");
  f.count = m.optional("count");
  f.at_least = m.optional("atLeast");
  return f;
}

enum class Subject { None, App, Resource, Event };

// One subject: 'event' wins over 'resource', which wins over 'app'.
Subject pick_subject(Diagnostics& d, const MapReader& m, const std::string& what, const PredicateFields& f) {
  if (f.event) {
    if (f.resource) d.error(m.key_mark("resource"), what + " has two subjects, 'event' and 'resource'; split it in two");
    return Subject::Event;
  }
  if (f.resource) {
    if (f.app) d.error(m.key_mark("app"), what + " has two subjects, 'app' and 'resource'; split it in two");
    return Subject::Resource;
  }
  if (f.app) return Subject::App;
  d.error(m.mark(), what + " has no subject; expected one of 'app', 'resource' or 'event'");
  return Subject::None;
}

// A predicate given for the wrong subject: say which subject it belongs to.
void misplaced(Diagnostics& d, const MapReader& m, const Node* v, const char* key, const char* owner) {
  if (v) d.error(m.key_mark(key), std::string("'") + key + "' does not apply here; it goes with " + owner);
}

void report_misplaced(Diagnostics& d, const MapReader& m, Subject subject, const PredicateFields& f) {
  if (subject == Subject::App || subject == Subject::Resource) {
    misplaced(d, m, f.count, "count", "'event'");
    misplaced(d, m, f.at_least, "atLeast", "'event'");
    misplaced(d, m, f.repo, "repo", "'event' (as a filter)");
    misplaced(d, m, f.cluster, "cluster", subject == Subject::Resource ? "the resource map" : "'event' (as a filter)");
  }
  if (subject == Subject::Event || subject == Subject::Resource) {
    misplaced(d, m, f.sync, "sync", "'app'");
    misplaced(d, m, f.revision, "revision", "'app'");
    misplaced(d, m, f.operation, "operation", "'app'");
    misplaced(d, m, f.history, "historyLength", "'app'");
  }
  if (subject == Subject::Event || subject == Subject::App) {
    misplaced(d, m, f.exists, "exists", "'resource'");
    misplaced(d, m, f.field, "field", "'resource'");
    misplaced(d, m, f.equals, "equals", "'resource' and 'field'");
  }
  if (subject == Subject::Event) misplaced(d, m, f.health, "health", "'app' or 'resource'");
}

void read_app_predicates(Diagnostics& d, const MapReader& m, const PredicateFields& f, Check& c) {
  if (f.sync) c.sync = read_enum(d, *f.sync, "sync", kSync);
  if (f.revision) c.revision = read_string(d, *f.revision, "revision");
  if (f.operation) c.operation = read_enum(d, *f.operation, "operation", kOperation);
  if (f.history) c.history_length = read_int(d, *f.history, "historyLength");
  // Quiet when an unknown field is there: it is likely the predicate, misspelt.
  if (!f.sync && !f.health && !f.revision && !f.operation && !f.history && !m.has_unknown_fields()) {
    d.error(m.key_mark("app"),
            "app check needs at least one of 'sync', 'health', 'revision', 'operation' or 'historyLength'");
  }
}

void read_resource_predicates(Diagnostics& d, const MapReader& m, const Known& known, const PredicateFields& f,
                              Check& c) {
  c.resource = read_resource(d, *f.resource, known);
  const int kinds = (f.exists ? 1 : 0) + ((f.field || f.equals) ? 1 : 0) + (f.health ? 1 : 0);
  if (kinds == 0 && !m.has_unknown_fields()) {
    d.error(m.key_mark("resource"), "resource check needs 'exists: true|false', 'field' with 'equals', or 'health'");
  } else if (kinds > 1) {
    d.error(m.key_mark("resource"),
            "resource check takes exactly one of 'exists', 'field'+'equals' or 'health'; split it in two");
  }
  if (f.exists) c.exists = read_bool(d, *f.exists, "exists");
  if (f.field) {
    if (auto s = read_string(d, *f.field, "field")) {
      if (auto p = field_path_problem(*s)) d.error(f.field->mark, "invalid field path " + *s + ": " + *p);
      else c.field = *s;
    }
    if (!f.equals) d.error(m.key_mark("field"), "'field' needs 'equals: VALUE'");
  }
  if (f.equals) {
    c.equals = *f.equals;
    if (!f.field) d.error(m.key_mark("equals"), "'equals' needs 'field: dotted.path'");
  }
}

void read_event_predicates(Diagnostics& d, const MapReader& m, const Known& known, const PredicateFields& f,
                           Check& c) {
  if (auto s = read_string(d, *f.event, "event")) {
    if (std::find(kEventTypes.begin(), kEventTypes.end(), *s) == kEventTypes.end()) {
      const std::string dym = suggestion(*s, kEventTypes);
      d.error(f.event->mark, "unknown event type '" + *s + "'" + (dym.empty() ? "; expected one of " + join_or(kEventTypes) : dym));
    } else {
      c.event = *s;
    }
  }
  if (f.repo) c.repo = read_ref(d, *f.repo, "repo", known.repo_names);
  if (f.cluster) c.cluster = read_ref(d, *f.cluster, "cluster", known.cluster_names);
  if (f.count && f.at_least) d.error(m.key_mark("atLeast"), "give 'count' (exactly N) or 'atLeast' (N or more), not both");
  if (f.count) c.count = read_int(d, *f.count, "count");
  if (f.at_least) c.at_least = read_int(d, *f.at_least, "atLeast");
}

}  // namespace

std::optional<Check> read_check(Diagnostics& d, const Node& n, const Known& known, bool goal) {
  const std::size_t errors_before = d.count();
  const std::string what = goal ? "goal" : "check";
  MapReader m(d, n, what);
  if (!m.ok()) return std::nullopt;
  Check c;
  c.pos = d.pos(n.mark);
  read_timing(d, m, known, goal, c);

  const PredicateFields f = read_predicate_fields(m);
  if (f.app) c.app = read_ref(d, *f.app, "app", known.app_names);
  const Subject subject = pick_subject(d, m, what, f);
  report_misplaced(d, m, subject, f);
  if (f.health && subject != Subject::Event) c.health = read_enum(d, *f.health, "health", kHealth);
  switch (subject) {
    case Subject::App: read_app_predicates(d, m, f, c); break;
    case Subject::Resource: read_resource_predicates(d, m, known, f, c); break;
    case Subject::Event: read_event_predicates(d, m, known, f, c); break;
    case Subject::None: break;
  }

  m.finish();
  if (d.count() != errors_before) return std::nullopt;
  c.text = describe_check(c);
  return c;
}

}  // namespace gs::scenario::detail
