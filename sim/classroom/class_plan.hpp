// Class plans (`apiVersion: gitops-sim/v1`, `kind: ClassPlan`,
// docs/reference/class-plan.md): a class as timed segments — motivation,
// concept demos, pair work, sharing, check questions — each naming a
// lesson, a scenario or discussion prompts. Loaded with the scenario
// loader's schema walker: unknown fields, wrong types, a missing en or ko,
// a lesson or scenario that does not exist or does not load are errors at
// FILE:LINE:COL, reported together.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::classroom {

using scenario::LocalizedText;

// A Peer-Instruction question: everyone answers alone, then again after
// discussing it with a partner.
struct CheckQuestion {
  LocalizedText prompt;
  std::vector<LocalizedText> choices;  // at least two
  std::optional<int> answer;           // index into choices, when there is one right answer
  std::optional<LocalizedText> explain;
  SourcePos pos;
};

// Segment kinds, as the file spells them.
inline const std::vector<std::string> kSegmentKinds = {"motivation", "concept", "demo", "pair", "sharing", "check"};

struct Segment {
  std::string id;    // [a-z0-9-]+, unique in the plan
  std::string kind;  // one of kSegmentKinds
  int minutes = 1;
  LocalizedText title;
  std::optional<LocalizedText> notes;  // for the instructor
  // What it opens: at most one of a lesson or a scenario file (paths as
  // written, relative to the plan; `*_path` resolved).
  std::string lesson, scenario;
  std::filesystem::path lesson_path, scenario_path;
  std::vector<LocalizedText> prompts;     // discussion prompts (pair work, sharing, motivation)
  std::optional<Duration> swap_every;     // pair work: partners swap roles this often
  std::vector<CheckQuestion> questions;   // check segments
  SourcePos pos;
};

struct ClassPlan {
  std::string name;
  LocalizedText title;
  std::optional<LocalizedText> summary;
  std::vector<Segment> segments;
  std::string file;

  int total_minutes() const {
    int n = 0;
    for (const auto& s : segments) n += s.minutes;
    return n;
  }
};

struct ClassPlanResult {
  std::optional<ClassPlan> plan;
  Errors errors;  // sorted by position

  bool ok() const { return plan.has_value(); }
};

ClassPlanResult load_class_plan_text(std::string_view text, std::string_view file_name);
ClassPlanResult load_class_plan_file(const std::filesystem::path& path);

// Whether the file's top-level `kind` is ClassPlan.
bool is_class_plan_file(const std::filesystem::path& path);

}  // namespace gs::classroom
