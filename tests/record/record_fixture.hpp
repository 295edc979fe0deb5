// Shared by the recording tests: a temporary directory (in /dev/shm when
// there is one: recordings are SQLite files, and the suite also runs under
// ASan on two cores), recording a shipped scenario through the runner,
// recording a scenario session with console commands, driving a shipped
// lesson to its end through LessonRun as `lesson verify` does (with hints,
// a wrong answer, reset, undo and skip on the way), and changing a closed
// recording behind its back with the SQLite C API.
#pragma once

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "sim/lesson/loader.hpp"
#include "sim/lesson/runner.hpp"
#include "sim/record/recorder.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/verify.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/source_files.hpp"
#include "sim/session/runner.hpp"
#include "sim/world/world.hpp"

namespace gs::testing {

namespace fs = std::filesystem;

inline fs::path source_dir() { return fs::path(GS_SOURCE_DIR); }

// The shipped files of one folder ("scenarios", "lessons"), sorted.
inline std::vector<fs::path> shipped(const char* folder) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(source_dir() / folder)) {
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class TempDir {
 public:
  TempDir() {
    std::error_code ec;
    fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string tmpl = (base / "gs-record-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      tmpl = (fs::temp_directory_path() / "gs-record-test-XXXXXX").string();
      if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    }
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (std::getenv("GS_KEEP_TMP") == nullptr) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  fs::path operator/(const std::string& name) const { return path_ / name; }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The recorder's header for a file read through `read`, as the CLI makes it.
inline record::RecordingHeader header_for(const char* kind, const fs::path& file, const scenario::KeepingFiles& read,
                                          const std::string& name, const std::string& title) {
  record::RecordingHeader h;
  h.kind = kind;
  h.source = file.string();
  h.sources = read.kept();
  h.name = name;
  h.title = title;
  h.participants.push_back({"tester", "learner"});
  return h;
}

// A shipped scenario loaded, and a recorder for it writing to `out`
// (by `participants`, when given, instead of the one tester).
struct ScenarioRecording {
  scenario::Scenario scenario;
  std::unique_ptr<record::Recorder> recorder;
};

inline ScenarioRecording start_recording(const fs::path& file, const fs::path& out,
                                         std::vector<record::Participant> participants = {}) {
  scenario::KeepingFiles read;
  auto loaded = scenario::load_scenario_file(file, nullptr, read);
  if (!loaded.ok()) throw std::runtime_error(render_all(loaded.errors));
  auto header = header_for(record::kKindScenario, file, read, loaded.scenario->name, loaded.scenario->title.en);
  if (!participants.empty()) header.participants = std::move(participants);
  auto rec = record::Recorder::create(out, header);
  if (!rec) throw std::runtime_error(rec.error().message);
  return {std::move(*loaded.scenario), std::move(rec.value())};
}

// `gitops-sim run FILE --record OUT`: the runner with a recorder. Whether
// every expectation held.
inline bool record_run(const fs::path& file, const fs::path& out) {
  auto [sc, rec] = start_recording(file, out);
  session::RunOptions opts;
  opts.observer = rec.get();
  auto result = session::run_scenario(sc, opts);
  if (!result) throw std::runtime_error(result.error().render());
  if (auto st = rec->close(result->world()); !st) throw std::runtime_error(st.error().message);
  return result->all_passed;
}

// A session on scenarios/04-drift-without-self-heal.yaml with console
// commands: git write + git commit, kubectl scale, argocd app sync, sim
// advance, read-only looks and one refused command; closed at `end_ms`.
// The session's world's fingerprint at the end.
inline std::string record_console_session(const fs::path& out, std::int64_t end_ms = 10 * 60'000) {
  auto [sc, rec] = start_recording(source_dir() / "scenarios" / "04-drift-without-self-heal.yaml", out);
  session::SessionOptions opts;
  opts.observer = rec.get();
  auto s = session::Session::create(sc, opts);
  if (!s) throw std::runtime_error(s.error().message);
  session::Session& ses = **s;
  const session::Issuer me{session::Origin::Console, "tester"};
  auto run = [&](const std::string& line, const world::StagedFiles& files = {}) {
    return ses.run(line, me, files);
  };
  ses.run_through(TimePoint{60'000});
  run("git write shop-config@main overlays/dev/kustomization.yaml",
      {{"overlays/dev/kustomization.yaml",
        std::string("resources:\n  - ../../base\nimages:\n  - name: registry.example/shop/web\n    newTag: \"1.1.0\"\n")}});
  run("git commit shop-config@main -m \"Release web 1.1.0\"");
  ses.run_through(TimePoint{2 * 60'000});
  run("kubectl scale deployment/web --replicas=4 -n shop --cluster dev");
  run("argocd app list");
  ses.run_through(TimePoint{2 * 60'000 + 30'000});
  run("argocd app sync shop-dev");
  run("sim advance 30s");
  run("kubectl get pods -A");
  run("argocd app sync no-such-app");  // refused
  ses.run_through(TimePoint{4 * 60'000});
  run("kubectl scale deployment/web --replicas=3 -n shop --cluster dev");
  ses.run_through(TimePoint{end_ms});
  if (auto st = rec->close(ses.world()); !st) throw std::runtime_error(st.error().message);
  return ses.world().fingerprint();
}

// Drives a shipped lesson to its end as `lesson verify` does (solutions
// run, questions answered, next), with a learner's detours on the way:
// hints, an answer out of range, an extra look and undo, a reset, a skip.
// Returns "" when every step was left with next(), else what went wrong.
inline std::string record_lesson(const fs::path& file, const fs::path& out) {
  scenario::KeepingFiles read;
  auto loaded = lesson::load_lesson_file(file, read);
  if (!loaded.ok()) return render_all(loaded.errors);
  lesson::Lesson ls = std::move(*loaded.lesson);
  auto rec = record::Recorder::create(out, header_for(record::kKindLesson, file, read, ls.name, ls.title.en));
  if (!rec) return rec.error().message;
  auto started = lesson::LessonRun::start(ls, "en", rec->get());
  if (!started) return started.error().render();
  lesson::LessonRun& run = **started;
  const session::Issuer me{session::Origin::Console, "tester"};
  const session::Issuer solution{session::Origin::LessonSolution, ""};
  for (std::size_t i = 0; i < ls.steps.size(); ++i) {
    const lesson::Step& step = ls.steps[i];
    const std::string where = ls.name + " step " + step.id + ": ";
    if (!step.hints.empty()) (void)run.next_hint();
    if (step.question) {
      for (std::size_t k = 0; k < step.solution.size(); ++k) {
        const auto o = run.run(step.solution[k], solution, step.solution_files[k]);
        if (!o.outcome.ok) return where + "'" + step.solution[k] + "' refused: " + o.outcome.output;
      }
      (void)run.answer(99);  // refused: out of range
      if (auto a = run.answer(step.question->answer); !a) return where + a.error().message;
    } else if (step.check && i % 4 == 3) {
      run.skip();
    } else {
      if (step.check && !step.observe && i % 3 == 1) {
        run.advance(Duration::seconds(5));
        if (auto st = run.reset(); !st) return where + st.error().message;
      }
      const TimePoint started_at = run.session().now();
      for (std::size_t k = 0; k < step.solution.size(); ++k) {
        const auto o = run.run(step.solution[k], solution, step.solution_files[k]);
        if (!o.outcome.ok) return where + "'" + step.solution[k] + "' refused: " + o.outcome.output;
      }
      if (i % 3 == 2) {
        // One more look, taken back with undo (the solution stays).
        const auto o = run.run("argocd app list", me);
        if (o.denied == nullptr) {
          if (auto st = run.undo(); !st) return where + "undo: " + st.error().message;
        }
      }
      if (step.check) (void)run.wait_for_check(started_at + step.within + Duration::seconds(30));
    }
    if (auto st = run.next(); !st) return where + "next: " + st.error().message;
  }
  if (auto st = (*rec)->close(run.world()); !st) return st.error().message;
  return "";
}

// Opens a recording that must open (the reason in the failure if not).
inline record::Recording open_ok(const fs::path& file) {
  auto rec = record::Recording::open(file);
  INFO((rec ? std::string() : rec.error().message));
  REQUIRE(rec);
  return std::move(rec.value());
}

// Verifies a recording that must open and replay (same or not).
inline record::VerifyReport verify_ok(const record::Recording& rec) {
  auto report = record::verify(rec);
  INFO((report ? std::string() : report.error().message));
  REQUIRE(report);
  return std::move(report.value());
}

// Runs SQL on a recording read-write, as something other than gitops-sim
// (a file that is not there is made: another program's database).
inline void tamper(const fs::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.string().c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + file.string());
  }
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  const int changed = sqlite3_changes(db);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + msg);
  if (changed == 0 && sql.rfind("UPDATE", 0) == 0) throw std::runtime_error(sql + ": changed no row");
}

// One integer (or text) a query on the recording returns.
inline std::string query_one(const fs::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(file.string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(s, 0);
      if (t != nullptr) out = reinterpret_cast<const char*>(t);
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return out;
}

// The stored event lines of one epoch, as the reader gives them.
inline std::vector<record::StoredEvent> stored_events(const fs::path& file, int epoch) {
  auto rec = record::Recording::open(file);
  if (!rec) throw std::runtime_error(rec.error().message);
  auto ev = rec->events(epoch);
  if (!ev) throw std::runtime_error(ev.error().message);
  return std::move(ev.value());
}

// Writes an epoch's event log anew as chunks of the given lines: each chunk
// is {first, lines}; a gap between chunks is a missing event.
inline void rewrite_events(const fs::path& file, int epoch,
                           const std::vector<std::pair<std::int64_t, std::vector<std::string>>>& chunks) {
  tamper(file, "DELETE FROM events WHERE epoch = " + std::to_string(epoch) + ";");
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.string().c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + file.string());
  }
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events (epoch, first, count, lines) VALUES (?1, ?2, ?3, ?4);", -1, &s, nullptr);
  for (const auto& [first, lines] : chunks) {
    std::string blob;
    for (const auto& l : lines) blob += l + "\n";
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, epoch);
    sqlite3_bind_int64(s, 2, first);
    sqlite3_bind_int64(s, 3, static_cast<std::int64_t>(lines.size()));
    sqlite3_bind_blob(s, 4, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) {
      sqlite3_finalize(s);
      sqlite3_close(db);
      throw std::runtime_error("cannot write events into " + file.string());
    }
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
}

}  // namespace gs::testing
