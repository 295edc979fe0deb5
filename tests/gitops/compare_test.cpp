// Argo CD's diff semantics (spec section 7.1, checklist 8–12).
#include <catch2/catch.hpp>

#include "sim/gitops/compare.hpp"
#include "sim/model/yaml.hpp"

using namespace gs::gitops;
using gs::model::Node;

namespace {

Node yaml(const char* text) {
  auto n = gs::model::parse_yaml(text);
  REQUIRE(n.ok());
  return *n;
}

const char* kDesired = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: web:1.0.0
)";

// What the API server holds after applying kDesired: defaults, status, uid...
Node live_after_apply(const char* desired = kDesired) {
  Node live = yaml(desired);
  live["metadata"]["uid"] = Node::string("0b1c");
  live["metadata"]["resourceVersion"] = Node::string("42");
  live["metadata"]["annotations"][kLastAppliedAnnotation] = Node::string(gs::model::to_json(yaml(desired)));
  live["spec"]["progressDeadlineSeconds"] = Node::integer(600);
  live["spec"]["template"]["spec"]["containers"].items()[0]["imagePullPolicy"] = Node::string("IfNotPresent");
  live["status"]["readyReplicas"] = Node::integer(2);
  return live;
}

}  // namespace

TEST_CASE("Compare: fields added by the server never make a resource OutOfSync (checklist 9, 11)", "[gitops][compare]") {
  auto d = diff_resource(yaml(kDesired), live_after_apply(), {});
  CHECK_FALSE(d.modified);
  CHECK(d.changed_paths.empty());
}

TEST_CASE("Compare: a kubectl change to a field declared in Git is OutOfSync (checklist 8)", "[gitops][compare]") {
  Node live = live_after_apply();
  live["spec"]["replicas"] = Node::integer(5);
  auto d = diff_resource(yaml(kDesired), live, {});
  CHECK(d.modified);
  CHECK(d.changed_paths == std::vector<std::string>{"spec.replicas"});
}

TEST_CASE("Compare: a status-only change is ignored (checklist 11)", "[gitops][compare]") {
  Node live = live_after_apply();
  live["status"]["readyReplicas"] = Node::integer(0);
  CHECK_FALSE(diff_resource(yaml(kDesired), live, {}).modified);
}

TEST_CASE("Compare: removing from Git a field applied before is OutOfSync via last-applied (checklist 10)", "[gitops][compare]") {
  const char* without_labels = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: web:1.0.0
)";
  auto d = diff_resource(yaml(without_labels), live_after_apply(), {});
  CHECK(d.modified);
  REQUIRE(d.changed_paths.size() == 1);
  CHECK_THAT(d.changed_paths[0], Catch::StartsWith("metadata.labels"));
  // Without a last-applied record (two-way), the extra live label is fine.
  Node live = live_after_apply();
  live["metadata"].erase("annotations");
  CHECK_FALSE(diff_resource(yaml(without_labels), live, {}).modified);
}

TEST_CASE("Compare: ignoreDifferences jsonPointers may drift (checklist 12)", "[gitops][compare]") {
  Node live = live_after_apply();
  live["spec"]["replicas"] = Node::integer(7);
  CHECK_FALSE(diff_resource(yaml(kDesired), live, {"/spec/replicas"}).modified);
  CHECK(diff_resource(yaml(kDesired), live, {"/spec/template"}).modified);
}

TEST_CASE("Compare: a Secret's stringData compares against data", "[gitops][compare]") {
  Node desired = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: hunter2}\n");
  Node live = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: aHVudGVyMg==}\n");
  CHECK_FALSE(diff_resource(desired, live, {}).modified);
  live["data"]["password"] = Node::string("b3RoZXI=");
  CHECK(diff_resource(desired, live, {}).modified);
}
