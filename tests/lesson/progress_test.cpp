// The learner's progress store: where it lives, what it keeps, how records
// merge, and the errors of a bad profile, a newer schema, a corrupt or a
// read-only file.
#include <catch2/catch.hpp>

#include <fstream>

#include <sqlite3.h>

#include "sim/lesson/progress.hpp"
#include "lesson_fixture.hpp"
#include "temp_data_home.hpp"

namespace {

using gs::lesson::ProgressStore;
using gs::lesson::StepRecord;

std::unique_ptr<ProgressStore> open_store(ProgressStore::Mode mode = ProgressStore::Mode::ReadWrite) {
  auto s = gs::lesson::open_default_store(mode);
  if (!s) FAIL(s.error().message);
  return std::move(s.value());
}

StepRecord record(const std::string& step, bool passed, int hints = 0) {
  StepRecord r;
  r.step = step;
  r.passed = passed;
  r.hints_used = hints;
  if (passed) r.time_taken = gs::Duration::seconds(90);
  return r;
}

}  // namespace

TEST_CASE("progress: the file is under XDG_DATA_HOME/gitops-sim, created with its directories", "[lesson][progress]") {
  gs::testing::TempDataHome home("where");
  auto file = gs::lesson::default_progress_file();
  REQUIRE(file);
  CHECK(*file == home.progress_file());
  CHECK_FALSE(std::filesystem::exists(home.progress_file()));
  auto store = open_store();
  CHECK(std::filesystem::exists(home.progress_file()));
  CHECK_FALSE(store->read_only());
}

TEST_CASE("progress: without XDG_DATA_HOME the file is under HOME/.local/share", "[lesson][progress]") {
  gs::testing::TempDataHome home("home");
  setenv("XDG_DATA_HOME", "relative/ignored", 1);  // the XDG spec: a relative path is ignored
  const char* h = std::getenv("HOME");
  const std::string old_home = h ? h : "";
  setenv("HOME", home.dir().c_str(), 1);
  auto file = gs::lesson::default_progress_file();
  setenv("HOME", old_home.c_str(), 1);
  REQUIRE(file);
  CHECK(*file == home.dir() / ".local" / "share" / "gitops-sim" / "progress.sqlite");
}

TEST_CASE("progress: records round-trip per profile and lesson", "[lesson][progress]") {
  gs::testing::TempDataHome home("roundtrip");
  {
    auto store = open_store();
    StepRecord q = record("predict", true);
    q.answer = gs::scenario::Answer{1, true};
    StepRecord c = record("commit", false, 2);
    c.solution_shown = true;
    REQUIRE(store->save("default", "poll-then-refresh", {q, c}));
    REQUIRE(store->save("mina", "poll-then-refresh", {record("predict", false)}));
  }
  auto store = open_store();  // reopened: it was written to the file
  auto rows = store->load("default", "poll-then-refresh");
  REQUIRE(rows);
  REQUIRE(rows->size() == 2);
  const StepRecord& c = (*rows)[0];  // ordered by step id
  CHECK(c.step == "commit");
  CHECK_FALSE(c.passed);
  CHECK(c.hints_used == 2);
  CHECK(c.solution_shown);
  CHECK_FALSE(c.answer);
  CHECK_FALSE(c.time_taken);
  const StepRecord& q = (*rows)[1];
  CHECK(q.step == "predict");
  CHECK(q.passed);
  REQUIRE(q.answer);
  CHECK(q.answer->choice == 1);
  CHECK(q.answer->correct);
  REQUIRE(q.time_taken);
  CHECK(q.time_taken->ms == 90'000);
  auto mina = store->load("mina", "poll-then-refresh");
  REQUIRE(mina);
  REQUIRE(mina->size() == 1);
  CHECK_FALSE((*mina)[0].passed);
  auto other = store->load("default", "prune");
  REQUIRE(other);
  CHECK(other->empty());
}

TEST_CASE("progress: only grows - a passed step stays passed and the first answer stands", "[lesson][progress]") {
  gs::testing::TempDataHome home("merge");
  auto store = open_store();
  StepRecord first = record("predict", true, 1);
  first.answer = gs::scenario::Answer{2, false};
  REQUIRE(store->save("default", "l", {first}));
  StepRecord again = record("predict", false, 0);  // the lesson done again, this step not yet
  again.answer = gs::scenario::Answer{1, true};
  again.time_taken = gs::Duration::seconds(5);
  REQUIRE(store->save("default", "l", {again}));
  auto rows = store->load("default", "l");
  REQUIRE(rows);
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].passed);
  CHECK((*rows)[0].hints_used == 1);
  REQUIRE((*rows)[0].answer);
  CHECK((*rows)[0].answer->choice == 2);
  CHECK_FALSE((*rows)[0].answer->correct);
  CHECK((*rows)[0].time_taken->ms == 90'000);
}

