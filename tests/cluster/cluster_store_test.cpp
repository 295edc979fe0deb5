#include "helpers.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

namespace {

const char* kConfigMap = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
  labels:
    app: web
data:
  LOG_LEVEL: info
)";

std::string rv(const Cluster& c, const ObjectKey& k) { return c.get(k)->get_string({"metadata", "resourceVersion"}).value(); }
std::int64_t generation(const Cluster& c, const ObjectKey& k) { return c.get(k)->get({"metadata", "generation"})->as_int().value(); }

}  // namespace

TEST_CASE("Cluster: default and kube-system namespaces exist at start, Active", "[store]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  for (const char* ns : {"default", "kube-system"}) {
    const model::Node* n = c.get(ObjectKey{"", "Namespace", "", ns});
    REQUIRE(n != nullptr);
    CHECK(n->get_string({"status", "phase"}) == "Active");
    CHECK(n->get_string({"metadata", "creationTimestamp"}) == "2026-01-05T09:00:00Z");
  }
  CHECK(c.take_events().empty());
  CHECK_FALSE(c.next_wakeup().has_value());
}

TEST_CASE("Cluster: a namespaced object in a missing namespace is rejected as the API server does", "[store]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  auto r = c.apply(yaml(kConfigMap), at_s(1), "kubectl");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "namespaces \"shop\" not found");
  CHECK(c.list("ConfigMap", std::nullopt).empty());
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(1), "kubectl").ok());
  CHECK(c.apply(yaml(kConfigMap), at_s(1), "kubectl").ok());
}

