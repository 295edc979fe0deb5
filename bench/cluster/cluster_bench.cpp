// One Deployment in one fake cluster, scaled from 1 to N replicas (2000 by
// default) on enough nodes: prints the wall time until every replica is
// available, the virtual time that took, the wakeups and the peak RSS.
// `bench_cluster runaway` scales to 2147483647 on a default cluster (three
// nodes, the object quota) and prints what two virtual minutes cost.
// A benchmark, not a test: the wall clock is read here and only here, and
// nothing asserts.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fmt/core.h>
#include <string>
#include <string_view>

#include "sim/cluster/cluster.hpp"
#include "sim/model/yaml.hpp"

namespace {

constexpr std::int64_t kEpoch = 1767603600;  // 2026-01-05T09:00:00Z

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example/shop/web:1.0.0
          ports:
            - containerPort: 8080
)";

std::int64_t status_int(const gs::cluster::Cluster& c, const gs::cluster::ObjectKey& k, std::string_view field) {
  const gs::model::Node* o = c.get(k);
  const gs::model::Node* v = o ? o->get({"status", field}) : nullptr;
  return v ? v->as_int().value_or(0) : 0;
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool runaway = argc > 1 && std::string_view(argv[1]) == "runaway";
  const std::int64_t replicas = runaway ? 2147483647 : argc > 1 ? std::atoll(argv[1]) : 2000;
  gs::cluster::ImageRegistry registry;
  registry.add("registry.example/shop/web", "1.0.0");
  gs::cluster::Cluster c("dev", "https://dev.example:6443", kEpoch, gs::Rng(42), &registry);
  // Enough kind workers (110 pods each) for every replica to run.
  const int nodes = static_cast<int>((replicas + 109) / 110);
  if (!runaway) c.set_nodes(std::max(nodes, 3), 110, gs::TimePoint{0});
  std::vector<gs::cluster::ClusterEvent> events;
  auto ns = gs::model::parse_yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
  auto deploy = gs::model::parse_yaml(kDeployment);
  if (!ns || !deploy || !c.apply(*ns, gs::TimePoint{0}, "bench").ok() ||
      !c.apply(*deploy, gs::TimePoint{0}, "bench").ok()) {
    fmt::print(stderr, "bench_cluster: setup failed\n");
    return 2;
  }
  const gs::cluster::ObjectKey key{"apps", "Deployment", "shop", "web"};
  c.run_until(gs::TimePoint{60'000}, events);
  const gs::TimePoint start{60'000};

  const auto wall0 = std::chrono::steady_clock::now();
  if (auto s = c.scale("deploy", "shop", "web", replicas, start, "kubectl"); !s) {
    fmt::print(stderr, "bench_cluster: {}\n", s.error().message);
    return 2;
  }
  // Step wakeup by wakeup, as the world does, for at most one virtual hour
  // (two minutes for the runaway scale, which never becomes available).
  const gs::TimePoint limit = start + (runaway ? gs::Duration::minutes(2) : gs::Duration::minutes(60));
  gs::TimePoint reached = start;
  std::size_t wakeups = 0;
  while (status_int(c, key, "availableReplicas") < replicas) {
    auto next = c.next_wakeup();
    if (!next || *next > limit) break;
    c.run_until(*next, events);
    reached = *next;
    ++wakeups;
  }
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  const std::int64_t available = status_int(c, key, "availableReplicas");
  if (runaway) {
    std::size_t pods = c.list("Pod", "shop").size();
    fmt::print("cluster: scale deployment/web 1 -> {} on {} nodes: {} objects stored ({} pods, {} available) after "
               "{:.0f} virtual s, {:.2f} s wall, {} wakeups, peak RSS {:.0f} MB\n",
               replicas, c.nodes().size(), c.keys().size(), pods, available,
               static_cast<double>((reached - start).ms) / 1000.0, wall_s, wakeups, peak_rss_mb());
    return 0;
  }
  fmt::print("cluster: scale deployment/web 1 -> {} on {} nodes: {} available after {:.1f} virtual s, {:.2f} s wall, "
             "{} wakeups, {} watch events, peak RSS {:.0f} MB\n",
             replicas, c.nodes().size(), available, static_cast<double>((reached - start).ms) / 1000.0, wall_s, wakeups, events.size(),
             peak_rss_mb());
  return 0;
}
