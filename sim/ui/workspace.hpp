// What the window has open: nothing (the home screen, the library), a
// scenario's Session, or a lesson's LessonRun — and the Frame that draws it.
// Opening another replaces them in place (the menu bar, the home screen's
// Open buttons), keeping the view settings (language, scale, contrast). Also
// puts a lesson at a step for screenshots and demos (ViewOptions). No GLFW
// here; ImGui only through the Frame and the home screen it calls.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "sim/lesson/runner.hpp"
#include "sim/ui/app.hpp"
#include "sim/ui/frame.hpp"
#include "sim/ui/home.hpp"
#include "sim/ui/view/library.hpp"

namespace gs::ui {

class Workspace {
 public:
  Workspace(const I18n& i18n, Library library, ProgressLookup progress);

  // Opens a lesson or a scenario file. With `view` (the first open, from the
  // command line), applies its time, step and commands. Errors are the
  // file's (FILE:LINE:COL lines), or the lesson's failing to reach a step;
  // nothing is replaced then.
  Status open_lesson(const std::filesystem::path& file, const GuiOptions& opts, const ViewOptions* view);
  Status open_scenario(const std::filesystem::path& file, const GuiOptions& opts, const ViewOptions* view);
  // Opens what the menu or the home screen picked; an error is shown on the home screen.
  void open(const Pick& pick, const GuiOptions& opts);

  bool home() const { return home_ || !frame_; }
  void show_home() { home_ = true; }
  Session* session();  // the open scenario's or lesson's; nullptr before one opens
  const lesson::LessonRun* lesson() const { return lesson_.get(); }  // nullptr: no lesson open
  // The open lesson's or scenario's title ("" when nothing is open).
  std::string open_title(const I18n& i18n) const;
  Frame* frame() { return frame_.get(); }
  const Library& library() const { return library_; }
  const ProgressLookup& progress() const { return progress_; }
  const std::string& error() const { return error_; }
  // Every string a font must have glyphs for, beyond the UI's own: the
  // library's texts and the open file's; `texts_version` bumps when it grows.
  const std::vector<std::string>& texts() const { return texts_; }
  int texts_version() const { return texts_version_; }

  // Settings that outlive what is open.
  ViewSettings view;
  Theme theme;

 private:
  void install(std::unique_ptr<Session> scenario, std::unique_ptr<lesson::LessonRun> lesson, const ViewOptions& view,
               std::vector<std::string> early_output);

  const I18n& i18n_;
  Library library_;
  ProgressLookup progress_;
  std::unique_ptr<Session> scenario_;
  std::unique_ptr<lesson::LessonRun> lesson_;
  std::unique_ptr<Frame> frame_;
  ViewOptions frame_opts_;  // what the frame was built with (it keeps a copy too)
  bool home_ = true;
  std::string error_;
  std::vector<std::string> texts_;
  int texts_version_ = 0;
};

// A lesson button by its --press name ("hint", "solution", "reset", ...).
std::optional<LessonAct> lesson_act_named(std::string_view name);

// Puts a lesson at `step` (an id or a 1-based number): each earlier step done
// as a learner would — a question answered right, a check's solution run
// until the check holds (skipped if it never does), next.
Status reach_lesson_step(lesson::LessonRun& run, const std::string& step);
// Runs the current step's solution as the learner would type it and lets
// time pass until its check holds (or `within` is over); whether it passed.
bool solve_lesson_step(lesson::LessonRun& run);

}  // namespace gs::ui
