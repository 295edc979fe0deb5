// The GUI's entry point, called by the CLI's `gitops-sim gui FILE` (and by
// the small `gitops-sim-gui` executable built here for trying it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"

namespace gs::ui {

struct GuiOptions {
  std::string scenario_file;
  std::optional<Duration> at;   // run to this virtual time first
  std::string screenshot_png;   // with `at`: render, write the PNG, exit
  int width = 1600, height = 900;
  int bench_frames = 0;         // render N frames, print frame-time percentiles, exit
  std::string language = "en";  // "en" or "ko"
  // A lesson to open instead of a scenario (`gitops-sim lesson NAME`, bare
  // `gitops-sim`), and the learner profile its progress is kept under.
  std::string lesson_file;
  std::string profile;
};

// Exit codes: 0 ok, 2 bad input (scenario errors printed FILE:LINE:COL),
// 3 no display (the caller falls back to the headless run).
int run_gui(const GuiOptions& opts);

// What a screenshot or a demo wants the view to show besides the defaults
// (for docs and smoke tests; the CLI does not need these).
struct ViewOptions {
  std::string select_app;         // selected in every panel
  std::string select_resource;    // "Deployment/web": its diff in App detail
  std::string right_tab;          // "envs" (default), "git" or "editor"
  std::string bottom_tab;         // "timeline" (default) or "console"
  std::string select_event_type;  // select the latest event of this type in Timeline
  std::vector<std::string> commands;  // console commands to run after `at`
  bool high_contrast = false;
  float scale = 1.0f;
  std::string rects_file;  // write each panel's rectangle here ("name x y w h" lines)
  int speed = 0;           // 0: the default; else start playing at this speed
};

int run_gui(const GuiOptions& opts, const ViewOptions& view);

}  // namespace gs::ui
