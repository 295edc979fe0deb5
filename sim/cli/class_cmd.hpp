// `gitops-sim class FILE`: the instructor station on a class plan — the
// window in station mode, or without a display the terminal station
// (sim/classroom/station_console.hpp) reading words from stdin.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace gs::cli {

struct ClassArgs {
  std::string file, lang = "en", screenshot, size, at, debrief;
  int segment = 1;  // 1-based
  float scale = 1.0f;
  bool contrast = false, palette = false, freeze = false, terminal = false, no_record = false;
};

// Adds the subcommand and its flags to `app`.
CLI::App* add_class_command(CLI::App& app, ClassArgs& args);
int cmd_class(const ClassArgs& args);

}  // namespace gs::cli
