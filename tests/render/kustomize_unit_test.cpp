// Kustomize behaviour on small in-memory trees: errors with positions, and
// single rules (hash suffix, patches) checked in isolation.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/core/base64.hpp"
#include "sim/model/yaml.hpp"
#include "sim/render/generators.hpp"
#include "sim/render/kustomize.hpp"
#include "sim/render/manifests.hpp"

using gs::render::kustomize_build;
using gs::render::MemoryTree;
using gs::model::Node;

namespace {

const char* kDeploy = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
)";

std::string error_of(const MemoryTree& tree, const char* dir) {
  auto r = kustomize_build(tree, dir);
  REQUIRE_FALSE(r.ok());
  return r.error().render();
}

}  // namespace

TEST_CASE("Kustomize: broken kustomization YAML is an error at its position") {
  MemoryTree tree({{"app/kustomization.yaml", "resources:\n- a.yaml\n  bad: [\n"}});
  const std::string e = error_of(tree, "app");
  CHECK_THAT(e, Catch::StartsWith("app/kustomization.yaml:"));
}

TEST_CASE("Kustomize: broken resource YAML is an error in the resource file") {
  MemoryTree tree({{"app/kustomization.yaml", "resources:\n- a.yaml\n"}, {"app/a.yaml", "kind: [\n"}});
  CHECK_THAT(error_of(tree, "app"), Catch::StartsWith("app/a.yaml:"));
}

TEST_CASE("Kustomize: a missing resource is an error at the resources entry") {
  MemoryTree tree({{"app/kustomization.yaml", "resources:\n- deploy.yaml\n- missing.yaml\n"}, {"app/deploy.yaml", kDeploy}});
  CHECK(error_of(tree, "app") == "app/kustomization.yaml:3:3: resource 'missing.yaml' not found (app/missing.yaml)");
}

TEST_CASE("Kustomize: a base path escaping the repository root is an error") {
  MemoryTree tree({{"app/kustomization.yaml", "resources:\n- ../../outside\n"}});
  CHECK(error_of(tree, "app") == "app/kustomization.yaml:2:3: path 'app/../../outside' escapes the repository root");
}

TEST_CASE("Kustomize: an unknown kustomization field is an error at its key") {
  MemoryTree tree({{"app/kustomization.yaml", "resources: []\nhelmCharts:\n- name: x\n"}});
  CHECK(error_of(tree, "app") == "app/kustomization.yaml:2:1: unsupported kustomize field helmCharts");
}

TEST_CASE("Kustomize: an unsupported option inside a supported field is an error") {
  MemoryTree tree({{"app/kustomization.yaml", "resources: [d.yaml]\nimages:\n- name: nginx\n  tagSuffix: -x\n"},
                   {"app/d.yaml", kDeploy}});
  CHECK(error_of(tree, "app") == "app/kustomization.yaml:4:3: unsupported kustomize field tagSuffix");
}

TEST_CASE("Kustomize: a cycle of bases is an error") {
  MemoryTree tree({{"a/kustomization.yaml", "resources:\n- ../b\n"}, {"b/kustomization.yaml", "resources:\n- ../a\n"}});
  const std::string e = error_of(tree, "a");
  CHECK_THAT(e, Catch::Contains("cycle in kustomization bases: a -> b -> a"));
  CHECK_THAT(e, Catch::StartsWith("b/kustomization.yaml:2:3:"));
}

namespace {

// Two bases per level, each listing both bases of the next level: the
// leaves are reached by 2^depth paths and kustomize builds them once per path.
MemoryTree diamond(int depth) {
  MemoryTree tree;
  tree.add("app/kustomization.yaml", "resources: [../l0/x, ../l0/y]\n");
  for (int k = 0; k < depth; ++k) {
    for (const char* n : {"x", "y"}) {
      const std::string dir = "l" + std::to_string(k) + "/" + n;
      if (k + 1 < depth) {
        const std::string next = "../../l" + std::to_string(k + 1);
        tree.add(dir + "/kustomization.yaml",
                 std::string("namePrefix: ") + n + "-\nresources: [" + next + "/x, " + next + "/y]\n");
      } else {
        tree.add(dir + "/kustomization.yaml", std::string("namePrefix: ") + n + "-\nresources: [cm.yaml]\n");
        tree.add(dir + "/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
      }
    }
  }
  return tree;
}

}  // namespace

TEST_CASE("Kustomize: a base reached by several paths is built once per path") {
  auto r = kustomize_build(diamond(4), "app");
  REQUIRE(r.ok());
  CHECK(r->size() == 16);  // x-x-x-x-c ... y-y-y-y-c
}

TEST_CASE("Kustomize: more than 500 kustomization builds in one render is an error, where Argo CD would time out") {
  // fuzz/regressions/kustomize/bases-diamond-doubling-every-level: 2^15 builds.
  const std::string e = error_of(diamond(14), "app");
  CHECK_THAT(e, Catch::Contains("more than 500 kustomization builds in one render"));
}

TEST_CASE("Kustomize: an object without a namespace and the same in 'default' are one id") {
  MemoryTree tree({{"app/kustomization.yaml", "resources:\n- a.yaml\n- b.yaml\n"},
                   {"app/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"},
                   {"app/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n"}});
  CHECK_THAT(error_of(tree, "app"), Catch::Contains("may not add resource with an already registered id"));
}

TEST_CASE("Kustomize: thousands of objects in one kustomization render, each id checked once") {
  // fuzz/regressions/kustomize/many-objects-in-one-file took quadratic time.
  std::string cms;
  for (int i = 0; i < 5000; ++i) cms += "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + std::to_string(i) + "}\n";
  MemoryTree tree({{"app/kustomization.yaml", "resources: [cms.yaml]\n"}, {"app/cms.yaml", cms}});
  auto r = kustomize_build(tree, "app");
  REQUIRE(r.ok());
  CHECK(r->size() == 5000);
}

