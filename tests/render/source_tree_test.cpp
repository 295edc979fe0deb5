// Source trees and path arithmetic.
#include <catch2/catch.hpp>

#include "sim/render/source_tree.hpp"

using gs::render::DiskTree;
using gs::render::join_path;
using gs::render::MemoryTree;
using gs::render::TreeEntry;

TEST_CASE("SourceTree: join_path normalises and refuses to leave the root") {
  CHECK(join_path("a/b", "../c/./d.yaml").value() == "a/c/d.yaml");
  CHECK(join_path("", "x").value() == "x");
  CHECK(join_path("a", "..").value() == "");
  CHECK_FALSE(join_path("a", "../..").ok());
  CHECK_FALSE(join_path("", "/etc/passwd").ok());
  CHECK_THAT(join_path("a", "../../b").error().message, Catch::Contains("escapes the repository root"));
}

TEST_CASE("SourceTree: MemoryTree lists direct children sorted, directories implied") {
  MemoryTree tree({{"b/x.yaml", "x"}, {"a.yaml", "a"}, {"b/c/y.yaml", "y"}});
  auto root = tree.list_dir("");
  REQUIRE(root.ok());
  CHECK(*root == std::vector<TreeEntry>{{"a.yaml", false}, {"b", true}});
  auto b = tree.list_dir("b");
  REQUIRE(b.ok());
  CHECK(*b == std::vector<TreeEntry>{{"b/c", true}, {"b/x.yaml", false}});
  CHECK(tree.is_dir("b/c"));
  CHECK_FALSE(tree.is_dir("b/x.yaml"));
  CHECK(tree.exists("b/x.yaml"));
  CHECK_FALSE(tree.exists("b/z"));
  CHECK_FALSE(tree.read_file("b").ok());
  CHECK(tree.read_file("b/c/y.yaml").value() == "y");
}

TEST_CASE("SourceTree: DiskTree reads the fixture directory") {
  DiskTree tree(std::string(GS_TEST_DATA_DIR) + "/render/kustomize/base-only");
  CHECK(tree.is_dir("overlay"));
  CHECK(tree.exists("base/kustomization.yaml"));
  auto entries = tree.list_dir("base");
  REQUIRE(entries.ok());
  REQUIRE_FALSE(entries->empty());
  CHECK(entries->front().path == "base/configmap.yaml");
  CHECK_FALSE(tree.read_file("nope.yaml").ok());
}
