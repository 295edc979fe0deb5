#include "sim/cluster/controllers/namespace_controller.hpp"

namespace gs::cluster::detail {

void NamespaceController::reconcile(const ObjectKey& key, TimePoint now) {
  const model::Node* ns = store_.get(key);
  if (!ns || !ns->get({"metadata", "deletionTimestamp"})) return;
  const std::vector<ObjectKey> contents = store_.in_namespace(key.name);
  if (contents.empty()) {
    store_.erase(key, now, "namespace-controller");
    return;
  }
  for (const auto& k : contents) store_.request_deletion(k, now, "namespace-controller");
}

}  // namespace gs::cluster::detail
