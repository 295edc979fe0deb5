#include <algorithm>
#include <random>

#include "helpers.hpp"
#include "sim/cluster/kubectl_print.hpp"
#include "sim/cluster/node_util.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

namespace {

std::int64_t status_int(const Cluster& c, const ObjectKey& k, std::string_view f) {
  const model::Node* v = c.get(k)->get({"status", f});
  return v ? v->as_int().value_or(0) : 0;
}

struct Shop {
  ImageRegistry reg;
  Cluster c;
  std::vector<ClusterEvent> events;
  explicit Shop(std::uint64_t seed = 7) : c(make_cluster(&reg, seed)) {
    reg.add("registry.example/shop/web", "1.0.0");
    reg.add("registry.example/shop/web", "1.1.0");
    reg.add("registry.example/shop/migrate", "1.0.0");
    REQUIRE(c.apply(yaml(namespace_yaml("shop")), at_s(0), "argocd-controller").ok());
  }
  void apply(const std::string& text, double t) { REQUIRE(c.apply(yaml(text), at_s(t), "argocd-controller").ok()); }
  void run(double t) { advance(c, at_s(t), events); }
};

int ready_pods(const Cluster& c, const std::string& ns) {
  int n = 0;
  for (const auto& k : pods_of(c, ns)) {
    const model::Node* r = detail::find_condition(*c.get(k), "Ready");
    if (r && r->get_string({"status"}) == "True") ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("Controllers: a Deployment rolls out to Healthy with Kubernetes' status fields", "[controllers]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 3, "registry.example/shop/web:1.0.0"), 0);
  const ObjectKey k = deploy_key("shop", "web");
  s.c.run_until(at_s(0), s.events);
  // At once: a ReplicaSet named after the template hash, three pods, Progressing.
  auto rss = s.c.list("ReplicaSet", "shop");
  REQUIRE(rss.size() == 1);
  const std::string rs_name = rss[0].name;
  REQUIRE(rs_name.size() == std::string("web-").size() + 10);
  for (char ch : rs_name.substr(4)) CHECK(std::string("bcdfghjklmnpqrstvwxz2456789").find(ch) != std::string::npos);
  auto pods = pods_of(s.c, "shop");
  REQUIRE(pods.size() == 3);
  for (const auto& p : pods) {
    CHECK(p.name.rfind(rs_name + "-", 0) == 0);
    CHECK(p.name.size() == rs_name.size() + 6);
  }
  CHECK(health_of(s.c, k).status == HealthCode::Progressing);
  const model::Node* progressing = detail::find_condition(*s.c.get(k), "Progressing");
  REQUIRE(progressing);
  CHECK(progressing->get_string({"reason"}) == "ReplicaSetUpdated");
  CHECK(status_int(s.c, k, "updatedReplicas") == 3);
  CHECK(status_int(s.c, k, "unavailableReplicas") == 3);
  const model::Node* available = detail::find_condition(*s.c.get(k), "Available");
  REQUIRE(available);
  CHECK(available->get_string({"reason"}) == "MinimumReplicasUnavailable");
  // Pods pull in 1-4 s and are ready 1-3 s later: Healthy by 7 s, not before 2 s.
  s.run(1.9);
  CHECK(health_of(s.c, k).status == HealthCode::Progressing);
  s.run(7.0);
  const HealthStatus h = health_of(s.c, k);
  CHECK(h.status == HealthCode::Healthy);
  CHECK(h.message.empty());
  const model::Node& d = *s.c.get(k);
  CHECK(d.get({"status", "observedGeneration"})->as_int() == 1);
  CHECK(status_int(s.c, k, "replicas") == 3);
  CHECK(status_int(s.c, k, "updatedReplicas") == 3);
  CHECK(status_int(s.c, k, "readyReplicas") == 3);
  CHECK(status_int(s.c, k, "availableReplicas") == 3);
  CHECK_FALSE(d.get({"status", "unavailableReplicas"}));
  progressing = detail::find_condition(d, "Progressing");
  CHECK(progressing->get_string({"reason"}) == "NewReplicaSetAvailable");
  CHECK(progressing->get_string({"message"}) == "ReplicaSet \"" + rs_name + "\" has successfully progressed.");
  CHECK(detail::find_condition(d, "Available")->get_string({"reason"}) == "MinimumReplicasAvailable");
  for (const auto& p : pods_of(s.c, "shop")) {
    CHECK(s.c.get(p)->get_string({"status", "phase"}) == "Running");
    CHECK(health_of(s.c, p).status == HealthCode::Healthy);
  }
  // Quiescent: nothing left to do, no polling.
  CHECK_FALSE(s.c.next_wakeup().has_value());
}

TEST_CASE("Controllers: rolling update with 25% defaults stays within 4 pods and 3 available", "[controllers]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 3, "registry.example/shop/web:1.0.0"), 0);
  s.run(30);
  const ObjectKey k = deploy_key("shop", "web");
  REQUIRE(health_of(s.c, k).status == HealthCode::Healthy);
  int steps = 0, max_pods = 0, min_ready = 99;
  s.c.set_step_observer([&](const Cluster& c, TimePoint) {
    ++steps;
    const int active = static_cast<int>(pods_of(c, "shop").size());
    max_pods = std::max(max_pods, active);
    min_ready = std::min(min_ready, ready_pods(c, "shop"));
    CHECK(active <= 4);
    CHECK(ready_pods(c, "shop") >= 3);
  });
  REQUIRE(s.c.set_image("deployment", "shop", "web", "web", "registry.example/shop/web:1.1.0", at_s(40), "kubectl").ok());
  s.run(120);
  s.c.set_step_observer({});
  CHECK(steps > 20);
  CHECK(max_pods == 4);  // maxSurge 25% of 3 rounds up to 1
  CHECK(min_ready == 3);  // maxUnavailable 25% of 3 rounds down to 0
  CHECK(health_of(s.c, k).status == HealthCode::Healthy);
  const auto rss = s.c.list("ReplicaSet", "shop");
  REQUIRE(rss.size() == 2);
  int with_pods = 0;
  for (const auto& r : rss) {
    if (s.c.get(r)->get({"spec", "replicas"})->as_int() == 3) ++with_pods;
  }
  CHECK(with_pods == 1);
  CHECK(s.c.get(k)->get_string({"metadata", "annotations", "deployment.kubernetes.io/revision"}) == "2");
  for (const auto& p : pods_of(s.c, "shop"))
    CHECK(s.c.get(p)->get({"spec", "containers"})->items()[0].get_string({"image"}) ==
          "registry.example/shop/web:1.1.0");
}

TEST_CASE("Controllers: Recreate scales old pods to zero before starting new ones", "[controllers]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.0.0", "  strategy:\n    type: Recreate\n"), 0);
  s.run(30);
  bool overlap = false;
  s.c.set_step_observer([&](const Cluster& c, TimePoint) {
    std::set<std::string> images;
    for (const auto& p : pods_of(c, "shop", true))
      images.insert(c.get(p)->get({"spec", "containers"})->items()[0].get_string({"image"}).value());
    if (images.size() > 1) overlap = true;
  });
  REQUIRE(s.c.set_image("deploy", "shop", "web", "web", "registry.example/shop/web:1.1.0", at_s(40), "kubectl").ok());
  s.run(100);
  s.c.set_step_observer({});
  CHECK_FALSE(overlap);
  CHECK(health_of(s.c, deploy_key("shop", "web")).status == HealthCode::Healthy);
}

TEST_CASE("Controllers: checklist 48/49 - unknown image: ErrImagePull, ImagePullBackOff, pods Degraded, "
          "Deployment Progressing then Degraded after 600 s",
          "[controllers][checklist-48][checklist-49]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 2, "registry.example/shop/web:9.9.9"), 0);
  const ObjectKey k = deploy_key("shop", "web");
  std::set<std::string> reasons_seen;
  std::vector<std::int64_t> pulls;  // times of ErrImagePull for the first pod
  std::string first_pod;
  s.c.set_step_observer([&](const Cluster& c, TimePoint t) {
    for (const auto& p : pods_of(c, "shop")) {
      const model::Node* cs = c.get(p)->get({"status", "containerStatuses"});
      if (!cs || cs->size() == 0) continue;
      auto reason = cs->items()[0].get_string({"state", "waiting", "reason"});
      if (!reason) continue;
      reasons_seen.insert(*reason);
      if (first_pod.empty()) first_pod = p.name;
      if (p.name == first_pod && *reason == "ErrImagePull" && (pulls.empty() || pulls.back() / 1000 != t.ms / 1000))
        pulls.push_back(t.ms);
    }
  });
  s.run(10);
  CHECK(reasons_seen.count("ErrImagePull"));
  CHECK(reasons_seen.count("ImagePullBackOff"));
  for (const auto& p : pods_of(s.c, "shop")) {
    const HealthStatus h = health_of(s.c, p);
    CHECK(h.status == HealthCode::Degraded);
    CHECK((h.message.find("registry.example/shop/web:9.9.9") != std::string::npos));
    CHECK(s.c.get(p)->get_string({"status", "phase"}) == "Pending");
  }
  // The pods are Degraded, but the Deployment only Progressing until the deadline.
  HealthStatus h = health_of(s.c, k);
  CHECK(h.status == HealthCode::Progressing);
  CHECK(h.message == "Waiting for rollout to finish: 0 of 2 updated replicas are available...");
  s.run(595);
  CHECK(health_of(s.c, k).status == HealthCode::Progressing);
  s.run(605);
  h = health_of(s.c, k);
  CHECK(h.status == HealthCode::Degraded);
  CHECK(h.message == "Deployment \"web\" exceeded its progress deadline");
  const model::Node* cond = detail::find_condition(*s.c.get(k), "Progressing");
  CHECK(cond->get_string({"status"}) == "False");
  CHECK(cond->get_string({"reason"}) == "ProgressDeadlineExceeded");
  s.run(1200);
  s.c.set_step_observer({});
  // Pull retries back off 10, 20, 40, 80, 160 s, then every 300 s.
  REQUIRE(pulls.size() >= 7);
  std::vector<std::int64_t> gaps;
  for (std::size_t i = 1; i < pulls.size(); ++i) gaps.push_back((pulls[i] - pulls[i - 1]) / 1000);
  CHECK(gaps[0] == 10);
  CHECK(gaps[1] == 20);
  CHECK(gaps[2] == 40);
  CHECK(gaps[3] == 80);
  CHECK(gaps[4] == 160);
  CHECK(gaps[5] == 300);
}

TEST_CASE("Controllers: a newly pushed tag lets ImagePullBackOff pods start at their next pull", "[controllers]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 1, "registry.example/shop/web:2.0.0"), 0);
  s.run(30);
  CHECK(health_of(s.c, deploy_key("shop", "web")).status == HealthCode::Progressing);
  s.reg.add("registry.example/shop/web", "2.0.0");
  s.run(400);
  CHECK(health_of(s.c, deploy_key("shop", "web")).status == HealthCode::Healthy);
}

TEST_CASE("Controllers: fault image-pull makes a known tag fail with ErrImagePull", "[controllers][faults]") {
  Shop s;
  REQUIRE(s.reg.fail_pull("registry.example/shop/web:1.0.0").ok());
  s.apply(deployment_yaml("web", "shop", 1, "registry.example/shop/web:1.0.0"), 0);
  s.run(20);
  const auto pods = pods_of(s.c, "shop");
  REQUIRE(pods.size() == 1);
  CHECK(health_of(s.c, pods[0]).status == HealthCode::Degraded);
}

TEST_CASE("Controllers: crash fault gives CrashLoopBackOff with kubelet back-off 10s, 20s, 40s ... capped 5m",
          "[controllers][faults]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 1, "registry.example/shop/web:1.0.0"), 0);
  s.run(20);
  const ObjectKey k = deploy_key("shop", "web");
  REQUIRE(health_of(s.c, k).status == HealthCode::Healthy);
  s.c.set_crash(k, true, at_s(30));
  std::vector<std::string> backoffs;
  std::vector<std::int64_t> restarts;
  s.c.set_step_observer([&](const Cluster& c, TimePoint) {
    for (const auto& p : pods_of(c, "shop")) {
      const model::Node& cs = c.get(p)->get({"status", "containerStatuses"})->items()[0];
      auto msg = cs.get_string({"state", "waiting", "message"});
      if (msg && cs.get_string({"state", "waiting", "reason"}) == "CrashLoopBackOff") {
        const std::string b = msg->substr(0, msg->find(' ', 9));
        if (backoffs.empty() || backoffs.back() != b) backoffs.push_back(b);
      }
      const std::int64_t n = cs.get({"restartCount"})->as_int().value();
      if (restarts.empty() || restarts.back() != n) restarts.push_back(n);
    }
  });
  s.run(1500);
  s.c.set_step_observer({});
  REQUIRE(backoffs.size() >= 6);
  CHECK(backoffs[0] == "back-off 10s");
  CHECK(backoffs[1] == "back-off 20s");
  CHECK(backoffs[2] == "back-off 40s");
  CHECK(backoffs[3] == "back-off 1m20s");
  CHECK(backoffs[4] == "back-off 2m40s");
  CHECK(backoffs[5] == "back-off 5m0s");
  CHECK(backoffs.back() == "back-off 5m0s");
  CHECK(std::is_sorted(restarts.begin(), restarts.end()));
  CHECK(restarts.back() >= 7);
  const auto pods = pods_of(s.c, "shop");
  REQUIRE(pods.size() == 1);
  const model::Node& pod = *s.c.get(pods[0]);
  CHECK(pod.get_string({"status", "phase"}) == "Running");
  CHECK(pod.get({"status", "containerStatuses"})->items()[0].get_string({"lastState", "terminated", "reason"}) ==
        "Error");
  // The pod is Degraded while in back-off; the Deployment is not (yet).
  CHECK(health_of(s.c, k).status != HealthCode::Healthy);
  // Healing the fault: the next restart stays up.
  s.c.set_crash(k, false, at_s(1500));
  s.run(1900);
  CHECK(health_of(s.c, k).status == HealthCode::Healthy);
  CHECK(health_of(s.c, pods[0]).status == HealthCode::Healthy);
}

TEST_CASE("Controllers: a LoadBalancer Service gets an ingress IP after its provisioning delay", "[controllers]") {
  Shop s;
  s.apply(R"(apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: LoadBalancer
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
)",
          0);
  const ObjectKey k{"", "Service", "shop", "web"};
  const model::Node& svc = *s.c.get(k);
  CHECK(svc.get_string({"spec", "clusterIP"})->rfind("10.96.", 0) == 0);
  const auto node_port = svc.get({"spec", "ports"})->items()[0].get({"nodePort"})->as_int().value();
  CHECK(node_port >= 30000);
  CHECK(node_port <= 32767);
  s.run(4.9);
  CHECK(health_of(s.c, k).status == HealthCode::Progressing);
  s.run(15.1);
  CHECK(health_of(s.c, k).status == HealthCode::Healthy);
  CHECK(s.c.get(k)->get({"status", "loadBalancer", "ingress"})->items()[0].get_string({"ip"})->rfind("203.0.113.", 0) ==
        0);
  CHECK_FALSE(s.c.next_wakeup().has_value());
}

