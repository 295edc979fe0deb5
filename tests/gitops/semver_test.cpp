// Semantic versions and constraints as Argo CD resolves a targetRevision over
// tags (util/versions/tags.go MaxVersion), with Masterminds/semver v3's rules
// (version.go, constraints.go).
#include <catch2/catch.hpp>

#include "sim/gitops/semver.hpp"

using namespace gs::gitops;

TEST_CASE("Semver: versions parse loosely, with a v, a missing minor or patch, prerelease and build "
          "(Masterminds semver.NewVersion)",
          "[gitops][semver]") {
  const auto v = parse_semver("v1.2");
  REQUIRE(v.has_value());
  CHECK(v->major == 1);
  CHECK(v->minor == 2);
  CHECK(v->patch == 0);
  CHECK(v->original == "v1.2");
  const auto rc = parse_semver("1.0.0-rc.1+build.5");
  REQUIRE(rc.has_value());
  CHECK(rc->prerelease == "rc.1");
  CHECK(rc->metadata == "build.5");
  for (const char* bad : {"", "main", "1.2.3.4", "1.x", "v", "1.0.0-", "1.0.0-01", "1..2", "release-1"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_semver(bad).has_value());
  }
}

TEST_CASE("Semver: precedence orders numbers numerically, a prerelease below its release (semver.org 11)",
          "[gitops][semver]") {
  const std::vector<const char*> ordered{"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                                         "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",    "1.0.0",
                                         "1.2.0",       "1.10.0",        "2.0.0"};
  for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
    CAPTURE(ordered[i], ordered[i + 1]);
    CHECK(parse_semver(ordered[i])->compare(*parse_semver(ordered[i + 1])) < 0);
    CHECK(parse_semver(ordered[i + 1])->compare(*parse_semver(ordered[i])) > 0);
  }
  CHECK(parse_semver("1.0.0+a")->compare(*parse_semver("1.0.0+b")) == 0);
}

TEST_CASE("Semver: constraints as Masterminds checks them (constraints.go)", "[gitops][semver]") {
  struct Row {
    const char* constraint;
    const char* version;
    bool ok;
  };
  const Row rows[] = {
      {"1.*", "1.9.3", true},          {"1.*", "2.0.0", false},         {"1.2.x", "1.2.7", true},
      {"1.2.x", "1.3.0", false},       {"*", "7.1.0", true},            {"*", "1.0.0-rc.1", false},
      {">=1.2.0 <2.0.0", "1.9.0", true}, {">=1.2.0 <2.0.0", "2.0.0", false}, {">=1.2.0, <2.0.0", "1.1.9", false},
      {"~1.2", "1.2.9", true},         {"~1.2", "1.3.0", false},        {"~1.2.3", "1.2.2", false},
      {"~1", "1.9.0", true},           {"~> 1.2", "1.2.4", true},       {"^1.2", "1.9.9", true},
      {"^1.2", "2.0.0", false},        {"^1.2", "1.1.0", false},        {"^0.2.3", "0.2.9", true},
      {"^0.2.3", "0.3.0", false},      {"^0.0.3", "0.0.4", false},      {"^0", "0.9.0", true},
      {"1.2 - 1.4.5", "1.4.5", true},  {"1.2 - 1.4.5", "1.4.6", false}, {"<1.2 || >=3", "3.1.0", true},
      {"<1.2 || >=3", "2.0.0", false}, {"!=1.2.3", "1.2.4", true},      {"!=1.2.3", "1.2.3", false},
      {">1.2", "1.2.9", false},        {">1.2", "1.3.0", true},         {"<=1.2", "1.2.9", true},
      {"<=1.2", "1.3.0", false},       {"=1.2.3", "1.2.3", true},       {">=1.0.0-rc.1", "1.0.0-rc.2", true},
      {">=1.0.0", "1.1.0-rc.1", false}, {"1.2.3", "v1.2.3", true},
  };
  for (const Row& r : rows) {
    CAPTURE(r.constraint, r.version);
    const auto c = SemverConstraint::parse(r.constraint);
    REQUIRE(c.has_value());
    CHECK(c->check(*parse_semver(r.version)) == r.ok);
  }
  for (const char* bad : {"", "main", "refs/heads/main", ">=", "1.2 -", "a.b.c", ">=1.0.0,", "||"}) {
    CAPTURE(bad);
    CHECK_FALSE(SemverConstraint::parse(bad).has_value());
  }
}

TEST_CASE("Semver: a targetRevision is a constraint unless it is a plain version, and resolves to the highest "
          "tag it admits (util/versions/tags.go IsConstraint, MaxVersion)",
          "[gitops][semver]") {
  CHECK(is_semver_constraint("1.*"));
  CHECK(is_semver_constraint(">=1.2.0 <2.0.0"));
  CHECK_FALSE(is_semver_constraint("1.2.0"));
  CHECK_FALSE(is_semver_constraint("v2"));
  CHECK_FALSE(is_semver_constraint("main"));
  const std::vector<std::string> tags{"v1.0.0", "v1.2.0", "v1.10.0", "v2.0.0-rc.1", "v2.0.0", "latest", "1.5.0"};
  CHECK(max_satisfying("1.*", tags) == std::optional<std::string>("v1.10.0"));
  CHECK(max_satisfying("~1.2", tags) == std::optional<std::string>("v1.2.0"));
  CHECK(max_satisfying(">=1.2.0 <2.0.0", tags) == std::optional<std::string>("v1.10.0"));
  CHECK(max_satisfying("^2", tags) == std::optional<std::string>("v2.0.0"));
  CHECK_FALSE(max_satisfying("^3", tags).has_value());
}
