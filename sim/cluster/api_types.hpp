// What the fake API server hands its clients: watch events (ClusterEvent) and
// apply's outcome, as kubectl reports it.
#pragma once

#include <string>
#include <string_view>

#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"

namespace gs::cluster {

struct ClusterEvent {
  enum class Type { Added, Modified, Deleted };
  Type type = Type::Added;
  ObjectKey key;
  // Field manager / actor: "argocd-controller", "kubectl", "deployment-controller",
  // "replicaset-controller", "kubelet", "job-controller", "service-controller",
  // "ingress-controller", "persistentvolume-controller", "namespace-controller",
  // "garbage-collector", "default-scheduler".
  std::string by;
  bool spec_or_metadata_changed = true;  // false for status-only updates
  TimePoint at;
  std::string resource_version;  // after the change (for Deleted: the deletion's)

  friend bool operator==(const ClusterEvent&, const ClusterEvent&) = default;
};

// "ADDED", "MODIFIED", "DELETED", as a Kubernetes watch says.
std::string_view event_type_name(ClusterEvent::Type t);

struct ApplyResult {
  enum class Outcome { Created, Configured, Unchanged };
  Outcome outcome = Outcome::Created;
  ObjectKey key;
  // kubectl's line: "deployment.apps/web created", "service/web unchanged".
  std::string kubectl_line() const;
};

}  // namespace gs::cluster
