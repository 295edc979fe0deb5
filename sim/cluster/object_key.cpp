#include "sim/cluster/object_key.hpp"

#include <cctype>

namespace gs::cluster {

std::string ObjectKey::str() const { return group + "/" + kind + "/" + ns + "/" + name; }

std::string ObjectKey::kubectl_ref() const {
  std::string k;
  for (char c : kind) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!group.empty()) k += "." + group;
  return k + "/" + name;
}

Result<ObjectKey> ObjectKey::parse(std::string_view text) {
  ObjectKey key;
  std::string* parts[] = {&key.group, &key.kind, &key.ns, &key.name};
  std::size_t part = 0;
  for (char c : text) {
    if (c == '/') {
      if (++part > 3) break;
      continue;
    }
    *parts[part] += c;
  }
  if (part != 3 || key.kind.empty() || key.name.empty())
    return Error("invalid resource key \"" + std::string(text) + "\": expected GROUP/KIND/NAMESPACE/NAME");
  return key;
}

const std::vector<KindInfo>& builtin_kinds() {
  // From `kubectl api-resources` on Kubernetes 1.32 (subset).
  static const std::vector<KindInfo> kinds = {
      {"", "Namespace", "namespaces", {"v1"}, false, {"ns"}},
      {"", "Node", "nodes", {"v1"}, false, {"no"}},
      {"", "PersistentVolume", "persistentvolumes", {"v1"}, false, {"pv"}},
      {"", "ConfigMap", "configmaps", {"v1"}, true, {"cm"}},
      {"", "Secret", "secrets", {"v1"}, true, {}},
      {"", "Pod", "pods", {"v1"}, true, {"po"}},
      {"", "Service", "services", {"v1"}, true, {"svc"}},
      {"", "ServiceAccount", "serviceaccounts", {"v1"}, true, {"sa"}},
      {"", "PersistentVolumeClaim", "persistentvolumeclaims", {"v1"}, true, {"pvc"}},
      {"", "Endpoints", "endpoints", {"v1"}, true, {"ep"}},
      {"", "Event", "events", {"v1"}, true, {"ev"}},
      {"", "LimitRange", "limitranges", {"v1"}, true, {"limits"}},
      {"", "ResourceQuota", "resourcequotas", {"v1"}, true, {"quota"}},
      {"", "ReplicationController", "replicationcontrollers", {"v1"}, true, {"rc"}},
      {"apps", "Deployment", "deployments", {"v1"}, true, {"deploy"}},
      {"apps", "ReplicaSet", "replicasets", {"v1"}, true, {"rs"}},
      {"apps", "StatefulSet", "statefulsets", {"v1"}, true, {"sts"}},
      {"apps", "DaemonSet", "daemonsets", {"v1"}, true, {"ds"}},
      {"apps", "ControllerRevision", "controllerrevisions", {"v1"}, true, {}},
      {"batch", "Job", "jobs", {"v1"}, true, {}},
      {"batch", "CronJob", "cronjobs", {"v1"}, true, {"cj"}},
      {"autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers", {"v2", "v1"}, true, {"hpa"}},
      {"policy", "PodDisruptionBudget", "poddisruptionbudgets", {"v1"}, true, {"pdb"}},
      {"networking.k8s.io", "Ingress", "ingresses", {"v1"}, true, {"ing"}},
      {"networking.k8s.io", "IngressClass", "ingressclasses", {"v1"}, false, {}},
      {"networking.k8s.io", "NetworkPolicy", "networkpolicies", {"v1"}, true, {"netpol"}},
      {"discovery.k8s.io", "EndpointSlice", "endpointslices", {"v1"}, true, {}},
      {"coordination.k8s.io", "Lease", "leases", {"v1"}, true, {}},
      {"rbac.authorization.k8s.io", "Role", "roles", {"v1"}, true, {}},
      {"rbac.authorization.k8s.io", "RoleBinding", "rolebindings", {"v1"}, true, {}},
      {"rbac.authorization.k8s.io", "ClusterRole", "clusterroles", {"v1"}, false, {}},
      {"rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", {"v1"}, false, {}},
      {"apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", {"v1"}, false, {"crd", "crds"}},
      {"apiregistration.k8s.io", "APIService", "apiservices", {"v1"}, false, {}},
      {"storage.k8s.io", "StorageClass", "storageclasses", {"v1"}, false, {"sc"}},
      {"storage.k8s.io", "CSIDriver", "csidrivers", {"v1"}, false, {}},
      {"storage.k8s.io", "VolumeAttachment", "volumeattachments", {"v1"}, false, {}},
      {"scheduling.k8s.io", "PriorityClass", "priorityclasses", {"v1"}, false, {"pc"}},
      {"admissionregistration.k8s.io", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", {"v1"}, false, {}},
      {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", {"v1"}, false, {}},
  };
  return kinds;
}

const KindInfo* find_builtin_kind(std::string_view group, std::string_view kind) {
  for (const auto& k : builtin_kinds()) {
    if (k.group == group && k.kind == kind) return &k;
  }
  return nullptr;
}

std::string group_of(std::string_view api_version) {
  auto slash = api_version.find('/');
  if (slash == std::string_view::npos) return "";
  return std::string(api_version.substr(0, slash));
}

std::string version_of(std::string_view api_version) {
  auto slash = api_version.find('/');
  if (slash == std::string_view::npos) return std::string(api_version);
  return std::string(api_version.substr(slash + 1));
}

std::string api_version_for(const KindInfo& info) {
  const std::string v = info.versions.empty() ? "v1" : info.versions.front();
  return info.group.empty() ? v : info.group + "/" + v;
}

}  // namespace gs::cluster