TEST_CASE("progress: a lesson is finished when every step is passed or skipped", "[lesson][progress]") {
  gs::lesson::Lesson l;
  l.steps.resize(3);
  l.steps[0].id = "a";
  l.steps[1].id = "b";
  l.steps[2].id = "c";
  StepRecord skipped = record("b", false);
  skipped.skipped = true;
  auto p = gs::lesson::summarize(l, {record("a", true), skipped, record("gone", true)});
  CHECK(p.done == 2);
  CHECK(p.total == 3);
  CHECK(p.started);
  CHECK_FALSE(p.finished());
  p = gs::lesson::summarize(l, {record("a", true), skipped, record("c", true)});
  CHECK(p.finished());
  p = gs::lesson::summarize(l, {});
  CHECK_FALSE(p.started);
}

TEST_CASE("progress: a bad profile name is refused", "[lesson][progress]") {
  CHECK(gs::lesson::check_profile_name("default"));
  CHECK(gs::lesson::check_profile_name("mina.park_2"));
  for (const char* bad : {"", "a b", "../x", "-x", ".hidden", "x/y", "한글"}) {
    const auto st = gs::lesson::check_profile_name(bad);
    REQUIRE_FALSE(st);
    CHECK_THAT(st.error().message, Catch::Contains("expected 1 to 64 letters"));
  }
  gs::testing::TempDataHome home("badprofile");
  auto store = open_store();
  CHECK_FALSE(store->save("a b", "l", {record("x", true)}));
}

TEST_CASE("progress: a file that is not a database is a clear error", "[lesson][progress]") {
  gs::testing::TempDataHome home("corrupt");
  std::filesystem::create_directories(home.progress_file().parent_path());
  std::ofstream(home.progress_file(), std::ios::binary) << std::string(4096, 'x');
  auto s = gs::lesson::open_default_store();
  REQUIRE_FALSE(s);
  CHECK_THAT(s.error().message, Catch::Contains(home.progress_file().string()));
  CHECK_THAT(s.error().message, Catch::Contains("not a gitops-sim progress database"));
}

TEST_CASE("progress: a newer schema is refused with its version", "[lesson][progress]") {
  gs::testing::TempDataHome home("newer");
  { auto store = open_store(); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(home.progress_file().c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 7;", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto s = gs::lesson::open_default_store();
  REQUIRE_FALSE(s);
  CHECK_THAT(s.error().message, Catch::Contains("version 7, newer than this gitops-sim knows (1)"));
}

TEST_CASE("progress: a read-only store loads but refuses to save, clearly", "[lesson][progress]") {
  gs::testing::TempDataHome home("readonly");
  REQUIRE(open_store()->save("default", "l", {record("a", true)}));
  auto ro = open_store(ProgressStore::Mode::ReadOnly);
  CHECK(ro->read_only());
  auto rows = ro->load("default", "l");
  REQUIRE(rows);
  CHECK(rows->size() == 1);
  const auto st = ro->save("default", "l", {record("b", true)});
  REQUIRE_FALSE(st);
  CHECK_THAT(st.error().message, Catch::Contains("read-only"));
}

TEST_CASE("progress: ReadOnly does not create a missing file", "[lesson][progress]") {
  gs::testing::TempDataHome home("missing");
  auto s = gs::lesson::open_default_store(ProgressStore::Mode::ReadOnly);
  REQUIRE_FALSE(s);
  CHECK_FALSE(std::filesystem::exists(home.progress_file()));
}
