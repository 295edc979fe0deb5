// gitops-sim: the command-line entry point. Subcommands as the scenario
// format's CLI contract says: run, validate, exec, export, gui; and the
// lesson CLI of lesson-format.md: lessons, lesson NAME, lesson verify, and
// bare `gitops-sim` (the learner's next lesson). Exit codes: 0 success, 1
// an expectation or a command failed, 2 bad input.
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <memory>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sim/cli/class_cmd.hpp"
#include "sim/cli/gui_flags.hpp"
#include "sim/cli/gui_progress.hpp"
#include "sim/cli/recording.hpp"
#include "sim/cli/report.hpp"
#include "sim/cli/metrics.hpp"
#include "sim/record/recorder.hpp"
#include "sim/scenario/source_files.hpp"
#include "sim/git/export.hpp"
#include "sim/help/help.hpp"
#include "sim/lesson/catalog.hpp"
#include "sim/classroom/class_plan.hpp"
#include "sim/lesson/loader.hpp"
#include "sim/lesson/progress.hpp"
#include "sim/lesson/runner.hpp"
#include "sim/lesson/terminal.hpp"
#include "sim/lesson/verify.hpp"
#include "sim/pair/pair_console.hpp"
#include "sim/pair/pair_run.hpp"
#include "sim/git/repository.hpp"
#include "sim/model/yaml.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/session/runner.hpp"
#include "sim/ui/app.hpp"
#include "sim/world/event_json.hpp"
#include "sim/core/events.hpp"
#include "sim/world/world.hpp"

#ifndef GS_SCENARIO_DIR
#define GS_SCENARIO_DIR "scenarios"
#endif
#ifndef GS_LESSON_DIR
#define GS_LESSON_DIR "lessons"
#endif

