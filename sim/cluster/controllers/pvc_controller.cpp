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
  const TimePoint due = bound_at_.due(uid, now, streams_("pvc/" + key.str()), 1000, 3000);
  if (now < due) {
    store_.requeue(key, due);
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
