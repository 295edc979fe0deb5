// The Job controller (pkg/controller/job): runs pods until `completions`
// succeed, `parallelism` at a time, with the pod failure back-off (10s
// doubling, capped at 6m), backoffLimit and activeDeadlineSeconds, suspend
// and resume; conditions and status fields as Kubernetes 1.32 writes them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/controllers/scheduler.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class JobController {
 public:
  JobController(Store store, Scheduler& scheduler, Rng rng) : store_(store), scheduler_(&scheduler), names_(rng) {}
  void reconcile(const ObjectKey& key, TimePoint now);

 private:
  // What the controller remembers of one job between syncs.
  struct JobSim {
    std::int64_t seen_failed = 0;
    std::optional<TimePoint> last_failure;
  };
  struct Run;  // one sync's working state (job_controller.cpp)
  void count_pods(Run& run) const;
  void sync_active(Run& run);
  std::optional<std::pair<std::string, std::string>> failure(Run& run) const;
  void start_pods(Run& run, std::int64_t want);
  void write_status(Run& run);

  Store store_;
  Scheduler* scheduler_;
  RngStreams names_;  // "pod-names/<job>"
  std::map<std::string, JobSim> jobs_;  // by job uid
  RetryBackoff retry_;
};

}  // namespace gs::cluster::detail