TEST_CASE("Cluster: apply reports created, unchanged, configured like kubectl", "[store]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
  auto r1 = c.apply(yaml(kConfigMap), at_s(1), "kubectl");
  REQUIRE(r1.ok());
  CHECK(r1->outcome == ApplyResult::Outcome::Created);
  CHECK(r1->kubectl_line() == "configmap/web-config created");
  auto r2 = c.apply(yaml(kConfigMap), at_s(2), "kubectl");
  REQUIRE(r2.ok());
  CHECK(r2->kubectl_line() == "configmap/web-config unchanged");
  std::string changed = kConfigMap;
  changed.replace(changed.find("info"), 4, "debug");
  auto r3 = c.apply(yaml(changed), at_s(3), "kubectl");
  REQUIRE(r3.ok());
  CHECK(r3->kubectl_line() == "configmap/web-config configured");
  auto d = c.apply(yaml(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.0.0")), at_s(4), "kubectl");
  REQUIRE(d.ok());
  CHECK(d->kubectl_line() == "deployment.apps/web created");
}

TEST_CASE("Cluster: uid, resourceVersion and creationTimestamp are server-set and deterministic", "[store]") {
  ImageRegistry reg;
  Cluster a = make_cluster(&reg);
  Cluster b = make_cluster(&reg);
  for (Cluster* c : {&a, &b}) {
    REQUIRE(c->apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
    REQUIRE(c->apply(yaml(kConfigMap), at_s(90.5), "kubectl").ok());
  }
  const ObjectKey k{"", "ConfigMap", "shop", "web-config"};
  const std::string uid = a.get(k)->get_string({"metadata", "uid"}).value();
  CHECK(uid == b.get(k)->get_string({"metadata", "uid"}).value());
  REQUIRE(uid.size() == 36);
  CHECK(uid[8] == '-');
  CHECK(uid[14] == '4');
  CHECK(a.get(k)->get_string({"metadata", "creationTimestamp"}) == "2026-01-05T09:01:30Z");
  Cluster other("staging", "https://staging.example:6443", kEpoch, Rng(7), &reg);
  REQUIRE(other.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
  REQUIRE(other.apply(yaml(kConfigMap), at_s(0), "kubectl").ok());
  CHECK(other.get(k)->get_string({"metadata", "uid"}) != uid);
  // resourceVersion is one counter for the whole cluster and only grows.
  const auto rv1 = std::stoull(rv(a, k));
  REQUIRE(a.label(k, "tier", std::string_view("backend"), at_s(91), "kubectl").ok());
  CHECK(std::stoull(rv(a, k)) > rv1);
}

TEST_CASE("Cluster: generation bumps on spec change only, not on labels or status", "[store]") {
  ImageRegistry reg;
  reg.add("registry.example/shop/web", "1.0.0");
  reg.add("registry.example/shop/web", "1.1.0");
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
  REQUIRE(c.apply(yaml(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.0.0")), at_s(0), "kubectl").ok());
  const ObjectKey k = deploy_key("shop", "web");
  CHECK(generation(c, k) == 1);
  std::vector<ClusterEvent> ev;
  advance(c, at_s(30), ev);  // controllers write status many times
  CHECK(generation(c, k) == 1);
  bool saw_status_only = false;
  for (const auto& e : ev) {
    if (e.key == k && e.by == "deployment-controller" && !e.spec_or_metadata_changed) saw_status_only = true;
  }
  CHECK(saw_status_only);
  const std::string rv_before = rv(c, k);
  REQUIRE(c.label(k, "team", std::string_view("shop"), at_s(31), "kubectl").ok());
  CHECK(generation(c, k) == 1);
  CHECK(rv(c, k) != rv_before);
  REQUIRE(c.annotate(k, "note", std::string_view("hello"), at_s(31), "kubectl").ok());
  CHECK(generation(c, k) == 1);
  REQUIRE(c.set_image("deploy", "shop", "web", "web", "registry.example/shop/web:1.1.0", at_s(32), "kubectl").ok());
  CHECK(generation(c, k) == 2);
  REQUIRE(c.scale("deployment", "shop", "web", std::int64_t{3}, at_s(33), "kubectl").ok());
  CHECK(generation(c, k) == 3);
}

TEST_CASE("Cluster: apply keeps status and server-set metadata, replaces labels", "[store]") {
  ImageRegistry reg;
  reg.add("registry.example/shop/web", "1.0.0");
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
  const std::string manifest = deployment_yaml("web", "shop", 1, "registry.example/shop/web:1.0.0");
  REQUIRE(c.apply(yaml(manifest), at_s(0), "argocd-controller").ok());
  std::vector<ClusterEvent> ev;
  advance(c, at_s(20), ev);
  const ObjectKey k = deploy_key("shop", "web");
  REQUIRE(c.label(k, "extra", std::string_view("1"), at_s(21), "kubectl").ok());
  const model::Node before = *c.get(k);
  auto r = c.apply(yaml(manifest), at_s(22), "argocd-controller");
  REQUIRE(r.ok());
  CHECK(r->outcome == ApplyResult::Outcome::Configured);  // the extra label went away
  const model::Node& after = *c.get(k);
  CHECK_FALSE(after.get({"metadata", "labels", "extra"}));
  CHECK(*after.get({"status"}) == *before.get({"status"}));
  CHECK(after.get_string({"metadata", "uid"}) == before.get_string({"metadata", "uid"}));
  CHECK(after.get_string({"metadata", "annotations", "deployment.kubernetes.io/revision"}) == "1");
  // Defaults were filled in and survive an identical re-apply.
  CHECK(after.get({"spec", "strategy", "rollingUpdate", "maxSurge"})->text() == "25%");
  CHECK(after.get({"spec", "progressDeadlineSeconds"})->as_int() == 600);
  auto again = c.apply(yaml(manifest), at_s(23), "argocd-controller");
  REQUIRE(again.ok());
  CHECK(again->outcome == ApplyResult::Outcome::Unchanged);
}

TEST_CASE("Cluster: validation errors name the field and change nothing", "[store]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
  c.take_events();
  auto bad = c.apply(yaml(deployment_yaml("web", "shop", -1, "x:1")), at_s(1), "kubectl");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message ==
        "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  auto zero = c.apply(yaml(deployment_yaml("web", "shop", 1, "x:1",
                                           "  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0\n")),
                      at_s(1), "kubectl");
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().message.find("may not be 0 when `maxSurge` is 0") != std::string::npos);
  auto upper = c.apply(yaml(deployment_yaml("Web", "shop", 1, "x:1")), at_s(1), "kubectl");
  REQUIRE_FALSE(upper.ok());
  CHECK(upper.error().message.find("metadata.name: Invalid value: \"Web\"") != std::string::npos);
  auto crd = c.apply(yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: shop\n"),
                     at_s(1), "kubectl");
  REQUIRE_FALSE(crd.ok());
  CHECK(crd.error().message.find("no matches for kind \"Widget\" in version \"example.com/v1\"") != std::string::npos);
  CHECK(c.take_events().empty());
  CHECK(c.list("Deployment", std::nullopt).empty());
}

TEST_CASE("Cluster: a CustomResourceDefinition makes its kind servable", "[store]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    kind: Widget
    plural: widgets
  versions:
    - name: v1
      served: true
      storage: true
)"),
                  at_s(0), "kubectl")
              .ok());
  auto w = c.apply(yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n"), at_s(1),
                   "kubectl");
  REQUIRE(w.ok());
  CHECK(w->key.ns == "default");
  CHECK(c.get(ObjectKey{"example.com", "Widget", "default", "w"}) != nullptr);
  CHECK(c.resolve_resource("widgets").ok());
}

