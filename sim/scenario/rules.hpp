// Naming rules the scenario format borrows from git and Kubernetes: repo file
// paths, branch names, commit authors, object names. Each returns the problem
// as a sentence, or nullopt when the text is fine.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gs::scenario {

// A file path inside a repository: relative, normalised, inside the repo.
// Refuses what `git add` / git's verify_path refuse, and what would escape:
// empty, absolute, backslashes, empty, `.` or `..` components, a trailing
// slash, any `.git` component, control characters.
std::optional<std::string> repo_path_problem(std::string_view path);

// An application source path (`spec.source.path`): a repo path, or `.` for
// the repository root, as Argo CD accepts.
std::optional<std::string> source_path_problem(std::string_view path);

// A branch name as `git check-ref-format --branch` accepts it.
std::optional<std::string> branch_name_problem(std::string_view name);

// `Name <email>`, as `git commit --author` wants it.
std::optional<std::string> author_problem(std::string_view author);

// A Kubernetes object name (DNS-1123 subdomain: lower case alphanumerics,
// '-' and '.', at most 253 characters, alphanumeric at both ends).
std::optional<std::string> object_name_problem(std::string_view name);

// A scenario name: [a-z0-9-]+.
std::optional<std::string> scenario_name_problem(std::string_view name);

// Argo CD compares repository URLs after normalising them (lower case, no
// trailing `/` or `.git`), so `https://git.example/a.git` matches `.../a`.
std::string normalize_repo_url(std::string_view url);

}  // namespace gs::scenario
