// Argo CD's bundled Lua check resource_customizations/batch/CronJob (3.2+),
// as summarised in the behaviour reference: suspended is deliberately Healthy.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

HealthStatus cronjob_health(const model::Node& cj) {
  if (detail::get_bool(cj, {"spec", "suspend"})) return {HealthCode::Healthy, "CronJob is Suspended"};
  const model::Node* status = cj.find("status");
  if (!status) return {HealthCode::Progressing, ""};
  const std::string last_schedule = get_str(*status, {"lastScheduleTime"});
  const std::string last_success = get_str(*status, {"lastSuccessfulTime"});
  const model::Node* active = status->find("active");
  const bool has_active = active && active->is_list() && active->size() > 0;
  if (last_schedule.empty()) return {HealthCode::Healthy, "CronJob has not been scheduled yet"};
  if (has_active) return {HealthCode::Healthy, "CronJob has active jobs"};
  if (last_success.empty()) return {HealthCode::Healthy, "CronJob has been scheduled but has not succeeded yet"};
  // RFC 3339 UTC strings of one format compare in time order.
  if (last_success < last_schedule)
    return {HealthCode::Degraded, "CronJob has not completed its last execution successfully"};
  return {HealthCode::Healthy, ""};
}

}  // namespace gs::cluster
