// The reconcilers a World runs, registered in one list. Each factory builds
// its reconciler from the WorldSpec (returning nullptr when the spec holds
// nothing for it) with what the world lends every reconciler: the repo
// server, the clusters, the event log and a random stream of its own.
// Adding a controller (a Flux-style one, say) is one line in the list.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/result.hpp"
#include "sim/core/rng.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/gitops/repo_server.hpp"
#include "sim/world/world.hpp"
#include "sim/world/world_spec.hpp"

namespace gs::world {

struct ReconcilerEnv {
  const WorldSpec& spec;
  gitops::RepoServer& repo_server;
  gitops::AppController::ClusterLookup clusters;
  EventLog& log;
  Rng& rng;
  gitops::AppController::CommitEventLookup commit_event;
  // ci: the image registry (scans, builds), repositories by name (the bot
  // reads the files it rewrites), and a commit as a bot makes one: World
  // records it (Committed) and tells every reconciler (webhooks) as for
  // `git commit`; returns the new SHA.
  cluster::ImageRegistry& registry;
  std::function<const git::Repository*(std::string_view repo_name)> repository;
  std::function<Result<std::string>(const std::string& repo, const std::string& branch, const StagedFiles& files,
                                    const std::string& message, const std::string& author, EventId cause)>
      commit;
};

// In the order they run at each instant.
const std::vector<ReconcilerFactory>& reconciler_factories();

}  // namespace gs::world
