#include "sim/gitops/tracking.hpp"

#include <algorithm>

#include "sim/gitops/annotations.hpp"
#include "sim/gitops/resource_key.hpp"

namespace gs::gitops {

using model::Node;

std::string tracking_app_of(const Node& live, TrackingMethod method) {
  if (method == TrackingMethod::Annotation) {
    // Cluster-scoped objects carry the app's namespace, any one here.
    const std::string id = annotation(live, kTrackingIdAnnotation);
    const auto colon = id.find(':');
    if (colon == std::string::npos) return std::string();
    const cluster::ObjectKey k = key_of(live);
    const std::string rest = id.substr(colon + 1);
    const std::string head = k.group + "/" + k.kind + ":";
    const auto slash = rest.rfind('/');
    if (rest.rfind(head, 0) != 0 || slash == std::string::npos || slash < head.size() ||
        rest.substr(slash + 1) != k.name || (!k.ns.empty() && rest.substr(head.size(), slash - head.size()) != k.ns)) {
      return std::string();
    }
    return id.substr(0, colon);
  }
  const Node* labels = live.get({"metadata", "labels"});
  const Node* v = labels ? labels->find(kInstanceLabel) : nullptr;
  return v && v->is_scalar() ? v->text() : std::string();
}

std::vector<Node> normalize_targets(const Application& app, const std::vector<Node>& objects, TrackingMethod method) {
  std::vector<std::pair<cluster::ObjectKey, Node>> keyed;
  keyed.reserve(objects.size());
  for (Node obj : objects) {
    const std::string kind = obj.get_string({"kind"}).value_or("");
    const std::string group = cluster::group_of(obj.get_string({"apiVersion"}).value_or(""));
    Node& meta = obj["metadata"];
    if (is_namespaced(group, kind) && !meta.find("namespace")) {
      meta["namespace"] = Node::string(app.spec.destination.ns);
    }
    if (method == TrackingMethod::Annotation) {
      const cluster::ObjectKey k = key_of(obj);
      const std::string ns = k.ns.empty() ? app.spec.destination.ns : k.ns;
      meta["annotations"][kTrackingIdAnnotation] =
          Node::string(app.name + ":" + k.group + "/" + k.kind + ":" + ns + "/" + k.name);
    } else {
      meta["labels"][kInstanceLabel] = Node::string(app.name);
    }
    cluster::ObjectKey k = key_of(obj);
    keyed.emplace_back(std::move(k), std::move(obj));
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Node> out;
  out.reserve(keyed.size());
  for (auto& [k, obj] : keyed) out.push_back(std::move(obj));
  return out;
}

}  // namespace gs::gitops
