// The lesson in a terminal, driven by a script: lesson 01 from its first
// step to its end (what it prints at the key points, and the progress it
// stores), deny, check, hint, skip, reset, undo, here-documents, help and
// Korean; and the text wrapping it prints with.
#include <catch2/catch.hpp>

#include <sstream>

#include "lesson_fixture.hpp"
#include "sim/help/help.hpp"
#include "sim/lesson/terminal.hpp"
#include "temp_data_home.hpp"

namespace {

using gs::lesson::ProgressStore;

const char* kLesson01 = GS_SOURCE_DIR "/lessons/01-poll-then-refresh.yaml";

std::unique_ptr<gs::lesson::LessonRun> start_01(const std::string& lang = "en") {
  auto loaded = gs::lesson::load_lesson_file(kLesson01);
  if (!loaded.ok()) FAIL(gs::render_all(loaded.errors));
  auto run = gs::lesson::LessonRun::start(std::move(*loaded.lesson), lang);
  REQUIRE(run);
  return std::move(run.value());
}

std::string drive(gs::lesson::LessonRun& run, const std::string& script, gs::lesson::TerminalOptions opts = {}) {
  std::istringstream in(script);
  std::ostringstream out;
  CHECK(gs::lesson::run_terminal(run, in, out, opts) == 0);
  return out.str();
}

// The part of `s` after the first occurrence of `marker` (for "in this order").
std::string after(const std::string& s, const std::string& marker) {
  const auto at = s.find(marker);
  if (at == std::string::npos) FAIL("missing: " + marker + "\n--- output ---\n" + s);
  return s.substr(at + marker.size());
}

// Lesson 01 with a progress store in a fresh XDG_DATA_HOME.
struct StoredRun {
  explicit StoredRun(const std::string& name, const std::string& profile = "default") : home(name) {
    auto s = gs::lesson::open_default_store();
    if (!s) FAIL(s.error().message);
    store = std::move(s.value());
    run = start_01();
    opts.store = store.get();
    opts.profile = profile;
  }
  gs::testing::TempDataHome home;
  std::unique_ptr<ProgressStore> store;
  std::unique_ptr<gs::lesson::LessonRun> run;
  gs::lesson::TerminalOptions opts;
};

const char* kWholeLesson01 =
    "answer 2\n"
    "hint\n"
    "argocd app sync shop-dev\n"
    "git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=1.1.0 -m \"Release web 1.1.0\"\n"
    "check\n"
    "play\n"
    "git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=1.2.0 -m \"Release web 1.2.0\"\n"
    "argocd app refresh shop-dev\n"
    "argocd app history shop-dev\n"
    "next\n";

}  // namespace

