// A world with Flux in cluster "dev": the gitops fixture's repository (a web
// Deployment, a Service and a ConfigMap under apps/web) and the Flux objects
// a test writes, built as a WorldSpec.
#pragma once

#include "../gitops/world_fixture.hpp"
#include "sim/cluster/cluster.hpp"
#include "sim/flux/controller.hpp"
#include "sim/git/repository.hpp"

namespace gs::testing {

inline std::string git_repository(const std::string& interval = "1m", const std::string& extra = "") {
  return "- apiVersion: source.toolkit.fluxcd.io/v1\n  kind: GitRepository\n  metadata: {name: config, namespace: flux-system}\n"
         "  spec:\n    interval: " + interval + "\n    url: https://git.example/config.git\n    ref: {branch: main}\n" + extra;
}

inline std::string kustomization(const std::string& name = "web", const std::string& interval = "10m",
                                 const std::string& extra = "", const std::string& path = "./apps/web") {
  return "- apiVersion: kustomize.toolkit.fluxcd.io/v1\n  kind: Kustomization\n  metadata: {name: " + name +
         ", namespace: flux-system}\n  spec:\n    interval: " + interval + "\n    path: " + path +
         "\n    prune: true\n    sourceRef: {kind: GitRepository, name: config}\n" + extra;
}

inline world::WorldSpec flux_spec(const std::string& objects_yaml) {
  auto spec = base_spec();
  world::FluxSpec f;
  f.cluster = "dev";
  const model::Node list = yaml(objects_yaml);
  for (const auto& o : list.items()) f.objects.push_back(o);
  spec.flux.push_back(f);
  return spec;
}

inline const flux::FluxController& flux_of(const world::World& w) {
  const auto* f = w.reconciler<flux::FluxController>();
  REQUIRE(f != nullptr);
  return *f;
}

inline const flux::KustomizationState& ks(const world::World& w, const std::string& name = "web") {
  const auto* k = flux_of(w).kustomization(name);
  REQUIRE(k != nullptr);
  return *k;
}

inline const flux::Condition& ready(const std::vector<flux::Condition>& conds) {
  const auto* c = flux::FluxController::condition(conds, "Ready");
  REQUIRE(c != nullptr);
  return *c;
}

inline std::int64_t web_replicas(const world::World& w, const std::string& ns = "default") {
  const auto* c = w.cluster_by_name("dev");
  REQUIRE(c != nullptr);
  const auto* d = c->cluster->get(cluster::ObjectKey{"apps", "Deployment", ns, "web"});
  REQUIRE(d != nullptr);
  return d->get({"spec", "replicas"})->as_int().value_or(-1);
}

inline std::size_t events_at(const world::World& w, const std::string& type, TimePoint t) {
  std::size_t n = 0;
  for (const auto& e : w.log().events()) n += e.type == type && e.t == t;
  return n;
}

}  // namespace gs::testing
