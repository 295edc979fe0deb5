#include "sim/gitops/resource_key.hpp"

namespace gs::gitops {

bool is_namespaced(const std::string& group, const std::string& kind) {
  const cluster::KindInfo* info = cluster::find_builtin_kind(group, kind);
  return info ? info->namespaced : true;
}

cluster::ObjectKey key_of(const model::Node& obj) {
  cluster::ObjectKey k;
  k.group = cluster::group_of(obj.get_string({"apiVersion"}).value_or(""));
  k.kind = obj.get_string({"kind"}).value_or("");
  k.name = obj.get_string({"metadata", "name"}).value_or("");
  if (is_namespaced(k.group, k.kind)) k.ns = obj.get_string({"metadata", "namespace"}).value_or("");
  return k;
}

std::string version_of(const model::Node& obj) {
  return cluster::version_of(obj.get_string({"apiVersion"}).value_or(""));
}

}  // namespace gs::gitops