TEST_CASE("terminal: lesson 01 from start to end, with progress stored", "[lesson][terminal]") {
  StoredRun sr("terminal-01");
  auto& run = sr.run;
  auto& store = sr.store;
  sr.opts.next_lesson = "02-drift-and-self-heal";
  const std::string out = drive(*run, kWholeLesson01, sr.opts);

  // The lesson, step 1's question with numbered choices, a prompt at 01:00.
  std::string rest = after(out, "A commit, the poll, and a refresh\n");
  rest = after(rest, "Step 1/4: Predict");
  rest = after(rest, "  1) The moment the commit lands\n");
  rest = after(rest, "  2) At Argo CD's next poll");
  rest = after(rest, "[01:00 step 1/4] $ ");  // the prompt: virtual time and step
  // The answer: right, explained, and step 2 follows at once.
  rest = after(rest, "✓ Right.");
  rest = after(rest, "Nothing pushes into the cluster.");
  rest = after(rest, "Step 2/4: Commit and wait for the poll");
  rest = after(rest, "[01:00 step 2/4] $ ");
  rest = after(rest, "Hint 1/2: git edit sets one YAML field");
  // deny refuses with the step's why.
  rest = after(rest, "Refused in this step: This step is about the poll: auto-sync will apply it");
  // check names what is missing and what the world shows.
  rest = after(rest, "Not yet. Still missing:");
  rest = after(rest, "registry.example/shop/web:1.1.0");
  rest = after(rest, "the world shows:");
  rest = after(rest, "registry.example/shop/web:1.0.0");
  // play: time passes to the poll, the step passes the moment the new image
  // is applied, and the sync that applied it is let finish.
  rest = after(rest, "Time passes: 01:00 to 03:");
  rest = after(rest, "AppRefreshed        shop-dev (poll)");
  rest = after(rest, "ResourceApplied");
  rest = after(rest, "SyncSucceeded");
  rest = after(rest, "✓ Step passed at 03:00.");
  rest = after(rest, "What did it: ");
  rest = after(rest, "Step 3/4: Do not wait: refresh");
  // The refresh's work (read Git, auto-sync) runs at once: no play needed.
  rest = after(rest, "$ [main 542b365] Release web 1.2.0");
  rest = after(rest, "AppRefreshed        shop-dev (manual)");
  rest = after(rest, "✓ Step passed at 03:10.");
  rest = after(rest, "Step 4/4: Read the history");
  rest = after(rest, "When you are done, type next.");
  rest = after(rest, "Lesson finished: 4 of 4 steps passed, 0 skipped.");
  rest = after(rest, "Progress saved (profile default).");
  rest = after(rest, "Next lesson: gitops-sim lesson 02-drift-and-self-heal");
  CHECK(run->finished());

  auto rows = store->load("default", "poll-then-refresh");
  REQUIRE(rows);
  REQUIRE(rows->size() == 4);
  for (const auto& r : *rows) {
    INFO(r.step);
    CHECK(r.passed);
    CHECK_FALSE(r.skipped);
    CHECK(r.time_taken);
  }
  const auto by_id = [&](const std::string& id) {
    for (const auto& r : *rows) {
      if (r.step == id) return r;
    }
    FAIL("no record for " + id);
    return gs::lesson::StepRecord{};
  };
  REQUIRE(by_id("predict").answer);
  CHECK(by_id("predict").answer->choice == 1);
  CHECK(by_id("predict").answer->correct);
  CHECK(by_id("commit-and-wait").hints_used == 1);
  CHECK(by_id("commit-and-wait").time_taken->ms > 0);  // virtual: waited for the poll
  CHECK_FALSE(by_id("refresh-now").solution_shown);
  REQUIRE(gs::lesson::summarize(run->lesson(), *rows).finished());
}

TEST_CASE("terminal: the same script prints the same bytes", "[lesson][terminal]") {
  auto a = start_01();
  auto b = start_01();
  CHECK(drive(*a, kWholeLesson01) == drive(*b, kWholeLesson01));
}

TEST_CASE("terminal: progress is saved as the learner goes, before quit", "[lesson][terminal]") {
  StoredRun sr("terminal-asgo", "mina");
  std::ostringstream out;
  gs::lesson::TerminalSession s(*sr.run, out, sr.opts);
  s.start();
  CHECK(s.handle("answer 1"));  // wrong, kept
  auto rows = sr.store->load("mina", "poll-then-refresh");
  REQUIRE(rows);
  REQUIRE(rows->size() == 2);  // the question, and step 2 begun
  CHECK(rows->at(0).step == "commit-and-wait");
  CHECK_FALSE(rows->at(0).passed);
  CHECK(rows->at(1).step == "predict");
  CHECK(rows->at(1).passed);
  CHECK_FALSE(rows->at(1).answer->correct);
  CHECK_THAT(out.str(), Catch::Contains("✗ Not quite: the answer is 2) At Argo CD's next poll"));
}

