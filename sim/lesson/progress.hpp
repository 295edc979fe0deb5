// A learner's progress through the lessons (lesson-format.md, "How a lesson
// runs"): per profile, lesson and step, whether it was passed or skipped,
// whether the solution was shown, the hints used, the answer given and the
// virtual time it took. Kept in SQLite at
// $XDG_DATA_HOME/gitops-sim/progress.sqlite (default
// ~/.local/share/gitops-sim/), written as the learner goes.
//
// Progress only grows: a step once passed stays passed when the learner
// does the lesson again, the first answer stands, and hints used and
// "solution shown" keep their highest value. Only virtual times are stored
// (no wall clock), so the same lesson done the same way stores the same rows.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/lesson/lesson.hpp"
#include "sim/scenario/predicates.hpp"

struct sqlite3;

namespace gs::lesson {

class LessonRun;

struct StepRecord {
  std::string step;  // the step's id
  bool passed = false;
  bool skipped = false;
  bool solution_shown = false;
  int hints_used = 0;
  std::optional<scenario::Answer> answer;
  std::optional<Duration> time_taken;  // virtual: from the step's start to its pass (or skip)

  bool done() const { return passed || skipped; }
};
bool operator==(const StepRecord& a, const StepRecord& b);

// The profile used when none is given.
inline constexpr std::string_view kDefaultProfile = "default";

// A profile name is 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit.
Status check_profile_name(std::string_view name);

// $XDG_DATA_HOME/gitops-sim/progress.sqlite, or ~/.local/share/... when
// XDG_DATA_HOME is unset, empty or relative (as the XDG spec says); an error
// when neither it nor HOME is usable.
Result<std::filesystem::path> default_progress_file();

class ProgressStore {
 public:
  static constexpr int kSchemaVersion = 1;
  enum class Mode { ReadWrite, ReadOnly };

  // ReadWrite creates the file (and its directories) if missing; ReadOnly
  // needs it to exist. A file that is not a progress database, or has a
  // newer schema, is an error naming the file.
  static Result<std::unique_ptr<ProgressStore>> open(const std::filesystem::path& file, Mode mode = Mode::ReadWrite);
  ~ProgressStore();
  ProgressStore(const ProgressStore&) = delete;
  ProgressStore& operator=(const ProgressStore&) = delete;

  const std::filesystem::path& file() const { return file_; }
  // Writes cannot succeed (opened ReadOnly, or the file is read-only).
  bool read_only() const;

  // Merges these steps' records into the store (see the header comment), in
  // one transaction: all or nothing.
  Status save(std::string_view profile, std::string_view lesson, const std::vector<StepRecord>& steps);
  // The stored records of a lesson's steps, ordered by step id.
  Result<std::vector<StepRecord>> load(std::string_view profile, std::string_view lesson) const;

 private:
  struct DbCloser {
    void operator()(sqlite3* db) const;
  };
  ProgressStore() = default;
  Status exec(const char* sql) const;
  Error sql_error(std::string_view doing) const;

  std::filesystem::path file_;
  std::unique_ptr<sqlite3, DbCloser> db_;
};

// How far a profile is through a lesson: its steps done (passed or skipped)
// out of all; records of steps the lesson no longer has are not counted.
struct LessonProgress {
  int done = 0;
  int total = 0;
  bool started = false;  // any record at all
  bool finished() const { return total > 0 && done == total; }
};
LessonProgress summarize(const Lesson& lesson, const std::vector<StepRecord>& records);

// What a run has to record: every step begun so far (the current one
// included), as it stands now.
std::vector<StepRecord> records_of(const LessonRun& run);

// Opens the default store (ReadWrite) and loads nothing: for the CLI.
Result<std::unique_ptr<ProgressStore>> open_default_store(ProgressStore::Mode mode = ProgressStore::Mode::ReadWrite);

}  // namespace gs::lesson
