// gitops-engine pkg/health/health_replicaset.go.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus replicaset_health(const model::Node& rs) {
  if (generation(rs) > observed(rs))
    return {HealthCode::Progressing,
            "Waiting for rollout to finish: observed replica set generation less than desired generation"};
  const model::Node* failure = find_condition(rs, "ReplicaFailure");
  if (failure && get_str(*failure, {"status"}) == "True")
    return {HealthCode::Degraded, get_str(*failure, {"message"})};
  const auto replicas = opt_int(rs, {"spec", "replicas"});
  const std::int64_t available = get_int(rs, {"status", "availableReplicas"});
  if (replicas && available < *replicas)
    return {HealthCode::Progressing, "Waiting for rollout to finish: " + std::to_string(available) + " out of " +
                                         std::to_string(*replicas) + " new replicas are available..."};
  return {HealthCode::Healthy, ""};
}

}  // namespace gs::cluster
