// The deployment and replicaset controllers, after kube-controller-manager's
// pkg/controller/deployment (rolling.go, recreate.go, progress.go, sync.go)
// and pkg/controller/replicaset: same arithmetic, same conditions and reasons.
#include <algorithm>
#include <cmath>

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster {

using model::Node;
using namespace detail;

namespace {

constexpr std::string_view kRevision = "deployment.kubernetes.io/revision";
constexpr std::string_view kDesired = "deployment.kubernetes.io/desired-replicas";
constexpr std::string_view kMaxReplicas = "deployment.kubernetes.io/max-replicas";
constexpr std::string_view kHashLabel = "pod-template-hash";
// rand.SafeEncodeString's alphabet: no vowels, no 0/1/3 (avoids words).
constexpr std::string_view kAlphabet = "bcdfghjklmnpqrstvwxz2456789";

std::int64_t replicas_of(const Node& o) { return get_int(o, {"spec", "replicas"}, 1); }

std::int64_t revision_of(const Node& rs) {
  const std::string s = get_str(rs, {"metadata", "annotations", std::string(kRevision)}, "0");
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
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

// Kubernetes' ComputeHash: FNV-32a of the template, printed in decimal and
// re-encoded in the safe alphabet (padded to 10 characters here).
std::string template_hash(const Node& tmpl, std::int64_t collision_count) {
  std::string text = canonical(tmpl);
  if (collision_count > 0) text += "#" + std::to_string(collision_count);
  std::string digits = std::to_string(fnv1a32(text));
  while (digits.size() < 10) digits.insert(digits.begin(), '0');
  std::string out;
  for (char c : digits) out += kAlphabet[static_cast<unsigned char>(c) % kAlphabet.size()];
  return out;
}

// intstr.GetScaledValueFromIntOrPercent.
std::int64_t scaled(const Node* v, std::int64_t total, bool round_up) {
  if (!v) return 0;
  if (auto i = v->as_int()) return *i;
  std::string s = v->text();
  if (!s.empty() && s.back() == '%') {
    s.pop_back();
    std::int64_t pct = std::atoll(s.c_str());
    const double x = static_cast<double>(pct) * static_cast<double>(total) / 100.0;
    return static_cast<std::int64_t>(round_up ? std::ceil(x) : std::floor(x));
  }
  return std::atoll(s.c_str());
}

// ResolveFenceposts: both rounding to zero would block the rollout, so unavailable becomes 1.
std::pair<std::int64_t, std::int64_t> fenceposts(const Node& d) {
  const std::int64_t replicas = replicas_of(d);
  if (get_str(d, {"spec", "strategy", "type"}, "RollingUpdate") != "RollingUpdate") return {0, 0};
  std::int64_t surge = scaled(d.get({"spec", "strategy", "rollingUpdate", "maxSurge"}), replicas, true);
  std::int64_t unavailable = scaled(d.get({"spec", "strategy", "rollingUpdate", "maxUnavailable"}), replicas, false);
  if (surge == 0 && unavailable == 0) unavailable = 1;
  return {surge, unavailable};
}

struct DeploymentStatus {
  std::int64_t observed_generation = 0, replicas = 0, updated = 0, ready = 0, available = 0, unavailable = 0;
};

DeploymentStatus read_status(const Node& d) {
  return {get_int(d, {"status", "observedGeneration"}), get_int(d, {"status", "replicas"}),
          get_int(d, {"status", "updatedReplicas"}),    get_int(d, {"status", "readyReplicas"}),
          get_int(d, {"status", "availableReplicas"}),  get_int(d, {"status", "unavailableReplicas"})};
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
  auto& items = conds.items();
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const Node& c) { return get_str(c, {"type"}) == type; }),
              items.end());
}

// SetDeploymentCondition: same status and reason is a no-op; same status keeps
// lastTransitionTime; the condition moves to the end.
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

bool pod_ready(const Node& pod) {
  const Node* c = find_condition(pod, "Ready");
  return c && get_str(*c, {"status"}) == "True";
}

bool pod_terminal(const Node& pod) {
  const std::string phase = get_str(pod, {"status", "phase"});
  return phase == "Succeeded" || phase == "Failed";
}

bool pod_active(const Node& pod) { return !pod.get({"metadata", "deletionTimestamp"}) && !pod_terminal(pod); }

}  // namespace

