#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "sim/ui/view/commit_graph.hpp"

using namespace gs::ui;

namespace {
GraphCommit c(std::string sha, std::vector<std::string> parents, std::int64_t t) {
  return GraphCommit{std::move(sha), std::move(parents), "A", "msg " + std::to_string(t), t};
}
// main: m1 - m2 - m3(merge of s2);  staging: s1 (from m1) - s2;  develop: d1 (from s2)
std::vector<GraphCommit> history() {
  return {c("m1", {}, 100), c("m2", {"m1"}, 200), c("s1", {"m1"}, 150), c("s2", {"s1"}, 250),
          c("m3", {"m2", "s2"}, 300), c("d1", {"s2"}, 260)};
}
std::vector<GraphBranch> branches() { return {{"develop", "d1"}, {"main", "m3"}, {"staging", "s2"}}; }
}  // namespace

TEST_CASE("Commit graph: one lane per branch, main first, then staging, then develop") {
  const auto g = layout_commit_graph(branches(), history(), {});
  REQUIRE(g.lane_names == std::vector<std::string>{"main", "staging", "develop"});
  CHECK(g.rows[g.row_of("m1")].lane == 0);
  CHECK(g.rows[g.row_of("m3")].lane == 0);
  CHECK(g.rows[g.row_of("s1")].lane == 1);
  CHECK(g.rows[g.row_of("d1")].lane == 2);
}

TEST_CASE("Commit graph: every child is above its parents, newest first") {
  const auto g = layout_commit_graph(branches(), history(), {{"v1.0", "m2"}});
  REQUIRE(g.rows.size() == 6);
  for (const auto& e : g.edges) CHECK(e.from_row < e.to_row);
  CHECK(g.rows.front().commit.sha == "m3");
  CHECK(g.rows.back().commit.sha == "m1");
  CHECK(g.rows[g.row_of("m2")].tags == std::vector<std::string>{"v1.0"});
  CHECK(g.rows[g.row_of("m3")].heads == std::vector<std::string>{"main"});
  // The merge's second parent is marked.
  const auto merge = std::find_if(g.edges.begin(), g.edges.end(), [&](const GraphEdge& e) { return e.merge; });
  REQUIRE(merge != g.edges.end());
  CHECK(merge->from_row == g.row_of("m3"));
  CHECK(merge->to_row == g.row_of("s2"));
}

TEST_CASE("Commit graph: the layout does not depend on input order") {
  const auto a = layout_commit_graph(branches(), history(), {});
  auto shuffled = history();
  auto br = branches();
  std::mt19937 rng(7);
  for (int i = 0; i < 10; ++i) {
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    std::shuffle(br.begin(), br.end(), rng);
    const auto b = layout_commit_graph(br, shuffled, {});
    REQUIRE(a.rows.size() == b.rows.size());
    for (std::size_t r = 0; r < a.rows.size(); ++r) {
      CHECK(a.rows[r].commit.sha == b.rows[r].commit.sha);
      CHECK(a.rows[r].lane == b.rows[r].lane);
    }
  }
}
