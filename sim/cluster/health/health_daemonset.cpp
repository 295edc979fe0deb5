// gitops-engine pkg/health/health_daemonset.go.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus daemonset_health(const model::Node& ds) {
  if (generation(ds) > observed(ds))
    return {HealthCode::Progressing,
            "Waiting for rollout to finish: observed daemon set generation less than desired generation"};
  const std::string name = get_str(ds, {"metadata", "name"});
  const std::int64_t desired = get_int(ds, {"status", "desiredNumberScheduled"});
  const std::int64_t updated = get_int(ds, {"status", "updatedNumberScheduled"});
  const std::int64_t available = get_int(ds, {"status", "numberAvailable"});
  if (get_str(ds, {"spec", "updateStrategy", "type"}) == "OnDelete")
    return {HealthCode::Healthy, "daemon set " + std::to_string(updated) + " out of " + std::to_string(desired) +
                                     " new pods have been updated"};
  if (updated < desired)
    return {HealthCode::Progressing, "Waiting for daemon set \"" + name + "\" rollout to finish: " +
                                         std::to_string(updated) + " out of " + std::to_string(desired) +
                                         " new pods have been updated..."};
  if (available < desired)
    return {HealthCode::Progressing, "Waiting for daemon set \"" + name + "\" rollout to finish: " +
                                         std::to_string(available) + " of " + std::to_string(desired) +
                                         " updated pods are available..."};
  return {HealthCode::Healthy, ""};
}

}  // namespace gs::cluster