TEST_CASE("Controllers: without a load balancer provisioner the Service stays Progressing (checklist 50)",
          "[controllers][checklist-50]") {
  Shop s;
  s.c.set_load_balancer_provisioner(false);
  s.apply("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: LoadBalancer\n"
          "  ports:\n    - port: 80\n",
          0);
  s.run(3600);
  CHECK(health_of(s.c, ObjectKey{"", "Service", "shop", "web"}).status == HealthCode::Progressing);
  CHECK_FALSE(s.c.next_wakeup().has_value());
}

TEST_CASE("Controllers: a Job runs its pod to completion and is Healthy", "[controllers]") {
  Shop s;
  s.apply(R"(apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: shop
spec:
  template:
    metadata:
      annotations:
        gitops-sim/run-for: 20s
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: registry.example/shop/migrate:1.0.0
)",
          0);
  const ObjectKey k{"batch", "Job", "shop", "migrate"};
  s.run(10);
  CHECK(health_of(s.c, k).status == HealthCode::Progressing);
  CHECK(s.c.get(k)->get({"status", "active"})->as_int() == 1);
  s.run(30);
  const HealthStatus h = health_of(s.c, k);
  CHECK(h.status == HealthCode::Healthy);
  CHECK(h.message == "Reached expected number of succeeded pods");
  CHECK(s.c.get(k)->get({"status", "succeeded"})->as_int() == 1);
  CHECK(s.c.get(k)->get_string({"status", "completionTime"}).has_value());
  const auto pods = s.c.list("Pod", "shop");
  REQUIRE(pods.size() == 1);
  CHECK(s.c.get(pods[0])->get_string({"status", "phase"}) == "Succeeded");
  CHECK(s.c.get(pods[0])->get_string({"metadata", "labels", "job-name"}) == "migrate");
  CHECK_FALSE(s.c.next_wakeup().has_value());
}

