#include "sim/cluster/controllers/pod_factory.hpp"

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {

std::string pick_name(const Store& store, Rng& names, const PodRequest& req) {
  if (!req.fixed_name.empty()) return req.fixed_name;
  const std::string prefix = req.owner_key.name + "-";
  std::string name;
  for (int i = 0; i < 100; ++i) {
    std::string suffix;
    for (int j = 0; j < 5; ++j) suffix += kSafeAlphabet[names.below(kSafeAlphabet.size())];
    name = prefix + suffix;
    if (!store.get(ObjectKey{"", "Pod", req.owner_key.ns, name})) break;
  }
  return name;
}

Node pod_metadata(const PodRequest& req, const std::string& name) {
  Node meta = Node::map();
  meta.set("name", Node::string(name));
  if (req.fixed_name.empty()) meta.set("generateName", Node::string(req.owner_key.name + "-"));
  meta.set("namespace", Node::string(req.owner_key.ns));
  const Node* tl = req.pod_template.get({"metadata", "labels"});
  Node labels = tl ? *tl : Node::map();
  for (const auto& [k, v] : req.extra_labels) labels.set(k, Node::string(v));
  if (labels.size() > 0) meta.set("labels", std::move(labels));
  if (const Node* a = req.pod_template.get({"metadata", "annotations"})) meta.set("annotations", *a);
  Node ref = Node::map();
  ref.set("apiVersion", *req.owner.find("apiVersion"));
  ref.set("kind", Node::string(req.owner_key.kind));
  ref.set("name", Node::string(req.owner_key.name));
  ref.set("uid", Node::string(get_str(req.owner, {"metadata", "uid"})));
  ref.set("controller", Node::boolean(true));
  ref.set("blockOwnerDeletion", Node::boolean(true));
  Node refs = Node::list();
  refs.push_back(std::move(ref));
  meta.set("ownerReferences", std::move(refs));
  return meta;
}

Node pod_spec(const PodRequest& req, const std::optional<std::string>& node) {
  Node spec = req.pod_template.get({"spec"}) ? *req.pod_template.get({"spec"}) : Node::map();
  if (!spec.contains("serviceAccountName")) spec.set("serviceAccountName", Node::string("default"));
  if (!spec.contains("serviceAccount")) spec.set("serviceAccount", Node::string("default"));
  if (node) spec.set("nodeName", Node::string(*node));
  if (!spec.contains("priority")) spec.set("priority", Node::integer(0));
  if (!spec.contains("enableServiceLinks")) spec.set("enableServiceLinks", Node::boolean(true));
  return spec;
}

}  // namespace

Result<ObjectKey> create_pod(Store& store, Scheduler& scheduler, Rng& names, const PodRequest& req, TimePoint now) {
  const std::string name = pick_name(store, names, req);
  // The scheduler decides at once; a pod that fits nowhere waits for it.
  const std::optional<std::string> node = scheduler.pick();
  Node pod = Node::map();
  pod.set("apiVersion", Node::string("v1"));
  pod.set("kind", Node::string("Pod"));
  pod.set("metadata", pod_metadata(req, name));
  pod.set("spec", pod_spec(req, node));
  Node status = Node::map();
  status.set("phase", Node::string("Pending"));
  Node conds = Node::list();
  conds.push_back(pod_scheduled_condition(node.has_value(), store.ts(now), node ? "" : scheduler.unschedulable_message()));
  status.set("conditions", std::move(conds));
  pod.set("status", std::move(status));
  const ObjectKey key{"", "Pod", req.owner_key.ns, name};
  if (auto s = store.create(std::move(pod), key, now, req.by); !s) return s.error();
  store.record_event(req.owner_key, "Normal", "SuccessfulCreate", "Created pod: " + name, req.by, now);
  if (node) {
    scheduler.bound(key, *node, now);
  } else {
    scheduler.unschedulable(key, now);
  }
  return key;
}

}  // namespace gs::cluster::detail
