// Session: the one driver. The clock and its frame budget, the timeline, the
// commands that let time pass, the journal, and the promise that holds them
// together: the runner, exec and the GUI give the same event log.
#include <catch2/catch.hpp>

#include "session_fixture.hpp"
#include "sim/cluster/health/health.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/world.hpp"

using namespace gs;
using namespace gs::session;
using gs::testing::json_lines;
using gs::testing::load;
using gs::testing::start;

TEST_CASE("Session: stepping frame by frame gives the runner's event log, byte for byte", "[session]") {
  const auto sc = load("03-drift-self-heal.yaml");
  auto headless = run_to(sc, TimePoint{7 * 60'000});
  REQUIRE(headless);
  auto s = start(sc, 60);
  Session& ses = *s;
  // Uneven frames, as a real window gives them.
  for (int i = 0; ses.now().ms + 2'000 < 7 * 60'000 && i < 100000; ++i) ses.tick(i % 3 == 0 ? 0.016 : 0.021);
  ses.advance_to(TimePoint{7 * 60'000});
  CHECK(ses.now().ms == 7 * 60'000);
  CHECK(json_lines(ses.world()) == json_lines((*headless)->world()));
}

TEST_CASE("Session: a frame budget that cuts the world after every task still gives the runner's event log",
          "[session]") {
  // The GUI stops the world when a frame's slice is spent (app.cpp); here the
  // budget is spent after every single task, the finest cut there is.
  for (const char* name : {"03-drift-self-heal.yaml", "09-promotion.yaml", "11-hooks-and-waves.yaml"}) {
    CAPTURE(name);
    const auto sc = load(name);
    const TimePoint end{std::min<std::int64_t>(sc.end.ms, 12 * 60'000)};
    auto headless = run_to(sc, end);
    REQUIRE(headless);
    auto s = start(sc, 300);
    Session& ses = *s;
    int behind = 0;
    for (int i = 0; ses.now() < end && i < 200000; ++i) {
      if (!ses.playing()) ses.resume();  // through the teaching pauses
      ses.tick(0.016, [] { return true; });
      if (ses.target() > ses.now()) ++behind;
    }
    ses.advance_to(end);
    CHECK(behind > 0);  // the clock really fell behind its aim at times
    CHECK(world::event_stream_hash(ses.world().log().events()) ==
          world::event_stream_hash((*headless)->world().log().events()));
  }
}

TEST_CASE("Session: commands drive the clock and the world, and are journaled", "[session][journal]") {
  auto s = start(load("03-drift-self-heal.yaml"));
  Session& ses = *s;
  auto out = ses.run("sim advance 2m");
  CHECK(out.ok);
  CHECK(out.output == "advanced to +2m\n");
  CHECK(ses.now().ms == 120'000);
  CHECK(ses.run("sim speed 300").ok);
  CHECK(ses.speed() == 300);
  CHECK(ses.playing());
  CHECK(ses.run("sim pause").ok);
  CHECK_FALSE(ses.playing());
  out = ses.run("argocd app get shop-dev");
  CHECK(out.ok);
  CHECK(out.output.find("shop-dev") != std::string::npos);
  CHECK_FALSE(ses.run("argocd app sync nope").ok);
  REQUIRE(ses.journal().size() == 5);
  CHECK(ses.journal().back().command == "argocd app sync nope");
  CHECK_FALSE(ses.journal().back().ok);
  CHECK(ses.journal().back().exit_code == 1);
}

TEST_CASE("Session: sim speed refuses anything but the offered speeds, at parse time, and changes nothing",
          "[session]") {
  auto s = start(load("03-drift-self-heal.yaml"));
  Session& ses = *s;
  for (const char* bad : {"sim speed abc", "sim speed -1", "sim speed 7", "sim speed 0", "sim speed 60y"}) {
    CAPTURE(bad);
    const std::string before = ses.world().fingerprint();
    auto out = ses.run(bad);
    CHECK_FALSE(out.ok);
    CHECK(out.output.find("1, 10, 60, 300, 1000") != std::string::npos);
    CHECK(ses.speed() == 10);
    CHECK_FALSE(ses.playing());
    CHECK(ses.world().fingerprint() == before);
  }
  CHECK(ses.run("sim speed 60x").ok);
  CHECK(ses.speed() == 60);
}

TEST_CASE("Session: step to the next event and the next poll", "[session]") {
  auto s = start(load("01-first-sync.yaml"));
  Session& ses = *s;
  const auto next = ses.next_event_time();
  REQUIRE(next);
  ses.step_next_event();
  CHECK(ses.now() == *next);
  const auto poll = ses.next_poll_time();
  REQUIRE(poll);
  ses.step_next_poll();
  CHECK(ses.now() == *poll);
}

TEST_CASE("Session: argocd app wait lets time pass through the timeline until the app is there", "[session][wait]") {
  auto s = start(load("09-promotion.yaml"));
  Session& ses = *s;
  ses.run_through(TimePoint{5 * 60'000});
  const std::size_t first = ses.journal().size();  // the 2m timeline entry, journaled as such
  // The 6m timeline entry merges develop into staging; waiting for staging to
  // run it again (Synced, Healthy, idle) passes that entry on the way.
  REQUIRE(ses.run("argocd app wait shop-staging").ok);  // already there: no time passes
  CHECK(ses.now().ms == 5 * 60'000);
  auto out = ses.run("argocd app wait shop-staging --degraded --timeout 120");
  CHECK(out.ok);
  CHECK(out.exit_code == 1);
  CHECK(out.output == "timed out (120s) waiting for app \"shop-staging\" match desired state\n");
  CHECK(ses.now().ms == 7 * 60'000);
  // Journaled when it was given, before the timeline entry it passed.
  const Journal j(ses.journal().begin() + static_cast<std::ptrdiff_t>(first), ses.journal().end());
  REQUIRE(j.size() == 3);
  CHECK(j[1].command == "argocd app wait shop-staging --degraded --timeout=120");
  CHECK(j[1].at.ms == 5 * 60'000);
  CHECK(j[1].exit_code == 1);
  CHECK(j[2].origin == Origin::Timeline);
  CHECK(j[2].at.ms == 6 * 60'000);
  CHECK(j[2].command.rfind("git merge shop-config develop staging", 0) == 0);
  bool merged = false;
  for (const auto& e : ses.world().log().events()) {
    merged = merged || (e.type == "Committed" && e.str("branch") == "staging" && e.t.ms == 6 * 60'000);
  }
  CHECK(merged);
  REQUIRE(ses.run("argocd app wait shop-staging").ok);
  const auto* st = ses.world().controller().find("shop-staging");
  REQUIRE(st);
  CHECK(st->status.health.status == cluster::HealthCode::Healthy);
  CHECK_FALSE(st->status.operation_running());
}

TEST_CASE("Session: a teaching pause stops sim advance and argocd app wait, and the pause is recorded and shown",
          "[session][pause]") {
  auto s = start(load("13-hotfix.yaml"));
  Session& ses = *s;
  auto out = ses.run("sim advance 5m");
  CHECK(out.ok);
  CHECK(out.exit_code == 1);
  CHECK(out.output == "stopped at a teaching pause (+1m, before +5m); sim advance again to go on\n");
  CHECK(ses.now().ms == 60'000);
  REQUIRE(ses.teaching_pause());
  CHECK_FALSE(ses.playing());
  const auto& last = ses.world().log().events().back();
  CHECK(last.type == "Paused");
  CHECK(last.t.ms == 60'000);

  // The next command moves on; a wait stops at the 4m30s pause, having
  // passed the 2m and 3m entries (the hotfix branch, its merge into main).
  out = ses.run("argocd app wait shop-prod --degraded --timeout 600");
  CHECK(out.ok);
  CHECK(out.exit_code == 1);
  CHECK(out.output ==
        "stopped at a teaching pause (+4m30s) while waiting for app \"shop-prod\"; run the command again to go on\n");
  CHECK(ses.now().ms == 270'000);
  REQUIRE(ses.teaching_pause());
  int paused = 0, merged = 0;
  for (const auto& e : ses.world().log().events()) {
    if (e.type == "Paused") ++paused;
    if (e.type == "Committed" && e.str("branch") == "main" && e.t.ms == 180'000) ++merged;
  }
  CHECK(paused == 2);
  CHECK(merged == 1);
  out = ses.run("sim advance 1m");
  CHECK(out.exit_code == 0);
  CHECK_FALSE(ses.teaching_pause());
  CHECK(ses.now().ms == 330'000);
}

TEST_CASE("Session: sim advance lets at most a virtual day pass, beyond is refused before anything changes",
          "[session][bounds]") {
  auto s = start(load("01-first-sync.yaml"));
  Session& ses = *s;
  const std::string before = ses.world().fingerprint();
  for (const char* line : {"sim advance 99999d", "sim advance 1d1ms", "sim advance 25h"}) {
    CAPTURE(line);
    auto out = ses.run(line);
    CHECK_FALSE(out.ok);
    CHECK_THAT(out.output, Catch::Contains("is more than a virtual day; one sim advance lets at most 1d pass"));
    CHECK(ses.world().fingerprint() == before);
  }
  auto day = ses.run("sim advance 1d");
  CHECK(day.ok);
  CHECK(ses.now().ms == 86'400'000);
}

TEST_CASE("Session: the journal keeps time, origin, actor, canonical text, staged files and exit code",
          "[session][journal]") {
  auto s = start(load("01-first-sync.yaml"));
  Session& ses = *s;
  ses.run_through(TimePoint{60'000});
  const std::size_t first = ses.journal().size();  // timeline entries so far
  const world::StagedFiles files = {{"notes.txt", std::string("hello\n")}, {"apps/web/old.yaml", std::nullopt}};
  ses.run("git   commit shop-config@main  -m 'A note'", Issuer{Origin::Gui, "mina"}, {{"notes.txt", std::string("hi\n")}});
  ses.run("kubectl get pods -n shop --context dev", Issuer{Origin::Instructor, "teacher"});
  ses.run("argocd app diff web");
  ses.run("gti status", Issuer{Origin::LessonSolution, ""}, files);
  const Journal j(ses.journal().begin() + static_cast<std::ptrdiff_t>(first), ses.journal().end());
  REQUIRE(j.size() == 4);
  CHECK(j[0].at.ms == 60'000);
  CHECK(j[0].origin == Origin::Gui);
  CHECK(j[0].actor == "mina");
  CHECK(j[0].command == "git commit shop-config@main --message='A note'");
  CHECK(j[0].files.at("notes.txt") == std::optional<std::string>("hi\n"));
  CHECK(j[1].command == "kubectl get pods --namespace=shop --cluster=dev");  // --context is --cluster
  CHECK(j[1].origin == Origin::Instructor);
  CHECK(j[2].origin == Origin::Console);
  CHECK(j[2].actor.empty());
  CHECK(j[3].command == "gti status");  // as given: it did not parse
  CHECK_FALSE(j[3].ok);
  CHECK(j[3].exit_code == 1);
  CHECK(j[3].files == files);
  for (Origin o : kOrigins) {
    CHECK(parse_origin(origin_name(o)) == o);
  }
}

TEST_CASE("Session: what the console staged comes back exactly when the journal is replayed (reset, undo)",
          "[session][journal][index]") {
  const auto sc = load("03-drift-self-heal.yaml");
  auto a = start(sc);
  a->run_through(TimePoint{60'000});
  const world::StagedFiles mine = {{"base/extra.yaml", std::string("a: 1\n")}};
  REQUIRE(a->run("git write shop-config@main base/extra.yaml", {}, mine).ok);
  REQUIRE(a->run("git rm shop-config@main base/deployment.yaml").ok);
  CHECK_FALSE(a->run("git write shop-config@main base/other.yaml").ok);  // no content: refused, journaled
  REQUIRE(a->journal().size() >= 3);
  CHECK(a->journal()[a->journal().size() - 3].files == mine);
  auto b = start(sc);
  REQUIRE(b->replay(a->journal()).ok());
  CHECK(b->world().staged("shop-config", "main") == a->world().staged("shop-config", "main"));
  CHECK(b->world().staged("shop-config", "main").size() == 2);
  CHECK(b->world().fingerprint() == a->world().fingerprint());
}
