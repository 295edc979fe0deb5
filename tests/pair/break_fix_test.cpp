// Break-fix on scenarios/09-promotion.yaml: a bad commit picked, the
// diagnosis with read-only commands only, a wrong and a right guess, the
// fix through Git, and the times to diagnose and to restore.
#include <catch2/catch.hpp>

#include "sim/pair/break_fix.hpp"
#include "pair_fixture.hpp"

using namespace gs;
using namespace gs::pair;

namespace {

// Lets virtual time pass in steps, telling break-fix what it sees each time.
void watch(session::Session& s, BreakFix& bf, std::int64_t& wall, Duration total) {
  for (std::int64_t t = 0; t < total.ms && bf.phase() != BreakFix::Phase::Restored; t += 5000) {
    s.run_through(s.now() + Duration::seconds(5));
    wall += 1000;
    bf.observe(all_synced_healthy(s.world()), wall, s.now());
  }
}

}  // namespace

TEST_CASE("pair: break-fix on 09-promotion refuses changes while diagnosing and times diagnosis and restore",
          "[pair]") {
  auto s = session::Session::create(testing::load_shipped_scenario("scenarios/09-promotion.yaml"));
  REQUIRE(s);
  session::Session& ses = **s;
  ses.run_through(TimePoint{3 * 60'000});  // the timeline's 2m commit on develop is synced
  REQUIRE(all_synced_healthy(ses.world()));
  BreakFix bf({"Mina", "Joon"}, testing::promotion_palette(), 0);
  CHECK(bf.phase() == BreakFix::Phase::Pick);
  CHECK(!bf.refusal("kubectl scale deployment/web --replicas=5 -n shop --cluster dev"));
  CHECK(!bf.pick(7, 0, ses.now()));

  std::int64_t wall = 10'000;
  auto picked = bf.pick(1, wall, ses.now());
  REQUIRE(picked);
  CHECK(picked->detail == "start round=1 breaker=Mina fixer=Joon fault=bad-commit");
  CHECK(bf.phase() == BreakFix::Phase::Diagnose);
  for (const auto& c : picked->commands) {
    REQUIRE(ses.run(c.line, {session::Origin::FaultPalette, "Mina", "breaker"}, c.files).ok);
  }
  watch(ses, bf, wall, Duration::seconds(30));
  CHECK(bf.broken_seen());

  // Diagnosing: looks only.
  CHECK(!bf.refusal("argocd app get shop-prod"));
  CHECK(!bf.refusal("kubectl get pods -n shop --cluster prod"));
  CHECK(!bf.refusal("git log shop-config@main"));
  CHECK(!bf.refusal("sim advance 30s"));
  auto no = bf.refusal("git revert shop-config@main");
  REQUIRE(no);
  CHECK(no->en.find("read-only") != std::string::npos);
  CHECK(bf.refusal("kubectl set image deployment/web web=registry.example/shop/web:1.0.0 -n shop --cluster dev"));

  auto wrong = bf.diagnose(2, wall, ses.now());
  REQUIRE(wrong);
  CHECK(!wrong->right);
  CHECK(wrong->detail == "wrong-guess round=1 breaker=Mina fixer=Joon fault=bad-commit guess=outage");
  CHECK(bf.phase() == BreakFix::Phase::Diagnose);
  wall += 20'000;
  auto right = bf.diagnose(1, wall, ses.now());
  REQUIRE(right);
  CHECK(right->right);
  CHECK(bf.phase() == BreakFix::Phase::Fix);
  REQUIRE(bf.diagnose_wall_ms());
  CHECK(*bf.diagnose_wall_ms() == wall - 10'000);
  CHECK(*bf.diagnose_virtual_ms() == 30'000);
  CHECK(right->detail.find("diagnosed round=1 breaker=Mina fixer=Joon fault=bad-commit wall_ms=") == 0);
  CHECK(right->detail.find(" wrong=1") != std::string::npos);

  // Fixing: through Git, not by hand.
  auto by_hand = bf.refusal("kubectl set image deployment/web web=registry.example/shop/web:1.0.0 -n shop --cluster dev");
  REQUIRE(by_hand);
  CHECK(by_hand->en.find("Git or Argo CD") != std::string::npos);
  CHECK(!bf.refusal("git revert shop-config@main"));
  REQUIRE(ses.run("git revert shop-config@main", {session::Origin::Console, "Joon", "driver"}).ok);
  watch(ses, bf, wall, Duration::minutes(5));
  REQUIRE(bf.phase() == BreakFix::Phase::Restored);
  CHECK(all_synced_healthy(ses.world()));
  REQUIRE(bf.restore_wall_ms());
  CHECK(*bf.restore_wall_ms() > *bf.diagnose_wall_ms());
  CHECK(*bf.restore_virtual_ms() > *bf.diagnose_virtual_ms());
  CHECK(!bf.refusal("kubectl scale deployment/web --replicas=5 -n shop --cluster dev"));

  // Then they swap.
  CHECK(bf.next_round() == "swap round=1 breaker=Mina fixer=Joon fault=bad-commit");
  CHECK(bf.round() == 2);
  CHECK(bf.breaker() == 1);
  CHECK(bf.phase() == BreakFix::Phase::Pick);
  REQUIRE(bf.history().size() == 1);
  CHECK(bf.history()[0].fault == "bad-commit");
  CHECK(bf.history()[0].wrong == 1);
}

TEST_CASE("pair: break-fix is not restored before the fault was seen and named", "[pair]") {
  BreakFix bf({"Mina", "Joon"}, testing::promotion_palette(), 1);
  CHECK(bf.breaker() == 1);
  REQUIRE(bf.pick(0, 0, TimePoint{0}));
  CHECK(!bf.observe(true, 1000, TimePoint{0}));  // nothing broke yet
  CHECK(!bf.observe(false, 2000, TimePoint{1000}));
  CHECK(!bf.observe(true, 3000, TimePoint{2000}));  // healed by itself, not yet named
  CHECK(bf.phase() == BreakFix::Phase::Diagnose);
  REQUIRE(bf.diagnose(0, 4000, TimePoint{2000}));
  auto restored = bf.observe(true, 5000, TimePoint{3000});
  REQUIRE(restored);
  CHECK(*restored == "restored round=1 breaker=Joon fixer=Mina fault=hand-scale wall_ms=5000 virtual_ms=3000");
  CHECK(!bf.diagnose(0, 6000, TimePoint{3000}));  // nothing to diagnose now
}
