// The GUI's entry point, called by the CLI's `gitops-sim gui [FILE]`. The
// window shows a scenario, a lesson (a LessonRun and its panel), or — with
// neither — the library (the home screen); its menu bar opens any lesson or
// scenario in place.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/pair/pair_mode.hpp"
#include "sim/ui/view/library.hpp"

namespace gs::lesson {
class LessonRun;
}

namespace gs::ui {

struct GuiOptions {
  std::string scenario_file;    // empty, and no lesson_file: the home screen
  std::string lesson_file;      // a lesson to open (wins over scenario_file)
  std::string profile;          // the learner's profile, for progress (the store is wired by the caller)
  std::optional<Duration> at;   // run to this virtual time first
  std::string screenshot_png;   // with `at`: render, write the PNG, exit
  int width = 1600, height = 900;
  int bench_frames = 0;         // render N frames, print frame-time percentiles, exit
  std::string language = "en";  // "en" or "ko"
  ProgressLookup lesson_progress;  // the home screen's progress column; empty: "—" for every lesson
  // Called after each frame while a lesson is open, so the caller can keep
  // the learner's progress (the CLI saves it to the profile's store when it
  // changed); empty: nothing is kept. Not for screenshots and benchmarks.
  std::function<void(const lesson::LessonRun&)> lesson_progressed;
  // Recording (recording-format.md): each lesson or scenario opened is
  // recorded, to `record_file` (the first one opened) or a new file in the
  // recordings directory; `record` false: not at all. Screenshots and
  // benchmarks never record.
  bool record = true;
  std::string record_file;
  // Pair mode (issue 11): two partners, roles swapped every interval of
  // wall time; `pair_elapsed_ms` of wall time counted as already passed
  // (a swap's moment on a screenshot).
  std::optional<pair::PairConfig> pair;
  std::int64_t pair_elapsed_ms = 0;
};

// Exit codes: 0 ok, 2 bad input (scenario errors printed FILE:LINE:COL),
// 3 no display (the caller falls back to the headless run).
int run_gui(const GuiOptions& opts);

// What a screenshot or a demo wants the view to show besides the defaults
// (`gitops-sim gui`'s view flags: for docs, smoke tests and a class).
struct ViewOptions {
  std::string select_app;         // selected in every panel
  std::string select_resource;    // "Deployment/web": its diff in App detail
  std::string right_tab;          // "envs" (default), "git" or "editor"
  std::string bottom_tab;         // "timeline" (default) or "console"
  std::string select_event_type;  // select the latest event of this type in Timeline
  std::vector<std::string> commands;  // console commands to run after `at`
  bool high_contrast = false;
  float scale = 1.0f;
  bool presentation = false;  // the presentation layout (loop and board only)
  std::string rects_file;  // write each panel's rectangle here ("name x y w h" lines)
  int speed = 0;           // 0: the default; else start playing at this speed
  // The home screen, whatever file is given (for screenshots).
  bool home = false;
  // A lesson shown at a step: earlier steps done as a learner would (the
  // right answer, the solution run until the check holds, next), then on
  // the step reached: hints revealed, a choice voted (0-based), its solution
  // run until it passes, Check pressed.
  std::string lesson_step;  // a step id or its 1-based number; empty: the first
  int lesson_hints = 0;
  int lesson_answer = -1;
  bool lesson_solve = false;
  bool lesson_check = false;
  // Lesson buttons pressed after the first frame, as a learner would press
  // them: hint, solution, skip, reset, undo, check, next, home.
  std::vector<std::string> press;
};

int run_gui(const GuiOptions& opts, const ViewOptions& view);

// `gitops-sim replay REC`: the window on a recording, with the scrubber
// (play, pause, speeds, seek anywhere, "Take over here").
struct ReplayOptions {
  std::string file;              // the recording (.gsrec)
  std::optional<Duration> at;    // the moment shown first (its start if none)
  std::string screenshot_png;    // with `at`: render, write the PNG, exit
  int width = 1600, height = 900;
  std::string language;          // "en", "ko"; empty: the recording's
  // A take-over is recorded (to `record_file`, else a new file in the
  // recordings directory); never for a screenshot.
  bool record = true;
  std::string record_file;
};

// Exit codes: 0 ok, 2 a bad recording (one line on stderr), 3 no display.
int run_replay(const ReplayOptions& opts);

// `gitops-sim class FILE`: the window in station mode (station_mode.hpp) on
// a class plan, opening each segment's lesson or scenario.
struct ClassOptions {
  std::string plan_file;
  std::size_t segment = 0;  // 0-based: the segment shown first
  std::string debrief_dir;  // the pairs' recordings, listed in the Debrief window
  bool palette = false;     // the fault palette open (screenshots)
  bool frozen = false;      // frozen at once (screenshots)
};

// Exit codes: 0 ok, 2 a bad plan or segment file (FILE:LINE:COL), 3 no display.
int run_class(const GuiOptions& opts, const ViewOptions& view, const ClassOptions& co);

}  // namespace gs::ui