TEST_CASE("terminal: end of input quits and saves", "[lesson][terminal]") {
  StoredRun sr("terminal-eof");
  const std::string out = drive(*sr.run, "answer 2\nhint\n", sr.opts);
  CHECK_THAT(out, Catch::EndsWith("Progress saved (profile default).\nBye.\n"));
  auto rows = sr.store->load("default", "poll-then-refresh");
  REQUIRE(rows);
  REQUIRE(rows->size() == 2);
  CHECK(rows->at(0).hints_used == 1);
}

TEST_CASE("terminal: skip runs the solution and counts the step as skipped", "[lesson][terminal]") {
  auto run = start_01();
  const std::string out = drive(*run, "answer 2\nsolution\nskip\nquit\n");
  std::string rest = after(out, "The solution (type it yourself, or type skip to have it run):");
  rest = after(rest, "  git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=1.1.0");
  rest = after(rest, "$ git edit shop-config@main");
  rest = after(rest, "ResourceApplied");
  rest = after(rest, "SyncSucceeded");  // the sync that passed the check is let finish
  rest = after(rest, "Skipped: the solution ran for you");
  rest = after(rest, "Step 3/4");
  CHECK(run->progress(1).skipped);
  CHECK_FALSE(run->progress(1).passed);
  CHECK(run->current() == 2);
}

