// Recordings in the window, driven headlessly (no display: the Workspace
// and its Frame without ImGui): a live GUI lesson records a file that
// verifies; a replay seeked back and forth shows the same world as one
// seeked there directly; a take-over's recording names its parent and
// verifies; scrubbing back in a live session shows its own recording and
// can go back to live.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "sim/record/recording.hpp"
#include "sim/record/verify.hpp"
#include "sim/ui/view/replay.hpp"
#include "sim/ui/workspace.hpp"
#include "sim/world/world.hpp"

using namespace gs;
using namespace gs::ui;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("gs_ui_replay_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  // Default recordings, if any are made, go here and not to $HOME.
  setenv("XDG_DATA_HOME", d.c_str(), 1);
  return d;
}

const fs::path kLesson = fs::path(GS_SOURCE_DIR) / "lessons" / "02-drift-and-self-heal.yaml";

struct Window {
  I18n i18n;
  std::unique_ptr<Workspace> ws;
  Window() {
    REQUIRE(i18n.load(fs::path(GS_SOURCE_DIR) / "assets" / "i18n"));
    ws = std::make_unique<Workspace>(i18n, Library{}, ProgressLookup{});
  }
  void act(LessonAct a, int arg = 0) {
    ws->frame()->lesson_act(a, arg);
    ws->frame()->run_requests();
    ws->after_frame();
  }
  void type(const std::string& c) {
    ws->frame()->type_command(c);
    ws->frame()->run_requests();
    ws->after_frame();
  }
};

// A learner's lesson in the window, with a marker of most kinds.
fs::path record_lesson(Window& w, const fs::path& dir) {
  GuiOptions opts;
  opts.record_file = (dir / "live.gsrec").string();
  opts.profile = "ana";
  REQUIRE(w.ws->open_lesson(kLesson, opts, nullptr));
  REQUIRE(w.ws->recorder());
  w.act(LessonAct::Answer, 0);  // the wrong choice
  w.act(LessonAct::Next);
  w.type("kubectl get deployments -n shop");
  w.type("kubectl frobnicate");  // fails
  w.act(LessonAct::Hint);
  // The clock plays (a pass while a `sim advance` runs is recorded out of
  // order by sim/record today: see the report).
  Session& s = *w.ws->session();
  s.set_speed(60);
  s.play();
  for (int i = 0; i < 12; ++i) w.ws->tick(0.25);
  s.pause();
  w.act(LessonAct::Next);
  w.act(LessonAct::Hint);
  w.type("kubectl scale deployment/web --replicas=3 -n shop");  // denied
  w.act(LessonAct::Reset);
  w.act(LessonAct::Skip);
  return opts.record_file;
}

// The lesson recorded and its window closed; the recording, opened.
struct Recorded {
  fs::path dir, file;
  record::Recording rec;
};
Recorded recorded_lesson(const std::string& name) {
  const fs::path dir = fresh_dir(name);
  Window w;
  const fs::path file = record_lesson(w, dir);
  w.ws->close();
  auto rec = record::Recording::open(file);
  REQUIRE(rec);
  return Recorded{dir, file, std::move(rec.value())};
}

std::int64_t pos_of_kind(const record::Recording& rec, const std::string& kind, int nth = 0) {
  for (const auto& a : rec.actions()) {
    if (a.kind == kind && nth-- == 0) return a.pos_ms;
  }
  FAIL("no action of kind " << kind);
  return 0;
}

}  // namespace

TEST_CASE("Replay window: a live GUI lesson writes a recording that verifies") {
  Recorded r = recorded_lesson("live");
  const record::Recording* rec = &r.rec;
  CHECK(rec->info().closed);
  CHECK(rec->info().kind == record::kKindLesson);
  CHECK(rec->info().name == "drift-and-self-heal");
  CHECK(rec->info().source == kLesson.string());
  CHECK(rec->sources().size() >= 2);  // the lesson and the scenario it names
  REQUIRE(rec->participants().size() == 1);
  CHECK(rec->participants()[0].name == "ana");
  CHECK(rec->participants()[0].role == "learner");
  // Every kind the learner made shows on the scrubber.
  std::set<MarkerKind> kinds;
  for (const auto& m : markers_of(rec->actions())) kinds.insert(m.kind);
  for (MarkerKind k : {MarkerKind::Command, MarkerKind::Failed, MarkerKind::Step, MarkerKind::Hint,
                       MarkerKind::Answer, MarkerKind::Rewind}) {
    CHECK(kinds.count(k) == 1);
  }
  auto report = record::verify(*rec);
  REQUIRE(report);
  INFO(record::verify_text(*rec, *report));
  CHECK(report->same());
  CHECK(report->commands >= 4);
}

