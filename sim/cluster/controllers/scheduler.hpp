// The scheduler: places pods on the cluster's nodes, at most each node's
// maxPods. A pod created while a node has room is bound at once (the pod
// factory asks pick()); one that fits nowhere stays Pending with
// PodScheduled=False / Unschedulable and a FailedScheduling event, worded as
// kube-scheduler words it, and is bound when a slot frees up (a pod on a
// node is deleted, or nodes are added), oldest first.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/cluster/nodes.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class Scheduler {
 public:
  Scheduler(Store store, const std::vector<NodeInfo>& nodes) : store_(store), nodes_(&nodes) {}

  // The first node (in list order) with a free slot; nullopt when every node
  // is full. Bin-packing, as kube-scheduler's NodeResourcesFit scores with
  // its MostAllocated strategy (the default LeastAllocated spreads instead):
  // where a pod lands must not depend on the order pods were created in, and
  // a small cluster's pods stay on <cluster>-worker, where they ran when the
  // cluster had a single node.
  std::optional<std::string> pick() const;
  // kube-scheduler's message when every node is full:
  // "0/3 nodes are available: 3 Too many pods. preemption: ...".
  std::string unschedulable_message() const;
  // The pod factory created `pod` bound to `node`: count it, say Scheduled.
  void bound(const ObjectKey& pod, const std::string& node, TimePoint now);
  // The pod factory created `pod` unbound: queue it, say FailedScheduling.
  void unschedulable(const ObjectKey& pod, TimePoint now);

  // Watch: a pod is gone; its slot frees up.
  void pod_deleted(const ObjectKey& pod, TimePoint now);
  // The node list changed: queued pods may fit now.
  void nodes_changed(TimePoint now);

  // The scheduler's task: binds queued pods while slots are free.
  void reconcile(TimePoint now);
  // Pods bound by reconcile() since the last call, with their uids, for the
  // kubelets to start.
  std::vector<std::pair<ObjectKey, std::string>> take_bound();

 private:
  void bind(const ObjectKey& pod, const std::string& node, TimePoint now);

  Store store_;
  const std::vector<NodeInfo>* nodes_;
  std::map<std::string, int> pods_on_;       // node name -> pods counted on it
  std::map<ObjectKey, std::string> node_of_;  // pod -> node it was bound to
  std::map<std::uint64_t, ObjectKey> queue_;  // unschedulable pods, oldest first
  std::map<ObjectKey, std::uint64_t> queued_;
  std::uint64_t seq_ = 0;
  std::vector<std::pair<ObjectKey, std::string>> bound_;
};

// A PodScheduled condition as the scheduler writes it.
model::Node pod_scheduled_condition(bool scheduled, const std::string& at, const std::string& message = "");

}  // namespace gs::cluster::detail
