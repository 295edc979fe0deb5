#include "sim/world/app_object.hpp"

#include "sim/world/world.hpp"

namespace gs::world {
namespace {

using model::Node;

Node text_node(const std::string& s) { return Node::string(s); }

std::string time_text(const world::World& w, TimePoint t) { return format_rfc3339_utc(w.epoch_s_at(t)); }

Node source_of(const gitops::AppView& a, const std::string& target_revision) {
  Node s = Node::map();
  s["repoURL"] = text_node(a.repo_url);
  s["path"] = text_node(a.path);
  s["targetRevision"] = text_node(target_revision);
  return s;
}

Node spec_of(const gitops::AppView& a) {
  Node spec = Node::map();
  spec["project"] = text_node(a.project);
  spec["source"] = source_of(a, a.target_revision);
  Node dest = Node::map();
  dest["server"] = text_node(a.server);
  dest["namespace"] = text_node(a.ns);
  spec["destination"] = std::move(dest);
  Node policy = Node::map();
  if (a.automated) {
    Node automated = Node::map();
    automated["prune"] = Node::boolean(a.prune);
    automated["selfHeal"] = Node::boolean(a.self_heal);
    policy["automated"] = std::move(automated);
  }
  Node options = Node::list();
  for (const auto& o : a.sync_options) options.push_back(text_node(o));
  policy["syncOptions"] = std::move(options);
  spec["syncPolicy"] = std::move(policy);
  return spec;
}

Node operation_state(const gitops::OperationView& op, const world::World& w) {
  Node s = Node::map();
  s["phase"] = text_node(op.phase);
  s["message"] = text_node(op.message);
  s["startedAt"] = text_node(time_text(w, op.started_at));
  if (op.finished_at) s["finishedAt"] = text_node(time_text(w, *op.finished_at));
  s["retryCount"] = Node::integer(op.retry_count);
  Node operation = Node::map();
  Node initiated = Node::map();
  // Argo CD's OperationInitiator: automated, or a user's name.
  if (op.initiated_by == "automated" || op.initiated_by == "selfHeal") initiated["automated"] = Node::boolean(true);
  else initiated["username"] = text_node("admin");
  operation["initiatedBy"] = std::move(initiated);
  s["operation"] = std::move(operation);
  Node result = Node::map();
  result["revision"] = text_node(op.revision);
  s["syncResult"] = std::move(result);
  return s;
}

Node status_of(const gitops::AppView& a, const world::World& w) {
  Node st = Node::map();
  Node sync = Node::map();
  sync["status"] = text_node(a.sync);
  sync["revision"] = text_node(a.revision);
  st["sync"] = std::move(sync);
  Node health = Node::map();
  health["status"] = text_node(a.health);
  if (!a.health_message.empty()) health["message"] = text_node(a.health_message);
  st["health"] = std::move(health);
  if (!a.source_type.empty()) st["sourceType"] = text_node(a.source_type);
  if (a.reconciled_at) st["reconciledAt"] = text_node(time_text(w, *a.reconciled_at));
  if (a.operation) st["operationState"] = operation_state(*a.operation, w);
  Node history = Node::list();
  for (const auto& h : a.history) {
    Node e = Node::map();
    e["id"] = Node::integer(h.id);
    e["revision"] = text_node(h.revision);
    e["deployedAt"] = text_node(time_text(w, h.deployed_at));
    e["source"] = source_of(a, h.target_revision);
    history.push_back(std::move(e));
  }
  st["history"] = std::move(history);
  Node conditions = Node::list();
  for (const auto& c : a.conditions) {
    Node e = Node::map();
    e["type"] = text_node(c.type);
    e["message"] = text_node(c.message);
    e["lastTransitionTime"] = text_node(time_text(w, c.last_transition));
    conditions.push_back(std::move(e));
  }
  st["conditions"] = std::move(conditions);
  Node resources = Node::list();
  for (const auto& r : a.resources) {
    Node e = Node::map();
    if (!r.key.group.empty()) e["group"] = text_node(r.key.group);
    e["kind"] = text_node(r.key.kind);
    if (!r.key.ns.empty()) e["namespace"] = text_node(r.key.ns);
    e["name"] = text_node(r.key.name);
    e["status"] = text_node(r.sync);
    if (!r.health.empty()) {
      Node h = Node::map();
      h["status"] = text_node(r.health);
      e["health"] = std::move(h);
    }
    resources.push_back(std::move(e));
  }
  st["resources"] = std::move(resources);
  return st;
}

}  // namespace

Node application_object(const gitops::AppView& a, const world::World& w) {
  Node o = Node::map();
  o["apiVersion"] = text_node("argoproj.io/v1alpha1");
  o["kind"] = text_node("Application");
  Node meta = Node::map();
  meta["name"] = text_node(a.name);
  meta["namespace"] = text_node(a.app_namespace);
  o["metadata"] = std::move(meta);
  o["spec"] = spec_of(a);
  o["status"] = status_of(a, w);
  return o;
}

}  // namespace gs::world
