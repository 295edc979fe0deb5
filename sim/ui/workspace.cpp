#include "sim/ui/workspace.hpp"

#include <cstdlib>

#include "sim/lesson/loader.hpp"
#include "sim/scenario/loader.hpp"
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

std::string Workspace::open_title(const I18n& i18n) const {
  if (!frame_) return {};
  const scenario::LocalizedText& t = lesson_ ? lesson_->lesson().title : scenario_->scenario().title;
  return i18n.pick(t.en, t.ko);
}

Session* Workspace::session() {
  if (lesson_) return &lesson_->session();
  return scenario_.get();
}

void Workspace::install(std::unique_ptr<Session> scenario, std::unique_ptr<lesson::LessonRun> lesson,
                        const ViewOptions& view_opts, std::vector<std::string> early_output) {
  frame_.reset();  // it refers to the session about to go
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
}

Status Workspace::open_scenario(const std::filesystem::path& file, const GuiOptions& opts, const ViewOptions* view_opts) {
  auto loaded = scenario::load_scenario_file(file);
  if (!loaded.ok()) return Error(render_all(loaded.errors));
  auto created = Session::create(std::move(*loaded.scenario));
  if (!created) return created.error();
  std::unique_ptr<Session> session = std::move(created.value());
  std::vector<std::string> early;
  if (view_opts) {
    if (opts.at) session->run_through(TimePoint{opts.at->ms});
    early = run_view_commands(*view_opts, *session);
  }
  install(std::move(session), nullptr, view_opts ? *view_opts : ViewOptions{}, std::move(early));
  return {};
}

Status Workspace::open_lesson(const std::filesystem::path& file, const GuiOptions& opts, const ViewOptions* view_opts) {
  auto loaded = lesson::load_lesson_file(file);
  if (!loaded.ok()) return Error(render_all(loaded.errors));
  auto started = lesson::LessonRun::start(std::move(*loaded.lesson), view.lang == Lang::Ko ? "ko" : "en");
  if (!started) return started.error();
  std::unique_ptr<lesson::LessonRun> run = std::move(started.value());
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
  install(nullptr, std::move(run), view_opts ? *view_opts : ViewOptions{}, {});
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
