// `gitops-sim metrics`: a scenario's DORA figures, headless.
#include "sim/cli/metrics.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "sim/core/error.hpp"
#include "sim/metrics/format.hpp"
#include "sim/metrics/from_world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/session/runner.hpp"
#include "sim/session/session.hpp"
#include "sim/world/world.hpp"

namespace gs::cli {

CLI::App* add_metrics_command(CLI::App& app, MetricsArgs& a) {
  auto* cmd = app.add_subcommand("metrics", "Run a scenario headless and print its DORA metrics per app and environment");
  cmd->add_option("FILE", a.file, "scenario file")->required();
  cmd->add_option("--until", a.until, "stop at this virtual time (default: clock.end)");
  cmd->add_option("--since", a.since, "figures over deployments from this virtual time on (default: 0)");
  cmd->add_flag("--json", a.json, "the metrics as one JSON object (apps, environments, deployments)");
  cmd->add_flag("--csv", a.csv, "one CSV row per app and per environment");
  cmd->add_option("--lang", a.lang, "en or ko: the table's words");
  return cmd;
}

int cmd_metrics(const MetricsArgs& a) {
  constexpr int kBadInput = 2;
  auto bad = [](const std::string& m) {
    std::cerr << "metrics: " << m << "\n";
    return kBadInput;
  };
  if (a.json && a.csv) return bad("--json and --csv: give one");
  if (a.lang != "en" && a.lang != "ko") return bad("--lang '" + a.lang + "': expected en or ko");
  session::RunOptions opts;
  if (!a.until.empty()) {
    auto d = parse_duration(a.until);
    if (!d) return bad("--until: " + d.error().message);
    opts.until = *d;
  }
  TimePoint since{0};
  if (!a.since.empty()) {
    auto d = parse_duration(a.since);
    if (!d) return bad("--since: " + d.error().message);
    since = TimePoint{0} + *d;
    if (opts.until && *d >= *opts.until) return bad("--since " + a.since + " is not before --until " + a.until);
  }
  auto loaded = scenario::load_scenario_file(a.file);
  if (!loaded.ok()) {
    std::cerr << render_all(loaded.errors);
    return kBadInput;
  }
  auto result = session::run_scenario(*loaded.scenario, opts);
  if (!result) {
    std::cerr << result.error().render() << "\n";
    return kBadInput;
  }
  if (since >= result->world().now()) {
    return bad("--since " + a.since + " is not before the run's end (" + format_offset(result->world().now()) + ")");
  }
  const auto report = metrics::of_world(result->world(), since);
  if (a.json) {
    std::cout << metrics::report_json(report) << "\n";
  } else if (a.csv) {
    std::cout << metrics::report_csv(report);
  } else {
    std::cout << metrics::report_text(report, a.lang);
  }
  return 0;
}

}  // namespace gs::cli
