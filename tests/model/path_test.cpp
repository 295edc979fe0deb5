#include <catch2/catch.hpp>

#include "sim/model/path.hpp"
#include "sim/model/yaml.hpp"

using gs::model::erase_path;
using gs::model::FieldPath;
using gs::model::get_path;
using gs::model::Node;
using gs::model::parse_field_path;
using gs::model::parse_yaml;
using gs::model::set_path;

namespace {

FieldPath P(std::string_view text) {
  auto p = parse_field_path(text);
  REQUIRE(p.ok());
  return *p;
}

Node deployment() {
  auto r = parse_yaml(
      "metadata:\n"
      "  name: web\n"
      "  labels:\n"
      "    app.kubernetes.io/name: web\n"
      "spec:\n"
      "  replicas: 2\n"
      "  template:\n"
      "    spec:\n"
      "      containers:\n"
      "      - name: web\n"
      "        image: nginx:1.25\n"
      "      - name: sidecar\n"
      "        image: envoy\n");
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("Field path: parses keys, indexes and quoted keys", "[model][path]") {
  struct Row {
    const char* text;
    std::size_t steps;
    const char* canonical;
  };
  auto row = GENERATE(values<Row>({
      {"", 0, ""},
      {"spec", 1, "spec"},
      {"spec.template.spec.containers[0].image", 6, "spec.template.spec.containers[0].image"},
      {"metadata.labels[\"app.kubernetes.io/name\"]", 3, "metadata.labels[\"app.kubernetes.io/name\"]"},
      {"metadata.labels['app.kubernetes.io/name']", 3, "metadata.labels[\"app.kubernetes.io/name\"]"},
      {"metadata.annotations[\"a\\\"b\"]", 3, "metadata.annotations[\"a\\\"b\"]"},
      {"[\"plain\"].x", 2, "plain.x"},
      {"items[2][10]", 3, "items[2][10]"},
      {"[0].name", 2, "[0].name"},
      {"data[\"\"]", 2, "data[\"\"]"},
  }));
  CAPTURE(row.text);
  auto p = parse_field_path(row.text);
  REQUIRE(p.ok());
  CHECK(p->steps.size() == row.steps);
  CHECK(p->text() == row.canonical);
  CHECK(P(p->text()) == *p);  // the canonical text reads back the same
}

TEST_CASE("Field path: bad paths name the column", "[model][path]") {
  struct Row {
    const char* text;
    const char* message;
  };
  auto row = GENERATE(values<Row>({
      {".spec", "bad field path \".spec\": empty key at column 1"},
      {"spec.", "bad field path \"spec.\": empty key at column 6"},
      {"spec..replicas", "bad field path \"spec..replicas\": empty key at column 6"},
      {"items[", "bad field path \"items[\": expected a list index or a quoted key at column 7"},
      {"items[-1]", "bad field path \"items[-1]\": expected a list index or a quoted key at column 7"},
      {"items[1", "bad field path \"items[1\": expected ']' at column 8"},
      {"items[1]x", "bad field path \"items[1]x\": expected '.' or '[' at column 9"},
      {"labels[\"a", "bad field path \"labels[\"a\": unterminated quoted key at column 10"},
      {"a.[0]", "bad field path \"a.[0]\": expected a key after '.' at column 3"},
      {"a b", "bad field path \"a b\": expected '.' or '[' at column 2"},
  }));
  CAPTURE(row.text);
  auto p = parse_field_path(row.text);
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().message == row.message);
}

TEST_CASE("Field path: get finds values or returns nullptr", "[model][path]") {
  Node d = deployment();
  REQUIRE(get_path(d, P("spec.template.spec.containers[1].image")));
  CHECK(get_path(d, P("spec.template.spec.containers[1].image"))->as_string() == "envoy");
  CHECK(get_path(d, P("metadata.labels[\"app.kubernetes.io/name\"]"))->as_string() == "web");
  CHECK(get_path(d, P("spec.replicas"))->as_int() == 2);
  CHECK(get_path(d, P("")) == &d);
  CHECK(get_path(d, P("spec.template.spec.containers[2]")) == nullptr);
  CHECK(get_path(d, P("spec.replicas.value")) == nullptr);
  CHECK(get_path(d, P("spec[0]")) == nullptr);
  CHECK(get_path(d, P("spec.template.spec.containers.name")) == nullptr);
}

TEST_CASE("Field path: set creates maps, appends to lists, refuses scalars", "[model][path]") {
  Node d = deployment();
  REQUIRE(set_path(d, P("spec.replicas"), Node::integer(3)).ok());
  CHECK(get_path(d, P("spec.replicas"))->as_int() == 3);
  REQUIRE(set_path(d, P("metadata.annotations[\"argocd.argoproj.io/sync-wave\"]"), Node::string("1")).ok());
  CHECK(d.get({"metadata", "annotations"})->find("argocd.argoproj.io/sync-wave")->as_string() == "1");
  REQUIRE(set_path(d, P("spec.template.spec.containers[2].name"), Node::string("third")).ok());
  CHECK(get_path(d, P("spec.template.spec.containers"))->size() == 3);
  REQUIRE(set_path(d, P("spec.template.spec.volumes[0].name"), Node::string("data")).ok());
  CHECK(get_path(d, P("spec.template.spec.volumes[0].name"))->as_string() == "data");
  Node empty;
  REQUIRE(set_path(empty, P("a.b"), Node::integer(1)).ok());
  CHECK(empty.get({"a", "b"})->as_int() == 1);

  auto past = set_path(d, P("spec.template.spec.containers[5].name"), Node::string("x"));
  REQUIRE_FALSE(past.ok());
  CHECK(past.error().message ==
        "cannot set spec.template.spec.containers[5].name: index 5 is past the end of "
        "spec.template.spec.containers (3 items)");
  auto scalar = set_path(d, P("spec.replicas.value"), Node::integer(1));
  REQUIRE_FALSE(scalar.ok());
  CHECK(scalar.error().message == "cannot set spec.replicas.value: spec.replicas is a scalar, not a map");
  auto wrong = set_path(d, P("spec[0]"), Node::integer(1));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().message == "cannot set spec[0]: spec is a map, not a list");
}

TEST_CASE("Field path: erase removes entries and list items", "[model][path]") {
  Node d = deployment();
  REQUIRE(erase_path(d, P("spec.template.spec.containers[0]")).ok());
  CHECK(get_path(d, P("spec.template.spec.containers[0].name"))->as_string() == "sidecar");
  REQUIRE(erase_path(d, P("metadata.labels[\"app.kubernetes.io/name\"]")).ok());
  CHECK(d.get({"metadata", "labels"})->size() == 0);
  auto missing = erase_path(d, P("spec.paused"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "cannot erase spec.paused: no such field");
  CHECK_FALSE(erase_path(d, P("spec.template.spec.containers[1]")).ok());
  CHECK_FALSE(erase_path(d, P("")).ok());
}
