// The home screen's library (sim/ui/view/library.hpp): the shipped lessons
// and scenarios in file order, titles in the chosen language, progress from
// the lookup, a broken file listed with its error.
#include <catch2/catch.hpp>

#include "shipped_strings.hpp"

#include <filesystem>
#include <fstream>

#include "sim/ui/view/library.hpp"

using namespace gs::ui;

namespace {

const Library& shipped() {
  static const Library lib = scan_library(std::string(GS_SOURCE_DIR) + "/lessons", std::string(GS_SOURCE_DIR) + "/scenarios");
  return lib;
}

I18n strings(Lang l) { return gs::testing::shipped_strings(l); }

}  // namespace

TEST_CASE("Library: lessons and scenarios are listed in file-name order with their metadata") {
  const Library& lib = shipped();
  REQUIRE(lib.lessons.size() >= 8);
  REQUIRE(lib.scenarios.size() >= 14);
  CHECK(lib.lessons[0].name == "poll-then-refresh");
  CHECK(lib.lessons[1].name == "drift-and-self-heal");
  CHECK(lib.lessons[1].minutes == 6);
  CHECK(lib.lessons[1].concepts == std::vector<std::string>{"drift", "self-heal", "sync-policy"});
  for (std::size_t i = 1; i < lib.lessons.size(); ++i) {
    CHECK(lib.lessons[i - 1].path.filename() < lib.lessons[i].path.filename());
  }
  CHECK(lib.scenarios[0].path.filename() == "01-first-sync.yaml");
  for (const auto& it : lib.lessons) CHECK(it.error.empty());
  for (const auto& it : lib.scenarios) CHECK(it.error.empty());
}

TEST_CASE("Library rows: titles and summaries in the display language, minutes and concepts") {
  const Library& lib = shipped();
  const auto en = library_rows(lib.lessons, strings(Lang::En));
  const auto ko = library_rows(lib.lessons, strings(Lang::Ko));
  REQUIRE(en.size() == lib.lessons.size());
  CHECK(en[1].number == "2");
  CHECK(en[1].title == "Drift, and letting the controller heal it");
  CHECK(ko[1].title == lib.lessons[1].title.ko);
  CHECK(ko[1].summary == lib.lessons[1].summary.ko);
  CHECK(en[1].minutes == "6 min");
  CHECK(ko[1].minutes == "6 \xEB\xB6\x84");  // 6 분
  CHECK(en[1].concepts == "drift, self-heal, sync-policy");
  const auto sc = library_rows(lib.scenarios, strings(Lang::Ko));
  CHECK(sc[0].title == lib.scenarios[0].title.ko);
  CHECK(sc[0].minutes.empty());
}

TEST_CASE("Library: concept titles from the lessons README, shown in the display language") {
  const auto t = concept_titles("# x\n| `a` | not | this |\n## Concepts\n| id | English | Korean |\n|---|---|---|\n"
                                "| `drift` | Drift | \xEB\x93\x9C\xEB\xA6\xAC\xED\x94\x84\xED\x8A\xB8 |\n## Next\n| `b` | no | no |\n");
  REQUIRE(t.size() == 1);
  CHECK(t.at("drift").en == "Drift");
  const Library& lib = shipped();
  REQUIRE(lib.concept_titles.count("self-heal") == 1);
  const auto ko = library_rows(lib.lessons, strings(Lang::Ko), {}, lib.concept_titles);
  CHECK(ko[1].concepts_titled.find("self-heal: " + lib.concept_titles.at("self-heal").ko) != std::string::npos);
  const auto en = library_rows(lib.lessons, strings(Lang::En), {}, lib.concept_titles);
  CHECK(en[1].concepts_titled.find("self-heal: " + lib.concept_titles.at("self-heal").en) != std::string::npos);
}

TEST_CASE("Library rows: progress from the lookup, an em dash when unknown") {
  const Library& lib = shipped();
  const ProgressLookup lookup = [](const std::string& name) -> std::optional<LessonProgressSummary> {
    if (name == "poll-then-refresh") return LessonProgressSummary{3, 1, 6, false};
    if (name == "drift-and-self-heal") return LessonProgressSummary{5, 0, 5, true};
    return std::nullopt;
  };
  const auto rows = library_rows(lib.lessons, strings(Lang::En), lookup);
  CHECK(rows[0].progress == "4/6");
  CHECK_FALSE(rows[0].done);
  CHECK(rows[1].progress == "done");
  CHECK(rows[1].done);
  CHECK(rows[2].progress == "\xE2\x80\x94");
  CHECK(library_rows(lib.lessons, strings(Lang::En))[0].progress == "\xE2\x80\x94");  // no lookup
}

TEST_CASE("Library: a file that does not load is listed with its error, a missing directory is empty") {
  const auto dir = std::filesystem::temp_directory_path() / "gs_library_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "01-bad.yaml") << "apiVersion: gitops-sim/v1\nkind: Lesson\nmetadata: {nme: x}\n";
  std::ofstream(dir / "notes.txt") << "not listed\n";
  const Library lib = scan_library(dir, dir / "missing");
  REQUIRE(lib.lessons.size() == 1);
  CHECK(lib.scenarios.empty());
  CHECK(lib.lessons[0].name == "01-bad");
  CHECK(lib.lessons[0].error.find("01-bad.yaml:") != std::string::npos);
  const auto rows = library_rows(lib.lessons, strings(Lang::En));
  CHECK(rows[0].broken);
  CHECK(rows[0].summary == lib.lessons[0].error);
  std::filesystem::remove_all(dir);
}
