#include "sim/ui/view/library.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "sim/classroom/class_plan.hpp"
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

// "| `id` | English | 한국어 |": the cells between the bars, trimmed.
std::vector<std::string> table_cells(std::string_view line) {
  std::vector<std::string> cells;
  if (line.empty() || line.front() != '|') return cells;
  std::size_t pos = 1;
  while (pos < line.size()) {
    const std::size_t bar = line.find('|', pos);
    if (bar == std::string_view::npos) break;
    std::string_view c = line.substr(pos, bar - pos);
    while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
    while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
    cells.emplace_back(c);
    pos = bar + 1;
  }
  return cells;
}

}  // namespace

std::map<std::string, scenario::LocalizedText> concept_titles(std::string_view readme) {
  std::map<std::string, scenario::LocalizedText> out;
  bool in_concepts = false;
  std::size_t pos = 0;
  while (pos < readme.size()) {
    std::size_t end = readme.find('\n', pos);
    if (end == std::string_view::npos) end = readme.size();
    const std::string_view line = readme.substr(pos, end - pos);
    pos = end + 1;
    if (line.rfind("#", 0) == 0) {
      in_concepts = line.find("Concepts") != std::string_view::npos;
      continue;
    }
    if (!in_concepts) continue;
    const auto cells = table_cells(line);
    if (cells.size() < 3 || cells[0].size() < 3 || cells[0].front() != '`' || cells[0].back() != '`') continue;
    out[cells[0].substr(1, cells[0].size() - 2)] = scenario::LocalizedText{cells[1], cells[2]};
  }
  return out;
}

Library scan_library(const std::filesystem::path& lesson_dir, const std::filesystem::path& scenario_dir) {
  Library lib;
  // Optional: without it the concepts show as ids only.
  if (std::ifstream in(lesson_dir / "README.md"); in) {
    std::ostringstream text;
    text << in.rdbuf();
    lib.concept_titles = concept_titles(text.str());
  }
  for (const auto& p : yaml_files(lesson_dir)) {
    if (classroom::is_class_plan_file(p)) continue;  // class plans live beside the lessons they name
    lib.lessons.push_back(lesson_item(p));
  }
  for (const auto& p : yaml_files(scenario_dir)) lib.scenarios.push_back(scenario_item(p));
  // The lecture's cases (a virtual day of 50 services) sit apart in cases/:
  // the tests that replay every moment of every scenario leave them to their own.
  for (const auto& p : yaml_files(scenario_dir / "cases")) lib.scenarios.push_back(scenario_item(p));
  return lib;
}

std::vector<LibraryRow> library_rows(const std::vector<LibraryItem>& items, const I18n& i18n,
                                     const ProgressLookup& progress,
                                     const std::map<std::string, scenario::LocalizedText>& titles) {
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
    for (const auto& c : it.concepts) {
      r.concepts += (r.concepts.empty() ? "" : ", ") + c;
      const auto t = titles.find(c);
      r.concepts_titled += (r.concepts_titled.empty() ? "" : "\n") + c + ": " +
                           (t == titles.end() ? std::string() : i18n.pick(t->second.en, t->second.ko));
    }
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
