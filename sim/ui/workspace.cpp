#include "sim/ui/workspace.hpp"

#include <cstdio>
#include <cstdlib>

#include "sim/lesson/loader.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/source_files.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

void add_scenario_texts(std::vector<std::string>& t, const scenario::Scenario& sc, const world::World& w) {
  t.push_back(sc.title.en + sc.title.ko);
  t.push_back(sc.description.en + sc.description.ko);
  for (const auto& e : sc.timeline) {
    if (e.note) t.push_back(e.note->en + e.note->ko);
    if (e.pause) t.push_back(e.pause->en + e.pause->ko);
  }
  for (const auto& e : w.log().events()) {
    if (e.type == "Committed") t.push_back(e.str("message") + e.str("author"));
  }
}

// A scenario's view commands, run after the time is set; their echo
// ("$ command" then its output) for the console.
std::vector<std::string> run_view_commands(const ViewOptions& view, Session& session) {
  std::vector<std::string> out;
  for (const auto& c : view.commands) {
    const CommandOutcome o = session.run(c, session::Issuer{session::Origin::Console, ""});
    out.push_back("$ " + c);
    out.push_back(o.output);
    if (!o.ok) std::fprintf(stderr, "%s: %s\n", c.c_str(), o.output.c_str());
  }
  return out;
}

}  // namespace

std::optional<LessonAct> lesson_act_named(std::string_view name) {
  static const std::pair<const char*, LessonAct> kActs[] = {
      {"hint", LessonAct::Hint},   {"solution", LessonAct::ShowSolution}, {"skip", LessonAct::Skip},
      {"reset", LessonAct::Reset}, {"undo", LessonAct::Undo},             {"check", LessonAct::Check},
      {"next", LessonAct::Next},   {"home", LessonAct::Home}};
  for (const auto& [n, a] : kActs) {
    if (name == n) return a;
  }
  return std::nullopt;
}

Workspace::Workspace(const I18n& i18n, Library library, ProgressLookup progress)
    : theme(Theme::dark()), i18n_(i18n), library_(std::move(library)), progress_(std::move(progress)) {
  for (const auto* items : {&library_.lessons, &library_.scenarios}) {
    for (const auto& it : *items) texts_.insert(texts_.end(), it.texts.begin(), it.texts.end());
  }
}

Workspace::~Workspace() { close(); }

std::string Workspace::open_title(const I18n& i18n) const {
  if (replay_) {
    const scenario::LocalizedText& t = replay_->lesson() ? replay_->lesson()->lesson().title : replay_->session().scenario().title;
    return i18n.pick(t.en, t.ko);
  }
  if (!frame_) return {};
  const scenario::LocalizedText& t = lesson_ ? lesson_->lesson().title : scenario_->scenario().title;
  return i18n.pick(t.en, t.ko);
}

Session* Workspace::session() {
  if (replay_) return &replay_->session();
  if (lesson_) return &lesson_->session();
  return scenario_.get();
}

bool Workspace::moving() {
  if (home()) return false;
  if (replay_) return replay_->clock.playing;
  const Session* s = session();
  return s && s->playing();
}

const lesson::LessonRun* Workspace::lesson() const {
  if (replay_) return replay_->lesson();
  return lesson_.get();
}

void Workspace::note(std::string line) {
  if (line.empty() || line == record_note_) return;
  std::fprintf(stderr, "gitops-sim: %s\n", line.c_str());
  record_note_ = std::move(line);
}

std::unique_ptr<record::Recorder> Workspace::start_recording(record::RecordingHeader header, const GuiOptions& opts) {
  // Screenshots and benchmarks never record.
  if (!opts.record || !opts.screenshot_png.empty() || opts.bench_frames > 0) return nullptr;
  std::filesystem::path file;
  if (!record_file_used_ && !opts.record_file.empty()) {
    file = opts.record_file;
    record_file_used_ = true;
  } else {
    auto dir = record::default_recordings_dir();
    if (!dir) {
      note(std::string(i18n_.tr("scrub.not_recorded")) + ": " + dir.error().message);
      return nullptr;
    }
    file = record::new_recording_path(*dir, header.name);
  }
  if (header.participants.empty() && opts.pair) {
    for (const auto& [name, role] : pair::participants_of(*opts.pair)) header.participants.push_back({name, role});
  }
  if (header.participants.empty()) {
    header.participants.push_back({opts.profile.empty() ? std::string("default") : opts.profile, "learner"});
  }
  auto r = record::Recorder::create(file, header);
  if (!r) {
    // The session goes on unrecorded; the line says why, once.
    note(std::string(i18n_.tr("scrub.not_recorded")) + ": " + r.error().message);
    return nullptr;
  }
  record_note_.clear();
  return std::move(r.value());
}

