// Writing an in-memory repository to disk as a bare repository that the `git`
// command line reads: one pack of every reachable object (git_packbuilder),
// loose refs under refs/heads and refs/tags, HEAD naming the default branch.
// Used to hand a simulated repository to a trainee's real git.
#pragma once

#include <filesystem>

#include "sim/core/result.hpp"
#include "sim/git/repository.hpp"

namespace gs::git {

// Refuses a path that exists and is not an empty directory.
Status export_bare(const Repository& repo, const std::filesystem::path& dir);

}  // namespace gs::git
