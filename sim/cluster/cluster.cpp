// The API-server half of the fake cluster: store, apply, validation,
// defaulting, live edits, deletion, the controller work queue.
#include "sim/cluster/cluster.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "sim/cluster/node_util.hpp"
#include "sim/core/base64.hpp"

namespace gs::cluster {

using model::Node;
using namespace detail;

std::string_view event_type_name(ClusterEvent::Type t) {
  switch (t) {
    case ClusterEvent::Type::Added:
      return "ADDED";
    case ClusterEvent::Type::Modified:
      return "MODIFIED";
    case ClusterEvent::Type::Deleted:
      return "DELETED";
  }
  return "?";
}

std::string ApplyResult::kubectl_line() const {
  switch (outcome) {
    case Outcome::Created:
      return key.kubectl_ref() + " created";
    case Outcome::Configured:
      return key.kubectl_ref() + " configured";
    case Outcome::Unchanged:
      return key.kubectl_ref() + " unchanged";
  }
  return key.kubectl_ref();
}

Cluster::Cluster(std::string name, std::string server, std::int64_t epoch_s_at_zero, Rng rng,
                 const ImageRegistry* registry)
    : name_(std::move(name)), server_(std::move(server)), epoch0_(epoch_s_at_zero), rng_(rng), registry_(registry) {
  // The namespaces every cluster starts with, created at time 0 by the API server.
  for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    Node obj = Node::map();
    obj.set("apiVersion", Node::string("v1"));
    obj.set("kind", Node::string("Namespace"));
    set_str(obj, {"metadata", "name"}, ns);
    const KindInfo* info = find_builtin_kind("", "Namespace");
    default_object(*info, obj, nullptr);
    store_create(std::move(obj), ObjectKey{"", "Namespace", "", ns}, TimePoint{0}, "kube-apiserver");
  }
  events_.clear();  // the starting state is not news
}

std::int64_t Cluster::epoch_s_at(TimePoint t) const {
  std::int64_t s = t.ms >= 0 ? t.ms / 1000 : -((-t.ms + 999) / 1000);
  return epoch0_ + s;
}

std::string Cluster::ts(TimePoint t) const { return format_rfc3339_utc(epoch_s_at(t)); }

// ---------------------------------------------------------------- kinds

std::optional<KindInfo> Cluster::kind_info(std::string_view group, std::string_view kind) const {
  if (const KindInfo* k = find_builtin_kind(group, kind)) return *k;
  for (const auto& k : custom_kinds_) {
    if (k.group == group && k.kind == kind) return k;
  }
  return std::nullopt;
}

void Cluster::register_kind(KindInfo info) {
  for (auto& k : custom_kinds_) {
    if (k.group == info.group && k.kind == info.kind) {
      k = std::move(info);
      return;
    }
  }
  custom_kinds_.push_back(std::move(info));
}

static std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Result<KindInfo> Cluster::resolve_resource(std::string_view word) const {
  // "deployments.apps" / "deployment.apps" name the group after the first dot.
  std::string w = lower(word);
  std::string group_part;
  if (auto dot = w.find('.'); dot != std::string::npos) {
    group_part = w.substr(dot + 1);
    w = w.substr(0, dot);
  }
  auto matches = [&](const KindInfo& k) {
    if (!group_part.empty() && k.group != group_part) return false;
    if (w == lower(k.kind) || w == k.resource) return true;
    for (const auto& s : k.short_names) {
      if (w == s) return true;
    }
    return false;
  };
  for (const auto& k : builtin_kinds()) {
    if (matches(k)) return k;
  }
  for (const auto& k : custom_kinds_) {
    if (matches(k)) return k;
  }
  return Error("the server doesn't have a resource type \"" + std::string(word) + "\"");
}

Result<ObjectKey> Cluster::key_of(const Node& obj) const {
  auto api_version = obj.get_string({"apiVersion"});
  auto kind = obj.get_string({"kind"});
  if (!api_version || api_version->empty()) return Error("error validating data: apiVersion not set");
  if (!kind || kind->empty()) return Error("error validating data: kind not set");
  const std::string group = group_of(*api_version);
  auto info = kind_info(group, *kind);
  const std::string version = version_of(*api_version);
  if (!info || std::find(info->versions.begin(), info->versions.end(), version) == info->versions.end()) {
    return Error("no matches for kind \"" + *kind + "\" in version \"" + *api_version +
                 "\" (ensure CRDs are installed first)");
  }
  auto name = obj.get_string({"metadata", "name"});
  if (!name || name->empty()) {
    return Error("The " + *kind + " \"\" is invalid: metadata.name: Required value: name or generateName is required");
  }
  ObjectKey key{group, *kind, "", *name};
  if (info->namespaced) key.ns = obj.get_string({"metadata", "namespace"}).value_or("default");
  if (key.ns.empty() && info->namespaced) key.ns = "default";
  return key;
}

// ---------------------------------------------------------------- store

std::string Cluster::new_uid() {
  // Deterministic, UUID-shaped: hash of cluster name and a counter, version 4 / variant bits set.
  const std::string seed = name_ + "/" + std::to_string(++uid_counter_);
  const std::uint64_t a = fnv1a64(seed);
  const std::uint64_t b = fnv1a64(seed, a);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-%04llx-%012llx", (unsigned long long)(a >> 32),
                (unsigned long long)((a >> 16) & 0xffff), (unsigned long long)(a & 0xfff),
                (unsigned long long)(((b >> 48) & 0x3fff) | 0x8000), (unsigned long long)(b & 0xffffffffffffULL));
  return buf;
}

Rng& Cluster::stream(const std::string& name) {
  auto it = streams_.find(name);
  if (it == streams_.end()) it = streams_.emplace(name, rng_.fork(name)).first;
  return it->second;
}

// Rebuilds metadata in Kubernetes' field order, server fields included.
static void put_server_metadata(Node& obj, const std::string& uid, const std::string& rv, std::int64_t generation,
                                const std::string& created) {
  Node& meta = obj["metadata"];
  meta.set("uid", Node::string(uid));
  meta.set("resourceVersion", Node::string(rv));
  meta.set("generation", Node::integer(generation));
  meta.set("creationTimestamp", Node::string(created));
}

void Cluster::store_create(Node obj, const ObjectKey& key, TimePoint now, std::string_view by) {
  const std::string uid = new_uid();
  const std::string rv = std::to_string(++rv_);
  put_server_metadata(obj, uid, rv, 1, ts(now));
  by_uid_[uid] = key;
  auto [it, inserted] = objects_.insert_or_assign(key, std::move(obj));
  (void)inserted;
  index_owners(key, it->second, true);
  events_.push_back(ClusterEvent{Type::Added, key, std::string(by), true, now, rv});
  on_change(key, &it->second, Type::Added, now);
}

static bool is_top_level_meta(std::string_view k) {
  return k == "apiVersion" || k == "kind" || k == "metadata" || k == "status";
}

