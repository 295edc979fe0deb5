// lesson verify: exit 0, 1 (a step does not teach), 2 (a bad file); same bytes.
#include "lesson_fixture.hpp"

#include "sim/lesson/verify.hpp"

using namespace gs;
using gs::testing::lesson_head;
using gs::testing::lesson_world;
using gs::testing::write_temp;

namespace {

std::string one_step(const std::string& solution, const std::string& extra = "") {
  return std::string("steps:\n  - id: scale\n    text: {en: Scale web to 4, ko: web을 4개로}\n") +
         gs::testing::kReplicasCheck + "    within: 2m\n    solution: [\"" + solution + "\"]\n" + extra;
}

const char* kScale = "kubectl scale deployment/web --replicas=4 -n shop --cluster dev";

}  // namespace

TEST_CASE("Lesson verify: the shipped lessons verify, twice the same bytes", "[lesson][verify]") {
  const std::vector<std::string> files = {std::string(GS_SOURCE_DIR) + "/lessons/01-poll-then-refresh.yaml",
                                          std::string(GS_SOURCE_DIR) + "/lessons/02-drift-and-self-heal.yaml"};
  const auto a = lesson::verify_files(files);
  INFO(a.output);
  CHECK(a.exit_code == lesson::kVerifyOk);
  CHECK(lesson::verify_files(files).output == a.output);
}

TEST_CASE("Lesson verify: a good step passes", "[lesson][verify]") {
  const auto l = gs::testing::load_lesson(lesson_head() + lesson_world("1m") + one_step(kScale));
  CHECK(lesson::verify_lesson(l) == std::nullopt);
}

TEST_CASE("Lesson verify: a step that waiting alone solves fails", "[lesson][verify]") {
  const std::string timeline =
      "  timeline:\n"
      "    - {at: 2m, run: \"kubectl scale deployment/web --replicas=4 -n shop --cluster dev\"}\n";
  const auto l = gs::testing::load_lesson(lesson_head() + lesson_world("1m", false, timeline) + one_step(kScale));
  const auto f = lesson::verify_lesson(l);
  REQUIRE(f);
  CHECK(*f == "test-lesson.yaml: lesson test-lesson, step scale: check 'resource dev/shop/Deployment/web "
              "spec.replicas=4': waiting 2m with no command makes it hold (at +2m): a step that waiting alone "
              "solves teaches nothing; the world showed: spec.replicas=4");
}

TEST_CASE("Lesson verify: a check that holds at the step's start fails", "[lesson][verify]") {
  const std::string steps = std::string("steps:\n  - id: synced\n    text: {en: a, ko: b}\n") +
                            "    check: {app: shop-dev, sync: Synced}\n    solution: [\"argocd app get shop-dev\"]\n";
  const auto f = lesson::verify_lesson(gs::testing::load_lesson(lesson_head() + lesson_world("1m") + steps));
  REQUIRE(f);
  CHECK(f->find("holds at the step's start (+1m)") != std::string::npos);
}

TEST_CASE("Lesson verify: a solution that does not reach the check fails with what the world showed", "[lesson][verify]") {
  const auto l = gs::testing::load_lesson(lesson_head() + lesson_world("1m") + one_step("argocd app get shop-dev"));
  const auto f = lesson::verify_lesson(l);
  REQUIRE(f);
  CHECK(*f == "test-lesson.yaml: lesson test-lesson, step scale: check 'resource dev/shop/Deployment/web "
              "spec.replicas=4': does not hold within 2m after the solution (until +3m); the world showed: "
              "spec.replicas=2");
}

TEST_CASE("Lesson verify: a solution the step denies fails", "[lesson][verify]") {
  const std::string deny = "    deny: [{command: kubectl scale, why: {en: no, ko: 아니요}}]\n";
  const auto l = gs::testing::load_lesson(lesson_head() + lesson_world("1m") + one_step(kScale, deny));
  const auto f = lesson::verify_lesson(l);
  REQUIRE(f);
  CHECK(f->find("solution command '" + std::string(kScale) + "' is refused by the step's deny 'kubectl scale'") !=
        std::string::npos);
}

TEST_CASE("Lesson verify: exit codes over files, worst wins", "[lesson][verify]") {
  const std::string good = write_temp("verify-good.yaml", lesson_head("good") + lesson_world("1m") + one_step(kScale));
  const std::string failing =
      write_temp("verify-failing.yaml", lesson_head("failing") + lesson_world("1m") + one_step("argocd app get shop-dev"));
  std::string untranslated = lesson_head("untranslated") + lesson_world("1m") + one_step(kScale);
  untranslated.replace(untranslated.find("{en: Scale web to 4, ko: web을 4개로}"),
                       std::string("{en: Scale web to 4, ko: web을 4개로}").size(), "{en: Scale web to 4}");
  const std::string bad = write_temp("verify-untranslated.yaml", untranslated);

  CHECK(lesson::verify_files({good}).exit_code == lesson::kVerifyOk);
  CHECK(lesson::verify_files({good}).output == good + ": ok (1 steps)\n");
  CHECK(lesson::verify_files({good, failing}).exit_code == lesson::kVerifyFailed);
  const auto r = lesson::verify_files({good, failing, bad});
  CHECK(r.exit_code == lesson::kVerifyBadFile);
  INFO(r.output);
  CHECK(r.output.find(bad + ":47:11: missing required field 'ko' in text") != std::string::npos);
  CHECK(lesson::verify_files({good, failing, bad}).output == r.output);
  // The same lesson twice: a name is unique among lessons.
  CHECK(lesson::verify_files({good, good}).exit_code == lesson::kVerifyBadFile);
}

TEST_CASE("Lesson verify: a solution entry {run: git write ..., content: ...} stages its text, then a commit ships it",
          "[lesson][verify][index]") {
  const std::string steps =
      std::string("steps:\n  - id: scale\n    text: {en: Scale web to 4 in Git, ko: Git에서 web을 4개로}\n") +
      gs::testing::kReplicasCheck +
      "    within: 2m\n"
      "    solution:\n"
      "      - run: git write shop-config@main app/deployment.yaml\n"
      "        content: |\n"
      "          apiVersion: apps/v1\n"
      "          kind: Deployment\n"
      "          metadata: {name: web, namespace: shop}\n"
      "          spec:\n"
      "            replicas: 4\n"
      "            selector: {matchLabels: {app: web}}\n"
      "            template:\n"
      "              metadata: {labels: {app: web}}\n"
      "              spec:\n"
      "                containers:\n"
      "                  - {name: web, image: \"registry.example/shop/web:1.0.0\"}\n"
      "      - git commit shop-config@main -m 'Scale web to 4'\n"
      "      - argocd app refresh shop-dev\n";
  const auto l = gs::testing::load_lesson(lesson_head() + lesson_world("1m") + steps);
  REQUIRE(l.steps.size() == 1);
  REQUIRE(l.steps[0].solution_files.size() == 3);
  CHECK(l.steps[0].solution_files[0].count("app/deployment.yaml") == 1);
  CHECK(l.steps[0].solution_files[1].empty());
  CHECK(lesson::verify_lesson(l) == std::nullopt);
}