namespace {

namespace fs = std::filesystem;
using gs::scenario::Scenario;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;

struct Colors {
  bool on = false;
  std::string c(const char* code, const std::string& s) const { return on ? std::string("\033[") + code + "m" + s + "\033[0m" : s; }
  std::string dim(const std::string& s) const { return c("2", s); }
  std::string green(const std::string& s) const { return c("32", s); }
  std::string red(const std::string& s) const { return c("31", s); }
  std::string yellow(const std::string& s) const { return c("33", s); }
  std::string cyan(const std::string& s) const { return c("36", s); }
  std::string bold(const std::string& s) const { return c("1", s); }
};

std::optional<Scenario> load_or_report(const std::string& file,
                                       gs::scenario::SourceFiles& files = gs::scenario::disk_files()) {
  auto loaded = gs::scenario::load_scenario_file(file, nullptr, files);
  if (!loaded.ok()) {
    std::cerr << gs::render_all(loaded.errors);
    return std::nullopt;
  }
  return std::move(*loaded.scenario);
}

gs::Result<gs::Duration> parse_time_flag(const std::string& flag, const std::string& text) {
  auto d = gs::parse_duration(text);
  if (!d) return gs::Error(flag + ": " + d.error().message);
  return d;
}

std::string type_color(const Colors& col, const std::string& type, const std::string& text) {
  if (type == "SyncFailed" || type == "ComparisonError" || type == "SyncError" || type == "ActionFailed" ||
      type == "ResourceSyncFailed" || type == "InvalidSpecError") {
    return col.red(text);
  }
  if (type == "SyncSucceeded") return col.green(text);
  if (type == "LiveChanged" || type == "FaultInjected") return col.yellow(text);
  if (type == "Committed" || type == "Action") return col.cyan(text);
  return text;
}

void print_timeline(const gs::world::World& w, const Colors& col, const std::string& lang) {
  const std::int64_t start = w.spec().clock_start_epoch_s;
  for (const auto& e : w.log().events()) {
    const std::string clock = gs::format_rfc3339_utc(start + e.t.ms / 1000).substr(11, 8);
    std::string offset = gs::format_offset(e.t);
    offset.resize(std::max<std::size_t>(offset.size() + 1, 14), ' ');
    std::string type = e.type;
    type.resize(std::max<std::size_t>(type.size(), 20), ' ');
    const std::string text = gs::events::describe(e, lang);
    const auto nl = text.find('\n');
    std::cout << col.dim(offset) << col.dim(clock) << "  " << type_color(col, e.type, type) << " "
              << text.substr(0, nl) << "\n";
    // Multi-line text (a command's output) is indented under its event.
    for (std::size_t i = nl; i != std::string::npos && i + 1 < text.size();) {
      const std::size_t j = text.find('\n', i + 1);
      std::cout << std::string(44, ' ') << col.dim(text.substr(i + 1, j == std::string::npos ? std::string::npos : j - i - 1)) << "\n";
      i = j;
    }
  }
}

// The shipped lessons: the source tree's lessons/, or $GS_LESSON_DIR (tests).
fs::path lesson_dir() {
  const char* env = std::getenv("GS_LESSON_DIR");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path(GS_LESSON_DIR);
}

constexpr int kGuiNoDisplay = 3;  // run_gui's "no display": fall back to the terminal

// What `gui` shows besides a scenario: a lesson (at a step, for
// screenshots) or the home screen.
struct GuiLessonArgs {
  std::string lesson_file, profile, step;
  bool home = false, solve = false, check = false;
  int hints = 0, answer = 0;  // answer: 1-based, 0 none
};

// Pair mode's flags (issue 11), on `gui` and `lesson`: --pair "A,B",
// --swap 3m, --pair-elapsed T (wall time counted as passed: a swap's moment).
struct PairArgs {
  std::string names, swap, elapsed;
};

void add_pair_flags(CLI::App& cmd, PairArgs& a) {
  cmd.add_option("--pair", a.names, "pair mode: two names, \"Mina,Joon\" (Mina drives first)");
  cmd.add_option("--swap", a.swap, "with --pair: swap roles every this much wall time (default 3m)");
  cmd.add_option("--pair-elapsed", a.elapsed,
                 "with --pair: count this much wall time as passed already (e.g. 3m: the first swap, on a screenshot)");
}

// The pair's config (nullopt: no --pair) and the elapsed wall time; false
// after saying what is wrong.
bool parse_pair_args(const char* cmd, const PairArgs& a, std::optional<gs::pair::PairConfig>& out,
                     std::int64_t& elapsed_ms) {
  if (a.names.empty()) {
    if (!a.swap.empty() || !a.elapsed.empty()) {
      std::cerr << cmd << ": --swap and --pair-elapsed need --pair \"A,B\"\n";
      return false;
    }
    return true;
  }
  auto c = gs::pair::parse_pair(a.names, a.swap);
  if (!c) {
    std::cerr << cmd << ": " << c.error().message << "\n";
    return false;
  }
  out = *c;
  if (!a.elapsed.empty()) {
    auto d = gs::parse_duration(a.elapsed);
    if (!d) {
      std::cerr << cmd << ": --pair-elapsed '" << a.elapsed << "': " << d.error().message << " (e.g. 3m)\n";
      return false;
    }
    elapsed_ms = d->ms;
  }
  return true;
}

int cmd_gui(const std::string& file, const std::string& at, const std::string& screenshot, const std::string& size,
            int bench_frames, const std::string& lang, const GuiLessonArgs& la = {},
            const gs::cli::RecordFlags& record = {}, const gs::cli::GuiViewFlags& vf = {}, const PairArgs& pair = {}) {
  gs::ui::GuiOptions opts;
  if (!parse_pair_args("gui", pair, opts.pair, opts.pair_elapsed_ms)) return kExitBadInput;
  if (record.no_record && !record.out.empty()) {
    std::cerr << "gui: --record and --no-record: give one\n";
    return kExitBadInput;
  }
  opts.record_file = record.out;
  opts.record = !record.no_record;
  opts.scenario_file = file;
  opts.lesson_file = la.lesson_file;
  opts.profile = la.profile;
  opts.screenshot_png = screenshot;
  opts.bench_frames = bench_frames;
  opts.language = lang;
  if (!at.empty()) {
    auto t = parse_time_flag("--at", at);
    if (!t) {
      std::cerr << t.error().message << "\n";
      return kExitBadInput;
    }
    opts.at = *t;
  }
  // A lesson starts at its own time, the home screen has none.
  if (!screenshot.empty() && !opts.at && !file.empty() && la.lesson_file.empty() && !la.home) {
    std::cerr << "gui: --screenshot needs --at T (the virtual time to render)\n";
    return kExitBadInput;
  }
  if (!size.empty() && !gs::cli::parse_window_size("gui", size, opts.width, opts.height)) return kExitBadInput;
  if (lang != "en" && lang != "ko") {
    std::cerr << "gui: --lang '" << lang << "': expected en or ko\n";
    return kExitBadInput;
  }
  // --bench-frames measures a running scenario: the clock plays at 10x.
  gs::ui::ViewOptions view;
  if (bench_frames > 0) view.speed = 10;
  if (auto st = gs::cli::apply_gui_view_flags(vf, !la.lesson_file.empty(), view); !st) {
    std::cerr << "gui: " << st.error().message << "\n";
    return kExitBadInput;
  }
  const bool lesson_view = !la.step.empty() || la.solve || la.check || la.hints > 0 || la.answer > 0;
  if (lesson_view && la.lesson_file.empty()) {
    std::cerr << "gui: --step, --hints, --answer, --solve and --check need --lesson FILE\n";
    return kExitBadInput;
  }
  if (la.answer < 0 || la.hints < 0) {
    std::cerr << "gui: --answer and --hints count from 1\n";
    return kExitBadInput;
  }
  view.home = la.home;
  view.lesson_step = la.step;
  view.lesson_hints = la.hints;
  view.lesson_answer = la.answer - 1;
  view.lesson_solve = la.solve;
  view.lesson_check = la.check;
  // A learner's window keeps progress; screenshots and benchmarks do not.
  if (screenshot.empty() && bench_frames == 0) {
    const std::string profile = la.profile.empty() ? std::string(gs::lesson::kDefaultProfile) : la.profile;
    if (auto st = gs::lesson::check_profile_name(profile); !st) {
      std::cerr << "gui: --profile: " << st.error().message << "\n";
      return kExitBadInput;
    }
    gs::cli::attach_progress(opts, profile, lesson_dir());
  }
  return gs::ui::run_gui(opts, view);
}

int cmd_run(const std::string& file, const std::string& until, std::optional<std::uint64_t> seed, bool json,
            const std::string& lang, const gs::cli::RecordFlags& record = {}) {
  if (lang != "en" && lang != "ko") {
    std::cerr << "run: --lang '" << lang << "': expected en or ko\n";
    return kExitBadInput;
  }
  const bool ko = lang == "ko";
  gs::scenario::KeepingFiles read;
  auto sc = load_or_report(file, read);
  if (!sc) return kExitBadInput;
  gs::session::RunOptions opts;
  opts.seed = seed;
  // `run` records only when asked (--record OUT).
  gs::record::RecordingHeader header;
  header.kind = gs::record::kKindScenario;
  header.source = file;
  header.sources = read.kept();
  header.seed = seed;
  header.lang = lang;
  header.name = sc->name;
  header.title = sc->title.en;
  auto recorder = gs::cli::start_recording(record, false, header);
  if (!recorder) {
    std::cerr << "run: " << recorder.error().message << "\n";
    return kExitBadInput;
  }
  opts.observer = recorder->get();
  if (!until.empty()) {
    auto d = parse_time_flag("--until", until);
    if (!d) {
      std::cerr << d.error().message << "\n";
      return kExitBadInput;
    }
    opts.until = *d;
  }
  auto result = gs::session::run_scenario(*sc, opts);
  if (!result) {
    std::cerr << result.error().render() << "\n";
    return kExitBadInput;
  }
  if (auto* r = recorder->get()) {
    if (auto st = r->close(result->world()); !st) {
      std::cerr << "run: the recording stopped: " << st.error().message << "\n";
      return kExitBadInput;
    }
  }
  const Colors col{!json && isatty(STDOUT_FILENO) != 0};
  if (json) {
    for (const auto& e : result->world().log().events()) std::cout << gs::world::event_to_json(e) << "\n";
    nlohmann::ordered_json r;
    r["type"] = "Result";
    r["scenario"] = sc->name;
    r["seed"] = seed.value_or(sc->world.seed);
    r["stoppedAt"] = result->stopped_at.ms;
    nlohmann::ordered_json exps = nlohmann::ordered_json::array();
    for (const auto& x : result->expectations) {
      nlohmann::ordered_json o;
      o["check"] = x.check.text;
      o["line"] = x.check.pos.line;
      o["passed"] = x.passed;
      o["seen"] = x.seen;
      exps.push_back(o);
    }
    r["expectations"] = exps;
    r["passed"] = result->all_passed;
    r["hash"] = result->hash;
    std::cout << r.dump() << "\n";
  } else {
    const std::string& title = ko && !sc->title.ko.empty() ? sc->title.ko : sc->title.en;
    std::cout << col.bold(title.empty() ? sc->name : title)
              << col.dim((ko ? "  (시드 " : "  (seed ") + std::to_string(seed.value_or(sc->world.seed)) + ")") << "\n";
    print_timeline(result->world(), col, lang);
    std::cout << "\n" << col.bold(ko ? "기대 결과 (expect)" : "Expectations") << "\n";
    int passed = 0;
    for (const auto& x : result->expectations) {
      if (x.passed) ++passed;
      std::cout << (x.passed ? col.green("  PASS ") : col.red("  FAIL ")) << x.check.text
                << col.dim("  (" + file + ":" + std::to_string(x.check.pos.line) + ")");
      if (!x.passed || !x.seen.empty()) std::cout << col.dim((ko ? "  본 것: " : "  saw: ") + x.seen);
      std::cout << "\n";
    }
    const std::size_t failed = result->expectations.size() - static_cast<std::size_t>(passed);
    if (ko) std::cout << "통과 " << passed << "개, 실패 " << failed << "개\n";
    else std::cout << passed << " passed, " << failed << " failed\n";
    std::cout << col.dim("event stream sha256 " + result->hash) << "\n";
  }
  return result->all_passed ? kExitOk : kExitFailed;
}

int cmd_validate(const std::vector<std::string>& files) {
  int rc = kExitOk;
  for (const auto& f : files) {
    if (gs::classroom::is_class_plan_file(f)) {
      auto plan = gs::classroom::load_class_plan_file(f);
      if (!plan.ok()) {
        std::cout << gs::render_all(plan.errors);
        rc = kExitBadInput;
        continue;
      }
      std::cout << f << ": ok\n";
      continue;
    }
    if (gs::lesson::is_lesson_file(f)) {
      auto lesson = gs::lesson::load_lesson_file(f);
      if (!lesson.ok()) {
        std::cout << gs::render_all(lesson.errors);
        rc = kExitBadInput;
        continue;
      }
      if (auto w = gs::world::World::create(lesson.lesson->world.world); !w) {
        std::cout << w.error().render() << "\n";
        rc = kExitBadInput;
        continue;
      }
      std::cout << f << ": ok\n";
      continue;
    }
    auto loaded = gs::scenario::load_scenario_file(f);
    if (!loaded.ok()) {
      std::cout << gs::render_all(loaded.errors);
      rc = kExitBadInput;
      continue;
    }
    // Building the world checks what only Git can: histories, branches, live objects.
    auto w = gs::world::World::create(loaded.scenario->world);
    if (!w) {
      std::cout << w.error().render() << "\n";
      rc = kExitBadInput;
      continue;
    }
    std::cout << f << ": ok\n";
    // Loads, but Argo CD will show a ComparisonError there (it may be the lesson).
    for (const auto& e : loaded.warnings) std::cout << e.render() << " (warning)\n";
  }
  return rc;
}

// `gitops-sim lesson verify FILE...`: lesson-format.md's "Verification (CI)".
int cmd_lesson_verify(const std::vector<std::string>& files) {
  const auto report = gs::lesson::verify_files(files);
  std::cout << report.output;
  return report.exit_code;
}

int cmd_exec(const std::string& file, const std::string& at, const std::vector<std::string>& commands) {
  auto sc = load_or_report(file);
  if (!sc) return kExitBadInput;
  auto t = parse_time_flag("--at", at);
  if (!t) {
    std::cerr << t.error().message << "\n";
    return kExitBadInput;
  }
  // Through a session, as the runner and the GUI drive the world: commands
  // that let time pass apply the timeline on the way.
  auto ran = gs::session::exec_commands(*sc, gs::TimePoint{t->ms}, commands);
  if (!ran) {
    std::cerr << ran.error().render() << "\n";
    return kExitBadInput;
  }
  for (const auto& out : ran->outcomes) {
    if (!out.ok) {
      std::cerr << "error: " << out.output << "\n";
      return kExitFailed;
    }
    std::cout << out.output;
  }
  return ran->exit_code;  // e.g. `argocd app diff` found differences, as the real CLI exits
}

int cmd_export(const std::string& file, const std::string& to, const std::string& at) {
  auto sc = load_or_report(file);
  if (!sc) return kExitBadInput;
  gs::TimePoint when{0};
  if (!at.empty()) {
    auto t = parse_time_flag("--at", at);
    if (!t) {
      std::cerr << t.error().message << "\n";
      return kExitBadInput;
    }
    when = gs::TimePoint{t->ms};
  }
  std::error_code ec;
  if (fs::exists(to, ec) && !fs::is_empty(to, ec)) {
    std::cerr << "export: " << to << " is not empty; refusing to write into it\n";
    return kExitBadInput;
  }
  auto w = gs::session::run_to(*sc, when);
  if (!w) {
    std::cerr << w.error().render() << "\n";
    return kExitBadInput;
  }
  fs::create_directories(fs::path(to) / "repos", ec);
  fs::create_directories(fs::path(to) / "applications", ec);
  if (ec) {
    std::cerr << "export: cannot create " << to << ": " << ec.message() << "\n";
    return kExitBadInput;
  }
  for (const auto& r : (*w)->world().repos()) {
    const fs::path dir = fs::path(to) / "repos" / (r.name + ".git");
    if (auto st = gs::git::export_bare(*r.repo, dir); !st) {
      std::cerr << "export: " << r.name << ": " << st.error().message << "\n";
      return kExitFailed;
    }
    std::cout << dir.string() << "\n";
  }
  for (const auto& a : sc->world.applications) {
    const std::string name = a.get_string({"metadata", "name"}).value_or("app");
    const fs::path path = fs::path(to) / "applications" / (name + ".yaml");
    std::ofstream(path) << gs::model::to_yaml(a);
    std::cout << path.string() << "\n";
  }
  return kExitOk;
}

// `help`: every command, one line each; `help git commit`: that command's
// section of docs/reference/commands.md (or the Korean page).
int cmd_help(const std::vector<std::string>& words, const std::string& lang_text) {
  const auto lang = gs::help::parse_lang(lang_text);
  if (!lang) {
    std::cerr << "help: --lang '" << lang_text << "': expected en or ko\n";
    return kExitBadInput;
  }
  if (words.empty()) {
    std::cout << gs::help::overview(*lang);
    return kExitOk;
  }
  std::string asked;
  for (const auto& w : words) asked += (asked.empty() ? "" : " ") + w;
  auto text = gs::help::command(asked, *lang);
  if (!text) {
    std::cerr << "help: " << text.error().message << "\n";
    return kExitBadInput;
  }
  std::cout << *text;
  return kExitOk;
}


// ---------------------------------------------------------------------------
// The lesson CLI (lesson-format.md, "The lesson CLI")


// A window can open only where a display is named; without one the lesson
// goes to the terminal at once (run_gui's own check, exit 3, is the backstop).
bool display_named() {
  for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY"}) {
    const char* d = std::getenv(v);
    if (d != nullptr && *d != '\0') return true;
  }
  return false;
}

