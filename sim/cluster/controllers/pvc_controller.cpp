#include "sim/cluster/controllers/pvc_controller.hpp"

#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

void PvcController::reconcile(const ObjectKey& key, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current || get_str(*current, {"status", "phase"}) != "Pending") return;
  const Node* sc = current->get({"spec", "storageClassName"});
  if (sc && sc->is_scalar() && sc->text().empty()) return;
  const std::string uid = get_str(*current, {"metadata", "uid"});
  auto it = bound_at_.find(uid);
  if (it == bound_at_.end()) {
    Rng& r = streams_("pvc/" + key.str());
    it = bound_at_.emplace(uid, now + Duration::millis(r.between(1000, 3000))).first;
  }
  if (now < it->second) {
    store_.requeue(key, it->second);
    return;
  }
  Node copy = *current;
  set_str(copy, {"status", "phase"}, "Bound");
  if (const Node* modes = copy.get({"spec", "accessModes"})) ensure(copy, {"status", "accessModes"}) = *modes;
  if (const Node* req = copy.get({"spec", "resources", "requests", "storage"}))
    ensure(copy, {"status", "capacity", "storage"}) = *req;
  store_.update(key, std::move(copy), now, "persistentvolume-controller");
}

}  // namespace gs::cluster::detail
