// A fake Kubernetes cluster in virtual time: an API server (object store with
// uid / resourceVersion / generation, namespaces, validation, defaulting,
// kubectl-style live edits) and the controllers that move objects the way
// Kubernetes does (deployment, replicaset, kubelet, job, service load
// balancers, ingress, PVC provisioning, namespace, garbage collector).
//
// Nothing here reads a clock: every call takes the virtual `now`, and
// controllers run only inside run_until(). Calls must come with
// non-decreasing times. Randomness (pod name suffixes, IPs, start latencies)
// comes from named streams forked per object from the Rng given at
// construction, so applying the same objects in another order gives the same
// names and timings.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sim/cluster/image_registry.hpp"
#include "sim/cluster/kube_event.hpp"
#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/core/rng.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster {

struct ClusterEvent {
  enum class Type { Added, Modified, Deleted };
  Type type = Type::Added;
  ObjectKey key;
  // Field manager / actor: "argocd-controller", "kubectl", "deployment-controller",
  // "replicaset-controller", "kubelet", "job-controller", "service-controller",
  // "ingress-controller", "persistentvolume-controller", "namespace-controller",
  // "garbage-collector".
  std::string by;
  bool spec_or_metadata_changed = true;  // false for status-only updates
  TimePoint at;
  std::string resource_version;  // after the change (for Deleted: the deletion's)

  friend bool operator==(const ClusterEvent&, const ClusterEvent&) = default;
};

// "ADDED", "MODIFIED", "DELETED", as a Kubernetes watch says.
std::string_view event_type_name(ClusterEvent::Type t);

struct ApplyResult {
  enum class Outcome { Created, Configured, Unchanged };
  Outcome outcome = Outcome::Created;
  ObjectKey key;
  // kubectl's line: "deployment.apps/web created", "service/web unchanged".
  std::string kubectl_line() const;
};

namespace detail {

// Kubelet bookkeeping for one container of one pod.
struct ContainerSim {
  enum class State { Creating, ErrImagePull, ImagePullBackOff, Running, Crashed, CrashLoopBackOff, Finished };
  std::string name;
  std::string image;
  State state = State::Creating;
  std::optional<TimePoint> next;        // when this container changes next
  TimePoint started_at;                 // of the current run
  std::optional<TimePoint> ready_at;    // readiness reached at
  std::optional<TimePoint> crash_at;    // crash fault: the run ends at
  std::optional<TimePoint> finish_at;   // run-to-completion pods end at
  bool ready = false;
  bool ever_started = false;
  int restart_count = 0;
  Duration pull_backoff{0};   // kubelet image back-off (0 = no entry yet)
  TimePoint last_pull;
  Duration crash_backoff{0};  // kubelet container restart back-off (0 = no entry yet)
  int exit_code = 0;
  std::string container_id;
  // lastState.terminated of the previous run, if any.
  bool has_last = false;
  int last_exit = 0;
  std::string last_reason;
  TimePoint last_started, last_finished;
  std::string last_container_id;
  TimePoint finished_at;  // of the current run, when state is Crashed/Finished
};

struct PodSim {
  bool initialised = false;
  std::vector<ContainerSim> containers;
  std::string pod_ip;
  TimePoint start_time;
  std::optional<TimePoint> ready_since;
  std::optional<TimePoint> terminate_at;  // graceful deletion done at
};

struct JobSim {
  std::int64_t seen_failed = 0;
  std::optional<TimePoint> last_failure;
};

enum class Ctl {
  Deployment,
  ReplicaSet,
  Kubelet,
  Job,
  Service,
  Ingress,
  Pvc,
  Namespace,
  GarbageCollector,
  StatefulSet,
  DaemonSet
};

struct Task {
  Ctl ctl;
  ObjectKey key;
  std::string uid;  // for Kubelet and GarbageCollector
};

}  // namespace detail

