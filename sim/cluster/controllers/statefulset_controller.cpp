#include "sim/cluster/controllers/statefulset_controller.hpp"

#include <cstdlib>

#include "sim/cluster/controllers/pod_factory.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {
constexpr const char* kByStatefulsetController = "statefulset-controller";
}

struct StatefulSetController::Run {
  ObjectKey key;
  TimePoint now;
  Node sts;
  std::int64_t replicas = 0;
  Node tmpl;
  std::string update_rev;
  std::map<std::int64_t, ObjectKey> by_ordinal;  // live pods, not terminating
  bool terminating = false;
};

// OrderedReady: the first missing ordinal is created once every lower one is
// Ready. True when it acted (or must wait).
bool StatefulSetController::create_next(Run& run) {
  for (std::int64_t i = 0; i < run.replicas; ++i) {
    auto it = run.by_ordinal.find(i);
    if (it != run.by_ordinal.end()) {
      if (!pod_ready(*store_.get(it->second))) return true;  // wait for this one before the next
      continue;
    }
    const std::string name = run.key.name + "-" + std::to_string(i);
    auto pod = create_pod(store_, *scheduler_, names_("pod-names/" + run.key.str()),
                          PodRequest{run.sts, run.key, run.tmpl, kByStatefulsetController,
                                     {{std::string(kRevisionLabel), run.update_rev},
                                      {"statefulset.kubernetes.io/pod-name", name},
                                      {"apps.kubernetes.io/pod-index", std::to_string(i)}},
                                     name},
                          run.now);
    const std::string uid = get_str(run.sts, {"metadata", "uid"});
    if (!pod) {
      store_.record_event(run.key, "Warning", "FailedCreate",
                          "create Pod " + name + " in StatefulSet " + run.key.name + " failed error: " +
                              pod.error().message,
                          kByStatefulsetController, run.now);
      store_.requeue(run.key, retry_.next_try(uid, run.now));
      return true;
    }
    retry_.forget(uid);
    run.by_ordinal[i] = *pod;
    return true;
  }
  return false;
}

// Scale-down first, then (RollingUpdate) the highest out-of-date ordinal at
// or above the partition: one pod per sync, recreated at the new revision.
void StatefulSetController::scale_down_or_roll(Run& run) {
  for (auto it = run.by_ordinal.rbegin(); it != run.by_ordinal.rend(); ++it) {
    if (it->first >= run.replicas) {
      store_.request_deletion(it->second, run.now, kByStatefulsetController);
      return;
    }
  }
  if (get_str(run.sts, {"spec", "updateStrategy", "type"}) == "OnDelete") return;
  const std::int64_t partition = get_int(run.sts, {"spec", "updateStrategy", "rollingUpdate", "partition"});
  for (auto it = run.by_ordinal.rbegin(); it != run.by_ordinal.rend(); ++it) {
    if (it->first >= partition && it->first < run.replicas &&
        pod_revision(*store_.get(it->second)) != run.update_rev) {
      store_.request_deletion(it->second, run.now, kByStatefulsetController);
      return;
    }
  }
}

void StatefulSetController::write_status(Run& run) {
  std::int64_t count = 0, ready_count = 0, updated = 0, current_count = 0;
  std::string current_rev = get_str(run.sts, {"status", "currentRevision"}, run.update_rev);
  for (const auto& [i, p] : run.by_ordinal) {
    const Node* pod = store_.get(p);
    if (!pod || pod->get({"metadata", "deletionTimestamp"})) continue;
    ++count;
    if (pod_ready(*pod)) ++ready_count;
    if (pod_revision(*pod) == run.update_rev) ++updated;
    if (pod_revision(*pod) == current_rev) ++current_count;
  }
  if (updated == run.replicas && ready_count == run.replicas) {
    current_rev = run.update_rev;
    current_count = updated;
  }
  Node status = Node::map();
  status.set("observedGeneration", Node::integer(get_int(run.sts, {"metadata", "generation"}, 1)));
  status.set("replicas", Node::integer(count));
  if (ready_count) status.set("readyReplicas", Node::integer(ready_count));
  if (current_count) status.set("currentReplicas", Node::integer(current_count));
  if (updated) status.set("updatedReplicas", Node::integer(updated));
  status.set("currentRevision", Node::string(current_rev));
  status.set("updateRevision", Node::string(run.update_rev));
  status.set("collisionCount", Node::integer(0));
  if (ready_count) status.set("availableReplicas", Node::integer(ready_count));
  Node updated_obj = run.sts;
  updated_obj.set("status", std::move(status));
  store_.update(run.key, std::move(updated_obj), run.now, kByStatefulsetController);
}

void StatefulSetController::reconcile(const ObjectKey& key, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  Run run{key, now, *current};
  run.replicas = replicas_of(run.sts);
  run.tmpl = run.sts.get({"spec", "template"}) ? *run.sts.get({"spec", "template"}) : Node::map();
  run.update_rev = key.name + "-" + template_hash(run.tmpl, 0);
  for (const auto& p : store_.owned_by(key, "Pod")) {
    if (store_.get(p)->get({"metadata", "deletionTimestamp"})) {
      run.terminating = true;
      continue;
    }
    const std::string suffix = p.name.substr(key.name.size() + 1);
    run.by_ordinal[std::atoll(suffix.c_str())] = p;
  }
  // One change at a time, as OrderedReady does; none while a pod terminates.
  if (!run.terminating && !create_next(run)) scale_down_or_roll(run);
  write_status(run);
}

}  // namespace gs::cluster::detail
