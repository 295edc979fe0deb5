// LessonRun: one current step, checks after every command and instant,
// deny, hints, skip, reset and undo over a replayable Session.
#include "lesson_fixture.hpp"

using namespace gs;
using gs::testing::json_lines;
using gs::testing::lesson_head;
using gs::testing::lesson_world;
using gs::testing::start_lesson;

namespace {

const std::string kSteps = std::string(
                               "steps:\n"
                               "  - id: scale\n"
                               "    text: {en: Scale web to 4, ko: web을 4개로}\n"
                               "    deny:\n"
                               "      - {command: kubectl set image, why: {en: Not the image, ko: 이미지는 아님}}\n") +
                           gs::testing::kReplicasCheck +
                           "    within: 2m\n"
                           "    hints: [{en: one, ko: 하나}, {en: two, ko: 둘}]\n"
                           "    solution: [\"kubectl scale deployment/web --replicas=4 -n shop --cluster dev\"]\n"
                           "  - id: vote\n"
                           "    text: {en: Vote, ko: 투표}\n"
                           "    question:\n"
                           "      choices: [{en: a, ko: 가}, {en: b, ko: 나}]\n"
                           "      answer: 1\n"
                           "  - id: read\n"
                           "    text: {en: Read, ko: 읽기}\n";

std::string lesson_text() { return lesson_head() + lesson_world("1m") + kSteps; }

const char* kScale = "kubectl scale deployment/web --replicas=4 -n shop --cluster dev";

}  // namespace

