// gitops-engine pkg/health/health_job.go. As there, a Complete or Suspended
// condition counts whatever its status, and Suspended reports the (empty)
// failure message.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus job_health(const model::Node& job) {
  bool failed = false, complete = false, suspended = false;
  std::string fail_msg, message;
  if (const model::Node* conds = job.get({"status", "conditions"}); conds && conds->is_list()) {
    for (const auto& c : conds->items()) {
      const std::string type = get_str(c, {"type"});
      if (type == "Failed") {
        failed = true;
        complete = true;
        fail_msg = get_str(c, {"message"});
      } else if (type == "Complete") {
        complete = true;
        message = get_str(c, {"message"});
      } else if (type == "Suspended") {
        complete = true;
        message = get_str(c, {"message"});
        if (get_str(c, {"status"}) == "True") suspended = true;
      }
    }
  }
  if (!complete) return {HealthCode::Progressing, message};
  if (failed) return {HealthCode::Degraded, fail_msg};
  if (suspended) return {HealthCode::Suspended, fail_msg};
  return {HealthCode::Healthy, message};
}

}  // namespace gs::cluster
