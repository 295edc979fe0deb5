// The check predicates of scenario-format.md and lesson-format.md, each read
// from YAML as a file writes it and evaluated against a shipped scenario's
// world at a known time.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "sim/model/yaml.hpp"
#include "sim/scenario/check_reader.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/predicates.hpp"
#include "sim/session/runner.hpp"
#include "sim/world/world.hpp"

using gs::scenario::Check;
using gs::scenario::CheckContext;
using gs::scenario::CheckUse;
using gs::scenario::Known;

namespace {

gs::scenario::Scenario load(const std::string& name) {
  auto r = gs::scenario::load_scenario_file(std::string(GS_SCENARIO_DIR) + "/" + name);
  INFO(gs::render_all(r.errors));
  REQUIRE(r.ok());
  return *r.scenario;
}

Known known_of(const gs::scenario::Scenario& sc) {
  Known k;
  for (const auto& c : sc.world.clusters) k.cluster_names.push_back(c.name);
  if (k.cluster_names.empty()) k.cluster_names.emplace_back("in-cluster");
  for (const auto& r : sc.world.repos) k.repo_names.push_back(r.name);
  for (const auto& a : sc.world.applications) k.app_names.push_back(a.get_string({"metadata", "name"}).value_or(""));
  k.end = sc.end;
  k.step_ids = {"predict", "restore"};
  return k;
}

struct Read {
  std::optional<Check> check;
  std::string errors;  // rendered, one per line
};

Read read(const std::string& yaml, const Known& known, CheckUse use = CheckUse::Lesson) {
  gs::scenario::detail::Diagnostics d("check.yaml");
  auto node = gs::model::parse_yaml(yaml);
  REQUIRE(node);
  Read r;
  r.check = gs::scenario::read_check(d, *node, known, use);
  r.errors = gs::render_all(d.take_sorted());
  return r;
}

// A shipped scenario run to `t`, and its checks read as a lesson would.
struct Fixture {
  gs::scenario::Scenario sc;
  Known known;
  std::unique_ptr<gs::session::Session> session;

  Fixture(const std::string& file, gs::Duration t) : sc(load(file)), known(known_of(sc)) {
    auto s = gs::session::run_to(sc, gs::TimePoint{t.ms});
    REQUIRE(s);
    session = std::move(s.value());
  }
  const gs::world::World& world() const { return session->world(); }

  gs::scenario::CheckOutcome eval(const std::string& yaml, const CheckContext* ctx = nullptr) const {
    const auto r = read(yaml, known);
    INFO(r.errors);
    REQUIRE(r.check);
    return gs::scenario::evaluate_check(*r.check, world(), ctx);
  }
  bool holds(const std::string& yaml, const CheckContext* ctx = nullptr) const { return eval(yaml, ctx).holds; }
};

// Reads a bad check and returns its first error ("LINE:COL: message").
std::string first_error(const std::string& yaml, const Known& known, CheckUse use = CheckUse::Lesson) {
  const auto r = read(yaml, known, use);
  CHECK_FALSE(r.check);
  const auto nl = r.errors.find('\n');
  const std::string first = r.errors.substr(0, nl);
  return first.rfind("check.yaml:", 0) == 0 ? first.substr(11) : first;
}

const char* k03 = "03-drift-self-heal.yaml";
const char* k06 = "06-bad-image-and-revert.yaml";
const char* k08 = "08-broken-manifest.yaml";

}  // namespace

// ---- all / any / not ----------------------------------------------------------

TEST_CASE("Predicates: all holds when every part holds and names the first that does not", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(2));
  CHECK(f.holds("all: [{app: shop-dev, sync: Synced}, {app: shop-dev, health: Healthy}]"));
  const auto o = f.eval("all: [{app: shop-dev, sync: Synced}, {app: shop-dev, sync: OutOfSync}]");
  CHECK_FALSE(o.holds);
  CHECK(o.seen == "app shop-dev sync=OutOfSync: sync=Synced");
}

TEST_CASE("Predicates: any holds when one part holds", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(2));
  CHECK(f.holds("any: [{app: shop-dev, sync: OutOfSync}, {app: shop-dev, sync: Synced}]"));
  const auto o = f.eval("any: [{app: shop-dev, sync: OutOfSync}, {app: shop-dev, health: Degraded}]");
  CHECK_FALSE(o.holds);
  CHECK(o.seen == "app shop-dev sync=OutOfSync: sync=Synced; app shop-dev health=Degraded: health=Healthy");
}

