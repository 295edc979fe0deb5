#include <catch2/catch.hpp>

#include <set>

#include "sim/ui/view/i18n.hpp"

using namespace gs::ui;

TEST_CASE("I18n: tables parse, escapes work, duplicates and bad lines are positioned errors") {
  auto t = StringTable::parse("# c\na\tA\\nB\n\nb\tx\n", "t.tsv");
  REQUIRE(t);
  CHECK(*t->find("a") == "A\nB");
  auto dup = StringTable::parse("a\t1\na\t2\n", "t.tsv");
  REQUIRE_FALSE(dup);
  CHECK(dup.error().render() == "t.tsv:2:1: duplicate key 'a'");
  CHECK_FALSE(StringTable::parse("no tab here\n", "t.tsv"));
}

TEST_CASE("I18n: the shipped English and Korean tables have the same keys") {
  I18n i18n;
  REQUIRE(i18n.load(std::string(GS_SOURCE_DIR) + "/assets/i18n"));
  std::set<std::string> en, ko;
  for (const auto& [k, v] : i18n.table(Lang::En).entries()) en.insert(k);
  for (const auto& [k, v] : i18n.table(Lang::Ko).entries()) ko.insert(k);
  CHECK(en == ko);
  i18n.set_lang(Lang::Ko);
  CHECK(std::string(i18n.tr("panel.loop")) == "\xEC\xA1\xB0\xEC\xA0\x95 \xEB\xA3\xA8\xED\x94\x84");  // 조정 루프
  CHECK(std::string(i18n.tr("no.such.key")) == "no.such.key");
}
