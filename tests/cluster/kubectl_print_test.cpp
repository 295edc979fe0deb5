#include "helpers.hpp"
#include "sim/cluster/kubectl_print.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

TEST_CASE("kubectl print: HumanDuration like kubectl's AGE column", "[kubectl]") {
  CHECK(human_duration(-5) == "<invalid>");
  CHECK(human_duration(-1) == "0s");
  CHECK(human_duration(45) == "45s");
  CHECK(human_duration(119) == "119s");
  CHECK(human_duration(192) == "3m12s");
  CHECK(human_duration(300) == "5m");
  CHECK(human_duration(600) == "10m");
  CHECK(human_duration(3 * 3600 + 5 * 60) == "3h5m");
  CHECK(human_duration(10 * 3600) == "10h");
  CHECK(human_duration(2 * 86400 + 3 * 3600) == "2d3h");
  CHECK(human_duration(10 * 86400) == "10d");
  CHECK(human_duration(800 * 86400) == "2y70d");
}

TEST_CASE("kubectl print: tabwriter pads columns by 3 with a minimum width of 6", "[kubectl]") {
  CHECK(tabwrite({"NAME\tDATA\tAGE", "web-config\t1\t5m"}, 6, 3) ==
        "NAME         DATA   AGE\n"
        "web-config   1      5m\n");
}

namespace {

// The shop's web Deployment of 3, a ConfigMap and a LoadBalancer Service, 3m12s on.
struct Live : ShopFixture {
  Live() {
    deploy_web(3);
    apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: shop\n"
          "data:\n  a: \"1\"\n  b: \"2\"\n");
    apply("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n"
          "  type: LoadBalancer\n  ports:\n    - port: 80\n      targetPort: 8080\n");
    run(192);
  }
  std::vector<const model::Node*> objs(std::string_view kind) {
    std::vector<const model::Node*> out;
    for (const auto& k : c.list(kind, "shop")) out.push_back(c.get(k));
    return out;
  }
};

}  // namespace

TEST_CASE("kubectl print: get deployments, replicasets, configmaps, namespaces", "[kubectl]") {
  Live l;
  const std::int64_t now = l.c.epoch_s_at(at_s(192));
  CHECK(kubectl_get("deployments", l.objs("Deployment"), now) ==
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "web    3/3     3            3           3m12s\n");
  const std::string rs = l.c.list("ReplicaSet", "shop")[0].name;
  CHECK(kubectl_get("rs", l.objs("ReplicaSet"), now) ==
        "NAME             DESIRED   CURRENT   READY   AGE\n" + rs + "   3         3         3       3m12s\n");
  CHECK(kubectl_get("cm", l.objs("ConfigMap"), now) ==
        "NAME         DATA   AGE\n"
        "web-config   2      3m12s\n");
  std::vector<const model::Node*> nss;
  for (const auto& k : l.c.list("Namespace", std::nullopt)) nss.push_back(l.c.get(k));
  CHECK(kubectl_get("ns", nss, now) ==
        "NAME              STATUS   AGE\n"
        "default           Active   3m12s\n"
        "kube-node-lease   Active   3m12s\n"
        "kube-public       Active   3m12s\n"
        "kube-system       Active   3m12s\n"
        "shop              Active   3m12s\n");
  CHECK(kubectl_get("pods", {}, now, GetOptions{false, "shop"}) == "No resources found in shop namespace.\n");
}

TEST_CASE("kubectl print: get pods and services", "[kubectl]") {
  Live l;
  const std::int64_t now = l.c.epoch_s_at(at_s(192));
  const std::string pods = kubectl_get("po", l.objs("Pod"), now);
  const std::size_t name_width = l.c.list("Pod", "shop")[0].name.size() + 3;  // web-<hash>-<5>: 20 chars
  CHECK(pods.rfind("NAME" + std::string(name_width - 4, ' ') + "READY   STATUS    RESTARTS   AGE\n", 0) == 0);
  CHECK(pods.find("1/1     Running   0          3m12s\n") != std::string::npos);
  const model::Node& svc = *l.objs("Service")[0];
  const std::string ip = svc.get_string({"spec", "clusterIP"}).value();
  const std::string lb = svc.get({"status", "loadBalancer", "ingress"})->items()[0].get_string({"ip"}).value();
  const std::string port = std::to_string(svc.get({"spec", "ports"})->items()[0].get({"nodePort"})->as_int().value());
  const std::string table = kubectl_get("svc", l.objs("Service"), now);
  CHECK(table.find("NAME   TYPE           CLUSTER-IP") == 0);
  CHECK(table.find("web    LoadBalancer   " + ip) != std::string::npos);
  CHECK(table.find(lb) != std::string::npos);
  CHECK(table.find("80:" + port + "/TCP") != std::string::npos);
}

TEST_CASE("kubectl print: crash-looping pod shows restarts with their age", "[kubectl]") {
  Live l;
  l.c.set_crash(l.web, true, at_s(200));
  l.run(260);
  const std::string table = kubectl_get("pods", l.objs("Pod"), l.c.epoch_s_at(at_s(260)));
  CHECK(table.find("CrashLoopBackOff") != std::string::npos);
  CHECK(table.find("s ago)") != std::string::npos);
}

TEST_CASE("kubectl print: get jobs with STATUS, COMPLETIONS and DURATION (Kubernetes 1.32)", "[kubectl]") {
  const model::Node job = yaml(R"(apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: shop
  creationTimestamp: "2026-01-05T09:00:00Z"
spec:
  completions: 1
status:
  startTime: "2026-01-05T09:00:00Z"
  completionTime: "2026-01-05T09:00:23Z"
  succeeded: 1
  conditions:
    - type: Complete
      status: "True"
)");
  CHECK(kubectl_get("jobs", {&job}, kEpoch + 600) ==
        "NAME      STATUS     COMPLETIONS   DURATION   AGE\n"
        "migrate   Complete   1/1           23s        10m\n");
}

TEST_CASE("kubectl print: describe deployment and pod", "[kubectl]") {
  Live l;
  const std::int64_t now = l.c.epoch_s_at(at_s(192));
  const model::Node& d = *l.c.get(l.web);
  const std::string out = kubectl_describe(d, l.objs("ReplicaSet"), now);
  CHECK(out.rfind("Name:                   web\nNamespace:              shop\n"
                  "CreationTimestamp:      Mon, 05 Jan 2026 09:00:00 +0000\n",
                  0) == 0);
  CHECK(out.find("Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n") !=
        std::string::npos);
  CHECK(out.find("RollingUpdateStrategy:  25% max unavailable, 25% max surge\n") != std::string::npos);
  CHECK(out.find("  Available      True    MinimumReplicasAvailable\n") != std::string::npos);
  CHECK(out.find("  Progressing    True    NewReplicaSetAvailable\n") != std::string::npos);
  // kubectl's tabwriter aligns these with the Conditions table above them.
  CHECK(out.find("OldReplicaSets:  <none>\nNewReplicaSet:   " + l.c.list("ReplicaSet", "shop")[0].name +
                 " (3/3 replicas created)\nEvents:          <none>\n") != std::string::npos);
  const std::string pod = kubectl_describe(*l.objs("Pod")[0], {}, now);
  CHECK(pod.find("Status:           Running\n") != std::string::npos);
  CHECK(pod.find("Controlled By:  ReplicaSet/") != std::string::npos);
  CHECK(pod.find("    State:          Running\n") != std::string::npos);
  CHECK(pod.find("  Type                        Status\n  PodReadyToStartContainers   True \n") != std::string::npos);
  CHECK(pod.find("  Ready                       True \n") != std::string::npos);
}
