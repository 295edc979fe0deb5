#include "sim/cluster/controllers/service_controller.hpp"

#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {
constexpr const char* kByServiceController = "service-controller";
}

void ServiceController::reconcile(const ObjectKey& key, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current) return;
  const std::string uid = get_str(*current, {"metadata", "uid"});
  const bool lb = get_str(*current, {"spec", "type"}) == "LoadBalancer";
  const Node* ingress = current->get({"status", "loadBalancer", "ingress"});
  const bool has_ingress = ingress && ingress->size() > 0;
  if (!lb) {
    ready_at_.forget(uid);
    if (has_ingress) {
      Node copy = *current;
      ensure(copy, {"status", "loadBalancer"}) = Node::map();
      store_.update(key, std::move(copy), now, kByServiceController);
    }
    return;
  }
  if (has_ingress || !provisioner_) return;
  const TimePoint due = ready_at_.due(uid, now, streams_("load-balancer/" + key.str()), 5000, 15000);
  if (now < due) {
    store_.requeue(key, due);
    return;
  }
  Rng& r = streams_("load-balancer-ip/" + key.str());
  Node copy = *current;
  Node ing = Node::list();
  Node entry = Node::map();
  entry.set("ip", Node::string("203.0.113." + std::to_string(r.between(10, 250))));
  entry.set("ipMode", Node::string("VIP"));
  ing.push_back(std::move(entry));
  ensure(copy, {"status", "loadBalancer", "ingress"}) = std::move(ing);
  store_.update(key, std::move(copy), now, kByServiceController);
}

}  // namespace gs::cluster::detail
