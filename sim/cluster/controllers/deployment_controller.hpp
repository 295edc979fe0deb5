// The Deployment controller, after kube-controller-manager's
// pkg/controller/deployment (sync.go, rolling.go, recreate.go, progress.go):
// the same arithmetic (maxSurge / maxUnavailable fenceposts), the same
// ReplicaSet names (template hash), the same conditions, reasons and events.
// Between syncs it keeps only the retry back-off of a refused ReplicaSet.
#pragma once

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class DeploymentController {
 public:
  explicit DeploymentController(Store store) : store_(store) {}
  void reconcile(const ObjectKey& key, TimePoint now);

 private:
  Store store_;
  RetryBackoff retry_;
};

}  // namespace gs::cluster::detail
