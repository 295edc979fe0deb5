// What recordings cost (recording-format.md, "Speed"; issue 10): in one
// process,
//   overhead  the 150-app virtual day of bench_world (its scenario made here,
//             the commits and drifts in its timeline) run as `run` runs it,
//             without an observer and with a Recorder writing to a temp file;
//             fastest CPU time of N rounds each, alternating which goes first
//             (goal: less than 5 % more);
//   seek      a Replayer on a classroom recording (18 apps, 2 h, 500 commands
//             typed at the console: kubectl scale and annotate, git edit and
//             git commit, argocd app sync and get) and on the 150-app day's
//             recording, seeking to 50 seeded random moments in turn
//             (goals: p95 at most 100 ms and 1 s);
//   verify    `replay --verify` of the 150-app day (open + verify) against
//             its plain run (goal: at most 1.2x).
// A benchmark, not a test: the wall clock is read here and only here.
//
//   bench_record [--rounds N] [--only overhead|seek|verify] [--seeks N] [--seed S] [--apps N]
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fmt/core.h>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "../world/generator.hpp"
#include "sim/model/yaml.hpp"
#include "sim/record/recorder.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/replayer.hpp"
#include "sim/record/verify.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/source_files.hpp"
#include "sim/session/runner.hpp"
#include "sim/session/session.hpp"
#include "sim/world/world.hpp"

