// The learner's progress in the window: the home screen's progress column
// reads the profile's store, and a lesson open in the window saves to it
// whenever its steps move on (GuiOptions::lesson_progress and
// ::lesson_progressed). The window knows nothing of SQLite; this fills both
// from the CLI, where the store and the profile are chosen.
#pragma once

#include <filesystem>
#include <string>

#include "sim/ui/app.hpp"

namespace gs::cli {

// Sets opts.lesson_progress and opts.lesson_progressed for `profile` (the
// lessons of the directory `lessons` are those the home screen lists). When
// the store cannot be opened, says why on stderr and leaves both empty (the
// window still runs; progress shows "—" and is not kept).
void attach_progress(ui::GuiOptions& opts, const std::string& profile, const std::filesystem::path& lessons);

}  // namespace gs::cli
