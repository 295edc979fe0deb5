#include <catch2/catch.hpp>

#include "sim/ui/view/completion.hpp"

using namespace gs::ui;

namespace {
CompletionNames names() {
  CompletionNames n;
  n.apps = {"shop-dev", "shop-prod", "shop-staging"};
  n.repos = {"shop-config"};
  n.repo_refs = {"shop-config@develop", "shop-config@main"};
  n.clusters = {"dev", "prod"};
  n.resources = {"deployment/web", "service/web"};
  return n;
}
}  // namespace

TEST_CASE("Completion: command words from the command table") {
  CHECK(complete_line("arg", names()).line == "argocd ");
  const auto c = complete_line("argocd app s", names());
  CHECK(c.candidates == std::vector<std::string>{"set", "sync"});
  CHECK(c.line == "argocd app s");
}

TEST_CASE("Completion: app, repo and cluster names where the command takes them") {
  auto c = complete_line("argocd app sync shop-p", names());
  CHECK(c.line == "argocd app sync shop-prod ");
  c = complete_line("git log shop", names());
  CHECK(c.line == "git log shop-config@");
  c = complete_line("kubectl get deployment/web --cluster=p", names());
  CHECK(c.line == "kubectl get deployment/web --cluster=prod ");
  c = complete_line("kubectl scale dep", names());
  CHECK(c.line == "kubectl scale deployment/web ");
}

TEST_CASE("Completion: flags of the command") {
  const auto c = complete_line("argocd app refresh shop-dev --h", names());
  CHECK(c.line == "argocd app refresh shop-dev --hard ");
}

TEST_CASE("Completion: kubectl's --context offers the clusters, sim speed the offered speeds") {
  auto c = complete_line("kubectl get pods --context p", names());
  CHECK(c.line == "kubectl get pods --context prod ");
  c = complete_line("kubectl get pods --context=d", names());
  CHECK(c.line == "kubectl get pods --context=dev ");
  c = complete_line("sim speed 1", names());
  CHECK(c.candidates == std::vector<std::string>{"1", "10", "1000"});
}
