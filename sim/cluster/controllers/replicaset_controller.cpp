#include "sim/cluster/controllers/replicaset_controller.hpp"

#include <algorithm>

#include "sim/cluster/controllers/pod_factory.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {
constexpr const char* kByReplicasetController = "replicaset-controller";
}

struct ReplicaSetController::Run {
  ObjectKey key;
  TimePoint now;
  Node rs;
  std::string uid;
  const OwnedPods* pods;  // the index entry; null while the ReplicaSet has none
};

void ReplicaSetController::observe_pod(const ObjectKey& key, const Node* pod) {
  if (auto it = filed_.find(key); it != filed_.end()) {
    for (const auto& ref : it->second) {
      auto o = owned_.find(ref);
      if (o == owned_.end()) continue;
      o->second.active.erase(key);
      o->second.ready.erase(key);
      if (o->second.active.empty()) owned_.erase(o);
    }
    filed_.erase(it);
  }
  if (!pod || !pod_active(*pod)) return;
  const Node* refs = pod->get({"metadata", "ownerReferences"});
  if (!refs || !refs->is_list()) return;
  const bool ready = pod_ready(*pod);
  std::vector<OwnerRef> filed;
  for (const auto& r : refs->items()) {
    if (!get_bool(r, {"controller"})) continue;
    OwnerRef ref{get_str(r, {"uid"}), key.ns};
    if (std::find(filed.begin(), filed.end(), ref) != filed.end()) continue;
    OwnedPods& o = owned_[ref];
    o.active.insert(key);
    if (ready) o.ready.insert(key);
    filed.push_back(std::move(ref));
  }
  if (!filed.empty()) filed_[key] = std::move(filed);
}

// slowStartBatch: batches of 1, 2, 4, ...; a batch with a refused creation
// ends the sync. Returns the first refusal.
std::optional<std::string> ReplicaSetController::create_pods(Run& run, std::int64_t count) {
  const Node tmpl = run.rs.get({"spec", "template"}) ? *run.rs.get({"spec", "template"}) : Node::map();
  Rng& names = names_("pod-names/" + run.key.str());
  std::optional<std::string> error;
  for (std::int64_t done = 0, batch = 1; done < count && !error; batch *= 2) {
    const std::int64_t size = std::min(batch, count - done);
    for (std::int64_t i = 0; i < size; ++i) {
      auto pod = create_pod(store_, *scheduler_, names, PodRequest{run.rs, run.key, tmpl, kByReplicasetController}, run.now);
      if (pod) continue;
      store_.record_event(run.key, "Warning", "FailedCreate", "Error creating: " + pod.error().message, kByReplicasetController, run.now);
      if (!error) error = pod.error().message;
    }
    done += size;
  }
  return error;
}

// controller.ActivePods ordering: not ready, then ready for less time, more
// restarts, newer first (then the name, for a total order).
std::vector<ObjectKey> ReplicaSetController::deletion_order(const std::set<ObjectKey>& active) const {
  struct Rank {
    ObjectKey key;
    bool ready;
    std::int64_t ready_since_ms;
    std::int64_t restarts;
    std::string created;
  };
  std::vector<Rank> ranked;
  for (const auto& p : active) {
    const Node& pod = *store_.get(p);
    auto since = kubelet_->ready_since(get_str(pod, {"metadata", "uid"}));
    std::int64_t restarts = 0;
    if (const Node* cs = pod.get({"status", "containerStatuses"}); cs && cs->is_list()) {
      for (const auto& c : cs->items()) restarts += get_int(c, {"restartCount"});
    }
    ranked.push_back(Rank{p, pod_ready(pod), since ? since->ms : -1, restarts,
                          get_str(pod, {"metadata", "creationTimestamp"})});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Rank& a, const Rank& b) {
    if (a.ready != b.ready) return !a.ready;
    if (a.ready_since_ms != b.ready_since_ms) return a.ready_since_ms > b.ready_since_ms;
    if (a.restarts != b.restarts) return a.restarts > b.restarts;
    if (a.created != b.created) return a.created > b.created;
    return a.key.name > b.key.name;
  });
  std::vector<ObjectKey> out;
  for (auto& r : ranked) out.push_back(std::move(r.key));
  return out;
}

