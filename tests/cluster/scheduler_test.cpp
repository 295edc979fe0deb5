// The scheduler: three kind worker nodes with 110 pod slots each; what does
// not fit stays Pending, as kube-scheduler leaves it.
#include "helpers.hpp"
#include "sim/cluster/node_util.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

namespace {

const char* kUnschedulable =
    "0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found "
    "for incoming pod.";

struct Big : ShopFixture {
  std::map<std::string, int> per_node() const {
    std::map<std::string, int> out;
    for (const auto& p : pods_of(c, "shop")) ++out[c.get(p)->get_string({"spec", "nodeName"}).value_or("")];
    return out;
  }
  // Deploys `replicas` pods and lets them settle: the pods left waiting for a node.
  std::vector<ObjectKey> settle(int replicas) {
    deploy_web(replicas);
    run(30);
    return pending();
  }
  std::vector<ObjectKey> pending() const {
    std::vector<ObjectKey> out;
    for (const auto& p : pods_of(c, "shop")) {
      if (detail::pod_awaits_node(*c.get(p))) out.push_back(p);
    }
    return out;
  }
};

}  // namespace

TEST_CASE("Cluster: a cluster has three kind worker nodes of 110 pods, filled one after the other", "[scheduler]") {
  Big s;
  REQUIRE(s.c.nodes().size() == 3);
  CHECK(s.c.nodes()[0].name == "dev-worker");
  CHECK(s.c.nodes()[1].name == "dev-worker2");
  CHECK(s.c.nodes()[2].name == "dev-worker3");
  CHECK(s.c.nodes()[2].internal_ip == "172.18.0.4");
  CHECK(s.c.nodes()[0].max_pods == 110);
  s.deploy_web(111);
  advance(s.c, at_s(30), s.events);
  CHECK(s.per_node() == std::map<std::string, int>{{"dev-worker", 110}, {"dev-worker2", 1}});
  for (const auto& p : pods_of(s.c, "shop")) {
    const model::Node& pod = *s.c.get(p);
    const bool second = pod.get_string({"spec", "nodeName"}) == "dev-worker2";
    CHECK(pod.get_string({"status", "hostIP"}) == (second ? "172.18.0.3" : "172.18.0.2"));
  }
  CHECK(health_of(s.c, s.web).status == HealthCode::Healthy);
}

TEST_CASE("Cluster: pods past every node's capacity stay Pending, Unschedulable, with FailedScheduling", "[scheduler]") {
  Big s;
  const auto pending = s.settle(335);
  REQUIRE(pending.size() == 5);
  CHECK(s.per_node() == std::map<std::string, int>{{"", 5}, {"dev-worker", 110}, {"dev-worker2", 110}, {"dev-worker3", 110}});
  for (const auto& p : pending) {
    const model::Node& pod = *s.c.get(p);
    CHECK(pod.get_string({"status", "phase"}) == "Pending");
    CHECK_FALSE(pod.get({"status", "containerStatuses"}));  // no kubelet runs it
    const model::Node* cond = detail::find_condition(pod, "PodScheduled");
    REQUIRE(cond);
    CHECK(cond->get_string({"status"}) == "False");
    CHECK(cond->get_string({"reason"}) == "Unschedulable");
    CHECK(cond->get_string({"message"}) == kUnschedulable);
    const auto events = s.c.events_for(p);
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "Warning");
    CHECK(events[0].reason == "FailedScheduling");
    CHECK(events[0].source == "default-scheduler");
    CHECK(events[0].message == kUnschedulable);
  }
  CHECK(s.c.get(s.web)->get({"status", "availableReplicas"})->as_int() == 330);
  CHECK(s.c.get(s.web)->get({"status", "unavailableReplicas"})->as_int() == 5);
  CHECK(health_of(s.c, s.web).status == HealthCode::Progressing);
  const auto next = s.c.next_wakeup();
  CHECK((!next || *next >= at_s(60)));  // nothing retries in a loop
}

TEST_CASE("Cluster: a Pending pod is bound, oldest first, when a slot frees up or a node is added", "[scheduler]") {
  Big s;
  const auto pending = s.settle(332);
  REQUIRE(pending.size() == 2);
  SECTION("a running pod goes") {
    ObjectKey running;
    for (const auto& p : pods_of(s.c, "shop")) {
      if (s.c.get(p)->get_string({"spec", "nodeName"}) == "dev-worker2") running = p;
    }
    REQUIRE(s.c.remove(running, at_s(31), "kubectl").ok());
    advance(s.c, at_s(60), s.events);
    // One of the two waiting pods took the slot (the replacement the ReplicaSet made waits behind them).
    const auto still = s.pending();
    REQUIRE(still.size() == 2);
    int bound = 0;
    for (const auto& p : pending) {
      if (!s.c.get(p) || detail::pod_awaits_node(*s.c.get(p))) continue;
      ++bound;
      CHECK(s.c.get(p)->get_string({"spec", "nodeName"}) == "dev-worker2");
      CHECK(s.c.get(p)->get_string({"status", "phase"}) == "Running");
      bool scheduled = false;
      for (const auto& e : s.c.events_for(p)) {
        scheduled = scheduled || (e.reason == "Scheduled" && e.message == "Successfully assigned shop/" + p.name +
                                                                               " to dev-worker2");
      }
      CHECK(scheduled);
    }
    CHECK(bound == 1);
  }
  SECTION("a fourth node joins") {
    s.c.set_nodes(4, 110, at_s(31));
    advance(s.c, at_s(60), s.events);
    CHECK(s.pending().empty());
    CHECK(s.per_node()["dev-worker4"] == 2);
    CHECK(health_of(s.c, s.web).status == HealthCode::Healthy);
  }
}

TEST_CASE("Cluster: a pod on no node is deleted at once, without a grace period", "[scheduler]") {
  Big s;
  const auto pending = s.settle(331);
  REQUIRE(pending.size() == 1);
  s.c.take_events();
  REQUIRE(s.c.remove(pending[0], at_s(31), "kubectl").ok());
  CHECK_FALSE(s.c.get(pending[0]));
  const auto events = s.c.take_events();
  REQUIRE_FALSE(events.empty());
  CHECK(events[0].type == ClusterEvent::Type::Deleted);
  CHECK(events[0].key == pending[0]);
}
