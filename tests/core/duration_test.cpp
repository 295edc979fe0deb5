#include <catch2/catch.hpp>

#include "sim/core/duration.hpp"

using gs::Duration;

TEST_CASE("Duration: parses every unit of the scenario format", "[core][duration]") {
  auto [text, ms] = GENERATE(table<std::string, std::int64_t>({
      {"250ms", 250},
      {"5s", 5'000},
      {"3m", 180'000},
      {"1h30m", 5'400'000},
      {"2d", 172'800'000},
      {"0s", 0},
      {"1m30s500ms", 90'500},
  }));
  CAPTURE(text);
  auto d = gs::parse_duration(text);
  REQUIRE(d.ok());
  CHECK(d->ms == ms);
}

TEST_CASE("Duration: prints the canonical short form and round-trips", "[core][duration]") {
  CHECK(gs::format_duration(Duration{250}) == "250ms");
  CHECK(gs::format_duration(Duration::seconds(5)) == "5s");
  CHECK(gs::format_duration(Duration::minutes(3)) == "3m");
  CHECK(gs::format_duration(Duration::minutes(90)) == "1h30m");
  CHECK(gs::format_duration(Duration::hours(48)) == "2d");
  CHECK(gs::format_duration(Duration{0}) == "0s");
  CHECK(gs::format_duration(Duration{192'000}) == "3m12s");
  for (std::int64_t ms : {1LL, 999LL, 1000LL, 61'001LL, 86'400'001LL, 3'723'004LL}) {
    auto back = gs::parse_duration(gs::format_duration(Duration{ms}));
    REQUIRE(back.ok());
    CHECK(back->ms == ms);
  }
  CHECK(gs::format_offset(gs::TimePoint{192'000}) == "+3m12s");
}

TEST_CASE("Duration: bad input is an error that says what was expected", "[core][duration]") {
  auto text = GENERATE(as<std::string>{}, "", "5", "-5s", "5x", "3m1h", "1s1s", "h", "1.5s", "5 s",
                       "99999999999999999999d");
  CAPTURE(text);
  auto d = gs::parse_duration(text);
  REQUIRE_FALSE(d.ok());
  CHECK_FALSE(d.error().message.empty());
}

TEST_CASE("Duration: a bare number asks for a unit", "[core][duration]") {
  auto d = gs::parse_duration("30");
  REQUIRE_FALSE(d.ok());
  CHECK_THAT(d.error().message, Catch::Contains("without a unit"));
}

TEST_CASE("Duration: RFC 3339 clock start round-trips", "[core][duration]") {
  auto t = gs::parse_rfc3339_utc("2026-01-05T09:00:00Z");
  REQUIRE(t.ok());
  CHECK(*t == 1767603600);
  CHECK(gs::format_rfc3339_utc(*t) == "2026-01-05T09:00:00Z");
  CHECK(gs::format_rfc3339_utc(*t + 192) == "2026-01-05T09:03:12Z");
  CHECK_FALSE(gs::parse_rfc3339_utc("2026-02-30T09:00:00Z").ok());
  CHECK_FALSE(gs::parse_rfc3339_utc("2026-01-05 09:00:00").ok());
}
