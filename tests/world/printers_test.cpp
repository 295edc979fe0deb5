// What `argocd` and `kubectl` print in the console and `gitops-sim exec`:
// the real tools' columns and words (argocd-behaviour.md §10).
#include <catch2/catch.hpp>

#include "../gitops/world_fixture.hpp"
#include "sim/git/repository.hpp"

using namespace gs;
using namespace gs::testing;

TEST_CASE("Printers: argocd app list has the real columns, SYNCPOLICY Manual/Auto/Auto-Prune, CONDITIONS <none> "
          "(checklist 59)", "[world][printers]") {
  auto spec = base_spec();
  spec.applications = {application({.name = "a-manual"}),
                       application({.name = "b-auto", .ns = "b", .automated = "{prune: false}"}),
                       application({.name = "c-prune", .ns = "c", .automated = "{prune: true}"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  auto out = w->apply_text("argocd app list");
  REQUIRE(out.ok());
  const std::string& text = out.value().output;
  CHECK(text.rfind("NAME", 0) == 0);
  const std::string header = text.substr(0, text.find('\n'));
  for (const char* col : {"NAME", "CLUSTER", "NAMESPACE", "PROJECT", "STATUS", "HEALTH", "SYNCPOLICY", "CONDITIONS"}) {
    CAPTURE(col);
    CHECK(header.find(col) != std::string::npos);
  }
  CHECK(header.find("CLUSTER") < header.find("NAMESPACE"));
  CHECK(header.find("SYNCPOLICY") < header.find("CONDITIONS"));
  auto line_of = [&](const std::string& app) {
    const auto p = text.find("argocd/" + app + " ");
    REQUIRE(p != std::string::npos);
    return text.substr(p, text.find('\n', p) - p);
  };
  CHECK(line_of("a-manual").find(" Manual ") != std::string::npos);
  CHECK(line_of("b-auto").find(" Auto ") != std::string::npos);
  CHECK(line_of("c-prune").find(" Auto-Prune ") != std::string::npos);
  CHECK(line_of("c-prune").size() >= 6);
  CHECK(line_of("c-prune").substr(line_of("c-prune").size() - 6) == "<none>");
}

TEST_CASE("Printers: argocd app diff prints nothing and exits 0 in sync, a diff and exit code 1 otherwise "
          "(checklist 60)", "[world][printers]") {
  auto spec = base_spec();
  spec.applications = {application({.automated = "{prune: true}"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  auto same = w->apply_text("argocd app diff web");
  REQUIRE(same.ok());
  CHECK(same.value().output.empty());
  CHECK(same.value().exit_code == 0);
  REQUIRE(w->apply_text("kubectl scale deployment/web --replicas=5 -n shop --cluster dev").ok());
  auto differs = w->apply_text("argocd app diff web");
  REQUIRE(differs.ok());
  CHECK(differs.value().exit_code == 1);
  CHECK(differs.value().output.find("===== apps/Deployment shop/web ======") != std::string::npos);
  CHECK(differs.value().output.find("<   replicas: 5") != std::string::npos);
  CHECK(differs.value().output.find(">   replicas: 2") != std::string::npos);
}

TEST_CASE("Printers: argocd app get -o yaml|json prints the Application object, and app list -o yaml|json all of them",
          "[world][printers]") {
  auto spec = base_spec();
  spec.applications = {application({.automated = "{prune: true}"})};
  auto w = make_world(spec);
  w->advance(at("1m"));
  const std::string head = *w->repo_by_name("config")->repo->resolve("main");
  auto yaml_out = w->apply_text("argocd app get web -o yaml");
  REQUIRE(yaml_out.ok());
  auto doc = model::parse_yaml(yaml_out.value().output);
  REQUIRE(doc.ok());
  CHECK(doc->get_string({"kind"}) == std::optional<std::string>("Application"));
  CHECK(doc->get_string({"metadata", "name"}) == std::optional<std::string>("web"));
  CHECK(doc->get_string({"status", "sync", "revision"}) == std::optional<std::string>(head));
  CHECK(doc->get_string({"status", "sync", "status"}) == std::optional<std::string>("Synced"));
  auto json_out = w->apply_text("argocd app get web --output json");
  REQUIRE(json_out.ok());
  auto json_doc = model::parse_yaml(json_out.value().output);  // JSON is YAML
  REQUIRE(json_doc.ok());
  CHECK(*json_doc == *doc);
  auto list = w->apply_text("argocd app list -o yaml");
  REQUIRE(list.ok());
  auto items = model::parse_yaml(list.value().output);
  REQUIRE(items.ok());
  REQUIRE(items->is_list());
  REQUIRE(items->items().size() == 1);
  CHECK(items->items()[0] == *doc);
  CHECK_FALSE(w->apply_text("argocd app get web -o xml").ok());
}
