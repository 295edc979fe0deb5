// gitops-sim-gui: opens a scenario, a lesson (--lesson) or the library (no
// file) in the GUI, for trying the view and taking screenshots. Options
// mirror the CLI's, plus view options for screenshots (--app, --resource,
// --tab, --bottom, --event, --run, --contrast, --scale, --rects, --speed,
// --home, and a lesson's --step, --hints, --answer, --solve, --check, --press).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/ui/app.hpp"

namespace {

void usage() {
  std::fprintf(stderr,
               "usage: gitops-sim-gui [FILE] [--lesson FILE] [--profile NAME] [--home] [--at T] [--screenshot PNG]\n"
               "       [--size WxH] [--bench-frames N] [--lang en|ko]\n"
               "       [--app NAME] [--resource KIND/NAME] [--tab envs|git] [--bottom timeline|console]\n"
               "       [--event TYPE] [--run COMMAND]... [--contrast] [--scale X] [--rects FILE] [--speed X]\n"
               "       [--pair A,B [--swap T] [--pair-elapsed T]]\n"
               "       [--step ID|N] [--hints N] [--answer N] [--solve] [--check] [--press BUTTON]...\n");
}

}  // namespace

int main(int argc, char** argv) {
  gs::ui::GuiOptions o;
  gs::ui::ViewOptions v;
  std::string pair_names, pair_swap, pair_elapsed;  // --pair, --swap, --pair-elapsed
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "gitops-sim-gui: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--at") {
      auto d = gs::parse_duration(next());
      if (!d) {
        std::fprintf(stderr, "gitops-sim-gui: --at: %s\n", d.error().message.c_str());
        return 2;
      }
      o.at = *d;
    } else if (a == "--screenshot") {
      o.screenshot_png = next();
    } else if (a == "--size") {
      const std::string s = next();
      if (std::sscanf(s.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 240) {
        std::fprintf(stderr, "gitops-sim-gui: --size: expected WxH, got '%s'\n", s.c_str());
        return 2;
      }
    } else if (a == "--bench-frames") {
      o.bench_frames = std::atoi(next().c_str());
    } else if (a == "--lang") {
      o.language = next();
    } else if (a == "--lesson") {
      o.lesson_file = next();
    } else if (a == "--profile") {
      o.profile = next();
    } else if (a == "--home") {
      v.home = true;
    } else if (a == "--step") {
      v.lesson_step = next();
    } else if (a == "--hints") {
      v.lesson_hints = std::atoi(next().c_str());
    } else if (a == "--answer") {
      v.lesson_answer = std::atoi(next().c_str()) - 1;  // 1-based on the command line
    } else if (a == "--solve") {
      v.lesson_solve = true;
    } else if (a == "--check") {
      v.lesson_check = true;
    } else if (a == "--press") {
      v.press.push_back(next());
    } else if (a == "--app") {
      v.select_app = next();
    } else if (a == "--resource") {
      v.select_resource = next();
    } else if (a == "--tab") {
      v.right_tab = next();
    } else if (a == "--bottom") {
      v.bottom_tab = next();
    } else if (a == "--event") {
      v.select_event_type = next();
    } else if (a == "--run") {
      v.commands.push_back(next());
    } else if (a == "--contrast") {
      v.high_contrast = true;
    } else if (a == "--scale") {
      v.scale = static_cast<float>(std::atof(next().c_str()));
    } else if (a == "--rects") {
      v.rects_file = next();
    } else if (a == "--speed") {
      v.speed = std::atoi(next().c_str());
    } else if (a == "--pair" || a == "--swap" || a == "--pair-elapsed") {
      // Pair mode (gitops-sim gui has the same flags, checked there).
      (a == "--pair" ? pair_names : a == "--swap" ? pair_swap : pair_elapsed) = next();
    } else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "gitops-sim-gui: unknown option %s\n", a.c_str());
      usage();
      return 2;
    } else if (o.scenario_file.empty()) {
      o.scenario_file = a;
    } else {
      usage();
      return 2;
    }
  }
  if (!pair_names.empty()) {
    auto c = gs::pair::parse_pair(pair_names, pair_swap);
    auto d = gs::parse_duration(pair_elapsed.empty() ? "0s" : pair_elapsed);
    if (!c || !d) {
      std::fprintf(stderr, "gitops-sim-gui: %s\n", (!c ? c.error() : d.error()).message.c_str());
      return 2;
    }
    o.pair = *c;
    o.pair_elapsed_ms = d->ms;
  }
  return gs::ui::run_gui(o, v);
}
