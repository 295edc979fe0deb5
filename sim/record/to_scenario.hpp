// `gitops-sim replay REC --to-scenario OUT.yaml`: the recording's commands
// as a scenario's timeline, so a pair's run becomes a classroom scenario.
// The world is the recording's own source (a scenario; a lesson's named
// scenario or inline world), its timeline merged with one entry per command
// that changed the world, at its virtual time and after the source's own
// entries of that instant, as the session gave them. Commands that changed
// nothing (read-only, refused) or that move the clock (`sim ...`, `argocd
// app wait`: the entry's time says when) are left out; so is `kubectl apply
// -f` with a here-document (a timeline entry cannot carry its file), said
// in the returned notes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/record/recording.hpp"

namespace gs::record {

// The scenario's YAML text; `notes` receives one line per command left out
// that changed the world.
Result<std::string> scenario_text(const Recording& rec, std::vector<std::string>* notes = nullptr);

// Writes it to `out` (an existing file is refused).
Status write_scenario(const Recording& rec, const std::filesystem::path& out,
                      std::vector<std::string>* notes = nullptr);

}  // namespace gs::record
