// Kubernetes Events as a fake cluster records them, for kubectl's printers.
#pragma once

#include <string>

#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"

namespace gs::cluster {

// A Kubernetes Event (what `kubectl describe` lists and `kubectl get events`
// prints): kept beside the store, not as objects, so it never touches a
// watch or a diff. Repeats of one (object, reason, message) count up.
struct KubeEvent {
  ObjectKey object;
  std::string type;     // Normal | Warning
  std::string reason;   // Scheduled, Pulling, Failed, BackOff, ScalingReplicaSet, ...
  std::string message;
  std::string source;   // kubelet, default-scheduler, replicaset-controller, ...
  TimePoint first;
  TimePoint last;
  int count = 1;
};

}  // namespace gs::cluster