TEST_CASE("Controllers: a Job whose pods fail past backoffLimit is Failed, Degraded", "[controllers]") {
  Shop s;
  s.apply(R"(apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: shop
spec:
  backoffLimit: 1
  template:
    metadata:
      annotations:
        gitops-sim/exit-code: "3"
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: registry.example/shop/migrate:1.0.0
)",
          0);
  const ObjectKey k{"batch", "Job", "shop", "migrate"};
  s.run(120);
  const HealthStatus h = health_of(s.c, k);
  CHECK(h.status == HealthCode::Degraded);
  CHECK(h.message == "Job has reached the specified backoff limit");
  CHECK(s.c.get(k)->get({"status", "failed"})->as_int() == 2);
  for (const auto& p : s.c.list("Pod", "shop")) {
    const HealthStatus ph = health_of(s.c, p);
    CHECK(ph.status == HealthCode::Degraded);
    CHECK(ph.message == "container \"migrate\" failed with exit code 3");
  }
}

TEST_CASE("Controllers: a Job whose image is missing never completes", "[controllers]") {
  Shop s;
  s.apply("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: seed\n  namespace: shop\nspec:\n  template:\n    spec:\n"
          "      restartPolicy: Never\n      containers:\n        - name: seed\n"
          "          image: registry.example/shop/seed:0.0.1\n",
          0);
  s.run(3600);
  CHECK(health_of(s.c, ObjectKey{"batch", "Job", "shop", "seed"}).status == HealthCode::Progressing);
}

