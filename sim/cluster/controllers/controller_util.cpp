#include "sim/cluster/controllers/controller_util.hpp"

#include <algorithm>

#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

std::int64_t replicas_of(const Node& o) { return get_int(o, {"spec", "replicas"}, 1); }

bool pod_ready(const Node& pod) {
  const Node* c = find_condition(pod, "Ready");
  return c && get_str(*c, {"status"}) == "True";
}

bool pod_terminal(const Node& pod) {
  const std::string phase = get_str(pod, {"status", "phase"});
  return phase == "Succeeded" || phase == "Failed";
}

bool pod_active(const Node& pod) { return !pod.get({"metadata", "deletionTimestamp"}) && !pod_terminal(pod); }

std::string pod_revision(const Node& pod) { return get_str(pod, {"metadata", "labels", std::string(kRevisionLabel)}); }

std::string template_hash(const Node& tmpl, std::int64_t collision_count) {
  std::string text = canonical(tmpl);
  if (collision_count > 0) text += "#" + std::to_string(collision_count);
  std::string digits = std::to_string(fnv1a32(text));
  while (digits.size() < 10) digits.insert(digits.begin(), '0');
  std::string out;
  for (char c : digits) out += kSafeAlphabet[static_cast<unsigned char>(c) % kSafeAlphabet.size()];
  return out;
}

Node without_hash(const Node& tmpl) {
  Node t = tmpl;
  if (Node* labels = t.get({"metadata", "labels"}) ? &t["metadata"]["labels"] : nullptr) {
    labels->erase(kHashLabel);
    if (labels->size() == 0) t["metadata"].erase("labels");
  }
  if (Node* meta = t.find("metadata"); meta && meta->is_map() && meta->size() == 0) t.erase("metadata");
  return t;
}

Node make_condition(std::string_view type, std::string_view status, const std::string& at, std::string_view reason,
                    std::string_view message, bool with_update_time) {
  Node c = Node::map();
  c.set("type", Node::string(std::string(type)));
  c.set("status", Node::string(std::string(status)));
  if (with_update_time) c.set("lastUpdateTime", Node::string(at));
  c.set("lastTransitionTime", Node::string(at));
  c.set("reason", Node::string(std::string(reason)));
  c.set("message", Node::string(std::string(message)));
  return c;
}

void remove_condition(Node& conds, std::string_view type) {
  std::erase_if(conds.items(), [&](const Node& c) { return get_str(c, {"type"}) == type; });
}

void set_condition(Node& conds, Node cond) {
  if (!conds.is_list()) conds = Node::list();
  const std::string type = get_str(cond, {"type"});
  for (const auto& c : conds.items()) {
    if (get_str(c, {"type"}) != type) continue;
    if (get_str(c, {"status"}) == get_str(cond, {"status"}) && get_str(c, {"reason"}) == get_str(cond, {"reason"}))
      return;
    if (get_str(c, {"status"}) == get_str(cond, {"status"}))
      cond.set("lastTransitionTime", *c.find("lastTransitionTime"));
  }
  remove_condition(conds, type);
  conds.push_back(std::move(cond));
}

const Node* condition_in(const Node& conds, std::string_view type) {
  if (!conds.is_list()) return nullptr;
  for (const auto& c : conds.items()) {
    if (get_str(c, {"type"}) == type) return &c;
  }
  return nullptr;
}

TimePoint Delays::due(const std::string& uid, TimePoint now, Rng& stream, std::int64_t lo_ms, std::int64_t hi_ms) {
  auto it = due_.find(uid);
  if (it == due_.end()) it = due_.emplace(uid, now + Duration::millis(stream.between(lo_ms, hi_ms))).first;
  return it->second;
}

TimePoint RetryBackoff::next_try(const std::string& uid, TimePoint now) {
  const int n = failures_[uid]++;
  Duration delay = Duration::millis(5);
  for (int i = 0; i < n && delay < Duration::seconds(1000); ++i) delay = delay * 2;
  return now + std::min(delay, Duration::seconds(1000));
}

}  // namespace gs::cluster::detail
