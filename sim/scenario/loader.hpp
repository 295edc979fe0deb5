// Loading and validating scenario files (`apiVersion: gitops-sim/v1`,
// `kind: Scenario`). Strict, as Kubernetes' strict field validation: unknown
// fields, wrong types, bad references and unsafe repo paths are all errors,
// reported together in one pass, each at its FILE:LINE:COL.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

#include "sim/core/error.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::scenario {

// Larger files are refused before parsing: a scenario is hand-written text.
inline constexpr std::size_t kMaxScenarioBytes = 4u << 20;  // 4 MiB

// Either a scenario (and no errors) or every problem found, sorted by position.
struct LoadResult {
  std::optional<Scenario> scenario;
  Errors errors;

  bool ok() const { return scenario.has_value(); }
};

// `file_name` is used in error positions and kept as Scenario::file.
LoadResult load_scenario_text(std::string_view text, std::string_view file_name);

// Reads the file first: unreadable, too large, binary (NUL or control bytes)
// and invalid UTF-8 files give a positioned error.
LoadResult load_scenario_file(const std::filesystem::path& path);

}  // namespace gs::scenario