namespace {

namespace fs = std::filesystem;
using gs::bench::GeneratedWorld;
using gs::bench::WorldShape;

double sys_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6;
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// This thread's CPU time: a seek's own cost, whatever else the machine runs.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A generated world as a scenario file (JSON is YAML): what a recording keeps
// as its source. `timeline`: the generated commands go in it, at their times.
std::string scenario_text(const GeneratedWorld& gen, const std::string& name, gs::Duration length, bool timeline) {
  using nlohmann::ordered_json;
  ordered_json s;
  s["apiVersion"] = "gitops-sim/v1";
  s["kind"] = "Scenario";
  s["metadata"] = {{"name", name}, {"title", {{"en", name}, {"ko", name}}}};
  s["seed"] = gen.spec.seed;
  s["clock"] = {{"start", "2026-01-05T09:00:00Z"}, {"end", gs::format_duration(length)}};
  for (const auto& c : gen.spec.clusters) s["clusters"].push_back({{"name", c.name}, {"server", c.server}});
  for (const auto& img : gen.spec.registry) s["registry"].push_back({{"image", img.image}, {"tags", img.tags}});
  for (const auto& r : gen.spec.repos) {
    ordered_json repo = {{"name", r.name}, {"url", r.url}, {"webhook", r.webhook}};
    for (const auto& c : r.commits) {
      ordered_json files = ordered_json::object();
      for (const auto& [path, content] : c.files) files[path] = content.value_or("");
      repo["commits"].push_back({{"branch", c.branch}, {"author", c.author}, {"message", c.message}, {"files", files}});
    }
    s["repos"].push_back(repo);
  }
  for (const auto& a : gen.spec.applications) s["applications"].push_back(ordered_json::parse(gs::model::to_json(a)));
  s["timeline"] = ordered_json::array();
  if (timeline) {
    for (const auto& c : gen.commands) {
      s["timeline"].push_back({{"at", gs::format_duration(gs::Duration{c.at.ms})}, {"run", c.command}});
    }
  }
  return s.dump(1) + "\n";
}

struct Source {
  std::string name;  // the file name a recording keeps it under
  std::map<std::string, std::string> files;
  gs::scenario::Scenario scenario;
};

std::optional<Source> load_source(const std::string& name, std::string text) {
  Source src;
  src.name = name;
  src.files[name] = std::move(text);
  gs::scenario::StoredFiles stored(src.files);
  auto loaded = gs::scenario::load_scenario_file(name, nullptr, stored);
  if (!loaded.ok()) {
    fmt::print(stderr, "bench: {}: {}\n", name,
               loaded.errors.empty() ? std::string("does not load") : loaded.errors.front().render());
    return std::nullopt;
  }
  src.scenario = std::move(*loaded.scenario);
  return src;
}

gs::record::RecordingHeader header_of(const Source& src) {
  gs::record::RecordingHeader h;
  h.kind = gs::record::kKindScenario;
  h.source = src.name;
  h.sources = src.files;
  h.name = src.scenario.name;
  h.title = src.scenario.title.en;
  return h;
}

struct DayRun {
  double cpu_s = 1e300, wall_s = 0, sys_s = 0;  // sys_s: of cpu_s, in the kernel (the file's writes)
  std::size_t events = 0;
  std::string hash;
};

// The day as `gitops-sim run [--record OUT]` runs it; with `out`, recorded.
bool run_day(const Source& src, const fs::path* out, DayRun& r) {
  const double cpu0 = cpu_seconds(), wall0 = wall_seconds(), sys0 = sys_seconds();
  std::unique_ptr<gs::record::Recorder> rec;
  if (out) {
    auto made = gs::record::Recorder::create(*out, header_of(src));
    if (!made) {
      fmt::print(stderr, "bench: {}\n", made.error().message);
      return false;
    }
    rec = std::move(made.value());
  }
  gs::session::RunOptions opts;
  opts.observer = rec.get();
  auto result = gs::session::run_scenario(src.scenario, opts);
  if (!result) {
    fmt::print(stderr, "bench: {}\n", result.error().render());
    return false;
  }
  if (rec) {
    if (auto st = rec->close(result->world()); !st) {
      fmt::print(stderr, "bench: the recording stopped: {}\n", st.error().message);
      return false;
    }
  }
  r.cpu_s = cpu_seconds() - cpu0;
  r.wall_s = wall_seconds() - wall0;
  r.sys_s = sys_seconds() - sys0;
  r.events = result->world().log().size();
  r.hash = result->hash;
  return true;
}

void remove_recording(const fs::path& p) {
  std::error_code ec;
  for (const char* tail : {"", "-wal", "-shm", "-journal"}) fs::remove(p.string() + tail, ec);
}

// The classroom: 6 services x 3 environments, 2 hours, `commands` console
// commands spread evenly, a mix of the kinds a class types.
bool record_classroom(const fs::path& out, int commands, std::size_t& events) {
  WorldShape shape;
  shape.services = 6;
  shape.commits = commands;  // tags 1.0.0 .. 1.N.0 exist in the registry
  shape.drifts = 0;
  shape.length = gs::Duration::hours(2);
  const GeneratedWorld gen = gs::bench::generate_world(shape);
  auto src = load_source("classroom.yaml", scenario_text(gen, "classroom", shape.length, false));
  if (!src) return false;
  auto rec = gs::record::Recorder::create(out, header_of(*src));
  if (!rec) {
    fmt::print(stderr, "bench: {}\n", rec.error().message);
    return false;
  }
  gs::session::SessionOptions opts;
  opts.observer = rec->get();
  auto session = gs::session::Session::create(src->scenario, std::move(opts));
  if (!session) {
    fmt::print(stderr, "bench: {}\n", session.error().message);
    return false;
  }
  auto& s = **session;
  const char* const envs[] = {"dev", "staging", "prod"};
  const std::int64_t len = shape.length.ms;
  for (int i = 0; i < commands; ++i) {
    const int svc = (i * 5) % shape.services;
    const std::string env = envs[(i / 7) % 3];
    const std::string app = fmt::format("{}-svc{:02}", env, svc);
    const std::string overlay = fmt::format("overlays/{}/svc{:02}/kustomization.yaml", env, svc);
    gs::world::StagedFiles files;
    std::string line;
    switch (i % 6) {
      case 0:
        line = fmt::format("kubectl scale deployment/{} --replicas={} -n shop --cluster {}", app, 1 + i % 4, env);
        break;
      case 1:
        line = fmt::format("kubectl annotate deployment/{} bench/note=n{} --overwrite -n shop --cluster {}", app, i,
                           env);
        break;
      case 2:
        line = fmt::format("git edit platform@main {} images[0].newTag=1.{}.0 -m 'Release {}'", overlay, i % 40 + 1,
                           app);
        break;
      case 3: {
        line = fmt::format("git commit platform@main -m 'Log level for {}' --author \"Jisoo Kim <jisoo@example.com>\"",
                           app);
        files[fmt::format("overlays/{}/svc{:02}/kustomization.yaml", env, svc)] = fmt::format(
            "resources:\n  - ../../../base/svc{0:02}\nnamePrefix: {1}-\nimages:\n  - name: registry.example/shop/svc{0:02}\n"
            "    newTag: \"1.{2}.0\"\ncommonLabels:\n  env: {1}\n  build: \"{3}\"\n",
            svc, env, i % 40 + 1, i);
        break;
      }
      case 4:
        line = fmt::format("argocd app sync {}", app);
        break;
      default:
        line = fmt::format("argocd app get {}", app);
        break;
    }
    s.run_through(gs::TimePoint{len * (i + 1) / (commands + 1)});
    (void)s.run(line, gs::session::Issuer{gs::session::Origin::Console, "learner"}, files);
  }
  s.run_through(s.end());
  if (auto st = (*rec)->close(s.world()); !st) {
    fmt::print(stderr, "bench: the recording stopped: {}\n", st.error().message);
    return false;
  }
  events = s.world().log().size();
  return true;
}

struct SeekFigures {
  double open_ms = 0, create_ms = 0, full_ms = 0;  // full: a fresh replayer to the end (CPU)
  double p50 = 0, p95 = 0, max = 0;              // wall
  double cpu_p50 = 0, cpu_p95 = 0, cpu_max = 0;  // this thread's CPU
  int backwards = 0;
};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// Seeks a Replayer on `file` to `n` seeded random moments, one after another.
bool seek_bench(const fs::path& file, int n, std::uint64_t seed, SeekFigures& f) {
  double t0 = wall_seconds();
  auto rec = gs::record::Recording::open(file);
  if (!rec) {
    fmt::print(stderr, "bench: {}\n", rec.error().message);
    return false;
  }
  f.open_ms = (wall_seconds() - t0) * 1000;
  t0 = wall_seconds();
  auto rp = gs::record::Replayer::create(*rec);
  if (!rp) {
    fmt::print(stderr, "bench: {}\n", rp.error().message);
    return false;
  }
  f.create_ms = (wall_seconds() - t0) * 1000;
  {
    auto full = gs::record::Replayer::create(*rec);
    if (!full) return false;
    const double c0 = thread_cpu_seconds();
    if (auto st = (*full)->seek((*full)->end()); !st) return false;
    f.full_ms = (thread_cpu_seconds() - c0) * 1000;
  }
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::int64_t> pick(0, (*rp)->end());
  std::vector<double> ms, cpu_ms;
  for (int i = 0; i < n; ++i) {
    const std::int64_t to = pick(rng);
    if (to < (*rp)->pos()) ++f.backwards;
    t0 = wall_seconds();
    const double c0 = thread_cpu_seconds();
    if (auto st = (*rp)->seek(to); !st) {
      fmt::print(stderr, "bench: seek: {}\n", st.error().message);
      return false;
    }
    cpu_ms.push_back((thread_cpu_seconds() - c0) * 1000);
    ms.push_back((wall_seconds() - t0) * 1000);
  }
  f.cpu_p50 = percentile(cpu_ms, 0.5);
  f.cpu_p95 = percentile(cpu_ms, 0.95);
  f.cpu_max = *std::max_element(cpu_ms.begin(), cpu_ms.end());
  f.p50 = percentile(ms, 0.5);
  f.p95 = percentile(ms, 0.95);
  f.max = *std::max_element(ms.begin(), ms.end());
  return true;
}

struct VerifyRun {
  double cpu_s = 1e300;
  gs::record::VerifyReport report;
};

bool verify_once(const fs::path& file, VerifyRun& out) {
  const double cpu0 = cpu_seconds();
  auto rec = gs::record::Recording::open(file);
  if (!rec) {
    fmt::print(stderr, "bench: {}\n", rec.error().message);
    return false;
  }
  auto report = gs::record::verify(*rec);
  if (!report) {
    fmt::print(stderr, "bench: verify: {}\n", report.error().message);
    return false;
  }
  out.cpu_s = cpu_seconds() - cpu0;
  out.report = *report;
  if (!report->same()) {
    fmt::print(stderr, "bench: {}", gs::record::verify_text(*rec, *report));
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"bench_record: what recording, seeking and verifying cost (recording-format.md, Speed)"};
  int rounds = 3, seeks = 50, apps = 150, commands = 500;
  std::uint64_t seed = 1;
  std::string only;
  cli.add_option("--rounds", rounds, "runs of each kind, alternating; the fastest of each counts")
      ->check(CLI::Range(1, 20));
  cli.add_option("--only", only, "one part: overhead, seek or verify")
      ->check(CLI::IsMember({"overhead", "seek", "verify"}));
  cli.add_option("--seeks", seeks, "random moments to seek to, per recording")->check(CLI::Range(1, 10000));
  cli.add_option("--seed", seed, "the seeks' random moments");
  cli.add_option("--apps", apps, "Applications of the day (3 per service)")->check(CLI::Range(3, 30000));
  cli.add_option("--commands", commands, "console commands of the classroom recording")->check(CLI::Range(1, 100000));
  CLI11_PARSE(cli, argc, argv);
  const bool all = only.empty();

  std::error_code ec;
  const fs::path dir = fs::temp_directory_path() / fmt::format("bench_record-{}", getpid());
  fs::create_directories(dir, ec);
  if (ec) {
    fmt::print(stderr, "bench: cannot make {}: {}\n", dir.string(), ec.message());
    return 2;
  }
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{dir};

  WorldShape shape;
  shape.services = (apps + 2) / 3;
  shape.commits = 50;
  shape.drifts = 20;
  const GeneratedWorld gen = gs::bench::generate_world(shape);
  auto day = load_source("day.yaml", scenario_text(gen, "virtual-day", shape.length, true));
  if (!day) return 2;
  const fs::path day_rec = dir / "day.gsrec";

  // The day's recording that seek and verify read (untimed).
  {
    DayRun run;
    if (!run_day(*day, &day_rec, run)) return 1;
  }

  // Rounds of the day plain, recorded and verified, each round in another
  // order, so none always meets the warmer heap; the fastest of each counts.
  const bool do_overhead = all || only == "overhead", do_verify = all || only == "verify";
  DayRun plain, recorded;
  VerifyRun verified;
  if (do_overhead || do_verify) {
    const fs::path scratch = dir / "scratch.gsrec";
    std::vector<int> kinds = {0};  // 0 plain, 1 recorded, 2 verified
    if (do_overhead) kinds.push_back(1);
    if (do_verify) kinds.push_back(2);
    for (int r = 0; r < rounds; ++r) {
      for (std::size_t k = 0; k < kinds.size(); ++k) {
        const int kind = kinds[(k + static_cast<std::size_t>(r)) % kinds.size()];
        if (kind == 2) {
          VerifyRun v;
          if (!verify_once(day_rec, v)) return 1;
          if (v.cpu_s < verified.cpu_s) verified = v;
          continue;
        }
        DayRun run;
        remove_recording(scratch);
        if (!run_day(*day, kind == 1 ? &scratch : nullptr, run)) return 1;
        DayRun& best = kind == 1 ? recorded : plain;
        if (run.cpu_s < best.cpu_s) best = run;
      }
    }
    fmt::print("day: {} apps, {} commits and {} drifts in the timeline, {} events, {:.2f} s CPU ({:.2f} s wall) "
               "without a recorder\n",
               gen.spec.applications.size(), shape.commits, shape.drifts, plain.events, plain.cpu_s, plain.wall_s);
    if (do_overhead) {
      if (recorded.hash != plain.hash) {
        fmt::print(stderr, "bench: recording changed the run\n");
        return 1;
      }
      fmt::print("overhead: with a Recorder {:.2f} s CPU ({:.2f} s of it in the kernel, against {:.2f} s without; "
                 "{:.2f} s wall), file {:.1f} MB: {:+.1f} % CPU (fastest of {} rounds each, rotating the order; "
                 "goal < +5 %)\n",
                 recorded.cpu_s, recorded.sys_s, plain.sys_s, recorded.wall_s, static_cast<double>(fs::file_size(day_rec, ec)) / 1e6,
                 (recorded.cpu_s / plain.cpu_s - 1.0) * 100.0, rounds);
    }
    if (do_verify) {
      fmt::print("verify: 150-app day: {} events and {} checkpoints the same, open + verify {:.2f} s CPU against "
                 "the run's {:.2f} s: {:.2f}x (fastest of {} rounds; goal <= 1.2x)\n",
                 verified.report.events_checked, verified.report.checkpoints_checked, verified.cpu_s, plain.cpu_s,
                 verified.cpu_s / plain.cpu_s, rounds);
    }
  }

  if (all || only == "seek") {
    const fs::path class_rec = dir / "classroom.gsrec";
    std::size_t class_events = 0;
    if (!record_classroom(class_rec, commands, class_events)) return 1;
    VerifyRun cv;
    if (!verify_once(class_rec, cv)) return 1;
    SeekFigures c, d;
    if (!seek_bench(class_rec, seeks, seed, c)) return 1;
    if (!seek_bench(day_rec, seeks, seed, d)) return 1;
    auto line = [&](const char* what, const SeekFigures& f, int goal) {
      fmt::print("seek: {}: open {:.1f} ms, replayer {:.1f} ms, replay start to end {:.0f} ms CPU; {} seeks ({} "
                 "backwards): wall p50 {:.1f} ms, p95 {:.1f} ms, max {:.1f} ms; CPU p50 {:.1f} ms, p95 {:.1f} ms, max "
                 "{:.1f} ms (goal p95 <= {} ms)\n",
                 what, f.open_ms, f.create_ms, f.full_ms, seeks, f.backwards, f.p50, f.p95, f.max, f.cpu_p50,
                 f.cpu_p95, f.cpu_max, goal);
    };
    line(fmt::format("classroom (18 apps, 2h, {} console commands, {} events; verifies)", cv.report.commands,
                     class_events)
             .c_str(),
         c, 100);
    line("150-app day", d, 1000);
  }

  return 0;
}
