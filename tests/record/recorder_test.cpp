// The recorder end to end: every shipped scenario recorded through the
// runner and every shipped lesson driven to its end (solutions, answers,
// hints, reset, undo, skip) replays and verifies the same; a console
// session's recording holds its commands as they were given.
#include <catch2/catch.hpp>

#include "record_fixture.hpp"
#include "sim/record/verify.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

// Opens `file`, checks what every finished recording says of itself, and
// verifies it; the report.
record::VerifyReport open_and_verify(const fs::path& file) {
  auto rec_ = open_ok(file);
  auto* rec = &rec_;
  CHECK(rec->info().closed);
  CHECK(rec->sources().count(rec->info().source) == 1);
  CHECK_FALSE(rec->checkpoints().empty());
  const auto report_ = verify_ok(*rec);
  const auto* report = &report_;
  INFO(record::verify_text(*rec, *report));
  CHECK(report->same());
  std::int64_t stored = 0;
  for (int e = 0; e < rec->info().epochs; ++e) stored += rec->event_count(e);
  CHECK(stored > 0);
  CHECK(report->events_checked == stored);
  CHECK(report->checkpoints_checked >= static_cast<std::int64_t>(rec->checkpoints().size()));
  CHECK(report->epochs == rec->info().epochs);
  return *report;
}

void scenarios_round_trip(const std::string& from, const std::string& to) {
  TempDir tmp;
  int n = 0;
  for (const auto& file : shipped("scenarios")) {
    const std::string name = file.filename().string();
    if (name < from || name > to) continue;
    ++n;
    DYNAMIC_SECTION(name) {
      const fs::path out = tmp / (name + ".gsrec");
      CHECK(record_run(file, out));  // shipped scenarios pass their expectations
      open_and_verify(out);
    }
  }
  CHECK(n >= 7);
}

void lessons_round_trip(const std::string& from, const std::string& to) {
  TempDir tmp;
  int n = 0;
  for (const auto& file : shipped("lessons")) {
    const std::string name = file.filename().string();
    if (name < from || name > to) continue;
    ++n;
    DYNAMIC_SECTION(name) {
      const fs::path out = tmp / (name + ".gsrec");
      const std::string problem = record_lesson(file, out);
      INFO(problem);
      REQUIRE(problem.empty());
      auto rec_ = open_ok(out);
      auto* rec = &rec_;
      // The detours are in the recording, and reset/undo started new epochs.
      int hints = 0, answers = 0, nexts = 0;
      for (const auto& a : rec->actions()) {
        hints += a.kind == "hint";
        answers += a.kind == "answer";
        nexts += a.kind == "next";
      }
      CHECK(nexts > 0);
      CHECK(hints + answers > 0);
      const auto report = open_and_verify(out);
      CHECK(report.commands > 0);
    }
  }
  CHECK(n >= 7);
}

}  // namespace

TEST_CASE("Recorder: shipped scenarios 01 to 07 recorded by the runner verify the same", "[record]") {
  scenarios_round_trip("01", "07~");
}

TEST_CASE("Recorder: shipped scenarios 08 to 14 recorded by the runner verify the same", "[record]") {
  scenarios_round_trip("08", "99");
}

TEST_CASE("Recorder: shipped lessons 01 to 07 driven with hints and reset and undo and skip verify the same",
          "[record]") {
  lessons_round_trip("01", "07~");
}

TEST_CASE("Recorder: shipped lessons 08 to 14 driven with hints and reset and undo and skip verify the same",
          "[record]") {
  lessons_round_trip("08", "99");
}

TEST_CASE("Recorder: a lesson recording with reset and undo has one epoch per world built", "[record]") {
  TempDir tmp;
  const fs::path out = tmp / "l.gsrec";
  // Lesson 02's step 2 is reset and step 3 undone by record_lesson.
  REQUIRE(record_lesson(source_dir() / "lessons" / "02-drift-and-self-heal.yaml", out).empty());
  auto rec_ = open_ok(out);
  auto* rec = &rec_;
  int rebuilds = 0;
  for (const auto& a : rec->actions()) rebuilds += (a.kind == "reset" || a.kind == "undo") && a.ok;
  CHECK(rebuilds > 0);
  CHECK(rec->info().epochs == 1 + rebuilds);
  // The axis never goes back, though the world's time did.
  for (std::size_t i = 1; i < rec->actions().size(); ++i) CHECK(rec->actions()[i].pos_ms >= rec->actions()[i - 1].pos_ms);
}

TEST_CASE("Recorder: a console session's commands are recorded with origin and actor and files and outcome",
          "[record]") {
  TempDir tmp;
  const fs::path out = tmp / "console.gsrec";
  record_console_session(out);
  auto rec_ = open_ok(out);
  auto* rec = &rec_;
  std::vector<const record::Action*> commands;
  for (const auto& a : rec->actions()) {
    if (a.is_command()) commands.push_back(&a);
  }
  REQUIRE(commands.size() == 9);
  CHECK(commands[0]->text == "git write shop-config@main overlays/dev/kustomization.yaml");
  CHECK(commands[0]->at_ms == 60'000);
  CHECK(commands[0]->origin == session::Origin::Console);
  CHECK(commands[0]->actor == "tester");
  REQUIRE(commands[0]->files.count("overlays/dev/kustomization.yaml") == 1);
  CHECK(commands[0]->files.at("overlays/dev/kustomization.yaml")->find("newTag: \"1.1.0\"") != std::string::npos);
  CHECK(commands[1]->text.rfind("git commit shop-config@main", 0) == 0);
  CHECK(commands[1]->ok);
  // sim advance 30s began at 2m30s; the next command is given at 3m.
  CHECK(commands[5]->text == "sim advance 30s");
  CHECK(commands[5]->at_ms == 150'000);
  CHECK(commands[6]->at_ms == 180'000);
  CHECK(commands[7]->text == "argocd app sync no-such-app");
  CHECK_FALSE(commands[7]->ok);
  CHECK(commands[7]->exit_code != 0);
  CHECK(commands[7]->output.find("no-such-app") != std::string::npos);
  CHECK(rec->info().end_at_ms == 10 * 60'000);
  open_and_verify(out);
}

TEST_CASE("Recorder: a second recorder on an existing file is refused and the file is unchanged", "[record]") {
  TempDir tmp;
  const fs::path out = tmp / "once.gsrec";
  REQUIRE(record_run(source_dir() / "scenarios" / "01-first-sync.yaml", out));
  const std::string before = read_file(out);
  auto again = record::Recorder::create(out, record::RecordingHeader{});
  REQUIRE_FALSE(again);
  CHECK(again.error().message.find("already exists") != std::string::npos);
  CHECK(read_file(out) == before);
}
