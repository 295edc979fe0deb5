// Dispatcher and generic rules, after gitops-engine pkg/health/health.go and
// Argo CD's controller (ignore-healthcheck annotation).
#include "sim/cluster/health/health.hpp"

#include "sim/cluster/object_key.hpp"

namespace gs::cluster {

std::string_view health_name(HealthCode code) {
  switch (code) {
    case HealthCode::Healthy:
      return "Healthy";
    case HealthCode::Suspended:
      return "Suspended";
    case HealthCode::Progressing:
      return "Progressing";
    case HealthCode::Missing:
      return "Missing";
    case HealthCode::Degraded:
      return "Degraded";
    case HealthCode::Unknown:
      return "Unknown";
  }
  return "Unknown";
}

std::optional<HealthCode> parse_health(std::string_view name) {
  for (auto c : {HealthCode::Healthy, HealthCode::Suspended, HealthCode::Progressing, HealthCode::Missing,
                 HealthCode::Degraded, HealthCode::Unknown}) {
    if (health_name(c) == name) return c;
  }
  return std::nullopt;
}

HealthCode worst_of(HealthCode a, HealthCode b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

std::optional<HealthStatus> assess_health(const model::Node& obj) {
  if (obj.get_string({"metadata", "annotations", "argocd.argoproj.io/ignore-healthcheck"}) ==
      std::optional<std::string>("true"))
    return std::nullopt;
  const std::string group = group_of(obj.get_string({"apiVersion"}).value_or(""));
  const std::string kind = obj.get_string({"kind"}).value_or("");
  using Check = HealthStatus (*)(const model::Node&);
  Check check = nullptr;
  if (group == "apps") {
    if (kind == "Deployment") check = deployment_health;
    if (kind == "ReplicaSet") check = replicaset_health;
    if (kind == "StatefulSet") check = statefulset_health;
    if (kind == "DaemonSet") check = daemonset_health;
  } else if (group == "extensions" || group == "networking.k8s.io") {
    if (kind == "Ingress") check = ingress_health;
  } else if (group.empty()) {
    if (kind == "Service") check = service_health;
    if (kind == "PersistentVolumeClaim") check = pvc_health;
    if (kind == "Pod") check = pod_health;
  } else if (group == "batch") {
    if (kind == "Job") check = job_health;
    if (kind == "CronJob") check = cronjob_health;  // bundled Lua check, Argo CD 3.2+
  } else if (group == "autoscaling") {
    if (kind == "HorizontalPodAutoscaler") check = hpa_health;
  }
  if (!check) return std::nullopt;
  // Generic rule first: an object being deleted is Progressing.
  if (obj.get({"metadata", "deletionTimestamp"})) return HealthStatus{HealthCode::Progressing, "Pending deletion"};
  return check(obj);
}

}  // namespace gs::cluster