void Workspace::close_live() {
  if (recorder_) {
    if (const Session* s = lesson_ ? &lesson_->session() : scenario_.get()) {
      if (auto st = recorder_->close(s->world()); !st) note(std::string(i18n_.tr("scrub.stopped")) + " " + st.error().message);
    }
  }
  frame_.reset();  // it refers to the session about to go
  pair_.reset();
  scenario_.reset();
  lesson_.reset();
  recorder_.reset();  // after the sessions it observed
  live_markers_.clear();
  live_acted_ = ~std::uint64_t{0};
}

void Workspace::drop_replay() {
  replay_frame_.reset();
  replay_.reset();
  replay_of_live_ = false;
  replay_history_ = ~std::size_t{0};
}

void Workspace::close() {
  drop_replay();
  close_live();
}

void Workspace::install(std::unique_ptr<Session> scenario, std::unique_ptr<lesson::LessonRun> lesson,
                        const ViewOptions& view_opts, std::vector<std::string> early_output,
                        std::unique_ptr<record::Recorder> recorder) {
  drop_replay();
  close_live();
  recorder_ = std::move(recorder);
  scenario_ = std::move(scenario);
  lesson_ = std::move(lesson);
  frame_opts_ = view_opts;
  Session& s = lesson_ ? lesson_->session() : *scenario_;
  frame_ = std::make_unique<Frame>(s, i18n_, frame_opts_, lesson_.get());
  frame_->view() = view;
  frame_->set_theme(theme);
  for (std::size_t i = 0; i + 1 < early_output.size(); i += 2) {
    frame_->console().add(ConsoleLine::Kind::Input, early_output[i]);
    if (!early_output[i + 1].empty()) frame_->console().add(ConsoleLine::Kind::Output, early_output[i + 1]);
  }
  if (view_opts.speed > 0) {
    s.set_speed(view_opts.speed);
    s.play();
  }
  add_scenario_texts(texts_, s.scenario(), s.world());
  ++texts_version_;
  home_ = false;
  error_.clear();
  live_start_ = s.now().ms;  // open_* and take_over say where the axis began
  refresh_scrubber();
}

Status Workspace::open_scenario(const std::filesystem::path& file, const GuiOptions& opts, const ViewOptions* view_opts) {
  // Every file read is kept: the recording holds them.
  scenario::KeepingFiles read;
  auto loaded = scenario::load_scenario_file(file, nullptr, read);
  if (!loaded.ok()) return Error(render_all(loaded.errors));
  record::RecordingHeader header;
  header.kind = record::kKindScenario;
  header.source = file.string();
  header.sources = read.kept();
  header.lang = view.lang == Lang::Ko ? "ko" : "en";
  header.name = loaded.scenario->name;
  header.title = i18n_.pick(loaded.scenario->title.en, loaded.scenario->title.ko);
  std::unique_ptr<record::Recorder> recorder = start_recording(std::move(header), opts);
  session::SessionOptions options;
  options.observer = recorder.get();
  auto created = Session::create(std::move(*loaded.scenario), std::move(options));
  if (!created) return created.error();
  std::unique_ptr<Session> session = std::move(created.value());
  const std::int64_t start = session->now().ms;
  std::vector<std::string> early;
  if (view_opts) {
    if (opts.at) session->run_through(TimePoint{opts.at->ms});
    early = run_view_commands(*view_opts, *session);
  }
  install(std::move(session), nullptr, view_opts ? *view_opts : ViewOptions{}, std::move(early), std::move(recorder));
  start_pair(opts);
  live_start_ = start;
  refresh_scrubber();
  return {};
}

void Workspace::start_pair(const GuiOptions& opts) {
  if (!opts.pair || !frame_) return;
  pair_ = std::make_unique<pair::PairRun>(*opts.pair, 0);
  pair_wall_ms_ = opts.pair_elapsed_ms;
  for (auto& t : pair_texts(*opts.pair, lesson_ ? &lesson_->lesson() : nullptr)) texts_.push_back(std::move(t));
  ++texts_version_;
  frame_->set_pair(pair_.get(), &pair_wall_ms_);
}

