#include "sim/scenario/predicates.hpp"

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/health/health.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/model/path.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/world.hpp"

namespace gs::scenario {
namespace {

std::string scalar_text(const model::Node& n) {
  if (n.is_null()) return "null";
  if (n.is_scalar()) return n.text();
  return model::to_json(n);
}

// `equals: 3` against a live 3, `equals: "3"` against "3": same tag and text;
// a number against a quantity string is not equal, as in Kubernetes.
bool values_equal(const model::Node& want, const model::Node& got) { return want == got; }

// An app's predicates read its view (World::app_view), whichever reconciler
// manages it.
CheckOutcome check_app(const Check& c, const world::World& w) {
  const auto app = w.app_view(*c.app);
  if (!app) return {false, "app " + *c.app + " does not exist"};
  bool ok = true;
  std::string seen;
  auto add = [&](const std::string& what) { seen += (seen.empty() ? "" : " ") + what; };
  if (c.sync) {
    add("sync=" + app->sync);
    ok = ok && app->sync == *c.sync;
  }
  if (c.health) {
    add("health=" + app->health);
    ok = ok && app->health == *c.health;
  }
  if (c.revision) {
    add("revision=" + app->revision.substr(0, 7));
    // A branch name means that branch's head now; otherwise a SHA prefix.
    std::string want = *c.revision;
    if (const auto* repo = w.repo_by_url(app->repo_url)) {
      if (auto sha = repo->repo->resolve(*c.revision)) want = *sha;
    }
    ok = ok && !app->revision.empty() && app->revision.rfind(want, 0) == 0;
  }
  if (c.operation) {
    const std::string v = app->operation ? app->operation->phase : "none";
    add("operation=" + v);
    ok = ok && v == *c.operation;
  }
  if (c.history_length) {
    add("historyLength=" + std::to_string(app->history.size()));
    ok = ok && static_cast<std::int64_t>(app->history.size()) == *c.history_length;
  }
  return {ok, seen};
}

CheckOutcome check_resource(const Check& c, const world::World& w) {
  const ResourceRef& r = *c.resource;
  const auto* cs = w.cluster_by_name(r.cluster);
  if (!cs) return {false, "cluster " + r.cluster + " does not exist"};
  auto info = cs->cluster->resolve_resource(r.group.empty() ? r.kind : r.kind + "." + r.group);
  if (!info) return {false, info.error().message};
  const cluster::ObjectKey key{info->group, info->kind, info->namespaced ? r.ns : "", r.name};
  const model::Node* live = cs->cluster->get(key);
  if (c.exists) {
    const bool exists = live != nullptr;
    return {exists == *c.exists, exists ? "exists" : "does not exist"};
  }
  if (!live) return {false, "does not exist"};
  if (c.field) {
    auto path = model::parse_field_path(*c.field);
    if (!path) return {false, path.error().message};
    const model::Node* v = model::get_path(*live, *path);
    if (!v) return {false, *c.field + " is not set"};
    const bool ok = c.equals ? values_equal(*c.equals, *v) : true;
    return {ok, *c.field + "=" + scalar_text(*v)};
  }
  if (c.health) {
    auto h = cluster::assess_health(*live);
    const std::string v = h ? std::string(cluster::health_name(h->status)) : "none";
    return {v == *c.health, "health=" + v};
  }
  return {true, "exists"};
}

CheckOutcome check_event(const Check& c, const world::World& w) {
  std::int64_t n = 0;
  for (const auto& e : w.log().events()) {
    if (e.type != *c.event) continue;
    if (c.app && e.str("app") != *c.app) continue;
    if (c.repo && e.str("repo") != *c.repo) continue;
    if (c.cluster && e.str("cluster") != *c.cluster) continue;
    ++n;
  }
  const std::string seen = std::to_string(n) + " " + *c.event + " event" + (n == 1 ? "" : "s");
  if (c.count) return {n == *c.count, seen};
  if (c.at_least) return {n >= *c.at_least, seen};
  return {n >= 1, seen};
}

}  // namespace

CheckOutcome evaluate_check(const Check& check, const world::World& world) {
  if (check.app && !check.event) return check_app(check, world);
  if (check.resource) return check_resource(check, world);
  if (check.event) return check_event(check, world);
  return {false, "check has no subject"};
}

}  // namespace gs::scenario
