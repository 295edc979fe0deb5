// The Cluster facade: builds the parts, routes the API server's watch to the
// controllers that watch each kind (the informers of kube-controller-manager,
// written down once in Parts::changed), runs the work queue.
#include "sim/cluster/cluster.hpp"

#include "sim/cluster/api_server.hpp"
#include "sim/cluster/controllers/daemonset_controller.hpp"
#include "sim/cluster/controllers/deployment_controller.hpp"
#include "sim/cluster/controllers/garbage_collector.hpp"
#include "sim/cluster/controllers/ingress_controller.hpp"
#include "sim/cluster/controllers/job_controller.hpp"
#include "sim/cluster/controllers/kubelet.hpp"
#include "sim/cluster/controllers/namespace_controller.hpp"
#include "sim/cluster/controllers/pvc_controller.hpp"
#include "sim/cluster/controllers/replicaset_controller.hpp"
#include "sim/cluster/controllers/scheduler.hpp"
#include "sim/cluster/controllers/service_controller.hpp"
#include "sim/cluster/controllers/statefulset_controller.hpp"
#include "sim/cluster/node_util.hpp"
#include "sim/cluster/work_queue.hpp"

namespace gs::cluster {

using model::Node;
using namespace detail;
using Type = ClusterEvent::Type;

struct Cluster::Parts final : ApiServer::Observer {
  Parts(const std::string& name, std::int64_t epoch_s_at_zero, Rng rng, const ImageRegistry* registry)
      : nodes(kind_worker_nodes(name)),
        api(name, epoch_s_at_zero, rng),
        scheduler(store(Ctl::Scheduler), nodes),
        kubelet(store(Ctl::Kubelet), rng, registry, nodes),
        deployments(store(Ctl::Deployment)),
        replicasets(store(Ctl::ReplicaSet), scheduler, kubelet, rng),
        jobs(store(Ctl::Job), scheduler, rng),
        services(store(Ctl::Service), rng),
        ingresses(store(Ctl::Ingress), rng, name),
        pvcs(store(Ctl::Pvc), rng),
        namespaces(store(Ctl::Namespace)),
        gc(store(Ctl::GarbageCollector)),
        statefulsets(store(Ctl::StatefulSet), scheduler, rng),
        daemonsets(store(Ctl::DaemonSet), scheduler, rng) {
    api.set_observer(this);
  }
  Parts(const Parts&) = delete;
  Parts& operator=(const Parts&) = delete;

  Store store(Ctl self) { return Store(api, queue, self); }
  void changed(const ObjectKey& key, const Node& obj, Type type, TimePoint now) override;
  void deletion_started(const ObjectKey& key, const Node& obj, TimePoint now) override;
  void wake_owner(const ObjectKey& key, const Node& obj, bool deleted, TimePoint now);
  void dispatch(const Task& task, TimePoint now);