int terminal_columns() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    return std::clamp(static_cast<int>(ws.ws_col), 40, 100);
  }
  return 80;
}

bool colour_wanted() {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
}

gs::Status check_lang(const std::string& lang) {
  if (lang == "en" || lang == "ko") return {};
  return gs::Error("--lang '" + lang + "': expected en or ko");
}

// The progress of every lesson of the catalogue for `profile` (nothing when
// the learner has no progress file yet).
gs::Result<std::vector<gs::lesson::LessonProgress>> catalog_progress(const std::vector<gs::lesson::CatalogEntry>& catalog,
                                                                     const std::string& profile) {
  std::vector<gs::lesson::LessonProgress> out;
  auto file = gs::lesson::default_progress_file();
  if (!file) return file.error();
  std::error_code ec;
  std::unique_ptr<gs::lesson::ProgressStore> store;
  if (fs::exists(*file, ec)) {
    auto opened = gs::lesson::ProgressStore::open(*file, gs::lesson::ProgressStore::Mode::ReadOnly);
    if (!opened) return opened.error();
    store = std::move(opened.value());
  }
  for (const auto& e : catalog) {
    std::vector<gs::lesson::StepRecord> records;
    if (store) {
      auto r = store->load(profile, e.lesson.name);
      if (!r) return r.error();
      records = std::move(r.value());
    }
    out.push_back(gs::lesson::summarize(e.lesson, records));
  }
  return out;
}

