// Builds DORA's inputs from a world::World: each app's facts from its app
// view (its destination cluster as its environment, its repository and
// tree) and each push pipeline's from its `ci:` entry (the first cluster
// of its kubeconfig, its repository and path), and the ancestry callback
// over the world's Git repositories. Then computes the report over the
// world's log up to its clock.
#pragma once

#include <vector>

#include "sim/metrics/dora.hpp"

namespace gs::world {
class World;
}

namespace gs::metrics {

std::vector<AppFacts> app_facts(const world::World& world);
// `git log FROM..TO -- TREE` in the world's repository of the app; a
// revision that is not a commit there (an image tag, a Helm chart version)
// brings nothing.
Ancestry world_ancestry(const world::World& world);
// compute() over the whole log, to the world's now; figures from `since`.
Report of_world(const world::World& world, TimePoint since = TimePoint{0});

}  // namespace gs::metrics
