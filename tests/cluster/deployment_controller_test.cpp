// The Deployment controller, beyond the rollouts in cluster_controllers_test.
#include "helpers.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

TEST_CASE_METHOD(ShopFixture, "Cluster: a Deployment keeps revisionHistoryLimit old ReplicaSets", "[deployment]") {
  for (const char* tag : {"1.1.0", "1.2.0", "1.3.0"}) reg.add("registry.example/shop/web", tag);
  double t = 0;
  for (const char* tag : {"1.0.0", "1.1.0", "1.2.0", "1.3.0"}) {
    apply(deployment_yaml("web", "shop", 2, std::string("registry.example/shop/web:") + tag, "  revisionHistoryLimit: 1\n"),
          t);
    t += 60;
    run(t);
  }
  CHECK(health_of(c, web).status == HealthCode::Healthy);
  CHECK(c.list("ReplicaSet", "shop").size() == 2);  // the current one and one old
}
