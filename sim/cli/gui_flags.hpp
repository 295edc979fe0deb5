// `gitops-sim gui`'s view flags (what the window shows first: an app, a
// resource, a tab, console commands, contrast, scale, the layout, ...): their
// CLI11 options with the checks a bad value fails (exit 2, the flag and what
// it expects), and turning them into the window's ViewOptions. Once the
// separate gitops-sim-gui's own parser; now one program has them.
#pragma once

#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/ui/app.hpp"

namespace CLI {
class App;
}

namespace gs::cli {

struct GuiViewFlags {
  std::string app, resource, tab, bottom, event, rects, layout;
  std::vector<std::string> run, press;
  bool contrast = false;
  float scale = 1.0f;
  int speed = 0;
};

// --contrast and --scale (0.7 to 2.5, as A- and A+ set it): the look of any
// window a subcommand opens (`gui`, `class`).
void add_look_flags(CLI::App& cmd, bool& contrast, float& scale);

// `--size WIDTHxHEIGHT` for a window (320x240 to 8192x8192); false after
// saying on stderr what is wrong, naming `cmd`.
bool parse_window_size(const char* cmd, const std::string& size, int& width, int& height);

// Adds the flags to the `gui` subcommand, each bound to `f`.
void add_gui_view_flags(CLI::App& gui, GuiViewFlags& f);

// The ViewOptions they ask for; an error names the flag at fault.
// `lesson`: a lesson is opened (--press needs one).
Status apply_gui_view_flags(const GuiViewFlags& f, bool lesson, ui::ViewOptions& view);

}  // namespace gs::cli