// --profile and --lang, checked: false after saying what is wrong.
bool learner_flags_ok(const char* who, const std::string& profile, const std::string& lang) {
  gs::Status st = gs::lesson::check_profile_name(profile);
  if (st) st = check_lang(lang);
  if (!st) std::cerr << who << ": " << st.error().message << "\n";
  return st.ok();
}

// The lessons with the learner's progress in each; nullopt after saying
// what is wrong (a lesson that does not load, a bad progress file).
struct Catalog {
  std::vector<gs::lesson::CatalogEntry> lessons;
  std::vector<gs::lesson::LessonProgress> progress;
};
std::optional<Catalog> load_catalog_or_report(const char* who, const std::string& profile) {
  auto lessons = gs::lesson::load_catalog(lesson_dir());
  if (!lessons) {
    std::cerr << who << ": " << lessons.error().message << "\n";
    return std::nullopt;
  }
  auto progress = catalog_progress(*lessons, profile);
  if (!progress) {
    std::cerr << who << ": " << progress.error().message << "\n";
    return std::nullopt;
  }
  return Catalog{std::move(lessons.value()), std::move(progress.value())};
}

std::string progress_text(const gs::lesson::LessonProgress& p, const std::string& lang) {
  if (p.finished()) return lang == "ko" ? "완료" : "done";
  if (!p.started) return "—";
  return lang == "ko" ? fmt::format("{}/{} 단계", p.done, p.total) : fmt::format("{}/{} steps", p.done, p.total);
}

