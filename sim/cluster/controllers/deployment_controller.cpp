#include "sim/cluster/controllers/deployment_controller.hpp"

#include <algorithm>
#include <cmath>

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {

constexpr const char* kByDeploymentController = "deployment-controller";
constexpr std::string_view kRevision = "deployment.kubernetes.io/revision";
constexpr std::string_view kDesired = "deployment.kubernetes.io/desired-replicas";
constexpr std::string_view kMaxReplicas = "deployment.kubernetes.io/max-replicas";

std::int64_t revision_of(const Node& rs) {
  const std::string s = get_str(rs, {"metadata", "annotations", std::string(kRevision)}, "0");
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
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

std::int64_t spec_count(const Node& r) { return replicas_of(r); }
std::int64_t status_replicas(const Node& r) { return get_int(r, {"status", "replicas"}); }
std::int64_t status_ready(const Node& r) { return get_int(r, {"status", "readyReplicas"}); }
std::int64_t status_available(const Node& r) { return get_int(r, {"status", "availableReplicas"}); }

// One sync of one Deployment: its spec read once, its ReplicaSets split into
// the new one (template matches) and the old ones, its conditions edited in
// a copy and written with the status at the end.
class DeploymentSync {
 public:
  DeploymentSync(Store& store, RetryBackoff& retry, const ObjectKey& key, TimePoint now);
  void run();

 private:
  std::vector<ObjectKey> owned() const;
  void classify();
  std::vector<ObjectKey> all_rs() const;
  std::int64_t sum(const std::vector<ObjectKey>& rss, std::int64_t (*field)(const Node&)) const;
  std::int64_t max_old_revision() const;
  bool scale_rs(const ObjectKey& rs, std::int64_t n);
  void sync_new_rs(bool create);
  Node new_rs_object(const std::string& name, const std::string& hash, std::int64_t count, std::int64_t revision) const;
  void create_new_rs(std::int64_t revision);
  DeploymentStatus calculate_status() const;
  std::int64_t update_progress(const DeploymentStatus& st, bool complete);
  void copy_replica_failure();
  bool sync_rollout_status();
  void cleanup();
  void check_paused_conditions();
  void write_create_failure();
  void rollout_paused();
  void rollout_recreate();
  void rollout_rolling();
  bool reconcile_new_rs();
  bool reconcile_old_rs();

  Store& store_;
  RetryBackoff& retry_;
  const ObjectKey key_;
  const TimePoint now_;
  Node d_;
  const std::string at_;
  const std::int64_t replicas_;
  const bool recreate_, paused_;
  std::int64_t max_surge_ = 0, max_unavailable_ = 0;
  Node tmpl_, tmpl_plain_;
  const std::int64_t deadline_s_;
  const bool has_deadline_;
  Node conds_;  // a copy: writes into d_.status must not invalidate it
  std::optional<ObjectKey> new_rs_;
  std::vector<ObjectKey> old_rs_;
  bool create_failed_ = false;  // the API server refused the new ReplicaSet
};

DeploymentSync::DeploymentSync(Store& store, RetryBackoff& retry, const ObjectKey& key, TimePoint now)
    : store_(store),
      retry_(retry),
      key_(key),
      now_(now),
      d_(*store.get(key)),
      at_(store.ts(now)),
      replicas_(replicas_of(d_)),
      recreate_(get_str(d_, {"spec", "strategy", "type"}) == "Recreate"),
      paused_(get_bool(d_, {"spec", "paused"})),
      deadline_s_(get_int(d_, {"spec", "progressDeadlineSeconds"}, 600)),
      has_deadline_(d_.get({"spec", "progressDeadlineSeconds"}) && deadline_s_ != 2147483647) {
  std::tie(max_surge_, max_unavailable_) = fenceposts(d_);
  tmpl_ = d_.get({"spec", "template"}) ? *d_.get({"spec", "template"}) : Node::map();
  tmpl_plain_ = without_hash(tmpl_);
  conds_ = d_.get({"status", "conditions"}) ? *d_.get({"status", "conditions"}) : Node::list();
  if (!conds_.is_list()) conds_ = Node::list();
  classify();
}

// ReplicaSets this deployment controls, oldest first.
std::vector<ObjectKey> DeploymentSync::owned() const {
  std::vector<ObjectKey> rs = store_.owned_by(key_, "ReplicaSet");
  std::sort(rs.begin(), rs.end(), [&](const ObjectKey& a, const ObjectKey& b) {
    const Node& x = *store_.get(a);
    const Node& y = *store_.get(b);
    auto ca = get_str(x, {"metadata", "creationTimestamp"});
    auto cb = get_str(y, {"metadata", "creationTimestamp"});
    if (ca != cb) return ca < cb;
    auto ra = std::stoull(get_str(x, {"metadata", "resourceVersion"}, "0"));
    auto rb = std::stoull(get_str(y, {"metadata", "resourceVersion"}, "0"));
    if (ra != rb) return ra < rb;
    return a < b;
  });
  return rs;
}

void DeploymentSync::classify() {
  new_rs_.reset();
  old_rs_.clear();
  for (const auto& k : owned()) {
    const Node* t = store_.get(k)->get({"spec", "template"});
    if (!new_rs_ && t && without_hash(*t) == tmpl_plain_) {
      new_rs_ = k;
    } else {
      old_rs_.push_back(k);
    }
  }
}

std::vector<ObjectKey> DeploymentSync::all_rs() const {
  std::vector<ObjectKey> all = old_rs_;
  if (new_rs_) all.push_back(*new_rs_);
  return all;
}

std::int64_t DeploymentSync::sum(const std::vector<ObjectKey>& rss, std::int64_t (*field)(const Node&)) const {
  std::int64_t total = 0;
  for (const auto& k : rss) {
    if (const Node* r = store_.get(k)) total += field(*r);
  }
  return total;
}

std::int64_t DeploymentSync::max_old_revision() const {
  std::int64_t m = 0;
  for (const auto& k : old_rs_) m = std::max(m, revision_of(*store_.get(k)));
  return m;
}

// Sets a ReplicaSet's replicas and the desired/max annotations; false when
// nothing changed. A change of count is a ScalingReplicaSet event.
bool DeploymentSync::scale_rs(const ObjectKey& rs, std::int64_t n) {
  Node copy = *store_.get(rs);
  if (replicas_of(copy) == n &&
      get_str(copy, {"metadata", "annotations", std::string(kDesired)}) == std::to_string(replicas_))
    return false;
  const std::int64_t was = replicas_of(copy);
  set_int(copy, {"spec", "replicas"}, n);
  set_str(copy, {"metadata", "annotations", std::string(kDesired)}, std::to_string(replicas_));
  set_str(copy, {"metadata", "annotations", std::string(kMaxReplicas)}, std::to_string(replicas_ + max_surge_));
  store_.update(rs, std::move(copy), now_, kByDeploymentController);
  if (n != was) {
    store_.record_event(key_, "Normal", "ScalingReplicaSet",
                        std::string(n > was ? "Scaled up" : "Scaled down") + " replica set " + rs.name + " to " +
                            std::to_string(n) + " from " + std::to_string(was),
                        kByDeploymentController, now_);
  }
  return true;
}

// getNewReplicaSet: find (keeping revisions in step) or, with `create`, create.
void DeploymentSync::sync_new_rs(bool create) {
  const std::int64_t next_rev = max_old_revision() + 1;
  if (!new_rs_) {
    if (create) create_new_rs(next_rev);
    return;
  }
  Node rs = *store_.get(*new_rs_);
  if (revision_of(rs) < next_rev) {
    set_str(rs, {"metadata", "annotations", std::string(kRevision)}, std::to_string(next_rev));
    store_.update(*new_rs_, std::move(rs), now_, kByDeploymentController);
  }
  set_str(d_, {"metadata", "annotations", std::string(kRevision)}, std::to_string(revision_of(*store_.get(*new_rs_))));
  if (has_deadline_ && !condition_in(conds_, "Progressing"))
    set_condition(conds_, make_condition("Progressing", "True", at_, "FoundNewReplicaSet",
                                         "Found new replica set \"" + new_rs_->name + "\"", true));
}

Node DeploymentSync::new_rs_object(const std::string& name, const std::string& hash, std::int64_t count,
                                   std::int64_t revision) const {
  Node meta = Node::map();
  meta.set("name", Node::string(name));
  meta.set("namespace", Node::string(key_.ns));
  Node labels = tmpl_plain_.get({"metadata", "labels"}) ? *tmpl_plain_.get({"metadata", "labels"}) : Node::map();
  labels.set(kHashLabel, Node::string(hash));
  meta.set("labels", labels);
  set_str(meta, {"annotations", std::string(kDesired)}, std::to_string(replicas_));
  set_str(meta, {"annotations", std::string(kMaxReplicas)}, std::to_string(replicas_ + max_surge_));
  set_str(meta, {"annotations", std::string(kRevision)}, std::to_string(revision));
  Node ref = Node::map();
  ref.set("apiVersion", Node::string("apps/v1"));
  ref.set("kind", Node::string("Deployment"));
  ref.set("name", Node::string(key_.name));
  ref.set("uid", Node::string(get_str(d_, {"metadata", "uid"})));
  ref.set("controller", Node::boolean(true));
  ref.set("blockOwnerDeletion", Node::boolean(true));
  Node refs = Node::list();
  refs.push_back(std::move(ref));
  meta.set("ownerReferences", std::move(refs));
  Node spec = Node::map();
  spec.set("replicas", Node::integer(count));
  if (auto mrs = opt_int(d_, {"spec", "minReadySeconds"})) spec.set("minReadySeconds", Node::integer(*mrs));
  Node selector = d_.get({"spec", "selector"}) ? *d_.get({"spec", "selector"}) : Node::map();
  set_str(selector, {"matchLabels", std::string(kHashLabel)}, hash);
  spec.set("selector", std::move(selector));
  Node t = tmpl_;
  set_str(t, {"metadata", "labels", std::string(kHashLabel)}, hash);
  spec.set("template", std::move(t));
  Node rs = Node::map();
  rs.set("apiVersion", Node::string("apps/v1"));
  rs.set("kind", Node::string("ReplicaSet"));
  rs.set("metadata", std::move(meta));
  rs.set("spec", std::move(spec));
  return rs;
}

void DeploymentSync::create_new_rs(std::int64_t revision) {
  std::int64_t collisions = get_int(d_, {"status", "collisionCount"});
  std::string hash, rs_name;
  for (int i = 0; i < 16; ++i) {  // a name taken by a foreign template is a collision
    hash = template_hash(tmpl_plain_, collisions);
    rs_name = key_.name + "-" + hash;
    if (!store_.get(ObjectKey{"apps", "ReplicaSet", key_.ns, rs_name})) break;
    ++collisions;
  }
  if (collisions > 0) set_int(d_, {"status", "collisionCount"}, collisions);
  std::int64_t count = replicas_;
  if (!recreate_) {
    const std::int64_t current_pods = sum(old_rs_, spec_count);
    const std::int64_t max_total = replicas_ + max_surge_;
    count = current_pods >= max_total ? 0 : std::min(max_total - current_pods, replicas_);
  }
  const ObjectKey rs_key{"apps", "ReplicaSet", key_.ns, rs_name};
  if (auto s = store_.create(new_rs_object(rs_name, hash, count, revision), rs_key, now_, kByDeploymentController); !s) {
    const std::string msg = "Failed to create new replica set \"" + rs_name + "\": " + s.error().message;
    if (has_deadline_)
      set_condition(conds_, make_condition("Progressing", "False", at_, "ReplicaSetCreateError", msg, true));
    store_.record_event(key_, "Warning", "ReplicaSetCreateError", msg, kByDeploymentController, now_);
    create_failed_ = true;
    return;
  }
  store_.record_event(key_, "Normal", "ScalingReplicaSet",
                      "Scaled up replica set " + rs_name + " to " + std::to_string(count), kByDeploymentController, now_);
  set_str(d_, {"metadata", "annotations", std::string(kRevision)}, std::to_string(revision));
  if (has_deadline_)
    set_condition(conds_, make_condition("Progressing", "True", at_, "NewReplicaSetCreated",
                                         "Created new replica set \"" + rs_name + "\"", true));
  classify();
}

// calculateStatus (sync.go): the counts summed over every ReplicaSet.
DeploymentStatus DeploymentSync::calculate_status() const {
  const auto all = all_rs();
  DeploymentStatus st;
  st.observed_generation = get_int(d_, {"metadata", "generation"}, 1);
  st.replicas = sum(all, status_replicas);
  st.updated = new_rs_ ? status_replicas(*store_.get(*new_rs_)) : 0;
  st.ready = sum(all, status_ready);
  st.available = sum(all, status_available);
  st.unavailable = std::max<std::int64_t>(0, sum(all, spec_count) - st.available);
  return st;
}

// The Progressing condition (progress.go): complete, still progressing, or
// past progressDeadlineSeconds. Returns when to look again (-1: no need).
std::int64_t DeploymentSync::update_progress(const DeploymentStatus& st, bool complete) {
  const DeploymentStatus before = read_status(*store_.get(key_));
  const Node* cur = condition_in(conds_, "Progressing");
  const bool already_complete = st.replicas == st.updated && cur && get_str(*cur, {"reason"}) == "NewReplicaSetAvailable";
  if (already_complete) return -1;
  const std::string rs_word = new_rs_ ? "ReplicaSet \"" + new_rs_->name + "\"" : "Deployment \"" + key_.name + "\"";
  const bool progressing = st.updated > before.updated ||
                           (st.replicas - st.updated) < (before.replicas - before.updated) ||
                           st.ready > before.ready || st.available > before.available;
  std::int64_t wake_ms = -1;  // a sentinel: g++ 12 warns maybe-uninitialized on std::optional here
  bool timed_out = false;
  if (cur && get_str(*cur, {"reason"}) != "NewReplicaSetAvailable") {
    if (get_str(*cur, {"reason"}) == "ProgressDeadlineExceeded") {
      timed_out = true;
    } else if (auto from = parse_rfc3339_utc(get_str(*cur, {"lastUpdateTime"}))) {
      const TimePoint deadline = store_.time_at_epoch_s(*from + deadline_s_);
      timed_out = deadline < now_;
      if (!timed_out) wake_ms = (deadline + Duration::seconds(1)).ms;
    }
  }
  if (complete) {
    set_condition(conds_, make_condition("Progressing", "True", at_, "NewReplicaSetAvailable",
                                         rs_word + " has successfully progressed.", true));
    return -1;
  }
  if (progressing) {
    Node c = make_condition("Progressing", "True", at_, "ReplicaSetUpdated", rs_word + " is progressing.", true);
    if (cur && get_str(*cur, {"status"}) == "True") c.set("lastTransitionTime", *cur->find("lastTransitionTime"));
    remove_condition(conds_, "Progressing");
    conds_.push_back(std::move(c));
    return (now_ + Duration::seconds(deadline_s_ + 1)).ms;
  }
  if (timed_out) {
    set_condition(conds_, make_condition("Progressing", "False", at_, "ProgressDeadlineExceeded",
                                         rs_word + " has timed out progressing.", true));
    return -1;
  }
  return wake_ms;
}

// getReplicaFailures: a ReplicaSet's ReplicaFailure (the new one's first)
// shows on the Deployment, and goes when no ReplicaSet has one.
void DeploymentSync::copy_replica_failure() {
  std::vector<ObjectKey> order;
  if (new_rs_) order.push_back(*new_rs_);
  for (const auto& k : all_rs()) order.push_back(k);
  for (const auto& k : order) {
    const Node* rs = store_.get(k);
    const Node* c = rs ? find_condition(*rs, "ReplicaFailure") : nullptr;
    if (!c) continue;
    const std::string since = get_str(*c, {"lastTransitionTime"});
    Node cond = make_condition("ReplicaFailure", get_str(*c, {"status"}), since, get_str(*c, {"reason"}),
                               get_str(*c, {"message"}), true);
    set_condition(conds_, std::move(cond));
    return;
  }
  remove_condition(conds_, "ReplicaFailure");
}

// calculateStatus + syncRolloutStatus, then one write. True once complete.
bool DeploymentSync::sync_rollout_status() {
  const DeploymentStatus st = calculate_status();
  if (st.available >= replicas_ - max_unavailable_) {
    set_condition(conds_, make_condition("Available", "True", at_, "MinimumReplicasAvailable",
                                         "Deployment has minimum availability.", true));
  } else {
    set_condition(conds_, make_condition("Available", "False", at_, "MinimumReplicasUnavailable",
                                         "Deployment does not have minimum availability.", true));
  }
  const bool complete = st.updated == replicas_ && st.replicas == replicas_ && st.available == replicas_ &&
                        st.observed_generation >= get_int(d_, {"metadata", "generation"}, 1);
  const std::int64_t wake_ms = has_deadline_ && !paused_ ? update_progress(st, complete) : -1;
  copy_replica_failure();
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
  if (conds_.size() > 0) status.set("conditions", conds_);
  if (auto cc = opt_int(d_, {"status", "collisionCount"})) status.set("collisionCount", Node::integer(*cc));
  Node d = d_;
  d.set("status", std::move(status));
  store_.update(key_, std::move(d), now_, kByDeploymentController);
  if (wake_ms > now_.ms) store_.requeue(key_, TimePoint{wake_ms});
  return complete;
}

// cleanupDeployment: old ReplicaSets scaled to zero beyond revisionHistoryLimit go, oldest revision first.
void DeploymentSync::cleanup() {
  const std::int64_t limit = get_int(d_, {"spec", "revisionHistoryLimit"}, 10);
  std::vector<ObjectKey> cleanable;
  for (const auto& k : old_rs_) {
    const Node& r = *store_.get(k);
    if (replicas_of(r) == 0 && status_replicas(r) == 0 && !r.get({"metadata", "deletionTimestamp"}))
      cleanable.push_back(k);
  }
  std::sort(cleanable.begin(), cleanable.end(), [&](const ObjectKey& a, const ObjectKey& b) {
    return revision_of(*store_.get(a)) < revision_of(*store_.get(b));
  });
  const std::int64_t excess = static_cast<std::int64_t>(cleanable.size()) - limit;
  for (std::int64_t i = 0; i < excess; ++i) store_.erase(cleanable[static_cast<std::size_t>(i)], now_, kByDeploymentController);
  if (excess > 0) classify();
}

// checkPausedConditions.
void DeploymentSync::check_paused_conditions() {
  if (!has_deadline_) return;
  const Node* cur = condition_in(conds_, "Progressing");
  const std::string reason = cur ? get_str(*cur, {"reason"}) : "";
  if (paused_ && reason != "DeploymentPaused") {
    set_condition(conds_, make_condition("Progressing", "Unknown", at_, "DeploymentPaused", "Deployment is paused", true));
  } else if (!paused_ && reason == "DeploymentPaused") {
    set_condition(conds_,
                  make_condition("Progressing", "Unknown", at_, "DeploymentResumed", "Deployment is resumed", true));
  }
}

// getNewReplicaSet's error path: the condition alone goes into the status,
// and the sync is retried with the queue's back-off.
void DeploymentSync::write_create_failure() {
  Node d = d_;
  ensure(d, {"status", "conditions"}) = conds_;
  store_.update(key_, std::move(d), now_, kByDeploymentController);
  store_.requeue(key_, retry_.next_try(get_str(d_, {"metadata", "uid"}), now_));
}

// sync(): no new ReplicaSet while paused; scaling still reaches the current one.
void DeploymentSync::rollout_paused() {
  sync_new_rs(false);
  if (new_rs_ && old_rs_.empty()) scale_rs(*new_rs_, replicas_);
  sync_rollout_status();
}

// rolloutRecreate: old pods all gone before the new ReplicaSet scales up.
void DeploymentSync::rollout_recreate() {
  sync_new_rs(false);
  bool scaled_down = false;
  for (const auto& k : old_rs_) scaled_down = scale_rs(k, 0) || scaled_down;
  if (scaled_down) {
    sync_rollout_status();
    return;
  }
  for (const auto& k : old_rs_) {
    for (const auto& p : store_.owned_by(k, "Pod")) {
      if (!pod_terminal(*store_.get(p))) {
        sync_rollout_status();  // wait for the old pods to be gone
        return;
      }
    }
  }
  sync_new_rs(true);
  if (create_failed_) return write_create_failure();
  if (new_rs_) scale_rs(*new_rs_, replicas_);
  if (sync_rollout_status()) cleanup();
}

// reconcileNewReplicaSet: up to replicas + maxSurge pods in all.
bool DeploymentSync::reconcile_new_rs() {
  if (!new_rs_) return false;
  const std::int64_t cur = replicas_of(*store_.get(*new_rs_));
  std::int64_t want = cur;
  if (cur > replicas_) {
    want = replicas_;
  } else if (cur < replicas_) {
    const std::int64_t current_pods = sum(all_rs(), spec_count);
    const std::int64_t max_total = replicas_ + max_surge_;
    if (current_pods < max_total) want = cur + std::min(max_total - current_pods, replicas_ - cur);
  }
  return want != cur && scale_rs(*new_rs_, want);
}

// reconcileOldReplicaSets: down to replicas - maxUnavailable available pods,
// unhealthy old pods first (cleanupUnhealthyReplicas), then
// scaleDownOldReplicaSetsForRollingUpdate.
bool DeploymentSync::reconcile_old_rs() {
  if (sum(old_rs_, spec_count) <= 0) return false;
  const std::int64_t all_pods = sum(all_rs(), spec_count);
  const std::int64_t min_available = replicas_ - max_unavailable_;
  const Node* n = new_rs_ ? store_.get(*new_rs_) : nullptr;
  const std::int64_t new_unavailable = n ? replicas_of(*n) - status_available(*n) : 0;
  const std::int64_t max_scaled_down = all_pods - min_available - new_unavailable;
  if (max_scaled_down <= 0) return false;
  bool scaled = false;
  std::int64_t cleaned = 0;
  for (const auto& k : old_rs_) {
    if (cleaned >= max_scaled_down) break;
    const Node& r = *store_.get(k);
    const std::int64_t spec = replicas_of(r);
    const std::int64_t avail = status_available(r);
    if (spec == 0 || spec == avail) continue;
    const std::int64_t down = std::min(max_scaled_down - cleaned, spec - avail);
    scaled = scale_rs(k, spec - down) || scaled;
    cleaned += down;
  }
  const std::int64_t available = sum(all_rs(), status_available);
  if (available <= min_available) return scaled;
  const std::int64_t total_down = available - min_available;
  std::int64_t done = 0;
  for (const auto& k : old_rs_) {
    if (done >= total_down) break;
    const std::int64_t spec = replicas_of(*store_.get(k));
    if (spec == 0) continue;
    const std::int64_t down = std::min(spec, total_down - done);
    scaled = scale_rs(k, spec - down) || scaled;
    done += down;
  }
  return scaled;
}

// rolloutRolling.
void DeploymentSync::rollout_rolling() {
  sync_new_rs(true);
  if (create_failed_) return write_create_failure();
  if (reconcile_new_rs() || reconcile_old_rs()) {
    sync_rollout_status();
    return;
  }
  if (sync_rollout_status()) cleanup();
}

void DeploymentSync::run() {
  check_paused_conditions();
  if (paused_) {
    rollout_paused();
  } else if (recreate_) {
    rollout_recreate();
  } else {
    rollout_rolling();
  }
  if (!create_failed_) retry_.forget(get_str(d_, {"metadata", "uid"}));
}

}  // namespace

void DeploymentController::reconcile(const ObjectKey& key, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  DeploymentSync(store_, retry_, key, now).run();
}

}  // namespace gs::cluster::detail
