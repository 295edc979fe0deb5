// `gitops-sim class`: flags, the window, and the terminal station's loop.
// The wall clock is read here, at the edge (as the window's glfwGetTime):
// the station's countdowns take its readings as numbers.
#include "sim/cli/class_cmd.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <utility>

#include "sim/cli/gui_flags.hpp"
#include "sim/classroom/station_console.hpp"
#include "sim/core/duration.hpp"
#include "sim/ui/app.hpp"

namespace gs::cli {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
constexpr int kNoDisplay = 3;

classroom::WallMs wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int terminal_station(const ClassArgs& a) {
  auto plan = classroom::load_class_plan_file(a.file);
  if (!plan.ok()) {
    std::cout << render_all(plan.errors);
    return kExitBadInput;
  }
  if (a.segment < 1 || static_cast<std::size_t>(a.segment) > plan.plan->segments.size()) {
    std::cerr << "class: --segment " << a.segment << ": expected 1 to " << plan.plan->segments.size() << "\n";
    return kExitBadInput;
  }
  classroom::StationConsole console(*plan.plan, wall_ms());
  if (a.segment > 1) console.handle("go " + std::to_string(a.segment), wall_ms());
  std::cout << console.plan_text(wall_ms()) << "\n" << console.status(wall_ms());
  std::cout << "type help for the words; quit ends the class\n";
  std::string line;
  while (true) {
    std::cout << "class> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    auto reply = console.handle(line, wall_ms());
    std::cout << reply.text;
    if (reply.quit) break;
  }
  return kExitOk;
}

}  // namespace

CLI::App* add_class_command(CLI::App& app, ClassArgs& a) {
  auto* c = app.add_subcommand("class", "The instructor station on a class plan (lessons/class-*.yaml): segments and "
                                        "countdowns, fault palette, freeze, bookmarks, votes, debrief");
  c->add_option("FILE", a.file, "class plan file")->required();
  c->add_option("--segment", a.segment, "start at this segment (1-based)");
  c->add_option("--debrief", a.debrief, "a directory of the pairs' recordings (.gsrec) to debrief");
  c->add_flag("--terminal", a.terminal, "the terminal station, even with a display");
  c->add_option("--lang", a.lang, "en or ko");
  add_look_flags(*c, a.contrast, a.scale);
  c->add_option("--at", a.at, "run the first segment's world to this virtual time first, e.g. 2m");
  c->add_option("--screenshot", a.screenshot, "write the window to this PNG and exit");
  c->add_option("--size", a.size, "window size, WIDTHxHEIGHT (default 1600x900)");
  c->add_flag("--palette", a.palette, "open the fault palette (screenshots)");
  c->add_flag("--freeze", a.freeze, "freeze at once (screenshots)");
  c->add_flag("--no-record", a.no_record, "do not record the window's segments (the terminal station records nothing)");
  return c;
}

int cmd_class(const ClassArgs& a) {
  if (a.lang != "en" && a.lang != "ko") {
    std::cerr << "class: --lang '" << a.lang << "': expected en or ko\n";
    return kExitBadInput;
  }
  if (a.segment < 1) {
    std::cerr << "class: --segment " << a.segment << ": segments count from 1\n";
    return kExitBadInput;
  }
  if (a.terminal) {
    // The window's flags mean nothing to the terminal station: say so rather than ignore them.
    for (const auto& [set, flag] : {std::pair{!a.screenshot.empty(), "--screenshot"}, {!a.size.empty(), "--size"},
                                    {!a.at.empty(), "--at"}, {!a.debrief.empty(), "--debrief"},
                                    {a.palette, "--palette"}, {a.freeze, "--freeze"}}) {
      if (set) {
        std::cerr << "class: " << flag << " is for the window; the terminal station (--terminal) has none\n";
        return kExitBadInput;
      }
    }
    return terminal_station(a);
  }
  ui::GuiOptions opts;
  opts.language = a.lang;
  opts.screenshot_png = a.screenshot;
  opts.record = !a.no_record && a.screenshot.empty();
  if (!a.at.empty()) {
    auto t = parse_duration(a.at);
    if (!t) {
      std::cerr << "class: --at '" << a.at << "': " << t.error().message << "\n";
      return kExitBadInput;
    }
    opts.at = *t;
  }
  if (!a.size.empty() && !parse_window_size("class", a.size, opts.width, opts.height)) return kExitBadInput;
  ui::ViewOptions view;
  view.high_contrast = a.contrast;
  view.scale = a.scale;
  ui::ClassOptions co{a.file, static_cast<std::size_t>(a.segment - 1), a.debrief, a.palette, a.freeze};
  const int rc = ui::run_class(opts, view, co);
  if (rc != kNoDisplay) return rc;
  if (!a.screenshot.empty()) return kExitBadInput;  // a screenshot needs a display
  std::cout << "gitops-sim: no display; the terminal station instead\n\n";
  return terminal_station(a);
}

}  // namespace gs::cli
