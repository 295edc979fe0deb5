#include "sim/cli/gui_flags.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <string>

#include "sim/world/time_driver.hpp"

namespace gs::cli {
namespace {

// "KIND/NAME", both non-empty (what App detail selects).
std::string check_resource(const std::string& v) {
  const auto slash = v.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == v.size()) {
    return "expected KIND/NAME such as Deployment/web, got '" + v + "'";
  }
  return {};
}

std::string check_speed(const std::string& v) {
  std::string offered;
  for (int sp : world::kClockSpeeds) {
    if (v == std::to_string(sp)) return {};
    offered += (offered.empty() ? "" : ", ") + std::to_string(sp);
  }
  return "expected one of the clock's speeds " + offered + ", got '" + v + "'";
}

}  // namespace

void add_look_flags(CLI::App& cmd, bool& contrast, float& scale) {
  cmd.add_flag("--contrast", contrast, "high contrast");
  cmd.add_option("--scale", scale, "UI scale, as the A- and A+ buttons set it: 0.7 to 2.5 (default 1)")
      ->check(CLI::Range(0.7f, 2.5f));
}

bool parse_window_size(const char* cmd, const std::string& size, int& width, int& height) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(size.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' || w < 320 || h < 240 || w > 8192 ||
      h > 8192) {
    std::cerr << cmd << ": --size '" << size << "': expected WIDTHxHEIGHT such as 1600x900 (320x240 to 8192x8192)\n";
    return false;
  }
  width = w;
  height = h;
  return true;
}

void add_gui_view_flags(CLI::App& gui, GuiViewFlags& f) {
  gui.add_option("--app", f.app, "select this application in every panel");
  gui.add_option("--resource", f.resource, "select this resource (KIND/NAME) in App detail: its diff or its events")
      ->check(CLI::Validator(check_resource, "KIND/NAME"));
  gui.add_option("--tab", f.tab, "bring this tab forward: envs, git, editor or metrics at the right, pipeline beside the loop")
      ->check(CLI::IsMember({"envs", "git", "editor", "metrics", "pipeline"}));
  gui.add_option("--bottom", f.bottom,
                 "bring this tab forward at the bottom: timeline or console (or metrics, where a narrow window puts it)")
      ->check(CLI::IsMember({"timeline", "console", "metrics"}));
  gui.add_option("--event", f.event, "select the latest event of this type in the timeline, e.g. SyncStatusChanged");
  gui.add_option("--run", f.run, "a console command to run first (after --at); repeat for more")
      ->allow_extra_args(false);
  add_look_flags(gui, f.contrast, f.scale);
  gui.add_option("--layout", f.layout,
                 "standard, or presentation: the loop and the board only, for a projector (Ctrl+P or Present in the window)")
      ->check(CLI::IsMember({"standard", "presentation"}));
  gui.add_option("--speed", f.speed, "start the clock playing at this speed: 1, 10, 60, 300 or 1000")
      ->check(CLI::Validator(check_speed, "SPEED"));
  gui.add_option("--rects", f.rects, "with --screenshot: write each panel's rectangle here (name x y w h)");
  gui.add_option("--press", f.press,
                 "with --lesson: press a lesson button after the first frame: hint, solution, skip, reset, undo, "
                 "check, next or home; repeat for more")
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"hint", "solution", "skip", "reset", "undo", "check", "next", "home"}));
}

Status apply_gui_view_flags(const GuiViewFlags& f, bool lesson, ui::ViewOptions& view) {
  if (!f.press.empty() && !lesson) return Error("--press needs --lesson FILE");
  view.select_app = f.app;
  view.select_resource = f.resource;
  view.right_tab = f.tab;
  view.bottom_tab = f.bottom;
  view.select_event_type = f.event;
  view.commands = f.run;
  view.high_contrast = f.contrast;
  view.scale = f.scale;
  view.presentation = f.layout == "presentation";
  if (f.speed > 0) view.speed = f.speed;
  view.rects_file = f.rects;
  view.press = f.press;
  return {};
}

}  // namespace gs::cli
