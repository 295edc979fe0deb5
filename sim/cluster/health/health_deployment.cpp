// gitops-engine pkg/health/health_deployment.go (borrowed from kubectl rollout status).
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus deployment_health(const model::Node& d) {
  if (detail::get_bool(d, {"spec", "paused"})) return {HealthCode::Suspended, "Deployment is paused"};
  if (generation(d) > observed(d))
    return {HealthCode::Progressing,
            "Waiting for rollout to finish: observed deployment generation less than desired generation"};
  const std::string name = get_str(d, {"metadata", "name"});
  const model::Node* progressing = find_condition(d, "Progressing");
  if (progressing && get_str(*progressing, {"reason"}) == "ProgressDeadlineExceeded")
    return {HealthCode::Degraded, "Deployment \"" + name + "\" exceeded its progress deadline"};
  const auto replicas = opt_int(d, {"spec", "replicas"});
  const std::int64_t updated = get_int(d, {"status", "updatedReplicas"});
  const std::int64_t total = get_int(d, {"status", "replicas"});
  const std::int64_t available = get_int(d, {"status", "availableReplicas"});
  if (replicas && updated < *replicas)
    return {HealthCode::Progressing, "Waiting for rollout to finish: " + std::to_string(updated) + " out of " +
                                         std::to_string(*replicas) + " new replicas have been updated..."};
  if (total > updated)
    return {HealthCode::Progressing, "Waiting for rollout to finish: " + std::to_string(total - updated) +
                                         " old replicas are pending termination..."};
  if (available < updated)
    return {HealthCode::Progressing, "Waiting for rollout to finish: " + std::to_string(available) + " of " +
                                         std::to_string(updated) + " updated replicas are available..."};
  return {HealthCode::Healthy, ""};
}

}  // namespace gs::cluster
