#include "sim/cluster/controllers/daemonset_controller.hpp"

#include "sim/cluster/controllers/pod_factory.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {
constexpr const char* kByDaemonsetController = "daemonset-controller";
}

void DaemonSetController::write_status(const ObjectKey& key, const Node& ds, const Node* p, const std::string& hash,
                                       TimePoint now) {
  const std::int64_t scheduled = p ? 1 : 0;
  const std::int64_t ready = p && pod_ready(*p) ? 1 : 0;
  const std::int64_t up_to_date = p && pod_revision(*p) == hash ? 1 : 0;
  Node status = Node::map();
  status.set("currentNumberScheduled", Node::integer(scheduled));
  status.set("numberMisscheduled", Node::integer(0));
  status.set("desiredNumberScheduled", Node::integer(1));
  status.set("numberReady", Node::integer(ready));
  status.set("observedGeneration", Node::integer(get_int(ds, {"metadata", "generation"}, 1)));
  if (up_to_date) status.set("updatedNumberScheduled", Node::integer(up_to_date));
  if (ready) status.set("numberAvailable", Node::integer(ready));
  if (!ready) status.set("numberUnavailable", Node::integer(1));
  Node updated = ds;
  updated.set("status", std::move(status));
  store_.update(key, std::move(updated), now, kByDaemonsetController);
}

void DaemonSetController::reconcile(const ObjectKey& key, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  const Node ds = *current;
  const Node tmpl = ds.get({"spec", "template"}) ? *ds.get({"spec", "template"}) : Node::map();
  const std::string hash = template_hash(tmpl, 0);
  const bool on_delete = get_str(ds, {"spec", "updateStrategy", "type"}) == "OnDelete";
  std::optional<ObjectKey> pod;
  bool terminating = false;
  for (const auto& p : store_.owned_by(key, "Pod")) {
    if (store_.get(p)->get({"metadata", "deletionTimestamp"})) {
      terminating = true;
    } else {
      pod = p;
    }
  }
  if (!pod && !terminating) {
    const std::string uid = get_str(ds, {"metadata", "uid"});
    auto created = create_pod(store_, *scheduler_, names_("pod-names/" + key.str()),
                              PodRequest{ds, key, tmpl, kByDaemonsetController, {{std::string(kRevisionLabel), hash}}}, now);
    if (created) {
      retry_.forget(uid);
      pod = *created;
    } else {
      store_.record_event(key, "Warning", "FailedCreate", "Error creating: " + created.error().message, kByDaemonsetController, now);
      store_.requeue(key, retry_.next_try(uid, now));
    }
  } else if (pod && !on_delete && pod_revision(*store_.get(*pod)) != hash) {
    store_.request_deletion(*pod, now, kByDaemonsetController);
    pod.reset();
  }
  write_status(key, ds, pod ? store_.get(*pod) : nullptr, hash, now);
}

}  // namespace gs::cluster::detail