TEST_CASE("Controllers: deleting a Deployment garbage-collects its ReplicaSets and Pods", "[controllers]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.0.0"), 0);
  s.run(20);
  REQUIRE(s.c.list("Pod", "shop").size() == 2);
  REQUIRE(s.c.remove(deploy_key("shop", "web"), at_s(30), "kubectl").ok());
  CHECK(s.c.get(deploy_key("shop", "web")) == nullptr);
  CHECK(s.c.list("ReplicaSet", "shop").size() == 1);  // the collector runs in a later step
  s.c.run_until(at_s(30), s.events);
  CHECK(s.c.list("ReplicaSet", "shop").empty());
  for (const auto& p : s.c.list("Pod", "shop")) {
    CHECK(s.c.get(p)->get({"metadata", "deletionTimestamp"}));
    CHECK(health_of(s.c, p).message == "Pending deletion");
  }
  s.run(40);
  CHECK(s.c.list("Pod", "shop").empty());
  bool gc_event = false;
  for (const auto& e : s.events) gc_event = gc_event || (e.by == "garbage-collector" && e.key.kind == "ReplicaSet");
  CHECK(gc_event);
  CHECK_FALSE(s.c.next_wakeup().has_value());
  auto again = s.c.remove(deploy_key("shop", "web"), at_s(41), "kubectl");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message == "Error from server (NotFound): deployments.apps \"web\" not found");
}

