#include "sim/ui/view/library.hpp"

#include <algorithm>
#include <system_error>

#include "sim/lesson/loader.hpp"
#include "sim/scenario/loader.hpp"

namespace gs::ui {
namespace {

std::vector<std::filesystem::path> yaml_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec) && e.path().extension() == ".yaml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  return out;
}

void add_text(std::vector<std::string>& texts, const scenario::LocalizedText& t) {
  texts.push_back(t.en);
  texts.push_back(t.ko);
}

LibraryItem lesson_item(const std::filesystem::path& p) {
  LibraryItem it;
  it.kind = LibraryItem::Kind::Lesson;
  it.path = p;
  it.name = p.stem().string();
  auto loaded = lesson::load_lesson_file(p);
  if (!loaded.ok()) {
    it.error = loaded.errors.empty() ? "does not load" : loaded.errors.front().render();
    it.title = {it.name, it.name};
    return it;
  }
  const lesson::Lesson& l = *loaded.lesson;
  it.name = l.name;
  it.title = l.title;
  it.summary = l.summary;
  it.minutes = l.minutes;
  it.concepts = l.concepts;
  it.steps = static_cast<int>(l.steps.size());
  add_text(it.texts, l.title);
  add_text(it.texts, l.summary);
  for (const auto& s : l.steps) {
    add_text(it.texts, s.title);
    add_text(it.texts, s.text);
    for (const auto& h : s.hints) add_text(it.texts, h);
    for (const auto& d : s.deny) add_text(it.texts, d.why);
    if (s.question) {
      for (const auto& c : s.question->choices) add_text(it.texts, c);
      if (s.question->explain) add_text(it.texts, *s.question->explain);
    }
  }
  return it;
}

LibraryItem scenario_item(const std::filesystem::path& p) {
  LibraryItem it;
  it.kind = LibraryItem::Kind::Scenario;
  it.path = p;
  it.name = p.stem().string();
  auto loaded = scenario::load_scenario_file(p);
  if (!loaded.ok()) {
    it.error = loaded.errors.empty() ? "does not load" : loaded.errors.front().render();
    it.title = {it.name, it.name};
    return it;
  }
  it.name = loaded.scenario->name;
  it.title = loaded.scenario->title;
  it.summary = loaded.scenario->description;
  add_text(it.texts, it.title);
  add_text(it.texts, it.summary);
  return it;
}

}  // namespace

Library scan_library(const std::filesystem::path& lesson_dir, const std::filesystem::path& scenario_dir) {
  Library lib;
  for (const auto& p : yaml_files(lesson_dir)) lib.lessons.push_back(lesson_item(p));
  for (const auto& p : yaml_files(scenario_dir)) lib.scenarios.push_back(scenario_item(p));
  return lib;
}

std::vector<LibraryRow> library_rows(const std::vector<LibraryItem>& items, const I18n& i18n,
                                     const ProgressLookup& progress) {
  std::vector<LibraryRow> rows;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const LibraryItem& it = items[i];
    LibraryRow r;
    r.index = i;
    r.number = std::to_string(i + 1);
    r.title = i18n.pick(it.title.en, it.title.ko);
    if (!it.error.empty()) {
      r.broken = true;
      r.summary = it.error;
    } else {
      r.summary = i18n.pick(it.summary.en, it.summary.ko);
    }
    if (it.minutes > 0) r.minutes = std::to_string(it.minutes) + " " + i18n.tr("home.minutes");
    for (const auto& c : it.concepts) r.concepts += (r.concepts.empty() ? "" : ", ") + c;
    r.progress = "\xE2\x80\x94";  // an em dash: not known
    if (it.kind == LibraryItem::Kind::Lesson && progress && it.error.empty()) {
      if (auto p = progress(it.name)) {
        r.done = p->finished;
        if (p->finished) r.progress = i18n.tr("home.done");
        else r.progress = std::to_string(p->steps_passed + p->steps_skipped) + "/" + std::to_string(p->steps_total);
      }
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace gs::ui
