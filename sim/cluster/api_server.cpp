#include "sim/cluster/api_server.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "sim/cluster/api_defaults.hpp"
#include "sim/cluster/api_validation.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster {

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

}  // namespace gs::cluster

namespace gs::cluster::detail {

using model::Node;
using Type = ClusterEvent::Type;

namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_crd(const ObjectKey& key) { return key.group == "apiextensions.k8s.io" && key.kind == "CustomResourceDefinition"; }

bool is_top_level_meta(std::string_view k) {
  return k == "apiVersion" || k == "kind" || k == "metadata" || k == "status";
}

bool spec_differs(const Node& a, const Node& b) {
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

// Rebuilds metadata in Kubernetes' field order, server fields included.
void put_server_metadata(Node& obj, const std::string& uid, const std::string& rv, std::int64_t generation,
                         const std::string& created) {
  Node& meta = obj["metadata"];
  meta.set("uid", Node::string(uid));
  meta.set("resourceVersion", Node::string(rv));
  meta.set("generation", Node::integer(generation));
  meta.set("creationTimestamp", Node::string(created));
}

// Annotations the API server or controllers own; a manifest without them keeps them.
bool server_annotation(std::string_view k) { return k.rfind("deployment.kubernetes.io/", 0) == 0; }

// What an apply keeps from the live object's metadata: server-set fields,
// owners and finalizers the manifest does not name, server annotations.
void keep_server_metadata(const Node& om, Node& meta) {
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

}  // namespace

std::string not_found_message(const KindInfo& info, const std::string& name) {
  std::string res = info.resource;
  if (!info.group.empty()) res += "." + info.group;
  return "Error from server (NotFound): " + res + " \"" + name + "\" not found";
}

ApiServer::ApiServer(std::string cluster_name, std::int64_t epoch_s_at_zero, Rng rng)
    : name_(std::move(cluster_name)), epoch0_(epoch_s_at_zero), allocations_(rng) {
  // The namespaces every cluster starts with, created at time 0 by the API server.
  for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    Node obj = Node::map();
    obj.set("apiVersion", Node::string("v1"));
    obj.set("kind", Node::string("Namespace"));
    set_str(obj, {"metadata", "name"}, ns);
    default_object(*find_builtin_kind("", "Namespace"), obj, nullptr, &allocations_);
    (void)create(std::move(obj), ObjectKey{"", "Namespace", "", ns}, TimePoint{0}, "kube-apiserver");
  }
  events_.clear();  // the starting state is not news
}

std::int64_t ApiServer::epoch_s_at(TimePoint t) const {
  std::int64_t s = t.ms >= 0 ? t.ms / 1000 : -((-t.ms + 999) / 1000);
  return epoch0_ + s;
}

std::string ApiServer::ts(TimePoint t) const { return format_rfc3339_utc(epoch_s_at(t)); }

// ---------------------------------------------------------------- kinds

std::optional<KindInfo> ApiServer::kind_info(std::string_view group, std::string_view kind) const {
  if (const KindInfo* k = find_builtin_kind(group, kind)) return *k;
  for (const auto& k : custom_kinds_) {
    if (k.group == group && k.kind == kind) return k;
  }
  return std::nullopt;
}

void ApiServer::register_kind(KindInfo info) {
  for (auto& k : custom_kinds_) {
    if (k.group == info.group && k.kind == info.kind) {
      k = std::move(info);
      return;
    }
  }
  custom_kinds_.push_back(std::move(info));
}

Result<KindInfo> ApiServer::resolve_resource(std::string_view word) const {
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
    return std::find(k.short_names.begin(), k.short_names.end(), w) != k.short_names.end();
  };
  for (const auto& k : builtin_kinds()) {
    if (matches(k)) return k;
  }
  for (const auto& k : custom_kinds_) {
    if (matches(k)) return k;
  }
  return Error("the server doesn't have a resource type \"" + std::string(word) + "\"");
}