TEST_CASE("terminal: reset and undo say what they did", "[lesson][terminal]") {
  auto run = start_01();
  const std::string out = drive(*run,
                                "answer 2\n"
                                "git edit shop-config@main overlays/dev/kustomization.yaml images[0].newTag=1.2.0 -m x\n"
                                "undo\n"
                                "undo\n"
                                "advance 30s\n"
                                "reset\n");
  std::string rest = after(out, "Undone: git edit shop-config@main");
  rest = after(rest, "No command to undo since this step began.");
  rest = after(rest, "Time passes: 01:00 to 01:30");
  rest = after(rest, "Reset: the world is as it was when this step started (01:00).");
  CHECK(rest.find("Time passes") == std::string::npos);  // a rebuilt world is not time passing
  CHECK(run->session().now().ms == 60'000);
}

TEST_CASE("terminal: bad verbs' arguments are explained, nothing changes", "[lesson][terminal]") {
  auto run = start_01();
  const std::string out = drive(*run, "answer 9\nanswer x\nadvance soon\nnext\nhint\nhint\nhint\nquit\n");
  CHECK_THAT(out, Catch::Contains("answer N: N is a choice's number, 1 to 3."));
  CHECK_THAT(out, Catch::Contains("advance T: T is a duration such as 30s, 3m or 1h."));
  CHECK_THAT(out, Catch::Contains("Answer the question first: answer N."));
  CHECK_THAT(out, Catch::Contains("No more hints for this step."));  // step 1 has none
  CHECK(run->current() == 0);
  CHECK(run->session().now().ms == 60'000);
}

TEST_CASE("terminal: a here-document stages its lines as the command's file", "[lesson][terminal]") {
  auto run = start_01();
  const std::string out = drive(*run,
                                "answer 2\n"
                                "kubectl apply -f cm.yaml -n shop --cluster dev <<EOF\n"
                                "apiVersion: v1\n"
                                "kind: ConfigMap\n"
                                "metadata: {name: settings}\n"
                                "data: {mode: fast}\n"
                                "EOF\n"
                                "kubectl get configmap settings -n shop --cluster dev -o yaml\n"
                                "echo <<EOF\n"
                                "quit\n");
  std::string rest = after(out, "Type the file's lines, then EOF on a line of its own.");
  rest = after(rest, "mode: fast");
  rest = after(rest, "A here-document goes with git write REPO@BRANCH PATH");
}

TEST_CASE("terminal: help lists the verbs and the commands, help COMMAND one", "[lesson][terminal]") {
  const std::string all = gs::lesson::terminal_help("", "en");
  // The lesson verbs first, then the reference's overview (gs::help), a line per command.
  CHECK_THAT(all, Catch::StartsWith("Lesson verbs:\n"));
  CHECK_THAT(all, Catch::Contains("  advance T        let T of virtual time pass"));
  const std::string overview = gs::help::overview(gs::help::Lang::En);
  CHECK_THAT(all, Catch::Contains(overview));
  CHECK(all.find("  advance T ") < all.find(overview));
  CHECK_THAT(overview, Catch::Contains("\n  argocd app sync "));
  const std::string one = gs::lesson::terminal_help("git commit", "en");
  CHECK_THAT(one, Catch::StartsWith("### git commit\n"));
  const auto section = gs::help::command("git commit", gs::help::Lang::En);
  REQUIRE(section.ok());
  CHECK(one == *section);
  CHECK_THAT(gs::lesson::terminal_help("git commit", "ko"), Catch::Contains("스테이징"));
  CHECK_THAT(gs::lesson::terminal_help("skip", "ko"), Catch::Contains("해답을 대신 실행합니다"));
  CHECK(gs::lesson::terminal_help("kubctl", "en") ==
        "no command 'kubctl'; did you mean 'kubectl'? help lists every command\n");
}

TEST_CASE("terminal: in Korean, the lesson's texts and the session's own", "[lesson][terminal]") {
  auto run = start_01("ko");
  gs::lesson::TerminalOptions opts;
  opts.lang = "ko";
  const std::string out = drive(*run, "answer 2\nhint\nargocd app sync shop-dev\nquit\n", opts);
  std::string rest = after(out, "커밋, 폴링, 그리고 새로고침");
  rest = after(rest, "단계 1/4: 예측");
  rest = after(rest, "  1) 커밋이 들어가는 즉시");
  rest = after(rest, "[01:00 단계 1/4] $ ");
  rest = after(rest, "✓ 정답입니다.");
  rest = after(rest, "단계 2/4: 커밋하고 폴링 기다리기");
  rest = after(rest, "힌트 1/2: git edit은");
  rest = after(rest, "이 단계에서는 거부됩니다: 이 단계는 폴링을 보는 단계입니다");
  rest = after(rest, "안녕히 가세요.");
}

TEST_CASE("terminal: colour only when asked", "[lesson][terminal]") {
  auto plain = start_01();
  CHECK(drive(*plain, "quit\n").find('\033') == std::string::npos);
  auto coloured = start_01();
  gs::lesson::TerminalOptions opts;
  opts.color = true;
  CHECK(drive(*coloured, "quit\n", opts).find("\033[1;33m") != std::string::npos);
}

TEST_CASE("terminal: wrapping counts Hangul as two columns", "[lesson][terminal]") {
  CHECK(gs::lesson::display_width("abc") == 3);
  CHECK(gs::lesson::display_width("한글") == 4);
  CHECK(gs::lesson::wrap_text("aaa bbb ccc", 20, 0) == "aaa bbb ccc\n");
  CHECK(gs::lesson::wrap_text("aaaa bbbb cccc dddd eeee ffff", 20, 2) == "  aaaa bbbb cccc\n  dddd eeee ffff\n");
  // Hangul words of two letters take 4 columns and a space: 20 columns hold 4.
  const std::string ko = gs::lesson::wrap_text("가나 가나 가나 가나 가나", 20, 0);
  CHECK(ko == "가나 가나 가나 가나\n가나\n");
}

TEST_CASE("terminal: a misspelt lesson verb is refused and the verb meant is named, a misspelt tool word is not",
          "[lesson][terminal]") {
  auto run = start_01();
  const std::string out = drive(*run, "answre 2\ngit edt x\nquit\n");
  CHECK_THAT(out, Catch::Contains("unknown command 'answre'"));
  CHECK_THAT(out, Catch::Contains("Did you mean the lesson verb answer?"));
  CHECK(out.find("Did you mean the lesson verb", out.find("git edt x")) == std::string::npos);
  CHECK_FALSE(run->progress(0).answer.has_value());  // nothing was answered
}
