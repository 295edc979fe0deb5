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

// The line as completion leaves it.
std::string completed(const std::string& line) { return complete_line(line, names()).line; }
}  // namespace

TEST_CASE("Completion: command words from the command table") {
  CHECK(completed("arg") == "argocd ");
  const auto c = complete_line("argocd app s", names());
  CHECK(c.candidates == std::vector<std::string>{"set", "sync"});
  CHECK(c.line == "argocd app s");
}

TEST_CASE("Completion: app, repo and cluster names where the command takes them") {
  CHECK(completed("argocd app sync shop-p") == "argocd app sync shop-prod ");
  CHECK(completed("git log shop") == "git log shop-config@");
  CHECK(completed("kubectl get deployment/web --cluster=p") == "kubectl get deployment/web --cluster=prod ");
  CHECK(completed("kubectl scale dep") == "kubectl scale deployment/web ");
}

TEST_CASE("Completion: flags of the command") {
  CHECK(completed("argocd app refresh shop-dev --h") == "argocd app refresh shop-dev --hard ");
}

TEST_CASE("Completion: kubectl's --context offers the clusters, sim speed the offered speeds") {
  CHECK(completed("kubectl get pods --context p") == "kubectl get pods --context prod ");
  CHECK(completed("kubectl get pods --context=d") == "kubectl get pods --context=dev ");
  const auto c = complete_line("sim speed 1", names());
  CHECK(c.candidates == std::vector<std::string>{"1", "10", "1000"});
}