class Cluster {
 public:
  // `epoch_s_at_zero`: Unix seconds of virtual time 0 (the scenario's clock.start).
  // `registry` may be null: then every image pulls. It must outlive the cluster.
  Cluster(std::string name, std::string server, std::int64_t epoch_s_at_zero, Rng rng, const ImageRegistry* registry);

  const std::string& name() const { return name_; }
  const std::string& server() const { return server_; }
  std::int64_t epoch_s_at(TimePoint t) const;

  // --- kinds ---------------------------------------------------------------
  // Built-in kinds plus those registered by applied CustomResourceDefinitions
  // or register_kind (e.g. argoproj.io Application where Argo CD runs).
  std::optional<KindInfo> kind_info(std::string_view group, std::string_view kind) const;
  void register_kind(KindInfo info);
  // kubectl's resource words: "deploy", "deployments", "deployment.apps", "Deployment", "po", "svc"...
  // Error: `the server doesn't have a resource type "deploymnt"`.
  Result<KindInfo> resolve_resource(std::string_view word) const;
  // The key an object would be stored under (namespace defaults to "default"
  // for namespaced kinds, cleared for cluster-scoped ones).
  Result<ObjectKey> key_of(const model::Node& obj) const;

  // --- API -------------------------------------------------------------------
  // Create or update, as `kubectl apply` reports it. The manifest replaces
  // labels, annotations and every top-level field but metadata and status;
  // status and server-set metadata (uid, resourceVersion, generation,
  // creationTimestamp, deployment.kubernetes.io/* annotations) are kept, and
  // API-server defaults are filled in (replicas: 1, strategy, clusterIP, ...).
  Result<ApplyResult> apply(const model::Node& obj, TimePoint now, std::string_view by);
  // `kubectl apply --dry-run=server`: the error apply would give, changing
  // nothing (not even a random stream). The namespace is not checked (a sync
  // may create it first).
  Status dry_run_apply(const model::Node& obj, TimePoint now);
  // `kubectl delete` (background cascade: owned objects are garbage-collected
  // by a later controller step; pods terminate gracefully; a namespace
  // terminates its contents first). NotFound is an error.
  Status remove(const ObjectKey& key, TimePoint now, std::string_view by);
  const model::Node* get(const ObjectKey& key) const;
  std::vector<ObjectKey> keys() const;  // sorted
  // Objects of a kind ("Deployment"; any group), in one namespace or all.
  std::vector<ObjectKey> list(std::string_view kind, std::optional<std::string_view> ns) const;
  // Objects whose ownerReferences name this object's uid, sorted.
  std::vector<ObjectKey> owned_by(const ObjectKey& owner) const;
  std::optional<ObjectKey> find_uid(std::string_view uid) const;

  // Fails with a connection error while an outage is on. The GitOps
  // controller calls it before reading; apply/remove and the edits check it too.
  Status check_reachable(TimePoint now) const;

  // Kubernetes Events, oldest first (the newest few thousand).
  const std::vector<KubeEvent>& kube_events() const { return kube_events_; }
  std::vector<KubeEvent> events_for(const ObjectKey& key) const;

  // --- live edits, as kubectl does them ---------------------------------------
  // `kind` is a kubectl resource word. Errors name the word at fault; nothing
  // changes on error; a no-op edit emits no event.
  Status scale(std::string_view kind, std::string_view ns, std::string_view name, std::int64_t replicas,
               TimePoint now, std::string_view by);
  Status scale(std::string_view kind, std::string_view ns, std::string_view name, std::string_view replicas_text,
               TimePoint now, std::string_view by);
  // container "*" sets every container, as `kubectl set image deploy/web *=img`.
  Status set_image(std::string_view kind, std::string_view ns, std::string_view name, std::string_view container,
                   std::string_view image, TimePoint now, std::string_view by);
  // JSON merge patch (RFC 7386): maps merge, null deletes, anything else replaces.
  Status patch_merge(const ObjectKey& key, const model::Node& patch, TimePoint now, std::string_view by);
  // value nullopt removes the key (`key-`). Without overwrite, changing an
  // existing value fails as kubectl does.
  Status label(const ObjectKey& key, std::string_view k, std::optional<std::string_view> v, TimePoint now,
               std::string_view by, bool overwrite = true);
  Status annotate(const ObjectKey& key, std::string_view k, std::optional<std::string_view> v, TimePoint now,
                  std::string_view by, bool overwrite = true);