int cmd_lessons(const std::string& profile, const std::string& lang) {
  if (!learner_flags_ok("lessons", profile, lang)) return kExitBadInput;
  auto loaded = load_catalog_or_report("lessons", profile);
  if (!loaded) return kExitBadInput;
  const auto& catalog = loaded->lessons;
  const auto& progress = loaded->progress;
  const Colors col{colour_wanted()};
  const bool ko = lang == "ko";
  std::cout << col.bold(ko ? "레슨" : "Lessons") << col.dim((ko ? "  (프로필 " : "  (profile ") + profile + ")") << "\n";
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const auto& l = catalog[i].lesson;
    const auto& p = progress[i];
    const std::string title = lang == "ko" ? l.title.ko : l.title.en;
    std::string concepts;
    for (const auto& c : l.concepts) concepts += (concepts.empty() ? "" : ", ") + c;
    const std::string status = progress_text(p, lang);
    const std::string shown = p.finished() ? col.green(status) : p.started ? col.yellow(status) : col.dim(status);
    // Titles are padded by display width: Korean letters take two columns.
    const std::size_t w = gs::lesson::display_width(title);
    std::cout << fmt::format("{:>3}. ", i + 1) << title << std::string(w < 44 ? 44 - w : 1, ' ')
              << fmt::format(fmt::runtime(ko ? "{:>3}분  " : "{:>3} min  "), l.minutes) << shown << "\n";
    std::cout << "     " << col.dim(catalog[i].file.stem().string() + "  " + concepts) << "\n";
  }
  std::cout << col.dim(lang == "ko" ? "시작: gitops-sim lesson 이름 (예: gitops-sim lesson 1)"
                                    : "Start one: gitops-sim lesson NAME (e.g. gitops-sim lesson 1)")
            << "\n";
  return kExitOk;
}

// Runs `lesson` for `profile`: in the window when a display is there and
// `terminal` is not asked, else the terminal session on stdin/stdout.
int open_lesson(const fs::path& file, gs::lesson::Lesson lesson, const std::string& profile, const std::string& lang,
                bool terminal, const std::string& next_lesson, const gs::cli::RecordFlags& record = {},
                const PairArgs& pair_args = {}) {
  std::optional<gs::pair::PairConfig> pair;
  std::int64_t pair_elapsed = 0;
  if (!parse_pair_args("lesson", pair_args, pair, pair_elapsed)) return kExitBadInput;
  if (!terminal && display_named()) {
    gs::ui::GuiOptions opts;
    opts.pair = pair;
    opts.pair_elapsed_ms = pair_elapsed;
    opts.lesson_file = file.string();
    opts.profile = profile;
    opts.language = lang;
    opts.record_file = record.out;
    opts.record = !record.no_record;
    gs::cli::attach_progress(opts, profile, lesson_dir());
    const int rc = gs::ui::run_gui(opts);
    if (rc != kGuiNoDisplay) return rc;
  }
  auto store = gs::lesson::open_default_store();
  if (!store) {
    std::cerr << "lesson: " << store.error().message << "\n";
    return kExitBadInput;
  }
  // Recorded by default: the lesson read again, keeping every file it reads.
  gs::scenario::KeepingFiles read;
  auto reread = gs::lesson::load_lesson_file(file, read);
  if (!reread.ok()) {
    std::cerr << gs::render_all(reread.errors);
    return kExitBadInput;
  }
  lesson = std::move(*reread.lesson);
  gs::record::RecordingHeader header;
  header.kind = gs::record::kKindLesson;
  header.source = file.string();
  header.sources = read.kept();
  header.lang = lang;
  header.name = lesson.name;
  header.title = lang == "ko" ? lesson.title.ko : lesson.title.en;
  if (pair) {
    for (const auto& [name, role] : gs::pair::participants_of(*pair)) header.participants.push_back({name, role});
  } else {
    header.participants.push_back({profile, "learner"});
  }
  auto recorder = gs::cli::start_recording(record, true, header);
  if (!recorder) {
    std::cerr << "lesson: cannot record: " << recorder.error().message << " (--no-record to go on without)\n";
    return kExitBadInput;
  }
  auto run = gs::lesson::LessonRun::start(std::move(lesson), lang, recorder->get());
  if (!run) {
    std::cerr << "lesson: " << run.error().render() << "\n";
    return kExitBadInput;
  }
  gs::lesson::TerminalOptions opts;
  opts.lang = lang;
  opts.color = colour_wanted();
  opts.echo = isatty(STDIN_FILENO) == 0;
  opts.width = terminal_columns();
  opts.store = store->get();
  opts.profile = profile;
  opts.next_lesson = next_lesson;
  if ((*store)->read_only()) {
    std::cerr << "lesson: " << (*store)->file().string() << " is read-only: progress will not be saved\n";
  }
  // Pair mode: the wall clock read here (the pair's logic takes numbers).
  std::unique_ptr<gs::pair::PairRun> pair_run;
  std::unique_ptr<gs::pair::PairConsole> pair_console;
  if (pair) {
    const auto t0 = std::chrono::steady_clock::now();
    auto wall_ms = [t0, pair_elapsed] {
      return pair_elapsed + std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    };
    pair_run = std::make_unique<gs::pair::PairRun>(*pair, 0);
    pair_console = std::make_unique<gs::pair::PairConsole>(*pair_run, lang);
    gs::lesson::LessonRun* lr = run->get();
    opts.issuer = [&pair_run, lr] { return pair_run->issuer(gs::session::Origin::Console, lr); };
    opts.before_prompt = [&pair_console, lr, wall_ms] { return pair_console->before_prompt(*lr, wall_ms()); };
  }
  const int rc = gs::lesson::run_terminal(**run, std::cin, std::cout, opts);
  if (auto* r = recorder->get()) {
    if (auto st = r->close((*run)->world()); !st) std::cerr << "lesson: the recording stopped: " << st.error().message << "\n";
  }
  return rc;
}

