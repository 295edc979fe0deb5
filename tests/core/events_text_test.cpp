// events::describe in a language: notes and pauses follow it, and Korean
// says the connecting words in Korean while the tools' words stay as printed.
#include <catch2/catch.hpp>

#include "sim/core/events.hpp"

using namespace gs;

TEST_CASE("events: a note and a pause read in the chosen language, English when a text has no Korean") {
  const Event n = events::note("Watch the poll", "폴링을 지켜보세요");
  CHECK(events::describe(n, "ko") == "폴링을 지켜보세요");
  CHECK(events::describe(n, "en") == "Watch the poll");
  CHECK(events::describe(n) == "Watch the poll");
  const Event p = events::paused("What happens next?", "");
  CHECK(events::describe(p, "ko") == "What happens next?");
}

TEST_CASE("events: in Korean a commit's line has no English connecting word and keeps the tool's words") {
  const Event c = events::committed("shop-config", "main", "a1b2c3d4e5f6", "Jisoo Kim <jisoo@example.com>",
                                    "Scale web to 3", 0);
  const std::string en = events::describe(c, "en");
  const std::string ko = events::describe(c, "ko");
  CHECK(en == events::describe(c));
  CHECK(en.find(" by Jisoo Kim") != std::string::npos);
  CHECK(ko.find(" by ") == std::string::npos);
  CHECK(ko.find("Jisoo Kim") != std::string::npos);
  CHECK(ko.find("\"Scale web to 3\"") != std::string::npos);
}
