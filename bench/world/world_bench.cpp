// One virtual day of a busy GitOps installation (bench/world/generator.hpp):
// by default 50 services × dev, staging, prod = 150 Applications on three
// clusters, 3-minute polling, self-heal on, and 50 commits spread over the
// day. Prints wall time, peak RSS, virtual seconds per wall second and
// events per second. A benchmark, not a test: the wall clock is read here
// and only here.
//
//   bench_world [--apps N] [--commits C | --commits-per-service R] [--drifts D]
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fmt/core.h>
#include <string>

#include "generator.hpp"
#include "sim/cluster/cluster.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/world/read_model.hpp"
#include "sim/world/world.hpp"

namespace {

// A busy installation has the nodes and the etcd room its apps need: with
// kind's three 110-pod workers and the default object quota, a thousand apps
// on a cluster would leave pods Pending and creations refused, and the day
// would measure retries instead of GitOps. Each service runs 2 replicas and
// makes about 7 objects (Deployment, ReplicaSet, 2 Pods, Service, Endpoints,
// ConfigMap) per cluster.
void size_clusters(const gs::world::World& w, const gs::bench::WorldShape& shape) {
  const int pods = 2 * shape.services;
  for (const auto& c : w.clusters()) {
    c.cluster->set_nodes(std::max(3, pods / 100 + 1), 110, gs::TimePoint{0});
    c.cluster->set_object_quota(std::max<std::size_t>(4000, 10 * static_cast<std::size_t>(shape.services)));
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"bench_world: one virtual day of a generated GitOps installation"};
  int apps = 150;
  int commits = 50;
  double commits_per_service = 0;
  int drifts = 0;
  cli.add_option("--apps", apps, "Applications (3 per service: dev, staging, prod)")->check(CLI::Range(3, 30000));
  auto* c_opt = cli.add_option("--commits", commits, "commits over the day")->check(CLI::Range(0, 100000));
  cli.add_option("--commits-per-service", commits_per_service, "commits = services x R (e.g. 0.333: one per three)")
      ->check(CLI::Range(0.0, 100.0))
      ->excludes(c_opt);
  cli.add_option("--drifts", drifts, "hand edits (kubectl scale) over the day")->check(CLI::Range(0, 100000));
  CLI11_PARSE(cli, argc, argv);

  gs::bench::WorldShape shape;
  shape.services = (apps + 2) / 3;
  shape.commits = commits_per_service > 0 ? static_cast<int>(shape.services * commits_per_service + 0.5) : commits;
  shape.drifts = drifts;
  const gs::bench::GeneratedWorld gen = gs::bench::generate_world(shape);
  const auto& spec = gen.spec;

  const auto wall0 = std::chrono::steady_clock::now();
  auto world = gs::world::World::create(spec);
  if (!world) {
    fmt::print(stderr, "bench: {}\n", world.error().render());
    return 2;
  }
  auto& w = **world;
  size_clusters(w, shape);
  const gs::TimePoint day{shape.length.ms};
  for (const auto& c : gen.commands) {
    w.advance(c.at);
    auto out = w.apply_text(c.command);
    if (!out) {
      fmt::print(stderr, "bench: {}: {}\n", c.command, out.error().message);
      return 1;
    }
  }
  w.advance(day);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double rss_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  // CPU time too: on a shared machine it moves less than the wall clock.
  const double cpu_s = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                       static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  const double events = static_cast<double>(w.log().size());
  gs::world::ReadModel model = gs::world::ReadModel::of(w);
  const auto synced = std::count_if(model.apps().begin(), model.apps().end(),
                                    [](const gs::world::AppEntry& a) { return a.view.sync == "Synced"; });
  fmt::print("world: {} apps, {} commits, {} drifts, 1 virtual day in {:.2f} s wall ({:.2f} s CPU), peak RSS {:.0f} MB\n",
             spec.applications.size(), shape.commits, shape.drifts, wall_s, cpu_s, rss_mb);
  std::uint64_t diffed = 0, reused = 0;
  for (const auto& [name, st] : w.controller().apps()) {
    diffed += st.resources_diffed;
    reused += st.comparisons_reused;
  }
  // What the day cost in work, for comparing runs without a clock.
  fmt::print("world: {} renders, {} render cache hits, {} resources diffed in full, {} refreshes took the last comparison\n",
             w.repo_server().cache_misses(), w.repo_server().cache_hits(), diffed, reused);
  fmt::print("world: {:.0f} virtual s per wall s, {:.0f} events in total, {:.0f} events/s, {} refreshes, {}/{} apps Synced at the end\n",
             86400.0 / wall_s, events, events / wall_s, w.controller().refresh_count(), synced, spec.applications.size());
  // What a view pays to read the world: a fresh read of every app,
  // repository and cluster (the read model's first update), then one update
  // per virtual second, as GUI frames call it, through a busy stretch — every
  // dev service released at once, then ten minutes of polls, syncs and rollouts.
  using clock = std::chrono::steady_clock;
  auto ms_since = [](clock::time_point t0) { return std::chrono::duration<double, std::milli>(clock::now() - t0).count(); };
  const auto full0 = clock::now();
  std::size_t rows = 0;
  constexpr int kReads = 200;
  for (int i = 0; i < kReads; ++i) rows += gs::world::ReadModel::of(w).apps().size();
  fmt::print("world: a full read of {} apps takes {:.3f} ms\n", rows / kReads, ms_since(full0) / kReads);
  for (int svc = 0; svc < shape.services; ++svc) {
    auto out = w.apply_text(fmt::format("git edit platform@main overlays/dev/svc{:02}/kustomization.yaml "
                                        "images[0].newTag=2.0.0 -m 'Release svc{:02} to dev'",
                                        svc, svc));
    if (!out) {
      fmt::print(stderr, "bench: {}\n", out.error().message);
      return 1;
    }
  }
  std::vector<double> update_ms;
  std::size_t reread = 0;
  const std::size_t events_before = w.log().size();
  for (int step = 0; step < 600; ++step) {
    w.advance(w.now() + gs::Duration::seconds(1));
    const auto u0 = clock::now();
    const bool read = model.update(w);
    update_ms.push_back(ms_since(u0));
    for (std::size_t i = 0; read && i < model.apps().size(); ++i) reread += model.app_version(i) == model.version();
  }
  std::sort(update_ms.begin(), update_ms.end());
  double sum = 0;
  for (double v : update_ms) sum += v;
  const bool same = model == gs::world::ReadModel::of(w);
  fmt::print("world: an update per virtual second over a busy 10 minutes ({} events, {} app reads) takes "
             "{:.3f} ms mean, {:.3f} ms p95, {:.3f} ms max; {}\n",
             w.log().size() - events_before, reread, sum / static_cast<double>(update_ms.size()),
             update_ms[update_ms.size() * 95 / 100], update_ms.back(),
             same ? "the same as a fresh read" : "NOT the same as a fresh read");
  if (!same) return 1;
  if (std::getenv("BENCH_DEBUG")) {
    for (const auto& e : w.log().events()) {
      if (e.type == "SyncFailed" || e.type == "ComparisonError" || e.type == "SyncError" || e.type == "ResourceSyncFailed") {
        fmt::print("{} {} {}\n", e.type, e.str("app"), e.str("message"));
      }
    }
  }
  return 0;
}
