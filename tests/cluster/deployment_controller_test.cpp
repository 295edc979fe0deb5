// The Deployment controller, beyond the rollouts in cluster_controllers_test.
#include "helpers.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

TEST_CASE("Cluster: a Deployment keeps revisionHistoryLimit old ReplicaSets", "[deployment]") {
  ImageRegistry reg;
  Cluster c = make_cluster(&reg);
  for (const char* tag : {"1.0.0", "1.1.0", "1.2.0", "1.3.0"}) reg.add("registry.example/shop/web", tag);
  std::vector<ClusterEvent> events;
  REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "kubectl").ok());
  double t = 0;
  for (const char* tag : {"1.0.0", "1.1.0", "1.2.0", "1.3.0"}) {
    REQUIRE(c.apply(yaml(deployment_yaml("web", "shop", 2, std::string("registry.example/shop/web:") + tag,
                                         "  revisionHistoryLimit: 1\n")),
                    at_s(t), "kubectl")
                .ok());
    t += 60;
    advance(c, at_s(t), events);
  }
  CHECK(health_of(c, deploy_key("shop", "web")).status == HealthCode::Healthy);
  CHECK(c.list("ReplicaSet", "shop").size() == 2);  // the current one and one old
}
