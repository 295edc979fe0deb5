// Semantic versions and version constraints as Argo CD reads a targetRevision
// that is a constraint over Git tags (argo-cd util/versions/tags.go
// MaxVersion, IsConstraint), with the rules of the library it uses,
// Masterminds/semver v3 (version.go, constraints.go): `1.*`, `1.2.x`,
// `>=1.2.0 <2.0.0` (AND by space or comma), `A || B`, `1.2 - 1.4`, `~1.2`
// (>=1.2.0 <1.3.0), `^1.2` (>=1.2.0 <2.0.0), `!=`; prereleases match only a
// constraint that names one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gs::gitops {

struct SemVersion {
  std::uint64_t major = 0, minor = 0, patch = 0;
  std::string prerelease;  // "rc.1", "" for a release
  std::string metadata;    // "+build" part, ignored in comparisons
  std::string original;    // as written, e.g. "v1.2"

  // -1, 0, 1 by precedence (metadata ignored), as semver.org says.
  int compare(const SemVersion& o) const;
};

// "v1.2.3", "1.2", "1", "1.0.0-rc.1+build.5"; nullopt for anything else
// (semver.NewVersion, which accepts a missing minor or patch and a "v").
std::optional<SemVersion> parse_semver(std::string_view text);

class SemverConstraint {
 public:
  // nullopt when the text is no constraint (semver.NewConstraint).
  static std::optional<SemverConstraint> parse(std::string_view text);
  bool check(const SemVersion& v) const;

  struct Term {
    std::string op;  // "", "=", "!=", ">", "<", ">=", "<=", "~", "^"
    SemVersion version;
    bool dirty = false, minor_dirty = false, patch_dirty = false;  // x, *, or left out
  };

 private:
  std::vector<std::vector<Term>> any_of_;  // ORs of ANDs
};

// A constraint that is not simply a version (versions.IsConstraint).
bool is_semver_constraint(std::string_view text);

// The highest of `tags` (valid versions only) the constraint admits, as
// written; nullopt when none does (versions.MaxVersion).
std::optional<std::string> max_satisfying(std::string_view constraint, const std::vector<std::string>& tags);

}  // namespace gs::gitops