TEST_CASE("Controllers: deleting a namespace terminates its contents first", "[controllers]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 1, "registry.example/shop/web:1.0.0"), 0);
  s.run(20);
  REQUIRE(s.c.remove(ObjectKey{"", "Namespace", "", "shop"}, at_s(30), "kubectl").ok());
  CHECK(s.c.get(ObjectKey{"", "Namespace", "", "shop"})->get_string({"status", "phase"}) == "Terminating");
  auto blocked = s.c.apply(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: shop\n"), at_s(30),
                           "kubectl");
  REQUIRE_FALSE(blocked.ok());
  CHECK(blocked.error().message.find("because it is being terminated") != std::string::npos);
  s.run(60);
  CHECK(s.c.get(ObjectKey{"", "Namespace", "", "shop"}) == nullptr);
  for (const auto& k : s.c.keys()) CHECK(k.ns != "shop");
}

TEST_CASE("Controllers: a paused Deployment is Suspended and does not roll out", "[controllers]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.0.0"), 0);
  s.run(20);
  const ObjectKey k = deploy_key("shop", "web");
  REQUIRE(s.c.patch_merge(k, yaml("spec:\n  paused: true\n"), at_s(21), "kubectl").ok());
  REQUIRE(s.c.set_image("deploy", "shop", "web", "web", "registry.example/shop/web:1.1.0", at_s(22), "kubectl").ok());
  s.run(60);
  CHECK(health_of(s.c, k).status == HealthCode::Suspended);
  CHECK(s.c.list("ReplicaSet", "shop").size() == 1);
  REQUIRE(s.c.patch_merge(k, yaml("spec:\n  paused: null\n"), at_s(61), "kubectl").ok());
  s.run(120);
  CHECK(health_of(s.c, k).status == HealthCode::Healthy);
  CHECK(s.c.list("ReplicaSet", "shop").size() == 2);
}

