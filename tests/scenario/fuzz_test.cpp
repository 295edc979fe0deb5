#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/scenario/loader.hpp"

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) lines.push_back(line + "\n");
  return lines;
}

// One random edit of the kinds people (and cosmic rays) make.
std::string mutate(const std::string& text, gs::Rng& rng) {
  static const std::vector<std::string> kTokens = {
      "- ", ": ", "&a ", "*a ", "{", "}", "[", "]", "\"", "'", "\t", "\n", "..", "-1", "@", "# ", "5", "-5m", "true",
      "null", "~", "<<: *a\n", "!!binary ", "|\n", "\xff", std::string(1, '\0'), "replicas", "  ", "../"};
  std::string out = text;
  const auto pos = [&](std::size_t size) { return static_cast<std::size_t>(rng.below(size + 1)); };
  switch (rng.below(6)) {
    case 0: {  // overwrite a byte
      if (!out.empty()) out[pos(out.size() - 1)] = static_cast<char>(rng.below(256));
      break;
    }
    case 1: {  // delete a span
      const std::size_t at = pos(out.size());
      out.erase(at, static_cast<std::size_t>(rng.below(40)));
      break;
    }
    case 2: {  // insert a token
      out.insert(pos(out.size()), kTokens[rng.below(kTokens.size())]);
      break;
    }
    case 3: {  // duplicate, drop or swap lines
      auto lines = split_lines(out);
      if (lines.empty()) break;
      const std::size_t i = pos(lines.size() - 1);
      const std::size_t j = pos(lines.size() - 1);
      switch (rng.below(3)) {
        case 0: lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(j), lines[i]); break;
        case 1: lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i)); break;
        default: std::swap(lines[i], lines[j]); break;
      }
      out.clear();
      for (const auto& l : lines) out += l;
      break;
    }
    case 4: {  // change a line's indentation
      auto lines = split_lines(out);
      if (lines.empty()) break;
      auto& l = lines[pos(lines.size() - 1)];
      if (rng.chance(1, 2)) l.insert(0, "  ");
      else if (l.rfind("  ", 0) == 0) l.erase(0, 2);
      out.clear();
      for (const auto& x : lines) out += x;
      break;
    }
    default: {  // truncate
      out.resize(pos(out.size()));
      break;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Loader: random mutations of a valid file load or give positioned errors", "[scenario][loader][fuzz]") {
  const std::string valid = read_all(std::string(GS_TEST_DATA_DIR) + "/scenario/valid/full.yaml");
  REQUIRE(gs::scenario::load_scenario_text(valid, "full.yaml").ok());
  gs::Rng rng = gs::Rng(20260105).fork("scenario/fuzz");
  int loaded = 0;
  for (int i = 0; i < 200; ++i) {
    std::string text = valid;
    const auto edits = 1 + rng.below(3);
    for (std::uint64_t k = 0; k < edits; ++k) text = mutate(text, rng);
    CAPTURE(i, text);
    const auto r = gs::scenario::load_scenario_text(text, "mutant.yaml");
    CAPTURE(gs::render_all(r.errors));
    // Exactly one of: a scenario, or errors; never both, never neither.
    REQUIRE(r.ok() == r.errors.empty());
    for (const auto& e : r.errors) {
      REQUIRE(e.pos.has_value());
      REQUIRE(e.pos->file == "mutant.yaml");
      REQUIRE(e.pos->line >= 1);
      REQUIRE(e.pos->col >= 1);
      REQUIRE_FALSE(e.message.empty());
    }
    loaded += r.ok();
  }
  // Some mutations (in comments, in file contents) are harmless; most are not.
  CHECK(loaded < 200);
}
