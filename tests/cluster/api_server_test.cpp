// The API server half of a fake cluster: apply, the store, quotas, validation.
#include "helpers.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

TEST_CASE_METHOD(ShopFixture, "Cluster: a second apply of an Opaque Secret (five top-level keys) is unchanged, not a crash", "[store]") {
  const model::Node secret = yaml(R"(apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
type: Opaque
data:
  password: c2VjcmV0
)");
  REQUIRE(c.dry_run_apply(secret, at_s(1)).ok());
  REQUIRE(c.apply(secret, at_s(1), "argocd-controller").value().outcome == ApplyResult::Outcome::Created);
  REQUIRE(c.dry_run_apply(secret, at_s(2)).ok());
  auto again = c.apply(secret, at_s(2), "argocd-controller");
  REQUIRE(again.ok());
  CHECK(again->outcome == ApplyResult::Outcome::Unchanged);
  const model::Node* live = c.get(ObjectKey{"", "Secret", "shop", "db"});
  REQUIRE(live);
  CHECK(live->get_string({"metadata", "uid"}).has_value());
  CHECK(live->get_string({"data", "password"}) == "c2VjcmV0");
}

TEST_CASE_METHOD(ShopFixture, "Cluster: a six-key object applied again keeps its server metadata and takes the change", "[store]") {
  auto manifest = [](const std::string& value) {
    return yaml("apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\n  namespace: shop\n  labels:\n    app: web\n"
                "type: kubernetes.io/tls\nimmutable: false\ndata:\n  tls.crt: " + value + "\n  tls.key: a2V5\n");
  };
  REQUIRE(c.apply(manifest("Y2VydA=="), at_s(1), "kubectl").ok());
  const ObjectKey k{"", "Secret", "shop", "tls"};
  const std::string uid = c.get(k)->get_string({"metadata", "uid"}).value();
  REQUIRE(c.dry_run_apply(manifest("bmV3"), at_s(2)).ok());
  auto again = c.apply(manifest("bmV3"), at_s(2), "kubectl");
  REQUIRE(again.ok());
  CHECK(again->outcome == ApplyResult::Outcome::Configured);
  CHECK(c.get(k)->get_string({"metadata", "uid"}) == uid);
  CHECK(c.get(k)->get_string({"metadata", "creationTimestamp"}) == "2026-01-05T09:00:01Z");
  CHECK(c.get(k)->get_string({"data", "tls.crt"}) == "bmV3");
  CHECK(c.get(k)->get_string({"metadata", "labels", "app"}) == "web");
  CHECK(c.apply(manifest("bmV3"), at_s(3), "kubectl")->outcome == ApplyResult::Outcome::Unchanged);
}

TEST_CASE_METHOD(ShopFixture, "Cluster: spec.replicas is an int32, as the API server validates it", "[store]") {
  struct Row {
    const char* kind;
    std::int64_t replicas;
    const char* message;  // "" when valid
  };
  const std::string too_big = ": must be less than or equal to 2147483647";
  auto row = GENERATE(Row{"Deployment", 2147483647, ""}, Row{"Deployment", 2147483648, "2147483648"},
                      Row{"ReplicaSet", 4294967296, "4294967296"}, Row{"StatefulSet", 2147483648, "2147483648"},
                      Row{"StatefulSet", -1, "-1"});
  CAPTURE(row.kind, row.replicas);
  std::string text = deployment_yaml("web", "shop", 1, "registry.example/shop/web:1.0.0");
  text.replace(text.find("Deployment"), 10, row.kind);
  text.replace(text.find("replicas: 1"), 11, "replicas: " + std::to_string(row.replicas));
  const model::Node obj = yaml(text);
  auto dry = c.dry_run_apply(obj, at_s(1));
  auto r = c.apply(obj, at_s(1), "kubectl");
  if (std::string(row.message).empty()) {
    CHECK(dry.ok());
    CHECK(r.ok());
    return;
  }
  REQUIRE_FALSE(r.ok());
  const std::string bound = row.replicas < 0 ? ": must be greater than or equal to 0" : too_big;
  CHECK(r.error().message == "The " + std::string(row.kind) + " \"web\" is invalid: spec.replicas: Invalid value: " +
                                 row.message + bound);
  CHECK_FALSE(dry.ok());
  CHECK(c.list(row.kind, "shop").empty());
}

TEST_CASE_METHOD(ShopFixture, "Cluster: past the storage quota a creation fails as etcd's does, and updates and deletes still work",
          "[store][quota]") {
  c.set_object_quota(c.keys().size() + 1);  // the four namespaces every cluster has, shop, and one more
  auto cm = [](const std::string& name, const std::string& value) {
    return yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: shop\ndata:\n  a: \"" +
                value + "\"\n");
  };
  REQUIRE(c.apply(cm("one", "1"), at_s(1), "kubectl").ok());
  c.take_events();
  auto full = c.apply(cm("two", "1"), at_s(2), "kubectl");
  REQUIRE_FALSE(full.ok());
  CHECK(full.error().message == "etcdserver: mvcc: database space exceeded");
  CHECK(c.take_events().empty());
  CHECK_FALSE(c.get(ObjectKey{"", "ConfigMap", "shop", "two"}));
  // What is stored can still change or go; then there is room again.
  CHECK(c.apply(cm("one", "2"), at_s(3), "kubectl")->outcome == ApplyResult::Outcome::Configured);
  REQUIRE(c.remove(ObjectKey{"", "ConfigMap", "shop", "one"}, at_s(4), "kubectl").ok());
  CHECK(c.apply(cm("two", "1"), at_s(5), "kubectl").ok());
}
