#include "sim/cluster/controllers/garbage_collector.hpp"

#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

void GarbageCollector::reconcile(const std::string& uid, TimePoint now) {
  std::vector<ObjectKey> orphans;
  for (const auto& k : store_.dependents_of(uid)) {
    const Node* v = store_.get(k);
    const Node* refs = v ? v->get({"metadata", "ownerReferences"}) : nullptr;
    if (!refs || !refs->is_list()) continue;
    bool owner_alive = false;
    for (const auto& r : refs->items()) {
      if (store_.uid_exists(get_str(r, {"uid"}))) owner_alive = true;
    }
    if (!owner_alive) orphans.push_back(k);
  }
  for (const auto& k : orphans) store_.request_deletion(k, now, "garbage-collector");
}

}  // namespace gs::cluster::detail
