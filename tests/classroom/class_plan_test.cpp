// Class plans: every shipped plan loads, names lessons and scenarios that
// exist and load, and has texts in en and ko; bad files are refused at
// FILE:LINE:COL.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/classroom/class_plan.hpp"
#include "sim/lesson/loader.hpp"
#include "sim/scenario/loader.hpp"

using namespace gs;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> shipped_plans() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(GS_SOURCE_DIR) / "lessons")) {
    if (e.path().filename().string().starts_with("class-")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void both(const classroom::LocalizedText& t) {
  CHECK_FALSE(t.en.empty());
  CHECK_FALSE(t.ko.empty());
}

// A small plan beside the shipped lessons (so its relative names resolve).
std::string plan_file() { return (fs::path(GS_SOURCE_DIR) / "lessons" / "t.yaml").string(); }

std::string errors_of(const std::string& text) {
  auto r = classroom::load_class_plan_text(text, plan_file());
  REQUIRE_FALSE(r.ok());
  return render_all(r.errors);
}

const char* kHead = R"(apiVersion: gitops-sim/v1
kind: ClassPlan
metadata: {name: t, title: {en: T, ko: T}}
segments:
)";

}  // namespace

TEST_CASE("Class plans: every shipped plan loads, and every lesson and scenario it names exists and validates",
          "[classroom][plan]") {
  const auto plans = shipped_plans();
  REQUIRE_FALSE(plans.empty());
  for (const auto& file : plans) {
    CAPTURE(file.string());
    CHECK(classroom::is_class_plan_file(file));
    CHECK_FALSE(lesson::is_lesson_file(file));
    auto r = classroom::load_class_plan_file(file);
    if (!r.ok()) FAIL(render_all(r.errors));
    both(r.plan->title);
    for (const auto& seg : r.plan->segments) {
      CAPTURE(seg.id);
      both(seg.title);
      if (seg.notes) both(*seg.notes);
      for (const auto& p : seg.prompts) both(p);
      for (const auto& q : seg.questions) {
        both(q.prompt);
        for (const auto& c : q.choices) both(c);
      }
      if (!seg.lesson.empty()) CHECK(lesson::load_lesson_file(seg.lesson_path).ok());
      if (!seg.scenario.empty()) CHECK(scenario::load_scenario_file(seg.scenario_path).ok());
    }
  }
}

TEST_CASE("Class plans: the lecture's plan is 50 minutes of motivation, concepts, pair work, sharing and checks",
          "[classroom][plan]") {
  auto r = classroom::load_class_plan_file(fs::path(GS_SOURCE_DIR) / "lessons" / "class-gitops-intro.yaml");
  REQUIRE(r.ok());
  const auto& plan = *r.plan;
  CHECK(plan.total_minutes() == 50);
  CHECK(plan.segments.front().kind == "motivation");
  CHECK(plan.segments.front().minutes == 5);
  int concepts = 0, pair = 0, after = 0;
  for (const auto& s : plan.segments) {
    if (s.kind == "concept" || s.kind == "demo") concepts += s.minutes;
    else if (s.kind == "pair") {
      pair += s.minutes;
      CHECK(s.prompts.size() == 3);
      REQUIRE(s.swap_every);
      CHECK(*s.swap_every == Duration::minutes(3));
    } else if (s.kind != "motivation") after += s.minutes;
  }
  CHECK(concepts == 35);
  CHECK(pair + after == 10);
  CHECK(plan.segments.back().kind == "check");
  CHECK(plan.segments.back().questions.size() == 3);
}

TEST_CASE("Class plans: bad files are refused at FILE:LINE:COL, all problems together", "[classroom][plan]") {
  SECTION("a lesson that does not exist, an unknown kind, a missing ko") {
    const std::string out = errors_of(std::string(kHead) + R"(  - id: a
    kind: demo
    minutes: 5
    title: {en: A, ko: A}
    lesson: 99-nosuch.yaml
  - id: b
    kind: lecture
    minutes: 5
    title: {en: B}
)");
    CHECK_THAT(out, Catch::Contains("t.yaml:9:13: cannot read lesson '99-nosuch.yaml'"));
    CHECK_THAT(out, Catch::Contains("t.yaml:11:11:"));
    CHECK_THAT(out, Catch::Contains("lecture"));
    CHECK_THAT(out, Catch::Contains("t.yaml:13:12: missing required field 'ko' in title"));
  }
  SECTION("a segment naming both a lesson and a scenario, a duplicate id, an answer out of range") {
    const std::string out = errors_of(std::string(kHead) + R"(  - id: a
    kind: demo
    minutes: 5
    title: {en: A, ko: A}
    lesson: 02-drift-and-self-heal.yaml
    scenario: ../scenarios/03-drift-self-heal.yaml
  - id: a
    kind: check
    minutes: 2
    title: {en: C, ko: C}
    questions:
      - prompt: {en: Q, ko: Q}
        choices: [{en: x, ko: x}, {en: y, ko: y}]
        answer: 2
)");
    CHECK_THAT(out, Catch::Contains("a segment opens a lesson or a scenario, not both"));
    CHECK_THAT(out, Catch::Contains("segment id 'a' is used twice"));
    CHECK_THAT(out, Catch::Contains("answer 2 is not an index of choices (0 to 1)"));
  }
  SECTION("a lesson file is not a class plan") {
    const std::string out = errors_of("apiVersion: gitops-sim/v1\nkind: Lesson\n");
    CHECK_THAT(out, Catch::Contains("t.yaml:2:7: kind must be 'ClassPlan', not 'Lesson'"));
  }
  SECTION("swapEvery outside pair work, questions outside a check") {
    const std::string out = errors_of(std::string(kHead) + R"(  - id: a
    kind: demo
    minutes: 5
    title: {en: A, ko: A}
    swapEvery: 3m
    questions: []
)");
    CHECK_THAT(out, Catch::Contains("swapEvery belongs to a pair segment"));
    CHECK_THAT(out, Catch::Contains("questions belong to a check segment"));
  }
}
