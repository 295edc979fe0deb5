// The home screen's library: the shipped lessons, in order, then the
// scenarios, each with its title and summary in the chosen language, minutes,
// concepts and (lessons) the learner's progress. Read once from the lessons
// and scenarios directories; a file that does not load is listed with its
// first error rather than left out. No ImGui here.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/ui/view/i18n.hpp"

namespace gs::ui {

struct LibraryItem {
  enum class Kind { Lesson, Scenario } kind = Kind::Lesson;
  std::filesystem::path path;
  std::string name;  // metadata.name (or the file's stem when it does not load)
  scenario::LocalizedText title, summary;
  int minutes = 0;  // lessons only; 0 unknown
  std::vector<std::string> concepts;
  int steps = 0;
  std::string error;  // the first load error; empty when it loaded
  // Every text the item shows when opened (step texts, choices, hints), for
  // the fonts' glyphs.
  std::vector<std::string> texts;
};

struct Library {
  std::vector<LibraryItem> lessons;    // by file name: 01-..., 02-...
  std::vector<LibraryItem> scenarios;  // by file name
  // The concepts' titles, from the "## Concepts" table (| `id` | English | 한국어 |)
  // of the README.md beside the lessons.
  std::map<std::string, scenario::LocalizedText> concept_titles;
};

// The rows of a README's "## Concepts" table whose first cell is a
// back-quoted id, with the next two cells as the English and Korean titles.
std::map<std::string, scenario::LocalizedText> concept_titles(std::string_view readme);

// Every *.yaml in each directory, sorted by file name. A missing directory
// gives an empty list.
Library scan_library(const std::filesystem::path& lesson_dir, const std::filesystem::path& scenario_dir);

// What the progress store knows of one learner's lesson (sim/lesson's
// SQLite store, wired by the caller); nullopt when it knows nothing.
struct LessonProgressSummary {
  int steps_passed = 0;
  int steps_skipped = 0;
  int steps_total = 0;
  bool finished = false;
};
using ProgressLookup = std::function<std::optional<LessonProgressSummary>(const std::string& lesson_name)>;

// One row of the home screen's tables, in the display language.
struct LibraryRow {
  std::size_t index = 0;  // into Library::lessons or ::scenarios
  std::string number;     // "1", "2", ...
  std::string title, summary;
  std::string minutes;    // "6 min", or "" when unknown
  std::string concepts;   // "drift, self-heal"
  std::string concepts_titled;  // one "id: title" line per concept, in the display language (a tooltip)
  std::string progress;   // "3/5", "done", or "—" when unknown
  bool done = false;
  bool broken = false;    // did not load: `summary` holds the error
};

std::vector<LibraryRow> library_rows(const std::vector<LibraryItem>& items, const I18n& i18n,
                                     const ProgressLookup& progress = {},
                                     const std::map<std::string, scenario::LocalizedText>& concept_titles = {});

}  // namespace gs::ui
