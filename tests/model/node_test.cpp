#include <catch2/catch.hpp>

#include "sim/model/node.hpp"

using gs::model::Node;

TEST_CASE("Node: maps keep insertion order and compare as sets", "[model][node]") {
  Node a = Node::map();
  a["kind"] = Node::string("Deployment");
  a["apiVersion"] = Node::string("apps/v1");
  REQUIRE(a.entries().size() == 2);
  CHECK(a.entries()[0].key == "kind");
  Node b = Node::map();
  b["apiVersion"] = Node::string("apps/v1");
  b["kind"] = Node::string("Deployment");
  CHECK(a == b);
  b["kind"] = Node::string("Service");
  CHECK_FALSE(a == b);
}

TEST_CASE("Node: scalars keep their tag", "[model][node]") {
  CHECK_FALSE(Node::string("3") == Node::integer(3));
  CHECK(Node::integer(3).as_int() == 3);
  CHECK_FALSE(Node::string("3").as_int().has_value());
  CHECK(Node::boolean(true).as_bool() == true);
  Node obj = Node::map();
  obj["metadata"]["name"] = Node::string("web");
  CHECK(obj.get_string({"metadata", "name"}) == "web");
  CHECK_FALSE(obj.get_string({"metadata", "namespace"}).has_value());
  CHECK(obj.erase("metadata"));
  CHECK(obj.size() == 0);
}