TEST_CASE("Kustomize: a directory resource without a kustomization is an error") {
  MemoryTree tree({{"app/kustomization.yaml", "resources:\n- sub\n"}, {"app/sub/d.yaml", kDeploy}});
  CHECK_THAT(error_of(tree, "app"), Catch::Contains("unable to find one of 'kustomization.yaml'"));
}

TEST_CASE("Kustomize: the same object twice is an id conflict") {
  MemoryTree tree({{"app/kustomization.yaml", "resources:\n- a.yaml\n- b.yaml\n"}, {"app/a.yaml", kDeploy},
                   {"app/b.yaml", kDeploy}});
  CHECK(error_of(tree, "app") ==
        "app/kustomization.yaml:3:3: may not add resource with an already registered id: Deployment.v1.apps/web");
}

TEST_CASE("Kustomize: a JSON 6902 test operation that fails is an error") {
  MemoryTree tree({{"app/kustomization.yaml",
                    "resources: [d.yaml]\npatches:\n- target: {kind: Deployment}\n  path: p.yaml\n"},
                   {"app/d.yaml", kDeploy},
                   {"app/p.yaml", "- op: test\n  path: /metadata/name\n  value: other\n"}});
  CHECK(error_of(tree, "app") == "app/p.yaml:1:3: JSON 6902 operation 0: test of path '/metadata/name' failed");
}

TEST_CASE("Kustomize: JSON 6902 copies of a subtree into itself stop at 200000 nodes") {
  // fuzz/regressions/kustomize/json6902-copy-into-itself: each copy doubles
  // /spec; 30 of them ran out of memory.
  std::string ops;
  for (int i = 0; i < 30; ++i) ops += "- {op: copy, from: /spec, path: /spec/k" + std::to_string(i) + "}\n";
  MemoryTree tree({{"app/kustomization.yaml",
                    "resources: [d.yaml]\npatches:\n- target: {kind: Deployment}\n  path: p.yaml\n"},
                   {"app/d.yaml", kDeploy},
                   {"app/p.yaml", ops}});
  CHECK_THAT(error_of(tree, "app"), Catch::Contains("the object would grow past 200000 nodes"));
}

TEST_CASE("Kustomize: a JSON 6902 patch may not nest an object deeper than 256 levels") {
  std::string value = "x", path = "/spec/v";
  for (int i = 0; i < 100; ++i) value = "{a: " + value + "}";
  for (int i = 0; i < 99; ++i) path += "/a";
  const std::string ops = "- {op: add, path: /spec/v, value: " + value + "}\n" +  // 101 levels deep
                          "- {op: copy, from: /spec/v, path: " + path + "/b}\n" +  // 202
                          "- {op: copy, from: /spec/v, path: " + path + "/b/c}\n";  // 305
  MemoryTree tree({{"app/kustomization.yaml",
                    "resources: [d.yaml]\npatches:\n- target: {kind: Deployment}\n  path: p.yaml\n"},
                   {"app/d.yaml", kDeploy},
                   {"app/p.yaml", ops}});
  CHECK_THAT(error_of(tree, "app"),
             Catch::Contains("JSON 6902 operation 2: the object would nest deeper than 256 levels"));
}

TEST_CASE("Kustomize: a JSON 6902 patch without a target is an error") {
  MemoryTree tree({{"app/kustomization.yaml", "resources: [d.yaml]\npatches:\n- patch: '[{\"op\": \"remove\", \"path\": \"/spec\"}]'\n"},
                   {"app/d.yaml", kDeploy}});
  CHECK(error_of(tree, "app") == "app/kustomization.yaml:3:3: a JSON 6902 patch must have a target");
}

TEST_CASE("Kustomize: a strategic merge patch that matches nothing is an error") {
  MemoryTree tree({{"app/kustomization.yaml", "resources: [d.yaml]\npatches:\n- path: p.yaml\n"},
                   {"app/d.yaml", kDeploy},
                   {"app/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nope\n"}});
  CHECK(error_of(tree, "app") == "app/kustomization.yaml:3:3: no resource matches strategic merge patch Deployment/nope");
}

TEST_CASE("Kustomize: a resource without kind is an error") {
  MemoryTree tree({{"app/kustomization.yaml", "resources: [d.yaml]\n"}, {"app/d.yaml", "apiVersion: v1\nmetadata:\n  name: x\n"}});
  CHECK(error_of(tree, "app") == "app/d.yaml:1:1: object has no kind");
}

