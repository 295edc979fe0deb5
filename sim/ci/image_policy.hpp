// ImagePolicy: which of an image repository's tags is "latest" (Flux's
// image-reflector-controller): semver.range picks the highest version the
// range admits (Masterminds constraints, sim/gitops/semver.hpp; tags that are
// no version are skipped); alphabetical asc picks the last tag in byte order,
// desc the first. nullopt when no tag qualifies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/ci/ci_spec.hpp"

namespace gs::ci {

std::optional<std::string> latest_tag(const ImagePolicySpec& policy, const std::vector<std::string>& tags);

// "semver >=1.0.0" / "alphabetical asc", for tables and messages.
std::string describe_policy(const ImagePolicySpec& policy);

}  // namespace gs::ci
