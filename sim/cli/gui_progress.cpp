#include "sim/cli/gui_progress.hpp"

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <vector>

#include "sim/lesson/catalog.hpp"
#include "sim/lesson/progress.hpp"
#include "sim/lesson/runner.hpp"

namespace gs::cli {
namespace {

// Shared by the two callbacks (they are copied into GuiOptions).
struct State {
  std::unique_ptr<lesson::ProgressStore> store;
  std::string profile;
  std::map<std::string, lesson::Lesson, std::less<>> lessons;       // the catalogue, by metadata.name
  std::map<std::string, std::vector<lesson::StepRecord>> last_saved;  // by lesson name: what the store has
  bool warned = false;
};

}  // namespace

void attach_progress(ui::GuiOptions& opts, const std::string& profile, const std::filesystem::path& lessons) {
  auto store = lesson::open_default_store();
  if (!store) {
    std::cerr << "gitops-sim: progress is not kept: " << store.error().message << "\n";
    return;
  }
  auto state = std::make_shared<State>();
  state->store = std::move(*store);
  state->profile = profile;
  if (auto catalog = lesson::load_catalog(lessons)) {
    for (auto& e : *catalog) state->lessons.emplace(e.lesson.name, std::move(e.lesson));
  }
  opts.lesson_progress = [state](const std::string& name) -> std::optional<ui::LessonProgressSummary> {
    const auto it = state->lessons.find(name);
    if (it == state->lessons.end()) return std::nullopt;
    auto records = state->store->load(state->profile, name);
    if (!records) return std::nullopt;
    const lesson::LessonProgress p = lesson::summarize(it->second, *records);
    if (!p.started) return std::nullopt;
    ui::LessonProgressSummary s;
    for (const auto& r : *records) {
      if (r.passed) ++s.steps_passed;
      else if (r.skipped) ++s.steps_skipped;
    }
    s.steps_total = p.total;
    s.finished = p.finished();
    return s;
  };
  opts.lesson_progressed = [state](const lesson::LessonRun& run) {
    auto records = lesson::records_of(run);
    auto& last = state->last_saved[run.lesson().name];
    if (records == last) return;
    if (auto st = state->store->save(state->profile, run.lesson().name, records); !st) {
      if (!state->warned) std::cerr << "gitops-sim: progress not saved: " << st.error().message << "\n";
      state->warned = true;
      return;
    }
    last = std::move(records);
  };
}

}  // namespace gs::cli
