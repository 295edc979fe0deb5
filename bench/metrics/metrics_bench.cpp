// bench_metrics: one virtual day of a generated installation (bench/world's
// generator), then DORA over its whole log, timed apart from the run. Run
// at several sizes: the metrics' time over the log's events should stay flat
// (linear in events: one pass, one ancestry walk per deployment).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>

#include "../world/generator.hpp"
#include "sim/metrics/from_world.hpp"
#include "sim/world/world.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"bench_metrics: DORA metrics over a generated virtual day"};
  int apps = 150;
  int commits = 50;
  int days = 1;
  cli.add_option("--apps", apps, "Applications (3 per service: dev, staging, prod)")->check(CLI::Range(3, 30000));
  cli.add_option("--commits", commits, "commits over each day")->check(CLI::Range(0, 100000));
  cli.add_option("--days", days, "virtual days")->check(CLI::Range(1, 30));
  CLI11_PARSE(cli, argc, argv);

  gs::bench::WorldShape shape;
  shape.services = (apps + 2) / 3;
  shape.commits = commits * days;
  shape.length = gs::Duration::hours(24 * days);
  const auto gen = gs::bench::generate_world(shape);
  const auto t0 = std::chrono::steady_clock::now();
  auto world = gs::world::World::create(gen.spec);
  if (!world) {
    fmt::print(stderr, "bench: {}\n", world.error().render());
    return 2;
  }
  auto& w = **world;
  for (const auto& c : gen.commands) {
    w.advance(c.at);
    if (auto out = w.apply_text(c.command); !out) {
      fmt::print(stderr, "bench: {}: {}\n", c.command, out.error().message);
      return 1;
    }
  }
  w.advance(gs::TimePoint{shape.length.ms});
  const auto t1 = std::chrono::steady_clock::now();
  const auto report = gs::metrics::of_world(w);
  const auto t2 = std::chrono::steady_clock::now();
  const double run_s = std::chrono::duration<double>(t1 - t0).count();
  const double dora_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
  const double events = static_cast<double>(w.log().size());
  fmt::print("metrics: {} apps, {} commits, {} day(s): {:.0f} events, {} deployments; run {:.2f} s, "
             "DORA {:.1f} ms ({:.2f} us per event)\n",
             gen.spec.applications.size(), shape.commits, days, events, report.deployments.size(), run_s, dora_ms,
             dora_ms * 1000.0 / events);
  return 0;
}
