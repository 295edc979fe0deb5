// One driver, three ways in: the same commands through the headless runner (a
// scenario plus a journal), `gitops-sim exec` (its in-process path) and the
// GUI's session (ticked with a frame budget that cuts the world every few
// tasks, commands typed at its console) give the same event log, byte for
// byte — waits and advances that cross timeline entries and stop at teaching
// pauses included. And a journal replays into the same log.
#include <catch2/catch.hpp>

#include <algorithm>

#include "session_fixture.hpp"
#include "sim/git/repository.hpp"

using namespace gs;
using namespace gs::session;
using gs::testing::json_lines;
using gs::testing::load;
using gs::testing::start;

namespace {

struct Case {
  const char* file;
  // The GUI plays until its clock passes this (or a teaching pause stops it).
  std::int64_t play_until_ms;
  std::vector<std::string> commands;
};

// The GUI: plays at 300x, its world cut every fourth task, until the clock
// passes `until` or a teaching pause stops it; then the learner types.
std::unique_ptr<Session> drive_gui(const scenario::Scenario& sc, const Case& c, std::vector<CommandOutcome>& outs) {
  auto s = start(sc, 300);
  Session& ses = *s;
  int tasks = 0;
  for (int i = 0; i < 100000 && ses.playing() && ses.now().ms < c.play_until_ms; ++i) {
    ses.tick(0.016, [&] { return ++tasks % 4 == 0; });
  }
  for (const auto& line : c.commands) outs.push_back(ses.run(line, Issuer{Origin::Console, "mina"}));
  return s;
}

}  // namespace

