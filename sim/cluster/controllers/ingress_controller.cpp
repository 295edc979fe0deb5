#include "sim/cluster/controllers/ingress_controller.hpp"

#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

void IngressController::reconcile(const ObjectKey& key, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current || !enabled_) return;
  const Node* ingress = current->get({"status", "loadBalancer", "ingress"});
  if (ingress && ingress->size() > 0) return;
  const std::string uid = get_str(*current, {"metadata", "uid"});
  const TimePoint due = ready_at_.due(uid, now, streams_("ingress/" + key.str()), 5000, 15000);
  if (now < due) {
    store_.requeue(key, due);
    return;
  }
  // One ingress controller per cluster, behind one load balancer address.
  const std::string ip = "203.0.113." + std::to_string(2 + fnv1a64(cluster_name_) % 8);
  Node copy = *current;
  Node ing = Node::list();
  ing.push_back(string_map({{"ip", ip}}));
  ensure(copy, {"status", "loadBalancer", "ingress"}) = std::move(ing);
  store_.update(key, std::move(copy), now, "ingress-controller");
}

}  // namespace gs::cluster::detail