Status Workspace::open_lesson(const std::filesystem::path& file, const GuiOptions& opts, const ViewOptions* view_opts) {
  scenario::KeepingFiles read;
  auto loaded = lesson::load_lesson_file(file, read);
  if (!loaded.ok()) return Error(render_all(loaded.errors));
  const std::string lang = view.lang == Lang::Ko ? "ko" : "en";
  record::RecordingHeader header;
  header.kind = record::kKindLesson;
  header.source = file.string();
  header.sources = read.kept();
  header.lang = lang;
  header.name = loaded.lesson->name;
  header.title = i18n_.pick(loaded.lesson->title.en, loaded.lesson->title.ko);
  std::unique_ptr<record::Recorder> recorder = start_recording(std::move(header), opts);
  auto started = lesson::LessonRun::start(std::move(*loaded.lesson), lang, recorder.get());
  if (!started) return started.error();
  std::unique_ptr<lesson::LessonRun> run = std::move(started.value());
  const std::int64_t start = run->session().now().ms;
  if (view_opts) {
    if (auto st = reach_lesson_step(*run, view_opts->lesson_step); !st) return st;
    if (opts.at && opts.at->ms > run->session().now().ms) run->advance(Duration{opts.at->ms - run->session().now().ms});
    for (int i = 0; i < view_opts->lesson_hints; ++i) (void)run->next_hint();
    if (view_opts->lesson_answer >= 0) {
      if (auto a = run->answer(view_opts->lesson_answer); !a) return a.error();
    }
    if (view_opts->lesson_solve) solve_lesson_step(*run);
  }
  for (const auto& s : run->lesson().steps) {
    texts_.push_back(s.title.en + s.title.ko + s.text.en + s.text.ko);
  }
  std::vector<LessonAct> acts;
  if (view_opts && view_opts->lesson_check) acts.push_back(LessonAct::Check);
  for (const auto& name : view_opts ? view_opts->press : std::vector<std::string>{}) {
    const auto act = lesson_act_named(name);
    if (!act) return Error("--press '" + name + "': expected hint, solution, skip, reset, undo, check, next or home");
    acts.push_back(*act);
  }
  install(nullptr, std::move(run), view_opts ? *view_opts : ViewOptions{}, {}, std::move(recorder));
  start_pair(opts);
  live_start_ = start;
  refresh_scrubber();
  // The console's commands as if typed (so a step's deny answers as it would),
  // then the buttons.
  for (const auto& c : view_opts ? view_opts->commands : std::vector<std::string>{}) frame_->type_command(c);
  for (LessonAct a : acts) frame_->lesson_act(a);
  return {};
}

void Workspace::open(const Pick& pick, const GuiOptions& opts) {
  if (pick.what == Pick::What::Home || pick.what == Pick::What::Resume) {
    home_ = pick.what == Pick::What::Home || !frame_;
    return;
  }
  const bool lesson = pick.what == Pick::What::Lesson;
  const auto& items = lesson ? library_.lessons : library_.scenarios;
  if (pick.index >= items.size()) return;
  const auto& path = items[pick.index].path;
  const Status st = lesson ? open_lesson(path, opts, nullptr) : open_scenario(path, opts, nullptr);
  if (!st) {
    error_ = st.error().render();
    home_ = true;
  }
}

Status reach_lesson_step(lesson::LessonRun& run, const std::string& step) {
  if (step.empty()) return {};
  const auto& steps = run.lesson().steps;
  std::size_t target = steps.size();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].id == step) target = i;
  }
  if (target == steps.size()) {
    char* end = nullptr;
    const long n = std::strtol(step.c_str(), &end, 10);
    if (end && *end == 0 && n >= 1 && static_cast<std::size_t>(n) <= steps.size()) target = static_cast<std::size_t>(n - 1);
  }
  if (target == steps.size()) {
    std::string ids;
    for (const auto& s : steps) ids += (ids.empty() ? "" : ", ") + s.id;
    return Error("--step '" + step + "': no such step in lesson '" + run.lesson().name + "' (steps: " + ids +
                 ", or 1.." + std::to_string(steps.size()) + ")");
  }
  while (run.current() < target) {
    const lesson::Step& s = run.step();
    if (s.question) {
      if (auto a = run.answer(s.question->answer); !a) return a.error();
    } else if (s.check && !solve_lesson_step(run)) {
      (void)run.skip();
    }
    if (auto st = run.next(); !st) return Error("step '" + s.id + "': " + st.error().message);
  }
  return {};
}