void Cluster::reconcile_deployment(const ObjectKey& key, TimePoint now) {
  const Node* current = get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  const std::string by = "deployment-controller";
  Node d = *current;
  const std::string at = ts(now);
  const std::int64_t replicas = replicas_of(d);
  const bool recreate = get_str(d, {"spec", "strategy", "type"}) == "Recreate";
  const bool paused = get_bool(d, {"spec", "paused"});
  const auto [max_surge, max_unavailable] = fenceposts(d);
  const Node tmpl = d.get({"spec", "template"}) ? *d.get({"spec", "template"}) : Node::map();
  const Node tmpl_plain = without_hash(tmpl);
  const std::int64_t deadline_s = get_int(d, {"spec", "progressDeadlineSeconds"}, 600);
  const bool has_deadline = d.get({"spec", "progressDeadlineSeconds"}) && deadline_s != 2147483647;
  const std::string dname = key.name;

  // ReplicaSets this deployment controls, oldest first.
  auto owned = [&]() {
    std::vector<ObjectKey> rs = controlled_by(key, "ReplicaSet");
    std::sort(rs.begin(), rs.end(), [&](const ObjectKey& a, const ObjectKey& b) {
      const Node& x = *get(a);
      const Node& y = *get(b);
      auto ca = get_str(x, {"metadata", "creationTimestamp"});
      auto cb = get_str(y, {"metadata", "creationTimestamp"});
      if (ca != cb) return ca < cb;
      auto ra = std::stoull(get_str(x, {"metadata", "resourceVersion"}, "0"));
      auto rb = std::stoull(get_str(y, {"metadata", "resourceVersion"}, "0"));
      if (ra != rb) return ra < rb;
      return a < b;
    });
    return rs;
  };
  std::optional<ObjectKey> new_rs;
  std::vector<ObjectKey> old_rs;
  auto classify = [&]() {
    new_rs.reset();
    old_rs.clear();
    for (const auto& k : owned()) {
      const Node* t = get(k)->get({"spec", "template"});
      if (!new_rs && t && without_hash(*t) == tmpl_plain) {
        new_rs = k;
      } else {
        old_rs.push_back(k);
      }
    }
  };
  classify();

  // A copy: writes into d.status must not invalidate it.
  Node conds = d.get({"status", "conditions"}) ? *d.get({"status", "conditions"}) : Node::list();
  if (!conds.is_list()) conds = Node::list();

  auto scale_rs = [&](const ObjectKey& rs, std::int64_t n) {
    Node copy = *get(rs);
    if (replicas_of(copy) == n && get_str(copy, {"metadata", "annotations", std::string(kDesired)}) ==
                                      std::to_string(replicas))
      return false;
    const std::int64_t was = replicas_of(copy);
    set_int(copy, {"spec", "replicas"}, n);
    set_str(copy, {"metadata", "annotations", std::string(kDesired)}, std::to_string(replicas));
    set_str(copy, {"metadata", "annotations", std::string(kMaxReplicas)}, std::to_string(replicas + max_surge));
    store_update(rs, std::move(copy), now, by);
    if (n != was) {
      record_event(key, "Normal", "ScalingReplicaSet",
                   std::string(n > was ? "Scaled up" : "Scaled down") + " replica set " + rs.name + " to " +
                       std::to_string(n) + " from " + std::to_string(was),
                   by.c_str(), now);
    }
    return true;
  };
  auto sum = [&](const std::vector<ObjectKey>& rss, auto field) {
    std::int64_t total = 0;
    for (const auto& k : rss) {
      if (const Node* r = get(k)) total += field(*r);
    }
    return total;
  };
  auto spec_count = [](const Node& r) { return replicas_of(r); };
  auto all_rs = [&]() {
    std::vector<ObjectKey> all = old_rs;
    if (new_rs) all.push_back(*new_rs);
    return all;
  };
  auto max_old_revision = [&]() {
    std::int64_t m = 0;
    for (const auto& k : old_rs) m = std::max(m, revision_of(*get(k)));
    return m;
  };

  // getNewReplicaSet: find or create, and keep revisions in step.
  auto sync_new_rs = [&](bool create) {
    const std::int64_t next_rev = max_old_revision() + 1;
    if (new_rs) {
      Node rs = *get(*new_rs);
      if (revision_of(rs) < next_rev) {
        set_str(rs, {"metadata", "annotations", std::string(kRevision)}, std::to_string(next_rev));
        store_update(*new_rs, std::move(rs), now, by);
      }
      set_str(d, {"metadata", "annotations", std::string(kRevision)}, std::to_string(revision_of(*get(*new_rs))));
      if (has_deadline && !condition_in(conds, "Progressing"))
        set_condition(conds, make_condition("Progressing", "True", at, "FoundNewReplicaSet",
                                            "Found new replica set \"" + new_rs->name + "\"", true));
      return;
    }
    if (!create) return;
    std::int64_t collisions = get_int(d, {"status", "collisionCount"});
    std::string hash, rs_name;
    for (int i = 0; i < 16; ++i) {  // a name taken by a foreign template is a collision
      hash = template_hash(tmpl_plain, collisions);
      rs_name = dname + "-" + hash;
      if (!get(ObjectKey{"apps", "ReplicaSet", key.ns, rs_name})) break;
      ++collisions;
    }
    if (collisions > 0) set_int(d, {"status", "collisionCount"}, collisions);
    Node rs = Node::map();
    rs.set("apiVersion", Node::string("apps/v1"));
    rs.set("kind", Node::string("ReplicaSet"));
    Node& meta = rs["metadata"];
    meta.set("name", Node::string(rs_name));
    meta.set("namespace", Node::string(key.ns));
    Node labels = tmpl_plain.get({"metadata", "labels"}) ? *tmpl_plain.get({"metadata", "labels"}) : Node::map();
    labels.set(kHashLabel, Node::string(hash));
    meta.set("labels", labels);
    std::int64_t new_count = replicas;
    if (!recreate) {
      const std::int64_t current_pods = sum(old_rs, spec_count);
      const std::int64_t max_total = replicas + max_surge;
      new_count = current_pods >= max_total ? 0 : std::min(max_total - current_pods, replicas);
    }
    set_str(meta, {"annotations", std::string(kDesired)}, std::to_string(replicas));
    set_str(meta, {"annotations", std::string(kMaxReplicas)}, std::to_string(replicas + max_surge));
    set_str(meta, {"annotations", std::string(kRevision)}, std::to_string(next_rev));
    Node ref = Node::map();
    ref.set("apiVersion", Node::string("apps/v1"));
    ref.set("kind", Node::string("Deployment"));
    ref.set("name", Node::string(dname));
    ref.set("uid", Node::string(get_str(d, {"metadata", "uid"})));
    ref.set("controller", Node::boolean(true));
    ref.set("blockOwnerDeletion", Node::boolean(true));
    Node refs = Node::list();
    refs.push_back(std::move(ref));
    meta.set("ownerReferences", std::move(refs));
    Node& spec = rs["spec"];
    spec.set("replicas", Node::integer(new_count));
    if (auto mrs = opt_int(d, {"spec", "minReadySeconds"})) spec.set("minReadySeconds", Node::integer(*mrs));
    Node selector = d.get({"spec", "selector"}) ? *d.get({"spec", "selector"}) : Node::map();
    set_str(selector, {"matchLabels", std::string(kHashLabel)}, hash);
    spec.set("selector", std::move(selector));
    Node t = tmpl;
    set_str(t, {"metadata", "labels", std::string(kHashLabel)}, hash);
    spec.set("template", std::move(t));
    const ObjectKey rs_key{"apps", "ReplicaSet", key.ns, rs_name};
    store_create(std::move(rs), rs_key, now, by);
    record_event(key, "Normal", "ScalingReplicaSet",
                 "Scaled up replica set " + rs_name + " to " + std::to_string(new_count), by.c_str(), now);
    set_str(d, {"metadata", "annotations", std::string(kRevision)}, std::to_string(next_rev));
    if (has_deadline)
      set_condition(conds, make_condition("Progressing", "True", at, "NewReplicaSetCreated",
                                          "Created new replica set \"" + rs_name + "\"", true));
    classify();
  };

  // calculateStatus + syncRolloutStatus (progress.go), then one write.
  auto sync_rollout_status = [&]() {
    const DeploymentStatus before = read_status(*current);
    const auto all = all_rs();
    DeploymentStatus st;
    st.observed_generation = get_int(d, {"metadata", "generation"}, 1);
    st.replicas = sum(all, [](const Node& r) { return get_int(r, {"status", "replicas"}); });
    st.updated = new_rs ? get_int(*get(*new_rs), {"status", "replicas"}) : 0;
    st.ready = sum(all, [](const Node& r) { return get_int(r, {"status", "readyReplicas"}); });
    st.available = sum(all, [](const Node& r) { return get_int(r, {"status", "availableReplicas"}); });
    st.unavailable = std::max<std::int64_t>(0, sum(all, spec_count) - st.available);
    if (st.available >= replicas - max_unavailable) {
      set_condition(conds, make_condition("Available", "True", at, "MinimumReplicasAvailable",
                                          "Deployment has minimum availability.", true));
    } else {
      set_condition(conds, make_condition("Available", "False", at, "MinimumReplicasUnavailable",
                                          "Deployment does not have minimum availability.", true));
    }
    const bool complete = st.updated == replicas && st.replicas == replicas && st.available == replicas &&
                          st.observed_generation >= get_int(d, {"metadata", "generation"}, 1);
    // A sentinel, not std::optional: g++ 12 warns maybe-uninitialized on the latter here.
    std::int64_t wake_ms = -1;
    if (has_deadline && !paused) {
      const Node* cur = condition_in(conds, "Progressing");
      const bool already_complete =
          st.replicas == st.updated && cur && get_str(*cur, {"reason"}) == "NewReplicaSetAvailable";
      if (!already_complete) {
        const std::string rs_word = new_rs ? "ReplicaSet \"" + new_rs->name + "\"" : "Deployment \"" + dname + "\"";
        const bool progressing = st.updated > before.updated ||
                                 (st.replicas - st.updated) < (before.replicas - before.updated) ||
                                 st.ready > before.ready || st.available > before.available;
        bool timed_out = false;
        if (cur && get_str(*cur, {"reason"}) != "NewReplicaSetAvailable") {
          if (get_str(*cur, {"reason"}) == "ProgressDeadlineExceeded") {
            timed_out = true;
          } else if (auto from = parse_rfc3339_utc(get_str(*cur, {"lastUpdateTime"}))) {
            const TimePoint deadline{(*from - epoch0_ + deadline_s) * 1000};
            timed_out = deadline < now;
            if (!timed_out) wake_ms = (deadline + Duration::seconds(1)).ms;
          }
        }
        if (complete) {
          set_condition(conds, make_condition("Progressing", "True", at, "NewReplicaSetAvailable",
                                              rs_word + " has successfully progressed.", true));
          wake_ms = -1;
        } else if (progressing) {
          Node c = make_condition("Progressing", "True", at, "ReplicaSetUpdated", rs_word + " is progressing.", true);
          if (cur && get_str(*cur, {"status"}) == "True") c.set("lastTransitionTime", *cur->find("lastTransitionTime"));
          remove_condition(conds, "Progressing");
          conds.push_back(std::move(c));
          wake_ms = (now + Duration::seconds(deadline_s + 1)).ms;
        } else if (timed_out) {
          set_condition(conds, make_condition("Progressing", "False", at, "ProgressDeadlineExceeded",
                                              rs_word + " has timed out progressing.", true));
          wake_ms = -1;
        }
      }
    }
    Node status = Node::map();
    auto put = [&](const char* f, std::int64_t v) {
      if (v != 0) status.set(f, Node::integer(v));
    };
    put("observedGeneration", st.observed_generation);
    put("replicas", st.replicas);
    put("updatedReplicas", st.updated);
    put("readyReplicas", st.ready);
    put("availableReplicas", st.available);
    put("unavailableReplicas", st.unavailable);
    if (conds.size() > 0) status.set("conditions", conds);
    if (auto cc = opt_int(d, {"status", "collisionCount"})) status.set("collisionCount", Node::integer(*cc));
    d.set("status", std::move(status));
    store_update(key, std::move(d), now, by);
    if (wake_ms > now.ms) enqueue(Ctl::Deployment, key, TimePoint{wake_ms});
    return complete;
  };

  auto cleanup = [&]() {
    const std::int64_t limit = get_int(d, {"spec", "revisionHistoryLimit"}, 10);
    std::vector<ObjectKey> cleanable;
    for (const auto& k : old_rs) {
      const Node& r = *get(k);
      if (replicas_of(r) == 0 && get_int(r, {"status", "replicas"}) == 0 && !r.get({"metadata", "deletionTimestamp"}))
        cleanable.push_back(k);
    }
    std::sort(cleanable.begin(), cleanable.end(),
              [&](const ObjectKey& a, const ObjectKey& b) { return revision_of(*get(a)) < revision_of(*get(b)); });
    const std::int64_t excess = static_cast<std::int64_t>(cleanable.size()) - limit;
    for (std::int64_t i = 0; i < excess; ++i) store_delete(cleanable[static_cast<std::size_t>(i)], now, by);
    if (excess > 0) classify();
  };

  // Paused and resumed conditions (checkPausedConditions).
  if (has_deadline) {
    const Node* cur = condition_in(conds, "Progressing");
    const std::string reason = cur ? get_str(*cur, {"reason"}) : "";
    if (paused && reason != "DeploymentPaused") {
      set_condition(conds, make_condition("Progressing", "Unknown", at, "DeploymentPaused", "Deployment is paused", true));
    } else if (!paused && reason == "DeploymentPaused") {
      set_condition(conds,
                    make_condition("Progressing", "Unknown", at, "DeploymentResumed", "Deployment is resumed", true));
    }
  }

  if (paused) {
    // sync(): no new ReplicaSet while paused; scaling still reaches the current one.
    sync_new_rs(false);
    if (new_rs && old_rs.empty()) scale_rs(*new_rs, replicas);
    sync_rollout_status();
    return;
  }

  if (recreate) {
    sync_new_rs(false);
    bool scaled_down = false;
    for (const auto& k : old_rs) scaled_down = scale_rs(k, 0) || scaled_down;
    if (scaled_down) {
      sync_rollout_status();
      return;
    }
    for (const auto& k : old_rs) {
      for (const auto& p : controlled_by(k, "Pod")) {
        if (!pod_terminal(*get(p))) {
          sync_rollout_status();  // wait for the old pods to be gone
          return;
        }
      }
    }
    sync_new_rs(true);
    if (new_rs) scale_rs(*new_rs, replicas);
    if (sync_rollout_status()) {
      cleanup();
    }
    return;
  }

  // rolloutRolling.
  sync_new_rs(true);
  if (new_rs) {
    // reconcileNewReplicaSet
    const std::int64_t cur = replicas_of(*get(*new_rs));
    std::int64_t want = cur;
    if (cur > replicas) {
      want = replicas;
    } else if (cur < replicas) {
      const std::int64_t current_pods = sum(all_rs(), spec_count);
      const std::int64_t max_total = replicas + max_surge;
      if (current_pods < max_total) want = cur + std::min(max_total - current_pods, replicas - cur);
    }
    if (want != cur && scale_rs(*new_rs, want)) {
      sync_rollout_status();
      return;
    }
  }
  // reconcileOldReplicaSets
  const std::int64_t old_pods = sum(old_rs, spec_count);
  if (old_pods > 0) {
    const std::int64_t all_pods = sum(all_rs(), spec_count);
    const std::int64_t min_available = replicas - max_unavailable;
    const std::int64_t new_unavailable =
        new_rs ? replicas_of(*get(*new_rs)) - get_int(*get(*new_rs), {"status", "availableReplicas"}) : 0;
    const std::int64_t max_scaled_down = all_pods - min_available - new_unavailable;
    bool scaled = false;
    if (max_scaled_down > 0) {
      // cleanupUnhealthyReplicas: unavailable old pods go first.
      std::int64_t cleaned = 0;
      for (const auto& k : old_rs) {
        if (cleaned >= max_scaled_down) break;
        const Node& r = *get(k);
        const std::int64_t spec = replicas_of(r);
        const std::int64_t avail = get_int(r, {"status", "availableReplicas"});
        if (spec == 0 || spec == avail) continue;
        const std::int64_t down = std::min(max_scaled_down - cleaned, spec - avail);
        scaled = scale_rs(k, spec - down) || scaled;
        cleaned += down;
      }
      // scaleDownOldReplicaSetsForRollingUpdate
      const std::int64_t available = sum(all_rs(), [](const Node& r) { return get_int(r, {"status", "availableReplicas"}); });
      if (available > min_available) {
        const std::int64_t total_down = available - min_available;
        std::int64_t done = 0;
        for (const auto& k : old_rs) {
          if (done >= total_down) break;
          const std::int64_t spec = replicas_of(*get(k));
          if (spec == 0) continue;
          const std::int64_t down = std::min(spec, total_down - done);
          scaled = scale_rs(k, spec - down) || scaled;
          done += down;
        }
      }
    }
    if (scaled) {
      sync_rollout_status();
      return;
    }
  }
  if (sync_rollout_status()) cleanup();
}

