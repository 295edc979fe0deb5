#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/model/diff.hpp"
#include "sim/model/yaml.hpp"
#include "test_util.hpp"

using gs::model::Change;
using gs::model::ChangeOp;
using gs::model::diff;
using gs::model::Node;
using gs::model::parse_yaml;
using gs::model::unified_diff;
using gs::model::unified_yaml_diff;
using gs::model::test::read_data;

namespace {

Node Y(const char* text) {
  auto r = parse_yaml(text);
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("Diff: a changed field is one Changed at its path", "[model][diff]") {
  auto changes = diff(Y("spec: {replicas: 2, paused: false}\n"), Y("spec: {paused: false, replicas: 3}\n"));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].op == ChangeOp::Changed);
  CHECK(changes[0].path == "spec.replicas");
  CHECK(changes[0].before->as_int() == 2);
  CHECK(changes[0].after->as_int() == 3);
  CHECK(diff(Y("a: 1\n"), Y("a: 1\n")).empty());
}

TEST_CASE("Diff: added, removed, lists index by index, kind changes", "[model][diff]") {
  Node before = Y(
      "metadata:\n"
      "  labels: {app.kubernetes.io/name: web, tier: fe}\n"
      "spec:\n"
      "  containers: [{name: a, image: x}, {name: b}]\n"
      "  ports: [80]\n"
      "  selector: {app: web}\n");
  Node after = Y(
      "metadata:\n"
      "  labels: {app.kubernetes.io/name: web, team: t}\n"
      "spec:\n"
      "  containers: [{name: a, image: y}, {name: b}, {name: c}]\n"
      "  ports: []\n"
      "  selector: [app]\n");
  auto changes = diff(before, after);
  std::vector<std::pair<ChangeOp, std::string>> got;
  for (const Change& c : changes) got.emplace_back(c.op, c.path);
  std::vector<std::pair<ChangeOp, std::string>> want = {
      {ChangeOp::Added, "metadata.labels.team"},
      {ChangeOp::Removed, "metadata.labels.tier"},
      {ChangeOp::Changed, "spec.containers[0].image"},
      {ChangeOp::Added, "spec.containers[2]"},
      {ChangeOp::Removed, "spec.ports[0]"},
      {ChangeOp::Changed, "spec.selector"},
  };
  CHECK(got == want);
  CHECK_FALSE(changes[0].before.has_value());
  CHECK(changes[0].after->as_string() == "t");
  CHECK(changes[1].before->as_string() == "fe");
  CHECK_FALSE(changes[1].after.has_value());
  CHECK(changes[5].before->is_map());
  CHECK(changes[5].after->is_list());
  // A "3" string and a 3 int differ.
  auto typed = diff(Y("v: \"3\"\n"), Y("v: 3\n"));
  REQUIRE(typed.size() == 1);
  CHECK(typed[0].path == "v");
  // Keys needing quotes use the bracket form.
  auto quoted = diff(Y("l: {a.b: 1}\n"), Y("l: {a.b: 2}\n"));
  REQUIRE(quoted.size() == 1);
  CHECK(quoted[0].path == "l[\"a.b\"]");
}

TEST_CASE("Unified diff: matches GNU diff -u output", "[model][diff]") {
  const std::string before = read_data("udiff/before.txt");
  const std::string after = read_data("udiff/after.txt");
  REQUIRE_FALSE(before.empty());
  // Made with: diff -u --label live --label desired before.txt after.txt
  CHECK(unified_diff(before, after, "live", "desired") == read_data("udiff/expected.diff"));
  CHECK(unified_diff(before, after, "live", "desired", 1) == read_data("udiff/expected_u1.diff"));
}

TEST_CASE("Unified diff: small cases", "[model][diff]") {
  CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
  CHECK(unified_diff("", "a\n", "x", "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n");
  CHECK(unified_diff("a\n", "", "x", "y") == "--- x\n+++ y\n@@ -1 +0,0 @@\n-a\n");
  CHECK(unified_diff("a\nb\nc\n", "a\nc\n", "x", "y") == "--- x\n+++ y\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
  CHECK(unified_diff("a\n", "a", "x", "y") ==
        "--- x\n+++ y\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n");
  CHECK(unified_diff("a\nb\nc\nd\n", "a\nB\nc\nD\n", "x", "y", 0) ==
        "--- x\n+++ y\n@@ -2 +2 @@\n-b\n+B\n@@ -4 +4 @@\n-d\n+D\n");
}

TEST_CASE("Unified diff: of two objects as YAML", "[model][diff]") {
  std::string out = unified_yaml_diff(Y("kind: Deployment\nspec: {replicas: 2}\n"),
                                      Y("kind: Deployment\nspec: {replicas: 3}\n"), "live", "desired");
  CHECK(out ==
        "--- live\n+++ desired\n@@ -1,3 +1,3 @@\n kind: Deployment\n spec:\n-  replicas: 2\n+  replicas: 3\n");
}

TEST_CASE("Unified diff: large, wholly different texts stay bounded and correct", "[model][diff]") {
  std::string a, b;
  for (int i = 0; i < 5000; ++i) {
    a += "a" + std::to_string(i) + "\n";
    b += "b" + std::to_string(i) + "\n";
  }
  const std::string out = unified_diff(a, b, "x", "y");
  CHECK(out.rfind("--- x\n+++ y\n@@ -1,5000 +1,5000 @@\n-a0\n", 0) == 0);
  CHECK(std::count(out.begin(), out.end(), '\n') == 3 + 10000);
}

TEST_CASE("Diff: normal format matches GNU diff's default output", "[model][diff]") {
  // Each pair's expected text is what `diff a b` prints.
  auto [a, b, want] = GENERATE(table<std::string, std::string, std::string>({
      {"a\nb\nc\n", "a\nB\nc\n", "2c2\n< b\n---\n> B\n"},
      {"a\nb\nc\n", "a\nc\n", "2d1\n< b\n"},
      {"a\nc\n", "a\nb\nc\n", "1a2\n> b\n"},
      {"a\nb\nc\nd\n", "x\nb\ny\nz\n", "1c1\n< a\n---\n> x\n3,4c3,4\n< c\n< d\n---\n> y\n> z\n"},
      {"a\n", "", "1d0\n< a\n"},
      {"", "a\nb\n", "0a1,2\n> a\n> b\n"},
      {"a\nb", "a\nc", "2c2\n< b\n\\ No newline at end of file\n---\n> c\n\\ No newline at end of file\n"},
  }));
  CAPTURE(a, b);
  CHECK(gs::model::normal_diff(a, b) == want);
  CHECK(gs::model::normal_diff(a, a).empty());
}
