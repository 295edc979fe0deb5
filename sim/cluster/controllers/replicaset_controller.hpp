// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas
// pods, creating at most burstReplicas (500) per sync in slow-start batches
// of 1, 2, 4, ... that stop at the first refused creation (FailedCreate
// event, ReplicaFailure condition, retry with the queue's back-off), and
// deleting the least useful pods first (controller.ActivePods ordering).
//
// It keeps its own index of the pods each ReplicaSet controls, fed by the
// watch (observe_pod), so a sync costs the same with 2 pods or 2000.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/controllers/kubelet.hpp"
#include "sim/cluster/controllers/scheduler.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class ReplicaSetController {
 public:
  static constexpr std::int64_t kBurstReplicas = 500;  // kube-controller-manager's BurstReplicas

  ReplicaSetController(Store store, Scheduler& scheduler, const Kubelet& kubelet, Rng rng)
      : store_(store), scheduler_(&scheduler), kubelet_(&kubelet), names_(rng) {}
  void reconcile(const ObjectKey& key, TimePoint now);
  // Watch: a pod was added or changed (`pod` as stored) or deleted (null).
  void observe_pod(const ObjectKey& key, const model::Node* pod);

 private:
  // A controller's pods: its uid and the pods' namespace.
  using OwnerRef = std::pair<std::string, std::string>;
  struct OwnedPods {
    std::set<ObjectKey> active;  // neither terminating nor finished
    std::set<ObjectKey> ready;   // active and Ready
  };
  struct Run;  // one sync's working state (replicaset_controller.cpp)
  std::optional<std::string> create_pods(Run& run, std::int64_t count);
  void delete_pods(Run& run, std::int64_t count);
  std::vector<ObjectKey> deletion_order(const std::set<ObjectKey>& active) const;
  void write_status(Run& run, const std::optional<std::string>& error);

  Store store_;
  Scheduler* scheduler_;
  const Kubelet* kubelet_;  // when pods became ready (minReadySeconds, scale-down order)
  RngStreams names_;        // "pod-names/<replicaset>"
  RetryBackoff retry_;
  std::map<OwnerRef, OwnedPods> owned_;
  std::map<ObjectKey, std::vector<OwnerRef>> filed_;  // pod -> where observe_pod filed it
};

}  // namespace gs::cluster::detail
