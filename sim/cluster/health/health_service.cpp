// gitops-engine pkg/health/health_service.go.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus service_health(const model::Node& svc) {
  if (get_str(svc, {"spec", "type"}) == "LoadBalancer") {
    const model::Node* ingress = svc.get({"status", "loadBalancer", "ingress"});
    if (ingress && ingress->is_list() && ingress->size() > 0) return {HealthCode::Healthy, ""};
    return {HealthCode::Progressing, ""};
  }
  return {HealthCode::Healthy, ""};
}

}  // namespace gs::cluster