TEST_CASE("Replay window: seeking back then forward shows the same world as seeking there directly") {
  Recorded r = recorded_lesson("seek");
  const fs::path& file = r.file;
  const std::int64_t mid = pos_of_kind(r.rec, "hint", 1);  // the second hint, in step 3
  auto a = Replay::open(file);
  auto b = Replay::open(file);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE((*a)->end() > mid);
  REQUIRE((*a)->seek((*a)->end()));
  CHECK_FALSE((*a)->take_restarted());  // forwards: the same session goes on
  REQUIRE((*a)->seek(mid));
  CHECK((*a)->take_restarted());  // backwards: rebuilt from the start
  REQUIRE((*b)->seek(mid));
  CHECK((*a)->pos() == mid);
  CHECK((*a)->applied() == (*b)->applied());
  CHECK((*a)->session().world().log().size() == (*b)->session().world().log().size());
  CHECK((*a)->session().world().fingerprint() == (*b)->session().world().fingerprint());
  REQUIRE((*a)->lesson());
  CHECK((*a)->lesson()->current() == (*b)->lesson()->current());
  // And on to the end: the same as going there at once.
  auto c = Replay::open(file);
  REQUIRE(c);
  REQUIRE((*a)->seek((*a)->end()));
  REQUIRE((*c)->seek((*c)->end()));
  CHECK((*a)->session().world().fingerprint() == (*c)->session().world().fingerprint());
  CHECK((*a)->session().world().log().size() == (*c)->session().world().log().size());
}

TEST_CASE("Replay window: taking over records a fork that names its parent and verifies") {
  Recorded parent = recorded_lesson("fork");
  const fs::path& file = parent.file;
  const std::int64_t at = pos_of_kind(parent.rec, "hint", 1);
  auto r = Replay::open(file);
  REQUIRE(r);
  REQUIRE((*r)->seek(at));
  const fs::path fork = parent.dir / "fork.gsrec";
  auto taken = (*r)->take_over(fork);
  REQUIRE(taken);
  REQUIRE(taken->recorder);
  REQUIRE(taken->lesson);
  CHECK(taken->lesson->world().fingerprint() == (*r)->session().world().fingerprint());
  // The learner goes on from there.
  (void)taken->lesson->run("argocd app set shop-dev --sync-policy automated --self-heal");
  taken->lesson->advance(Duration{30000});
  REQUIRE(taken->recorder->close(taken->lesson->world()));
  auto rec = record::Recording::open(fork);
  REQUIRE(rec);
  CHECK(rec->info().parent == fs::absolute(file).lexically_normal().string());
  REQUIRE(rec->info().parent_pos_ms);
  CHECK(*rec->info().parent_pos_ms == at);
  CHECK(rec->info().end_pos_ms > at);
  auto report = record::verify(*rec);
  REQUIRE(report);
  INFO(record::verify_text(*rec, *report));
  CHECK(report->same());
}