TEST_CASE("LessonRun: the world waits paused at start, step 1 current", "[lesson][runner]") {
  auto run = start_lesson(lesson_text());
  CHECK(run->session().now() == TimePoint{60'000});
  CHECK_FALSE(run->session().playing());
  CHECK(run->current() == 0);
  CHECK_FALSE(run->progress(0).passed);
  CHECK(run->next().ok() == false);  // a check step does not pass on next
}

TEST_CASE("LessonRun: a command that makes the check hold passes the step", "[lesson][runner]") {
  auto run = start_lesson(lesson_text());
  const auto out = run->run(kScale);
  CHECK(out.outcome.ok);
  CHECK(run->progress(0).passed);
  CHECK(run->progress(0).passed_at == TimePoint{60'000});
  CHECK(run->context().ran.size() == 1);
  REQUIRE(run->next());
  CHECK(run->current() == 1);
}

TEST_CASE("LessonRun: deny refuses with its why and changes nothing", "[lesson][runner]") {
  auto run = start_lesson(lesson_text());
  const std::string before = json_lines(run->world());
  const std::string fingerprint = run->world().fingerprint();
  const std::size_t journal = run->session().journal().size();
  const auto out = run->run("kubectl set image deployment/web web=registry.example/shop/web:1.1.0 -n shop --cluster dev");
  CHECK_FALSE(out.outcome.ok);
  REQUIRE(out.denied != nullptr);
  CHECK(out.outcome.output == "refused in this step: Not the image");
  CHECK(json_lines(run->world()) == before);
  CHECK(run->world().fingerprint() == fingerprint);
  CHECK(run->session().journal().size() == journal);
  REQUIRE(run->denied().size() == 1);
  CHECK(run->denied()[0].step == "scale");
}

TEST_CASE("LessonRun: checks run after every instant, so a state that passes counts", "[lesson][runner]") {
  // Self-heal on: a hand-made scale to 4 at 2m lasts about a second.
  const std::string timeline =
      "  timeline:\n"
      "    - {at: 2m, run: \"kubectl scale deployment/web --replicas=4 -n shop --cluster dev\"}\n";
  const std::string steps = std::string("steps:\n  - id: watch\n    text: {en: Watch, ko: 보기}\n    observe: true\n") +
                            gs::testing::kReplicasCheck;
  auto run = start_lesson(lesson_head() + lesson_world("1m", true, timeline) + steps);
  CHECK(run->run("sim advance 2m").outcome.ok);
  CHECK(run->progress(0).passed);
  REQUIRE(run->progress(0).passed_at);
  CHECK(run->progress(0).passed_at->ms == 120'000);
  CHECK_FALSE(run->check_now()->holds);  // healed since
}

TEST_CASE("LessonRun: reset and undo rebuild the same world", "[lesson][runner]") {
  auto run = start_lesson(lesson_text());
  run->advance(Duration::seconds(30));
  REQUIRE(run->run(kScale).outcome.ok);
  REQUIRE(run->next());  // step 2 starts at 1m30s
  REQUIRE(run->answer(0));
  REQUIRE(run->next());  // step 3 starts here
  const std::string at_start = json_lines(run->world());
  const std::string fp_start = run->world().fingerprint();

  SECTION("reset") {
    run->run("kubectl scale deployment/web --replicas=7 -n shop --cluster dev");
    run->advance(Duration::minutes(4));
    run->run("argocd app sync shop-dev");
    REQUIRE(json_lines(run->world()) != at_start);
    REQUIRE(run->reset());
    CHECK(json_lines(run->world()) == at_start);
    CHECK(run->world().fingerprint() == fp_start);
    CHECK(run->session().now() == TimePoint{90'000});
    CHECK(run->progress(0).passed);  // earlier steps keep their state
  }
  SECTION("undo") {
    run->run("kubectl scale deployment/web --replicas=7 -n shop --cluster dev");
    run->advance(Duration::minutes(4));
    const std::string before_last = json_lines(run->world());
    run->run("argocd app sync shop-dev");
    run->advance(Duration::seconds(10));
    REQUIRE(run->undo());
    CHECK(json_lines(run->world()) == before_last);
    REQUIRE(run->undo());
    CHECK(json_lines(run->world()) == at_start);
    CHECK_FALSE(run->undo());  // nothing left in this step
  }
}

TEST_CASE("LessonRun: skip runs the solution and the step is skipped, not passed", "[lesson][runner]") {
  auto run = start_lesson(lesson_text());
  const auto outcomes = run->skip();
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].outcome.ok);
  CHECK(run->progress(0).skipped);
  CHECK_FALSE(run->progress(0).passed);
  CHECK(run->check_now()->holds);
  CHECK(run->session().journal().back().origin == session::Origin::LessonSolution);
  CHECK(run->next());
}

TEST_CASE("LessonRun: hints one at a time, the solution shown, the budget", "[lesson][runner]") {
  auto run = start_lesson(lesson_text());
  CHECK(run->next_hint()->en == "one");
  CHECK(run->next_hint()->en == "two");
  CHECK_FALSE(run->next_hint());
  CHECK(run->progress(0).hints_shown == 2);
  CHECK(run->show_solution().size() == 1);
  CHECK(run->progress(0).solution_shown);
  CHECK_FALSE(run->over_budget());
  run->advance(Duration::minutes(3));
  CHECK(run->over_budget());
}

TEST_CASE("LessonRun: a question passes when answered, right or wrong, and the first answer stands", "[lesson][runner]") {
  auto run = start_lesson(lesson_text());
  REQUIRE(run->run(kScale).outcome.ok);
  REQUIRE(run->next());
  CHECK_FALSE(run->next());  // not answered yet
  CHECK_FALSE(run->answer(2));
  auto a = run->answer(0);
  REQUIRE(a);
  CHECK_FALSE(a->correct);
  CHECK(run->progress(1).passed);
  CHECK_FALSE(run->answer(1));
  CHECK(run->context().answers.at("vote").choice == 0);
  REQUIRE(run->next());
  REQUIRE(run->next());  // neither check nor question: passes on next
  CHECK(run->finished());
  CHECK(run->progress(2).passed);
}

TEST_CASE("LessonRun: what the learner's commands printed feeds an output check, and undo takes it back", "[lesson][runner]") {
  const std::string text = lesson_head() + lesson_world("1m") +
                           "steps:\n"
                           "  - id: look\n"
                           "    text: {en: Look, ko: 보기}\n"
                           "    check:\n"
                           "      output: {command: kubectl get deployment, contains: web}\n";
  auto run = start_lesson(text);
  CHECK(run->context().printed.empty());
  run->run("kubectl get deployment web -n shop --cluster dev");
  const auto ctx = run->context();
  REQUIRE(ctx.printed.size() == 1);
  CHECK(ctx.printed[0].command == "kubectl get deployment web -n shop --cluster dev");
  CHECK_THAT(ctx.printed[0].text, Catch::Contains("web"));
  CHECK(ctx.printed[0].after_event == run->world().log().size());
  CHECK(run->progress(0).passed);
  REQUIRE(run->undo());
  CHECK(run->context().printed.empty());
  CHECK_FALSE(run->progress(0).passed);
  // A refused command printed nothing a check may read.
  run->run("kubectl get deployment web -n shop --cluster nowhere");
  CHECK(run->context().printed.empty());
}
