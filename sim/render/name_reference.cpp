#include "sim/render/name_reference.hpp"

#include <string>

namespace gs::render::detail {

using model::Node;

namespace {

struct Referral {
  Gvk target;  // group/version/kind of the referenced object ("" = any)
  std::vector<FieldSpec> referrers;
};

void add_pod_paths(std::vector<FieldSpec>& out, const std::vector<std::string>& pod_fields,
                   const std::vector<std::string>& kinds) {
  for (const auto& kind : kinds) {
    std::string base = "spec/template/spec/";
    if (kind == "Pod") base = "spec/";
    if (kind == "CronJob") base = "spec/jobTemplate/spec/template/spec/";
    for (const auto& f : pod_fields) out.push_back({"", "", kind, base + f, false});
  }
}

const std::vector<Referral>& referrals() {
  static const std::vector<Referral> v = [] {
    std::vector<Referral> r;
    const std::vector<std::string> workloads = {"Pod", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job",
                                                "CronJob"};
    // Scale targets.
    for (const char* k : {"Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"})
      r.push_back({{"", "", k}, {{"", "", "HorizontalPodAutoscaler", "spec/scaleTargetRef/name", false}}});
    Referral cm{{"", "v1", "ConfigMap"}, {}};
    add_pod_paths(cm.referrers,
                  {"volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name",
                   "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name",
                   "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name"},
                  workloads);
    cm.referrers.push_back({"", "", "Role", "rules/resourceNames", false});
    cm.referrers.push_back({"", "", "ClusterRole", "rules/resourceNames", false});
    r.push_back(std::move(cm));
    Referral secret{{"", "v1", "Secret"}, {}};
    add_pod_paths(secret.referrers,
                  {"volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name",
                   "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name",
                   "initContainers/envFrom/secretRef/name", "imagePullSecrets/name",
                   "volumes/projected/sources/secret/name"},
                  workloads);
    for (const FieldSpec& fs : std::vector<FieldSpec>{
             {"", "", "Ingress", "spec/tls/secretName", false},
             {"", "", "ServiceAccount", "imagePullSecrets/name", false},
             {"", "", "StorageClass", "parameters/secretName", false},
             {"", "", "StorageClass", "parameters/adminSecretName", false},
             {"", "", "StorageClass", "parameters/userSecretName", false},
             {"", "", "StorageClass", "parameters/secretRef", false},
             {"", "", "Role", "rules/resourceNames", false},
             {"", "", "ClusterRole", "rules/resourceNames", false},
             {"", "", "PersistentVolume", "spec/azureFile/secretName", false}})
      secret.referrers.push_back(fs);
    r.push_back(std::move(secret));
    r.push_back({{"", "v1", "Service"},
                 {{"apps", "", "StatefulSet", "spec/serviceName", false},
                  {"", "", "Ingress", "spec/rules/http/paths/backend/serviceName", false},
                  {"", "", "Ingress", "spec/backend/serviceName", false},
                  {"", "", "Ingress", "spec/rules/http/paths/backend/service/name", false},
                  {"", "", "Ingress", "spec/defaultBackend/service/name", false},
                  {"apiregistration.k8s.io", "", "APIService", "spec/service/name", false},
                  {"admissionregistration.k8s.io", "", "ValidatingWebhookConfiguration",
                   "webhooks/clientConfig/service", false},
                  {"admissionregistration.k8s.io", "", "MutatingWebhookConfiguration",
                   "webhooks/clientConfig/service", false}}});
    r.push_back({{"rbac.authorization.k8s.io", "", "Role"},
                 {{"rbac.authorization.k8s.io", "", "RoleBinding", "roleRef/name", false}}});
    r.push_back({{"rbac.authorization.k8s.io", "", "ClusterRole"},
                 {{"rbac.authorization.k8s.io", "", "RoleBinding", "roleRef/name", false},
                  {"rbac.authorization.k8s.io", "", "ClusterRoleBinding", "roleRef/name", false}}});
    Referral sa{{"", "v1", "ServiceAccount"},
                {{"rbac.authorization.k8s.io", "", "RoleBinding", "subjects", false},
                 {"rbac.authorization.k8s.io", "", "ClusterRoleBinding", "subjects", false}}};
    add_pod_paths(sa.referrers, {"serviceAccountName"},
                  {"Pod", "StatefulSet", "Deployment", "ReplicationController", "CronJob", "Job", "DaemonSet"});
    r.push_back(std::move(sa));
    Referral pvc{{"", "v1", "PersistentVolumeClaim"}, {}};
    add_pod_paths(pvc.referrers, {"volumes/persistentVolumeClaim/claimName"},
                  {"Pod", "StatefulSet", "Deployment", "ReplicationController", "CronJob", "Job", "DaemonSet"});
    r.push_back(std::move(pvc));
    r.push_back({{"", "v1", "PersistentVolume"},
                 {{"", "", "PersistentVolumeClaim", "spec/volumeName", false},
                  {"", "", "ClusterRole", "rules/resourceNames", false}}});
    r.push_back({{"storage.k8s.io", "v1", "StorageClass"},
                 {{"", "", "PersistentVolume", "spec/storageClassName", false},
                  {"", "", "PersistentVolumeClaim", "spec/storageClassName", false},
                  {"", "", "StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName", false}}});
    Referral pc{{"scheduling.k8s.io", "v1", "PriorityClass"}, {}};
    add_pod_paths(pc.referrers, {"priorityClassName"},
                  {"Pod", "StatefulSet", "Deployment", "ReplicationController", "CronJob", "Job", "DaemonSet"});
    r.push_back(std::move(pc));
    return r;
  }();
  return v;
}

bool gvk_selected(const Gvk& sel, const Gvk& g) {
  return (sel.group.empty() || sel.group == g.group) && (sel.version.empty() || sel.version == g.version) &&
         (sel.kind.empty() || sel.kind == g.kind);
}

std::string eff(const std::string& ns) { return ns.empty() ? "default" : ns; }

struct Fixer {
  std::vector<Resource>& rs;
  const Referral& ref;
  const Resource* referrer = nullptr;
  const FieldSpec* spec = nullptr;