TEST_CASE("Predicates: not holds when its part does not, and nests", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(2));
  CHECK(f.holds("not: {event: SyncFailed}"));
  CHECK_FALSE(f.holds("not: {app: shop-dev, sync: Synced}"));
  CHECK(f.holds("all: [{not: {any: [{event: SyncFailed}, {app: shop-dev, health: Degraded}]}}]"));
  const auto r = read("all: [{app: shop-dev, sync: Synced}, {not: {event: SyncFailed}}]", f.known);
  REQUIRE(r.check);
  CHECK(r.check->text == "all(app shop-dev sync=Synced, not(event SyncFailed))");
}

TEST_CASE("Predicates: a part of all is untimed and the outer check carries the timing", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(2));
  CHECK(first_error("all: [{at: 1m, app: shop-dev, sync: Synced}]", f.known, CheckUse::Expect) ==
        "1:1: check needs a timing: 'at: T', 'by: T' (with optional 'from: T') or 'never: true'");
  CHECK(first_error("{at: 1m, all: [{at: 1m, app: shop-dev, sync: Synced}]}", f.known, CheckUse::Expect) ==
        "1:17: a part of 'all', 'any' or 'not' is untimed; give 'at' to the outermost check");
  CHECK(first_error("all: []", f.known) == "1:6: 'all' needs at least one predicate");
  const auto r = read("{at: 1m, any: [{app: shop-dev, sync: Synced}]}", f.known, CheckUse::Expect);
  REQUIRE(r.check);
  CHECK(r.check->text == "at 1m: any(app shop-dev sync=Synced)");
}

// ---- event filters, after, causedBy ------------------------------------------

TEST_CASE("Predicates: an event filters on its type's catalog fields", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(12));
  CHECK(f.holds("{event: SyncStarted, initiatedBy: selfHeal, atLeast: 2}"));
  CHECK(f.holds("{event: SyncStarted, initiatedBy: automated, count: 1}"));
  CHECK(f.holds("{event: LiveChanged, kind: Deployment, name: web, namespace: shop}"));
  CHECK_FALSE(f.holds("{event: LiveChanged, name: api}"));
  CHECK(f.holds("{event: AppRefreshed, app: shop-dev, level: watch}"));
  CHECK(f.holds("{event: SyncSucceeded, message: {contains: successfully}}"));
}

TEST_CASE("Predicates: an event filter the type does not have is a positioned error with did-you-mean", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(1));
  CHECK(first_error("{event: AppRefreshed, levle: webhook}", f.known) ==
        "1:23: unknown field 'levle' for event AppRefreshed; did you mean 'level'? (its fields: app, revision, sync, "
        "health, level)");
  CHECK(first_error("{event: AppRefreshed, level: webhok}", f.known) ==
        "1:30: invalid level 'webhok'; expected poll, watch, webhook, manual, operation or initial; did you mean "
        "'webhook'?");
  CHECK(first_error("{event: Committed, app: shop-dev}", f.known) ==
        "1:20: event Committed has no field 'app' to filter on; its fields: repo, branch, sha, author, message");
}

TEST_CASE("Predicates: where filters on event fields named like a check's own keys", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(5));
  CHECK(f.holds("{event: SyncStatusChanged, where: {from: Synced, to: OutOfSync}}"));
  CHECK_FALSE(f.holds("{event: SyncStatusChanged, where: {from: Synced, to: Unknown}}"));
}

TEST_CASE("Predicates: after counts only events after the first match of the inner event", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(12));
  // Self-heal syncs come after the hand edit at 4m; the first, automated sync does not.
  CHECK(f.holds("{event: SyncStarted, after: {event: LiveChanged, kind: Deployment}, count: 2}"));
  CHECK(f.holds("{event: SyncStarted, initiatedBy: automated, after: {event: LiveChanged}, count: 0}"));
  const auto o = f.eval("{event: SyncStarted, after: {event: FaultInjected}}");
  CHECK_FALSE(o.holds);
  CHECK(o.seen == "no FaultInjected event yet");
}

TEST_CASE("Predicates: causedBy follows the cause chain to an event type or a command prefix", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(12));
  CHECK(f.holds("{event: SyncSucceeded, causedBy: LiveChanged, count: 2}"));
  CHECK(f.holds("{event: SyncSucceeded, causedBy: kubectl scale, count: 1}"));
  CHECK(f.holds("{event: SyncSucceeded, causedBy: kubectl set image, count: 1}"));
  CHECK(f.holds("{event: SyncSucceeded, causedBy: 'kubectl scale deployment/web', count: 1}"));
  CHECK_FALSE(f.holds("{event: SyncSucceeded, causedBy: git revert}"));
  CHECK(first_error("{event: SyncSucceeded, causedBy: LiveChange}", f.known) ==
        "1:34: causedBy: 'LiveChange' is neither an event type nor the start of a command; did you mean "
        "'LiveChanged'?");
}