void ReplicaSetController::delete_pods(Run& run, std::int64_t count) {
  const std::vector<ObjectKey> ranked = deletion_order(run.pods->active);
  for (std::int64_t i = 0; i < count; ++i) {
    const ObjectKey& victim = ranked[static_cast<std::size_t>(i)];
    store_.request_deletion(victim, run.now, kByReplicasetController);
    store_.record_event(run.key, "Normal", "SuccessfulDelete", "Deleted pod: " + victim.name, kByReplicasetController, run.now);
  }
}

// calculateStatus: counts from the index; availability after minReadySeconds
// of readiness; ReplicaFailure while creations are refused.
void ReplicaSetController::write_status(Run& run, const std::optional<std::string>& error) {
  auto it = owned_.find(OwnerRef{run.uid, run.key.ns});
  static const OwnedPods kNone;
  const OwnedPods& pods = it == owned_.end() ? kNone : it->second;
  const std::int64_t min_ready_s = get_int(run.rs, {"spec", "minReadySeconds"});
  const auto active = static_cast<std::int64_t>(pods.active.size());
  const auto ready = static_cast<std::int64_t>(pods.ready.size());
  std::int64_t available = min_ready_s == 0 ? ready : 0;  // a ready pod is available at once
  std::optional<TimePoint> next_available;
  for (const auto& p : min_ready_s == 0 ? std::set<ObjectKey>{} : pods.ready) {
    const TimePoint since =
        kubelet_->ready_since(get_str(*store_.get(p), {"metadata", "uid"})).value_or(run.now);
    const TimePoint avail_at = since + Duration::seconds(min_ready_s);
    if (avail_at <= run.now) {
      ++available;
    } else if (!next_available || avail_at < *next_available) {
      next_available = avail_at;
    }
  }
  Node updated = *store_.get(run.key);
  Node conds = Node::list();
  if (const Node* c = updated.get({"status", "conditions"}); c && c->is_list()) conds = *c;
  const bool failing = condition_in(conds, "ReplicaFailure") != nullptr;
  if (error && !failing) {
    conds.push_back(make_condition("ReplicaFailure", "True", store_.ts(run.now), "FailedCreate", *error, false));
  } else if (!error && failing) {
    remove_condition(conds, "ReplicaFailure");
  }
  Node status = Node::map();
  status.set("replicas", Node::integer(active));
  if (active) status.set("fullyLabeledReplicas", Node::integer(active));
  if (ready) status.set("readyReplicas", Node::integer(ready));
  if (available) status.set("availableReplicas", Node::integer(available));
  status.set("observedGeneration", Node::integer(get_int(updated, {"metadata", "generation"}, 1)));
  if (conds.size() > 0) status.set("conditions", std::move(conds));
  updated.set("status", std::move(status));
  store_.update(run.key, std::move(updated), run.now, kByReplicasetController);
  if (next_available) store_.requeue(run.key, *next_available);
}

void ReplicaSetController::reconcile(const ObjectKey& key, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  Run run{key, now, *current, get_str(*current, {"metadata", "uid"}), nullptr};
  auto it = owned_.find(OwnerRef{run.uid, key.ns});
  const std::int64_t have = it == owned_.end() ? 0 : static_cast<std::int64_t>(it->second.active.size());
  const std::int64_t diff = have - replicas_of(run.rs);
  std::optional<std::string> error;
  if (diff < 0) {
    error = create_pods(run, std::min(-diff, kBurstReplicas));
  } else if (diff > 0) {
    run.pods = &it->second;
    delete_pods(run, std::min(diff, kBurstReplicas));
  }
  if (error) {
    store_.requeue(key, retry_.next_try(run.uid, now));
  } else {
    retry_.forget(run.uid);
  }
  write_status(run, error);
}

}  // namespace gs::cluster::detail