  std::vector<const Resource*> candidates(const std::string& old_name, const std::vector<const Resource*>& pool) const {
    std::vector<const Resource*> c;
    for (const Resource* r : pool) {
      bool prev = false;
      for (const auto& [n, ns] : r->prev_ids) prev = prev || n == old_name;
      if (!prev || !gvk_selected(ref.target, r->gvk())) continue;
      if (spec->path.size() >= 12 && spec->path.compare(spec->path.size() - 12, 12, "roleRef/name") == 0) {
        const Node* rr = referrer->obj.find("roleRef");
        if (rr && rr->get_string({"kind"}) && rr->get_string({"kind"}) != std::optional<std::string>(r->kind()))
          continue;
      }
      // sameCurrentNamespaceAsReferrer
      if (!is_cluster_scoped(referrer->kind()) && !is_cluster_scoped(r->kind()) && r->kind() != "ServiceAccount" &&
          eff(referrer->ns()) != eff(r->ns()))
        continue;
      c.push_back(r);
    }
    if (c.size() <= 1) return c;
    std::vector<const Resource*> same;
    for (const Resource* r : c)
      if (r->prefixes == referrer->prefixes && r->suffixes == referrer->suffixes) same.push_back(r);
    return same;
  }

  Status pick(const std::string& old_name, const std::vector<const Resource*>& pool, bool with_ns,
              const Resource*& out) const {
    out = nullptr;
    auto c = candidates(old_name, pool);
    if (c.empty()) return {};
    for (const Resource* r : c) {
      if (r->name() != c[0]->name() || (with_ns && r->ns() != c[0]->ns())) {
        std::string ids;
        for (const Resource* x : c) ids += (ids.empty() ? "" : ", ") + x->id();
        return Error("found multiple possible referrals for '" + old_name + "' in " + referrer->id() + ": " + ids);
      }
    }
    out = c[0];
    return {};
  }

  std::vector<const Resource*> all() const {
    std::vector<const Resource*> v;
    for (const auto& r : rs) v.push_back(&r);
    return v;
  }

  Status set_scalar(Node& n) const {
    if (!n.is_scalar()) return {};
    const Resource* hit = nullptr;
    if (Status s = pick(n.text(), all(), false, hit); !s) return s;
    if (hit && hit->name() != n.text()) n = Node::string(hit->name());
    return {};
  }

  Status set_mapping(Node& n) const {
    Node* name = n.find("name");
    if (!name || !name->is_scalar()) return {};
    std::vector<const Resource*> pool;
    if (const Node* nsn = n.find("namespace"); nsn && nsn->is_scalar()) {
      const std::string want = nsn->text();
      for (const auto& r : rs) {
        const std::string org = r.prev_ids.empty() ? r.ns() : r.prev_ids.front().second;
        if (eff(org) == eff(want)) pool.push_back(&r);
      }
      if (pool.empty())
        for (const auto& r : rs)
          if (eff(r.ns()) == eff(want)) pool.push_back(&r);
    } else {
      pool = all();
    }
    const Resource* hit = nullptr;
    if (Status s = pick(name->text(), pool, true, hit); !s) return s;
    if (!hit) return {};
    if (hit->name() == name->text() && hit->ns().empty()) return {};
    n.set("name", Node::string(hit->name()));
    if (!hit->ns().empty()) n.set("namespace", Node::string(hit->ns()));
    return {};
  }

  Status set(Node& n) const {
    if (n.is_scalar()) return set_scalar(n);
    if (n.is_map()) return set_mapping(n);
    if (n.is_list()) {
      for (auto& item : n.items()) {
        if (Status s = item.is_map() ? set_mapping(item) : set_scalar(item); !s) return s;
      }
    }
    return {};
  }
};

}  // namespace

Status fix_name_references(std::vector<Resource>& rs) {
  for (const Referral& ref : referrals()) {
    for (auto& r : rs) {
      const Gvk g = r.gvk();
      for (const FieldSpec& fs : ref.referrers) {
        if (!fieldspec_selects(fs, g)) continue;
        Fixer fx{rs, ref, &r, &fs};
        Status s = walk_fieldspec(r.obj, fs, [&](Node& parent, const std::string& key) -> Status {
          Node* leaf = parent.find(key);
          return leaf ? fx.set(*leaf) : Status{};
        });
        if (!s) return Error("updating name reference in '" + fs.path + "' of " + r.id() + ": " + s.error().message);
      }
    }
  }
  return {};
}

}  // namespace gs::render::detail
