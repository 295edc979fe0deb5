#include "sim/gitops/sync_order.hpp"

#include <array>
#include <charconv>
#include <tuple>

namespace gs::gitops {

int kind_rank(std::string_view kind) {
  // Argo CD's kindOrder, earliest first (gitops-engine pkg/sync/sync_tasks.go).
  static constexpr std::array<std::string_view, 35> kOrder{
      "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
      "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
      "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
      "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
      "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job",
      "CronJob", "IngressClass", "Ingress", "APIService"};
  for (std::size_t i = 0; i < kOrder.size(); ++i) {
    if (kOrder[i] == kind) return static_cast<int>(i);
  }
  return static_cast<int>(kOrder.size());
}

bool sync_task_less(const SyncTaskKey& a, const SyncTaskKey& b) {
  const int ka = kind_rank(a.kind), kb = kind_rank(b.kind);
  return std::tie(a.phase, a.wave, ka, a.name, a.kind, a.group, a.ns) <
         std::tie(b.phase, b.wave, kb, b.name, b.kind, b.group, b.ns);
}

int parse_sync_wave(std::string_view text) {
  int v = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [p, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || p != last) return 0;
  return v;
}

}  // namespace gs::gitops
