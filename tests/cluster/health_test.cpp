#include "helpers.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::test;

namespace {

struct Case {
  const char* fixture;
  const char* status;  // "none" when Argo CD has no health for it
  const char* message;
};

}  // namespace

TEST_CASE("Health: every kind and state assessed as Argo CD does (checklist 48, 49, 50, 51, 53)", "[health]") {
  const Case c = GENERATE(values<Case>({
      {"deployment-healthy", "Healthy", ""},
      {"deployment-progressing", "Progressing",
       "Waiting for rollout to finish: 1 out of 3 new replicas have been updated..."},
      {"deployment-old-replicas", "Progressing",
       "Waiting for rollout to finish: 1 old replicas are pending termination..."},
      {"deployment-unavailable", "Progressing", "Waiting for rollout to finish: 2 of 3 updated replicas are available..."},
      {"deployment-degraded", "Degraded", "Deployment \"web\" exceeded its progress deadline"},
      {"deployment-suspended", "Suspended", "Deployment is paused"},
      {"deployment-old-generation", "Progressing",
       "Waiting for rollout to finish: observed deployment generation less than desired generation"},
      {"deployment-pending-deletion", "Progressing", "Pending deletion"},
      {"deployment-ignore-healthcheck", "none", ""},
      {"replicaset-healthy", "Healthy", ""},
      {"replicaset-progressing", "Progressing", "Waiting for rollout to finish: 1 out of 3 new replicas are available..."},
      {"replicaset-old-generation", "Progressing",
       "Waiting for rollout to finish: observed replica set generation less than desired generation"},
      {"replicaset-degraded", "Degraded",
       "pods \"web-5d8f9c7b6d-x7k2p\" is forbidden: exceeded quota: compute-resources"},
      {"pod-running-ready", "Healthy", ""},
      {"pod-running-not-ready", "Progressing", ""},
      {"pod-running-restarted", "Degraded", ""},
      {"pod-pending", "Progressing", ""},
      {"pod-crashloop", "Degraded",
       "back-off 40s restarting failed container=web pod=web-5d8f9c7b6d-x7k2p_shop(0c5e1f2a-1b2c-4d3e-8f40-5a6b7c8d9e0f)"},
      {"pod-imagepullbackoff", "Degraded", "Back-off pulling image \"registry.example/shop/web:9.9.9\""},
      {"pod-errimagepull", "Degraded",
       "rpc error: code = NotFound desc = failed to pull and unpack image \"registry.example/shop/web:9.9.9\": not found"},
      {"pod-hook-imagepullbackoff", "Progressing", ""},
      {"pod-succeeded", "Healthy", ""},
      {"pod-failed", "Degraded", "container \"web\" failed with exit code 2"},
      {"pod-failed-oomkilled", "Degraded", "OOMKilled"},
      {"pod-failed-message", "Degraded", "Pod was rejected: Node didn't have enough resource: memory"},
      {"pod-job-running", "Progressing", ""},
      {"service-clusterip", "Healthy", ""},
      {"service-lb-pending", "Progressing", ""},
      {"service-lb-ready", "Healthy", ""},
      {"ingress-pending", "Progressing", ""},
      {"ingress-ready", "Healthy", ""},
      {"job-running", "Progressing", ""},
      {"job-complete", "Healthy", "Reached expected number of succeeded pods"},
      {"job-failed", "Degraded", "Job has reached the specified backoff limit"},
      {"job-suspended", "Suspended", ""},
      {"pvc-bound", "Healthy", ""},
      {"pvc-pending", "Progressing", ""},
      {"pvc-lost", "Degraded", ""},
      {"pvc-unknown", "Unknown", ""},
      {"statefulset-healthy", "Healthy", "partitioned roll out complete: 3 new pods have been updated..."},
      {"statefulset-progressing", "Progressing", "Waiting for 2 pods to be ready..."},
      {"statefulset-not-observed", "Progressing", "Waiting for statefulset spec update to be observed..."},
      {"statefulset-partitioned", "Progressing",
       "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated..."},
      {"statefulset-rolling", "Progressing",
       "waiting for statefulset rolling update to complete 1 pods at revision db-7d9b5c6f8..."},
      {"statefulset-ondelete", "Healthy", "statefulset has 3 ready pods"},
      {"daemonset-healthy", "Healthy", ""},
      {"daemonset-progressing", "Progressing",
       "Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated..."},
      {"daemonset-unavailable", "Progressing",
       "Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are available..."},
      {"daemonset-not-observed", "Progressing",
       "Waiting for rollout to finish: observed daemon set generation less than desired generation"},
      {"hpa-healthy", "Healthy", "recommended size matches current size"},
      {"hpa-degraded", "Degraded",
       "the HPA was unable to compute the replica count: failed to get cpu utilization"},
      {"hpa-progressing", "Progressing", "Waiting to Autoscale"},
      {"cronjob-suspended", "Healthy", "CronJob is Suspended"},
      {"configmap", "none", ""},
      {"namespace", "none", ""},
  }));
  CAPTURE(c.fixture);
  const model::Node obj = yaml(read_data(std::string("health/") + c.fixture + ".yaml"));
  const auto h = assess_health(obj);
  if (std::string(c.status) == "none") {
    CHECK_FALSE(h.has_value());
    return;
  }
  REQUIRE(h.has_value());
  CHECK(health_name(h->status) == c.status);
  CHECK(h->message == c.message);
}

TEST_CASE("Health: worst_of follows Argo CD's order (checklist 47)", "[health]") {
  using H = HealthCode;
  const H order[] = {H::Healthy, H::Suspended, H::Progressing, H::Missing, H::Degraded, H::Unknown};
  for (std::size_t i = 0; i < 6; ++i) {
    for (std::size_t j = 0; j < 6; ++j) CHECK(worst_of(order[i], order[j]) == order[std::max(i, j)]);
  }
  CHECK(health_name(H::Progressing) == "Progressing");
  CHECK(parse_health("Degraded") == H::Degraded);
  CHECK_FALSE(parse_health("degraded").has_value());
}

TEST_CASE("Health: ignore-healthcheck annotation removes a resource from health (checklist 53)", "[health]") {
  model::Node obj = yaml(read_data("health/service-lb-pending.yaml"));
  REQUIRE(assess_health(obj).has_value());
  obj["metadata"]["annotations"]["argocd.argoproj.io/ignore-healthcheck"] = model::Node::string("true");
  CHECK_FALSE(assess_health(obj).has_value());
}
