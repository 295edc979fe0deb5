// Peer-Instruction votes: round 1 alone (hidden until both answered), round
// 2 after discussing, both kept.
#include <catch2/catch.hpp>

#include "sim/pair/vote.hpp"

using namespace gs::pair;

TEST_CASE("pair: a vote hides round 1 until both answered, then takes round 2 and keeps both", "[pair]") {
  PeerVote v("predict", 3, 1, {"Mina", "Joon"});
  CHECK(v.round() == 1);
  auto d = v.cast(0, 2);
  REQUIRE(d);
  CHECK(*d == "question=predict round=1 who=Mina choice=3 of=3 correct=0");
  CHECK(!v.revealed(1));
  CHECK(!v.cast(0, 1));  // Mina already answered round 1
  CHECK(v.round() == 1);
  REQUIRE(v.cast(1, 1));
  CHECK(v.revealed(1));
  CHECK(v.round() == 2);
  CHECK(v.counts(1) == std::vector<int>{0, 1, 1});
  CHECK(!v.cast(1, 3));  // out of range
  REQUIRE(v.cast(1, 1));
  CHECK(!v.revealed(2));
  CHECK(!v.pair_answer(0));
  auto last = v.cast(0, 1);
  REQUIRE(last);
  CHECK(*last == "question=predict round=2 who=Mina choice=2 of=3 correct=1");
  CHECK(v.phase() == PeerVote::Phase::Done);
  CHECK(v.counts(2) == std::vector<int>{0, 2, 0});
  CHECK(v.choice(1, 0) == 2);
  CHECK(v.pair_answer(1) == 1);
  CHECK(!v.cast(0, 0));
}

TEST_CASE("pair: a name with a space stays one word in the vote's mark", "[pair]") {
  CHECK(vote_detail("q1", 2, "Mina Park", 0, 2, true) == "question=q1 round=2 who=Mina_Park choice=1 of=2 correct=1");
}
