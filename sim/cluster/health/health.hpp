// Resource health as Argo CD assesses it (gitops-engine pkg/health): one pure
// function per kind, a dispatcher on group/kind, the generic rules (pending
// deletion, ignore-healthcheck) and Argo CD's severity order for aggregation.
// Messages are worded exactly as Argo CD writes them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/model/node.hpp"

namespace gs::cluster {

// In Argo CD's severity order (health.IsWorse): later is worse.
enum class HealthCode { Healthy, Suspended, Progressing, Missing, Degraded, Unknown };

struct HealthStatus {
  HealthCode status = HealthCode::Healthy;
  std::string message;

  friend bool operator==(const HealthStatus&, const HealthStatus&) = default;
};

// "Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown".
std::string_view health_name(HealthCode code);
std::optional<HealthCode> parse_health(std::string_view name);

// The worse of two codes: Healthy < Suspended < Progressing < Missing < Degraded < Unknown.
HealthCode worst_of(HealthCode a, HealthCode b);

// The health of a live object, or nullopt for kinds without a check
// (ConfigMap, Secret, Namespace, ...) and for objects annotated
// argocd.argoproj.io/ignore-healthcheck: "true".
std::optional<HealthStatus> assess_health(const model::Node& obj);

// Per-kind checks (no generic rules applied).
HealthStatus deployment_health(const model::Node& obj);
HealthStatus replicaset_health(const model::Node& obj);
HealthStatus statefulset_health(const model::Node& obj);
HealthStatus daemonset_health(const model::Node& obj);
HealthStatus pod_health(const model::Node& obj);
HealthStatus service_health(const model::Node& obj);
HealthStatus ingress_health(const model::Node& obj);
HealthStatus pvc_health(const model::Node& obj);
HealthStatus job_health(const model::Node& obj);
HealthStatus hpa_health(const model::Node& obj);
HealthStatus cronjob_health(const model::Node& obj);

}  // namespace gs::cluster