ObjectKey Cluster::create_pod(const Node& owner, const ObjectKey& owner_key, const Node& template_, TimePoint now,
                              std::string_view by,
                              const std::vector<std::pair<std::string, std::string>>& extra_labels,
                              const std::string& fixed_name) {
  const std::string prefix = owner_key.name + "-";
  Rng& names = stream("pod-names/" + owner_key.str());
  std::string name = fixed_name;
  for (int i = 0; i < 100 && fixed_name.empty(); ++i) {
    std::string suffix;
    for (int j = 0; j < 5; ++j) suffix += kAlphabet[names.below(kAlphabet.size())];
    name = prefix + suffix;
    if (!get(ObjectKey{"", "Pod", owner_key.ns, name})) break;
  }
  Node pod = Node::map();
  pod.set("apiVersion", Node::string("v1"));
  pod.set("kind", Node::string("Pod"));
  Node& meta = pod["metadata"];
  meta.set("name", Node::string(name));
  if (fixed_name.empty()) meta.set("generateName", Node::string(prefix));
  meta.set("namespace", Node::string(owner_key.ns));
  Node labels = template_.get({"metadata", "labels"}) ? *template_.get({"metadata", "labels"}) : Node::map();
  for (const auto& [k, v] : extra_labels) labels.set(k, Node::string(v));
  if (labels.size() > 0) meta.set("labels", std::move(labels));
  if (const Node* a = template_.get({"metadata", "annotations"})) meta.set("annotations", *a);
  Node ref = Node::map();
  ref.set("apiVersion", *owner.find("apiVersion"));
  ref.set("kind", Node::string(owner_key.kind));
  ref.set("name", Node::string(owner_key.name));
  ref.set("uid", Node::string(get_str(owner, {"metadata", "uid"})));
  ref.set("controller", Node::boolean(true));
  ref.set("blockOwnerDeletion", Node::boolean(true));
  Node refs = Node::list();
  refs.push_back(std::move(ref));
  meta.set("ownerReferences", std::move(refs));
  Node spec = template_.get({"spec"}) ? *template_.get({"spec"}) : Node::map();
  if (!spec.contains("serviceAccountName")) spec.set("serviceAccountName", Node::string("default"));
  if (!spec.contains("serviceAccount")) spec.set("serviceAccount", Node::string("default"));
  spec.set("nodeName", Node::string(name_ + "-worker"));  // the scheduler binds at once: one node
  if (!spec.contains("priority")) spec.set("priority", Node::integer(0));
  if (!spec.contains("enableServiceLinks")) spec.set("enableServiceLinks", Node::boolean(true));
  pod.set("spec", std::move(spec));
  Node status = Node::map();
  status.set("phase", Node::string("Pending"));
  Node conds = Node::list();
  Node sched = Node::map();
  sched.set("type", Node::string("PodScheduled"));
  sched.set("status", Node::string("True"));
  sched.set("lastProbeTime", Node::null());
  sched.set("lastTransitionTime", Node::string(ts(now)));
  conds.push_back(std::move(sched));
  status.set("conditions", std::move(conds));
  pod.set("status", std::move(status));
  const ObjectKey key{"", "Pod", owner_key.ns, name};
  store_create(std::move(pod), key, now, by);
  record_event(owner_key, "Normal", "SuccessfulCreate", "Created pod: " + name, std::string(by).c_str(), now);
  record_event(key, "Normal", "Scheduled",
               "Successfully assigned " + owner_key.ns + "/" + name + " to " + name_ + "-worker", "default-scheduler",
               now);
  return key;
}

