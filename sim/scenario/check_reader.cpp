// Reading the check predicates of `expect`, `goals` and lessons (the spec's
// "Check predicates", and lesson-format.md's additions) from a file;
// evaluating them is predicates.hpp's job.
//
// Where the formats are silent (decisions, so authors can rely on them):
// - `all`, `any` and `not` nest; only the outermost check has a timing.
// - An event's filters are the fields of its type in the event catalog
//   (events.hpp): `{event: AppRefreshed, level: webhook}`; a string field
//   also takes `{contains: TEXT}`. A field the type does not have is an error.
// - An app's `field` is a path in its Application object as `argocd app get
//   -o yaml` shows it (status.history[0].revision, status.sync.status,
//   spec.source.targetRevision); `status.history` is oldest first, as in
//   Argo CD. `message: {contains: TEXT}` reads the operation's message.
// - `causedBy`, `ran` and `output.command` name a command by its first
//   words, which must begin some command of the language.
#include "sim/scenario/check_reader.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "sim/cluster/object_key.hpp"
#include "sim/core/events.hpp"
#include "sim/model/yaml.hpp"
#include "sim/scenario/parts.hpp"
#include "sim/scenario/rules.hpp"
#include "sim/world/command.hpp"

namespace gs::scenario {
namespace detail {

using model::Mark;
using model::Node;

namespace {

const std::vector<std::string> kSync = {"Synced", "OutOfSync", "Unknown"};
const std::vector<std::string> kHealth = {"Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"};
const std::vector<std::string> kOperation = {"Running", "Succeeded", "Failed", "Error"};
// The condition types an Argo CD app reports here (app_status.hpp).
const std::vector<std::string> kConditions = {"ComparisonError", "SyncError", "InvalidSpecError"};
// Unknown event types are errors: a check on a type the World never emits
// would silently never match.
const std::vector<std::string> kEventTypes = events::type_names();
// Event fields whose values come from a fixed list (controller.hpp, app_status.hpp).
const std::vector<std::string> kRefreshLevels = {"poll", "watch", "webhook", "manual", "operation", "initial"};
const std::vector<std::string> kInitiatedBy = {"automated", "selfHeal", "user", "rollback"};
// The Application object's fields a check may name, under status/spec/metadata.
const std::vector<std::string> kAppStatusFields = {"sync",       "health",       "operationState", "history",
                                                   "conditions", "reconciledAt", "sourceType",     "resources"};
const std::vector<std::string> kAppSpecFields = {"project", "source", "destination", "syncPolicy"};
const std::vector<std::string> kAppMetadataFields = {"name", "namespace"};

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

// The names of a dotted path without their indexes: "status.history[0].revision" -> status, history, revision.
std::vector<std::string> path_names(std::string_view path) {
  std::vector<std::string> out;
  std::string cur;
  bool in_index = false;
  for (char c : path) {
    if (c == '[') in_index = true;
    else if (c == ']') in_index = false;
    else if (c == '.' && !in_index) {
      out.push_back(cur);
      cur.clear();
    } else if (!in_index) {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// An app's field: a path in its Application object (predicates.cpp builds it).
std::optional<std::string> app_field_problem(std::string_view path) {
  const std::string want =
      "an app's field is a path in its Application object as `argocd app get -o yaml` shows it, "
      "e.g. status.history[0].revision or status.sync.status";
  const auto names = path_names(path);
  const std::vector<std::string> roots = {"status", "spec", "metadata"};
  if (std::find(roots.begin(), roots.end(), names[0]) == roots.end()) {
    return "'" + names[0] + "' is not status, spec or metadata" + suggestion(names[0], roots) + "; " + want;
  }
  if (names.size() < 2) return want;
  const auto& second = names[0] == "status" ? kAppStatusFields : names[0] == "spec" ? kAppSpecFields : kAppMetadataFields;
  if (std::find(second.begin(), second.end(), names[1]) == second.end()) {
    return "unknown field '" + names[1] + "' in " + names[0] + suggestion(names[1], second) + "; expected one of " +
           join_or(second);
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

std::string field_value_text(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return std::get<bool>(v) ? "true" : "false";
}

std::string filters_text(const std::vector<EventFilter>& filters) {
  std::string out;
  for (const auto& f : filters) out += " " + f.field + (f.contains ? "~" : "=") + field_value_text(f.value);
  return out;
}

std::string describe_timing(const Check& c) {
  switch (c.timing) {
    case Timing::At: return "at " + format_duration(c.at) + ": ";
    case Timing::By: return (c.from.ms > 0 ? "from " + format_duration(c.from) + " by " : "by ") + format_duration(c.at) + ": ";
    case Timing::Never: return "never: ";
    case Timing::Untimed: break;
  }
  return "";
}

std::string describe_parts(const char* op, const std::vector<Check>& parts) {
  std::string out = std::string(op) + "(";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i].text;
  return out + ")";
}

std::string describe_subject(const Check& c) {
  std::string out;
  auto kv = [&](const char* k, const std::optional<std::string>& v) {
    if (v) out += std::string(" ") + k + "=" + *v;
  };
  auto kvi = [&](const char* k, const std::optional<std::int64_t>& v) {
    if (v) out += std::string(" ") + k + "=" + std::to_string(*v);
  };
  if (!c.all.empty()) return describe_parts("all", c.all);
  if (!c.any.empty()) return describe_parts("any", c.any);
  if (!c.not_.empty()) return describe_parts("not", c.not_);
  if (c.event) {
    out += "event " + *c.event;
    kv("app", c.app);
    kv("repo", c.repo);
    kv("cluster", c.cluster);
    out += filters_text(c.filters);
    if (c.after) out += " after (event " + c.after->type + filters_text(c.after->filters) + ")";
    kv("causedBy", c.caused_by);
    if (c.since_step) out += " since step";
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
  } else if (c.output) {
    out += "output of '" + *c.output + "' contains '" + c.contains.value_or("") + "'";
  } else if (c.file) {
    out += "file " + c.file->repo + "@" + c.file->branch + ":" + c.file->path;
    if (c.exists) out += *c.exists ? " exists" : " absent";
    if (c.field) out += " " + *c.field + "=" + (c.equals ? value_text(*c.equals) : "");
    if (c.contains) out += " contains '" + *c.contains + "'";
  } else if (c.ran) {
    out += "ran '" + *c.ran + "'";
  } else if (c.answered) {
    out += "answered " + *c.answered;
    if (c.correct) out += *c.correct ? " correctly" : " wrongly";
  } else if (c.app) {
    out += "app " + *c.app;
    kv("sync", c.sync);
    kv("health", c.health);
    kv("revision", c.revision);
    kv("operation", c.operation);
    kvi("historyLength", c.history_length);
    kv("condition", c.condition);
    if (c.contains) out += " message~" + *c.contains;
    if (c.field) out += " " + *c.field + "=" + (c.equals ? value_text(*c.equals) : "");
  }
  return out;
}

std::string describe_check(const Check& c) { return describe_timing(c) + describe_subject(c); }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A kind as kubectl takes it (Deployment, deployments, deploy; as the API
// server resolves it, cluster/api_server.cpp) that no cluster of this world
// can have: built-in kinds and Argo CD's own only.
std::optional<std::string> kind_problem(const std::string& kind, const std::string& group) {
  std::vector<cluster::KindInfo> kinds = cluster::builtin_kinds();
  kinds.push_back({"argoproj.io", "Application", "applications", {"v1alpha1"}, true, {"app", "apps"}});
  kinds.push_back({"argoproj.io", "AppProject", "appprojects", {"v1alpha1"}, true, {"appproj"}});
  const std::string w = lower(kind);
  std::vector<std::string> names;
  for (const auto& k : kinds) {
    names.push_back(k.kind);
    if (!group.empty() && k.group != group) continue;
    if (w == lower(k.kind) || w == k.resource) return std::nullopt;
    if (std::find(k.short_names.begin(), k.short_names.end(), w) != k.short_names.end()) return std::nullopt;
  }
  std::string msg = "unknown kind '" + kind + "'" + (group.empty() ? "" : " in group '" + group + "'");
  if (auto s = suggestion(kind, names); !s.empty()) return msg + s;
  return msg + "; no built-in kind has that name and the scenario defines no CustomResourceDefinition";
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
  if (const Node* v = m.required("kind")) {
    r.kind = read_string(d, *v, "kind").value_or("");
    if (known.check_kinds && !r.kind.empty()) {
      if (auto p = kind_problem(r.kind, r.group)) d.error(v->mark, *p);
    }
  }
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

// The command names of the language: "git commit", "kubectl scale", ...
std::vector<std::string> command_names() {
  std::vector<std::string> out;
  for (const auto& c : world::command_table()) {
    std::string name;
    for (const auto& w : c.path) name += (name.empty() ? "" : " ") + w;
    out.push_back(name);
  }
  return out;
}

// A command prefix ("git revert", "argocd app get shop", "kubectl"): its
// words must begin some command of the language, or a command's words begin it.
std::optional<std::string> command_prefix_problem(const std::string& prefix) {
  auto words = world::tokenize(prefix);
  if (!words) return words.error().message;
  if (words->empty()) return std::string("empty command prefix; expected the start of a command such as 'git revert'");
  for (const auto& c : world::command_table()) {
    const std::size_t n = std::min(c.path.size(), words->size());
    if (std::equal(c.path.begin(), c.path.begin() + static_cast<std::ptrdiff_t>(n), words->begin())) return std::nullopt;
  }
  const auto names = command_names();
  const std::size_t n = std::min<std::size_t>(words->size(), 3);
  std::string head;
  for (std::size_t i = 0; i < n; ++i) head += (i ? " " : "") + (*words)[i];
  std::string msg = "'" + prefix + "' begins no command of the language";
  if (auto dym = world::did_you_mean(head, names)) return msg + "; did you mean '" + *dym + "'?";
  return msg + "; expected the start of a command such as 'git revert', 'kubectl scale' or 'argocd app sync'";
}

std::optional<std::string> read_command_prefix(Diagnostics& d, const Node& v, const char* field) {
  auto s = read_string(d, v, field);
  if (!s) return std::nullopt;
  if (auto p = command_prefix_problem(*s)) {
    d.error(v.mark, std::string(field) + ": " + *p);
    return std::nullopt;
  }
  return s;
}

// `causedBy: TYPE` or `causedBy: COMMAND PREFIX`.
std::optional<std::string> read_caused_by(Diagnostics& d, const Node& v) {
  auto s = read_string(d, v, "causedBy");
  if (!s) return std::nullopt;
  if (std::find(kEventTypes.begin(), kEventTypes.end(), *s) != kEventTypes.end()) return s;
  if (!command_prefix_problem(*s)) return s;
  std::vector<std::string> candidates = kEventTypes;
  for (const auto& c : command_names()) candidates.push_back(c);
  std::string msg = "causedBy: '" + *s + "' is neither an event type nor the start of a command";
  if (auto dym = world::did_you_mean(*s, candidates)) msg += "; did you mean '" + *dym + "'?";
  else msg += "; expected an event type such as LiveChanged or a command such as 'git revert'";
  d.error(v.mark, msg);
  return std::nullopt;
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

// Where the check being read sits: at the top of `expect`, `goals` or a
// lesson step, or inside all/any/not.
struct Place {
  CheckUse use;
  bool nested = false;
};

// Goals, lesson checks and parts of all/any/not are untimed; expectations
// need exactly one timing.
void read_timing(Diagnostics& d, MapReader& m, const Known& known, Place place, Check& c) {
  TimingFields f;
  f.at = m.optional("at");
  f.by = m.optional("by");
  f.from = m.optional("from");
  f.never = m.optional("never");
  std::vector<std::string> given;
  for (const char* t : {"at", "by", "never"}) {
    if (m.has(t)) given.emplace_back(t);
  }
  std::vector<std::string> all_given = given;
  if (m.has("from")) all_given.emplace_back("from");
  if (place.nested) {
    for (const auto& t : all_given) {
      d.error(m.key_mark(t), "a part of 'all', 'any' or 'not' is untimed; give '" + t + "' to the outermost check");
    }
  } else if (place.use == CheckUse::Goal) {
    for (const auto& t : all_given) d.error(m.key_mark(t), "goals are untimed; remove '" + t + "'");
  } else if (place.use == CheckUse::Lesson) {
    for (const auto& t : all_given) d.error(m.key_mark(t), "a lesson's checks are untimed (the step's 'within' is its budget); remove '" + t + "'");
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
  const Node* all;
  const Node* any;
  const Node* not_;
  const Node* app;
  const Node* sync;
  const Node* health;
  const Node* revision;
  const Node* operation;
  const Node* history;
  const Node* condition;
  const Node* resource;
  const Node* exists;
  const Node* field;
  const Node* equals;
  const Node* contains;
  const Node* event;
  const Node* repo;
  const Node* cluster;
  const Node* count;
  const Node* at_least;
  const Node* after;
  const Node* caused_by;
  const Node* since;
  const Node* output;
  const Node* file;
  const Node* ran;
  const Node* answered;
  const Node* correct;
  const Node* where;
};

// Every key read_predicate_fields() and the timing ask for. An event check's
// other keys are filters on the event's own fields; so are these where the
// event type has a field of that name (sync, health, revision, field), except
// the timing's and the check's own event keys.
const std::vector<std::string> kCheckKeys = {
    "at",       "by",        "from",     "never",   "all",      "any",   "not",    "app",     "sync",
    "health",   "revision",  "operation", "historyLength", "condition", "resource", "exists", "field", "equals",
    "contains", "event",     "repo",     "cluster", "count",    "atLeast", "after", "causedBy", "since",
    "output",   "file",      "ran",      "answered", "correct", "where"};
const std::vector<std::string> kAlwaysCheckKeys = {"at",    "by",      "from",  "never",    "event", "app",
                                                   "repo",  "cluster", "count", "atLeast",  "after", "causedBy",
                                                   "since", "where"};

bool type_has_field(const events::TypeDef* type, std::string_view key) {
  if (!type) return false;
  return std::any_of(type->fields.begin(), type->fields.end(), [&](const events::FieldDef& f) { return key == f.name; });
}

// The keys an event check of `type` reads itself; the rest are filters.
std::vector<std::string> event_check_keys(const events::TypeDef* type) {
  std::vector<std::string> out;
  for (const auto& k : kCheckKeys) {
    const bool own = std::find(kAlwaysCheckKeys.begin(), kAlwaysCheckKeys.end(), k) != kAlwaysCheckKeys.end();
    if (own || !type_has_field(type, k)) out.push_back(k);
  }
  return out;
}

PredicateFields read_predicate_fields(MapReader& m) {
  PredicateFields f;
  f.all = m.present("all");
  f.any = m.present("any");
  f.not_ = m.present("not");
  f.app = m.optional("app");
  f.sync = m.optional("sync");
  f.health = m.optional("health");
  f.revision = m.optional("revision");
  f.operation = m.optional("operation");
  f.history = m.optional("historyLength");
  f.condition = m.optional("condition");
  f.resource = m.optional("resource");
  f.exists = m.optional("exists");
  f.field = m.optional("field");
  f.equals = m.present("equals");  // `equals: null` checks for a null field
  f.contains = m.optional("contains");
  f.event = m.optional("event");
  f.repo = m.optional("repo");
  f.cluster = m.optional("cluster");
  f.count = m.optional("count");
  f.at_least = m.optional("atLeast");
  f.after = m.optional("after");
  f.caused_by = m.optional("causedBy");
  f.since = m.optional("since");
  f.output = m.optional("output");
  f.file = m.optional("file");
  f.ran = m.optional("ran");
  f.answered = m.optional("answered");
  f.correct = m.optional("correct");
  f.where = m.optional("where");
  return f;
}

enum class Subject { None, All, Any, Not, Event, Resource, Output, File, Ran, Answered, App };

struct SubjectKey {
  Subject subject;
  const char* key;
  const Node* PredicateFields::*field;
};

// In priority order: the first one given is the subject ('event' wins over
// 'resource', which wins over 'app'; `app` beside `event` is a filter).
const std::vector<SubjectKey> kSubjects = {
    {Subject::All, "all", &PredicateFields::all},
    {Subject::Any, "any", &PredicateFields::any},
    {Subject::Not, "not", &PredicateFields::not_},
    {Subject::Event, "event", &PredicateFields::event},
    {Subject::Resource, "resource", &PredicateFields::resource},
    {Subject::Output, "output", &PredicateFields::output},
    {Subject::File, "file", &PredicateFields::file},
    {Subject::Ran, "ran", &PredicateFields::ran},
    {Subject::Answered, "answered", &PredicateFields::answered},
    {Subject::App, "app", &PredicateFields::app},
};

// The order two subjects are named in an error: "'app' and 'resource'".
int display_rank(Subject s) {
  switch (s) {
    case Subject::App: return 0;
    case Subject::Event: return 1;
    case Subject::Resource: return 2;
    default: return 3 + static_cast<int>(s);
  }
}

Subject pick_subject(Diagnostics& d, const MapReader& m, const std::string& what, const PredicateFields& f) {
  const SubjectKey* first = nullptr;
  for (const auto& s : kSubjects) {
    if (!(f.*(s.field))) continue;
    if (!first) {
      first = &s;
      continue;
    }
    if (first->subject == Subject::Event && s.subject == Subject::App) continue;  // a filter
    const bool first_leads = display_rank(first->subject) < display_rank(s.subject);
    const std::string a = first_leads ? first->key : s.key;
    const std::string b = first_leads ? s.key : first->key;
    d.error(m.key_mark(s.key), what + " has two subjects, '" + a + "' and '" + b + "'; split it in two" +
                                   (first->subject == Subject::All || first->subject == Subject::Any ||
                                            first->subject == Subject::Not
                                        ? " (or move it into the list)"
                                        : ""));
  }
  if (first) return first->subject;
  d.error(m.mark(), what +
                        " has no subject; expected one of 'app', 'resource', 'event', 'output', 'file', 'ran', "
                        "'answered', or 'all'/'any'/'not'");
  return Subject::None;
}

// A predicate given for the wrong subject: say which subject it belongs to.
struct Placement {
  const char* key;
  const Node* PredicateFields::*field;
  std::vector<Subject> subjects;
  const char* owner;
};

const std::vector<Placement> kPlacements = {
    {"count", &PredicateFields::count, {Subject::Event}, "'event'"},
    {"atLeast", &PredicateFields::at_least, {Subject::Event}, "'event'"},
    {"after", &PredicateFields::after, {Subject::Event}, "'event'"},
    {"causedBy", &PredicateFields::caused_by, {Subject::Event}, "'event'"},
    {"since", &PredicateFields::since, {Subject::Event}, "'event'"},
    {"where", &PredicateFields::where, {Subject::Event}, "'event'"},
    {"repo", &PredicateFields::repo, {Subject::Event}, "'event' (as a filter)"},
    {"sync", &PredicateFields::sync, {Subject::App}, "'app'"},
    {"revision", &PredicateFields::revision, {Subject::App}, "'app'"},
    {"operation", &PredicateFields::operation, {Subject::App}, "'app'"},
    {"historyLength", &PredicateFields::history, {Subject::App}, "'app'"},
    {"condition", &PredicateFields::condition, {Subject::App}, "'app'"},
    {"exists", &PredicateFields::exists, {Subject::Resource, Subject::File}, "'resource' or 'file'"},
    {"field", &PredicateFields::field, {Subject::Resource, Subject::File, Subject::App}, "'resource', 'file' or 'app'"},
    {"equals", &PredicateFields::equals, {Subject::Resource, Subject::File, Subject::App}, "'field'"},
    {"contains", &PredicateFields::contains, {Subject::File}, "'file' (elsewhere: message: {contains: TEXT}, output: {command, contains})"},
    {"health", &PredicateFields::health, {Subject::App, Subject::Resource}, "'app' or 'resource'"},
    {"correct", &PredicateFields::correct, {Subject::Answered}, "'answered'"},
};

void report_misplaced(Diagnostics& d, const MapReader& m, Subject subject, const PredicateFields& f,
                      const events::TypeDef* event_type) {
  if (subject == Subject::None) return;
  for (const auto& p : kPlacements) {
    if (!(f.*(p.field))) continue;
    if (subject == Subject::Event && type_has_field(event_type, p.key)) continue;  // a filter on the event's field
    if (std::find(p.subjects.begin(), p.subjects.end(), subject) != p.subjects.end()) continue;
    d.error(m.key_mark(p.key), std::string("'") + p.key + "' does not apply here; it goes with " + p.owner);
  }
  // `cluster` filters events, and names a resource's cluster inside its map.
  if (f.cluster && subject != Subject::Event) {
    d.error(m.key_mark("cluster"), std::string("'cluster' does not apply here; it goes with ") +
                                       (subject == Subject::Resource ? "the resource map" : "'event' (as a filter)"));
  }
}

// `since`, `ran` and `answered` read a lesson's step; elsewhere they mean nothing.
void lesson_only(Diagnostics& d, const MapReader& m, Place place, const PredicateFields& f) {
  if (place.use == CheckUse::Lesson) return;
  const std::pair<const char*, const Node*> keys[] = {{"since", f.since}, {"ran", f.ran}, {"answered", f.answered}};
  for (const auto& [key, v] : keys) {
    if (v) d.error(m.key_mark(key), std::string("'") + key + "' is only in lessons (a step's check reads the step)");
  }
}

std::optional<std::string> read_contains_map(Diagnostics& d, const Node& v, const char* what) {
  MapReader m(d, v, what);
  if (!m.ok()) return std::nullopt;
  if (const Node* c = m.required("contains")) return read_string(d, *c, "contains");
  return std::nullopt;
}

void read_app_predicates(Diagnostics& d, MapReader& m, const PredicateFields& f, Check& c) {
  const Node* message = m.optional("message");
  if (f.sync) c.sync = read_enum(d, *f.sync, "sync", kSync);
  if (f.revision) c.revision = read_string(d, *f.revision, "revision");
  if (f.operation) c.operation = read_enum(d, *f.operation, "operation", kOperation);
  if (f.history) c.history_length = read_int(d, *f.history, "historyLength");
  if (f.condition) c.condition = read_enum(d, *f.condition, "condition", kConditions);
  if (message) c.contains = read_contains_map(d, *message, "message");
  if (f.field) {
    if (auto s = read_string(d, *f.field, "field")) {
      if (auto p = field_path_problem(*s)) d.error(f.field->mark, "invalid field path " + *s + ": " + *p);
      else if (auto q = app_field_problem(*s)) d.error(f.field->mark, "invalid app field " + *s + ": " + *q);
      else c.field = *s;
    }
    if (!f.equals) d.error(m.key_mark("field"), "'field' needs 'equals: VALUE'");
  }
  if (f.equals) {
    c.equals = *f.equals;
    if (!f.field) d.error(m.key_mark("equals"), "'equals' needs 'field: dotted.path'");
  }
  // Quiet when an unknown field is there: it is likely the predicate, misspelt.
  if (!f.sync && !f.health && !f.revision && !f.operation && !f.history && !f.condition && !message && !f.field &&
      !f.equals && !m.has_unknown_fields()) {
    d.error(m.key_mark("app"),
            "app check needs at least one of 'sync', 'health', 'revision', 'operation', 'historyLength', "
            "'condition', 'message' or 'field'");
  }
}

// `field` + `equals` of a resource or a file.
void read_field_equals(Diagnostics& d, const MapReader& m, const PredicateFields& f, Check& c) {
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
  read_field_equals(d, m, f, c);
}

void read_file_predicates(Diagnostics& d, const MapReader& m, const Known& known, const PredicateFields& f,
                          Check& c) {
  FileRef ref;
  {
    MapReader fm(d, *f.file, "file");
    if (!fm.ok()) return;
    if (const Node* v = fm.required("repo")) ref.repo = read_ref(d, *v, "repo", known.repo_names).value_or("");
    if (const Node* v = fm.required("branch")) ref.branch = read_string(d, *v, "branch").value_or("");
    if (const Node* v = fm.required("path")) {
      if (auto s = read_string(d, *v, "path")) {
        if (auto p = repo_path_problem(*s)) d.error(v->mark, "invalid file path '" + *s + "': " + *p);
        else ref.path = *s;
      }
    }
  }
  c.file = ref;
  const int kinds = (f.exists ? 1 : 0) + ((f.field || f.equals) ? 1 : 0) + (f.contains ? 1 : 0);
  if (kinds == 0 && !m.has_unknown_fields()) {
    d.error(m.key_mark("file"), "file check needs 'exists: true|false', 'field' with 'equals', or 'contains: TEXT'");
  } else if (kinds > 1) {
    d.error(m.key_mark("file"), "file check takes exactly one of 'exists', 'field'+'equals' or 'contains'; split it in two");
  }
  if (f.exists) c.exists = read_bool(d, *f.exists, "exists");
  if (f.contains) c.contains = read_string(d, *f.contains, "contains");
  read_field_equals(d, m, f, c);
}

void read_output_predicate(Diagnostics& d, const PredicateFields& f, Check& c) {
  MapReader om(d, *f.output, "output");
  if (!om.ok()) return;
  if (const Node* v = om.required("command")) c.output = read_command_prefix(d, *v, "command");
  if (const Node* v = om.required("contains")) c.contains = read_string(d, *v, "contains");
}

// One filter value: a scalar of the field's kind, or {contains: TEXT} for a string field.
std::optional<EventFilter> read_filter_value(Diagnostics& d, const Node& v, const std::string& key,
                                             const events::FieldDef& def, const Known& known) {
  EventFilter f;
  f.field = key;
  if (def.kind == events::FieldKind::Bool) {
    auto b = read_bool(d, v, key);
    if (!b) return std::nullopt;
    f.value = *b;
    return f;
  }
  if (def.kind == events::FieldKind::Int) {
    auto i = read_int(d, v, key, std::numeric_limits<std::int64_t>::min());
    if (!i) return std::nullopt;
    f.value = *i;
    return f;
  }
  if (v.is_map()) {
    auto text = read_contains_map(d, v, key.c_str());
    if (!text) return std::nullopt;
    f.value = *text;
    f.contains = true;
    return f;
  }
  std::optional<std::string> s;
  if (key == "level") s = read_enum(d, v, key, kRefreshLevels);
  else if (key == "initiatedBy") s = read_enum(d, v, key, kInitiatedBy);
  else if (key == "app") s = read_ref(d, v, "app", known.app_names);
  else if (key == "repo") s = read_ref(d, v, "repo", known.repo_names);
  else if (key == "cluster") s = read_ref(d, v, "cluster", known.cluster_names);
  else if (v.is_scalar()) s = v.text();  // `name: 3`, `to: true` are texts here, as the event holds them
  else s = read_string(d, v, key);
  if (!s) return std::nullopt;
  f.value = *s;
  return f;
}

std::vector<std::string> field_names(const events::TypeDef& t) {
  std::vector<std::string> out;
  for (const auto& f : t.fields) out.emplace_back(f.name);
  return out;
}

std::string fields_list(const events::TypeDef& t) {
  const auto names = field_names(t);
  if (names.empty()) return "it has no fields";
  std::string out = "its fields: ";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

// The keys of `m` that are not a check's own: filters on the event's fields.
// `reserved` are the keys the caller reads itself.
void read_event_filters(Diagnostics& d, MapReader& m, const Node& n, const events::TypeDef* type,
                        const std::vector<std::string>& reserved, const Known& known, std::vector<EventFilter>& out) {
  if (!n.is_map()) return;
  std::vector<std::string> candidates = reserved;
  if (type) {
    for (const auto& f : type->fields) candidates.emplace_back(f.name);
  }
  for (const auto& e : n.entries()) {
    if (std::find(reserved.begin(), reserved.end(), e.key) != reserved.end()) continue;
    const Node* v = m.optional(e.key);  // known from here: reported below, not as an unknown field of the check
    if (!type) continue;                // the type itself is wrong; that error says enough
    const auto def = std::find_if(type->fields.begin(), type->fields.end(),
                                  [&](const events::FieldDef& f) { return e.key == f.name; });
    if (def == type->fields.end()) {
      const std::string dym = suggestion(e.key, candidates);
      d.error(e.key_mark, "unknown field '" + e.key + "' for event " + type->name +
                              (dym.empty() ? "; " + fields_list(*type) : dym + " (" + fields_list(*type) + ")"));
      continue;
    }
    if (!v) continue;  // `field: null`: no filter
    if (auto f = read_filter_value(d, *v, e.key, *def, known)) out.push_back(std::move(*f));
  }
}

const events::TypeDef* read_event_type(Diagnostics& d, const Node& v, std::optional<std::string>& out) {
  auto s = read_string(d, v, "event");
  if (!s) return nullptr;
  const events::TypeDef* t = events::find_type(*s);
  if (!t) {
    const std::string dym = suggestion(*s, kEventTypes);
    d.error(v.mark, "unknown event type '" + *s + "'" + (dym.empty() ? "; expected one of " + join_or(kEventTypes) : dym));
    return nullptr;
  }
  out = *s;
  return t;
}

// A filter the check holds in its own field (app, repo, cluster): the type must have it.
void check_type_has(Diagnostics& d, const MapReader& m, const events::TypeDef* type, const char* key, const Node* v) {
  if (!v || !type) return;
  const auto names = field_names(*type);
  if (std::find(names.begin(), names.end(), key) == names.end()) {
    d.error(m.key_mark(key), std::string("event ") + type->name + " has no field '" + key + "' to filter on; " +
                                 fields_list(*type));
  }
}

std::optional<EventMatch> read_after(Diagnostics& d, const Node& n, const Known& known) {
  MapReader m(d, n, "after");
  if (!m.ok()) return std::nullopt;
  EventMatch match;
  std::optional<std::string> type;
  const events::TypeDef* t = nullptr;
  if (const Node* v = m.required("event")) t = read_event_type(d, *v, type);
  read_event_filters(d, m, n, t, {"event"}, known, match.filters);
  if (!type) return std::nullopt;
  match.type = *type;
  return match;
}

void read_event_predicates(Diagnostics& d, MapReader& m, const Node& n, const Known& known, const PredicateFields& f,
                           Check& c) {
  const events::TypeDef* type = read_event_type(d, *f.event, c.event);
  check_type_has(d, m, type, "app", f.app);
  check_type_has(d, m, type, "repo", f.repo);
  check_type_has(d, m, type, "cluster", f.cluster);
  if (f.repo) c.repo = read_ref(d, *f.repo, "repo", known.repo_names);
  if (f.cluster) c.cluster = read_ref(d, *f.cluster, "cluster", known.cluster_names);
  if (f.count && f.at_least) d.error(m.key_mark("atLeast"), "give 'count' (exactly N) or 'atLeast' (N or more), not both");
  if (f.count) c.count = read_int(d, *f.count, "count");
  if (f.at_least) c.at_least = read_int(d, *f.at_least, "atLeast");
  if (f.after) c.after = read_after(d, *f.after, known);
  if (f.caused_by) c.caused_by = read_caused_by(d, *f.caused_by);
  if (f.since) {
    if (auto s = read_string(d, *f.since, "since")) {
      if (*s == "step") c.since_step = true;
      else d.error(f.since->mark, "since: expected 'step' (count only events since the step started), not '" + *s + "'");
    }
  }
  read_event_filters(d, m, n, type, event_check_keys(type), known, c.filters);
  // `where: {FIELD: VALUE}` filters on any field, also those named like a
  // check's own keys (LiveChanged's `by`, SyncStatusChanged's `from`).
  if (f.where) {
    MapReader wm(d, *f.where, "where");
    if (wm.ok()) read_event_filters(d, wm, *f.where, type, {}, known, c.filters);
  }
}

std::optional<Check> read_check_at(Diagnostics& d, const Node& n, const Known& known, Place place);

// `all: [P...]` / `any: [P...]`: a non-empty list of predicates.
void read_parts(Diagnostics& d, const Node& v, const char* key, const Known& known, Place place,
                std::vector<Check>& out) {
  if (!v.is_list()) {
    d.error(v.mark, std::string("'") + key + "' must be a list of predicates, not " + shown(v));
    return;
  }
  if (v.items().empty()) d.error(v.mark, std::string("'") + key + "' needs at least one predicate");
  for (const auto& item : v.items()) {
    if (auto c = read_check_at(d, item, known, Place{place.use, true})) out.push_back(std::move(*c));
  }
}

std::optional<Check> read_check_at(Diagnostics& d, const Node& n, const Known& known, Place place) {
  const std::size_t errors_before = d.count();
  const std::string what = place.use == CheckUse::Goal && !place.nested ? "goal" : "check";
  MapReader m(d, n, what);
  if (!m.ok()) return std::nullopt;
  Check c;
  c.pos = d.pos(n.mark);
  read_timing(d, m, known, place, c);

  const PredicateFields f = read_predicate_fields(m);
  if (f.app) c.app = read_ref(d, *f.app, "app", known.app_names);
  const Subject subject = pick_subject(d, m, what, f);
  const events::TypeDef* event_type =
      subject == Subject::Event && f.event->is_scalar() ? events::find_type(f.event->text()) : nullptr;
  report_misplaced(d, m, subject, f, event_type);
  lesson_only(d, m, place, f);
  if (f.health && (subject == Subject::App || subject == Subject::Resource)) {  // an event's health is a filter
    c.health = read_enum(d, *f.health, "health", kHealth);
  }
  switch (subject) {
    case Subject::All: read_parts(d, *f.all, "all", known, place, c.all); break;
    case Subject::Any: read_parts(d, *f.any, "any", known, place, c.any); break;
    case Subject::Not:
      if (auto part = read_check_at(d, *f.not_, known, Place{place.use, true})) c.not_.push_back(std::move(*part));
      break;
    case Subject::App: read_app_predicates(d, m, f, c); break;
    case Subject::Resource: read_resource_predicates(d, m, known, f, c); break;
    case Subject::Event: read_event_predicates(d, m, n, known, f, c); break;
    case Subject::Output: read_output_predicate(d, f, c); break;
    case Subject::File: read_file_predicates(d, m, known, f, c); break;
    case Subject::Ran: c.ran = read_command_prefix(d, *f.ran, "ran"); break;
    case Subject::Answered:
      if (auto s = read_string(d, *f.answered, "answered")) {
        if (!known.step_ids.empty()) check_ref(d, f.answered->mark, "step", *s, known.step_ids);
        c.answered = *s;
      }
      if (f.correct) c.correct = read_bool(d, *f.correct, "correct");
      break;
    case Subject::None: break;
  }

  m.finish();
  if (d.count() != errors_before) return std::nullopt;
  c.text = describe_check(c);
  return c;
}

}  // namespace
}  // namespace detail

std::optional<Check> read_check(detail::Diagnostics& d, const model::Node& n, const Known& known, CheckUse use) {
  return detail::read_check_at(d, n, known, detail::Place{use, false});
}

}  // namespace gs::scenario
