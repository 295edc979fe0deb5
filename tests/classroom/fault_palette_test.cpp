// The fault palette: each fault, injected through a session into a shipped
// scenario (09-promotion: branches per env, the image in base/; 03: an
// overlay's kustomization `images:`), shows what its explanation promises,
// and the journal tags its commands as the palette's.
#include <catch2/catch.hpp>

#include "sim/classroom/fault_palette.hpp"
#include "sim/git/repository.hpp"
#include "sim/scenario/loader.hpp"

using namespace gs;
using classroom::plan_fault;

namespace {

// A session of a shipped scenario with its timeline left out (a scripted
// commit must not undo the fault), run to 1m: every app synced.
std::unique_ptr<session::Session> session_of(const std::string& name) {
  auto r = scenario::load_scenario_file(std::string(GS_SOURCE_DIR) + "/scenarios/" + name);
  REQUIRE(r.ok());
  scenario::Scenario sc = *r.scenario;
  sc.timeline.clear();
  auto s = session::Session::create(sc);
  REQUIRE(s);
  (*s)->run_through(TimePoint{60'000});
  return std::move(s.value());
}

// Injects `fault` into the default target, then lets `minutes` pass;
// returns the index of the first event after the fault's commands.
std::size_t inject(session::Session& s, const std::string& fault, int minutes, const std::string& app = "") {
  auto plan = plan_fault(s.world(), fault, app);
  if (!plan) FAIL(plan.error().message);
  const std::size_t before = s.world().log().events().size();
  auto out = classroom::inject_fault(s, *plan, "teacher");
  if (!out) FAIL(out.error().message);
  s.run_through(s.now() + Duration::minutes(minutes));
  return before;
}

bool saw(const session::Session& s, std::size_t from, const std::string& type, const std::string& key = "",
         const std::string& value = "") {
  const auto& events = s.world().log().events();
  for (std::size_t i = from; i < events.size(); ++i) {
    if (events[i].type == type && (key.empty() || events[i].str(key) == value)) return true;
  }
  return false;
}

bool saw_app(const session::Session& s, std::size_t from, const std::string& type, const std::string& app,
             const std::string& key = "", const std::string& value = "") {
  const auto& events = s.world().log().events();
  for (std::size_t i = from; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.type == type && e.str("app") == app && (key.empty() || e.str(key) == value)) return true;
  }
  return false;
}

// The events since `from`, one a line, for a failing check's message.
std::string events_since(const session::Session& s, std::size_t from) {
  std::string out;
  const auto& events = s.world().log().events();
  for (std::size_t i = from; i < events.size(); ++i) {
    out += format_duration(Duration{events[i].t.ms}) + " " + events[i].type + " " + events[i].str("app") + " " +
           events[i].str("level") + events[i].str("to") + events[i].str("message") + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("Fault palette: every fault has an id, a label and an explanation in en and ko", "[classroom][faults]") {
  REQUIRE(classroom::fault_palette().size() == 9);
  for (const auto& f : classroom::fault_palette()) {
    CAPTURE(f.id);
    CHECK(classroom::find_fault(f.id) == &f);
    CHECK_FALSE(f.label.en.empty());
    CHECK_FALSE(f.label.ko.empty());
    CHECK_FALSE(f.explanation.en.empty());
    CHECK_FALSE(f.explanation.ko.empty());
  }
  CHECK(classroom::find_fault("nosuch") == nullptr);
}

TEST_CASE("Fault palette: the default target is the first app in name order that has a Deployment",
          "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  CHECK(classroom::fault_targets(s->world()) == std::vector<std::string>{"shop-dev", "shop-prod", "shop-staging"});
  auto plan = plan_fault(s->world(), "crash-loop");
  REQUIRE(plan);
  CHECK(plan->app == "shop-dev");
  REQUIRE(plan->commands.size() == 1);
  CHECK(plan->commands[0].line == "fault crash web -n shop --cluster dev");
}

TEST_CASE("Fault palette: a bad image commits a missing tag where the app sets its image, and the app turns Degraded",
          "[classroom][faults]") {
  SECTION("09-promotion: the base's manifest on the app's branch") {
    auto s = session_of("09-promotion.yaml");
    auto plan = plan_fault(s->world(), "bad-image", "shop-staging");
    REQUIRE(plan);
    REQUIRE(plan->commands.size() == 1);
    CHECK(plan->commands[0].line ==
          "git edit shop-config@staging base/deployment.yaml "
          "spec.template.spec.containers[0].image=registry.example/shop/web:9.9.9 "
          "-m \"Release registry.example/shop/web:9.9.9\"");
    const std::size_t from = inject(*s, "bad-image", 15, "shop-staging");
    CHECK(saw(*s, from, "Committed", "branch", "staging"));
    CHECK(saw_app(*s, from, "HealthStatusChanged", "shop-staging", "to", "Degraded"));
    CHECK(s->world().app_view("shop-staging")->health == "Degraded");
    CHECK(s->world().app_view("shop-dev")->health == "Healthy");
  }
  SECTION("03: the overlay's kustomization images: newTag") {
    auto s = session_of("03-drift-self-heal.yaml");
    auto plan = plan_fault(s->world(), "bad-image");
    REQUIRE(plan);
    CHECK(plan->commands[0].line ==
          "git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=9.9.9 "
          "-m \"Release registry.example/shop/web:9.9.9\"");
    const std::size_t from = inject(*s, "bad-image", 15);
    CHECK(saw_app(*s, from, "HealthStatusChanged", "shop-dev", "to", "Degraded"));
  }
}

TEST_CASE("Fault palette: scaling by hand changes the live object and the app goes OutOfSync",
          "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  auto plan = plan_fault(s->world(), "scale-by-hand");
  REQUIRE(plan);
  CHECK(plan->commands[0].line == "kubectl scale deployment/web --replicas=4 -n shop --cluster dev");
  const std::size_t from = inject(*s, "scale-by-hand", 1);
  CHECK(saw(*s, from, "LiveChanged", "name", "web"));
  CHECK(saw_app(*s, from, "SyncStatusChanged", "shop-dev", "to", "OutOfSync"));
}

TEST_CASE("Fault palette: an edit by hand sets another image the registry has, which the diff shows",
          "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  auto plan = plan_fault(s->world(), "edit-by-hand", "shop-prod");
  REQUIRE(plan);
  CHECK(plan->commands[0].line ==
        "kubectl set image deployment/web web=registry.example/shop/web:1.1.0 -n shop --cluster prod");
  auto out = classroom::inject_fault(*s, *plan);
  REQUIRE(out);
  auto diff = s->world().app_diff("shop-prod");
  REQUIRE(diff);
  CHECK_FALSE(diff->empty());
  const std::size_t from = s->world().log().events().size() - 2;
  s->run_through(s->now() + Duration::seconds(30));
  CHECK(saw(*s, from, "LiveChanged", "cluster", "prod"));
  CHECK(saw_app(*s, from, "SyncStatusChanged", "shop-prod", "to", "OutOfSync"));
}

TEST_CASE("Fault palette: a cluster outage and an unreachable Git host end in ComparisonErrors",
          "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  SECTION("outage") {
    auto plan = plan_fault(s->world(), "cluster-outage");
    REQUIRE(plan);
    CHECK(plan->commands[0].line == "fault outage dev 5m");
    const std::size_t from = inject(*s, "cluster-outage", 4);
    CHECK(saw(*s, from, "FaultInjected", "fault", "outage"));
    CHECK(saw_app(*s, from, "ComparisonError", "shop-dev"));
    CHECK_FALSE(saw_app(*s, from, "ComparisonError", "shop-prod"));
  }
  SECTION("repo-unreachable") {
    // Argo CD keeps the last state for a while: the error shows some minutes on.
    const std::size_t from = inject(*s, "repo-unreachable", 9);
    INFO(events_since(*s, from));
    CHECK(saw(*s, from, "FaultInjected", "fault", "repo-unreachable"));
    CHECK(saw_app(*s, from, "ComparisonError", "shop-dev"));
  }
}

TEST_CASE("Fault palette: a lost webhook leaves a commit to the next poll", "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  const std::size_t from = inject(*s, "webhook-lost", 0);
  CHECK(saw(*s, from, "FaultInjected", "fault", "webhook-lost"));
  REQUIRE(s->run("git edit shop-config@develop base/deployment.yaml "
                 "spec.template.spec.containers[0].image=registry.example/shop/web:1.1.0 -m \"web 1.1.0\"")
              .ok);
  const std::string head = *s->world().repo_by_name("shop-config")->repo->resolve("develop");
  s->run_through(s->now() + Duration::seconds(10));
  INFO(events_since(*s, from));
  CHECK_FALSE(saw_app(*s, from, "AppRefreshed", "shop-dev", "level", "webhook"));
  CHECK(s->world().app_view("shop-dev")->revision != head);  // not noticed yet
  s->run_through(s->now() + Duration::minutes(4));
  CHECK(saw_app(*s, from, "AppRefreshed", "shop-dev", "level", "poll"));
  CHECK(s->world().app_view("shop-dev")->revision == head);
}

TEST_CASE("Fault palette: a bad commit breaks a manifest's YAML and the app shows a ComparisonError",
          "[classroom][faults]") {
  SECTION("09-promotion: the Deployment's manifest") {
    auto s = session_of("09-promotion.yaml");
    auto plan = plan_fault(s->world(), "bad-commit");
    REQUIRE(plan);
    CHECK(plan->commands[0].line == "git commit shop-config@develop -m \"Tweak overlays/dev/kustomization.yaml\"");
    REQUIRE(plan->commands[0].files.count("overlays/dev/kustomization.yaml") == 1);
    const std::size_t from = inject(*s, "bad-commit", 1);
    CHECK(saw(*s, from, "Committed", "branch", "develop"));
    CHECK(saw_app(*s, from, "ComparisonError", "shop-dev"));
    CHECK(s->world().app_view("shop-dev")->sync == "Unknown");
  }
  SECTION("01: a directory app without a kustomization") {
    auto s = session_of("01-first-sync.yaml");
    auto plan = plan_fault(s->world(), "bad-commit");
    REQUIRE(plan);
    REQUIRE(plan->commands[0].files.size() == 1);
    CHECK(plan->commands[0].files.begin()->first.starts_with("apps/web/"));
  }
}

TEST_CASE("Fault palette: a deleted resource shows as OutOfSync", "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  auto plan = plan_fault(s->world(), "deleted-resource");
  REQUIRE(plan);
  CHECK(plan->commands[0].line == "kubectl delete service/web -n shop --cluster dev");
  const std::size_t from = inject(*s, "deleted-resource", 1);
  CHECK(saw(*s, from, "LiveChanged", "kind", "Service"));
  CHECK(saw_app(*s, from, "SyncStatusChanged", "shop-dev", "to", "OutOfSync"));
}

TEST_CASE("Fault palette: a crash-looping pod leaves the app Synced but no longer Healthy", "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  // A finished rollout whose pods start crashing: Argo CD waits for the
  // replicas (Progressing); the pods show CrashLoopBackOff.
  const std::size_t from = inject(*s, "crash-loop", 3);
  INFO(events_since(*s, from));
  CHECK(saw(*s, from, "FaultInjected", "fault", "crash"));
  CHECK(saw_app(*s, from, "HealthStatusChanged", "shop-dev", "to", "Progressing"));
  CHECK(s->world().app_view("shop-dev")->sync == "Synced");
  CHECK_THAT(s->run("kubectl get pods -n shop --cluster dev").output, Catch::Contains("CrashLoopBackOff"));
}

TEST_CASE("Fault palette: the journal tags every command as the palette's, with its actor", "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  const std::size_t before = s->journal().size();
  inject(*s, "bad-commit", 0);
  REQUIRE(s->journal().size() == before + 1);
  CHECK(s->journal().back().origin == session::Origin::FaultPalette);
  CHECK(s->journal().back().actor == "teacher");
  CHECK(s->journal().back().files.size() == 1);
}

TEST_CASE("Fault palette: bad requests are clear errors that change nothing", "[classroom][faults]") {
  auto s = session_of("09-promotion.yaml");
  const std::string before = s->world().fingerprint();
  auto unknown = plan_fault(s->world(), "meteor");
  REQUIRE_FALSE(unknown);
  CHECK_THAT(unknown.error().message, Catch::Contains("unknown fault 'meteor'; expected one of bad-image"));
  auto app = plan_fault(s->world(), "crash-loop", "shop-qa");
  REQUIRE_FALSE(app);
  CHECK(app.error().message == "unknown app 'shop-qa'");
  CHECK(s->world().fingerprint() == before);

  scenario::Scenario empty = s->scenario();
  empty.world.applications.clear();
  empty.timeline.clear();
  auto bare = session::Session::create(empty);
  REQUIRE(bare);
  auto none = plan_fault((*bare)->world(), "bad-image");
  REQUIRE_FALSE(none);
  CHECK_THAT(none.error().message, Catch::Contains("this world has no apps"));
}
