// gitops-engine pkg/health/health_ingress.go: many ingress controllers never
// fill status.loadBalancer, so such Ingresses stay Progressing.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

HealthStatus ingress_health(const model::Node& ing) {
  const model::Node* ingress = ing.get({"status", "loadBalancer", "ingress"});
  if (ingress && ingress->is_list() && ingress->size() > 0) return {HealthCode::Healthy, ""};
  return {HealthCode::Progressing, ""};
}

}  // namespace gs::cluster