TEST_CASE("Predicates: causedBy git revert grades a rollback done in Git", "[scenario][predicates]") {
  const Fixture f(k06, gs::Duration::minutes(16));
  CHECK(f.holds("{event: SyncSucceeded, app: shop-dev, causedBy: git revert}"));
  CHECK(f.holds("{event: Committed, causedBy: git revert, count: 1}"));
}

TEST_CASE("Predicates: since step counts only the step's events", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(12));
  CheckContext ctx;
  CHECK(f.holds("{event: LiveChanged, since: step, atLeast: 2}", &ctx));
  ctx.step_first_event = f.world().log().size() + 1;
  CHECK_FALSE(f.holds("{event: LiveChanged, since: step}", &ctx));
  CHECK(f.holds("{event: LiveChanged, atLeast: 2}", &ctx));
  CHECK(first_error("{event: LiveChanged, since: step, never: true}", f.known, CheckUse::Expect) ==
        "1:22: 'since' is only in lessons (a step's check reads the step)");
  CHECK(first_error("{event: LiveChanged, since: start}", f.known) ==
        "1:29: since: expected 'step' (count only events since the step started), not 'start'");
}

// ---- app predicates ---------------------------------------------------------------

TEST_CASE("Predicates: condition holds when the app has a condition of that type", "[scenario][predicates]") {
  const Fixture f(k08, gs::Duration::minutes(3));
  CHECK(f.holds("{app: shop-dev, condition: ComparisonError}"));
  CHECK_FALSE(f.holds("{app: shop-dev, condition: SyncError}"));
  CHECK(first_error("{app: shop-dev, condition: ComparisonErorr}", f.known).rfind("1:28: invalid condition", 0) == 0);
}

TEST_CASE("Predicates: message contains reads the operation's message", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(2));
  CHECK(f.holds("{app: shop-dev, message: {contains: successfully synced}}"));
  const auto o = f.eval("{app: shop-dev, message: {contains: ImagePullBackOff}}");
  CHECK_FALSE(o.holds);
  CHECK(o.seen.rfind("message=\"", 0) == 0);
}

TEST_CASE("Predicates: an app field reads the Application object as argocd app get -o yaml shows it", "[scenario][predicates]") {
  const Fixture f(k06, gs::Duration::minutes(16));
  const auto app = f.world().app_view("shop-dev").value();
  REQUIRE(app.history.size() >= 2);
  const std::string first_rev = app.history.front().revision;
  CHECK(f.holds("{app: shop-dev, field: 'status.history[0].revision', equals: '" + first_rev + "'}"));
  CHECK(f.holds("{app: shop-dev, field: 'status.history[0].revision', equals: '" + first_rev.substr(0, 7) + "'}"));
  // A branch name means its head now, as `revision:` reads it: the revert is deployed last.
  const std::string last = "status.history[" + std::to_string(app.history.size() - 1) + "].revision";
  CHECK(f.holds("{app: shop-dev, field: '" + last + "', equals: main}"));
  CHECK_FALSE(f.holds("{app: shop-dev, field: 'status.history[0].revision', equals: main}"));
  CHECK(f.holds("{app: shop-dev, field: status.sync.status, equals: Synced}"));
  CHECK(f.holds("{app: shop-dev, field: spec.source.targetRevision, equals: main}"));
  CHECK(f.holds("{app: shop-dev, field: 'status.history[0].id', equals: 0}"));
  CHECK(first_error("{app: shop-dev, field: 'status.histroy[0].revision', equals: main}", f.known) ==
        "1:24: invalid app field status.histroy[0].revision: unknown field 'histroy' in status; did you mean "
        "'history'?; expected one of sync, health, operationState, history, conditions, reconciledAt, sourceType "
        "or resources");
  CHECK(first_error("{app: shop-dev, field: 'history[0].revision', equals: main}", f.known)
            .rfind("1:24: invalid app field history[0].revision: 'history' is not status, spec or metadata", 0) == 0);
}

// ---- output, file, ran, answered -----------------------------------------------------

