#include "sim/world/snapshot.hpp"

#include "sim/cluster/cluster.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/world/world.hpp"

namespace gs::world {

WorldSnapshot take_snapshot(const World& world) {
  WorldSnapshot s;
  s.now = world.now();
  s.event_count = world.log().size();
  const auto& ctl = world.controller();
  for (const auto& name : ctl.app_names()) {
    const auto* st = ctl.find(name);
    const auto& app = st->app;
    const auto& status = st->status;
    AppSnapshot a;
    a.name = name;
    const ClusterState* c = !app.spec.destination.server.empty() ? world.cluster_by_server(app.spec.destination.server)
                                                                   : world.cluster_by_name(app.spec.destination.name);
    a.cluster = c ? c->name : "";
    a.ns = app.spec.destination.ns;
    a.repo_url = app.spec.source.repo_url;
    a.path = app.spec.source.path;
    a.target_revision = app.spec.source.target_revision;
    a.revision = status.revision;
    a.sync = gitops::to_string(status.sync);
    a.health = std::string(cluster::health_name(status.health.status));
    a.health_message = status.health.message;
    if (status.operation) {
      a.operation_phase = gitops::to_string(status.operation->phase);
      a.operation_message = status.operation->message;
      a.initiated_by = gitops::to_string(status.operation->initiated_by);
    }
    if (const auto& au = app.spec.sync_policy.automated) {
      a.automated = true;
      a.self_heal = au->self_heal;
      a.prune = au->prune;
    }
    a.next_poll_ms = st->next_poll.ms;
    a.history_length = status.history.size();
    for (const auto& cond : status.conditions) a.conditions.push_back(cond.type);
    for (const auto& r : status.resources) {
      a.resources.push_back(ResourceSnapshot{r.key, gitops::to_string(r.status),
                                             r.health ? std::string(cluster::health_name(r.health->status)) : "",
                                             r.requires_pruning});
    }
    s.apps.push_back(std::move(a));
  }
  for (const auto& r : world.repos()) {
    RepoSnapshot rs{r.name, r.url, {}};
    for (const auto& b : r.repo->branches()) {
      if (auto sha = r.repo->resolve(b)) rs.branches[b] = *sha;
    }
    s.repos.push_back(std::move(rs));
  }
  for (const auto& c : world.clusters()) {
    ClusterSnapshot cs{c.name, c.server, {}};
    for (const auto& k : c.cluster->keys()) ++cs.objects_by_kind[k.kind];
    s.clusters.push_back(std::move(cs));
  }
  return s;
}

}  // namespace gs::world