TEST_CASE("Controllers: minReadySeconds delays availability", "[controllers]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 1, "registry.example/shop/web:1.0.0", "  minReadySeconds: 30\n"), 0);
  s.run(10);
  const ObjectKey k = deploy_key("shop", "web");
  CHECK(status_int(s.c, k, "readyReplicas") == 1);
  CHECK(status_int(s.c, k, "availableReplicas") == 0);
  CHECK(health_of(s.c, k).status == HealthCode::Progressing);
  s.run(40);
  CHECK(status_int(s.c, k, "availableReplicas") == 1);
  CHECK(health_of(s.c, k).status == HealthCode::Healthy);
}

namespace {

std::vector<std::string> manifests() {
  return {
      deployment_yaml("web", "shop", 3, "registry.example/shop/web:1.0.0"),
      deployment_yaml("api", "shop", 2, "registry.example/shop/web:1.1.0"),
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: LoadBalancer\n"
      "  selector:\n    app: web\n  ports:\n    - port: 80\n",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  a: \"1\"\n",
      "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: shop\nspec:\n  template:\n    spec:\n"
      "      restartPolicy: Never\n      containers:\n        - name: m\n          image: registry.example/shop/migrate:1.0.0\n",
  };
}

std::string dump(const Cluster& c, bool strip_ids) {
  std::string out;
  for (const auto& k : c.keys()) {
    model::Node o = *c.get(k);
    if (strip_ids) {
      // uids and resourceVersions count creations, so they depend on the order of applies.
      o["metadata"].erase("uid");
      o["metadata"].erase("resourceVersion");
      if (model::Node* refs = o["metadata"].find("ownerReferences")) {
        for (auto& r : refs->items()) r.erase("uid");
      }
      for (const char* lbl : {"batch.kubernetes.io/controller-uid", "controller-uid"}) {
        if (model::Node* l = o["metadata"].find("labels")) l->erase(lbl);
        if (o.get({"spec", "template", "metadata", "labels"})) o["spec"]["template"]["metadata"]["labels"].erase(lbl);
        if (o.get({"spec", "selector", "matchLabels"})) o["spec"]["selector"]["matchLabels"].erase(lbl);
      }
      if (k.kind == "Pod" && o.get({"status", "containerStatuses"})) {
        for (auto& cs : o["status"]["containerStatuses"].items()) {
          if (cs.get({"state", "waiting", "message"})) cs["state"]["waiting"].erase("message");
        }
      }
    }
    out += k.str() + "\n" + model::to_yaml(o);
  }
  return out;
}

std::string run_world(std::uint64_t seed, const std::vector<std::size_t>& order,
                      std::vector<ClusterEvent>* events = nullptr) {
  Shop s(seed);
  const auto ms = manifests();
  for (std::size_t i : order) s.apply(ms[i], 1);
  s.run(20);
  REQUIRE(s.c.set_image("deploy", "shop", "web", "web", "registry.example/shop/web:1.1.0", at_s(25), "kubectl").ok());
  s.c.set_crash(deploy_key("shop", "api"), true, at_s(25));
  s.run(300);
  if (events) *events = s.events;
  return dump(s.c, events == nullptr);
}

}  // namespace

