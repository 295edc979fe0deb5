// gitops-engine pkg/health/health_statefulset.go.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus statefulset_health(const model::Node& sts) {
  if (observed(sts) == 0 || generation(sts) > observed(sts))
    return {HealthCode::Progressing, "Waiting for statefulset spec update to be observed..."};
  const auto replicas = opt_int(sts, {"spec", "replicas"});
  const std::int64_t ready = get_int(sts, {"status", "readyReplicas"});
  const std::int64_t updated = get_int(sts, {"status", "updatedReplicas"});
  if (replicas && ready < *replicas)
    return {HealthCode::Progressing, "Waiting for " + std::to_string(*replicas - ready) + " pods to be ready..."};
  const std::string type = get_str(sts, {"spec", "updateStrategy", "type"});
  if (type == "RollingUpdate" && sts.get({"spec", "updateStrategy", "rollingUpdate"})) {
    const auto partition = opt_int(sts, {"spec", "updateStrategy", "rollingUpdate", "partition"});
    if (replicas && partition && updated < *replicas - *partition)
      return {HealthCode::Progressing, "Waiting for partitioned roll out to finish: " + std::to_string(updated) +
                                           " out of " + std::to_string(*replicas - *partition) +
                                           " new pods have been updated..."};
    return {HealthCode::Healthy,
            "partitioned roll out complete: " + std::to_string(updated) + " new pods have been updated..."};
  }
  if (type == "OnDelete")
    return {HealthCode::Healthy, "statefulset has " + std::to_string(ready) + " ready pods"};
  const std::string update_rev = get_str(sts, {"status", "updateRevision"});
  const std::string current_rev = get_str(sts, {"status", "currentRevision"});
  if (update_rev != current_rev)
    return {HealthCode::Progressing, "waiting for statefulset rolling update to complete " + std::to_string(updated) +
                                         " pods at revision " + update_rev + "..."};
  return {HealthCode::Healthy, "statefulset rolling update complete " +
                                   std::to_string(get_int(sts, {"status", "currentReplicas"})) +
                                   " pods at revision " + current_rev + "..."};
}

}  // namespace gs::cluster
