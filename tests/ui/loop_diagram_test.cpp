// The Loop view's numbers (sim/ui/view/loop_diagram.hpp): which steps are
// lit, the poll the ring counts to, where the boxes go, which tokens travel.
#include <catch2/catch.hpp>

#include "loop_measures.hpp"
#include "sim/ui/view/loop_diagram.hpp"

using namespace gs;
using namespace gs::ui;
using gitops::SyncStatusCode;
using cluster::HealthCode;

namespace {
AppRow in_sync(const std::string& name, const std::string& cluster) {
  AppRow r;
  r.name = name;
  r.cluster = cluster;
  r.sync = SyncStatusCode::Synced;
  r.health = HealthCode::Healthy;
  r.revision = r.target_head = r.deployed_revision = "aaa";
  return r;
}

LoopMeasures measures(float width, float height, std::size_t clusters) {
  return testing::loop_measures(width, height, clusters);
}
}  // namespace

TEST_CASE("Loop diagram: a step is lit while an app stands at it, step 6 only when every app does") {
  std::vector<AppRow> rows{in_sync("a", "dev"), in_sync("b", "prod")};
  rows[1].sync = SyncStatusCode::OutOfSync;
  const LoopSummary sum = summarize_loop(rows, 1, TimePoint{60'000});
  CHECK(sum.step_count[6] == 1);
  CHECK(sum.step_count[3] == 1);
  CHECK(sum.step_lit(3));
  CHECK_FALSE(sum.step_lit(6));
  CHECK(sum.selected_at(3));
  CHECK_FALSE(sum.selected_at(6));
  rows[1].sync = SyncStatusCode::Synced;
  CHECK(summarize_loop(rows, -1, TimePoint{60'000}).step_lit(6));
}

TEST_CASE("Loop diagram: the ring counts to the selected app's poll, else the soonest still to come") {
  std::vector<AppRow> rows{in_sync("a", "dev"), in_sync("b", "dev"), in_sync("c", "dev")};
  rows[0].poll_interval = Duration::seconds(180);
  rows[0].next_poll = TimePoint{50'000};  // gone by
  rows[1].next_poll = TimePoint{90'000};
  rows[2].next_poll = TimePoint{70'000};
  rows[2].poll_interval = Duration::seconds(60);
  const TimePoint now{60'000};
  LoopSummary sum = summarize_loop(rows, -1, now);
  CHECK(sum.next_poll == TimePoint{70'000});
  CHECK(sum.poll_every == Duration::seconds(180));  // the first app that polls
  sum = summarize_loop(rows, 2, now);
  CHECK(sum.next_poll == TimePoint{70'000});
  CHECK(sum.poll_every == Duration::seconds(60));
  CHECK(mmss(Duration::millis(61'001)) == "1:02");
  CHECK(mmss(Duration::millis(-5)) == "0:00");
}

TEST_CASE("Loop diagram: a refresh that was a watch event is no fetch") {
  std::vector<AppRow> rows{in_sync("a", "dev"), in_sync("b", "dev")};
  rows[0].last_refresh = rows[0].last_watch = TimePoint{5'000};
  rows[1].last_refresh = TimePoint{3'000};
  rows[1].last_webhook = TimePoint{2'000};
  const LoopSummary sum = summarize_loop(rows, -1, TimePoint{6'000});
  CHECK(sum.last_fetch == TimePoint{3'000});
  CHECK(sum.last_watch == TimePoint{5'000});
  CHECK(sum.last_webhook == TimePoint{2'000});
  CHECK_FALSE(sum.last_commit);
  CHECK(progress(TimePoint{6'000}, sum.last_watch, Duration::seconds(2)) == Approx(0.5f));
  CHECK_FALSE(progress(TimePoint{8'000}, sum.last_watch, Duration::millis(1'500)));
}

TEST_CASE("Loop diagram: clusters read dev, staging, prod, then the rest in their order") {
  CHECK(clusters_in_env_order({"prod", "edge", "dev", "staging"}) ==
        std::vector<std::string>{"dev", "staging", "prod", "edge"});
}

TEST_CASE("Loop diagram: boxes stand left to right inside the frame, one box per cluster") {
  auto w = GENERATE(1200.0f, 700.0f, 420.0f);
  CAPTURE(w);
  const LoopLayout lay = layout_loop_diagram(measures(w, 300, 3));
  CHECK(lay.dev_x < lay.git.x0);
  CHECK(lay.git.x1 < lay.repo.x0);
  CHECK(lay.repo.x1 < lay.ctl.x0);
  REQUIRE(lay.clusters.size() == 3);
  CHECK(lay.ctl.x1 <= lay.clusters[0].x0);
  CHECK(lay.clusters[0].x1 <= w);
  for (std::size_t i = 1; i < lay.clusters.size(); ++i) CHECK(lay.clusters[i - 1].y1 < lay.clusters[i].y0);
  CHECK(layout_loop_diagram(measures(w, 300, 0)).clusters.size() == 1);
}

TEST_CASE("Loop diagram: a wide frame gives boxes their words, a narrow one keeps at least the titles") {
  const LoopLayout wide = layout_loop_diagram(measures(1200, 300, 3));
  CHECK(wide.git.x1 - wide.git.x0 >= 90 + 2 * kLoopBoxPad);
  CHECK(wide.repo.x1 - wide.repo.x0 >= 95 + 2 * kLoopBoxPad);
  CHECK(wide.pad == kLoopBoxPad);
  const LoopLayout narrow = layout_loop_diagram(measures(700, 300, 3));
  // Short of room for the words, the boxes' padding halves before a title is cut.
  CHECK(narrow.pad == Approx(kLoopBoxPad * 0.5f));
  CHECK(narrow.repo.x1 - narrow.repo.x0 >= 95 + 2 * narrow.pad - 0.01f);
  CHECK(narrow.repo.x1 - narrow.repo.x0 < wide.repo.x1 - wide.repo.x0);
}

TEST_CASE("Loop diagram: at most three tokens an arrow, and a running sync's token keeps looping") {
  std::vector<AppRow> rows;
  for (int i = 0; i < 5; ++i) {
    rows.push_back(in_sync("a" + std::to_string(i), "prod"));
    rows.back().last_sync_start = TimePoint{1'000};
  }
  rows.push_back(in_sync("lost", "nowhere"));
  rows.back().last_watch = TimePoint{9'500};
  rows[0].operation_running = true;
  const std::vector<std::string> clusters{"dev", "prod"};
  LoopTokens t = plan_cluster_tokens(rows, clusters, 2, TimePoint{1'500}, Duration::seconds(1));
  CHECK(t.applying == std::vector<int>{0, 5});
  CHECK(t.tokens.size() == kTokensPerArrow);
  for (const auto& k : t.tokens) CHECK(k.cluster == 1);
  t = plan_cluster_tokens(rows, clusters, 2, TimePoint{10'250}, Duration::seconds(1));
  REQUIRE(t.tokens.size() == 2);
  CHECK(t.tokens[0].cluster == 1);  // still running: round again
  CHECK(t.tokens[0].t == Approx(0.25f));
  CHECK(t.tokens[1].cluster == 0);  // an unknown cluster: the first box
  CHECK(t.tokens[1].status);
}
