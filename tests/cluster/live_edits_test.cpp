// kubectl's live edits: every requested change is checked before the one
// update, so a failing edit changes nothing at all.
#include "helpers.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

namespace {

struct Live : ShopFixture {
  Live() {
    reg.add("registry.example/shop/web", "1.1.0");
    reg.add("registry.example/shop/proxy", "2.0");
    deploy_web(2, "        - name: proxy\n          image: registry.example/shop/proxy:2.0\n");
    run(20);
    REQUIRE(c.label(web, {{"tier", "web"}}, at_s(20), "kubectl", true).ok());
    REQUIRE(c.annotate(web, {{"owner", "mina"}}, at_s(20), "kubectl", true).ok());
    c.take_events();
  }
  std::string rv() const { return c.get(web)->get_string({"metadata", "resourceVersion"}).value(); }
  std::string image(std::size_t i) const {
    return c.get(web)->get({"spec", "template", "spec", "containers"})->items()[i].get_string({"image"}).value();
  }
};

}  // namespace

TEST_CASE("Cluster: a failing multi-edit changes nothing: object, resourceVersion and events", "[edits]") {
  Live s;
  const model::Node before = *s.c.get(s.web);
  const std::string rv = s.rv();
  struct Bad {
    const char* what;
    Status status;
    const char* message;
  };
  std::vector<Bad> bad;
  bad.push_back({"unknown container after a good one",
                 s.c.set_images("deployment", "shop", "web",
                                {{"web", "registry.example/shop/web:1.1.0"}, {"nosuch", "x"}}, at_s(21), "kubectl"),
                 "error: unable to find container named \"nosuch\""});
  bad.push_back({"bad image after a good one",
                 s.c.set_images("deployment", "shop", "web", {{"web", "registry.example/shop/web:1.1.0"}, {"proxy", "Bad:1"}},
                                at_s(21), "kubectl"),
                 "Bad:1"});
  bad.push_back({"bad label value after a good one",
                 s.c.label(s.web, {{"team", "shop"}, {"tier", "a b"}}, at_s(21), "kubectl", true), "a b"});
  bad.push_back({"bad label key after a good one", s.c.label(s.web, {{"team", "shop"}, {"-x", "1"}}, at_s(21), "kubectl", true),
                 "error: invalid label key \"-x\""});
  bad.push_back({"label without overwrite after a good one",
                 s.c.label(s.web, {{"team", "shop"}, {"tier", "db"}}, at_s(21), "kubectl", false),
                 "error: 'tier' already has a value (web), and --overwrite is false"});
  bad.push_back({"two labels without overwrite",
                 s.c.label(s.web, {{"app", "x"}, {"tier", "db"}}, at_s(21), "kubectl", false),
                 "error: ['app' already has a value (web), and --overwrite is false, 'tier' already has a value (web), "
                 "and --overwrite is false]"});
  bad.push_back({"annotation without overwrite after a good one",
                 s.c.annotate(s.web, {{"note", "hi"}, {"owner", "jun"}}, at_s(21), "kubectl", false),
                 "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a "
                 "value (mina)"});
  bad.push_back({"modify and remove one label", s.c.label(s.web, {{"team", "shop"}, {"team", std::nullopt}}, at_s(21), "kubectl", true),
                 "error: can not both modify and remove a label in the same command"});
  bad.push_back({"modify and remove one annotation",
                 s.c.annotate(s.web, {{"owner", std::nullopt}, {"owner", "jun"}}, at_s(21), "kubectl", true),
                 "error: can not both modify and remove an annotation in the same command"});
  for (const auto& b : bad) {
    CAPTURE(b.what);
    REQUIRE_FALSE(b.status.ok());
    CHECK(b.status.error().message.find(b.message) != std::string::npos);
  }
  CHECK(*s.c.get(s.web) == before);
  CHECK(s.rv() == rv);
  CHECK(s.c.take_events().empty());
  CHECK(s.image(0) == "registry.example/shop/web:1.0.0");
}

TEST_CASE("Cluster: a multi-edit that succeeds is one update, one event, one new resourceVersion", "[edits]") {
  Live s;
  const std::string rv = s.rv();
  SECTION("set image of two containers") {
    REQUIRE(s.c.set_images("deployment", "shop", "web",
                           {{"web", "registry.example/shop/web:1.1.0"}, {"proxy", "registry.example/shop/proxy:2.0"}},
                           at_s(21), "kubectl")
                .ok());
    CHECK(s.image(0) == "registry.example/shop/web:1.1.0");
  }
  SECTION("every container with *") {
    REQUIRE(s.c.set_images("deployment", "shop", "web", {{"*", "registry.example/shop/web:1.1.0"}}, at_s(21), "kubectl")
                .ok());
    CHECK(s.image(0) == "registry.example/shop/web:1.1.0");
    CHECK(s.image(1) == "registry.example/shop/web:1.1.0");
  }
  SECTION("labels set and removed") {
    REQUIRE(s.c.label(s.web, {{"team", "shop"}, {"tier", std::nullopt}, {"gone", std::nullopt}}, at_s(21), "kubectl",
                      false)
                .ok());
    CHECK(s.c.get(s.web)->get_string({"metadata", "labels", "team"}) == "shop");
    CHECK_FALSE(s.c.get(s.web)->get({"metadata", "labels", "tier"}));
  }
  SECTION("annotations, the same value again without overwrite") {
    REQUIRE(s.c.annotate(s.web, {{"owner", "mina"}, {"note", "hi"}}, at_s(21), "kubectl", false).ok());
    CHECK(s.c.get(s.web)->get_string({"metadata", "annotations", "note"}) == "hi");
  }
  const auto events = s.c.take_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].type == ClusterEvent::Type::Modified);
  CHECK(events[0].by == "kubectl");
  CHECK(s.rv() == events[0].resource_version);
  CHECK(std::stoull(s.rv()) == std::stoull(rv) + 1);
}

TEST_CASE("Cluster: --replicas is parsed as kubectl's int32 flag", "[edits]") {
  Live s;
  const std::string rv = s.rv();
  auto scale = [&](const char* text) { return s.c.scale("deploy", "shop", "web", std::string_view(text), at_s(21), "kubectl"); };
  auto out_of_range = scale("2147483648");
  REQUIRE_FALSE(out_of_range.ok());
  CHECK(out_of_range.error().message ==
        "invalid argument \"2147483648\" for \"--replicas\" flag: strconv.ParseInt: parsing \"2147483648\": value out "
        "of range");
  CHECK(scale("99999999999999999999").error().message.find("value out of range") != std::string::npos);
  CHECK(scale("-2147483649").error().message.find("value out of range") != std::string::npos);
  CHECK(scale("3x").error().message.find("invalid syntax") != std::string::npos);
  CHECK(s.rv() == rv);
  // Past int32 through the numeric overload, the API server refuses it.
  auto numeric = s.c.scale("deploy", "shop", "web", std::int64_t{2147483648}, at_s(21), "kubectl");
  REQUIRE_FALSE(numeric.ok());
  CHECK(numeric.error().message ==
        "The Deployment \"web\" is invalid: spec.replicas: Invalid value: 2147483648: must be less than or equal to "
        "2147483647");
  CHECK(s.rv() == rv);
  CHECK(s.c.take_events().empty());
  REQUIRE(scale("5").ok());
  CHECK(s.c.get(s.web)->get({"spec", "replicas"})->as_int() == 5);
}
