#include "generator.hpp"

#include <algorithm>
#include <fmt/core.h>

#include "sim/model/yaml.hpp"

namespace gs::bench {
namespace {

const std::vector<std::string> kEnvs{"dev", "staging", "prod"};

std::string service_yaml(int i) {
  return fmt::format(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc{0:02}
  labels: {{app: svc{0:02}}}
spec:
  replicas: 2
  selector:
    matchLabels: {{app: svc{0:02}}}
  template:
    metadata:
      labels: {{app: svc{0:02}}}
    spec:
      containers:
        - name: svc{0:02}
          image: registry.example/shop/svc{0:02}:1.0.0
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: svc{0:02}
spec:
  selector: {{app: svc{0:02}}}
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: svc{0:02}-config
data:
  LOG_LEVEL: info
)",
                     i);
}

std::string overlay(int i, const std::string& env, const std::string& tag) {
  return fmt::format(R"(resources:
  - ../../../base/svc{0:02}
namePrefix: {1}-
images:
  - name: registry.example/shop/svc{0:02}
    newTag: "{2}"
commonLabels:
  env: {1}
)",
                     i, env, tag);
}

model::Node application(int i, const std::string& env, const std::string& repo_url) {
  return *model::parse_yaml(fmt::format(
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {{name: {0}-svc{1:02}, namespace: argocd}}\n"
      "spec:\n  project: default\n  source: {{repoURL: {2}, targetRevision: main, path: overlays/{0}/svc{1:02}}}\n"
      "  destination: {{server: https://{0}.k8s.example, namespace: shop}}\n"
      "  syncPolicy:\n    automated: {{prune: true, selfHeal: true}}\n    syncOptions: [CreateNamespace=true]\n",
      env, i, repo_url));
}

}  // namespace

GeneratedWorld generate_world(const WorldShape& shape) {
  GeneratedWorld g;
  world::WorldSpec& spec = g.spec;
  spec.seed = 42;
  for (const auto& env : kEnvs) spec.clusters.push_back({env, "https://" + env + ".k8s.example", {}});
  world::RepoSpec repo;
  repo.name = "platform";
  repo.url = "https://git.example/platform/config.git";
  world::CommitSpec initial;
  initial.branch = "main";
  initial.author = "Mina Park <mina@example.com>";
  initial.message = "All services";
  for (int i = 0; i < shape.services; ++i) {
    world::RegistryImage img{fmt::format("registry.example/shop/svc{:02}", i), {}, {}};
    for (int t = 0; t <= shape.commits; ++t) img.tags.push_back(fmt::format("1.{}.0", t));
    spec.registry.push_back(img);
    initial.files[fmt::format("base/svc{:02}/all.yaml", i)] = service_yaml(i);
    initial.files[fmt::format("base/svc{:02}/kustomization.yaml", i)] = std::string("resources: [all.yaml]\n");
    for (const auto& env : kEnvs) {
      initial.files[fmt::format("overlays/{}/svc{:02}/kustomization.yaml", env, i)] = overlay(i, env, "1.0.0");
      spec.applications.push_back(application(i, env, repo.url));
    }
  }
  repo.commits.push_back(initial);
  spec.repos.push_back(repo);

  // Commits bump one service in one environment; drifts scale one by hand.
  const std::int64_t len = shape.length.ms;
  for (int c = 0; c < shape.commits; ++c) {
    const int svc = c % shape.services;
    const std::string& env = kEnvs[static_cast<std::size_t>(c) % kEnvs.size()];
    g.commands.push_back({TimePoint{len * (c + 1) / (shape.commits + 1)},
                          fmt::format("git edit platform@main overlays/{}/svc{:02}/kustomization.yaml "
                                      "images[0].newTag={} -m 'Release svc{:02}'",
                                      env, svc, fmt::format("1.{}.0", c + 1), svc)});
  }
  for (int d = 0; d < shape.drifts; ++d) {
    // Offset by a third of a slot so drifts never share an instant with commits.
    const int svc = (d * 7) % shape.services;
    const std::string& env = kEnvs[static_cast<std::size_t>(d + 1) % kEnvs.size()];
    const std::int64_t slot = len / (shape.drifts + 1);
    g.commands.push_back({TimePoint{slot * (d + 1) + slot / 3},
                          fmt::format("kubectl scale deployment/{}-svc{:02} --replicas=3 -n shop --cluster {}", env,
                                      svc, env)});
  }
  std::stable_sort(g.commands.begin(), g.commands.end(),
                   [](const TimedCommand& a, const TimedCommand& b) { return a.at < b.at; });
  return g;
}

}  // namespace gs::bench
