#include "sim/render/resource.hpp"

#include <algorithm>
#include <array>

namespace gs::render::detail {

using model::Node;

Gvk gvk_of(const Node& obj) {
  Gvk g;
  const std::string av = obj.get_string({"apiVersion"}).value_or("");
  const auto slash = av.find('/');
  if (slash == std::string::npos) {
    g.version = av;
  } else {
    g.group = av.substr(0, slash);
    g.version = av.substr(slash + 1);
  }
  g.kind = obj.get_string({"kind"}).value_or("");
  return g;
}

std::string gvk_string(const Gvk& g) {
  return (g.group.empty() ? "~G" : g.group) + "_" + (g.version.empty() ? "~V" : g.version) + "_" +
         (g.kind.empty() ? "~K" : g.kind);
}

bool is_cluster_scoped(std::string_view kind) {
  // kustomize api/resid/gvk.go NotNamespaceableKinds.
  static constexpr std::array<std::string_view, 23> kinds = {
      "APIService", "CSIDriver", "CSINode", "CertificateSigningRequest", "Cluster", "ClusterRole",
      "ClusterRoleBinding", "ComponentStatus", "CustomResourceDefinition", "MutatingWebhookConfiguration",
      "Namespace", "Node", "PersistentVolume", "PodSecurityPolicy", "PriorityClass", "RuntimeClass",
      "SelfSubjectAccessReview", "SelfSubjectRulesReview", "StorageClass", "SubjectAccessReview", "TokenReview",
      "ValidatingWebhookConfiguration", "VolumeAttachment"};
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string Resource::name() const { return obj.get_string({"metadata", "name"}).value_or(""); }
std::string Resource::ns() const { return obj.get_string({"metadata", "namespace"}).value_or(""); }
std::string Resource::kind() const { return obj.get_string({"kind"}).value_or(""); }

void Resource::store_prev_id() { prev_ids.emplace_back(name(), ns()); }

bool Resource::had_name(std::string_view n) const {
  if (name() == n) return true;
  for (const auto& [pn, pns] : prev_ids)
    if (pn == n) return true;
  return false;
}

std::string Resource::id() const {
  const Gvk g = gvk();
  std::string s = g.kind + "." + g.version;
  if (!g.group.empty()) s += "." + g.group;
  s += "/" + name();
  if (!ns().empty()) s += "." + ns();
  return s;
}

bool fieldspec_selects(const FieldSpec& fs, const Gvk& g) {
  if (!fs.group.empty() && fs.group != g.group) return false;
  if (!fs.version.empty() && fs.version != g.version) return false;
  if (!fs.kind.empty() && fs.kind != g.kind) return false;
  return true;
}

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string seg(path.substr(i, j - i));
    if (seg.size() > 2 && seg.compare(seg.size() - 2, 2, "[]") == 0) seg.resize(seg.size() - 2);
    if (!seg.empty()) out.push_back(std::move(seg));
    i = j + 1;
  }
  return out;
}

Status walk(Node& node, const std::vector<std::string>& segs, std::size_t i, bool create,
            const std::function<Status(Node&, const std::string&)>& fn) {
  if (node.is_list()) {
    for (Node& item : node.items()) {
      if (Status s = walk(item, segs, i, create, fn); !s) return s;
    }
    return {};
  }
  if (!node.is_map()) return {};
  if (i + 1 == segs.size()) return fn(node, segs[i]);
  Node* next = node.find(segs[i]);
  if (!next || next->is_null()) {
    if (!create) return {};
    node.set(segs[i], Node::map());
    next = node.find(segs[i]);
  }
  return walk(*next, segs, i + 1, create, fn);
}

}  // namespace

Status walk_fieldspec(Node& obj, const FieldSpec& fs, const std::function<Status(Node&, const std::string&)>& fn) {
  const auto segs = split_path(fs.path);
  if (segs.empty()) return {};
  return walk(obj, segs, 0, fs.create, fn);
}

namespace {

int type_order(std::string_view kind) {
  // kustomize plugin/builtin/sortordertransformer defaultOrderFirst/Last.
  static constexpr std::array<std::string_view, 22> first = {
      "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
      "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
      "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
      "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget"};
  static constexpr std::array<std::string_view, 2> last = {"MutatingWebhookConfiguration",
                                                           "ValidatingWebhookConfiguration"};
  for (std::size_t i = 0; i < first.size(); ++i)
    if (first[i] == kind) return -static_cast<int>(first.size()) + static_cast<int>(i);
  for (std::size_t i = 0; i < last.size(); ++i)
    if (last[i] == kind) return 1 + static_cast<int>(i);
  return 0;
}

}  // namespace

void legacy_sort(std::vector<Resource>& rs) {
  struct Key {
    Gvk gvk;
    std::string gvks;
    std::string idstr;
  };
  std::vector<std::pair<Key, Resource*>> keyed;
  keyed.reserve(rs.size());
  for (auto& r : rs) {
    Key k;
    k.gvk = r.gvk();
    k.gvks = gvk_string(k.gvk);
    const std::string ns = r.ns();
    const std::string nm = r.name();
    k.idstr = k.gvks + "|" + (ns.empty() ? "~X" : ns) + "|" + (nm.empty() ? "~N" : nm);
    keyed.emplace_back(std::move(k), &r);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    const Key& x = a.first;
    const Key& y = b.first;
    if (x.gvks != y.gvks) {
      const int ix = type_order(x.gvk.kind), iy = type_order(y.gvk.kind);
      if (ix != iy) return ix < iy;
      if (x.gvk.kind == "Namespace" && y.gvk.kind == "Namespace" && (x.gvk.group.empty() || y.gvk.group.empty())) {
        // The core group ("~G_...") first, as comparing these ids the other
        // way round does for every DNS group name; said outright, so that a
        // group sorting after '~' (not a DNS name) cannot make the order cyclic.
        if (x.gvk.group.empty() != y.gvk.group.empty()) return x.gvk.group.empty();
        return x.gvks > y.gvks;
      }
      return x.gvks < y.gvks;
    }
    return x.idstr < y.idstr;
  });
  std::vector<Resource> out;
  out.reserve(rs.size());
  for (auto& [k, r] : keyed) out.push_back(std::move(*r));
  rs = std::move(out);
}

}  // namespace gs::render::detail