  // --- time -----------------------------------------------------------------
  // Earliest time a controller wants to act; nullopt when quiescent.
  std::optional<TimePoint> next_wakeup() const;
  // Runs every controller step due at or before `now` in (time, seq) order,
  // then appends every event since the last call (API calls included) to `out`.
  // With `enough`, may stop between two steps: returns false and hands out
  // nothing yet; the next call (same `now`) goes on, so a split run gives the
  // same steps and the same events as one.
  bool run_until(TimePoint now, std::vector<ClusterEvent>& out, const std::function<bool()>& enough = {});
  // Events not yet handed out (API calls since the last run_until/take_events).
  std::vector<ClusterEvent> take_events();
  // Called after every single controller step inside run_until (tests check
  // invariants such as rolling-update bounds with it). Empty by default.
  void set_step_observer(std::function<void(const Cluster&, TimePoint)> observer) { observer_ = std::move(observer); }

  // --- faults -----------------------------------------------------------------
  // Pods of this Deployment (or ReplicaSet, Job, Pod) crash shortly after each
  // start: CrashLoopBackOff with kubelet back-off 10s, 20s, 40s ... capped at 5m.
  // A Job's pods fail (exit code 1).
  void set_crash(const ObjectKey& owner, bool on, TimePoint now);
  bool crashing(const ObjectKey& owner) const { return crash_.count(owner) > 0; }
  // API unreachable until `until` (exclusive).
  void set_outage(TimePoint until);
  std::optional<TimePoint> outage_until() const { return outage_until_; }
  // Cloud LB provisioning for type LoadBalancer Services (on by default), and
  // an ingress controller that fills Ingress status (on by default). Off: they
  // stay Progressing forever, as Argo CD shows them on such clusters.
  void set_load_balancer_provisioner(bool on) { lb_provisioner_ = on; }
  void set_ingress_controller(bool on) { ingress_controller_ = on; }

 private:
  using Node = model::Node;
  using Type = ClusterEvent::Type;

  // store
  std::string new_uid();
  std::string ts(TimePoint t) const;  // RFC 3339 of virtual time t
  void store_create(Node obj, const ObjectKey& key, TimePoint now, std::string_view by);
  bool store_update(const ObjectKey& key, Node obj, TimePoint now, std::string_view by);
  void store_delete(const ObjectKey& key, TimePoint now, std::string_view by);
  void on_change(const ObjectKey& key, const Node* obj, Type type, TimePoint now);
  void enqueue(detail::Ctl ctl, const ObjectKey& key, TimePoint at, std::string uid = "");
  Rng& stream(const std::string& name);
  std::optional<ObjectKey> controller_of(const Node& obj) const;
  std::vector<ObjectKey> controlled_by(const ObjectKey& owner, std::string_view kind) const;
  Status check_namespace(const KindInfo& info, const ObjectKey& key) const;
  Status finish_edit(const ObjectKey& key, Node updated, TimePoint now, std::string_view by);
  Result<ObjectKey> edit_target(std::string_view kind, std::string_view ns, std::string_view name) const;
  void request_deletion(const ObjectKey& key, TimePoint now, std::string_view by);
  // API-server defaults. `allocate` false (a dry run): placeholder cluster
  // IPs and node ports, so no random stream moves.
  void default_object(const KindInfo& info, Node& obj, const Node* old, bool allocate = true);
  Result<model::Node> apply_candidate(const model::Node& manifest, const ObjectKey& key, const KindInfo& info,
                                      const model::Node* old) const;
  Status validate(const KindInfo& info, const Node& obj, const Node* old) const;
  bool is_crashing(const Node& pod) const;