// `gitops-sim lesson FILE-OR-NAME`: a lesson file, or a shipped lesson's
// name, file stem or number.
int cmd_lesson(const std::string& name, const std::string& profile, const std::string& lang, bool terminal,
               const gs::cli::RecordFlags& record, const PairArgs& pair = {}) {
  if (!learner_flags_ok("lesson", profile, lang)) return kExitBadInput;
  std::error_code ec;
  const bool is_file = name.find('/') != std::string::npos || fs::path(name).extension() == ".yaml";
  if (is_file) {
    if (!fs::is_regular_file(name, ec)) {
      std::cerr << "lesson: " << name << ": no such file\n";
      return kExitBadInput;
    }
    auto loaded = gs::lesson::load_lesson_file(name);
    if (!loaded.ok()) {
      std::cerr << gs::render_all(loaded.errors);
      return kExitBadInput;
    }
    return open_lesson(name, std::move(*loaded.lesson), profile, lang, terminal, "", record, pair);
  }
  auto catalog = gs::lesson::load_catalog(lesson_dir());
  if (!catalog) {
    std::cerr << "lesson: " << catalog.error().message << "\n";
    return kExitBadInput;
  }
  auto i = gs::lesson::find_in_catalog(*catalog, name);
  if (!i) {
    std::cerr << "lesson: " << i.error().message << "\n";
    return kExitBadInput;
  }
  const std::string next = *i + 1 < catalog->size() ? (*catalog)[*i + 1].file.stem().string() : "";
  auto& entry = (*catalog)[*i];
  return open_lesson(entry.file, std::move(entry.lesson), profile, lang, terminal, next, record, pair);
}

// `gitops-sim replay REC` and `replay REC --at T --screenshot PNG`: the window on the recording.
int cmd_replay_window(const gs::cli::ReplayArgs& a) {
  gs::ui::ReplayOptions o;
  o.file = a.file;
  if (!a.lang.empty() && a.lang != "en" && a.lang != "ko") {
    std::cerr << "replay: --lang '" << a.lang << "': expected en or ko\n";
    return kExitBadInput;
  }
  o.language = a.lang;
  if (a.json) {
    std::cerr << "replay: --json goes with --verify\n";
    return kExitBadInput;
  }
  if (!a.commands.empty()) {
    std::cerr << "replay: commands go with --at T alone (not with --screenshot)\n";
    return kExitBadInput;
  }
  if (!a.at.empty()) {
    auto t = parse_time_flag("--at", a.at);
    if (!t) {
      std::cerr << "replay: " << t.error().message << "\n";
      return kExitBadInput;
    }
    o.at = *t;
  }
  if (!a.screenshot.empty() && !o.at) {
    std::cerr << "replay: --screenshot needs --at T (the moment to render)\n";
    return kExitBadInput;
  }
  if (!a.size.empty() && !gs::cli::parse_window_size("replay", a.size, o.width, o.height)) return kExitBadInput;
  // In the window, --record OUT names the file a take-over records to;
  // --no-record: a take-over is not recorded.
  if (a.record.no_record && !a.record.out.empty()) {
    std::cerr << "replay: --record and --no-record: give one\n";
    return kExitBadInput;
  }
  o.screenshot_png = a.screenshot;
  o.record = !a.record.no_record;
  o.record_file = a.record.out;
  const int rc = gs::ui::run_replay(o);
  if (rc == kGuiNoDisplay) {
    std::cerr << "replay: no display; the replay window needs one (without it: --verify, --at T COMMAND..., "
                 "--fork-at T)\n";
    return kExitBadInput;
  }
  return rc;
}

