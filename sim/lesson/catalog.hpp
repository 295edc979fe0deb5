// The shipped lessons, in order: every lesson file (`kind: Lesson`) of a
// directory, sorted by file name (lessons/NN-name.yaml), and finding one by
// the name a learner types: its metadata.name, its file stem, or its number.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/lesson/lesson.hpp"

namespace gs::lesson {

struct CatalogEntry {
  std::filesystem::path file;
  Lesson lesson;
};

// Every lesson file of `dir`, loaded, by file name. A file that does not
// load is an error naming it (the shipped lessons all load; CI verifies them).
Result<std::vector<CatalogEntry>> load_catalog(const std::filesystem::path& dir);

// The entry `name` names: metadata.name ("poll-then-refresh"), the file
// stem ("01-poll-then-refresh") or the number ("1", "01"). An error with a
// "did you mean" when none does.
Result<std::size_t> find_in_catalog(const std::vector<CatalogEntry>& catalog, std::string_view name);

}  // namespace gs::lesson
