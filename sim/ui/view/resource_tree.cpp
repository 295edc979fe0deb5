#include "sim/ui/view/resource_tree.hpp"

#include <cstdio>

#include "sim/cluster/cluster.hpp"
#include "sim/world/read_model.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

std::string last_segment(const std::string& image) {
  const auto slash = image.rfind('/');
  return slash == std::string::npos ? image : image.substr(slash + 1);
}

std::string note_of(const model::Node& obj, const std::string& kind) {
  if (kind == "Pod") {
    std::string reason;
    std::int64_t ready = 0, total = 0;
    if (const model::Node* cs = obj.get({"status", "containerStatuses"}); cs && cs->is_list()) {
      for (const auto& c : cs->items()) {
        ++total;
        if (const model::Node* r = c.find("ready"); r && r->as_bool().value_or(false)) ++ready;
        if (auto w = c.get_string({"state", "waiting", "reason"}); w && reason.empty()) reason = *w;
        if (auto t = c.get_string({"state", "terminated", "reason"}); t && reason.empty()) reason = *t;
      }
    }
    if (reason.empty()) reason = obj.get_string({"status", "phase"}).value_or("Pending");
    if (total == 0) {
      if (const model::Node* cons = obj.get({"spec", "containers"}); cons && cons->is_list()) total = static_cast<std::int64_t>(cons->size());
    }
    return reason + " " + std::to_string(ready) + "/" + std::to_string(total);
  }
  if (kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet") {
    std::string out;
    if (const model::Node* cons = obj.get({"spec", "template", "spec", "containers"}); cons && cons->is_list()) {
      for (const auto& c : cons->items()) {
        if (auto img = c.get_string({"image"})) out += (out.empty() ? "" : ", ") + last_segment(*img);
      }
    }
    const auto ready = obj.get({"status", "readyReplicas"});
    const auto want = obj.get({"spec", "replicas"});
    out += "  " + std::to_string(ready ? ready->as_int().value_or(0) : 0) + "/" +
           std::to_string(want ? want->as_int().value_or(0) : 0);
    return out;
  }
  if (kind == "Service") return obj.get_string({"spec", "type"}).value_or("ClusterIP");
  return {};
}

cluster::HealthStatus health_of(const std::string& code, const std::string& message) {
  return cluster::HealthStatus{cluster::parse_health(code).value_or(cluster::HealthCode::Unknown), message};
}

}  // namespace

std::string kind_short(const std::string& kind) {
  if (kind == "Deployment") return "deploy";
  if (kind == "ReplicaSet") return "rs";
  if (kind == "Pod") return "pod";
  if (kind == "Service") return "svc";
  if (kind == "ConfigMap") return "cm";
  if (kind == "Secret") return "secret";
  if (kind == "Namespace") return "ns";
  if (kind == "Ingress") return "ing";
  if (kind == "Application") return "app";
  if (kind == "StatefulSet") return "sts";
  if (kind == "DaemonSet") return "ds";
  if (kind == "Job") return "job";
  return kind;
}

std::vector<ResourceEventRow> resource_events(const world::World& w, const world::ReadModel& model,
                                              const std::string& app, const cluster::ObjectKey& key) {
  std::vector<ResourceEventRow> out;
  const world::AppEntry* entry = model.app(app);
  const world::ClusterState* cs = entry ? w.cluster_by_name(entry->view.cluster) : nullptr;
  if (!cs) return out;
  for (const auto& e : cs->cluster->events_for(key)) {
    // The clock time of its last occurrence, as the timeline shows times.
    const std::int64_t s = ((w.epoch_s_at(e.last) % 86400) + 86400) % 86400;
    char hhmmss[16];
    std::snprintf(hhmmss, sizeof hhmmss, "%02d:%02d:%02d", static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60),
                  static_cast<int>(s % 60));
    out.push_back(ResourceEventRow{e.type == "Warning", e.reason, hhmmss, e.count, e.message});
  }
  return out;
}

std::vector<TreeNode> build_resource_tree(const world::World& w, const world::ReadModel& model, const std::string& app,
                                          std::size_t max_nodes) {
  std::vector<TreeNode> out;
  const world::AppEntry* e = model.app(app);
  if (!e) return out;
  const gitops::AppView& v = e->view;
  TreeNode root;
  root.key = cluster::ObjectKey{"argoproj.io", "Application", v.app_namespace, app};
  root.sync = gitops::parse_sync_status(v.sync);
  root.health = health_of(v.health, v.health_message);
  root.managed = true;
  out.push_back(root);

  const world::ClusterState* cs = w.cluster_by_name(v.cluster);
  const cluster::Cluster* c = cs ? cs->cluster.get() : nullptr;

  // Depth-first so children follow their parent, as the tree draws them.
  auto add_children = [&](auto&& self, const cluster::ObjectKey& key, int parent, int depth) -> void {
    if (!c || depth > 5) return;
    for (const auto& child : c->owned_by(key)) {
      if (out.size() >= max_nodes) return;
      const model::Node* obj = c->get(child);
      TreeNode n;
      n.depth = depth;
      n.parent = parent;
      n.key = child;
      if (obj) {
        n.health = cluster::assess_health(*obj);
        n.note = note_of(*obj, child.kind);
      }
      out.push_back(std::move(n));
      self(self, child, static_cast<int>(out.size()) - 1, depth + 1);
    }
  };
  for (const auto& r : v.resources) {
    if (out.size() >= max_nodes) break;
    TreeNode n;
    n.depth = 1;
    n.parent = 0;
    n.key = r.key;
    n.managed = true;
    n.sync = gitops::parse_sync_status(r.sync);
    if (!r.health.empty()) n.health = health_of(r.health, r.health_message);
    n.requires_pruning = r.requires_pruning;
    n.live = r.live;
    if (c && r.live) {
      if (const model::Node* obj = c->get(r.key)) n.note = note_of(*obj, r.key.kind);
    }
    // App of Apps: a child Application's own state, as Argo CD's tree shows it.
    if (r.key.group == "argoproj.io" && r.key.kind == "Application") {
      if (const world::AppEntry* child = model.app(r.key.name)) {
        n.note = child->view.sync + " \xC2\xB7 " + child->view.health;
      }
    }
    out.push_back(std::move(n));
    if (r.live) add_children(add_children, r.key, static_cast<int>(out.size()) - 1, 2);
  }
  return out;
}

}  // namespace gs::ui
