// A basic DaemonSet controller: one pod, replaced when the template changes
// (RollingUpdate) or left until deleted (OnDelete). One pod in all, not one
// per node: the cluster once had a single node, and tests pin that count.
#pragma once

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/controllers/scheduler.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class DaemonSetController {
 public:
  DaemonSetController(Store store, Scheduler& scheduler, Rng rng)
      : store_(store), scheduler_(&scheduler), names_(rng) {}
  void reconcile(const ObjectKey& key, TimePoint now);

 private:
  void write_status(const ObjectKey& key, const model::Node& ds, const model::Node* pod, const std::string& hash,
                    TimePoint now);

  Store store_;
  Scheduler* scheduler_;
  RngStreams names_;  // "pod-names/<daemonset>"
  RetryBackoff retry_;
};

}  // namespace gs::cluster::detail