TEST_CASE("Cluster: ObjectKey orders by group, kind, namespace, name and round-trips its text", "[store]") {
  const ObjectKey a{"", "Service", "shop", "web"};
  const ObjectKey b{"apps", "Deployment", "shop", "web"};
  const ObjectKey c{"apps", "Deployment", "shop", "api"};
  CHECK(a < b);
  CHECK(c < b);
  CHECK(b.str() == "apps/Deployment/shop/web");
  CHECK(b.kubectl_ref() == "deployment.apps/web");
  CHECK(ObjectKey::parse("/Namespace//shop").value() == ObjectKey{"", "Namespace", "", "shop"});
  CHECK(ObjectKey::parse(b.str()).value() == b);
  CHECK_FALSE(ObjectKey::parse("apps/Deployment").ok());
}

TEST_CASE("Cluster: live edits validate their input, name the word at fault, change nothing", "[store]") {
  ImageRegistry reg;
  reg.add("registry.example/shop/web", "1.0.0");
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
  REQUIRE(c.apply(yaml(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.0.0")), at_s(0), "kubectl").ok());
  std::vector<ClusterEvent> ev;
  advance(c, at_s(20), ev);
  const ObjectKey k = deploy_key("shop", "web");
  const model::Node before = *c.get(k);

  struct Bad {
    const char* what;
    Status status;
    const char* word;
  };
  std::vector<Bad> bad;
  bad.push_back({"replicas -1", c.scale("deploy", "shop", "web", std::string_view("-1"), at_s(21), "kubectl"), "-1"});
  bad.push_back({"replicas abc", c.scale("deploy", "shop", "web", std::string_view("abc"), at_s(21), "kubectl"), "abc"});
  bad.push_back({"replicas empty", c.scale("deploy", "shop", "web", std::string_view(""), at_s(21), "kubectl"), "\"\""});
  bad.push_back({"kind typo", c.scale("deploymnt", "shop", "web", std::int64_t{3}, at_s(21), "kubectl"), "deploymnt"});
  bad.push_back({"missing object", c.scale("deploy", "shop", "nope", std::int64_t{3}, at_s(21), "kubectl"), "nope"});
  bad.push_back({"scale a configmap", c.scale("cm", "shop", "web", std::int64_t{3}, at_s(21), "kubectl"), "cm"});
  bad.push_back({"unknown container",
                 c.set_image("deploy", "shop", "web", "sidecar", "registry.example/shop/web:2", at_s(21), "kubectl"),
                 "sidecar"});
  bad.push_back({"bad image", c.set_image("deploy", "shop", "web", "web", "Web:1", at_s(21), "kubectl"), "Web:1"});
  bad.push_back({"bad label value", c.label(k, "tier", std::string_view("a b"), at_s(21), "kubectl"), "a b"});
  bad.push_back({"bad label key", c.label(k, "-tier", std::string_view("x"), at_s(21), "kubectl"), "-tier"});
  bad.push_back({"label without overwrite",
                 c.label(k, "app", std::string_view("other"), at_s(21), "kubectl", false), "app"});
  bad.push_back({"patch negative replicas", c.patch_merge(k, yaml("spec:\n  replicas: -1\n"), at_s(21), "kubectl"),
                 "-1"});
  bad.push_back({"patch string replicas", c.patch_merge(k, yaml("spec:\n  replicas: \"3\"\n"), at_s(21), "kubectl"),
                 "\"3\""});
  bad.push_back({"patch renames", c.patch_merge(k, yaml("metadata:\n  name: other\n"), at_s(21), "kubectl"),
                 "metadata.name"});
  bad.push_back({"patch not a map", c.patch_merge(k, yaml("- 1\n"), at_s(21), "kubectl"), "JSON object"});
  for (const auto& b : bad) {
    CAPTURE(b.what);
    REQUIRE_FALSE(b.status.ok());
    CAPTURE(b.status.error().message);
    CHECK(b.status.error().message.find(b.word) != std::string::npos);
  }
  CHECK(*c.get(k) == before);
  std::vector<ClusterEvent> after;
  c.run_until(at_s(21), after);
  for (const auto& e : after) CHECK(e.by != "kubectl");
}

TEST_CASE("Cluster: live edits that succeed", "[store]") {
  ImageRegistry reg;
  reg.add("registry.example/shop/web", "1.0.0");
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
  REQUIRE(c.apply(yaml(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.0.0")), at_s(0), "kubectl").ok());
  const ObjectKey k = deploy_key("shop", "web");
  REQUIRE(c.patch_merge(k, yaml("metadata:\n  labels:\n    tier: web\nspec:\n  replicas: 4\n"), at_s(1), "kubectl").ok());
  CHECK(c.get(k)->get({"spec", "replicas"})->as_int() == 4);
  CHECK(c.get(k)->get_string({"metadata", "labels", "tier"}) == "web");
  REQUIRE(c.patch_merge(k, yaml("metadata:\n  labels:\n    tier: null\n"), at_s(2), "kubectl").ok());
  CHECK_FALSE(c.get(k)->get({"metadata", "labels", "tier"}));
  REQUIRE(c.label(k, "missing", std::nullopt, at_s(3), "kubectl").ok());  // removing a missing label is a no-op
  REQUIRE(c.label(k, "app", std::nullopt, at_s(3), "kubectl").ok());
  CHECK_FALSE(c.get(k)->get({"metadata", "labels", "app"}));
  c.take_events();
  REQUIRE(c.scale("deploy", "shop", "web", std::int64_t{4}, at_s(4), "kubectl").ok());  // already 4
  for (const auto& e : c.take_events()) CHECK(e.by != "kubectl");
}

TEST_CASE("Cluster: an outage makes the API unreachable until it ends", "[store][faults]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  c.set_outage(at_s(60));
  auto r = c.apply(yaml(namespace_yaml("shop")), at_s(10), "argocd-controller");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("connection refused") != std::string::npos);
  CHECK(r.error().message.find("https://dev.example:6443") != std::string::npos);
  CHECK_FALSE(c.check_reachable(at_s(59.999)).ok());
  CHECK_FALSE(c.remove(ObjectKey{"", "Namespace", "", "default"}, at_s(30), "kubectl").ok());
  CHECK(c.check_reachable(at_s(60)).ok());
  CHECK(c.apply(yaml(namespace_yaml("shop")), at_s(60), "argocd-controller").ok());
}
