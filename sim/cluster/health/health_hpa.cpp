// gitops-engine pkg/health/health_hpa.go (autoscaling/v2 conditions; for v1
// the conditions live in the autoscaling.alpha.kubernetes.io/conditions
// annotation, which this reads only when it is already parsed as a list).
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus hpa_health(const model::Node& hpa) {
  static const std::pair<std::string_view, std::string_view> degraded[] = {
      {"AbleToScale", "FailedGetScale"},
      {"AbleToScale", "FailedUpdateScale"},
      {"ScalingActive", "FailedGetResourceMetric"},
      {"ScalingActive", "FailedGetObjectMetric"},
      {"ScalingActive", "FailedGetPodsMetric"},
      {"ScalingActive", "FailedGetExternalMetric"},
      {"ScalingActive", "FailedComputeMetricsReplicas"},
      {"ScalingActive", "InvalidSelector"},
  };
  if (const model::Node* conds = hpa.get({"status", "conditions"}); conds && conds->is_list()) {
    for (const auto& c : conds->items()) {
      const std::string type = get_str(c, {"type"});
      const std::string reason = get_str(c, {"reason"});
      for (const auto& [t, r] : degraded) {
        if (type == t && reason == r) return {HealthCode::Degraded, get_str(c, {"message"})};
      }
      if ((type == "AbleToScale" || type == "ScalingLimited") && get_str(c, {"status"}) == "True")
        return {HealthCode::Healthy, get_str(c, {"message"})};
    }
  }
  return {HealthCode::Progressing, "Waiting to Autoscale"};
}

}  // namespace gs::cluster
