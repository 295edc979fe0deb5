#include "sim/scenario/predicates.hpp"

#include <algorithm>

#include "sim/cluster/cluster.hpp"
#include "sim/core/events.hpp"
#include "sim/cluster/health/health.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/model/path.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/app_object.hpp"
#include "sim/world/command.hpp"
#include "sim/world/world.hpp"

namespace gs::scenario {
namespace {

std::string scalar_text(const model::Node& n) {
  if (n.is_null()) return "null";
  if (n.is_scalar()) return n.text();
  return model::to_json(n);
}

// `equals: 3` against a live 3, `equals: "3"` against "3": same tag and text;
// a number against a quantity string is not equal, as in Kubernetes.
bool values_equal(const model::Node& want, const model::Node& got) { return want == got; }

// A revision field (status.sync.revision, status.history[0].revision) takes
// what `revision:` takes: a branch or tag of the app's repository (its head
// now) or a SHA prefix of at least 7; any other field compares as written.
bool is_revision_field(const std::string& field) {
  return field.size() >= 8 && field.compare(field.size() - 8, 8, "revision") == 0 &&
         field.find("targetRevision") == std::string::npos;
}

bool app_value_equals(const std::string& field, const model::Node& want, const model::Node& got,
                      const gitops::AppView& app, const world::World& w) {
  if (values_equal(want, got)) return true;
  const bool revision_field = is_revision_field(field);
  if (!revision_field || !want.is_scalar() || !got.is_string() || got.text().empty()) return false;
  std::string wanted = want.text();
  if (const auto* repo = w.repo_by_url(app.repo_url)) {
    if (auto sha = repo->repo->resolve(wanted)) return *sha == got.text();
  }
  return wanted.size() >= 7 && got.text().rfind(wanted, 0) == 0;
}

// An app's predicates read its view (World::app_view), whichever reconciler
// manages it.
CheckOutcome check_app_view(const Check& c, const world::World& w, const std::optional<gitops::AppView>& app) {
  if (!app) return {false, "app " + *c.app + " does not exist"};
  bool ok = true;
  std::string seen;
  auto add = [&](const std::string& what) { seen += (seen.empty() ? "" : " ") + what; };
  if (c.sync) {
    add("sync=" + app->sync);
    ok = ok && app->sync == *c.sync;
  }
  if (c.health) {
    add("health=" + app->health);
    ok = ok && app->health == *c.health;
  }
  if (c.revision) {
    add("revision=" + app->revision.substr(0, 7));
    // A branch name means that branch's head now; otherwise a SHA prefix.
    std::string want = *c.revision;
    if (const auto* repo = w.repo_by_url(app->repo_url)) {
      if (auto sha = repo->repo->resolve(*c.revision)) want = *sha;
    }
    ok = ok && !app->revision.empty() && app->revision.rfind(want, 0) == 0;
  }
  if (c.operation) {
    const std::string v = app->operation ? app->operation->phase : "none";
    add("operation=" + v);
    ok = ok && v == *c.operation;
  }
  if (c.history_length) {
    add("historyLength=" + std::to_string(app->history.size()));
    ok = ok && static_cast<std::int64_t>(app->history.size()) == *c.history_length;
  }
  if (c.condition) {
    std::string types;
    for (const auto& cond : app->conditions) types += (types.empty() ? "" : ",") + cond.type;
    add("conditions=" + (types.empty() ? std::string("none") : types));
    ok = ok && std::any_of(app->conditions.begin(), app->conditions.end(),
                           [&](const gitops::ConditionView& cond) { return cond.type == *c.condition; });
  }
  if (c.contains) {
    const std::string message = app->operation ? app->operation->message : "";
    add("message=\"" + message + "\"");
    ok = ok && app->operation && message.find(*c.contains) != std::string::npos;
  }
  if (c.field) {
    const model::Node object = world::application_object(*app, w);
    const model::Node* v = nullptr;
    if (auto path = model::parse_field_path(*c.field)) v = model::get_path(object, *path);
    if (!v) {
      add(*c.field + " is not set");
      ok = false;
    } else {
      add(*c.field + "=" + scalar_text(*v));
      ok = ok && c.equals && app_value_equals(*c.field, *c.equals, *v, *app, w);
    }
  }
  return {ok, seen};
}

CheckOutcome check_app(const Check& c, const world::World& w) { return check_app_view(c, w, w.app_view(*c.app)); }

CheckOutcome check_resource(const Check& c, const world::World& w) {
  const ResourceRef& r = *c.resource;
  const auto* cs = w.cluster_by_name(r.cluster);
  if (!cs) return {false, "cluster " + r.cluster + " does not exist"};
  auto info = cs->cluster->resolve_resource(r.group.empty() ? r.kind : r.kind + "." + r.group);
  if (!info) return {false, info.error().message};
  const cluster::ObjectKey key{info->group, info->kind, info->namespaced ? r.ns : "", r.name};
  const model::Node* live = cs->cluster->get(key);
  if (c.exists) {
    const bool exists = live != nullptr;
    return {exists == *c.exists, exists ? "exists" : "does not exist"};
  }
  if (!live) return {false, "does not exist"};
  if (c.field) {
    auto path = model::parse_field_path(*c.field);
    if (!path) return {false, path.error().message};
    const model::Node* v = model::get_path(*live, *path);
    if (!v) return {false, *c.field + " is not set"};
    const bool ok = c.equals ? values_equal(*c.equals, *v) : true;
    return {ok, *c.field + "=" + scalar_text(*v)};
  }
  if (c.health) {
    auto h = cluster::assess_health(*live);
    const std::string v = h ? std::string(cluster::health_name(h->status)) : "none";
    return {v == *c.health, "health=" + v};
  }
  return {true, "exists"};
}

bool filter_matches(const Event& e, const EventFilter& f) {
  const auto v = e.field(f.field);
  if (!v) return false;
  if (f.contains) {
    const auto* text = std::get_if<std::string>(&*v);
    return text && text->find(std::get<std::string>(f.value)) != std::string::npos;
  }
  return *v == f.value;
}

bool matches(const Event& e, const std::string& type, const std::vector<EventFilter>& filters) {
  if (e.type != type) return false;
  return std::all_of(filters.begin(), filters.end(), [&](const EventFilter& f) { return filter_matches(e, f); });
}

// The live change a watch refresh noticed. The world hands cluster changes
// to the controller without the LiveChanged event's id (world.cpp passes
// cause 0, and the pinned event hashes include every cause), so the link is
// found here: the last LiveChanged in the app's cluster after the app's
// previous refresh and not after this one. Changes no one made by hand
// (rollouts, pods) have no LiveChanged, so their refreshes stay uncaused.
EventId noticed_live_change(const Event& refresh, const world::World& w) {
  const auto app = w.app_view(refresh.str("app"));
  if (!app) return 0;
  const auto& log = w.log().events();
  for (EventId id = refresh.id - 1; id >= 1; --id) {
    const Event& e = log[id - 1];
    if (e.type == "AppRefreshed" && e.str("app") == app->name) return 0;
    if (e.type == "LiveChanged" && e.str("cluster") == app->cluster) return e.id;
  }
  return 0;
}

// Whether an event's causes (its cause, that event's cause, ... up to an
// Action) hold an event of type `what`, or an Action whose command starts
// with the words of `what`.
bool caused_by(const Event& e, const std::string& what, const world::World& w) {
  const EventLog& log = w.log();
  const bool is_type = events::find_type(what) != nullptr;
  EventId id = e.cause;
  if (id == 0 && e.type == "AppRefreshed" && e.str("level") == "watch") id = noticed_live_change(e, w);
  // Causes point back in the log, so the chain is at most the log long.
  for (std::size_t guard = 0; id != 0 && guard <= log.size(); ++guard) {
    const Event* cause = log.find(id);
    if (!cause) return false;
    if (is_type ? cause->type == what : (cause->type == "Action" && command_has_prefix(cause->str("command"), what))) {
      return true;
    }
    EventId next = cause->cause;
    if (next == 0 && cause->type == "AppRefreshed" && cause->str("level") == "watch") next = noticed_live_change(*cause, w);
    if (next >= id) return false;
    id = next;
  }
  return false;
}

// An event predicate's count so far (kept in the cache between calls);
// nullopt while its `after:` event has not happened.
std::optional<std::int64_t> count_events(const Check& c, const world::World& w, const CheckContext* ctx) {
  const auto& log = w.log().events();
  const EventId first = c.since_step && ctx ? ctx->step_first_event : 1;
  CheckCache::Entry local;
  CheckCache::Entry& st = ctx && ctx->cache ? ctx->cache->at(&c) : local;
  if (st.first != first || st.scanned > log.size() || st.after_scanned > log.size()) st = CheckCache::Entry{first};
  if (c.after) {
    for (; st.after == 0 && st.after_scanned < log.size(); ++st.after_scanned) {
      const Event& e = log[st.after_scanned];
      if (e.id >= first && matches(e, c.after->type, c.after->filters)) st.after = e.id;
    }
    if (st.after == 0) return std::nullopt;
  }
  for (; st.scanned < log.size(); ++st.scanned) {
    const Event& e = log[st.scanned];
    if (e.id < first || e.id <= st.after) continue;
    if (e.type != *c.event) continue;
    // Views into the event, not copies: this runs for every event of a day.
    auto is = [&](std::string_view key, const std::optional<std::string>& want) {
      return !want || e.fields.find_string(key).value_or(std::string_view()) == *want;
    };
    if (!is("app", c.app) || !is("repo", c.repo) || !is("cluster", c.cluster)) continue;
    if (!matches(e, e.type, c.filters)) continue;
    if (c.caused_by && !caused_by(e, *c.caused_by, w)) continue;
    ++st.n;
  }
  return st.n;
}

bool event_count_holds(const Check& c, const std::optional<std::int64_t>& n) {
  if (!n) return (c.count && *c.count == 0) || (c.at_least && *c.at_least == 0);
  if (c.count) return *n == *c.count;
  if (c.at_least) return *n >= *c.at_least;
  return *n >= 1;
}

CheckOutcome check_event(const Check& c, const world::World& w, const CheckContext* ctx) {
  const auto n = count_events(c, w, ctx);
  if (!n) return {event_count_holds(c, n), "no " + c.after->type + " event yet"};
  std::string seen = std::to_string(*n) + " " + *c.event + " event" + (*n == 1 ? "" : "s");
  if (c.after) seen += " after " + c.after->type;
  if (c.caused_by) seen += " caused by " + *c.caused_by;
  if (c.since_step) seen += " since the step started";
  return {event_count_holds(c, n), seen};
}

// The most recent run of a command starting with `c.output`: the world's
// Output events (the timeline's) and what the learner's commands printed.
CheckOutcome check_output(const Check& c, const world::World& w, const CheckContext* ctx) {
  std::optional<std::pair<std::uint64_t, std::string>> latest;  // (order, text)
  const auto& log = w.log().events();
  CheckCache::Entry local;
  CheckCache::Entry& st = ctx && ctx->cache ? ctx->cache->at(&c) : local;
  if (st.scanned > log.size()) st = CheckCache::Entry{};
  for (; st.scanned < log.size(); ++st.scanned) {
    const Event& e = log[st.scanned];
    if (e.type == "Output" && command_has_prefix(e.str("command"), *c.output)) st.latest_output = e.id;
  }
  if (st.latest_output != 0) latest = std::pair{2 * st.latest_output, log[st.latest_output - 1].str("text")};
  if (ctx) {
    for (auto it = ctx->printed.rbegin(); it != ctx->printed.rend(); ++it) {
      if (!command_has_prefix(it->command, *c.output)) continue;
      const std::uint64_t order = 2 * it->after_event + 1;
      if (!latest || order > latest->first) latest = std::pair{order, it->text};
      break;
    }
  }
  if (!latest) return {false, "'" + *c.output + "' has not run"};
  const bool ok = latest->second.find(*c.contains) != std::string::npos;
  return {ok, std::string("its last run printed ") + (ok ? "" : "no ") + "'" + *c.contains + "'"};
}

CheckOutcome check_file(const Check& c, const world::World& w) {
  const FileRef& f = *c.file;
  const auto* repo = w.repo_by_name(f.repo);
  if (!repo) return {false, "repo " + f.repo + " does not exist"};
  const auto branches = repo->repo->branches();
  if (std::find(branches.begin(), branches.end(), f.branch) == branches.end()) {
    return {c.exists && !*c.exists, "branch " + f.branch + " does not exist"};
  }
  auto content = repo->repo->read_file(f.branch, f.path);
  if (c.exists) return {content.ok() == *c.exists, content ? "exists" : "does not exist"};
  if (!content) return {false, "does not exist"};
  if (c.contains) {
    const bool ok = content->find(*c.contains) != std::string::npos;
    return {ok, ok ? "contains it" : "does not contain '" + *c.contains + "'"};
  }
  if (c.field) {
    auto doc = model::parse_yaml(*content);
    if (!doc) return {false, "not YAML: " + doc.error().message};
    auto path = model::parse_field_path(*c.field);
    if (!path) return {false, path.error().message};
    const model::Node* v = model::get_path(*doc, *path);
    if (!v) return {false, *c.field + " is not set"};
    return {c.equals && values_equal(*c.equals, *v), *c.field + "=" + scalar_text(*v)};
  }
  return {true, "exists"};
}

CheckOutcome check_ran(const Check& c, const CheckContext* ctx) {
  if (ctx) {
    for (const auto& r : ctx->ran) {
      if (command_has_prefix(r, *c.ran)) return {true, "ran " + r};
    }
  }
  return {false, "no command starting with '" + *c.ran + "' since the step started"};
}

CheckOutcome check_answered(const Check& c, const CheckContext* ctx) {
  const auto it = ctx ? ctx->answers.find(*c.answered) : std::map<std::string, Answer>::const_iterator{};
  if (!ctx || it == ctx->answers.end()) return {false, "not answered"};
  const std::string seen = "answered " + std::to_string(it->second.choice) + (it->second.correct ? " (right)" : " (wrong)");
  return {!c.correct || *c.correct == it->second.correct, seen};
}

// all: every part holds (seen: the first that does not); any: one part
// holds (seen: each part's); not: its part does not hold.
CheckOutcome check_all(const Check& c, const world::World& w, const CheckContext* ctx) {
  std::string seen;
  for (const auto& part : c.all) {
    auto o = evaluate_check(part, w, ctx);
    if (!o.holds) return {false, part.text + ": " + o.seen};
    seen += (seen.empty() ? "" : "; ") + o.seen;
  }
  return {true, seen};
}

CheckOutcome check_any(const Check& c, const world::World& w, const CheckContext* ctx) {
  std::string seen;
  for (const auto& part : c.any) {
    auto o = evaluate_check(part, w, ctx);
    if (o.holds) return {true, part.text + ": " + o.seen};
    seen += (seen.empty() ? "" : "; ") + part.text + ": " + o.seen;
  }
  return {false, seen};
}

CheckOutcome check_not(const Check& c, const world::World& w, const CheckContext* ctx) {
  const Check& part = c.not_.front();
  auto o = evaluate_check(part, w, ctx);
  return {!o.holds, part.text + ": " + o.seen};
}

std::vector<std::string> canonical_words(const std::string& line) {
  if (auto cmd = world::parse_command(line)) {
    if (auto words = world::tokenize(cmd->text())) return *words;
  }
  auto words = world::tokenize(line);
  return words ? *words : std::vector<std::string>{};
}

}  // namespace

bool command_has_prefix(const std::string& command, const std::string& prefix) {
  const auto c = canonical_words(command);
  const auto p = canonical_words(prefix);
  if (p.empty() || p.size() > c.size()) return false;
  return std::equal(p.begin(), p.end(), c.begin());
}

namespace {

// What an app predicate reads moves with an event naming the app (status,
// spec, refresh, sync and its result all emit one), while its operation runs
// (its steps name no app), with the head of the revision it names, and, for
// status.resources or status.summary, with its cluster's objects.
CheckCache::Entry::Key app_key(const Check& c, const world::World& w, CheckCache& cache, const CheckCache::Entry& st) {
  CheckCache::Entry::Key key;
  // Sync and health alone move only with the events that announce them.
  const bool status_only = !c.revision && !c.operation && !c.history_length && !c.condition && !c.contains && !c.field;
  const auto counts = cache.app_events(w, *c.app);
  // A Flux Kustomization: read again at every moment (issue 12).
  if (st.app_quiet) {
    key.a = counts.all;
    key.b = static_cast<std::uint64_t>(w.now().ms);
    key.c = w.log().size();
    key.d = w.cluster_by_server(st.app_server) ? w.cluster_by_server(st.app_server)->changes + 1 : 0;
    return key;
  }
  if (status_only) {
    key.a = counts.status;
    return key;
  }
  key.a = counts.all;
  if (st.app_busy) {
    key.b = static_cast<std::uint64_t>(w.now().ms);
    key.c = w.log().size();
  }
  // A revision names a branch or tag whose head may move.
  const std::string* rev = c.revision ? &*c.revision : nullptr;
  if (!rev && c.field && c.equals && c.equals->is_scalar() && is_revision_field(*c.field)) rev = &c.equals->text();
  if (rev) key.e = cache.git_events(w) + 1;  // where the branch or tag points
  // Its resources' live status follows the cluster between refreshes.
  if (c.field && (c.field->rfind("status.resources", 0) == 0 || c.field->rfind("status.summary", 0) == 0)) {
    const auto* cs = w.cluster_by_server(st.app_server);
    key.d = cs ? cs->changes + 1 : 0;
  }
  return key;
}

// A resource predicate reads its cluster's objects; a missing cluster stays
// missing (the world's clusters are fixed).
CheckCache::Entry::Key resource_key(const Check& c, const world::World& w) {
  CheckCache::Entry::Key key;
  if (const auto* cs = w.cluster_by_name(c.resource->cluster)) key.a = cs->changes + 1;
  return key;
}

// A file predicate reads a branch's head, which moves only with an event
// naming its repository (repositories are fixed too).
CheckCache::Entry::Key file_key(CheckCache& cache, const world::World& w) {
  CheckCache::Entry::Key key;
  key.e = cache.git_events(w) + 1;
  return key;
}

// An app, resource or file predicate's outcome, read again only when what it
// reads has moved; kept in the cache, read where it lies.
const CheckOutcome& remembered(const Check& c, const world::World& w, CheckCache& cache) {
  CheckCache::Entry& st = cache.at(&c);
  if (c.resource || c.file) {
    auto key = c.resource ? resource_key(c, w) : file_key(cache, w);
    if (!st.memo || st.memo_key != key) {
      st.memo = c.resource ? check_resource(c, w) : check_file(c, w);
      st.memo_key = std::move(key);
    }
    return *st.memo;
  }
  if (st.memo && st.memo_key == app_key(c, w, cache, st)) return *st.memo;
  const auto app = w.app_view(*c.app);
  st.app_busy = app && app->operation && (app->operation->phase == "Running" || app->operation->phase == "Terminating");
  st.app_quiet = app && app->controller == "flux";
  st.app_repo_url = app ? app->repo_url : "";
  st.app_server = app ? app->server : "";
  st.memo = check_app_view(c, w, app);
  st.memo_key = app_key(c, w, cache, st);
  return *st.memo;
}

// Resource, file and plain app predicates (not output/ran/answered, which
// evaluate_check looks at first) are the ones remembered.
bool rememberable(const Check& c, const CheckContext* ctx) {
  return ctx && ctx->cache && (c.resource || (!c.output && (c.file || (!c.ran && !c.answered && c.app))));
}

}  // namespace

void CheckCache::scan(const world::World& w) {
  const auto& log = w.log().events();
  if (app_events_scanned_ > log.size()) {
    app_events_.clear();
    app_events_scanned_ = 0;
    git_events_ = 0;
  }
  for (; app_events_scanned_ < log.size(); ++app_events_scanned_) {
    const Event& e = log[app_events_scanned_];
    if (const auto repo = e.fields.find_string("repo"); repo && !repo->empty()) ++git_events_;
    const auto name = e.fields.find_string("app");
    if (!name || name->empty()) continue;
    auto it = app_events_.find(*name);
    if (it == app_events_.end()) it = app_events_.emplace(std::string(*name), AppEvents{}).first;
    ++it->second.all;
    if (e.type == "SyncStatusChanged" || e.type == "HealthStatusChanged" || e.type == "ApplicationCreated" ||
        e.type == "ApplicationDeleted") {
      ++it->second.status;
    }
  }
}

CheckCache::AppEvents CheckCache::app_events(const world::World& w, std::string_view app) {
  scan(w);
  const auto it = app_events_.find(app);
  return it == app_events_.end() ? AppEvents{} : it->second;
}

std::uint64_t CheckCache::git_events(const world::World& w) {
  scan(w);
  return git_events_;
}

bool check_holds(const Check& check, const world::World& world, const CheckContext* ctx) {
  if (!check.all.empty()) {
    return std::all_of(check.all.begin(), check.all.end(), [&](const Check& p) { return check_holds(p, world, ctx); });
  }
  if (!check.any.empty()) {
    return std::any_of(check.any.begin(), check.any.end(), [&](const Check& p) { return check_holds(p, world, ctx); });
  }
  if (!check.not_.empty()) return !check_holds(check.not_.front(), world, ctx);
  if (check.event) return event_count_holds(check, count_events(check, world, ctx));
  if (rememberable(check, ctx)) return remembered(check, world, *ctx->cache).holds;
  return evaluate_check(check, world, ctx).holds;
}

CheckOutcome evaluate_check(const Check& check, const world::World& world, const CheckContext* ctx) {
  if (!check.all.empty()) return check_all(check, world, ctx);
  if (!check.any.empty()) return check_any(check, world, ctx);
  if (!check.not_.empty()) return check_not(check, world, ctx);
  if (check.event) return check_event(check, world, ctx);
  if (rememberable(check, ctx)) return remembered(check, world, *ctx->cache);
  if (check.resource) return check_resource(check, world);
  if (check.output) return check_output(check, world, ctx);
  if (check.file) return check_file(check, world);
  if (check.ran) return check_ran(check, ctx);
  if (check.answered) return check_answered(check, ctx);
  if (check.app) return check_app(check, world);
  return {false, "check has no subject"};
}

}  // namespace gs::scenario
