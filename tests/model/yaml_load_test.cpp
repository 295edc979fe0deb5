#include <catch2/catch.hpp>

#include "sim/model/yaml.hpp"

using gs::model::Node;
using gs::model::NodeKind;
using gs::model::parse_yaml;
using gs::model::parse_yaml_stream;
using gs::model::ScalarTag;

TEST_CASE("YAML load: nodes and keys remember line:col", "[model][yaml]") {
  auto r = parse_yaml(
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "metadata:\n"
      "  name: cfg\n"
      "data:\n"
      "  list:\n"
      "    - a\n"
      "    -   b\n",
      {"cm.yaml"});
  REQUIRE(r.ok());
  const Node& root = *r;
  CHECK(root.mark.line == 1);
  CHECK(root.mark.col == 1);
  const Node* name = root.get({"metadata", "name"});
  REQUIRE(name);
  CHECK(name->mark.line == 4);
  CHECK(name->mark.col == 9);
  const Node* meta = root.find("metadata");
  REQUIRE(meta);
  REQUIRE(meta->entries().size() == 1);
  CHECK(meta->entries()[0].key_mark.line == 4);
  CHECK(meta->entries()[0].key_mark.col == 3);
  const Node* list = root.get({"data", "list"});
  REQUIRE(list);
  REQUIRE(list->items().size() == 2);
  CHECK(list->items()[1].mark.line == 8);
  CHECK(list->items()[1].mark.col == 9);
  // Maps keep the file's order.
  CHECK(root.entries()[0].key == "apiVersion");
  CHECK(root.entries()[3].key == "data");
}

TEST_CASE("YAML load: plain scalars resolve like go-yaml v3 / kustomize", "[model][yaml]") {
  struct Row {
    const char* yaml;
    ScalarTag tag;
    const char* text;
  };
  auto row = GENERATE(values<Row>({
      {"3", ScalarTag::Int, "3"},
      {"-7", ScalarTag::Int, "-7"},
      {"+1", ScalarTag::Int, "1"},
      {"0x1F", ScalarTag::Int, "31"},
      {"0o17", ScalarTag::Int, "15"},
      {"0123", ScalarTag::Int, "83"},  // YAML 1.1 octal, still read by go-yaml v3
      {"1_000", ScalarTag::Int, "1000"},
      {"12345678901234567890", ScalarTag::Int, "12345678901234567890"},
      {"0.5", ScalarTag::Float, "0.5"},
      {".5", ScalarTag::Float, "0.5"},
      {"-0.5", ScalarTag::Float, "-0.5"},
      {"1.50", ScalarTag::Float, "1.5"},
      {"1.0", ScalarTag::Int, "1"},  // kustomize's JSON round trip
      {"1e3", ScalarTag::Int, "1000"},
      {"1e-7", ScalarTag::Float, "1e-07"},
      {"1e21", ScalarTag::Float, "1e+21"},
      {"1234567.5", ScalarTag::Float, "1.2345675e+06"},
      {".inf", ScalarTag::Float, ".inf"},
      {"-.Inf", ScalarTag::Float, "-.inf"},
      {".NaN", ScalarTag::Float, ".nan"},
      {"1.1.0", ScalarTag::Str, "1.1.0"},
      {"true", ScalarTag::Bool, "true"},
      {"False", ScalarTag::Bool, "false"},
      {"TRUE", ScalarTag::Bool, "true"},
      {"yes", ScalarTag::Str, "yes"},  // YAML 1.2: not a bool
      {"on", ScalarTag::Str, "on"},
      {"y", ScalarTag::Str, "y"},
      {"~", ScalarTag::Null, ""},
      {"null", ScalarTag::Null, ""},
      {"NULL", ScalarTag::Null, ""},
      {"", ScalarTag::Null, ""},
      {"2001-12-14", ScalarTag::Str, "2001-12-14T00:00:00Z"},
      {"2001-02-30", ScalarTag::Str, "2001-02-30"},
      {"nginx:1.25", ScalarTag::Str, "nginx:1.25"},
      {"08", ScalarTag::Int, "8"},  // not octal, so a float 8, so an int
      {"'3'", ScalarTag::Str, "3"},
      {"\"true\"", ScalarTag::Str, "true"},
      {"\"\"", ScalarTag::Str, ""},
      {"\"a\\Nb\\_c\"", ScalarTag::Str, "a\xC2\x85" "b\xC2\xA0" "c"},  // yaml-cpp decodes these to raw bytes
      {"!!str 3", ScalarTag::Str, "3"},
      {"!!int \"3\"", ScalarTag::Int, "3"},
      {"!!float 2", ScalarTag::Int, "2"},
      {"!!float 2.5", ScalarTag::Float, "2.5"},
      {"!!bool \"true\"", ScalarTag::Bool, "true"},
      {"!!null whatever", ScalarTag::Null, ""},
      {"!!binary aGVsbG8=", ScalarTag::Str, "hello"},
      {"!custom x", ScalarTag::Str, "x"},
  }));
  CAPTURE(row.yaml);
  auto r = parse_yaml(std::string("v: ") + row.yaml + "\n");
  REQUIRE(r.ok());
  const Node* v = r->find("v");
  REQUIRE(v);
  if (row.tag == ScalarTag::Null) {
    CHECK(v->is_null());
  } else {
    REQUIRE(v->is_scalar());
    CHECK(v->tag() == row.tag);
    CHECK(v->text() == row.text);
  }
}