TEST_CASE("Controllers: same seed gives the identical event sequence and object dumps", "[controllers][determinism]") {
  std::vector<ClusterEvent> e1, e2, e3;
  const std::string a = run_world(42, {0, 1, 2, 3, 4}, &e1);
  const std::string b = run_world(42, {0, 1, 2, 3, 4}, &e2);
  CHECK(e1.size() > 100);
  CHECK(e1 == e2);
  CHECK(a == b);
  const std::string other = run_world(43, {0, 1, 2, 3, 4}, &e3);
  CHECK(other != a);  // another seed: other pod names, latencies, addresses
}

TEST_CASE("Controllers: applying the same objects in another order gives the same state modulo uid and "
          "resourceVersion",
          "[controllers][determinism]") {
  // Random draws come from per-object streams (pod names per ReplicaSet, latencies per pod),
  // so the order of applies at one instant does not move them.
  const std::string base = run_world(42, {0, 1, 2, 3, 4});
  std::vector<std::size_t> order{0, 1, 2, 3, 4};
  std::mt19937 shuffle_rng(5);  // fixed: the test itself must be deterministic
  for (int i = 0; i < 3; ++i) {
    std::shuffle(order.begin(), order.end(), shuffle_rng);
    CAPTURE(order);
    CHECK(run_world(42, order) == base);
  }
}

TEST_CASE("Controllers: a StatefulSet creates ordered pods and rolls updates from the highest ordinal",
          "[controllers]") {
  Shop s;
  s.reg.add("registry.example/shop/db", "15");
  s.reg.add("registry.example/shop/db", "16");
  const std::string sts = R"(apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  replicas: 3
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: registry.example/shop/db:15
)";
  s.apply(sts, 0);
  const ObjectKey k{"apps", "StatefulSet", "shop", "db"};
  s.c.run_until(at_s(0), s.events);
  REQUIRE(s.c.list("Pod", "shop").size() == 1);  // db-1 waits for db-0 to be Ready
  CHECK(s.c.get(ObjectKey{"", "Pod", "shop", "db-0"}) != nullptr);
  s.run(60);
  HealthStatus h = health_of(s.c, k);
  CHECK(h.status == HealthCode::Healthy);
  CHECK(h.message == "partitioned roll out complete: 3 new pods have been updated...");
  std::string text = sts;
  text.replace(text.find("db:15"), 5, "db:16");
  s.apply(text, 61);
  s.run(62);
  CHECK(health_of(s.c, k).status == HealthCode::Progressing);
  s.run(200);
  CHECK(health_of(s.c, k).status == HealthCode::Healthy);
  for (int i = 0; i < 3; ++i) {
    const model::Node* pod = s.c.get(ObjectKey{"", "Pod", "shop", "db-" + std::to_string(i)});
    REQUIRE(pod != nullptr);
    CHECK(pod->get({"spec", "containers"})->items()[0].get_string({"image"}) == "registry.example/shop/db:16");
  }
  CHECK(s.c.get(k)->get_string({"status", "currentRevision"}) == s.c.get(k)->get_string({"status", "updateRevision"}));
}