  // controllers
  void dispatch(const detail::Task& task, TimePoint now);
  void reconcile_deployment(const ObjectKey& key, TimePoint now);
  void reconcile_replicaset(const ObjectKey& key, TimePoint now);
  void reconcile_kubelet(const ObjectKey& key, const std::string& uid, TimePoint now);
  void reconcile_job(const ObjectKey& key, TimePoint now);
  void reconcile_service(const ObjectKey& key, TimePoint now);
  void reconcile_ingress(const ObjectKey& key, TimePoint now);
  void reconcile_pvc(const ObjectKey& key, TimePoint now);
  void reconcile_namespace(const ObjectKey& key, TimePoint now);
  void reconcile_gc(const std::string& uid, TimePoint now);
  void reconcile_statefulset(const ObjectKey& key, TimePoint now);
  void reconcile_daemonset(const ObjectKey& key, TimePoint now);
  // `fixed_name` empty: `<owner>-<5 random chars>` (generateName).
  ObjectKey create_pod(const Node& owner, const ObjectKey& owner_key, const Node& template_, TimePoint now,
                       std::string_view by, const std::vector<std::pair<std::string, std::string>>& extra_labels,
                       const std::string& fixed_name = "");
  void kubelet_advance(detail::ContainerSim& c, const Node& pod, TimePoint now);
  void kubelet_pull(detail::ContainerSim& c, const Node& pod, TimePoint at);
  void kubelet_start(detail::ContainerSim& c, const Node& pod, TimePoint at);
  Node pod_status(const Node& pod, const detail::PodSim& sim, TimePoint now) const;

  std::string name_;
  std::string server_;
  std::int64_t epoch0_;
  Rng rng_;
  const ImageRegistry* registry_;

  std::map<ObjectKey, Node> objects_;
  std::map<std::string, ObjectKey> by_uid_;
  std::vector<KubeEvent> kube_events_;
  void record_event(const ObjectKey& obj, const char* type, std::string reason, std::string message,
                    const char* source, TimePoint at);
  // Owner uid -> the objects whose ownerReferences name it (true: as their
  // controller). Sorted, so lookups list dependents in the store's order;
  // kept by the three store_* functions, the only writers of objects_.
  std::map<std::string, std::map<ObjectKey, bool>> dependents_;
  void index_owners(const ObjectKey& key, const Node& obj, bool add);
  std::vector<KindInfo> custom_kinds_;
  std::vector<ClusterEvent> events_;
  std::uint64_t rv_ = 0;
  std::uint64_t uid_counter_ = 0;
  std::map<std::string, Rng> streams_;

  // The work queue: (time, seq) -> task, at most one pending entry per task
  // identity (the earliest). Every controller run re-requests its own next
  // wakeup, so a superseded later entry is simply dropped; this is what lets
  // next_wakeup() be empty when nothing is left to do.
  using TaskId = std::tuple<int, ObjectKey, std::string>;
  std::map<std::pair<TimePoint, std::uint64_t>, detail::Task> queue_;
  std::map<TaskId, std::pair<TimePoint, std::uint64_t>> pending_;
  std::uint64_t seq_ = 0;
  std::map<std::string, detail::PodSim> pods_;        // by pod uid
  std::map<std::string, detail::JobSim> jobs_;        // by job uid
  std::map<std::string, TimePoint> lb_ready_at_;      // by Service/Ingress/PVC uid
  std::set<ObjectKey> crash_;
  std::optional<TimePoint> outage_until_;
  bool lb_provisioner_ = true;
  bool ingress_controller_ = true;
  std::function<void(const Cluster&, TimePoint)> observer_;
};

}  // namespace gs::cluster
