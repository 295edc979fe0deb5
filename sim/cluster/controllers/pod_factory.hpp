// Pods from an owner's template, as the ReplicaSet, Job, StatefulSet and
// DaemonSet controllers create them: generateName (`<owner>-<5 safe
// characters>`) or a fixed name, the template's labels plus the
// controller's, a controller ownerReference, and a node from the scheduler
// when one has room (else Pending, Unschedulable). Records SuccessfulCreate
// on the owner; a refused creation (etcd's quota) records nothing and is
// the caller's to report.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/cluster/controllers/scheduler.hpp"
#include "sim/cluster/store.hpp"
#include "sim/core/rng.hpp"

namespace gs::cluster::detail {

struct PodRequest {
  const model::Node& owner;
  const ObjectKey& owner_key;
  const model::Node& pod_template;
  std::string_view by;  // the controller, for the event and the field manager
  std::vector<std::pair<std::string, std::string>> extra_labels = {};
  std::string fixed_name = {};  // empty: generateName
};

// `names`: the owner's stream for name suffixes ("pod-names/<owner>").
Result<ObjectKey> create_pod(Store& store, Scheduler& scheduler, Rng& names, const PodRequest& req, TimePoint now);

}  // namespace gs::cluster::detail