TEST_CASE("Controllers: a DaemonSet runs one pod on the node and is Healthy", "[controllers]") {
  Shop s;
  s.reg.add("registry.example/ops/agent", "2.1");
  s.apply(R"(apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: shop
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
        - name: agent
          image: registry.example/ops/agent:2.1
)",
          0);
  const ObjectKey k{"apps", "DaemonSet", "shop", "agent"};
  s.c.run_until(at_s(0), s.events);
  CHECK(health_of(s.c, k).status == HealthCode::Progressing);
  s.run(30);
  CHECK(health_of(s.c, k).status == HealthCode::Healthy);
  CHECK(s.c.list("Pod", "shop").size() == 1);
  CHECK_FALSE(s.c.next_wakeup().has_value());
}

TEST_CASE("Events: a missing image gives the kubelet's Pulling, Failed and BackOff events, counted as they repeat",
          "[controllers][events]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 1, "registry.example/shop/web:9.9.9"), 0);
  s.run(200);
  const auto pods = pods_of(s.c, "shop");
  REQUIRE(pods.size() == 1);
  const auto events = s.c.events_for(pods[0]);
  auto find = [&](const std::string& reason, const std::string& message) -> const KubeEvent* {
    for (const auto& e : events) {
      if (e.reason == reason && e.message == message) return &e;
    }
    return nullptr;
  };
  const auto* scheduled = find("Scheduled", "Successfully assigned shop/" + pods[0].name + " to dev-worker");
  REQUIRE(scheduled);
  CHECK(scheduled->source == "default-scheduler");
  const auto* pulling = find("Pulling", "Pulling image \"registry.example/shop/web:9.9.9\"");
  REQUIRE(pulling);
  CHECK(pulling->count >= 4);  // retries at 10, 20, 40, 80 s
  CHECK(pulling->first < pulling->last);
  const auto* failed = find("Failed", "Error: ErrImagePull");
  REQUIRE(failed);
  CHECK(failed->type == "Warning");
  CHECK(find("BackOff", "Back-off pulling image \"registry.example/shop/web:9.9.9\"") != nullptr);
  CHECK(find("Failed", "Error: ImagePullBackOff") != nullptr);
  CHECK(find("Started", "Started container web") == nullptr);
  // kubectl describe lists them under Events: with "(xN over ...)".
  const std::string d = kubectl_describe(*s.c.get(pods[0]), {}, s.c.epoch_s_at(at_s(200)), events,
                                         s.c.epoch_s_at(TimePoint{0}));
  CHECK(d.find("Events:\n  Type     Reason     Age") != std::string::npos);
  CHECK(d.find("kubelet            Error: ErrImagePull") != std::string::npos);
  CHECK(d.find(" (x") != std::string::npos);
}

TEST_CASE("Events: a rolling update scales the ReplicaSets as kubectl describe deployment shows it",
          "[controllers][events]") {
  Shop s;
  s.apply(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.0.0"), 0);
  s.run(60);
  s.apply(deployment_yaml("web", "shop", 2, "registry.example/shop/web:1.1.0"), 60);
  s.run(180);
  std::vector<std::string> messages;
  for (const auto& e : s.c.events_for(deploy_key("shop", "web"))) {
    CHECK(e.reason == "ScalingReplicaSet");
    CHECK(e.source == "deployment-controller");
    messages.push_back(e.message.substr(0, e.message.find(" replica set ")) + " " +
                       e.message.substr(e.message.rfind(" to ") + 4));
  }
  CHECK(messages == std::vector<std::string>{"Scaled up 2", "Scaled up 1", "Scaled down 1 from 2", "Scaled up 2 from 1",
                                             "Scaled down 0 from 1"});
  const std::string table = kubectl_get_events(s.c.kube_events(), s.c.epoch_s_at(at_s(180)), s.c.epoch_s_at(TimePoint{0}),
                                               GetOptions{false, "shop"});
  CHECK(table.rfind("LAST SEEN   TYPE     REASON", 0) == 0);
  CHECK(table.find("deployment/web") != std::string::npos);
  CHECK(table.find("Created pod: web-") != std::string::npos);
}
