// A manifest's identity as the controller keys it: (group, kind, namespace,
// name), the namespace left empty for cluster-scoped kinds (gitops-engine
// kube.GetResourceKey).
#pragma once

#include <string>

#include "sim/cluster/object_key.hpp"
#include "sim/model/node.hpp"

namespace gs::gitops {

// Custom resources count as namespaced unless the kind is known otherwise.
bool is_namespaced(const std::string& group, const std::string& kind);

// The key a desired object is stored under once its namespace is filled in.
cluster::ObjectKey key_of(const model::Node& obj);

// The version part of the object's apiVersion ("apps/v1" -> "v1").
std::string version_of(const model::Node& obj);

}  // namespace gs::gitops