TEST_CASE("YAML load: explicit tags that do not fit are positioned errors", "[model][yaml]") {
  auto r = parse_yaml("a: 1\nb: !!int abc\n", {"x.yaml"});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().render() == "x.yaml:2:4: cannot decode \"abc\" as !!int");
}

TEST_CASE("YAML load: multi-document streams skip empty documents", "[model][yaml]") {
  auto r = parse_yaml_stream(
      "---\n"
      "a: 1\n"
      "---\n"
      "# only a comment\n"
      "---\n"
      "~\n"
      "---\n"
      "b: 2\n"
      "...\n");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].find("a")->as_int() == 1);
  CHECK((*r)[1].find("b")->as_int() == 2);
  CHECK((*r)[1].mark.line == 8);

  auto empty = parse_yaml_stream("");
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}

TEST_CASE("YAML load: parse_yaml takes exactly one document", "[model][yaml]") {
  auto empty = parse_yaml("");
  REQUIRE(empty.ok());
  CHECK(empty->is_null());
  auto comment = parse_yaml("# nothing\n");
  REQUIRE(comment.ok());
  CHECK(comment->is_null());
  auto trailing = parse_yaml("a: 1\n---\n");
  REQUIRE(trailing.ok());
  CHECK(trailing->find("a"));
  auto two = parse_yaml("a: 1\n---\nb: 2\n", {"two.yaml"});
  REQUIRE_FALSE(two.ok());
  REQUIRE(two.error().pos);
  CHECK(two.error().pos->file == "two.yaml");
  CHECK(two.error().pos->line == 2);  // the second `---`
}

TEST_CASE("YAML load: anchors, aliases and merge keys expand", "[model][yaml]") {
  auto r = parse_yaml(
      "base: &b {cpu: 1, memory: 1Gi}\n"
      "copy: *b\n"
      "merged:\n"
      "  <<: *b\n"
      "  cpu: 2\n");
  REQUIRE(r.ok());
  CHECK(*r->find("copy") == *r->find("base"));
  const Node* merged = r->find("merged");
  REQUIRE(merged);
  CHECK(merged->find("cpu")->as_int() == 2);  // explicit keys win over merged ones
  CHECK(merged->find("memory")->as_string() == "1Gi");
  CHECK(r->find("copy")->mark.line == 2);
}

TEST_CASE("YAML load: non-string keys become their text, as sigs.k8s.io/yaml does", "[model][yaml]") {
  auto r = parse_yaml("1: a\ntrue: b\n~: c\n");
  REQUIRE(r.ok());
  CHECK(r->find("1"));
  CHECK(r->find("true"));
  CHECK(r->find("null"));
}