TEST_CASE("Replay window: scrubbing back in a live session shows its own recording, then back to live or take over") {
  const fs::path dir = fresh_dir("scrub");
  Window w;
  const fs::path file = record_lesson(w, dir);
  Workspace& ws = *w.ws;
  const std::string live_print = ws.session()->world().fingerprint();
  REQUIRE_FALSE(ws.replaying());
  CHECK(ws.scrubber().can_scrub);
  CHECK_FALSE(ws.scrubber().replay);
  REQUIRE(ws.scrubber().markers);
  CHECK(ws.scrubber().markers->size() >= 8);
  const std::int64_t end = ws.scrubber().end;

  // Back to the second hint: the replay of the file being written.
  auto probe = record::Recording::open(file);
  REQUIRE(probe);
  const std::int64_t at = pos_of_kind(*probe, "hint", 1);
  REQUIRE(at < end);
  ws.request(ScrubberRequest{at});
  ws.after_frame();
  REQUIRE(ws.replaying());
  CHECK(ws.scrubber().of_live);
  CHECK(ws.scrubber().pos == at);
  CHECK(ws.frame()->read_only());
  auto direct = Replay::open(file);
  REQUIRE(direct);
  REQUIRE((*direct)->seek(at));
  CHECK(ws.session()->world().fingerprint() == (*direct)->session().world().fingerprint());
  // The console shows the recorded commands up to then, with their outputs.
  bool saw_failed = false;
  for (const auto& l : ws.frame()->console().lines) saw_failed |= l.text == "$ kubectl frobnicate";
  CHECK(saw_failed);
  // Read-only: a typed command changes nothing.
  const auto log_size = ws.session()->world().log().size();
  w.type("kubectl delete deployment web -n shop");
  CHECK(ws.session()->world().log().size() == log_size);

  // Back to live: the session as it was left.
  ScrubberRequest back;
  back.back_to_live = true;
  ws.request(back);
  ws.after_frame();
  REQUIRE_FALSE(ws.replaying());
  CHECK(ws.session()->world().fingerprint() == live_print);

  // Back again, and take over there: a live session recorded to a fork.
  ws.request(ScrubberRequest{at});
  ws.after_frame();
  REQUIRE(ws.replaying());
  ws.takeover_file = (dir / "taken.gsrec").string();
  ScrubberRequest take;
  take.take_over = true;
  ws.request(take);
  ws.after_frame();
  REQUIRE_FALSE(ws.replaying());
  REQUIRE(ws.recorder());
  CHECK(ws.recorder()->file() == dir / "taken.gsrec");
  CHECK(ws.session()->world().fingerprint() == (*direct)->session().world().fingerprint());
  w.type("kubectl get deployments -n shop");
  ws.close();
  // The first recording was closed when the take-over replaced it.
  auto first = record::Recording::open(file);
  REQUIRE(first);
  CHECK(first->info().closed);
  auto fork = record::Recording::open(dir / "taken.gsrec");
  REQUIRE(fork);
  CHECK(fork->info().parent == fs::absolute(file).lexically_normal().string());
  auto report = record::verify(*fork);
  REQUIRE(report);
  INFO(record::verify_text(*fork, *report));
  CHECK(report->same());
}

TEST_CASE("Replay window: play runs the recording on at its speed and a seek back rebuilds the frame on the new world") {
  Recorded r = recorded_lesson("play");
  Window w;
  Workspace& ws = *w.ws;
  REQUIRE(ws.open_replay(r.file, std::nullopt));
  REQUIRE(ws.replaying());
  const std::int64_t start = ws.scrubber().start;
  CHECK(ws.scrubber().pos == start);
  CHECK(ws.scrubber().replay);
  CHECK_FALSE(ws.scrubber().of_live);
  CHECK(ws.frame()->read_only());
  ScrubberRequest play;
  play.play = true;
  play.speed = 60;
  ws.request(play);
  ws.after_frame();
  for (int i = 0; i < 4; ++i) ws.tick(0.25);
  CHECK(ws.scrubber().pos == start + 60000);  // 1 s of wall time at 60x
  CHECK(ws.scrubber().playing);
  // What the console shows: the commands recorded by then, with outputs.
  const auto& acts = ws.replay()->recording().actions();
  std::size_t commands = 0;
  for (std::size_t i = 0; i < ws.replay()->applied(); ++i) commands += acts[i].is_command() ? 1 : 0;
  std::size_t inputs = 0;
  for (const auto& l : ws.frame()->console().lines) inputs += l.kind == ConsoleLine::Kind::Input ? 1 : 0;
  CHECK(commands >= 2);
  CHECK(inputs == commands);
  // Back to the start: a new world, and the frame draws it.
  ws.request(ScrubberRequest{start});
  ws.after_frame();
  CHECK(ws.scrubber().pos == start);
  CHECK(&ws.frame()->session() == ws.session());
  CHECK(ws.frame()->read_only());
  CHECK(static_cast<std::int64_t>(ws.session()->world().log().size()) < r.rec.event_count(0));
  // Played to the end, it stops there.
  ScrubberRequest fast;
  fast.speed = 300;
  ws.request(fast);
  ws.after_frame();
  for (int i = 0; i < 100 && ws.scrubber().playing; ++i) ws.tick(0.25);
  CHECK_FALSE(ws.scrubber().playing);
  CHECK(ws.scrubber().pos == ws.scrubber().end);
}
