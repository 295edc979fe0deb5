// World::advance_some: the GUI gives the world a slice of each frame, so one
// instant's work may be cut between two controller or cluster tasks. Reaching
// a time in many pieces must leave the same world as one advance().
#include <catch2/catch.hpp>

#include "../gitops/world_fixture.hpp"
#include "sim/world/event_json.hpp"

using namespace gs;
using namespace gs::testing;

namespace {
world::WorldSpec three_apps() {
  auto spec = base_spec();
  spec.applications = {application({.name = "web", .ns = "shop", .automated = "{prune: true, selfHeal: true}"}),
                       application({.name = "web-b", .ns = "shop-b", .automated = "{prune: true}"}),
                       application({.name = "web-c", .ns = "shop-c"})};
  return spec;
}

const auto kAlways = [] { return true; };  // stop after every single task

// Calls advance_some until the world reaches `to`; returns how many calls it took.
int advance_in_pieces(world::World& w, TimePoint to) {
  int calls = 1;
  while (!w.advance_some(to, kAlways)) ++calls;
  return calls;
}
}  // namespace

TEST_CASE("World: advancing one task at a time gives the events of one advance, byte for byte",
          "[world][advance]") {
  auto one = make_world(three_apps());
  auto split = make_world(three_apps());
  const char* edit = "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'three replicas'";

  one->advance(at("1m"));
  REQUIRE(one->apply_text(edit).ok());
  REQUIRE(one->apply_text("argocd app sync web-c").ok());
  one->advance(at("10m"));

  int calls = advance_in_pieces(*split, at("1m"));
  REQUIRE(split->apply_text(edit).ok());
  REQUIRE(split->apply_text("argocd app sync web-c").ok());
  calls += advance_in_pieces(*split, at("10m"));

  CHECK(split->now() == one->now());
  // Many more calls than instants: instants were really cut inside.
  std::set<std::int64_t> instants;
  for (const auto& e : one->log().events()) instants.insert(e.t.ms);
  CHECK(calls > static_cast<int>(instants.size()));
  CHECK(split->log().size() == one->log().size());
  CHECK(world::event_stream_hash(split->log().events()) == world::event_stream_hash(one->log().events()));
}

TEST_CASE("World: a command during a cut instant lands after the whole instant", "[world][advance]") {
  auto one = make_world(three_apps());
  auto split = make_world(three_apps());
  // Stop the split world a few tasks into its work, wherever that is.
  bool reached = false;
  for (int i = 0; i < 7 && !reached; ++i) reached = split->advance_some(at("10m"), kAlways);
  REQUIRE_FALSE(reached);
  const TimePoint cut = split->now();
  const char* cmd = "kubectl scale deployment/web --replicas=5 -n shop --cluster dev";
  REQUIRE(split->apply_text(cmd).ok());

  // The same command, given once everything due at that instant has run.
  one->advance(cut);
  REQUIRE(one->apply_text(cmd).ok());

  one->advance(at("10m"));
  advance_in_pieces(*split, at("10m"));
  CHECK(world::event_stream_hash(split->log().events()) == world::event_stream_hash(one->log().events()));
}
