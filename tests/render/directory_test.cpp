// Plain-directory sources as Argo CD renders them.
#include <catch2/catch.hpp>

#include "sim/render/manifests.hpp"

using gs::render::generate_manifests;
using gs::render::MemoryTree;
using gs::render::RenderOptions;
using gs::render::SourceType;

namespace {

std::string cm(const std::string& name) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
}

std::vector<std::string> names(const gs::render::Manifests& m) {
  std::vector<std::string> out;
  for (const auto& o : m.objects) out.push_back(o.get_string({"metadata", "name"}).value_or("?"));
  return out;
}

}  // namespace

TEST_CASE("Directory: files are read in path order, multi-document YAML split") {
  MemoryTree tree({{"app/b.yaml", cm("b1") + "---\n" + cm("b2")}, {"app/a.yml", cm("a")}, {"app/c.yaml", "---\n"}});
  auto m = generate_manifests(tree, "app");
  REQUIRE(m.ok());
  CHECK(m->type == SourceType::Directory);
  CHECK(names(*m) == std::vector<std::string>{"a", "b1", "b2"});
}

TEST_CASE("Directory: JSON files, single objects and Lists") {
  MemoryTree tree({{"app/one.json", R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j1"}})"},
                   {"app/two.json", R"({"apiVersion": "v1", "kind": "List", "items": [
                      {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j2"}},
                      {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j3"}}]})"},
                   {"app/three.yaml", "apiVersion: v1\nkind: List\nitems:\n- " + std::string("apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: y1\n")}});
  auto m = generate_manifests(tree, "app");
  REQUIRE(m.ok());
  CHECK(names(*m) == std::vector<std::string>{"j1", "y1", "j2", "j3"});
}

TEST_CASE("Directory: non-manifest files are skipped") {
  MemoryTree tree({{"app/README.md", "# hi\n"}, {"app/x.yaml", cm("x")}, {"app/script.sh", "echo\n"},
                   {"app/values.txt", "a: b\n"}});
  auto m = generate_manifests(tree, "app");
  REQUIRE(m.ok());
  CHECK(names(*m) == std::vector<std::string>{"x"});
}

TEST_CASE("Directory: subdirectories only with recurse") {
  MemoryTree tree({{"app/a.yaml", cm("a")}, {"app/sub/b.yaml", cm("b")}, {"app/sub/deeper/c.yaml", cm("c")},
                   {"app/z.yaml", cm("z")}});
  auto flat = generate_manifests(tree, "app");
  REQUIRE(flat.ok());
  CHECK(names(*flat) == std::vector<std::string>{"a", "z"});
  RenderOptions opts;
  opts.recurse = true;
  auto deep = generate_manifests(tree, "app", opts);
  REQUIRE(deep.ok());
  CHECK(names(*deep) == std::vector<std::string>{"a", "b", "c", "z"});
}

TEST_CASE("Directory: an object without apiVersion or kind is an error at its position") {
  MemoryTree tree({{"app/a.yaml", cm("a") + "---\nmetadata:\n  name: nokind\n"}});
  auto m = generate_manifests(tree, "app");
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().render() == "app/a.yaml:6:1: Object 'Kind' is missing or 'apiVersion' is missing in manifest");
}

TEST_CASE("Directory: broken YAML is an error with its file and line") {
  MemoryTree tree({{"app/a.yaml", "apiVersion: v1\nkind: [ConfigMap\n"}});
  auto m = generate_manifests(tree, "app");
  REQUIRE_FALSE(m.ok());
  REQUIRE(m.error().pos.has_value());
  CHECK(m.error().pos->file == "app/a.yaml");
  CHECK(m.error().pos->line >= 2);
}

TEST_CASE("Directory: a missing path is an error") {
  MemoryTree tree({{"app/a.yaml", cm("a")}});
  CHECK_FALSE(generate_manifests(tree, "nope").ok());
  CHECK_FALSE(generate_manifests(tree, "../app").ok());
}

TEST_CASE("Directory: a kustomization file makes it a kustomize source") {
  for (const char* f : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    CAPTURE(f);
    MemoryTree tree({{std::string("app/") + f, "resources: [a.yaml]\nnamePrefix: p-\n"}, {"app/a.yaml", cm("a")}});
    auto m = generate_manifests(tree, "app");
    REQUIRE(m.ok());
    CHECK(m->type == SourceType::Kustomize);
    CHECK(names(*m) == std::vector<std::string>{"p-a"});
  }
}
