// Shared helpers for the cluster tests: YAML fixtures, a cluster on a fixed
// seed, and stepping virtual time while collecting events.
#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/health/health.hpp"
#include "sim/model/yaml.hpp"

namespace gs::cluster::test {

inline model::Node yaml(std::string_view text) {
  auto r = model::parse_yaml(text);
  if (!r) FAIL(r.error().render());
  return *r;
}

inline std::string read_data(const std::string& rel) {
  std::ifstream in(std::string(GS_TEST_DATA_DIR) + "/cluster/" + rel);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr std::int64_t kEpoch = 1767603600;  // 2026-01-05T09:00:00Z

inline Cluster make_cluster(const ImageRegistry* reg, std::uint64_t seed = 7) {
  return Cluster("dev", "https://dev.example:6443", kEpoch, Rng(seed), reg);
}

inline TimePoint at_s(double s) { return TimePoint{static_cast<std::int64_t>(s * 1000)}; }

// Runs the cluster up to `to`, one wakeup at a time.
inline void advance(Cluster& c, TimePoint to, std::vector<ClusterEvent>& events) {
  for (int i = 0; i < 100000; ++i) {
    auto next = c.next_wakeup();
    if (!next || *next > to) break;
    c.run_until(*next, events);
  }
  c.run_until(to, events);
}

inline ObjectKey deploy_key(std::string ns, std::string name) {
  return ObjectKey{"apps", "Deployment", std::move(ns), std::move(name)};
}

inline HealthStatus health_of(const Cluster& c, const ObjectKey& k) {
  const model::Node* o = c.get(k);
  REQUIRE(o != nullptr);
  auto h = assess_health(*o);
  REQUIRE(h.has_value());
  return *h;
}

inline std::string deployment_yaml(const std::string& name, const std::string& ns, int replicas,
                                   const std::string& image, const std::string& extra_spec = "") {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
         "\n  labels:\n    app: " + name + "\nspec:\n  replicas: " + std::to_string(replicas) + "\n" + extra_spec +
         "  selector:\n    matchLabels:\n      app: " + name + "\n  template:\n    metadata:\n      labels:\n        app: " +
         name + "\n    spec:\n      containers:\n        - name: " + name + "\n          image: " + image +
         "\n          ports:\n            - containerPort: 8080\n";
}

inline std::string namespace_yaml(const std::string& name) {
  return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
}

inline std::vector<ObjectKey> pods_of(const Cluster& c, const std::string& ns, bool include_terminating = false) {
  std::vector<ObjectKey> out;
  for (const auto& k : c.list("Pod", ns)) {
    if (!include_terminating && c.get(k)->get({"metadata", "deletionTimestamp"})) continue;
    out.push_back(k);
  }
  return out;
}

// A cluster on the fixed seed whose registry has registry.example/shop/web:1.0.0,
// with a namespace "shop"; `web` names the Deployment deploy_web applies there.
struct ShopFixture {
  ImageRegistry reg;
  Cluster c;
  std::vector<ClusterEvent> events;
  ObjectKey web = deploy_key("shop", "web");
  ShopFixture() : c(make_cluster(&reg)) {
    reg.add("registry.example/shop/web", "1.0.0");
    apply(namespace_yaml("shop"));
  }
  // kubectl apply at `t` seconds, which must succeed.
  void apply(const std::string& manifest, double t = 0) { REQUIRE(c.apply(yaml(manifest), at_s(t), "kubectl").ok()); }
  // Deployment shop/web of `replicas` running web:1.0.0 (then `more_containers`, YAML list items).
  void deploy_web(int replicas, const std::string& more_containers = "", double t = 0) {
    apply(deployment_yaml("web", "shop", replicas, "registry.example/shop/web:1.0.0") + more_containers, t);
  }
  void run(double t) { advance(c, at_s(t), events); }
};

}  // namespace gs::cluster::test
