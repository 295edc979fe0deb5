// Hostile and broken input: every case must come back as an Error with a
// position, never a crash, a hang or an exponential allocation.
#include <catch2/catch.hpp>

#include <string>

#include "sim/core/rng.hpp"
#include "sim/model/yaml.hpp"

using gs::model::LoadOptions;
using gs::model::parse_yaml;
using gs::model::parse_yaml_stream;

namespace {

void require_positioned_error(const gs::Result<gs::model::Node>& r) {
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.error().pos.has_value());
  CHECK(r.error().pos->file == "bad.yaml");
  CHECK(r.error().pos->line >= 1);
  CHECK(r.error().pos->col >= 1);
}

}  // namespace

TEST_CASE("YAML bad input: broken syntax gives the position", "[model][yaml][bad]") {
  struct Row {
    const char* name;
    std::string text;
    int line;
  };
  auto row = GENERATE(values<Row>({
      {"unclosed flow map", "a: {b: 1\nc: 2\n", 2},
      {"unclosed quote", "a: \"abc\nb: 2\n", 3},
      {"bad indentation", "a:\n  b: 1\n c: 2\n", 3},
      {"undefined alias", "a: *nope\n", 1},
      {"map key that is a list", "? [a, b]\n: 1\n", 1},
  }));
  CAPTURE(row.name);
  auto r = parse_yaml(row.text, {"bad.yaml"});
  require_positioned_error(r);
  CAPTURE(r.error().render());
  CHECK(r.error().pos->line == row.line);
}

TEST_CASE("YAML bad input: duplicate keys name the second one", "[model][yaml][bad]") {
  auto r = parse_yaml("metadata:\n  name: a\n  labels: {}\n  name: b\n", {"bad.yaml"});
  require_positioned_error(r);
  CHECK(r.error().render() == "bad.yaml:4:3: duplicate key \"name\"");
  // The same key in two different maps is fine.
  CHECK(parse_yaml("a: {name: x}\nb: {name: y}\n").ok());
}

TEST_CASE("YAML bad input: a billion laughs stops at the node budget", "[model][yaml][bad]") {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    char prev = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int k = 0; k < 9; ++k) bomb += std::string(k ? "," : "") + "*" + prev;
    bomb += "]\n";
  }
  LoadOptions opts{"bad.yaml", 100'000, 128};
  auto r = parse_yaml(bomb, opts);
  require_positioned_error(r);
  CHECK(r.error().message == "YAML expands to more than 100000 nodes (alias bomb?)");
  // The default budget holds too (10^9 nodes would never fit).
  auto r2 = parse_yaml_stream(bomb, {"bad.yaml"});
  REQUIRE_FALSE(r2.ok());
  CHECK(r2.error().message.find("alias bomb") != std::string::npos);
}

TEST_CASE("YAML bad input: a ',' starting a document is an error there, not endless empty documents",
          "[model][yaml][bad]") {
  // yaml-cpp 0.7 starts empty documents at the ',' without end; the node
  // budget used to stop it as an "alias bomb" (fuzz/regressions/yaml/comma-*).
  auto [text, line, col] = GENERATE(table<std::string, int, int>({
      {",", 1, 1},
      {"!tag,rest'", 1, 5},
      {"&a ,", 1, 4},
      {"a: 1\n---\n,\n", 3, 1},
  }));
  CAPTURE(text);
  auto r = parse_yaml_stream(text, {"bad.yaml"});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().render() == "bad.yaml:" + std::to_string(line) + ":" + std::to_string(col) +
                                  ": unexpected ',': it separates items only inside [...] or {...}; quote a value "
                                  "that holds it");
  require_positioned_error(parse_yaml(text, {"bad.yaml"}));
  // Where ',' may stand, it still reads.
  CHECK(parse_yaml("a: [x, y]\nb: 'p,q'\nc: p,q\n").ok());
}

TEST_CASE("YAML bad input: deep nesting is refused at max_depth", "[model][yaml][bad]") {
  auto kind = GENERATE(as<std::string>{}, "flow lists", "flow maps", "block maps");
  CAPTURE(kind);
  const int depth = 10'000;
  std::string text;
  if (kind == "flow lists") {
    text = std::string(depth, '[') + std::string(depth, ']');
  } else if (kind == "flow maps") {
    for (int i = 0; i < depth; ++i) text += "{a: ";
    text += "1" + std::string(depth, '}');
  } else {
    // Block nesting grows the text quadratically; 2000 levels (2 MB) is enough.
    for (int i = 0; i < depth / 5; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
  }
  auto r = parse_yaml(text, {"bad.yaml"});
  require_positioned_error(r);
  CHECK(r.error().message == "YAML nesting deeper than 128 levels");
  // Within the limit it loads.
  LoadOptions small{"bad.yaml", 1'000'000, 128};
  CHECK(parse_yaml(std::string(100, '[') + std::string(100, ']'), small).ok());
}

TEST_CASE("YAML bad input: NUL bytes, control characters and invalid UTF-8", "[model][yaml][bad]") {
  struct Row {
    const char* name;
    std::string text;
    const char* rendered;
  };
  auto row = GENERATE(values<Row>({
      {"NUL", std::string("a: 1\nb: x\0y\n", 12), "bad.yaml:2:5: control character U+0000 is not allowed"},
      {"bell", "a: \a\n", "bad.yaml:1:4: control character U+0007 is not allowed"},
      {"lone continuation byte", "a: \x80\n", "bad.yaml:1:4: invalid UTF-8 byte 0x80"},
      {"truncated sequence", "k: h\xC3", "bad.yaml:1:5: invalid UTF-8 byte 0xC3"},
      {"overlong slash", "k: \xC0\xAF\n", "bad.yaml:1:4: invalid UTF-8 byte 0xC0"},
      {"surrogate", "k: \xED\xA0\x80\n", "bad.yaml:1:4: invalid UTF-8 byte 0xED"},
      {"after multibyte text", "k: é\xFF\n", "bad.yaml:1:5: invalid UTF-8 byte 0xFF"},
  }));
  CAPTURE(row.name);
  auto r = parse_yaml(row.text, {"bad.yaml"});
  require_positioned_error(r);
  CHECK(r.error().render() == row.rendered);
}

TEST_CASE("YAML bad input: random bytes never crash", "[model][yaml][bad]") {
  gs::Rng rng(20260105);
  auto seed = GENERATE(range(0, 200));
  gs::Rng stream = rng.fork("garbage/" + std::to_string(seed));
  std::string text;
  const auto len = stream.below(400);
  // Half the inputs are raw bytes; half are YAML punctuation soup, which gets
  // further into the parser.
  const bool soup = seed % 2 == 1;
  static const std::string kSoup = "{}[]:,-?&*!|>'\"%@`# \n\t abc123~.";
  for (std::uint64_t i = 0; i < len; ++i) {
    text += soup ? kSoup[stream.below(kSoup.size())] : static_cast<char>(stream.below(256));
  }
  CAPTURE(seed);
  // A small node budget: punctuation soup is full of anchors and aliases, and
  // the default budget is exercised by the billion-laughs test.
  auto r = parse_yaml_stream(text, {"bad.yaml", 20'000, 128});
  if (!r.ok()) {
    REQUIRE(r.error().pos.has_value());
    CHECK(r.error().pos->line >= 1);
  }
  SUCCEED();
}
