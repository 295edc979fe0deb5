// Where gitops-sim keeps a user's own files (progress, recordings): the XDG
// Base Directory spec's data home, $XDG_DATA_HOME/gitops-sim, or
// ~/.local/share/gitops-sim when it is unset or not absolute.
#pragma once

#include <filesystem>
#include <string_view>

#include "sim/core/result.hpp"

namespace gs {

// `what` names what is kept there, for the error when neither variable is set.
Result<std::filesystem::path> user_data_dir(std::string_view what);

}  // namespace gs
