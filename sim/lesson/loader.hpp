// Loading and validating lesson files (`apiVersion: gitops-sim/v1`,
// `kind: Lesson`, lesson-format.md). Strict as the scenario loader, and
// written with the same schema walker (sim/scenario/schema.hpp): unknown
// fields (with a "did you mean"), wrong types and bad references are
// errors at FILE:LINE:COL, reported together.
//
// What the format asks and this checks: every text has `en` and `ko`; ids
// are [a-z0-9-]+ and unique; `answer` indexes `choices`; every solution
// command parses; a `deny` is a prefix of a real command; `concepts` ids
// exist (the spec's list, and the ids of the "Concepts" table of the
// README.md beside the lesson); `world` names a scenario file (relative to
// the lesson) or holds a scenario's own fields; `start` is within the
// world's clock.
//
// Where the format is silent (decisions): a step has a `check` or a
// `question`, not both; `observe` goes with a check; `within` defaults to
// 10m; a step's title defaults to its id; a question has at least two
// choices; `minutes` is at least 1.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/lesson/lesson.hpp"
#include "sim/scenario/source_files.hpp"

namespace gs::lesson {

struct LoadResult {
  std::optional<Lesson> lesson;
  Errors errors;  // the lesson file's, sorted by position, then a named scenario file's

  bool ok() const { return lesson.has_value(); }
};

// `file_name` is used in error positions and to find the scenario and the
// README.md, both relative to its directory.
// `files`: where the scenario it names and the README are read from (a
// recording's copies on replay).
LoadResult load_lesson_text(std::string_view text, std::string_view file_name,
                            scenario::SourceFiles& files = scenario::disk_files());
LoadResult load_lesson_file(const std::filesystem::path& path, scenario::SourceFiles& files = scenario::disk_files());

// Whether the file's top-level `kind` is Lesson (`validate` takes both
// kinds); false when it is anything else or does not read.
bool is_lesson_file(const std::filesystem::path& path);

// The spec's concept ids, in its order.
const std::vector<std::string>& spec_concepts();
// The ids of a README's "## Concepts" table: rows whose first cell is a
// back-quoted id, up to the next heading.
std::vector<std::string> readme_concepts(std::string_view readme);

// Whether `deny` (a command prefix, word by word) could ever match a command
// of the language: its words and a command's path agree as far as both go.
bool deny_names_a_command(std::string_view deny);

}  // namespace gs::lesson
