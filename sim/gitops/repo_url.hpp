// Repository URLs compared as Argo CD compares them (argo-cd util/git/git.go
// NormalizeGitURL, SameURL): case, a trailing `.git` or `/`, and the scp-like
// SSH form (git@host:org/repo) do not make another repository. The repo
// server, webhook matching and AppProject sourceRepos all use this one rule.
#pragma once

#include <string>
#include <string_view>

namespace gs::gitops {

// Lower case, trimmed, `ssh://` and the scp-like `host:path` folded to
// `host/path`, trailing `/` and `.git` dropped.
std::string normalize_repo_url(std::string_view url);

// Both name the same repository (neither empty).
bool same_repo_url(std::string_view a, std::string_view b);

}  // namespace gs::gitops
