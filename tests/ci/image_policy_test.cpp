// ImagePolicy (peers-behaviour.md §1.5): semver.range picks the highest tag
// in range, alphabetical the last (asc) or first (desc) tag after sorting.
#include <catch2/catch.hpp>

#include "sim/ci/image_policy.hpp"

using namespace gs::ci;

namespace {
ImagePolicySpec semver(const std::string& range) {
  ImagePolicySpec p;
  p.range = range;
  return p;
}
ImagePolicySpec alphabetical(bool asc) {
  ImagePolicySpec p;
  p.kind = ImagePolicySpec::Kind::Alphabetical;
  p.ascending = asc;
  return p;
}
}  // namespace

TEST_CASE("ImagePolicy semver picks the highest tag in range, not the newest pushed", "[ci][policy]") {
  const std::vector<std::string> tags = {"1.0.0", "1.10.0", "1.2.0", "2.0.0", "1.9.3"};
  CHECK(latest_tag(semver(">=1.0.0 <2.0.0"), tags) == "1.10.0");
  CHECK(latest_tag(semver(">=1.0.0"), tags) == "2.0.0");
  CHECK(latest_tag(semver("1.2.x"), tags) == "1.2.0");
}

TEST_CASE("ImagePolicy semver skips prereleases and tags that are no version", "[ci][policy]") {
  const std::vector<std::string> tags = {"1.1.0", "2.0.0-rc.1", "latest", "shop-jenkins-3"};
  CHECK(latest_tag(semver(">=1.0.0"), tags) == "1.1.0");
}

TEST_CASE("ImagePolicy semver with no tag in range picks nothing", "[ci][policy]") {
  CHECK_FALSE(latest_tag(semver(">=3.0.0"), {"1.0.0", "2.0.0"}).has_value());
  CHECK_FALSE(latest_tag(semver(">=1.0.0"), {}).has_value());
}

TEST_CASE("ImagePolicy alphabetical asc picks the last tag after sorting, desc the first", "[ci][policy]") {
  const std::vector<std::string> tags = {"main-20260105-0900", "main-20260105-1100", "main-20260104-2300"};
  CHECK(latest_tag(alphabetical(true), tags) == "main-20260105-1100");
  CHECK(latest_tag(alphabetical(false), tags) == "main-20260104-2300");
  CHECK(describe_policy(alphabetical(true)) == "alphabetical asc");
  CHECK(describe_policy(semver(">=1.0.0")) == "semver >=1.0.0");
}
