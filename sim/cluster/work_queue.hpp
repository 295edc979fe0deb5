// The controllers' work queue, owned by the Cluster facade: tasks ordered by
// (virtual time, sequence), so equal times run first-in first-out, with at
// most one pending entry per task identity (the earliest). Every controller
// run asks for its own next wakeup, so a superseded later entry is simply
// dropped; this is what lets the queue run empty when nothing is left to do.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"

namespace gs::cluster::detail {

// Who runs a task. The order is only an identity: run order is (time, seq).
enum class Ctl {
  Deployment,
  ReplicaSet,
  Kubelet,
  Job,
  Service,
  Ingress,
  Pvc,
  Namespace,
  GarbageCollector,
  StatefulSet,
  DaemonSet,
  Scheduler
};

struct Task {
  Ctl ctl;
  ObjectKey key;
  std::string uid;  // the object's uid, for the Kubelet and the GarbageCollector
};

class WorkQueue {
 public:
  // A task already pending at or before `at` covers this request.
  void enqueue(Ctl ctl, const ObjectKey& key, TimePoint at, std::string uid = "");
  std::optional<TimePoint> next_time() const;
  // The first task due at or before `now`, taken off the queue, with its time.
  std::optional<std::pair<TimePoint, Task>> pop_due(TimePoint now);

 private:
  using TaskId = std::tuple<int, ObjectKey, std::string>;
  using Slot = std::pair<TimePoint, std::uint64_t>;
  std::map<Slot, Task> queue_;
  std::map<TaskId, Slot> pending_;
  std::uint64_t seq_ = 0;
};

}  // namespace gs::cluster::detail