Result<ObjectKey> ApiServer::key_of(const Node& obj) const {
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

// A CRD makes its kind servable as soon as it is stored.
void ApiServer::register_crd(const Node& crd) {
  KindInfo ci;
  ci.group = get_str(crd, {"spec", "group"});
  ci.kind = get_str(crd, {"spec", "names", "kind"});
  ci.resource = get_str(crd, {"spec", "names", "plural"}, lower(ci.kind) + "s");
  ci.namespaced = get_str(crd, {"spec", "scope"}, "Namespaced") != "Cluster";
  if (const Node* vs = crd.get({"spec", "versions"}); vs && vs->is_list()) {
    for (const auto& v : vs->items()) {
      if (get_bool(v, {"served"}, true)) ci.versions.push_back(get_str(v, {"name"}));
    }
  }
  if (const Node* sn = crd.get({"spec", "names", "shortNames"}); sn && sn->is_list()) {
    for (const auto& s : sn->items()) ci.short_names.push_back(s.text());
  }
  if (!ci.kind.empty()) register_kind(ci);
}

// ---------------------------------------------------------------- reads

const Node* ApiServer::get(const ObjectKey& key) const {
  auto it = objects_.find(key);
  return it == objects_.end() ? nullptr : &it->second;
}

std::vector<ObjectKey> ApiServer::keys() const {
  std::vector<ObjectKey> out;
  out.reserve(objects_.size());
  for (const auto& [k, v] : objects_) out.push_back(k);
  return out;
}

std::vector<ObjectKey> ApiServer::list(std::string_view kind, std::optional<std::string_view> ns) const {
  std::vector<ObjectKey> out;
  for (const auto& [k, v] : objects_) {
    if (k.kind != kind) continue;
    if (ns && k.ns != *ns) continue;
    out.push_back(k);
  }
  return out;
}

std::vector<ObjectKey> ApiServer::in_namespace(const std::string& ns) const {
  std::vector<ObjectKey> out;
  for (const auto& [k, v] : objects_) {
    if (k.ns == ns) out.push_back(k);
  }
  return out;
}

std::optional<ObjectKey> ApiServer::find_uid(std::string_view uid) const {
  auto it = by_uid_.find(std::string(uid));
  if (it == by_uid_.end()) return std::nullopt;
  return it->second;
}

std::vector<ObjectKey> ApiServer::dependents_of(const std::string& uid) const {
  std::vector<ObjectKey> out;
  auto it = dependents_.find(uid);
  if (it == dependents_.end()) return out;
  for (const auto& [k, controller] : it->second) out.push_back(k);
  return out;
}

std::vector<ObjectKey> ApiServer::owned_by(const ObjectKey& owner) const {
  const Node* o = get(owner);
  if (!o) return {};
  return dependents_of(get_str(*o, {"metadata", "uid"}));
}

std::vector<ObjectKey> ApiServer::controlled_by(const ObjectKey& owner, std::string_view kind) const {
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

std::optional<ObjectKey> ApiServer::controller_of(const Node& obj) const {
  const Node* refs = obj.get({"metadata", "ownerReferences"});
  if (!refs || !refs->is_list()) return std::nullopt;
  for (const auto& r : refs->items()) {
    if (!get_bool(r, {"controller"})) continue;
    auto it = by_uid_.find(get_str(r, {"uid"}));
    if (it != by_uid_.end()) return it->second;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- the store

std::string ApiServer::new_uid() {
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

// etcd refuses every write past its backend quota (--quota-backend-bytes,
// 2 GiB by default) with this error. We count objects, not bytes, and scale
// the quota down to a laptop: one of our objects costs about 12 KB (a
// Pending pod), so 4,000 of them keep a cluster at its quota near 60 MB
// (bench_cluster runaway prints the figure). That is twelve times the pods
// three nodes can run and far more than any lesson stores, yet a runaway
// scale (--replicas=2147483647) stops within a second.
// Only creations count: updates and deletes never grow the store here.
Status ApiServer::check_quota() const {
  if (objects_.size() >= max_objects_) return Error("etcdserver: mvcc: database space exceeded");
  return {};
}

Status ApiServer::create(Node obj, const ObjectKey& key, TimePoint now, std::string_view by) {
  if (auto s = check_quota(); !s) return s;
  const std::string uid = new_uid();
  const std::string rv = std::to_string(++rv_);
  put_server_metadata(obj, uid, rv, 1, ts(now));
  by_uid_[uid] = key;
  auto [it, inserted] = objects_.insert_or_assign(key, std::move(obj));
  (void)inserted;
  index_owners(key, it->second, true);
  events_.push_back(ClusterEvent{Type::Added, key, std::string(by), true, now, rv});
  notify(key, it->second, Type::Added, now);
  return {};
}

bool ApiServer::update(const ObjectKey& key, Node obj, TimePoint now, std::string_view by) {
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
  notify(key, it->second, Type::Modified, now);
  // An object being deleted goes once its finalizers are gone (pods and
  // namespaces are finished by the kubelet and the namespace controller).
  const Node& cur = it->second;
  if (cur.get({"metadata", "deletionTimestamp"}) && key.kind != "Pod" && key.kind != "Namespace") {
    const Node* fin = cur.get({"metadata", "finalizers"});
    if (!fin || fin->size() == 0) erase(key, now, by);
  }
  return true;
}

void ApiServer::erase(const ObjectKey& key, TimePoint now, std::string_view by) {
  auto it = objects_.find(key);
  if (it == objects_.end()) return;
  const std::string uid = get_str(it->second, {"metadata", "uid"});
  index_owners(key, it->second, false);
  Node gone = std::move(it->second);
  objects_.erase(it);
  by_uid_.erase(uid);
  const std::string rv = std::to_string(++rv_);
  events_.push_back(ClusterEvent{Type::Deleted, key, std::string(by), true, now, rv});
  if (is_crd(key)) {
    const std::string g = get_str(gone, {"spec", "group"});
    const std::string k = get_str(gone, {"spec", "names", "kind"});
    std::erase_if(custom_kinds_, [&](const KindInfo& i) { return i.group == g && i.kind == k; });
  }
  notify(key, gone, Type::Deleted, now);
}

void ApiServer::index_owners(const ObjectKey& key, const Node& obj, bool add) {
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

void ApiServer::notify(const ObjectKey& key, const Node& obj, Type type, TimePoint now) {
  if (observer_) observer_->changed(key, obj, type, now);
}

void ApiServer::take_events(std::vector<ClusterEvent>& out) {
  for (auto& e : events_) out.push_back(std::move(e));
  events_.clear();
}

// ---------------------------------------------------------------- Kubernetes Events

void ApiServer::record_event(const ObjectKey& obj, const char* type, std::string reason, std::string message,
                             std::string_view source, TimePoint at) {
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
  kube_events_.push_back(
      KubeEvent{obj, type, std::move(reason), std::move(message), std::string(source), at, at, 1});
}

std::vector<KubeEvent> ApiServer::events_for(const ObjectKey& key) const {
  std::vector<KubeEvent> out;
  for (const auto& e : kube_events_) {
    if (e.object == key) out.push_back(e);
  }
  return out;
}

// ---------------------------------------------------------------- apply, delete

static Status check_namespace(const ApiServer& api, const KindInfo& info, const ObjectKey& key) {
  if (!info.namespaced) return {};
  const Node* ns = api.get(ObjectKey{"", "Namespace", "", key.ns});
  if (!ns) return Error("namespaces \"" + key.ns + "\" not found");
  if (ns->get({"metadata", "deletionTimestamp"}))
    return Error(info.resource + " \"" + key.name + "\" is forbidden: unable to create new content in namespace " +
                 key.ns + " because it is being terminated");
  return {};
}

Result<Node> ApiServer::apply_candidate(const Node& manifest, const ObjectKey& key, const KindInfo& info,
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

Status ApiServer::dry_run_apply(const Node& manifest) const {
  if (!manifest.is_map()) return Error("error validating data: the object is not a map");
  auto key = key_of(manifest);
  if (!key) return key.error();
  const KindInfo info = *kind_info(key->group, key->kind);
  const Node* old = get(*key);
  auto cand = apply_candidate(manifest, *key, info, old);
  if (!cand) return cand.error();
  default_object(info, *cand, old, /*allocate=*/nullptr);
  return validate_object(info, *cand, old);
}

Result<ApplyResult> ApiServer::apply(const Node& manifest, TimePoint now, std::string_view by) {
  if (!manifest.is_map()) return Error("error validating data: the object is not a map");
  auto key = key_of(manifest);
  if (!key) return key.error();
  const KindInfo info = *kind_info(key->group, key->kind);
  const Node* old = get(*key);
  if (!old) {
    if (auto s = check_namespace(*this, info, *key); !s) return s.error();
  }
  auto built = apply_candidate(manifest, *key, info, old);
  if (!built) return built.error();
  Node cand = std::move(built.value());
  default_object(info, cand, old, &allocations_);
  if (auto s = validate_object(info, cand, old); !s) return s.error();

  ApplyResult result;
  result.key = *key;
  if (!old) {
    if (auto s = check_quota(); !s) return s.error();
    if (is_crd(*key)) register_crd(cand);
    (void)create(std::move(cand), *key, now, by);
    result.outcome = ApplyResult::Outcome::Created;
  } else {
    result.outcome =
        update(*key, std::move(cand), now, by) ? ApplyResult::Outcome::Configured : ApplyResult::Outcome::Unchanged;
  }
  return result;
}

Status ApiServer::replace(const ObjectKey& key, Node updated, TimePoint now, std::string_view by) {
  const Node* old = get(key);
  const KindInfo info = *kind_info(key.group, key.kind);
  default_object(info, updated, old, &allocations_);
  if (auto s = validate_object(info, updated, old); !s) return s;
  update(key, std::move(updated), now, by);
  return {};
}

void ApiServer::request_deletion(const ObjectKey& key, TimePoint now, std::string_view by) {
  const Node* obj = get(key);
  if (!obj || obj->get({"metadata", "deletionTimestamp"})) return;
  const Node* fin = obj->get({"metadata", "finalizers"});
  const bool pod = key.group.empty() && key.kind == "Pod";
  const bool graceful = pod || (key.group.empty() && key.kind == "Namespace");
  // A pod no node holds has nothing to stop: its grace period is zero
  // (the pod registry's CheckGracefulDelete for an empty spec.nodeName).
  if ((!graceful && (!fin || fin->size() == 0)) || (pod && pod_awaits_node(*obj))) {
    erase(key, now, by);
    return;
  }
  Node copy = *obj;
  set_str(copy, {"metadata", "deletionTimestamp"}, ts(now));
  if (key.kind == "Pod")
    set_int(copy, {"metadata", "deletionGracePeriodSeconds"},
            get_int(copy, {"spec", "terminationGracePeriodSeconds"}, 30));
  if (key.kind == "Namespace") set_str(copy, {"status", "phase"}, "Terminating");
  update(key, std::move(copy), now, by);
  if (graceful && observer_) observer_->deletion_started(key, *get(key), now);
}

Status ApiServer::remove(const ObjectKey& key, TimePoint now, std::string_view by) {
  if (!get(key)) {
    auto info = kind_info(key.group, key.kind);
    return Error(info ? not_found_message(*info, key.name)
                      : "the server doesn't have a resource type \"" + key.kind + "\"");
  }
  request_deletion(key, now, by);
  return {};
}

}  // namespace gs::cluster::detail