void Cluster::reconcile_replicaset(const ObjectKey& key, TimePoint now) {
  const Node* current = get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  const std::string by = "replicaset-controller";
  const Node rs = *current;
  const std::int64_t want = replicas_of(rs);
  const std::int64_t min_ready_s = get_int(rs, {"spec", "minReadySeconds"});

  std::vector<ObjectKey> active;
  for (const auto& p : controlled_by(key, "Pod")) {
    if (pod_active(*get(p))) active.push_back(p);
  }
  const Node tmpl = rs.get({"spec", "template"}) ? *rs.get({"spec", "template"}) : Node::map();
  const std::int64_t diff = static_cast<std::int64_t>(active.size()) - want;
  if (diff < 0) {
    for (std::int64_t i = 0; i < -diff; ++i) active.push_back(create_pod(rs, key, tmpl, now, by, {}));
  } else if (diff > 0) {
    // controller.ActivePods ordering: not ready, then ready for less time, more restarts, newer first.
    auto ready_since = [&](const ObjectKey& p) -> std::int64_t {
      auto it = pods_.find(get_str(*get(p), {"metadata", "uid"}));
      if (it == pods_.end() || !it->second.ready_since) return -1;
      return it->second.ready_since->ms;
    };
    auto restarts = [&](const ObjectKey& p) {
      std::int64_t n = 0;
      if (const Node* cs = get(p)->get({"status", "containerStatuses"}); cs && cs->is_list()) {
        for (const auto& c : cs->items()) n += get_int(c, {"restartCount"});
      }
      return n;
    };
    std::vector<ObjectKey> ranked = active;
    std::sort(ranked.begin(), ranked.end(), [&](const ObjectKey& a, const ObjectKey& b) {
      const bool ra = pod_ready(*get(a)), rb = pod_ready(*get(b));
      if (ra != rb) return !ra;
      const auto sa = ready_since(a), sb = ready_since(b);
      if (sa != sb) return sa > sb;
      const auto xa = restarts(a), xb = restarts(b);
      if (xa != xb) return xa > xb;
      const auto ca = get_str(*get(a), {"metadata", "creationTimestamp"});
      const auto cb = get_str(*get(b), {"metadata", "creationTimestamp"});
      if (ca != cb) return ca > cb;
      return a.name > b.name;
    });
    for (std::int64_t i = 0; i < diff; ++i) {
      const ObjectKey victim = ranked[static_cast<std::size_t>(i)];
      request_deletion(victim, now, by);
      record_event(key, "Normal", "SuccessfulDelete", "Deleted pod: " + victim.name, by.c_str(), now);
      active.erase(std::find(active.begin(), active.end(), victim));
    }
  }

  std::int64_t ready = 0, available = 0;
  std::optional<TimePoint> next_available;
  for (const auto& p : active) {
    const Node& pod = *get(p);
    if (!pod_ready(pod)) continue;
    ++ready;
    auto it = pods_.find(get_str(pod, {"metadata", "uid"}));
    const TimePoint since = it != pods_.end() && it->second.ready_since ? *it->second.ready_since : now;
    const TimePoint avail_at = since + Duration::seconds(min_ready_s);
    if (avail_at <= now) {
      ++available;
    } else if (!next_available || avail_at < *next_available) {
      next_available = avail_at;
    }
  }
  Node updated = *get(key);
  Node status = Node::map();
  status.set("replicas", Node::integer(static_cast<std::int64_t>(active.size())));
  if (!active.empty()) status.set("fullyLabeledReplicas", Node::integer(static_cast<std::int64_t>(active.size())));
  if (ready) status.set("readyReplicas", Node::integer(ready));
  if (available) status.set("availableReplicas", Node::integer(available));
  status.set("observedGeneration", Node::integer(get_int(updated, {"metadata", "generation"}, 1)));
  updated.set("status", std::move(status));
  store_update(key, std::move(updated), now, by);
  if (next_available) enqueue(Ctl::ReplicaSet, key, *next_available);
}

}  // namespace gs::cluster