static bool spec_differs(const Node& a, const Node& b) {
  for (const auto& e : a.entries()) {
    if (is_top_level_meta(e.key)) continue;
    const Node* o = b.find(e.key);
    if (!o || !(*o == e.value)) return true;
  }
  for (const auto& e : b.entries()) {
    if (is_top_level_meta(e.key)) continue;
    if (!a.find(e.key)) return true;
  }
  return false;
}

bool Cluster::store_update(const ObjectKey& key, Node obj, TimePoint now, std::string_view by) {
  auto it = objects_.find(key);
  if (it == objects_.end()) return false;
  Node& old = it->second;
  // Server-owned metadata cannot be changed by a writer.
  Node& meta = obj["metadata"];
  for (const char* f : {"uid", "creationTimestamp", "generation", "resourceVersion"}) {
    if (const Node* v = old.get({"metadata", f})) meta.set(f, *v);
  }
  if (obj == old) return false;
  const bool spec_changed = spec_differs(obj, old);
  const Node* old_meta = old.find("metadata");
  const bool meta_changed = !old_meta || !(*old_meta == meta);
  if (spec_changed) meta.set("generation", Node::integer(get_int(old, {"metadata", "generation"}, 1) + 1));
  const std::string rv = std::to_string(++rv_);
  meta.set("resourceVersion", Node::string(rv));
  index_owners(key, old, false);
  old = std::move(obj);
  index_owners(key, old, true);
  events_.push_back(ClusterEvent{Type::Modified, key, std::string(by), spec_changed || meta_changed, now, rv});
  on_change(key, &it->second, Type::Modified, now);
  // An object being deleted goes once its finalizers are gone (pods and
  // namespaces are finished by the kubelet and the namespace controller).
  const Node& cur = it->second;
  if (cur.get({"metadata", "deletionTimestamp"}) && key.kind != "Pod" && key.kind != "Namespace") {
    const Node* fin = cur.get({"metadata", "finalizers"});
    if (!fin || fin->size() == 0) store_delete(key, now, by);
  }
  return true;
}

void Cluster::store_delete(const ObjectKey& key, TimePoint now, std::string_view by) {
  auto it = objects_.find(key);
  if (it == objects_.end()) return;
  const std::string uid = get_str(it->second, {"metadata", "uid"});
  index_owners(key, it->second, false);
  Node gone = std::move(it->second);
  objects_.erase(it);
  by_uid_.erase(uid);
  const std::string rv = std::to_string(++rv_);
  events_.push_back(ClusterEvent{Type::Deleted, key, std::string(by), true, now, rv});
  if (key.group == "apiextensions.k8s.io" && key.kind == "CustomResourceDefinition") {
    const std::string g = get_str(gone, {"spec", "group"});
    const std::string k = get_str(gone, {"spec", "names", "kind"});
    custom_kinds_.erase(std::remove_if(custom_kinds_.begin(), custom_kinds_.end(),
                                       [&](const KindInfo& i) { return i.group == g && i.kind == k; }),
                        custom_kinds_.end());
  }
  on_change(key, &gone, Type::Deleted, now);
  enqueue(Ctl::GarbageCollector, key, now, uid);
}

void Cluster::index_owners(const ObjectKey& key, const Node& obj, bool add) {
  const Node* refs = obj.get({"metadata", "ownerReferences"});
  if (!refs || !refs->is_list()) return;
  for (const auto& r : refs->items()) {
    const std::string uid = get_str(r, {"uid"});
    if (add) {
      bool& controller = dependents_[uid][key];
      controller = controller || get_bool(r, {"controller"});
    } else if (auto it = dependents_.find(uid); it != dependents_.end()) {
      it->second.erase(key);
      if (it->second.empty()) dependents_.erase(it);
    }
  }
}

void Cluster::record_event(const ObjectKey& obj, const char* type, std::string reason, std::string message,
                           const char* source, TimePoint at) {
  // The kubelet and controllers repeat themselves (back-off loops): one event, counted.
  for (auto it = kube_events_.rbegin(); it != kube_events_.rend() && it - kube_events_.rbegin() < 64; ++it) {
    if (it->object == obj && it->reason == reason && it->message == message && it->type == type) {
      ++it->count;
      it->last = at;
      return;
    }
  }
  constexpr std::size_t kKeep = 4096;
  if (kube_events_.size() >= kKeep) kube_events_.erase(kube_events_.begin(), kube_events_.begin() + kKeep / 4);
  kube_events_.push_back(KubeEvent{obj, type, std::move(reason), std::move(message), source, at, at, 1});
}

std::vector<KubeEvent> Cluster::events_for(const ObjectKey& key) const {
  std::vector<KubeEvent> out;
  for (const auto& e : kube_events_) {
    if (e.object == key) out.push_back(e);
  }
  return out;
}

const Node* Cluster::get(const ObjectKey& key) const {
  auto it = objects_.find(key);
  return it == objects_.end() ? nullptr : &it->second;
}

std::vector<ObjectKey> Cluster::keys() const {
  std::vector<ObjectKey> out;
  out.reserve(objects_.size());
  for (const auto& [k, v] : objects_) out.push_back(k);
  return out;
}

std::vector<ObjectKey> Cluster::list(std::string_view kind, std::optional<std::string_view> ns) const {
  std::vector<ObjectKey> out;
  for (const auto& [k, v] : objects_) {
    if (k.kind != kind) continue;
    if (ns && k.ns != *ns) continue;
    out.push_back(k);
  }
  return out;
}

std::optional<ObjectKey> Cluster::find_uid(std::string_view uid) const {
  auto it = by_uid_.find(std::string(uid));
  if (it == by_uid_.end()) return std::nullopt;
  return it->second;
}

std::vector<ObjectKey> Cluster::owned_by(const ObjectKey& owner) const {
  std::vector<ObjectKey> out;
  const Node* o = get(owner);
  if (!o) return out;
  auto it = dependents_.find(get_str(*o, {"metadata", "uid"}));
  if (it == dependents_.end()) return out;
  for (const auto& [k, controller] : it->second) out.push_back(k);
  return out;
}

std::optional<ObjectKey> Cluster::controller_of(const Node& obj) const {
  const Node* refs = obj.get({"metadata", "ownerReferences"});
  if (!refs || !refs->is_list()) return std::nullopt;
  for (const auto& r : refs->items()) {
    if (!get_bool(r, {"controller"})) continue;
    auto it = by_uid_.find(get_str(r, {"uid"}));
    if (it != by_uid_.end()) return it->second;
  }
  return std::nullopt;
}

std::vector<ObjectKey> Cluster::controlled_by(const ObjectKey& owner, std::string_view kind) const {
  std::vector<ObjectKey> out;
  const Node* o = get(owner);
  if (!o) return out;
  auto it = dependents_.find(get_str(*o, {"metadata", "uid"}));
  if (it == dependents_.end()) return out;
  for (const auto& [k, controller] : it->second) {
    if (controller && k.kind == kind && k.ns == owner.ns) out.push_back(k);
  }
  return out;
}

