// World actions from the command language: a command that cannot run is an
// error naming the command and changes nothing — not even the event log.
#include <catch2/catch.hpp>

#include "../gitops/world_fixture.hpp"
#include "sim/core/rng.hpp"
#include "sim/world/command.hpp"
#include "sim/world/event_json.hpp"

using namespace gs;
using namespace gs::testing;

TEST_CASE("World: a failing command leaves the event log and the world unchanged", "[world][actions]") {
  auto spec = base_spec();
  spec.applications = {application({.automated = "{prune: true, selfHeal: true}"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  const std::vector<std::string> bad = {
      "kubectl scale deployment/nope --replicas=3 -n shop --cluster dev",
      "kubectl scale deployment/web --replicas=3 -n shop --cluster moon",
      "kubectl set image deployment/web web -n shop --cluster dev",
      "kubectl patch deployment/web --type merge -p '[1,2]' -n shop --cluster dev",
      "kubectl label deployment/web =x -n shop --cluster dev",
      "git commit config@main -m 'nothing staged'",
      "git edit config@main apps/web/deployment.yaml spec..replicas=3 -m x",
      "git edit config@main apps/web/missing.yaml a=1 -m x",
      "git merge config nope main",
      "git reset config@main deadbeef",
      "git revert nope@main",
      "argocd app sync nope",
      "argocd app rollback web",
      "fault crash nope -n shop --cluster dev",
      "fault repo-unreachable nope 5m",
      "promote shop --from dev --to prod",
  };
  for (const auto& line : bad) {
    CAPTURE(line);
    const std::string before = world::event_stream_hash(w->log().events());
    auto out = w->apply_text(line);
    CHECK_FALSE(out.ok());
    if (!out.ok()) CHECK_FALSE(out.error().message.empty());
    CHECK(world::event_stream_hash(w->log().events()) == before);
  }
}

TEST_CASE("World: random command lines never crash, and a rejected one records nothing", "[world][actions][fuzz]") {
  auto spec = base_spec();
  spec.applications = {application({.automated = "{prune: true, selfHeal: true}"})};
  auto w = make_world(spec);
  w->advance(at("30s"));
  Rng rng(2026);
  const std::vector<std::string> words = {
      "web", "nope", "config@main", "config@nope", "apps/web/deployment.yaml", "spec.replicas=3", "deployment/web",
      "pod/web", "-n", "shop", "--cluster", "dev", "--replicas=2", "--replicas=-1", "-m", "msg", "--prune", "--hard",
      "--dry-run", "5m", "0s", "x=y", "x-", "'{\"spec\":{}}'", "-p", "--type", "merge", "main", "develop", "HEAD~1", "@",
      "", "\"unterminated", "--revision", "--sync-policy", "automated", "none", "--self-heal"};
  const auto& table = world::command_table();
  int ran = 0, rejected = 0;
  for (int i = 0; i < 400; ++i) {
    const auto& spec_cmd = table[rng.below(table.size())];
    if (spec_cmd.path[0] == "sim") continue;  // time moves only through advance() here
    std::string line;
    for (const auto& p : spec_cmd.path) line += p + " ";
    const int n = static_cast<int>(rng.below(5));
    for (int k = 0; k < n; ++k) line += words[rng.below(words.size())] + " ";
    CAPTURE(line);
    const std::size_t before = w->log().size();
    auto out = w->apply_text(line);
    if (out.ok()) {
      ++ran;
    } else {
      ++rejected;
      CHECK(w->log().size() == before);
    }
    w->advance(w->now() + Duration::seconds(1));
  }
  CHECK(ran > 0);
  CHECK(rejected > 0);
}

TEST_CASE("World: argocd app wait lets time pass to the first instant the app is Synced, Healthy and idle "
          "(checklist 60)", "[world][actions][wait]") {
  auto spec = base_spec();
  spec.applications = {application({})};
  auto w = make_world(spec);
  w->advance(at("10s"));
  REQUIRE(w->apply_text("argocd app sync web").ok());
  auto out = w->apply_text("argocd app wait web");
  REQUIRE(out.ok());
  CHECK(out.value().exit_code == 0);
  CHECK(out.value().output.find("Health Status:      Healthy") != std::string::npos);
  // It stopped where health came back, not later.
  std::int64_t healthy_at = -1;
  for (const auto& e : w->log().events()) {
    if (e.type == "HealthStatusChanged" && e.str("to") == "Healthy") healthy_at = e.t.ms;
  }
  CHECK(w->now().ms == healthy_at);
  CHECK(w->now().ms > at("10s").ms);
  // Already there: no time passes.
  const TimePoint before = w->now();
  REQUIRE(w->apply_text("argocd app wait web --sync").ok());
  CHECK(w->now() == before);
}

TEST_CASE("World: argocd app wait times out as the CLI does, exit code 1, the clock moved by the timeout",
          "[world][actions][wait]") {
  auto spec = base_spec();
  spec.applications = {application({})};  // manual: nobody syncs it
  auto w = make_world(spec);
  w->advance(at("10s"));
  auto out = w->apply_text("argocd app wait web --timeout 30");
  REQUIRE(out.ok());
  CHECK(out.value().exit_code == 1);
  CHECK(out.value().output == "timed out (30s) waiting for app \"web\" match desired state\n");
  CHECK(w->now() == at("40s"));
  auto bad = w->apply_text("argocd app wait nope");
  REQUIRE_FALSE(bad.ok());
  // More than a virtual day is refused before any time passes.
  auto long_wait = w->apply_text("argocd app wait web --timeout 90000");
  REQUIRE_FALSE(long_wait.ok());
  CHECK(long_wait.error().message ==
        "argocd app wait: --timeout 90000 is more than a virtual day; gitops-sim waits at most 86400 s");
  CHECK_FALSE(w->apply_text("argocd app wait web --timeout 99999999999999999999999").ok());
  CHECK(w->now() == at("40s"));
}

TEST_CASE("World: kubectl get and describe of a missing object print the API's NotFound and exit 1, as kubectl does",
          "[world][actions]") {
  auto spec = base_spec();
  spec.applications = {application({.automated = "{prune: true}"})};
  auto w = make_world(spec);
  w->advance(at("30s"));
  for (const char* line : {"kubectl get deployment nope -n shop --cluster dev",
                           "kubectl describe deployment nope -n shop --cluster dev"}) {
    CAPTURE(line);
    auto out = w->apply_text(line);
    REQUIRE(out.ok());
    CHECK(out.value().exit_code == 1);
    CHECK(out.value().output == "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  }
  auto found = w->apply_text("kubectl get deployment web -n shop --cluster dev");
  REQUIRE(found.ok());
  CHECK(found.value().exit_code == 0);
}
