// One virtual day of a busy GitOps installation: 50 services × dev, staging,
// prod = 150 Applications on three clusters, 3-minute polling, self-heal on,
// and 50 commits spread over the day. Prints wall time, peak RSS, virtual
// seconds per wall second and events per second. A benchmark, not a test:
// the wall clock is read here and only here.
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <fmt/core.h>
#include <string>

#include "sim/gitops/controller.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/snapshot.hpp"
#include "sim/world/world.hpp"

namespace {

using gs::model::Node;

std::string service_yaml(int i) {
  const std::string name = fmt::format("svc{:02}", i);
  return fmt::format(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: {0}
  labels: {{app: {0}}}
spec:
  replicas: 2
  selector:
    matchLabels: {{app: {0}}}
  template:
    metadata:
      labels: {{app: {0}}}
    spec:
      containers:
        - name: {0}
          image: registry.example/shop/{0}:1.0.0
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: {0}
spec:
  selector: {{app: {0}}}
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {0}-config
data:
  LOG_LEVEL: info
)",
                     name);
}

std::string overlay(int i, const std::string& env, const std::string& tag) {
  return fmt::format(R"(resources:
  - ../../../base/svc{:02}
namePrefix: {}-
images:
  - name: registry.example/shop/svc{:02}
    newTag: "{}"
commonLabels:
  env: {}
)",
                     i, env, i, tag, env);
}

}  // namespace

int main(int argc, char** argv) {
  const int services = argc > 1 ? std::stoi(argv[1]) : 50;
  const int commits = argc > 2 ? std::stoi(argv[2]) : 50;
  const std::vector<std::string> envs{"dev", "staging", "prod"};

  gs::world::WorldSpec spec;
  spec.seed = 42;
  for (const auto& env : envs) spec.clusters.push_back({env, "https://" + env + ".k8s.example", {}});
  gs::world::RepoSpec repo;
  repo.name = "platform";
  repo.url = "https://git.example/platform/config.git";
  gs::world::CommitSpec initial;
  initial.branch = "main";
  initial.author = "Mina Park <mina@example.com>";
  initial.message = "All services";
  for (int i = 0; i < services; ++i) {
    gs::world::RegistryImage img{fmt::format("registry.example/shop/svc{:02}", i), {}, {}};
    for (int t = 0; t <= commits; ++t) img.tags.push_back(fmt::format("1.{}.0", t));
    spec.registry.push_back(img);
    initial.files[fmt::format("base/svc{:02}/all.yaml", i)] = service_yaml(i);
    initial.files[fmt::format("base/svc{:02}/kustomization.yaml", i)] = std::string("resources: [all.yaml]\n");
    for (const auto& env : envs) {
      initial.files[fmt::format("overlays/{}/svc{:02}/kustomization.yaml", env, i)] = overlay(i, env, "1.0.0");
      auto app = gs::model::parse_yaml(fmt::format(
          "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {{name: {0}-svc{1:02}, namespace: argocd}}\n"
          "spec:\n  project: default\n  source: {{repoURL: {2}, targetRevision: main, path: overlays/{0}/svc{1:02}}}\n"
          "  destination: {{server: https://{0}.k8s.example, namespace: shop}}\n"
          "  syncPolicy:\n    automated: {{prune: true, selfHeal: true}}\n    syncOptions: [CreateNamespace=true]\n",
          env, i, repo.url));
      spec.applications.push_back(*app);
    }
  }
  repo.commits.push_back(initial);
  spec.repos.push_back(repo);

  const auto wall0 = std::chrono::steady_clock::now();
  auto world = gs::world::World::create(spec);
  if (!world) {
    fmt::print(stderr, "bench: {}\n", world.error().render());
    return 2;
  }
  auto& w = **world;
  const gs::TimePoint day{24LL * 3600 * 1000};
  // 50 commits spread evenly over the day, each bumping one service in one env.
  for (int c = 0; c < commits; ++c) {
    const gs::TimePoint at{day.ms * (c + 1) / (commits + 1)};
    w.advance(at);
    const int svc = c % services;
    const std::string& env = envs[static_cast<std::size_t>(c) % envs.size()];
    auto out = w.apply_text(fmt::format(
        "git edit platform@main overlays/{}/svc{:02}/kustomization.yaml images[0].newTag={} -m 'Release svc{:02}'",
        env, svc, fmt::format("1.{}.0", c + 1), svc));
    if (!out) {
      fmt::print(stderr, "bench: {}\n", out.error().message);
      return 1;
    }
  }
  w.advance(day);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double rss_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  const double events = static_cast<double>(w.log().size());
  std::size_t synced = 0;
  for (const auto& name : w.controller().app_names()) {
    if (w.controller().find(name)->status.sync == gs::gitops::SyncStatusCode::Synced) ++synced;
  }
  fmt::print("world: {} apps, {} commits, 1 virtual day in {:.2f} s wall (goal <= 2 s), peak RSS {:.0f} MB (goal <= 300 MB)\n",
             spec.applications.size(), commits, wall_s, rss_mb);
  fmt::print("world: {:.0f} virtual s per wall s, {:.0f} events in total, {:.0f} events/s, {} refreshes, {}/{} apps Synced at the end\n",
             86400.0 / wall_s, events, events / wall_s, w.controller().refresh_count(), synced, spec.applications.size());
  // What a view pays per frame to read the world.
  const auto snap0 = std::chrono::steady_clock::now();
  std::size_t rows = 0;
  constexpr int kSnapshots = 200;
  for (int i = 0; i < kSnapshots; ++i) rows += gs::world::take_snapshot(w).apps.size();
  const double snap_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - snap0).count() / kSnapshots;
  fmt::print("world: a snapshot of {} apps takes {:.3f} ms\n", rows / kSnapshots, snap_ms);
  if (std::getenv("BENCH_DEBUG")) {
    for (const auto& e : w.log().events()) {
      if (e.type == "SyncFailed" || e.type == "ComparisonError" || e.type == "SyncError" || e.type == "ResourceSyncFailed") {
        fmt::print("{} {} {}\n", e.type, e.str("app"), e.str("message"));
      }
    }
  }
  return 0;
}
