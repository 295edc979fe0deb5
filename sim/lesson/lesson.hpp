// A loaded lesson (lesson-format.md): a scenario's world run to `start`, and
// ordered steps, each with a task, an optional live check or question,
// commands it refuses, hints and a reference solution. Plain data, after
// the loader (loader.hpp) has validated every field; LessonRun (runner.hpp)
// runs it and verify.hpp replays its solutions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::lesson {

using scenario::LocalizedText;

// A vote every learner answers before the class discusses it.
struct Question {
  std::vector<LocalizedText> choices;  // at least two
  int answer = 0;                      // index into choices
  std::optional<LocalizedText> explain;  // shown after answering
  SourcePos pos;
};

// A command prefix the step refuses, with the reason shown as the error.
struct Deny {
  std::string command;  // e.g. "kubectl set image"; matched word by word against the command's canonical text
  LocalizedText why;
  SourcePos pos;
};

// The `within` a step has when the file gives none.
inline constexpr Duration kDefaultWithin = Duration::minutes(10);

struct Step {
  std::string id;  // [a-z0-9-]+, unique in the lesson
  LocalizedText title;  // defaults to the id
  LocalizedText text;
  std::optional<Question> question;
  std::vector<Deny> deny;
  std::optional<scenario::Check> check;  // untimed; a step has a check or a question, not both
  bool observe = false;  // the world solves it by itself once the learner acts or waits
  Duration within = kDefaultWithin;
  std::vector<LocalizedText> hints;
  // Questions for the navigator (or questioner) to ask in pair mode, shown
  // to them only; a solo learner never sees them.
  std::vector<LocalizedText> prompts;
  std::vector<std::string> solution;  // commands, as typed in the console (each parses)
  // Beside each solution command (as long as `solution`): the file a
  // `{run: git write ..., content: ...}` entry stages (its PATH -> content),
  // else empty. Runners pass it to Session::run as the staged files.
  std::vector<std::map<std::string, std::optional<std::string>>> solution_files;
  SourcePos pos;
};

struct Lesson {
  std::string name;  // metadata.name
  SourcePos name_pos;
  LocalizedText title, summary;
  std::vector<std::string> concepts;
  int minutes = 0;
  scenario::Scenario world;  // the scenario (or inline world); its `expect` is not used
  Duration start;            // world.start: the world runs here before step 1
  std::vector<Step> steps;
  std::string file;
};

}  // namespace gs::lesson