  std::vector<NodeInfo> nodes;
  ApiServer api;
  WorkQueue queue;
  Scheduler scheduler;
  Kubelet kubelet;
  DeploymentController deployments;
  ReplicaSetController replicasets;
  JobController jobs;
  ServiceController services;
  IngressController ingresses;
  PvcController pvcs;
  NamespaceController namespaces;
  GarbageCollector gc;
  StatefulSetController statefulsets;
  DaemonSetController daemonsets;
};

// Owners watch what they control: a pod or ReplicaSet change wakes its
// controller (and a Recreate rollout waits for the old pods to be gone).
void Cluster::Parts::wake_owner(const ObjectKey& key, const Node& obj, bool deleted, TimePoint now) {
  auto owner = api.controller_of(obj);
  if (!owner) return;
  if (owner->kind == "ReplicaSet") {
    queue.enqueue(Ctl::ReplicaSet, *owner, now);
    if (const Node* rs = api.get(*owner); rs && key.kind == "Pod" && deleted) {
      if (auto d = api.controller_of(*rs); d && d->kind == "Deployment") queue.enqueue(Ctl::Deployment, *d, now);
    }
  }
  if (owner->kind == "Deployment") queue.enqueue(Ctl::Deployment, *owner, now);
  if (owner->kind == "Job") queue.enqueue(Ctl::Job, *owner, now);
  if (owner->kind == "StatefulSet") queue.enqueue(Ctl::StatefulSet, *owner, now);
  if (owner->kind == "DaemonSet") queue.enqueue(Ctl::DaemonSet, *owner, now);
}

// The watches. The order of the enqueues is part of the behaviour: equal
// times run in the order they were queued.
void Cluster::Parts::changed(const ObjectKey& key, const Node& obj, Type type, TimePoint now) {
  const bool deleted = type == Type::Deleted;
  const bool core = key.group.empty();
  if (!deleted) {
    if (key.group == "apps" && key.kind == "Deployment") queue.enqueue(Ctl::Deployment, key, now);
    if (key.group == "apps" && key.kind == "ReplicaSet") queue.enqueue(Ctl::ReplicaSet, key, now);
    if (key.group == "batch" && key.kind == "Job") queue.enqueue(Ctl::Job, key, now);
    if (key.group == "apps" && key.kind == "StatefulSet") queue.enqueue(Ctl::StatefulSet, key, now);
    if (key.group == "apps" && key.kind == "DaemonSet") queue.enqueue(Ctl::DaemonSet, key, now);
    if (core && key.kind == "Service") queue.enqueue(Ctl::Service, key, now);
    if (key.kind == "Ingress") queue.enqueue(Ctl::Ingress, key, now);
    if (core && key.kind == "PersistentVolumeClaim") queue.enqueue(Ctl::Pvc, key, now);
  }
  // A kubelet takes a new pod once it is on a node (the scheduler's binding wakes it later).
  if (core && key.kind == "Pod" && type == Type::Added && !pod_awaits_node(obj))
    queue.enqueue(Ctl::Kubelet, key, now, get_str(obj, {"metadata", "uid"}));
  if (key.kind == "Pod" || key.kind == "ReplicaSet") wake_owner(key, obj, deleted, now);
  // A terminating namespace waits for its contents.
  if (deleted && !key.ns.empty()) {
    const ObjectKey ns_key{"", "Namespace", "", key.ns};
    if (const Node* ns = api.get(ns_key); ns && ns->get({"metadata", "deletionTimestamp"}))
      queue.enqueue(Ctl::Namespace, ns_key, now);
  }
  if (key.kind == "Pod") replicasets.observe_pod(key, deleted ? nullptr : &obj);
  if (deleted) queue.enqueue(Ctl::GarbageCollector, key, now, get_str(obj, {"metadata", "uid"}));
  if (deleted && key.kind == "Pod") scheduler.pod_deleted(key, now);
}

void Cluster::Parts::deletion_started(const ObjectKey& key, const Node& obj, TimePoint now) {
  if (key.kind == "Pod") queue.enqueue(Ctl::Kubelet, key, now, get_str(obj, {"metadata", "uid"}));
  if (key.kind == "Namespace") queue.enqueue(Ctl::Namespace, key, now);
}

void Cluster::Parts::dispatch(const Task& task, TimePoint now) {
  switch (task.ctl) {
    case Ctl::Deployment:
      return deployments.reconcile(task.key, now);
    case Ctl::ReplicaSet:
      return replicasets.reconcile(task.key, now);
    case Ctl::Kubelet:
      return kubelet.reconcile(task.key, task.uid, now);
    case Ctl::Job:
      return jobs.reconcile(task.key, now);
    case Ctl::Service:
      return services.reconcile(task.key, now);
    case Ctl::Ingress:
      return ingresses.reconcile(task.key, now);
    case Ctl::Pvc:
      return pvcs.reconcile(task.key, now);
    case Ctl::Namespace:
      return namespaces.reconcile(task.key, now);
    case Ctl::GarbageCollector:
      return gc.reconcile(task.uid, now);
    case Ctl::StatefulSet:
      return statefulsets.reconcile(task.key, now);
    case Ctl::DaemonSet:
      return daemonsets.reconcile(task.key, now);
    case Ctl::Scheduler:
      scheduler.reconcile(now);
      // The kubelet of each pod's node starts what the scheduler bound.
      for (const auto& [pod, uid] : scheduler.take_bound()) queue.enqueue(Ctl::Kubelet, pod, now, uid);
      return;
  }
}

Cluster::Cluster(std::string name, std::string server, std::int64_t epoch_s_at_zero, Rng rng,
                 const ImageRegistry* registry)
    : name_(std::move(name)),
      server_(std::move(server)),
      parts_(std::make_unique<Parts>(name_, epoch_s_at_zero, rng, registry)) {}

Cluster::Cluster(Cluster&&) noexcept = default;
Cluster& Cluster::operator=(Cluster&&) noexcept = default;
Cluster::~Cluster() = default;

detail::ApiServer& Cluster::api() const { return parts_->api; }

std::int64_t Cluster::epoch_s_at(TimePoint t) const { return parts_->api.epoch_s_at(t); }

// ---------------------------------------------------------------- kinds and reads

std::optional<KindInfo> Cluster::kind_info(std::string_view group, std::string_view kind) const {
  return parts_->api.kind_info(group, kind);
}
void Cluster::register_kind(KindInfo info) { parts_->api.register_kind(std::move(info)); }
Result<KindInfo> Cluster::resolve_resource(std::string_view word) const { return parts_->api.resolve_resource(word); }
Result<ObjectKey> Cluster::key_of(const Node& obj) const { return parts_->api.key_of(obj); }

std::uint64_t Cluster::revision() const { return parts_->api.revision(); }
const Node* Cluster::get(const ObjectKey& key) const { return parts_->api.get(key); }
std::vector<ObjectKey> Cluster::keys() const { return parts_->api.keys(); }
std::vector<ObjectKey> Cluster::list(std::string_view kind, std::optional<std::string_view> ns) const {
  return parts_->api.list(kind, ns);
}
std::vector<ObjectKey> Cluster::owned_by(const ObjectKey& owner) const { return parts_->api.owned_by(owner); }
std::optional<ObjectKey> Cluster::find_uid(std::string_view uid) const { return parts_->api.find_uid(uid); }

const std::vector<KubeEvent>& Cluster::kube_events() const { return parts_->api.kube_events(); }
std::vector<KubeEvent> Cluster::events_for(const ObjectKey& key) const { return parts_->api.events_for(key); }

// ---------------------------------------------------------------- writes

Result<ApplyResult> Cluster::apply(const Node& obj, TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s.error();
  return parts_->api.apply(obj, now, by);
}

Status Cluster::dry_run_apply(const Node& obj, TimePoint now) {
  if (auto s = check_reachable(now); !s) return s;
  return parts_->api.dry_run_apply(obj);
}

Status Cluster::remove(const ObjectKey& key, TimePoint now, std::string_view by) {
  if (auto s = check_reachable(now); !s) return s;
  return parts_->api.remove(key, now, by);
}

// ---------------------------------------------------------------- time

std::optional<TimePoint> Cluster::next_wakeup() const { return parts_->queue.next_time(); }

bool Cluster::run_until(TimePoint now, std::vector<ClusterEvent>& out, const std::function<bool()>& enough) {
  // Bounded: controllers write only on change, so a step chain at one instant
  // converges; the cap guards against a bug turning into a hang.
  constexpr int kMaxSteps = 1'000'000;
  for (int steps = 0; steps < kMaxSteps; ++steps) {
    auto due = parts_->queue.pop_due(now);
    if (!due) break;
    parts_->dispatch(due->second, due->first);
    if (observer_) observer_(*this, due->first);
    auto next = parts_->queue.next_time();
    if (enough && next && *next <= now && enough()) return false;
  }
  parts_->api.take_events(out);
  return true;
}

std::vector<ClusterEvent> Cluster::take_events() {
  std::vector<ClusterEvent> out;
  parts_->api.take_events(out);
  return out;
}

// ---------------------------------------------------------------- capacity and faults

const std::vector<NodeInfo>& Cluster::nodes() const { return parts_->nodes; }

void Cluster::set_nodes(int count, int max_pods_per_node, TimePoint now) {
  parts_->nodes = kind_worker_nodes(name_, count, max_pods_per_node);
  parts_->scheduler.nodes_changed(now);
}

void Cluster::set_object_quota(std::size_t max_objects) { parts_->api.set_object_quota(max_objects); }

Status Cluster::check_reachable(TimePoint now) const {
  if (outage_until_ && now < *outage_until_) {
    return Error("Get \"" + server_ + "/version?timeout=32s\": dial tcp: connect: connection refused (cluster \"" +
                 name_ + "\" API unreachable until " + format_offset(*outage_until_) + ")");
  }
  return {};
}

void Cluster::set_outage(TimePoint until) { outage_until_ = until; }

void Cluster::set_crash(const ObjectKey& owner, bool on, TimePoint now) {
  parts_->kubelet.set_crash(owner, on);
  // Wake the kubelet for every pod so running containers pick the fault up.
  for (const auto& k : parts_->api.list("Pod", std::nullopt)) {
    if (k.group.empty()) parts_->queue.enqueue(Ctl::Kubelet, k, now, get_str(*get(k), {"metadata", "uid"}));
  }
}

bool Cluster::crashing(const ObjectKey& owner) const { return parts_->kubelet.crashing(owner); }
void Cluster::set_load_balancer_provisioner(bool on) { parts_->services.set_provisioner(on); }
void Cluster::set_ingress_controller(bool on) { parts_->ingresses.set_enabled(on); }

}  // namespace gs::cluster
