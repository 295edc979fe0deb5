#include <catch2/catch.hpp>

#include "sim/world/command.hpp"

using gs::world::parse_command;
using gs::world::tokenize;

TEST_CASE("Command: tokenizes like a shell", "[world][command]") {
  auto w = tokenize(R"(git commit shop@develop -m "Scale web to 3" --author 'Jisoo Kim <j@x>' a\ b)");
  REQUIRE(w.ok());
  REQUIRE(w->size() == 8);
  CHECK((*w)[4] == "Scale web to 3");
  CHECK((*w)[6] == "Jisoo Kim <j@x>");
  CHECK((*w)[7] == "a b");
  CHECK_FALSE(tokenize("git commit -m \"open").ok());
  CHECK_FALSE(tokenize("echo 'open").ok());
}

TEST_CASE("Command: parses the spec's examples", "[world][command]") {
  auto c = parse_command("kubectl scale deployment/web --replicas=5 -n shop --cluster dev");
  REQUIRE(c.ok());
  CHECK(c->name() == "kubectl scale");
  CHECK(c->args == std::vector<std::string>{"deployment/web"});
  CHECK(c->flag("replicas") == "5");
  CHECK(c->flag("namespace") == "shop");
  CHECK(c->flag("cluster") == "dev");

  auto s = parse_command("argocd app sync shop-dev --prune --revision abc123");
  REQUIRE(s.ok());
  CHECK(s->has("prune"));
  CHECK_FALSE(s->has("dry-run"));
  CHECK(s->flag("revision") == "abc123");

  auto e = parse_command("git edit shop-config@develop overlays/dev/kustomization.yaml images[0].newTag=1.1.0 -m \"Bump web\"");
  REQUIRE(e.ok());
  CHECK(e->args.size() == 3);
  CHECK(e->flag("message") == "Bump web");

  auto si = parse_command("kubectl set image deploy/web web=registry.example/shop/web:1.1.0 -n shop --cluster dev");
  REQUIRE(si.ok());
  CHECK(si->name() == "kubectl set image");
}

TEST_CASE("Command: the canonical text parses back to the same command", "[world][command]") {
  auto line = GENERATE(as<std::string>{},
                       "kubectl scale deployment/web --replicas=5 -n shop --cluster dev",
                       "git commit shop@develop -m 'Scale web to 3' --author \"Jisoo Kim <j@x>\"",
                       "argocd app set shop-dev --sync-policy automated --self-heal --auto-prune",
                       "fault outage prod 5m", "kubectl label deploy/web team=blue tier- -n shop --cluster dev",
                       "kubectl patch deploy/web --type merge -p '{\"spec\":{\"replicas\":2}}' -n shop");
  CAPTURE(line);
  auto c = parse_command(line);
  REQUIRE(c.ok());
  auto again = parse_command(c->text());
  REQUIRE(again.ok());
  CHECK(again->text() == c->text());
  CHECK(again->args == c->args);
  CHECK(again->flags == c->flags);
}

TEST_CASE("Command: errors name the word at fault and what was expected", "[world][command]") {
  auto [line, fragment] = GENERATE(table<std::string, std::string>({
      {"kubectl scale deploy/web --replica=5", "unknown flag '--replica'; did you mean '--replicas'?"},
      {"kubectl scale deploy/web --replicas=abc", "invalid value 'abc' for --replicas; expected a non-negative integer"},
      {"kubectl scale deploy/web --replicas=-1", "invalid value '-1' for --replicas"},
      {"kubectl scale deploy/web", "missing required flag --replicas"},
      {"kubectl scael deploy/web", "unknown command 'scael'; did you mean 'scale'?"},
      {"argocd app", "argocd app: missing subcommand"},
      {"argocd app get", "missing APP"},
      {"argocd app get a b", "unexpected argument 'b'"},
      {"argocd app sync a --prune=maybe", "is a switch"},
      {"fault outage prod 5", "without a unit"},
      {"sim advance -3s", "negative durations are not allowed"},
      {"helm install x", "unknown command 'helm'"},
      {"", "empty command"},
      {"git commit shop@main", "missing required flag --message"},
      {"argocd app list -o tree", "expected one of wide, name, json, yaml"},
  }));
  CAPTURE(line);
  auto c = parse_command(line);
  REQUIRE_FALSE(c.ok());
  CHECK_THAT(c.error().message, Catch::Contains(fragment));
}

TEST_CASE("Command: did you mean picks the closest candidate", "[world][command]") {
  using gs::world::did_you_mean;
  CHECK(did_you_mean("replica", {"replicas", "namespace"}) == "replicas");
  CHECK(did_you_mean("selfheal", {"selfHeal", "prune"}) == "selfHeal");
  CHECK_FALSE(did_you_mean("zzz", {"replicas"}).has_value());
}

TEST_CASE("Command: after '--' an argument starting with '-' is refused, since the canonical text could not carry it",
          "[world][command]") {
  // fuzz/regressions/command/arg-after-double-dash-looks-like-a-flag
  auto c = parse_command("kubectl get -- --namespace=x");
  REQUIRE_FALSE(c.ok());
  CHECK_THAT(c.error().message, Catch::Contains("argument '--namespace=x' starts with '-'"));
  // Plain words and negative numbers after `--` stay arguments.
  auto ok = parse_command("kubectl get -- pods");
  REQUIRE(ok.ok());
  CHECK(ok->args == std::vector<std::string>{"pods"});
  CHECK(parse_command(ok->text()).ok());
}
