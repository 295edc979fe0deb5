// The class report's summary of a recording (steps passed, skipped and open,
// hints, answers right, commands failed and denied, faults, timings,
// markers) from recordings made here by a Recorder on a LessonRun or a
// Session, checked against what the LessonRun itself says; and its
// renderings: the table, JSON, CSV (RFC 4180) and the self-contained page.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "../lesson/lesson_fixture.hpp"
#include "sim/record/recorder.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/report.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/source_files.hpp"
#include "sim/session/session.hpp"

using namespace gs;
namespace fs = std::filesystem;

namespace {

const char* kLessonFile = "report-lesson.yaml";
const char* kScale4 = "kubectl scale deployment/web --replicas=4 -n shop --cluster dev";

// Five steps: a question, a check with a deny and hints, a check to skip,
// one with neither (open at the end), and one never reached.
std::string lesson_text() {
  return gs::testing::lesson_head() + gs::testing::lesson_world("1m") +
         "steps:\n"
         "  - id: vote\n"
         "    title: {en: Predict, ko: 예측}\n"
         "    text: {en: Vote, ko: 투표}\n"
         "    question:\n"
         "      choices: [{en: a, ko: 가}, {en: b, ko: 나}]\n"
         "      answer: 1\n"
         "  - id: scale\n"
         "    title: {en: Scale to 4, ko: 4개로}\n"
         "    text: {en: Scale web to 4, ko: web을 4개로}\n"
         "    deny:\n"
         "      - {command: kubectl set image, why: {en: Not the image, ko: 이미지는 아님}}\n" +
         gs::testing::kReplicasCheck +
         "    hints: [{en: one, ko: 하나}, {en: two, ko: 둘}]\n"
         "    solution: [\"" + kScale4 + "\"]\n"
         "  - id: six\n"
         "    text: {en: Scale web to 6, ko: web을 6개로}\n"
         "    check:\n"
         "      resource: {cluster: dev, namespace: shop, kind: Deployment, name: web}\n"
         "      field: spec.replicas\n"
         "      equals: 6\n"
         "    solution: [\"kubectl scale deployment/web --replicas=6 -n shop --cluster dev\"]\n"
         "  - id: read\n"
         "    text: {en: Read, ko: 읽기}\n"
         "  - id: after\n"
         "    text: {en: After, ko: 다음}\n";
}

fs::path fresh(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "gs-report-test";
  fs::create_directories(dir);
  const auto file = dir / name;
  fs::remove(file);
  return file;
}

std::unique_ptr<record::Recorder> recorder_for(const fs::path& file, const record::RecordingHeader& h,
                                               std::int64_t& wall) {
  auto rec = record::Recorder::create(file, h);
  REQUIRE(rec);
  (*rec)->set_wall_clock([&wall] { return wall; });
  return std::move(rec.value());
}

record::RecordingHeader lesson_header() {
  record::RecordingHeader h;
  h.kind = record::kKindLesson;
  h.source = kLessonFile;
  h.sources[kLessonFile] = lesson_text();
  h.name = "test-lesson";
  h.title = "Test";
  h.participants.push_back({"ann", "learner"});
  return h;
}

record::RecordingSummary summary_of(const fs::path& file) {
  auto rec = record::Recording::open(file);
  REQUIRE(rec);
  auto s = record::summarize(*rec, file.string());
  REQUIRE(s);
  return std::move(s.value());
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

bool has_marker(const record::RecordingSummary& s, record::MarkerKind k, std::int64_t pos) {
  for (const auto& m : s.markers) {
    if (m.kind == k && m.pos_ms == pos) return true;
  }
  return false;
}

// A learner who answers right, passes a step after a hint, a failed and a
// denied command, skips the next, and stops on the fourth. Returns the file.
fs::path record_good_lesson(const std::string& name, std::unique_ptr<lesson::LessonRun>* keep = nullptr) {
  const auto file = fresh(name);
  std::int64_t wall = 0;
  auto recorder = recorder_for(file, lesson_header(), wall);
  auto run = lesson::LessonRun::start(gs::testing::load_lesson(lesson_text(), kLessonFile), "en", recorder.get());
  REQUIRE(run);
  auto& r = **run;
  r.advance(Duration::seconds(20));  // 80s
  REQUIRE(r.answer(1));
  REQUIRE(r.next());
  r.advance(Duration::seconds(30));  // 110s
  REQUIRE(r.next_hint());
  CHECK_FALSE(r.run("kubectl get nonsense").outcome.ok);
  CHECK(r.run("kubectl set image deployment/web web=registry.example/shop/web:1.1.0 -n shop --cluster dev").denied);
  CHECK(r.run(kScale4).outcome.ok);
  REQUIRE(r.progress(1).passed);
  REQUIRE(r.next());
  r.advance(Duration::seconds(10));  // 120s
  r.skip();
  REQUIRE(r.progress(2).skipped);
  REQUIRE(r.next());
  r.advance(Duration::seconds(15));
  wall = 95'000;
  REQUIRE(recorder->close(r.world()));
  if (keep) *keep = std::move(run.value());
  return file;
}

// A scenario session (not a lesson) with a fault, a failed command, a
// bookmark and a role swap, by two people; killed: never closed.
fs::path record_scenario(const std::string& name) {
  const auto file = fresh(name);
  scenario::KeepingFiles read;
  const std::string source = std::string(GS_SOURCE_DIR) + "/scenarios/06-bad-image-and-revert.yaml";
  auto loaded = scenario::load_scenario_file(source, nullptr, read);
  REQUIRE(loaded.ok());
  record::RecordingHeader h;
  h.kind = record::kKindScenario;
  h.source = source;
  h.sources = read.kept();
  h.name = loaded.scenario->name;
  h.title = loaded.scenario->title.en;
  h.participants = {{"Kim, Ann", "driver"}, {"<bo>", "navigator"}};
  h.parent = "/class/parent.gsrec";  // as a fork names its parent
  h.parent_pos_ms = 20'000;
  std::int64_t wall = 0;
  auto recorder = recorder_for(file, h, wall);
  session::SessionOptions opts;
  opts.observer = recorder.get();
  auto s = session::Session::create(*loaded.scenario, opts);
  REQUIRE(s);
  auto& sess = **s;
  sess.advance_to(TimePoint{30'000});
  CHECK(sess.run("fault outage dev 1m", session::Issuer{session::Origin::FaultPalette, "Kim, Ann"}).ok);
  sess.advance_to(TimePoint{45'000});
  CHECK_FALSE(sess.run("kubectl get nonsense", session::Issuer{session::Origin::Console, "<bo>"}).ok);
  sess.mark(session::Mark{"bookmark", "look <here> & \"now\""});
  sess.mark(session::Mark{"role-swap", "<bo> drives"});
  sess.advance_to(TimePoint{90'000});
  wall = 12'000;
  return file;  // the recorder goes without close(): the file stays "not closed"
}

}  // namespace

TEST_CASE("report: a lesson recording's steps passed, skipped, open and unreached", "[record][report]") {
  std::unique_ptr<lesson::LessonRun> run;
  const auto s = summary_of(record_good_lesson("good.gsrec", &run));
  CHECK(s.lesson);
  CHECK(s.info.closed);
  REQUIRE(s.steps.size() == 5);
  CHECK(s.steps_passed == 2);
  CHECK(s.steps_skipped == 1);
  CHECK(s.steps[0].outcome == record::StepOutcome::Passed);
  CHECK(s.steps[1].outcome == record::StepOutcome::Passed);
  CHECK(s.steps[2].outcome == record::StepOutcome::Skipped);
  CHECK(s.steps[3].outcome == record::StepOutcome::Open);
  CHECK(s.steps[4].outcome == record::StepOutcome::Unreached);
  // As the LessonRun that was recorded says.
  for (std::size_t i = 0; i < 5; ++i) {
    INFO("step " << i);
    CHECK((s.steps[i].outcome == record::StepOutcome::Passed) == (run->progress(i).passed && !run->progress(i).skipped));
    CHECK((s.steps[i].outcome == record::StepOutcome::Skipped) == run->progress(i).skipped);
  }
}

TEST_CASE("report: step timings run from a step's start to its pass or skip", "[record][report]") {
  std::unique_ptr<lesson::LessonRun> run;
  const auto s = summary_of(record_good_lesson("timing.gsrec", &run));
  CHECK(s.start_pos_ms == 60'000);
  CHECK(s.steps[0].start_pos_ms == 60'000);
  CHECK(s.steps[0].end_pos_ms == 80'000);
  CHECK(s.steps[1].start_pos_ms == 80'000);
  CHECK(s.steps[1].end_pos_ms == 110'000);
  CHECK(s.steps[2].start_pos_ms == 110'000);
  CHECK(s.steps[2].end_pos_ms == 120'000);
  CHECK(s.steps[3].start_pos_ms.has_value());
  CHECK_FALSE(s.steps[3].end_pos_ms.has_value());
  CHECK_FALSE(s.steps[4].start_pos_ms.has_value());
  // The passed steps' times are the LessonRun's (no reset: the axis is the world's time).
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(*s.steps[i].end_pos_ms - *s.steps[i].start_pos_ms == run->progress(i).passed_at->ms - run->progress(i).started.ms);
  }
  CHECK(s.virtual_ms == s.info.end_pos_ms - 60'000);
  CHECK(s.wall_ms == 95'000);
}

TEST_CASE("report: hints, answers right and commands failed and denied are counted", "[record][report]") {
  const auto s = summary_of(record_good_lesson("counts.gsrec"));
  CHECK(s.hints == 1);
  CHECK(s.steps[1].hints == 1);
  CHECK(s.answered == 1);
  CHECK(s.answers_right == 1);
  CHECK(s.steps[0].answer == 1);
  CHECK(s.steps[0].right);
  // The skip's solution command is the lesson's, not the learner's.
  CHECK(s.commands == 3);
  CHECK(s.failed_commands == 1);
  CHECK(s.denied_commands == 1);
  CHECK(s.faults == 0);
  CHECK(has_marker(s, record::MarkerKind::AnswerRight, 80'000));
  CHECK(has_marker(s, record::MarkerKind::Hint, 110'000));
  CHECK(has_marker(s, record::MarkerKind::FailedCommand, 110'000));
  CHECK(has_marker(s, record::MarkerKind::DeniedCommand, 110'000));
  CHECK(has_marker(s, record::MarkerKind::StepPassed, 110'000));
  CHECK(has_marker(s, record::MarkerKind::StepSkipped, 120'000));
  CHECK(has_marker(s, record::MarkerKind::StepStart, 60'000));
  for (std::size_t i = 1; i < s.markers.size(); ++i) CHECK(s.markers[i - 1].pos_ms <= s.markers[i].pos_ms);
}

TEST_CASE("report: a wrong answer counts as answered not right, and reset or undo takes a pass back",
          "[record][report]") {
  const auto file = fresh("wrong.gsrec");
  std::int64_t wall = 0;
  auto recorder = recorder_for(file, lesson_header(), wall);
  auto run = lesson::LessonRun::start(gs::testing::load_lesson(lesson_text(), kLessonFile), "en", recorder.get());
  REQUIRE(run);
  auto& r = **run;
  REQUIRE(r.answer(0));
  CHECK_FALSE(r.answer(1));  // the first answer stands
  REQUIRE(r.next());
  CHECK(r.run(kScale4).outcome.ok);
  REQUIRE(r.progress(1).passed);
  REQUIRE(r.reset());
  CHECK_FALSE(r.progress(1).passed);
  r.advance(Duration::seconds(5));
  CHECK(r.run(kScale4).outcome.ok);
  REQUIRE(r.progress(1).passed);
  REQUIRE(r.undo());
  CHECK_FALSE(r.progress(1).passed);
  REQUIRE(recorder->close(r.world()));

  const auto s = summary_of(file);
  CHECK(s.answered == 1);
  CHECK(s.answers_right == 0);
  CHECK(s.steps[0].answer == 0);
  CHECK(s.steps[0].outcome == record::StepOutcome::Passed);  // answered, even wrongly
  CHECK(s.steps[1].outcome == record::StepOutcome::Open);
  CHECK_FALSE(s.steps[1].end_pos_ms.has_value());
  CHECK(s.steps_passed == 1);
  CHECK(s.resets == 1);
  CHECK(s.undos == 1);
  CHECK(has_marker(s, record::MarkerKind::AnswerWrong, 60'000));
}

TEST_CASE("report: a scenario recording counts faults, bookmarks and role swaps, and says it was cut off",
          "[record][report]") {
  const auto s = summary_of(record_scenario("scenario.gsrec"));
  CHECK_FALSE(s.lesson);
  CHECK(s.steps.empty());
  CHECK_FALSE(s.info.closed);
  CHECK(s.info.name == "bad-image-and-revert");
  CHECK(s.start_pos_ms == 0);
  CHECK(s.commands == 2);
  CHECK(s.faults == 1);
  CHECK(s.failed_commands == 1);
  CHECK(s.bookmarks == 1);
  CHECK(s.role_swaps == 1);
  REQUIRE(s.participants.size() == 2);
  CHECK(has_marker(s, record::MarkerKind::Fault, 30'000));
  CHECK(has_marker(s, record::MarkerKind::FailedCommand, 45'000));
  CHECK(has_marker(s, record::MarkerKind::Bookmark, 45'000));
  CHECK(has_marker(s, record::MarkerKind::RoleSwap, 45'000));
  CHECK(has_marker(s, record::MarkerKind::TakeOver, 20'000));
}

TEST_CASE("report: the table has a header and a row per recording, titles in the language asked", "[record][report]") {
  const std::vector<record::RecordingSummary> rows{summary_of(record_good_lesson("t1.gsrec")),
                                                   summary_of(record_scenario("t2.gsrec"))};
  const auto en = record::report_text(rows, "en");
  CHECK(count(en, "\n") == 3);
  CHECK(en.rfind("RECORDING", 0) == 0);
  CHECK(en.find("t1.gsrec") != std::string::npos);
  CHECK(en.find("2/5") != std::string::npos);   // steps passed of total
  CHECK(en.find("no (cut off)") != std::string::npos);
  CHECK(en.find("parent.gsrec @ 20s") != std::string::npos);
  CHECK(en.find("Test") != std::string::npos);
  const auto ko = record::report_text(rows, "ko");
  CHECK(ko.find("시험") != std::string::npos);
}

TEST_CASE("report: JSON is one object per recording with keys in a fixed order", "[record][report]") {
  const std::vector<record::RecordingSummary> rows{summary_of(record_good_lesson("j1.gsrec")),
                                                   summary_of(record_scenario("j2.gsrec"))};
  const auto text = record::report_json(rows, "en");
  const auto j = nlohmann::ordered_json::parse(text);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  CHECK(j[0].begin().key() == "file");
  CHECK(j[0]["steps"]["passed"] == 2);
  CHECK(j[0]["steps"]["skipped"] == 1);
  CHECK(j[0]["steps"]["total"] == 5);
  CHECK(j[0]["answers"]["right"] == 1);
  CHECK(j[0]["step_timings"][2]["outcome"] == "skipped");
  CHECK(j[1]["steps"].is_null());
  CHECK(j[1]["faults"] == 1);
  CHECK(j[1]["closed"] == false);
  CHECK(text == record::report_json(rows, "en"));
}

TEST_CASE("report: CSV quotes fields with commas and quotes and ends lines with CRLF", "[record][report]") {
  const std::vector<record::RecordingSummary> rows{summary_of(record_scenario("c1.gsrec"))};
  const auto csv = record::report_csv(rows, "en");
  CHECK(count(csv, "\r\n") == 2);
  CHECK(csv.rfind("file,kind,name,title,", 0) == 0);
  CHECK(csv.find(",\"Kim, Ann (driver), <bo> (navigator)\",") != std::string::npos);
  auto with_quote = rows;
  with_quote[0].title.en = "say \"hi\", then go";
  CHECK(record::report_csv(with_quote, "en").find(",\"say \"\"hi\"\", then go\",") != std::string::npos);
}

TEST_CASE("report: the page is self-contained, escapes what recordings hold, and has one timeline per recording",
          "[record][report]") {
  const std::vector<record::RecordingSummary> rows{summary_of(record_good_lesson("h1.gsrec")),
                                                   summary_of(record_scenario("h2.gsrec"))};
  const auto html = record::report_html(rows, "en");
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(count(html, "<svg class=\"timeline\"") == 2);
  CHECK(count(html, "<svg class=\"steps\"") == 1);  // step timings only for the lesson
  CHECK(html.find("<bo>") == std::string::npos);
  CHECK(html.find("&lt;bo&gt;") != std::string::npos);
  CHECK(html.find("look &lt;here&gt; &amp; &quot;now&quot;") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html == record::report_html(rows, "en"));
  CHECK(record::report_html(rows, "ko").find("예측") != std::string::npos);
}

TEST_CASE("report: the DORA section comes from replaying the recording, in text, JSON, CSV and the page",
          "[record][report]") {
  const auto file = record_scenario("dora.gsrec");
  auto rec = record::Recording::open(file);
  REQUIRE(rec);
  auto s = record::summarize(*rec, file.string());
  REQUIRE(s);
  CHECK_FALSE(s->dora);  // summarize alone replays nothing
  REQUIRE(record::add_dora(*rec, *s));
  REQUIRE(s->dora);
  // Cut off: its axis ends at its last action (45s); the first sync is its one deployment.
  REQUIRE(s->dora->apps.size() == 1);
  CHECK(s->dora->apps[0].app == "shop-dev");
  CHECK(s->dora->apps[0].deployments == 1);
  CHECK(s->dora->until.ms == 45'000);
  const std::vector<record::RecordingSummary> rows{*s};
  const std::string text = record::report_text(rows, "en");
  CHECK(text.find("DORA metrics over virtual 0s..45s") != std::string::npos);
  const auto j = nlohmann::json::parse(record::report_json(rows, "en"));
  CHECK(j[0]["dora"]["total"]["deployments"] == 1);
  CHECK(record::report_csv(rows, "en").find(",1,1920.000,") != std::string::npos);  // 1 in 45s: 1920 a day
  CHECK(record::report_html(rows, "en").find("<h3>DORA metrics (replayed, virtual 45s)</h3>") != std::string::npos);
}