// Bare `gitops-sim`: the default learner's next unfinished lesson.
int cmd_next_lesson() {
  const std::string profile(gs::lesson::kDefaultProfile);
  auto loaded = load_catalog_or_report("gitops-sim", profile);
  if (!loaded) return kExitBadInput;
  auto& catalog = loaded->lessons;
  const auto& progress = loaded->progress;
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    if (progress[i].finished()) continue;
    const std::string next = i + 1 < catalog.size() ? catalog[i + 1].file.stem().string() : "";
    auto& entry = catalog[i];
    return open_lesson(entry.file, std::move(entry.lesson), profile, "en", false, next);
  }
  std::cout << "You have finished every lesson. Do one again with gitops-sim lesson NAME.\n\n";
  return cmd_lessons(profile, "en");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gitops-sim: a deterministic GitOps training simulator"};
  app.set_version_flag("--version", "gitops-sim 0.1.0");
  app.require_subcommand(0, 1);

  std::string file, until, at, to, lang = "en";
  std::optional<std::uint64_t> seed;
  bool json = false;
  std::vector<std::string> files, commands;

  auto* run = app.add_subcommand("run", "Run a scenario headless and check its expectations");
  run->add_option("FILE", file, "scenario file")->required();
  run->add_option("--until", until, "stop at this virtual time (default: clock.end)");
  run->add_option("--seed", seed, "override the scenario's seed");
  run->add_flag("--json", json, "print JSON Lines events and a final Result");
  std::string run_lang = "en";
  run->add_option("--lang", run_lang, "en or ko: notes, pauses and the report in that language");
  gs::cli::RecordFlags record;
  run->add_option("--record", record.out, "record the run to this file (.gsrec; replay it with gitops-sim replay)");

  auto* validate = app.add_subcommand("validate", "Check scenario, lesson and class plan files; print FILE:LINE:COL: message per problem");
  validate->add_option("FILE", files, "scenario, lesson or class plan files")->required();

  std::string profile(gs::lesson::kDefaultProfile), lesson_name;
  bool terminal = false;
  auto* lessons = app.add_subcommand("lessons", "List the lessons in order, with their concepts, minutes and your progress");
  lessons->add_option("--profile", profile, "the learner's profile (default: default)");
  lessons->add_option("--lang", lang, "en or ko");

  auto* lesson = app.add_subcommand(
      "lesson", "Do a lesson (in the window, or in the terminal without a display); or verify lesson files");
  lesson->require_subcommand(0, 1);
  lesson->add_option("FILE-OR-NAME", lesson_name, "a lesson file, or a lesson's name, file stem or number");
  lesson->add_option("--profile", profile, "the learner's profile (default: default)");
  lesson->add_option("--lang", lang, "en or ko");
  lesson->add_flag("--terminal", terminal, "the terminal session even when a display is there");
  lesson->add_option("--record", record.out, "record to this file (default: a new file in the recordings directory)");
  lesson->add_flag("--no-record", record.no_record, "do not record this session");
  PairArgs pair_args;
  add_pair_flags(*lesson, pair_args);
  auto* lesson_verify = lesson->add_subcommand("verify", "Replay every lesson's solutions; exit 0 ok, 1 a step fails, 2 a bad file");
  lesson_verify->add_option("FILE", files, "lesson files")->required();

  auto* exec = app.add_subcommand("exec", "Run a scenario to a time, then run commands and print their output");
  exec->add_option("FILE", file, "scenario file")->required();
  exec->add_option("--at", at, "virtual time to run to first, e.g. 5m")->required();
  exec->add_option("COMMAND", commands,
                   "commands in the command language; git write and kubectl apply -f take a file's text as a "
                   "here-document in the same argument (first line ending in <<EOF, the lines, EOF)")
      ->required();

  gs::cli::ClassArgs class_args;
  auto* klass = gs::cli::add_class_command(app, class_args);

  std::string screenshot, size;
  int bench_frames = 0;
  GuiLessonArgs gui_lesson;
  auto* gui = app.add_subcommand("gui", "Open a scenario, a lesson or the library in the window; or render it to a PNG and exit");
  gui->add_option("FILE", file, "scenario file (none: the library of lessons and scenarios)");
  gui->add_option("--lesson", gui_lesson.lesson_file, "a lesson file to open instead");
  gui->add_option("--profile", gui_lesson.profile, "the learner's profile (progress)");
  gui->add_flag("--home", gui_lesson.home, "show the library (the home screen)");
  gui->add_option("--step", gui_lesson.step, "with --lesson: start at this step (id or number), earlier ones solved");
  gui->add_option("--hints", gui_lesson.hints, "with --lesson: reveal this many hints of the step");
  gui->add_option("--answer", gui_lesson.answer, "with --lesson: vote this choice (1-based) of the step's question");
  gui->add_flag("--solve", gui_lesson.solve, "with --lesson: run the step's solution until its check passes");
  gui->add_flag("--check", gui_lesson.check, "with --lesson: press Check (what is still missing)");
  gui->add_option("--at", at, "run to this virtual time first, e.g. 4m1s");
  gui->add_option("--screenshot", screenshot, "with --at: write the window to this PNG and exit");
  gui->add_option("--size", size, "window size, WIDTHxHEIGHT (default 1600x900)");
  gui->add_option("--bench-frames", bench_frames, "render N frames, print frame-time percentiles and exit")
      ->check(CLI::NonNegativeNumber);
  gui->add_option("--lang", lang, "en or ko");
  gui->add_option("--record", record.out, "record to this file (default: a new file in the recordings directory)");
  gui->add_flag("--no-record", record.no_record, "do not record this session");
  gs::cli::GuiViewFlags gui_view;
  gs::cli::add_gui_view_flags(*gui, gui_view);
  add_pair_flags(*gui, pair_args);

  gs::cli::ReplayArgs replay_args;
  auto* replay = app.add_subcommand("replay", "Open a recording (.gsrec) in the window; or verify it, look at a moment, "
                                              "take over from a moment, or turn it into a scenario");
  replay->add_option("REC", replay_args.file, "a recording (.gsrec)")->required();
  replay->add_flag("--verify", replay_args.verify, "re-run it headless and compare every event; exit 0 same, 1 differs");
  replay->add_flag("--json", replay_args.json, "with --verify: the report as JSON");
  replay->add_option("--at", replay_args.at, "a moment on the recording's time axis, e.g. 4m30s");
  replay->add_option("COMMAND", replay_args.commands, "with --at: read-only commands to run on the world as it was");
  replay->add_option("--screenshot", replay_args.screenshot, "with --at: write the window as it was to this PNG");
  replay->add_option("--size", replay_args.size, "with --screenshot: WIDTHxHEIGHT (default 1600x900)");
  replay->add_option("--fork-at", replay_args.fork_at, "take over at this moment: a live session from there");
  replay->add_option("--record", replay_args.record.out, "with --fork-at: record the new session to this file");
  replay->add_flag("--no-record", replay_args.record.no_record, "with --fork-at: do not record the new session");
  replay->add_option("--to-scenario", replay_args.to_scenario, "write the recording's commands as a scenario file");
  replay->add_option("--lang", replay_args.lang, "en or ko (default: the recording's)");

  gs::cli::ReportArgs report_args;
  auto* report = app.add_subcommand("report", "A class summary of recordings: one row per recording; --html adds step "
                                              "timings and a timeline per recording");
  report->add_option("REC-OR-DIR", report_args.inputs, "recordings (.gsrec), or directories of them")->required();
  report->add_flag("--json", report_args.json, "the summary as JSON (an array, one object per recording)");
  report->add_flag("--csv", report_args.csv, "the summary as CSV");
  report->add_option("--html", report_args.html, "also write a self-contained HTML page to this file");
  report->add_option("--lang", report_args.lang, "en or ko: the titles' language");

  gs::cli::MetricsArgs metrics_args;
  auto* metrics = gs::cli::add_metrics_command(app, metrics_args);

  auto* exp = app.add_subcommand("export", "Write the repositories as bare Git repos and the Applications as YAML");
  exp->add_option("FILE", file, "scenario file")->required();
  exp->add_option("--to", to, "an empty or missing directory")->required();
  exp->add_option("--at", at, "virtual time to export (default 0)");

  std::vector<std::string> help_words;
  std::string help_lang = "en";
  auto* help = app.add_subcommand("help", "Print the command reference: every command, or one (help git commit)");
  help->add_option("COMMAND", help_words, "a command's words, e.g. argocd app sync");
  help->add_option("--lang", help_lang, "en or ko");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kExitBadInput;
  }
  if (*run) return cmd_run(file, until, seed, json, run_lang, record);
  if (*replay) {
    if (replay_args.verify || !replay_args.fork_at.empty() || !replay_args.to_scenario.empty() ||
        (!replay_args.at.empty() && replay_args.screenshot.empty())) {
      return gs::cli::cmd_replay(replay_args);
    }
    return cmd_replay_window(replay_args);
  }
  if (*report) return gs::cli::cmd_report(report_args);
  if (*metrics) return gs::cli::cmd_metrics(metrics_args);
  if (*validate) return cmd_validate(files);
  if (*lesson_verify) return cmd_lesson_verify(files);
  if (*lessons) return cmd_lessons(profile, lang);
  if (*lesson) {
    if (lesson_name.empty()) {
      std::cerr << "lesson: give a lesson's name or file (gitops-sim lessons lists them), or verify FILE...\n";
      return kExitBadInput;
    }
    return cmd_lesson(lesson_name, profile, lang, terminal, record, pair_args);
  }
  if (*exec) return cmd_exec(file, at, commands);
  if (*exp) return cmd_export(file, to, at);
  if (*help) return cmd_help(help_words, help_lang);
  if (*klass) return gs::cli::cmd_class(class_args);
  if (*gui) {
    const int rc = cmd_gui(file, at, screenshot, size, bench_frames, lang, gui_lesson, record, gui_view, pair_args);
    if (rc != kGuiNoDisplay) return rc;
    if (!screenshot.empty() || bench_frames > 0) return kExitBadInput;  // these need a display
    if (!gui_lesson.lesson_file.empty() || file.empty()) {
      std::cerr << "gitops-sim: no display; " << (file.empty() ? "the library and lessons need" : "a lesson needs")
                << " the window here (give a scenario FILE to run it headless)\n";
      return kExitBadInput;
    }
    std::cout << "gitops-sim: no display; running " << file << " headless instead\n\n";
    return cmd_run(file, "", std::nullopt, false, lang);
  }

  // No subcommand: the learner's next unfinished lesson, in the window or,
  // without a display, in the terminal.
  return cmd_next_lesson();
}