namespace gs::cluster {

namespace {

constexpr std::string_view kRevisionLabel = "controller-revision-hash";

std::string pod_revision(const Node& pod) {
  return get_str(pod, {"metadata", "labels", std::string(kRevisionLabel)});
}

}  // namespace

// A basic StatefulSet controller (pkg/controller/statefulset): pods
// <name>-0..N-1 created in order, each after the previous is Ready
// (OrderedReady); scale-down and rolling updates from the highest ordinal,
// one pod at a time; revisions as <name>-<template hash>.
void Cluster::reconcile_statefulset(const ObjectKey& key, TimePoint now) {
  const Node* current = get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  const std::string by = "statefulset-controller";
  const Node sts = *current;
  const std::int64_t replicas = replicas_of(sts);
  const Node tmpl = sts.get({"spec", "template"}) ? *sts.get({"spec", "template"}) : Node::map();
  const std::string update_rev = key.name + "-" + template_hash(tmpl, 0);
  const bool on_delete = get_str(sts, {"spec", "updateStrategy", "type"}) == "OnDelete";
  const std::int64_t partition = get_int(sts, {"spec", "updateStrategy", "rollingUpdate", "partition"});
  std::map<std::int64_t, ObjectKey> by_ordinal;
  bool terminating = false;
  for (const auto& p : controlled_by(key, "Pod")) {
    const Node& pod = *get(p);
    if (pod.get({"metadata", "deletionTimestamp"})) {
      terminating = true;
      continue;
    }
    const std::string suffix = p.name.substr(key.name.size() + 1);
    by_ordinal[std::atoll(suffix.c_str())] = p;
  }
  auto ready = [&](const ObjectKey& p) { return pod_ready(*get(p)); };
  bool acted = terminating;  // one change at a time, as OrderedReady does
  for (std::int64_t i = 0; i < replicas && !acted; ++i) {
    auto it = by_ordinal.find(i);
    if (it == by_ordinal.end()) {
      const std::string name = key.name + "-" + std::to_string(i);
      by_ordinal[i] = create_pod(sts, key, tmpl, now, by,
                                 {{std::string(kRevisionLabel), update_rev},
                                  {"statefulset.kubernetes.io/pod-name", name},
                                  {"apps.kubernetes.io/pod-index", std::to_string(i)}},
                                 name);
      acted = true;
    } else if (!ready(it->second)) {
      acted = true;  // wait for this one before the next
    }
  }
  if (!acted) {
    for (auto it = by_ordinal.rbegin(); it != by_ordinal.rend(); ++it) {
      if (it->first >= replicas) {
        request_deletion(it->second, now, by);
        acted = true;
        break;
      }
    }
  }
  if (!acted && !on_delete) {
    for (auto it = by_ordinal.rbegin(); it != by_ordinal.rend(); ++it) {
      if (it->first >= partition && it->first < replicas && pod_revision(*get(it->second)) != update_rev) {
        request_deletion(it->second, now, by);  // recreated at the new revision next round
        break;
      }
    }
  }
  std::int64_t count = 0, ready_count = 0, updated = 0, current_count = 0;
  std::string current_rev = get_str(sts, {"status", "currentRevision"}, update_rev);
  for (const auto& [i, p] : by_ordinal) {
    const Node* pod = get(p);
    if (!pod || pod->get({"metadata", "deletionTimestamp"})) continue;
    ++count;
    if (pod_ready(*pod)) ++ready_count;
    if (pod_revision(*pod) == update_rev) ++updated;
    if (pod_revision(*pod) == current_rev) ++current_count;
  }
  if (updated == replicas && ready_count == replicas) {
    current_rev = update_rev;
    current_count = updated;
  }
  Node updated_obj = sts;
  Node status = Node::map();
  status.set("observedGeneration", Node::integer(get_int(sts, {"metadata", "generation"}, 1)));
  status.set("replicas", Node::integer(count));
  if (ready_count) status.set("readyReplicas", Node::integer(ready_count));
  if (current_count) status.set("currentReplicas", Node::integer(current_count));
  if (updated) status.set("updatedReplicas", Node::integer(updated));
  status.set("currentRevision", Node::string(current_rev));
  status.set("updateRevision", Node::string(update_rev));
  status.set("collisionCount", Node::integer(0));
  if (ready_count) status.set("availableReplicas", Node::integer(ready_count));
  updated_obj.set("status", std::move(status));
  store_update(key, std::move(updated_obj), now, by);
}

// A basic DaemonSet controller for the cluster's single node: one pod,
// replaced when the template changes (RollingUpdate) or left (OnDelete).
void Cluster::reconcile_daemonset(const ObjectKey& key, TimePoint now) {
  const Node* current = get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  const std::string by = "daemonset-controller";
  const Node ds = *current;
  const Node tmpl = ds.get({"spec", "template"}) ? *ds.get({"spec", "template"}) : Node::map();
  const std::string hash = template_hash(tmpl, 0);
  const bool on_delete = get_str(ds, {"spec", "updateStrategy", "type"}) == "OnDelete";
  std::optional<ObjectKey> pod;
  bool terminating = false;
  for (const auto& p : controlled_by(key, "Pod")) {
    if (get(p)->get({"metadata", "deletionTimestamp"})) {
      terminating = true;
    } else {
      pod = p;
    }
  }
  if (!pod && !terminating) {
    pod = create_pod(ds, key, tmpl, now, by, {{std::string(kRevisionLabel), hash}});
  } else if (pod && !on_delete && pod_revision(*get(*pod)) != hash) {
    request_deletion(*pod, now, by);
    pod.reset();
  }
  const Node* p = pod ? get(*pod) : nullptr;
  const std::int64_t scheduled = p ? 1 : 0;
  const std::int64_t ready = p && pod_ready(*p) ? 1 : 0;
  const std::int64_t up_to_date = p && pod_revision(*p) == hash ? 1 : 0;
  Node updated_obj = ds;
  Node status = Node::map();
  status.set("currentNumberScheduled", Node::integer(scheduled));
  status.set("numberMisscheduled", Node::integer(0));
  status.set("desiredNumberScheduled", Node::integer(1));
  status.set("numberReady", Node::integer(ready));
  status.set("observedGeneration", Node::integer(get_int(ds, {"metadata", "generation"}, 1)));
  if (up_to_date) status.set("updatedNumberScheduled", Node::integer(up_to_date));
  if (ready) status.set("numberAvailable", Node::integer(ready));
  if (!ready) status.set("numberUnavailable", Node::integer(1));
  updated_obj.set("status", std::move(status));
  store_update(key, std::move(updated_obj), now, by);
}

}  // namespace gs::cluster
