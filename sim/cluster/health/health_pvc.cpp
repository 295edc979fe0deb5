// gitops-engine pkg/health/health_pvc.go.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus pvc_health(const model::Node& pvc) {
  const std::string phase = get_str(pvc, {"status", "phase"});
  if (phase == "Lost") return {HealthCode::Degraded, ""};
  if (phase == "Pending") return {HealthCode::Progressing, ""};
  if (phase == "Bound") return {HealthCode::Healthy, ""};
  return {HealthCode::Unknown, ""};
}

}  // namespace gs::cluster
