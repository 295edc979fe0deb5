// A repo's `tags:` in a scenario file: name, the commit it points at (a
// branch of the history so far, with ~N/^N steps, or a SHA prefix), and for
// an annotated tag a message (and tagger). Loaded strictly, each error at its
// line and column.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/loader.hpp"

namespace {

std::string with_tags(const std::string& tags) {
  return "apiVersion: gitops-sim/v1\n"
         "kind: Scenario\n"
         "metadata: {name: t}\n"
         "repos:\n"
         "  - name: shop-config\n"
         "    url: https://git.example/shop/config.git\n"
         "    commits:\n"
         "      - {branch: main, message: one, files: {a.yaml: \"x: 1\"}}\n"
         "      - {branch: main, message: two, files: {a.yaml: \"x: 2\"}}\n"
         "    tags:\n" +
         tags;
}

}  // namespace

TEST_CASE("Scenario loader: a repo's tags load, lightweight or annotated", "[scenario][loader][tag]") {
  auto r = gs::scenario::load_scenario_text(
      with_tags("      - {name: v1.0, commit: main~1}\n"
                "      - {name: v2.0, commit: main, message: \"Release 2\", tagger: \"Jun Lee <jun@example.com>\"}\n"
                "      - {name: pinned, commit: 1a2b3c4}\n"),
      "t.yaml");
  INFO(gs::render_all(r.errors));
  REQUIRE(r.ok());
  const auto& tags = r.scenario->world.repos.at(0).tags;
  REQUIRE(tags.size() == 3);
  CHECK(tags[0].name == "v1.0");
  CHECK(tags[0].commit == "main~1");
  CHECK_FALSE(tags[0].message);
  CHECK(tags[1].message == "Release 2");
  CHECK(tags[1].tagger == "Jun Lee <jun@example.com>");
  CHECK(tags[1].pos.line == 12);
  CHECK(tags[2].commit == "1a2b3c4");
}

TEST_CASE("Scenario loader: a bad tag is an error at its line and column", "[scenario][loader][tag]") {
  auto [tags, expected] = GENERATE(table<std::string, std::string>({
      {"      - {name: v1, commit: mian}\n",
       "t.yaml:11:28: 'commit: mian' names no branch of repo 'shop-config' (nor a SHA prefix); did you mean 'main'?"},
      {"      - {name: 'v1..2', commit: main}\n", "t.yaml:11:16: invalid tag 'v1..2'"},
      {"      - {name: v1, commit: main}\n      - {name: v1, commit: main~1}\n",
       "t.yaml:12:16: duplicate tag 'v1' (first at line 11)"},
      {"      - {name: v1}\n", "t.yaml:11:9: missing required field 'commit' in tag"},
      {"      - {name: v1, commit: main, tagger: \"Jun <jun@example.com>\"}\n",
       "t.yaml:11:34: 'tagger' goes with 'message' (an annotated tag)"},
      {"      - {name: v1, commit: main, message: m, tagger: jun}\n", "t.yaml:11:54: invalid tagger 'jun'"},
      {"      - {name: v1, comit: main}\n", "t.yaml:11:20: unknown field 'comit' in tag; did you mean 'commit'?"},
  }));
  CAPTURE(tags);
  auto r = gs::scenario::load_scenario_text(with_tags(tags), "t.yaml");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(gs::render_all(r.errors), Catch::Contains(expected));
}