// ---------------------------------------------------------------- watches and queue

void Cluster::enqueue(Ctl ctl, const ObjectKey& key, TimePoint at, std::string uid) {
  TaskId id{static_cast<int>(ctl), key, uid};
  auto it = pending_.find(id);
  if (it != pending_.end()) {
    if (it->second.first <= at) return;  // an earlier run covers this one
    queue_.erase(it->second);
  }
  const auto slot = std::make_pair(at, seq_++);
  queue_.emplace(slot, Task{ctl, key, std::move(uid)});
  pending_[id] = slot;
}

void Cluster::on_change(const ObjectKey& key, const Node* obj, Type type, TimePoint now) {
  const bool deleted = type == Type::Deleted;
  if (key.group == "apps" && key.kind == "Deployment" && !deleted) enqueue(Ctl::Deployment, key, now);
  if (key.group == "apps" && key.kind == "ReplicaSet" && !deleted) enqueue(Ctl::ReplicaSet, key, now);
  if (key.group == "batch" && key.kind == "Job" && !deleted) enqueue(Ctl::Job, key, now);
  if (key.group == "apps" && key.kind == "StatefulSet" && !deleted) enqueue(Ctl::StatefulSet, key, now);
  if (key.group == "apps" && key.kind == "DaemonSet" && !deleted) enqueue(Ctl::DaemonSet, key, now);
  if (key.group.empty() && key.kind == "Service" && !deleted) enqueue(Ctl::Service, key, now);
  if (key.kind == "Ingress" && !deleted) enqueue(Ctl::Ingress, key, now);
  if (key.group.empty() && key.kind == "PersistentVolumeClaim" && !deleted) enqueue(Ctl::Pvc, key, now);
  if (key.group.empty() && key.kind == "Pod" && type == Type::Added)
    enqueue(Ctl::Kubelet, key, now, get_str(*obj, {"metadata", "uid"}));
  // Owners watch what they control.
  if (obj && (key.kind == "Pod" || key.kind == "ReplicaSet")) {
    if (auto owner = controller_of(*obj)) {
      if (owner->kind == "ReplicaSet") {
        enqueue(Ctl::ReplicaSet, *owner, now);
        // A Recreate rollout waits for the old pods to be gone.
        if (const Node* rs = get(*owner); rs && key.kind == "Pod" && deleted) {
          if (auto d = controller_of(*rs); d && d->kind == "Deployment") enqueue(Ctl::Deployment, *d, now);
        }
      }
      if (owner->kind == "Deployment") enqueue(Ctl::Deployment, *owner, now);
      if (owner->kind == "Job") enqueue(Ctl::Job, *owner, now);
      if (owner->kind == "StatefulSet") enqueue(Ctl::StatefulSet, *owner, now);
      if (owner->kind == "DaemonSet") enqueue(Ctl::DaemonSet, *owner, now);
    }
  }
  // A terminating namespace waits for its contents.
  if (deleted && !key.ns.empty()) {
    const ObjectKey ns_key{"", "Namespace", "", key.ns};
    if (const Node* ns = get(ns_key); ns && ns->get({"metadata", "deletionTimestamp"}))
      enqueue(Ctl::Namespace, ns_key, now);
  }
}

std::optional<TimePoint> Cluster::next_wakeup() const {
  if (queue_.empty()) return std::nullopt;
  return queue_.begin()->first.first;
}

bool Cluster::run_until(TimePoint now, std::vector<ClusterEvent>& out, const std::function<bool()>& enough) {
  // Bounded: controllers write only on change, so a step chain at one instant
  // converges; the cap guards against a bug turning into a hang.
  constexpr int kMaxSteps = 1'000'000;
  for (int steps = 0; steps < kMaxSteps && !queue_.empty() && queue_.begin()->first.first <= now; ++steps) {
    const TimePoint at = queue_.begin()->first.first;
    Task task = std::move(queue_.begin()->second);
    queue_.erase(queue_.begin());
    pending_.erase(TaskId{static_cast<int>(task.ctl), task.key, task.uid});
    dispatch(task, at);
    if (observer_) observer_(*this, at);
    if (enough && !queue_.empty() && queue_.begin()->first.first <= now && enough()) return false;
  }
  for (auto& e : events_) out.push_back(std::move(e));
  events_.clear();
  return true;
}

std::vector<ClusterEvent> Cluster::take_events() {
  std::vector<ClusterEvent> out = std::move(events_);
  events_.clear();
  return out;
}

void Cluster::dispatch(const Task& task, TimePoint now) {
  switch (task.ctl) {
    case Ctl::Deployment:
      reconcile_deployment(task.key, now);
      break;
    case Ctl::ReplicaSet:
      reconcile_replicaset(task.key, now);
      break;
    case Ctl::Kubelet:
      reconcile_kubelet(task.key, task.uid, now);
      break;
    case Ctl::Job:
      reconcile_job(task.key, now);
      break;
    case Ctl::Service:
      reconcile_service(task.key, now);
      break;
    case Ctl::Ingress:
      reconcile_ingress(task.key, now);
      break;
    case Ctl::Pvc:
      reconcile_pvc(task.key, now);
      break;
    case Ctl::Namespace:
      reconcile_namespace(task.key, now);
      break;
    case Ctl::GarbageCollector:
      reconcile_gc(task.uid, now);
      break;
    case Ctl::StatefulSet:
      reconcile_statefulset(task.key, now);
      break;
    case Ctl::DaemonSet:
      reconcile_daemonset(task.key, now);
      break;
  }
}

// ---------------------------------------------------------------- faults

Status Cluster::check_reachable(TimePoint now) const {
  if (outage_until_ && now < *outage_until_) {
    return Error("Get \"" + server_ + "/version?timeout=32s\": dial tcp: connect: connection refused (cluster \"" +
                 name_ + "\" API unreachable until " + format_offset(*outage_until_) + ")");
  }
  return {};
}

void Cluster::set_outage(TimePoint until) { outage_until_ = until; }

void Cluster::set_crash(const ObjectKey& owner, bool on, TimePoint now) {
  if (on) {
    crash_.insert(owner);
  } else {
    crash_.erase(owner);
  }
  // Wake the kubelet for every pod so running containers pick the fault up.
  for (const auto& [k, v] : objects_) {
    if (k.kind == "Pod" && k.group.empty()) enqueue(Ctl::Kubelet, k, now, get_str(v, {"metadata", "uid"}));
  }
}

bool Cluster::is_crashing(const Node& pod) const {
  if (crash_.empty()) return false;
  const Node* cur = &pod;
  ObjectKey self{"", "Pod", get_str(pod, {"metadata", "namespace"}), get_str(pod, {"metadata", "name"})};
  if (crash_.count(self)) return true;
  for (int depth = 0; depth < 4 && cur; ++depth) {  // pod -> replicaset -> deployment
    auto owner = controller_of(*cur);
    if (!owner) return false;
    if (crash_.count(*owner)) return true;
    cur = get(*owner);
  }
  return false;
}

