#include "sim/metrics/from_world.hpp"

#include <algorithm>

#include "sim/git/repository.hpp"
#include "sim/world/world.hpp"

namespace gs::metrics {
namespace {

// Production reads the app's whole tree: a change committed to dev's folder
// reaches prod through the promotions after it (DORA's lead time is to
// production). Another environment reads its own folder only: a later
// promotion into staging's or prod's folder is no change to dev.
std::string tree_of(const std::string& env, const std::string& path) {
  return is_production(env) ? app_tree(path) : path;
}

}  // namespace

std::vector<AppFacts> app_facts(const world::World& world) {
  std::vector<AppFacts> out;
  for (const auto& name : world.app_names()) {
    const auto v = world.app_view(name);
    if (!v) continue;
    AppFacts f;
    f.app = name;
    f.env = v->cluster;
    if (const auto* r = world.repo_by_url(v->repo_url)) f.repo = r->name;
    f.tree = tree_of(f.env, v->path);
    out.push_back(std::move(f));
  }
  // A push pipeline is an app of its own (PushDeployed's app): its
  // environment is where it deploys, its tree the path it applies, so its
  // lead time reads the same Git history an agent's would.
  for (const auto& p : world.spec().ci.push_pipelines) {
    if (std::any_of(out.begin(), out.end(), [&](const AppFacts& a) { return a.app == p.name; })) continue;
    AppFacts f;
    f.app = p.name;
    f.env = p.kubeconfig.empty() ? std::string() : p.kubeconfig.front();
    f.repo = p.repo;
    f.tree = tree_of(f.env, p.path);
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const AppFacts& a, const AppFacts& b) { return a.app < b.app; });
  return out;
}

Ancestry world_ancestry(const world::World& world) {
  return [&world](const AppFacts& app, const std::string& from, const std::string& to) {
    std::vector<ChangeCommit> out;
    const auto* r = world.repo_by_name(app.repo);
    if (!r || !r->repo) return out;
    auto log = r->repo->log_range(from, to, app.tree);
    if (!log) return out;
    const std::int64_t start_s = world.spec().clock_start_epoch_s;
    for (const auto& c : *log) out.push_back(ChangeCommit{c.sha, TimePoint{(c.time_s - start_s) * 1000}});
    return out;
  };
}

Report of_world(const world::World& world, TimePoint since) {
  return compute(world.log().events(), app_facts(world), world_ancestry(world), world.now(), since);
}

}  // namespace gs::metrics
