// App of Apps: Application objects in the namespace Argo CD watches, in the
// cluster it runs in, become apps; their resources finalizer cascades a
// deletion (argo-cd controller/appcontroller.go finalizeApplicationDeletion).
#include <algorithm>

#include "sim/cluster/cluster.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/annotations.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/gitops/sync_order.hpp"

namespace gs::gitops {

using model::Node;

std::vector<ObjectKey> AppController::delete_managed_resources(const std::string& name, TimePoint now) {
  std::vector<ObjectKey> out;
  const AppState* st = find(name);
  if (!st) return out;
  const ClusterRef c = clusters_(st->app.spec.destination);
  if (!c.cluster) return out;
  out = resources_to_delete(*st, c);
  for (const auto& k : out) (void)c.cluster->remove(k, now, kControllerManager);
  return out;
}

// What a cascading deletion deletes: every live resource the app tracks but
// CRDs and those with Delete=false (on the resource, else the app's
// default), dependents first — the reverse of the apply order
// (controller/appcontroller.go shouldBeDeleted).
std::vector<ObjectKey> AppController::resources_to_delete(const AppState& st, const ClusterRef& c) const {
  std::vector<ObjectKey> out;
  for (const ObjectKey& k : tracked_live_keys(st, c)) {
    const Node* live = c.cluster->get(k);
    if (!live || k.kind == "CustomResourceDefinition") continue;
    const auto own = sync_option_value(*live, "Delete");
    if (own ? *own == "false" : st.app.spec.sync_policy.has_option("Delete=false")) continue;
    out.push_back(k);
  }
  std::stable_sort(out.begin(), out.end(), [](const ObjectKey& a, const ObjectKey& b) {
    return kind_rank(a.kind) > kind_rank(b.kind);
  });
  return out;
}

bool AppController::is_app_object(const std::string& cluster_name, const ObjectKey& key) const {
  if (key.group != "argoproj.io" || key.kind != "Application" || key.ns != kArgoNamespace) return false;
  const ClusterRef home = clusters_(ApplicationDestination{kInClusterServer, "", ""});
  return home.cluster && home.name == cluster_name;
}

void AppController::reconcile_app_object(const std::string& cluster_name, const ObjectKey& key, TimePoint now) {
  cluster::Cluster& c = *clusters_(ApplicationDestination{"", cluster_name, ""}).cluster;
  const Node* obj = c.get(key);
  auto known = app_objects_.find(key.name);
  if (!obj) {
    // Gone (pruned, deleted, or its finalizer done): so is the app. Without
    // the finalizer its resources stay where they are, as in Argo CD.
    if (known == app_objects_.end()) return;
    app_objects_.erase(known);
    remove_application(key.name);
    log_.emit(now, events::application_deleted(key.name, 0));
    return;
  }
  if (obj->get({"metadata", "deletionTimestamp"})) {
    // Being deleted with the resources finalizer: delete what the app
    // manages, then let the object go.
    const Node* fin = obj->get({"metadata", "finalizers"});
    if (!fin || !fin->is_list() || known == app_objects_.end()) return;
    Node rest = Node::list();
    bool ours = false;
    for (const auto& f : fin->items()) {
      const std::string v = f.is_scalar() ? f.text() : std::string();
      if (v == kResourcesFinalizer || v.rfind(std::string(kResourcesFinalizer) + "/", 0) == 0) {
        ours = true;
      } else {
        rest.push_back(f);
      }
    }
    if (!ours) return;
    const auto gone = delete_managed_resources(key.name, now);
    log_.emit(now, events::application_cascade_deleted(key.name, static_cast<std::int64_t>(gone.size()), 0));
    Node patch = Node::map();
    patch["metadata"].set("finalizers", rest.size() == 0 ? Node::null() : rest);
    (void)c.patch_merge(key, patch, now, kControllerManager);
    return;
  }
  const Node* spec = obj->find("spec");
  if (known != app_objects_.end() && spec && known->second == *spec) return;  // only metadata moved
  const std::string parent = tracking_app_of(*obj);
  auto app = parse_application(*obj, cluster_name + ":" + key.str());
  if (!app) {
    log_.emit(now, events::invalid_spec_error(key.name, app.error().message, 0));
    return;
  }
  if (known == app_objects_.end()) {
    if (find(key.name)) {
      // A scenario's own app of that name: Argo CD would see one object; keep ours.
      log_.emit(now, events::invalid_spec_error(key.name,
                                                "application " + key.name + " already exists and is not managed by " +
                                                    (parent.empty() ? std::string("an object") : parent),
                                                0));
      return;
    }
    app_objects_[key.name] = spec ? *spec : Node::map();
    const EventId id = log_.emit(now, events::application_created(key.name, parent, 0));
    (void)add_application(std::move(app.value()), now, id);
    return;
  }
  known->second = spec ? *spec : Node::map();
  const EventId id = log_.emit(now, events::app_spec_changed_by(key.name, parent, 0));
  (void)update_application(std::move(app.value()), now, id);
}

}  // namespace gs::gitops
