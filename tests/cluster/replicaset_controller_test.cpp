// The ReplicaSet controller: burstReplicas and slow-start batches, FailedCreate
// and ReplicaFailure when the API server refuses pods, bounded runaway scales.
#include "helpers.hpp"
#include "sim/cluster/node_util.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

namespace {

struct Shop : ShopFixture {
  Shop() {
    deploy_web(1);
    run(20);
  }
  ObjectKey rs() const { return c.list("ReplicaSet", "shop").at(0); }
  std::size_t pods() const { return c.list("Pod", "shop").size(); }
};

const KubeEvent* find_event(const std::vector<KubeEvent>& events, const std::string& reason) {
  for (const auto& e : events) {
    if (e.reason == reason) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Cluster: the ReplicaSet controller creates at most 500 pods in one sync", "[replicaset]") {
  Shop s;
  s.c.set_nodes(12, 110, at_s(20));
  std::vector<std::size_t> counts;
  s.c.set_step_observer([&](const Cluster& c, TimePoint) {
    const std::size_t n = c.list("Pod", "shop").size();
    if (counts.empty() || counts.back() != n) counts.push_back(n);
  });
  REQUIRE(s.c.scale("deploy", "shop", "web", std::int64_t{1201}, at_s(21), "kubectl").ok());
  s.c.run_until(at_s(21), s.events);
  s.c.set_step_observer({});
  CHECK(counts == std::vector<std::size_t>{1, 501, 1001, 1201});
  CHECK(s.pods() == 1201);
}

TEST_CASE("Cluster: refused creations stop a slow-start batch: FailedCreate, ReplicaFailure, then a retry", "[replicaset]") {
  Shop s;
  // Room for ten more objects: batches of 1, 2 and 4 go through, the batch of 8 gets three and stops the sync.
  s.c.set_object_quota(s.c.keys().size() + 10);
  REQUIRE(s.c.scale("deploy", "shop", "web", std::int64_t{40}, at_s(21), "kubectl").ok());
  s.c.run_until(at_s(21), s.events);
  CHECK(s.pods() == 11);
  const auto events = s.c.events_for(s.rs());
  const KubeEvent* failed = find_event(events, "FailedCreate");
  REQUIRE(failed);
  CHECK(failed->type == "Warning");
  CHECK(failed->source == "replicaset-controller");
  CHECK(failed->message == "Error creating: etcdserver: mvcc: database space exceeded");
  CHECK(failed->count >= 5);  // five in the stopped batch, then one per resync at this instant
  const model::Node* cond = detail::find_condition(*s.c.get(s.rs()), "ReplicaFailure");
  REQUIRE(cond);
  CHECK(cond->get_string({"status"}) == "True");
  CHECK(cond->get_string({"reason"}) == "FailedCreate");
  CHECK(cond->get_string({"message"}) == "etcdserver: mvcc: database space exceeded");
  advance(s.c, at_s(22), s.events);
  const model::Node* on_deploy = detail::find_condition(*s.c.get(s.web), "ReplicaFailure");
  REQUIRE(on_deploy);
  CHECK(on_deploy->get_string({"reason"}) == "FailedCreate");
  // Retried with the queue's back-off; once there is room, the rest come and the condition goes.
  s.c.set_object_quota(10'000);
  advance(s.c, at_s(60), s.events);
  CHECK(s.pods() == 40);
  CHECK_FALSE(detail::find_condition(*s.c.get(s.rs()), "ReplicaFailure"));
  CHECK_FALSE(detail::find_condition(*s.c.get(s.web), "ReplicaFailure"));
  CHECK(health_of(s.c, s.web).status == HealthCode::Healthy);
}

TEST_CASE("Cluster: kubectl scale --replicas=2147483647 stops at the storage quota with Pending pods", "[replicaset]") {
  Shop s;
  REQUIRE(s.c.scale("deploy", "shop", "web", std::string_view("2147483647"), at_s(21), "kubectl").ok());
  advance(s.c, at_s(120), s.events);
  CHECK(s.c.keys().size() == 4'000);  // the default object quota
  std::size_t running = 0, pending = 0;
  for (const auto& p : s.c.list("Pod", "shop")) {
    const model::Node& pod = *s.c.get(p);
    if (detail::pod_awaits_node(pod)) {
      ++pending;
    } else if (pod.get_string({"status", "phase"}) == "Running") {
      ++running;
    }
  }
  CHECK(running == 330);
  CHECK(pending == s.pods() - 330);
  const model::Node* cond = detail::find_condition(*s.c.get(s.rs()), "ReplicaFailure");
  REQUIRE(cond);
  CHECK(cond->get_string({"message"}) == "etcdserver: mvcc: database space exceeded");
  // The retries back off instead of spinning.
  auto next = s.c.next_wakeup();
  REQUIRE(next.has_value());
  CHECK(*next > at_s(120));
  // Scaling back down removes the Pending pods at once and frees the store.
  REQUIRE(s.c.scale("deploy", "shop", "web", std::string_view("3"), at_s(121), "kubectl").ok());
  advance(s.c, at_s(400), s.events);
  CHECK(pods_of(s.c, "shop").size() == 3);
  CHECK(health_of(s.c, s.web).status == HealthCode::Healthy);
}

namespace {

// What a ReplicaSet's status should say, counted by scanning every pod.
void check_against_scan(const Cluster& c) {
  for (const auto& rs : c.list("ReplicaSet", "shop")) {
    const std::string uid = c.get(rs)->get_string({"metadata", "uid"}).value();
    std::int64_t active = 0, ready = 0;
    for (const auto& p : c.list("Pod", "shop")) {
      const model::Node& pod = *c.get(p);
      const model::Node* refs = pod.get({"metadata", "ownerReferences"});
      bool mine = false;
      for (std::size_t i = 0; refs && refs->is_list() && i < refs->size(); ++i) {
        const model::Node& r = refs->items()[i];
        mine = mine || (r.get_string({"uid"}) == uid && r.find("controller") && r.find("controller")->as_bool() == true);
      }
      const std::string phase = pod.get_string({"status", "phase"}).value_or("");
      if (!mine || pod.get({"metadata", "deletionTimestamp"}) || phase == "Succeeded" || phase == "Failed") continue;
      ++active;
      const model::Node* cond = detail::find_condition(pod, "Ready");
      if (cond && cond->get_string({"status"}) == "True") ++ready;
    }
    CAPTURE(rs.name);
    const model::Node* st = c.get(rs)->find("status");
    CHECK(st->get({"replicas"})->as_int() == active);
    CHECK((st->find("readyReplicas") ? *st->find("readyReplicas")->as_int() : 0) == ready);
  }
}

}  // namespace

TEST_CASE("Cluster: the ReplicaSet's pod index counts what a scan of every pod counts", "[replicaset]") {
  Shop s;
  s.reg.add("registry.example/shop/web", "1.1.0");
  REQUIRE(s.c.scale("deploy", "shop", "web", std::int64_t{6}, at_s(20), "kubectl").ok());
  advance(s.c, at_s(40), s.events);
  check_against_scan(s.c);
  s.c.set_crash(s.web, true, at_s(40));
  advance(s.c, at_s(100), s.events);
  check_against_scan(s.c);
  s.c.set_crash(s.web, false, at_s(100));
  REQUIRE(s.c.set_image("deploy", "shop", "web", "web", "registry.example/shop/web:1.1.0", at_s(100), "kubectl").ok());
  advance(s.c, at_s(400), s.events);
  check_against_scan(s.c);
  auto pods = pods_of(s.c, "shop");
  REQUIRE(pods.size() == 6);
  REQUIRE(s.c.remove(pods[0], at_s(401), "kubectl").ok());
  REQUIRE(s.c.remove(pods[1], at_s(401), "kubectl").ok());
  // An orphaned pod no longer counts for its old owner.
  REQUIRE(s.c.patch_merge(pods[2], yaml("metadata:\n  ownerReferences: null\n"), at_s(401), "kubectl").ok());
  REQUIRE(s.c.scale("deploy", "shop", "web", std::int64_t{5}, at_s(402), "kubectl").ok());
  advance(s.c, at_s(500), s.events);
  check_against_scan(s.c);
  CHECK(pods_of(s.c, "shop").size() == 6);  // five owned, one orphan
  CHECK(health_of(s.c, s.web).status == HealthCode::Healthy);
}