// ---------------------------------------------------------------- validation

static bool is_alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

static bool is_dns_label(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  if (!is_alnum_lower(s.front()) || !is_alnum_lower(s.back())) return false;
  for (char c : s) {
    if (!is_alnum_lower(c) && c != '-') return false;
  }
  return true;
}

static bool is_dns_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    auto dot = s.find('.', start);
    auto part = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!is_dns_label(part)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

static bool is_label_name(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  auto an = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (!an(s.front()) || !an(s.back())) return false;
  for (char c : s) {
    if (!an(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

static std::string label_key_problem(std::string_view key) {
  std::string_view name = key;
  if (auto slash = key.find('/'); slash != std::string_view::npos) {
    if (!is_dns_subdomain(key.substr(0, slash))) return "prefix part must be a lowercase RFC 1123 subdomain";
    name = key.substr(slash + 1);
  }
  if (!is_label_name(name))
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
           "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
           "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  return "";
}

static std::string label_value_problem(std::string_view v) {
  if (v.empty() || is_label_name(v)) return "";
  return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
         "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
         "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
}

// Kubernetes renders an int-or-string as its value.
static std::string render_value(const Node* n) {
  if (!n) return "null";
  if (n->is_string()) return "\"" + n->text() + "\"";
  if (n->is_scalar()) return n->text();
  return n->is_map() ? "map[...]" : "[...]";
}

static bool int_or_percent_is_zero(const Node* n) {
  if (!n) return false;
  if (auto i = n->as_int()) return *i == 0;
  if (n->is_string()) return n->text() == "0%" || n->text() == "0";
  return false;
}

static std::string validate_pod_spec(const Node* spec, const std::string& at) {
  if (!spec || !spec->is_map()) return at + ": Required value";
  const Node* containers = spec->find("containers");
  if (!containers || !containers->is_list() || containers->size() == 0) return at + ".containers: Required value";
  std::set<std::string> names;
  for (std::size_t i = 0; i < containers->size(); ++i) {
    const Node& c = containers->items()[i];
    const std::string here = at + ".containers[" + std::to_string(i) + "]";
    auto name = c.get_string({"name"});
    if (!name || name->empty()) return here + ".name: Required value";
    if (!is_dns_label(*name))
      return here + ".name: Invalid value: \"" + *name +
             "\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
             "start and end with an alphanumeric character";
    if (!names.insert(*name).second) return here + ".name: Duplicate value: \"" + *name + "\"";
    auto image = c.get_string({"image"});
    if (!image || image->empty()) return here + ".image: Required value";
  }
  return "";
}

Status Cluster::validate(const KindInfo& info, const Node& obj, const Node* old) const {
  const std::string name = get_str(obj, {"metadata", "name"});
  auto invalid = [&](const std::string& detail) {
    return Error("The " + info.kind + " \"" + name + "\" is invalid: " + detail);
  };
  const bool label_named = info.kind == "Namespace" || (info.group.empty() && info.kind == "Service");
  if (label_named ? !is_dns_label(name) : !is_dns_subdomain(name)) {
    return invalid("metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 " +
                   std::string(label_named ? "label" : "subdomain") +
                   " must consist of lower case alphanumeric characters, '-'" +
                   std::string(label_named ? "" : " or '.'") +
                   ", and must start and end with an alphanumeric character");
  }
  if (const Node* labels = obj.get({"metadata", "labels"}); labels && labels->is_map()) {
    for (const auto& e : labels->entries()) {
      if (auto p = label_key_problem(e.key); !p.empty())
        return invalid("metadata.labels: Invalid value: \"" + e.key + "\": " + p);
      if (!e.value.is_string() && !e.value.is_null())
        return invalid("metadata.labels." + e.key + ": Invalid value: " + render_value(&e.value) +
                       ": label values must be strings");
      if (auto p = label_value_problem(e.value.text()); !p.empty())
        return invalid("metadata.labels: Invalid value: \"" + e.value.text() + "\": " + p);
    }
  }
  const bool templated = (info.group == "apps" && (info.kind == "Deployment" || info.kind == "ReplicaSet" ||
                                                   info.kind == "StatefulSet" || info.kind == "DaemonSet")) ||
                         (info.group == "batch" && info.kind == "Job");
  if (templated) {
    if (const Node* r = obj.get({"spec", "replicas"})) {
      auto v = r->as_int();
      if (!v) return invalid("spec.replicas: Invalid value: " + render_value(r) + ": must be an integer");
      if (*v < 0) return invalid("spec.replicas: Invalid value: " + std::to_string(*v) +
                                 ": must be greater than or equal to 0");
    }
    if (auto p = validate_pod_spec(obj.get({"spec", "template", "spec"}), "spec.template.spec"); !p.empty())
      return invalid(p);
  }
  if (info.group == "apps" && info.kind != "ControllerRevision") {
    const Node* sel = obj.get({"spec", "selector"});
    if (!sel || !sel->is_map() || sel->size() == 0) return invalid("spec.selector: Required value");
    const Node* ml = sel->find("matchLabels");
    const Node* tl = obj.get({"spec", "template", "metadata", "labels"});
    if (ml && ml->is_map()) {
      for (const auto& e : ml->entries()) {
        const Node* v = tl ? tl->find(e.key) : nullptr;
        if (!v || !(*v == e.value))
          return invalid("spec.template.metadata.labels: Invalid value: " + format_labels(tl) +
                         ": `selector` does not match template `labels`");
      }
    }
    if (old) {
      const Node* old_sel = old->get({"spec", "selector"});
      if (old_sel && !(*old_sel == *sel))
        return invalid("spec.selector: Invalid value: " + format_labels(ml) + ": field is immutable");
    }
  }
  if (info.group == "apps" && info.kind == "Deployment") {
    const std::string type = get_str(obj, {"spec", "strategy", "type"}, "RollingUpdate");
    if (type != "RollingUpdate" && type != "Recreate")
      return invalid("spec.strategy.type: Unsupported value: \"" + type +
                     "\": supported values: \"Recreate\", \"RollingUpdate\"");
    if (type == "RollingUpdate") {
      const Node* surge = obj.get({"spec", "strategy", "rollingUpdate", "maxSurge"});
      const Node* unavail = obj.get({"spec", "strategy", "rollingUpdate", "maxUnavailable"});
      if (int_or_percent_is_zero(surge) && int_or_percent_is_zero(unavail))
        return invalid("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: " + render_value(unavail) +
                       ": may not be 0 when `maxSurge` is 0");
    } else if (obj.get({"spec", "strategy", "rollingUpdate"})) {
      return invalid("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    }
  }
  if (info.group == "batch" && info.kind == "Job") {
    const std::string rp = get_str(obj, {"spec", "template", "spec", "restartPolicy"});
    if (rp != "Never" && rp != "OnFailure")
      return invalid("spec.template.spec.restartPolicy: Unsupported value: \"" + rp +
                     "\": supported values: \"OnFailure\", \"Never\"");
    if (old) {
      const Node* a = old->get({"spec", "template"});
      const Node* b = obj.get({"spec", "template"});
      if (a && b && !(*a == *b)) return invalid("spec.template: Invalid value: ...: field is immutable");
    }
  }
  if (info.group.empty() && info.kind == "Service") {
    const std::string type = get_str(obj, {"spec", "type"}, "ClusterIP");
    if (type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer" && type != "ExternalName")
      return invalid("spec.type: Unsupported value: \"" + type +
                     "\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
    if (const Node* ports = obj.get({"spec", "ports"}); ports && ports->is_list()) {
      for (std::size_t i = 0; i < ports->size(); ++i) {
        const Node* p = ports->items()[i].find("port");
        auto v = p ? p->as_int() : std::nullopt;
        if (!v || *v < 1 || *v > 65535)
          return invalid("spec.ports[" + std::to_string(i) + "].port: Invalid value: " + render_value(p) +
                         ": must be between 1 and 65535, inclusive");
      }
    }
    if (old) {
      const std::string a = get_str(*old, {"spec", "clusterIP"});
      const std::string b = get_str(obj, {"spec", "clusterIP"});
      if (!a.empty() && a != b) return invalid("spec.clusterIPs[0]: Invalid value: []string{\"" + b +
                                               "\"}: may not change once set");
    }
  }
  return {};
}

// ---------------------------------------------------------------- defaulting

static void default_pod_spec(Node& spec) {
  if (!spec.is_map()) return;
  if (!spec.contains("restartPolicy")) spec.set("restartPolicy", Node::string("Always"));
  if (!spec.contains("terminationGracePeriodSeconds")) spec.set("terminationGracePeriodSeconds", Node::integer(30));
  if (!spec.contains("dnsPolicy")) spec.set("dnsPolicy", Node::string("ClusterFirst"));
  if (!spec.contains("schedulerName")) spec.set("schedulerName", Node::string("default-scheduler"));
  if (!spec.contains("securityContext")) spec.set("securityContext", Node::map());
  for (const char* list : {"containers", "initContainers"}) {
    Node* cs = spec.find(list);
    if (!cs || !cs->is_list()) continue;
    for (Node& c : cs->items()) {
      if (!c.is_map()) continue;
      if (!c.contains("imagePullPolicy")) {
        auto ref = parse_image_ref(get_str(c, {"image"}));
        const bool latest = ref.ok() && ref->tag == "latest" && ref->digest.empty();
        c.set("imagePullPolicy", Node::string(latest ? "Always" : "IfNotPresent"));
      }
      if (!c.contains("resources")) c.set("resources", Node::map());
      if (!c.contains("terminationMessagePath"))
        c.set("terminationMessagePath", Node::string("/dev/termination-log"));
      if (!c.contains("terminationMessagePolicy")) c.set("terminationMessagePolicy", Node::string("File"));
      if (Node* ports = c.find("ports"); ports && ports->is_list()) {
        for (Node& p : ports->items()) {
          if (p.is_map() && !p.contains("protocol")) p.set("protocol", Node::string("TCP"));
        }
      }
    }
  }
}

static void default_template(Node& obj) {
  Node* spec = obj.get({"spec", "template", "spec"}) ? &obj["spec"]["template"]["spec"] : nullptr;
  if (spec) default_pod_spec(*spec);
}

void Cluster::default_object(const KindInfo& info, Node& obj, const Node* old, bool allocate) {
  const std::string& g = info.group;
  const std::string& k = info.kind;
  if (g.empty() && k == "Namespace") {
    set_str(obj, {"metadata", "labels", "kubernetes.io/metadata.name"}, get_str(obj, {"metadata", "name"}));
    if (!obj.get({"spec", "finalizers"})) {
      Node f = Node::list();
      f.push_back(Node::string("kubernetes"));
      ensure(obj, {"spec", "finalizers"}) = std::move(f);
    }
    if (!obj.get({"status", "phase"})) set_str(obj, {"status", "phase"}, "Active");
  } else if (g == "apps" && (k == "Deployment" || k == "ReplicaSet" || k == "StatefulSet")) {
    if (!obj.get({"spec", "replicas"})) set_int(obj, {"spec", "replicas"}, 1);
    if (k != "ReplicaSet" && !obj.get({"spec", "revisionHistoryLimit"}))
      set_int(obj, {"spec", "revisionHistoryLimit"}, 10);
    if (k == "StatefulSet") {
      if (!obj.get({"spec", "podManagementPolicy"})) set_str(obj, {"spec", "podManagementPolicy"}, "OrderedReady");
      if (!obj.get({"spec", "updateStrategy", "type"})) set_str(obj, {"spec", "updateStrategy", "type"}, "RollingUpdate");
      if (get_str(obj, {"spec", "updateStrategy", "type"}) == "RollingUpdate" &&
          !obj.get({"spec", "updateStrategy", "rollingUpdate", "partition"}))
        set_int(obj, {"spec", "updateStrategy", "rollingUpdate", "partition"}, 0);
    }
    if (k == "Deployment") {
      if (!obj.get({"spec", "progressDeadlineSeconds"})) set_int(obj, {"spec", "progressDeadlineSeconds"}, 600);
      if (!obj.get({"spec", "strategy", "type"})) set_str(obj, {"spec", "strategy", "type"}, "RollingUpdate");
      if (get_str(obj, {"spec", "strategy", "type"}) == "RollingUpdate") {
        if (!obj.get({"spec", "strategy", "rollingUpdate", "maxSurge"}))
          set_str(obj, {"spec", "strategy", "rollingUpdate", "maxSurge"}, "25%");
        if (!obj.get({"spec", "strategy", "rollingUpdate", "maxUnavailable"}))
          set_str(obj, {"spec", "strategy", "rollingUpdate", "maxUnavailable"}, "25%");
      }
    }
    default_template(obj);
  } else if (g == "apps" && k == "DaemonSet") {
    if (!obj.get({"spec", "revisionHistoryLimit"})) set_int(obj, {"spec", "revisionHistoryLimit"}, 10);
    if (!obj.get({"spec", "updateStrategy", "type"})) set_str(obj, {"spec", "updateStrategy", "type"}, "RollingUpdate");
    default_template(obj);
  } else if (g == "batch" && k == "Job") {
    if (!obj.get({"spec", "parallelism"})) set_int(obj, {"spec", "parallelism"}, 1);
    if (!obj.get({"spec", "completions"})) set_int(obj, {"spec", "completions"}, 1);
    if (!obj.get({"spec", "backoffLimit"})) set_int(obj, {"spec", "backoffLimit"}, 6);
    if (!obj.get({"spec", "completionMode"})) set_str(obj, {"spec", "completionMode"}, "NonIndexed");
    if (!obj.get({"spec", "suspend"})) ensure(obj, {"spec", "suspend"}) = Node::boolean(false);
    // The selector and template labels name the job's uid; a re-apply keeps them.
    const std::string uid = old ? get_str(*old, {"metadata", "uid"}) : "";
    if (!uid.empty()) {
      if (!obj.get({"spec", "selector"})) {
        if (const Node* s = old->get({"spec", "selector"})) ensure(obj, {"spec", "selector"}) = *s;
      }
      const std::string jn = get_str(obj, {"metadata", "name"});
      for (const auto& [lk, lv] : std::vector<std::pair<std::string, std::string>>{
               {"batch.kubernetes.io/controller-uid", uid},
               {"batch.kubernetes.io/job-name", jn},
               {"controller-uid", uid},
               {"job-name", jn}}) {
        if (obj.get({"spec", "template"})) set_str(obj, {"spec", "template", "metadata", "labels", lk}, lv);
      }
    }
    default_template(obj);
  } else if (g.empty() && k == "Pod") {
    if (Node* spec = obj.find("spec")) default_pod_spec(*spec);
  } else if (g.empty() && k == "Service") {
    const std::string type = get_str(obj, {"spec", "type"}, "ClusterIP");
    if (!obj.get({"spec", "type"})) set_str(obj, {"spec", "type"}, "ClusterIP");
    if (!obj.get({"spec", "sessionAffinity"})) set_str(obj, {"spec", "sessionAffinity"}, "None");
    if (type != "ExternalName") {
      std::string ip = get_str(obj, {"spec", "clusterIP"});
      if (ip.empty() && old) ip = get_str(*old, {"spec", "clusterIP"});
      if (ip.empty() && !allocate) ip = "10.96.0.1";  // a dry run draws nothing
      if (ip.empty()) {
        Rng& r = stream("service-ip/" + get_str(obj, {"metadata", "namespace"}) + "/" +
                        get_str(obj, {"metadata", "name"}));
        ip = "10.96." + std::to_string(r.between(1, 254)) + "." + std::to_string(r.between(2, 254));
      }
      set_str(obj, {"spec", "clusterIP"}, ip);
      Node ips = Node::list();
      ips.push_back(Node::string(ip));
      if (!obj.get({"spec", "clusterIPs"})) ensure(obj, {"spec", "clusterIPs"}) = std::move(ips);
      if (!obj.get({"spec", "ipFamilies"})) {
        Node fam = Node::list();
        fam.push_back(Node::string("IPv4"));
        ensure(obj, {"spec", "ipFamilies"}) = std::move(fam);
      }
      if (!obj.get({"spec", "ipFamilyPolicy"})) set_str(obj, {"spec", "ipFamilyPolicy"}, "SingleStack");
      if (!obj.get({"spec", "internalTrafficPolicy"})) set_str(obj, {"spec", "internalTrafficPolicy"}, "Cluster");
    }
    const bool node_ports = type == "NodePort" || type == "LoadBalancer";
    if (node_ports && !obj.get({"spec", "externalTrafficPolicy"}))
      set_str(obj, {"spec", "externalTrafficPolicy"}, "Cluster");
    if (type == "LoadBalancer" && !obj.get({"spec", "allocateLoadBalancerNodePorts"}))
      ensure(obj, {"spec", "allocateLoadBalancerNodePorts"}) = Node::boolean(true);
    if (Node* ports = obj.get({"spec", "ports"}) ? &obj["spec"]["ports"] : nullptr; ports && ports->is_list()) {
      for (std::size_t i = 0; i < ports->size(); ++i) {
        Node& p = ports->items()[i];
        if (!p.is_map()) continue;
        if (!p.contains("protocol")) p.set("protocol", Node::string("TCP"));
        if (!p.contains("targetPort") && p.find("port")) p.set("targetPort", *p.find("port"));
        if (node_ports && !p.contains("nodePort")) {
          const Node* old_ports = old ? old->get({"spec", "ports"}) : nullptr;
          std::int64_t np = 0;
          if (old_ports && old_ports->is_list() && i < old_ports->size())
            np = get_int(old_ports->items()[i], {"nodePort"});
          if (np == 0 && !allocate) np = 30000;
          if (np == 0) {
            Rng& r = stream("node-port/" + get_str(obj, {"metadata", "namespace"}) + "/" +
                            get_str(obj, {"metadata", "name"}) + "/" + std::to_string(i));
            np = r.between(30000, 32767);
          }
          p.set("nodePort", Node::integer(np));
        }
      }
    }
    if (!obj.get({"status", "loadBalancer"})) ensure(obj, {"status", "loadBalancer"}) = Node::map();
  } else if (g.empty() && k == "Secret") {
    if (!obj.contains("type")) obj.set("type", Node::string("Opaque"));
    // The API server folds stringData into base64 data.
    if (const Node* sd = obj.find("stringData"); sd && sd->is_map()) {
      Node data = obj.find("data") && obj.find("data")->is_map() ? *obj.find("data") : Node::map();
      for (const auto& e : sd->entries()) data.set(e.key, Node::string(gs::base64_encode(e.value.text())));
      obj.set("data", std::move(data));
      obj.erase("stringData");
    }
  } else if (g.empty() && k == "PersistentVolumeClaim") {
    if (!obj.get({"spec", "volumeMode"})) set_str(obj, {"spec", "volumeMode"}, "Filesystem");
    if (!obj.get({"status", "phase"})) set_str(obj, {"status", "phase"}, "Pending");
  } else if (k == "Ingress") {
    if (!obj.get({"status", "loadBalancer"})) ensure(obj, {"status", "loadBalancer"}) = Node::map();
  }
}

// ---------------------------------------------------------------- apply / delete

Status Cluster::check_namespace(const KindInfo& info, const ObjectKey& key) const {
  if (!info.namespaced) return {};
  const Node* ns = get(ObjectKey{"", "Namespace", "", key.ns});
  if (!ns) return Error("namespaces \"" + key.ns + "\" not found");
  if (ns->get({"metadata", "deletionTimestamp"}))
    return Error(info.resource + " \"" + key.name + "\" is forbidden: unable to create new content in namespace " +
                 key.ns + " because it is being terminated");
  return {};
}

// Annotations the API server or controllers own; a manifest without them keeps them.
static bool server_annotation(std::string_view k) { return k.rfind("deployment.kubernetes.io/", 0) == 0; }

// What an apply keeps from the live object's metadata: server-set fields,
// owners and finalizers the manifest does not name, server annotations.
static void keep_server_metadata(const Node& om, Node& meta) {
  for (const char* f : {"uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
                        "deletionGracePeriodSeconds"}) {
    if (const Node* v = om.find(f)) meta.set(f, *v);
  }
  for (const char* f : {"ownerReferences", "finalizers"}) {
    if (!meta.find(f)) {
      if (const Node* v = om.find(f)) meta.set(f, *v);
    }
  }
  if (const Node* oa = om.find("annotations"); oa && oa->is_map()) {
    for (const auto& e : oa->entries()) {
      if (!server_annotation(e.key)) continue;
      if (!meta.find("annotations") || !meta.find("annotations")->find(e.key))
        set_str(meta, {"annotations", e.key}, e.value.text());
    }
  }
}

Result<Node> Cluster::apply_candidate(const Node& manifest, const ObjectKey& key, const KindInfo& info,
                                      const Node* old) const {
  // Metadata is built whole before it goes into the candidate: a reference
  // from operator[] dies when a later insert grows the candidate's map.
  Node meta = Node::map();
  meta.set("name", Node::string(key.name));
  if (info.namespaced) meta.set("namespace", Node::string(key.ns));
  const Node* mmeta = manifest.find("metadata");
  for (const char* f : {"labels", "annotations", "ownerReferences", "finalizers"}) {
    if (const Node* v = mmeta->find(f); v && !v->is_null()) meta.set(f, *v);
  }
  if (old) keep_server_metadata(*old->find("metadata"), meta);
  // The candidate: the manifest's fields, metadata rebuilt in Kubernetes' order.
  Node cand = Node::map();
  cand.set("apiVersion", *manifest.find("apiVersion"));
  cand.set("kind", *manifest.find("kind"));
  cand.set("metadata", std::move(meta));
  for (const auto& e : manifest.entries()) {
    if (is_top_level_meta(e.key)) continue;
    cand.set(e.key, e.value);
  }
  if (old) {
    if (const Node* st = old->find("status")) cand.set("status", *st);
  }
  return cand;
}

Status Cluster::dry_run_apply(const Node& manifest, TimePoint now) {
  if (auto s = check_reachable(now); !s) return s;
  if (!manifest.is_map()) return Error("error validating data: the object is not a map");
  auto key = key_of(manifest);
  if (!key) return key.error();
  const KindInfo info = *kind_info(key->group, key->kind);
  const Node* old = get(*key);
  auto cand = apply_candidate(manifest, *key, info, old);
  if (!cand) return cand.error();
  default_object(info, *cand, old, /*allocate=*/false);
  return validate(info, *cand, old);
}

Result<ApplyResult> Cluster::apply(const Node& manifest, TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s.error();
  if (!manifest.is_map()) return Error("error validating data: the object is not a map");
  auto key = key_of(manifest);
  if (!key) return key.error();
  const KindInfo info = *kind_info(key->group, key->kind);
  const Node* old = get(*key);
  if (!old) {
    if (auto s = check_namespace(info, *key); !s) return s.error();
  }
  auto built = apply_candidate(manifest, *key, info, old);
  if (!built) return built.error();
  Node cand = std::move(built.value());
  default_object(info, cand, old);
  if (auto s = validate(info, cand, old); !s) return s.error();

  ApplyResult result;
  result.key = *key;
  if (!old) {
    if (key->group == "apiextensions.k8s.io" && key->kind == "CustomResourceDefinition") {
      KindInfo ci;
      ci.group = get_str(cand, {"spec", "group"});
      ci.kind = get_str(cand, {"spec", "names", "kind"});
      ci.resource = get_str(cand, {"spec", "names", "plural"}, lower(ci.kind) + "s");
      ci.namespaced = get_str(cand, {"spec", "scope"}, "Namespaced") != "Cluster";
      if (const Node* vs = cand.get({"spec", "versions"}); vs && vs->is_list()) {
        for (const auto& v : vs->items()) {
          if (get_bool(v, {"served"}, true)) ci.versions.push_back(get_str(v, {"name"}));
        }
      }
      if (const Node* sn = cand.get({"spec", "names", "shortNames"}); sn && sn->is_list()) {
        for (const auto& s : sn->items()) ci.short_names.push_back(s.text());
      }
      if (!ci.kind.empty()) register_kind(ci);
    }
    store_create(std::move(cand), *key, now, by);
    result.outcome = ApplyResult::Outcome::Created;
  } else {
    result.outcome = store_update(*key, std::move(cand), now, by) ? ApplyResult::Outcome::Configured
                                                                   : ApplyResult::Outcome::Unchanged;
  }
  return result;
}

void Cluster::request_deletion(const ObjectKey& key, TimePoint now, std::string_view by) {
  const Node* obj = get(key);
  if (!obj || obj->get({"metadata", "deletionTimestamp"})) return;
  const Node* fin = obj->get({"metadata", "finalizers"});
  const bool graceful = key.group.empty() && (key.kind == "Pod" || key.kind == "Namespace");
  if (!graceful && (!fin || fin->size() == 0)) {
    store_delete(key, now, by);
    return;
  }
  Node copy = *obj;
  set_str(copy, {"metadata", "deletionTimestamp"}, ts(now));
  if (key.kind == "Pod")
    set_int(copy, {"metadata", "deletionGracePeriodSeconds"},
            get_int(copy, {"spec", "terminationGracePeriodSeconds"}, 30));
  if (key.kind == "Namespace") set_str(copy, {"status", "phase"}, "Terminating");
  store_update(key, std::move(copy), now, by);
  if (key.kind == "Pod") enqueue(Ctl::Kubelet, key, now, get_str(*get(key), {"metadata", "uid"}));
  if (key.kind == "Namespace") enqueue(Ctl::Namespace, key, now);
}

static std::string not_found(const KindInfo& info, const std::string& name) {
  std::string res = info.resource;
  if (!info.group.empty()) res += "." + info.group;
  return "Error from server (NotFound): " + res + " \"" + name + "\" not found";
}

Status Cluster::remove(const ObjectKey& key, TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s;
  if (!get(key)) {
    auto info = kind_info(key.group, key.kind);
    return Error(info ? not_found(*info, key.name) : "the server doesn't have a resource type \"" + key.kind + "\"");
  }
  request_deletion(key, now, by);
  return {};
}

// ---------------------------------------------------------------- live edits

Result<ObjectKey> Cluster::edit_target(std::string_view kind, std::string_view ns, std::string_view name) const {
  auto info = resolve_resource(kind);
  if (!info) return info.error();
  ObjectKey key{info->group, info->kind, info->namespaced ? std::string(ns.empty() ? "default" : ns) : "",
                std::string(name)};
  if (!get(key)) return Error(not_found(*info, key.name));
  return key;
}

Status Cluster::finish_edit(const ObjectKey& key, Node updated, TimePoint now, std::string_view by) {
  const Node* old = get(key);
  const KindInfo info = *kind_info(key.group, key.kind);
  default_object(info, updated, old);
  if (auto s = validate(info, updated, old); !s) return s;
  store_update(key, std::move(updated), now, by);
  return {};
}

Status Cluster::scale(std::string_view kind, std::string_view ns, std::string_view name, std::int64_t replicas,
                      TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s;
  if (replicas < 0)
    return Error("invalid --replicas=" + std::to_string(replicas) +
                 ": The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  auto info = resolve_resource(kind);
  if (!info) return info.error();
  if (!(info->group == "apps" && (info->kind == "Deployment" || info->kind == "ReplicaSet" ||
                                  info->kind == "StatefulSet")))
    return Error("cannot scale \"" + std::string(kind) + "\": " + info->kind +
                 " has no scale subresource (Deployment, ReplicaSet, StatefulSet have)");
  auto key = edit_target(kind, ns, name);
  if (!key) return key.error();
  Node copy = *get(*key);
  set_int(copy, {"spec", "replicas"}, replicas);
  return finish_edit(*key, std::move(copy), now, by);
}

Status Cluster::scale(std::string_view kind, std::string_view ns, std::string_view name,
                      std::string_view replicas_text, TimePoint now, std::string_view by) {
  std::int64_t v = 0;
  const char* first = replicas_text.data();
  const char* last = first + replicas_text.size();
  auto [p, ec] = std::from_chars(first, last, v);
  if (replicas_text.empty() || ec != std::errc() || p != last)
    return Error("invalid argument \"" + std::string(replicas_text) +
                 "\" for \"--replicas\" flag: strconv.ParseInt: parsing \"" + std::string(replicas_text) +
                 "\": invalid syntax");
  return scale(kind, ns, name, v, now, by);
}

Status Cluster::set_image(std::string_view kind, std::string_view ns, std::string_view name,
                          std::string_view container, std::string_view image, TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s;
  auto ref = parse_image_ref(image);
  if (!ref) return ref.error();
  auto key = edit_target(kind, ns, name);
  if (!key) return key.error();
  Node copy = *get(*key);
  Node* containers = nullptr;
  if (key->group.empty() && key->kind == "Pod") {
    containers = copy.get({"spec", "containers"}) ? &copy["spec"]["containers"] : nullptr;
  } else if (copy.get({"spec", "template", "spec", "containers"})) {
    containers = &copy["spec"]["template"]["spec"]["containers"];
  }
  if (!containers || !containers->is_list())
    return Error("error: " + key->kubectl_ref() + " has no containers (set image needs a pod template)");
  bool found = false;
  for (Node& c : containers->items()) {
    if (container == "*" || get_str(c, {"name"}) == container) {
      c.set("image", Node::string(std::string(image)));
      found = true;
    }
  }
  if (!found) return Error("error: unable to find container named \"" + std::string(container) + "\"");
  return finish_edit(*key, std::move(copy), now, by);
}

static Node merge_patch(const Node& target, const Node& patch) {
  if (!patch.is_map()) return patch;
  Node out = target.is_map() ? target : Node::map();
  for (const auto& e : patch.entries()) {
    if (e.value.is_null()) {
      out.erase(e.key);
      continue;
    }
    const Node* cur = out.find(e.key);
    Node merged = merge_patch(cur ? *cur : Node(), e.value);
    out.set(e.key, std::move(merged));
  }
  return out;
}

Status Cluster::patch_merge(const ObjectKey& key, const Node& patch, TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s;
  const Node* old = get(key);
  if (!old) {
    auto info = kind_info(key.group, key.kind);
    return Error(info ? not_found(*info, key.name) : "the server doesn't have a resource type \"" + key.kind + "\"");
  }
  if (!patch.is_map()) return Error("error: unable to parse patch: a merge patch must be a JSON object");
  Node updated = merge_patch(*old, patch);
  for (const char* f : {"apiVersion", "kind"}) {
    const Node* a = old->find(f);
    const Node* b = updated.find(f);
    if (!b || !a || !(*a == *b))
      return Error("error: the patch changes \"" + std::string(f) + "\", which cannot be patched");
  }
  for (const char* f : {"name", "namespace"}) {
    if (get_str(updated, {"metadata", f}) != get_str(*old, {"metadata", f}))
      return Error("error: the patch changes \"metadata." + std::string(f) + "\", which cannot be patched");
  }
  // The main resource ignores status, as with a status subresource.
  if (const Node* st = old->find("status")) {
    updated.set("status", *st);
  } else {
    updated.erase("status");
  }
  if (const Node* l = updated.get({"metadata", "labels"}); l && l->is_map()) {
    for (const auto& e : l->entries()) {
      if (!e.value.is_string()) return Error("error: label \"" + e.key + "\" must be a string");
    }
  }
  return finish_edit(key, std::move(updated), now, by);
}

static Status meta_edit(Cluster& c, const ObjectKey& key, const char* field, std::string_view k,
                        std::optional<std::string_view> v, bool overwrite, Node& out) {
  const bool is_label = std::string_view(field) == "labels";
  const Node* obj = c.get(key);
  if (!obj) return Error("Error from server (NotFound): " + key.kubectl_ref() + " not found");
  if (k.empty()) return Error(std::string("error: invalid ") + (is_label ? "label" : "annotation") + " spec: empty key");
  {
    std::string_view name = k;
    std::string problem;
    if (auto slash = k.find('/'); slash != std::string_view::npos) name = k.substr(slash + 1);
    if (!is_label_name(name) || (k.find('/') != std::string_view::npos && !is_dns_subdomain(k.substr(0, k.find('/')))))
      return Error(std::string("error: invalid ") + (is_label ? "label" : "annotation") + " key \"" + std::string(k) +
                   "\": " + label_key_problem(k));
  }
  if (is_label && v) {
    if (auto p = label_value_problem(*v); !p.empty())
      return Error("error: invalid label value: \"" + std::string(k) + "=" + std::string(*v) + "\": " + p);
  }
  out = *obj;
  const Node* cur = out.get({"metadata", field, std::string(k)});
  if (!v) {
    if (cur) out["metadata"][field].erase(k);
    return {};
  }
  if (cur && !overwrite && cur->text() != *v)
    return Error("error: '" + std::string(k) + "' already has a value (" + cur->text() +
                 "), and --overwrite is false");
  set_str(out, {"metadata", field, k}, std::string(*v));
  return {};
}

Status Cluster::label(const ObjectKey& key, std::string_view k, std::optional<std::string_view> v, TimePoint now,
                      std::string_view by, bool overwrite) {
  if (auto s = check_reachable(now); !s) return s;
  Node out;
  if (auto s = meta_edit(*this, key, "labels", k, v, overwrite, out); !s) return s;
  return finish_edit(key, std::move(out), now, by);
}

Status Cluster::annotate(const ObjectKey& key, std::string_view k, std::optional<std::string_view> v, TimePoint now,
                         std::string_view by, bool overwrite) {
  if (auto s = check_reachable(now); !s) return s;
  Node out;
  if (auto s = meta_edit(*this, key, "annotations", k, v, overwrite, out); !s) return s;
  return finish_edit(key, std::move(out), now, by);
}

}  // namespace gs::cluster
