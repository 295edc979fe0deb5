#include "sim/ci/image_policy.hpp"

#include <algorithm>

#include "sim/gitops/semver.hpp"

namespace gs::ci {

std::optional<std::string> latest_tag(const ImagePolicySpec& policy, const std::vector<std::string>& tags) {
  if (tags.empty()) return std::nullopt;
  if (policy.kind == ImagePolicySpec::Kind::Semver) return gitops::max_satisfying(policy.range, tags);
  const auto [lo, hi] = std::minmax_element(tags.begin(), tags.end());
  return policy.ascending ? *hi : *lo;
}

std::string describe_policy(const ImagePolicySpec& policy) {
  if (policy.kind == ImagePolicySpec::Kind::Semver) return "semver " + policy.range;
  return std::string("alphabetical ") + (policy.ascending ? "asc" : "desc");
}

}  // namespace gs::ci