TEST_CASE("Kustomize: a resource without metadata.name is an error, as kustomize refuses it") {
  MemoryTree tree({{"app/kustomization.yaml", "resources: [d.yaml]\n"}, {"app/d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"}});
  CHECK(error_of(tree, "app") == "app/d.yaml:1:1: missing metadata.name in object");
  MemoryTree scalar({{"app/kustomization.yaml", "resources: [d.yaml]\n"},
                     {"app/d.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: web\n"}});
  CHECK(error_of(scalar, "app") == "app/d.yaml:3:11: metadata must be a map");
}

TEST_CASE("Kustomize: a patch that replaces metadata with a scalar is an error, not a renamed scalar") {
  MemoryTree json({{"app/kustomization.yaml",
                    "resources: [d.yaml]\nnamespace: shop\npatches:\n- target: {kind: Deployment}\n"
                    "  patch: '[{\"op\": \"replace\", \"path\": \"/metadata\", \"value\": \"x\"}]'\n"},
                   {"app/d.yaml", kDeploy}});
  CHECK_THAT(error_of(json, "app"), Catch::Contains("the patch leaves Deployment with a metadata that is not a map"));
  MemoryTree smp({{"app/kustomization.yaml",
                   "resources: [d.yaml]\npatches:\n- target: {kind: Deployment}\n"
                   "  patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: [x]\n"},
                  {"app/d.yaml", kDeploy}});
  CHECK(error_of(smp, "app") == "app/kustomization.yaml:3:3: the patch leaves Deployment with a metadata that is not a map");
}

TEST_CASE("Kustomize: replicas for a name nothing has is an error") {
  MemoryTree tree({{"app/kustomization.yaml", "resources: [d.yaml]\nreplicas:\n- name: api\n  count: 2\n"},
                   {"app/d.yaml", kDeploy}});
  CHECK_THAT(error_of(tree, "app"), Catch::Contains("resource with name api does not match"));
}

TEST_CASE("Kustomize: a strategic merge patch can delete an object") {
  MemoryTree tree({{"app/kustomization.yaml", "resources: [d.yaml]\npatches:\n- patch: |\n    apiVersion: apps/v1\n"
                                              "    kind: Deployment\n    metadata:\n      name: web\n    $patch: delete\n"},
                   {"app/d.yaml", kDeploy}});
  auto r = kustomize_build(tree, "app");
  REQUIRE(r.ok());
  CHECK(r->empty());
}

TEST_CASE("Kustomize: content hash matches kustomize's for a ConfigMap and a Secret") {
  // Values taken from kubectl kustomize v5.5.0 (tests/data/render/kustomize/secret-generator).
  Node cm = Node::map();
  cm.set("kind", Node::string("ConfigMap"));
  cm.set("data", Node::map());
  cm["data"].set("A", Node::string("1"));
  CHECK(gs::render::detail::content_hash(cm) == "89g4tffbfk");
  Node secret = Node::map();
  secret.set("kind", Node::string("Secret"));
  secret.set("type", Node::string("Opaque"));
  secret.set("data", Node::map());
  secret["data"].set("DB_PASSWORD", Node::string("YmFzZQ=="));
  CHECK(gs::render::detail::content_hash(secret) == "fm9t686g67");
}

TEST_CASE("Kustomize: Go JSON escaping and base64 as kustomize uses them") {
  using gs::model::go_json_string;
  CHECK(go_json_string("a<b>&\"\\\n") == "\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\"");
  CHECK(gs::base64_encode("") == "");
  CHECK(gs::base64_encode("a") == "YQ==");
  CHECK(gs::base64_encode("ab") == "YWI=");
  CHECK(gs::base64_encode("abc") == "YWJj");
}

TEST_CASE("Kustomize: Namespaces sort core group first, in one order whatever order they are listed in") {
  // A group that sorts after '~' (not a DNS name, but YAML allows it) made
  // the legacy order cyclic: core < x < é < core.
  const std::vector<std::string> groups = {"", "x", "\xC3\xA9", "a"};
  std::vector<std::string> order = groups;
  std::vector<std::string> first;
  do {
    MemoryTree tree;
    std::string list;
    for (std::size_t i = 0; i < order.size(); ++i) {
      const std::string api = order[i].empty() ? "v1" : order[i] + "/v1";
      const std::string file = "n" + std::to_string(i) + ".yaml";
      tree.add("app/" + file, "apiVersion: " + api + "\nkind: Namespace\nmetadata: {name: n}\n");
      list += (i ? ", " : "") + file;
    }
    tree.add("app/kustomization.yaml", "resources: [" + list + "]\n");
    auto r = kustomize_build(tree, "app");
    REQUIRE(r.ok());
    std::vector<std::string> apis;
    for (const auto& o : *r) apis.push_back(*o.get_string({"apiVersion"}));
    if (first.empty()) first = apis;
    CAPTURE(order);
    REQUIRE(apis == first);
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(first == std::vector<std::string>{"v1", "a/v1", "x/v1", "\xC3\xA9/v1"});
}
