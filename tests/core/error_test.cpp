#include <catch2/catch.hpp>

#include "sim/core/result.hpp"

TEST_CASE("Error: renders as FILE:LINE:COL: message", "[core][error]") {
  gs::Error e("unknown field 'replica'", gs::SourcePos{"scenarios/a.yaml", 12, 5});
  CHECK(e.render() == "scenarios/a.yaml:12:5: unknown field 'replica'");
  CHECK(gs::Error("plain").render() == "plain");
  CHECK(gs::render_all({gs::Error("a", {"f", 1, 2}), gs::Error("b", {"f", 3, 4})}) == "f:1:2: a\nf:3:4: b\n");
}

TEST_CASE("Result: holds a value or an error", "[core][error]") {
  gs::Result<int> good = 3;
  REQUIRE(good.ok());
  CHECK(*good == 3);
  gs::Result<int> bad = gs::Error("nope");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "nope");
  gs::Status s;
  CHECK(s.ok());
  gs::Status f = gs::Error("failed");
  CHECK_FALSE(f.ok());
}