bool solve_lesson_step(lesson::LessonRun& run) {
  if (run.finished()) return false;
  const lesson::Step& s = run.step();
  for (const auto& c : s.solution) {
    if (!run.run(c, session::Issuer{session::Origin::Console, ""}).outcome.ok) break;
  }
  if (s.check) run.wait_for_check(run.session().now() + s.within);
  return run.progress(run.current()).passed;
}

}  // namespace gs::ui

// [SECTION] Replay: a recording on screen, the scrubber, taking over.

namespace gs::ui {

void Workspace::install_replay_frame() {
  replay_frame_.reset();  // it refers to the session the replay just rebuilt
  replay_frame_ = std::make_unique<Frame>(replay_->session(), i18n_, frame_opts_, replay_->lesson());
  replay_frame_->view() = view;
  replay_frame_->set_theme(theme);
  replay_frame_->set_read_only(true);
  replay_history_ = ~std::size_t{0};
  sync_replay_console();
}

// The console in a replay: the recorded commands up to the moment, with
// their recorded outputs.
void Workspace::sync_replay_console() {
  if (!replay_ || !replay_frame_ || replay_history_ == replay_->applied()) return;
  replay_history_ = replay_->applied();
  ConsoleLog& log = replay_frame_->console();
  log.lines.clear();
  log.add(ConsoleLine::Kind::Info, i18n_.tr("console.replay_hint"));
  for (auto& h : history_of(replay_->recording().actions(), replay_->applied())) {
    static const ConsoleLine::Kind kKinds[] = {ConsoleLine::Kind::Input, ConsoleLine::Kind::Output,
                                               ConsoleLine::Kind::Error, ConsoleLine::Kind::Info};
    log.add(kKinds[h.kind], std::move(h.text));
  }
}

Status Workspace::open_replay(const std::filesystem::path& file, std::optional<std::int64_t> at) {
  auto r = Replay::open(file);
  if (!r) return r.error();
  if (at) {
    if (auto st = (*r)->seek(*at); !st) return st;
  }
  (void)(*r)->take_restarted();
  close_live();
  drop_replay();
  replay_ = std::move(r.value());
  frame_opts_ = ViewOptions{};
  frame_opts_.bottom_tab = "console";
  install_replay_frame();
  const Session& s = replay_->session();
  add_scenario_texts(texts_, s.scenario(), s.world());
  if (const lesson::LessonRun* l = replay_->lesson()) {
    for (const auto& st : l->lesson().steps) texts_.push_back(st.title.en + st.title.ko + st.text.en + st.text.ko);
  }
  for (const auto& a : replay_->recording().actions()) texts_.push_back(a.output);
  ++texts_version_;
  home_ = false;
  error_.clear();
  refresh_scrubber();
  return {};
}

void Workspace::refresh_scrubber() {
  ScrubberView v;
  if (replay_) {
    v.replay = true;
    v.of_live = replay_of_live_;
    v.can_take_over = true;
    v.start = replay_->start();
    v.end = replay_->end();
    v.pos = replay_->pos();
    v.markers = &replay_->markers();
    v.playing = replay_->clock.playing;
    v.speed = replay_->clock.speed;
    v.file = replay_->recording().file().filename().string();
    v.note = record_note_;
  } else if (Session* s = session()) {
    v.start = live_start_;
    v.pos = recorder_ ? recorder_->pos_ms() : s->now().ms;
    v.end = v.pos;
    v.playing = s->playing();
    v.speed = s->speed();
    v.can_scrub = recorder_ && !recorder_->error();
    // The markers so far: the recording read back after each action (it
    // commits at every command and learner action).
    if (recorder_ && frame_ && frame_->acted() != live_acted_) {
      live_acted_ = frame_->acted();
      recorder_->flush(s->world());
      if (auto rec = record::Recording::open(recorder_->file())) {
        live_markers_ = markers_of(rec->actions());
      } else {
        note(rec.error().message);  // the file does not read back: scrubbing back would fail too
      }
    }
    v.markers = &live_markers_;
    if (recorder_) {
      v.file = std::string(i18n_.tr("scrub.rec")) + " " + recorder_->file().filename().string();
      if (recorder_->error()) note(std::string(i18n_.tr("scrub.stopped")) + " " + recorder_->error()->message);
    } else {
      v.file = i18n_.tr("scrub.not_recorded");
    }
    v.note = record_note_;
  }
  scrub_ = std::move(v);
  // A live session shows the strip when it is recorded (or why not):
  // screenshots and benchmarks, never recorded, look as they always did.
  if (Frame* f = frame()) f->set_scrubber(replay_ || recorder_ || !record_note_.empty() ? &scrub_ : nullptr);
}

void Workspace::tick(double wall_dt_s, const std::function<bool()>& enough) {
  if (home()) return;
  if (replay_) {
    if (auto st = replay_->tick(wall_dt_s); !st) {
      note(st.error().message);
      replay_->clock.playing = false;
    }
    if (replay_->take_restarted()) install_replay_frame();
    sync_replay_console();
  } else if (Session* s = session()) {
    // Pair mode's wall clock: swaps are due by it, not by virtual time.
    if (pair_) {
      pair_wall_ms_ += static_cast<std::int64_t>(wall_dt_s * 1000.0);
      pair_->update(*s, lesson_.get(), pair_wall_ms_);
    }
    if (wall_dt_s > 0) s->tick(wall_dt_s, enough);
  }
  refresh_scrubber();
}

// Scrubbing back in a live session: its recording so far, on screen.
void Workspace::scrub_live_back(std::int64_t pos) {
  Session* s = session();
  if (!recorder_ || !s) return;
  if (s->playing()) s->pause();
  recorder_->flush(s->world());
  auto r = Replay::open(recorder_->file());
  if (!r) {
    note(r.error().message);
    return;
  }
  if (auto st = (*r)->seek(pos); !st) {
    note(st.error().message);
    return;
  }
  (void)(*r)->take_restarted();
  replay_ = std::move(r.value());
  replay_of_live_ = true;
  install_replay_frame();
}

// "Take over here": the moment on screen becomes the live session.
void Workspace::take_over() {
  if (!replay_) return;
  std::filesystem::path out;
  if (record_takeovers && !takeover_file.empty()) {
    out = std::exchange(takeover_file, std::string());
  } else if (record_takeovers) {
    if (auto dir = record::default_recordings_dir()) {
      out = record::new_recording_path(*dir, replay_->recording().info().name);
    } else {
      note(std::string(i18n_.tr("scrub.not_recorded")) + ": " + dir.error().message);
    }
  }
  auto taken = replay_->take_over(out);
  if (!taken && !out.empty()) {
    note(std::string(i18n_.tr("scrub.not_recorded")) + ": " + taken.error().message);
    taken = replay_->take_over({});
  }
  if (!taken) {
    note(taken.error().message);
    return;
  }
  const std::string parent = replay_->recording().file().filename().string();
  const std::int64_t start = replay_->start();
  // Keep the view: the lesson's or scenario's texts are already in the fonts.
  ViewOptions opts = frame_opts_;
  opts.bottom_tab = "console";
  std::vector<std::string> early;
  install(std::move(taken->session), std::move(taken->lesson), opts, std::move(early), std::move(taken->recorder));
  live_start_ = start;
  if (frame_) {
    frame_->console().add(ConsoleLine::Kind::Info, std::string(i18n_.tr("scrub.taken_over")) + " " + parent + " @ " +
                                                       format_offset(session()->now()));
  }
}

void Workspace::after_frame() {
  ScrubberRequest r = std::exchange(pending_, ScrubberRequest{});
  if (Frame* f = frame(); f && !r.any()) r = f->take_scrubber_request();
  if (!r.any()) {
    refresh_scrubber();  // the markers of what the frame's requests just did
    return;
  }
  if (replay_) {
    if (r.back_to_live && replay_of_live_) {
      drop_replay();
      refresh_scrubber();
      return;
    }
    if (r.take_over) {
      take_over();
      refresh_scrubber();
      return;
    }
    if (r.play) {
      replay_->clock.playing = *r.play;
      if (*r.play && replay_->pos() >= replay_->end()) (void)replay_->seek(replay_->start());
    }
    if (r.speed) replay_->clock.speed = *r.speed;
    if (r.seek) {
      if (auto st = replay_->seek(*r.seek); !st) note(st.error().message);
    }
    if (replay_->take_restarted()) install_replay_frame();
    sync_replay_console();
  } else if (r.seek && *r.seek < scrub_.pos && scrub_.can_scrub) {
    scrub_live_back(*r.seek);
  }
  refresh_scrubber();
}

}  // namespace gs::ui
