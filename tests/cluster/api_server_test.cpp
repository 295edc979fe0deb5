// The API server half of a fake cluster: apply, the store, quotas, validation.
#include "helpers.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

TEST_CASE("Cluster: a second apply of an Opaque Secret (five top-level keys) is unchanged, not a crash", "[store]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
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

TEST_CASE("Cluster: a six-key object applied again keeps its server metadata and takes the change", "[store]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
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