TEST_CASE("Session: the runner, exec and the GUI give the same event log, byte for byte, through waits and "
          "advances that cross timeline entries",
          "[session][drivers]") {
  const Case cases[] = {
      // Stopped by the 1m teaching pause; the wait passes the 2m and 3m
      // entries and stops at the 4m30s pause; the advance passes the 5m merges.
      {"13-hotfix.yaml",
       10 * 60'000,
       {"kubectl scale deployment/web --replicas=3 -n shop --cluster prod",
        "argocd app wait shop-prod --degraded --timeout 600", "argocd app get shop-prod", "sim advance 1m",
        "argocd app wait shop-dev --timeout 300", "git log shop-config@develop --oneline --decorate",
        "argocd app diff shop-staging", "sim advance 2m"}},
      // Paused by hand at some instant the budget left the world in; the
      // first wait stops at the 1m30s pause, the second passes the 3m and 6m
      // commits (App of Apps adds api-dev, retires web-prod) and times out.
      {"12-app-of-apps.yaml",
       40'000,
       {"sim pause", "argocd app wait root --degraded --timeout 400", "argocd app wait root --degraded --timeout 400",
        "argocd app list", "kubectl get applications -n argocd --cluster in-cluster", "sim advance 2m"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const auto sc = load(c.file);
    std::vector<CommandOutcome> gui_out;
    auto gui = drive_gui(sc, c, gui_out);
    const Journal& journal = gui->journal();
    REQUIRE_FALSE(journal.empty());
    const TimePoint first_at = [&] {
      for (const auto& e : journal) {
        if (e.origin == Origin::Console) return e.at;
      }
      return TimePoint{-1};
    }();
    CAPTURE(first_at.ms);
    // What the test is about: time-moving commands crossed timeline entries.
    std::size_t crossed = 0;
    for (const auto& e : journal) crossed += e.origin == Origin::Timeline && e.at > first_at;
    CHECK(crossed >= 2);

    auto exec = exec_commands(sc, first_at, c.commands);
    REQUIRE(exec);
    REQUIRE(exec->outcomes.size() == gui_out.size());
    for (std::size_t i = 0; i < gui_out.size(); ++i) {
      CAPTURE(c.commands[i]);
      CHECK(exec->outcomes[i].output == gui_out[i].output);
      CHECK(exec->outcomes[i].exit_code == gui_out[i].exit_code);
    }

    RunOptions opts;
    opts.until = Duration{gui->now().ms};
    opts.journal = journal;
    auto run = run_scenario(sc, opts);
    REQUIRE(run);

    auto replayed = Session::create(sc);
    REQUIRE(replayed);
    const Status st = (*replayed)->replay(journal);
    INFO((st ? std::string() : st.error().message));
    CHECK(st.ok());

    const std::string expected = json_lines(gui->world());
    CHECK(json_lines(exec->session->world()) == expected);
    CHECK(json_lines(run->world()) == expected);
    CHECK(json_lines((*replayed)->world()) == expected);
    CHECK((*replayed)->world().fingerprint() == gui->world().fingerprint());
  }
}

TEST_CASE("Session: a journal of commands given at many times replays into the same log, and the runner agrees",
          "[session][drivers][journal]") {
  const auto sc = load("09-promotion.yaml");
  auto s = start(sc, 60);
  Session& ses = *s;
  int tasks = 0;
  auto budget = [&] { return ++tasks % 3 == 0; };
  // Commands at whatever time the playing clock has reached, as a learner types them.
  const std::vector<std::pair<int, std::string>> typed = {
      {300, "kubectl scale deployment/web --replicas=4 -n shop --cluster dev"},
      {500, "argocd app wait shop-staging --health --timeout 90"},
      {650, "git tag shop-config v1.1.0 develop -m 'Release candidate' --author 'Mina Park <mina@example.com>'"},
      {700, "sim advance 4m"},
      {720, "git merge shop-config staging main --no-ff -m 'Release 1.1.0'"},
      {800, "argocd app sync nope"},
      {900, "argocd app wait shop-prod --timeout 300"},
  };
  std::size_t next = 0;
  for (int frame = 0; frame < 1200; ++frame) {
    if (!ses.playing()) ses.resume();
    ses.tick(0.016, budget);
    if (next < typed.size() && frame == typed[next].first) ses.run(typed[next++].second);
  }
  REQUIRE(next == typed.size());
  CHECK_FALSE(ses.journal()[ses.journal().size() - 1].command.empty());

  auto replayed = Session::create(sc);
  REQUIRE(replayed);
  const Status st = (*replayed)->replay(ses.journal());
  INFO((st ? std::string() : st.error().message));
  REQUIRE(st.ok());
  // The GUI went on playing after the last command; the replay stops there.
  (*replayed)->advance_to(ses.now());
  ses.advance_to(ses.now());
  CHECK(json_lines((*replayed)->world()) == json_lines(ses.world()));

  RunOptions opts;
  opts.until = Duration{ses.now().ms};
  opts.journal = ses.journal();
  auto run = run_scenario(sc, opts);
  REQUIRE(run);
  CHECK(json_lines(run->world()) == json_lines(ses.world()));
}

TEST_CASE("Session: a journal out of step with the scenario is refused, naming the entry", "[session][journal]") {
  const auto sc = load("01-first-sync.yaml");
  Journal journal = {JournalEntry{TimePoint{60'000}, Origin::Console, "", "argocd app sync web", {}, true, 0},
                     JournalEntry{TimePoint{30'000}, Origin::Console, "", "argocd app get web", {}, true, 0}};
  auto s = Session::create(sc);
  REQUIRE(s);
  auto st = (*s)->replay(journal);
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::StartsWith("journal entry 2 ('argocd app get web' at +30s) comes after"));
  journal = {JournalEntry{TimePoint{60'000}, Origin::Console, "", "argocd app sync nope", {}, true, 0}};
  auto t = Session::create(sc);
  REQUIRE(t);
  st = (*t)->replay(journal);
  REQUIRE_FALSE(st.ok());
  CHECK_THAT(st.error().message, Catch::Contains("exited 1 (refused) where the journal says 0 (ran)"));
}

TEST_CASE("Session: exec gives a command's here-document as the file beside it, as the terminal does",
          "[session][exec][heredoc]") {
  const auto sc = load("09-promotion.yaml");
  auto exec = exec_commands(sc, TimePoint{5 * 60'000},
                            {"git write shop-config@develop overlays/dev/replicas.yaml <<'EOF'\n"
                             "- name: web\n"
                             "  count: 3\n"
                             "EOF",
                             "git commit shop-config@develop -m 'Dev replicas'"});
  REQUIRE(exec);
  REQUIRE(exec->outcomes.size() == 2);
  CHECK(exec->outcomes[0].ok);
  CHECK(exec->outcomes[1].ok);
  CHECK(exec->exit_code == 0);
  auto text = exec->session->world().repo_by_name("shop-config")->repo->read_file("develop", "overlays/dev/replicas.yaml");
  REQUIRE(text);
  CHECK(*text == "- name: web\n  count: 3\n");
  // The journal holds the command without the here-document, and the file beside it.
  const auto& j = exec->session->journal();
  const auto write = std::find_if(j.begin(), j.end(), [](const JournalEntry& e) { return e.command.rfind("git write", 0) == 0; });
  REQUIRE(write != j.end());
  CHECK(write->command == "git write shop-config@develop overlays/dev/replicas.yaml");
  CHECK(write->files.at("overlays/dev/replicas.yaml") == std::optional<std::string>("- name: web\n  count: 3\n"));
}

TEST_CASE("Session: exec refuses a bad here-document before anything runs", "[session][exec][heredoc]") {
  const auto sc = load("09-promotion.yaml");
  // The first command is fine, the second is not: neither runs.
  auto open = exec_commands(sc, TimePoint{5 * 60'000},
                            {"git rm shop-config@develop CONTRIBUTING.md", "git write shop-config@develop a.yaml <<EOF\nx: 1\n"});
  REQUIRE_FALSE(open);
  CHECK_THAT(open.error().message, Catch::Contains("has no end line; expected a line 'EOF'"));
  auto status = exec_commands(sc, TimePoint{5 * 60'000}, {"git status shop-config <<EOF\nx\nEOF"});
  REQUIRE_FALSE(status);
  CHECK_THAT(status.error().message, Catch::Contains("git status takes no here-document"));
}