TEST_CASE("Predicates: output reads the most recent run of a command prefix", "[scenario][predicates]") {
  Fixture f(k03, gs::Duration::minutes(2));
  CHECK_FALSE(f.holds("output: {command: argocd app get shop-dev, contains: Synced}"));
  CheckContext ctx;
  const auto out = f.session->run("argocd app get shop-dev");
  REQUIRE(out.ok);
  ctx.printed.push_back({"argocd app get shop-dev", out.output, f.world().log().size()});
  CHECK(f.holds("output: {command: argocd app get, contains: Synced}", &ctx));
  CHECK_FALSE(f.holds("output: {command: argocd app get, contains: OutOfSync}", &ctx));
  // A later timeline Output event is more recent than the learner's run.
  f.session->world().record(gs::Event{0, {}, "Output", 0, {{"command", "argocd app get shop-dev"}, {"text", "OutOfSync"}}});
  CHECK(f.holds("output: {command: argocd app get, contains: OutOfSync}", &ctx));
  CHECK(first_error("output: {command: argocd ap get, contains: x}", f.known)
            .rfind("1:19: command: 'argocd ap get' begins no command of the language", 0) == 0);
}

TEST_CASE("Predicates: file checks a file at a branch head", "[scenario][predicates]") {
  const Fixture f(k06, gs::Duration::minutes(2));
  CHECK(f.holds("{file: {repo: shop-config, branch: main, path: overlays/dev/kustomization.yaml}, exists: true}"));
  CHECK(f.holds("{file: {repo: shop-config, branch: main, path: nope.yaml}, exists: false}"));
  CHECK(f.holds("{file: {repo: shop-config, branch: main, path: overlays/dev/kustomization.yaml}, "
                "field: 'images[0].newTag', equals: '9.9.9'}"));
  CHECK(f.holds("{file: {repo: shop-config, branch: main, path: overlays/dev/kustomization.yaml}, contains: 9.9.9}"));
  CHECK_FALSE(f.holds("{file: {repo: shop-config, branch: main, path: overlays/dev/kustomization.yaml}, contains: 1.0.0}"));
  CHECK(first_error("{file: {repo: shop-confg, branch: main, path: a.yaml}, exists: true}", f.known) ==
        "1:15: unknown repo 'shop-confg'; did you mean 'shop-config'?");
  // Harmless outside lessons: a scenario may check a file too.
  CHECK(read("{at: 1m, file: {repo: shop-config, branch: main, path: a.yaml}, exists: true}", f.known,
             CheckUse::Expect).check);
}

TEST_CASE("Predicates: ran holds when the learner ran a command with that prefix since the step started", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(1));
  CheckContext ctx;
  CHECK_FALSE(f.holds("ran: git revert", &ctx));
  ctx.ran.push_back("kubectl scale deployment/web --replicas 3 -n shop --cluster dev");
  CHECK(f.holds("ran: kubectl scale", &ctx));
  CHECK(f.holds("ran: 'kubectl scale deployment/web --replicas=3 --namespace shop --cluster=dev'", &ctx));
  CHECK_FALSE(f.holds("ran: kubectl set image", &ctx));
  CHECK(first_error("ran: git revrt", f.known).rfind("1:6: ran: 'git revrt' begins no command of the language; did you mean 'git revert'?", 0) == 0);
  CHECK(first_error("{at: 1m, ran: git revert}", f.known, CheckUse::Expect) ==
        "1:10: 'ran' is only in lessons (a step's check reads the step)");
}

TEST_CASE("Predicates: answered holds once a question is answered and correct asks for the right answer", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(1));
  CheckContext ctx;
  CHECK_FALSE(f.holds("answered: predict", &ctx));
  ctx.answers["predict"] = {0, false};
  CHECK(f.holds("answered: predict", &ctx));
  CHECK_FALSE(f.holds("{answered: predict, correct: true}", &ctx));
  CHECK(f.holds("{answered: predict, correct: false}", &ctx));
  ctx.answers["predict"] = {1, true};
  CHECK(f.holds("{answered: predict, correct: true}", &ctx));
  CHECK(first_error("answered: predcit", f.known) == "1:11: unknown step 'predcit'; did you mean 'predict'?");
  CHECK(first_error("{answered: predict, correct: true, at: 1m}", f.known) ==
        "1:36: a lesson's checks are untimed (the step's 'within' is its budget); remove 'at'");
}

// ---- what stays as it was -----------------------------------------------------------

TEST_CASE("Predicates: two subjects name both keys and the misplaced one", "[scenario][predicates]") {
  const Fixture f(k03, gs::Duration::minutes(1));
  CHECK(first_error("{ran: git revert, answered: predict}", f.known) ==
        "1:19: check has two subjects, 'ran' and 'answered'; split it in two");
  CHECK(first_error("{all: [{event: SyncFailed}], sync: Synced}", f.known) ==
        "1:30: 'sync' does not apply here; it goes with 'app'");
  CHECK(first_error("{event: SyncFailed, condition: SyncError}", f.known) ==
        "1:21: 'condition' does not apply here; it goes with 'app'");
}
