#include "sim/cluster/controllers/scheduler.hpp"

#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {
constexpr const char* kByScheduler = "default-scheduler";
}

Node pod_scheduled_condition(bool scheduled, const std::string& at, const std::string& message) {
  Node c = Node::map();
  c.set("type", Node::string("PodScheduled"));
  c.set("status", Node::string(scheduled ? "True" : "False"));
  c.set("lastProbeTime", Node::null());
  c.set("lastTransitionTime", Node::string(at));
  if (!scheduled) {
    c.set("reason", Node::string("Unschedulable"));
    c.set("message", Node::string(message));
  }
  return c;
}

std::optional<std::string> Scheduler::pick() const {
  for (const auto& n : *nodes_) {
    auto it = pods_on_.find(n.name);
    if (it == pods_on_.end() || it->second < n.max_pods) return n.name;
  }
  return std::nullopt;
}

std::string Scheduler::unschedulable_message() const {
  // Every node fails the NodeResourcesFit pod count, and preemption finds no
  // lower-priority victim (all pods here share priority 0).
  const std::string n = std::to_string(nodes_->size());
  return "0/" + n + " nodes are available: " + n + " Too many pods. preemption: 0/" + n + " nodes are available: " + n +
         " No preemption victims found for incoming pod.";
}

void Scheduler::bound(const ObjectKey& pod, const std::string& node, TimePoint now) {
  node_of_[pod] = node;
  ++pods_on_[node];
  store_.record_event(pod, "Normal", "Scheduled", "Successfully assigned " + pod.ns + "/" + pod.name + " to " + node,
                      kByScheduler, now);
}

void Scheduler::unschedulable(const ObjectKey& pod, TimePoint now) {
  queued_[pod] = seq_;
  queue_[seq_++] = pod;
  store_.record_event(pod, "Warning", "FailedScheduling", unschedulable_message(), kByScheduler, now);
}

void Scheduler::pod_deleted(const ObjectKey& pod, TimePoint now) {
  if (auto q = queued_.find(pod); q != queued_.end()) {
    queue_.erase(q->second);
    queued_.erase(q);
  }
  auto it = node_of_.find(pod);
  if (it == node_of_.end()) return;
  --pods_on_[it->second];
  node_of_.erase(it);
  if (!queue_.empty()) store_.requeue(ObjectKey{}, now);
}

void Scheduler::nodes_changed(TimePoint now) {
  if (!queue_.empty()) store_.requeue(ObjectKey{}, now);
}

void Scheduler::bind(const ObjectKey& key, const std::string& node, TimePoint now) {
  Node pod = *store_.get(key);
  set_str(pod, {"spec", "nodeName"}, node);
  Node conds = Node::list();
  conds.push_back(pod_scheduled_condition(true, store_.ts(now)));
  if (const Node* old = pod.get({"status", "conditions"}); old && old->is_list()) {
    for (const auto& c : old->items()) {
      if (get_str(c, {"type"}) != "PodScheduled") conds.push_back(c);
    }
  }
  ensure(pod, {"status", "conditions"}) = std::move(conds);
  const std::string uid = get_str(pod, {"metadata", "uid"});
  store_.update(key, std::move(pod), now, kByScheduler);
  bound(key, node, now);
  bound_.emplace_back(key, uid);
}

void Scheduler::reconcile(TimePoint now) {
  while (!queue_.empty()) {
    auto node = pick();
    if (!node) return;
    const ObjectKey key = queue_.begin()->second;
    queue_.erase(queue_.begin());
    queued_.erase(key);
    const Node* pod = store_.get(key);
    if (!pod || pod->get({"metadata", "deletionTimestamp"})) continue;
    bind(key, *node, now);
  }
}

std::vector<std::pair<ObjectKey, std::string>> Scheduler::take_bound() {
  std::vector<std::pair<ObjectKey, std::string>> out;
  out.swap(bound_);
  return out;
}

}  // namespace gs::cluster::detail
