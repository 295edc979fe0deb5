// A fake Kubernetes cluster in virtual time, as one facade over its parts:
// the API server (api_server.hpp: store, kinds, validation, defaulting, the
// watch stream, Kubernetes Events), the work queue (work_queue.hpp), and the
// scheduler, kubelet and controllers (controllers/, one file each) that move
// objects the way Kubernetes does. The facade owns the queue and wires the
// watches (which change wakes which controller); kubectl-style live edits
// (live_edits.cpp) are read-modify-writes through the API server.
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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/cluster/api_types.hpp"
#include "sim/cluster/image_registry.hpp"
#include "sim/cluster/kube_event.hpp"
#include "sim/cluster/nodes.hpp"
#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/core/rng.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster {

namespace detail {
class ApiServer;
}

// One label or annotation edit: `key=value`, or `key-` (value nullopt) to remove it.
struct MetadataEdit {
  std::string key;
  std::optional<std::string> value;
};

class Cluster {
 public:
  // `epoch_s_at_zero`: Unix seconds of virtual time 0 (the scenario's clock.start).
  // `registry` may be null: then every image pulls. It must outlive the cluster.
  Cluster(std::string name, std::string server, std::int64_t epoch_s_at_zero, Rng rng, const ImageRegistry* registry);
  Cluster(Cluster&&) noexcept;
  Cluster& operator=(Cluster&&) noexcept;
  ~Cluster();

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
  // A creation past the storage quota fails as etcd does
  // ("etcdserver: mvcc: database space exceeded").
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
  // Bumped by every write to any object: equal revisions, nothing changed.
  std::uint64_t revision() const;
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
  const std::vector<KubeEvent>& kube_events() const;
  std::vector<KubeEvent> events_for(const ObjectKey& key) const;

  // --- live edits, as kubectl does them ---------------------------------------
  // `kind` is a kubectl resource word. Errors name the word at fault; nothing
  // changes on error (every edit is checked before the one update); a no-op
  // edit emits no event.
  Status scale(std::string_view kind, std::string_view ns, std::string_view name, std::int64_t replicas,
               TimePoint now, std::string_view by);
  // `--replicas=TEXT` as kubectl's flag parses it (an int32).
  Status scale(std::string_view kind, std::string_view ns, std::string_view name, std::string_view replicas_text,
               TimePoint now, std::string_view by);
  // `kubectl set image KIND/NAME c1=img1 c2=img2`: every container is found
  // and every image parsed before anything changes; then one update.
  // Container "*" sets every container.
  Status set_images(std::string_view kind, std::string_view ns, std::string_view name,
                    const std::vector<std::pair<std::string, std::string>>& container_images, TimePoint now,
                    std::string_view by);
  Status set_image(std::string_view kind, std::string_view ns, std::string_view name, std::string_view container,
                   std::string_view image, TimePoint now, std::string_view by);
  // JSON merge patch (RFC 7386): maps merge, null deletes, anything else replaces.
  Status patch_merge(const ObjectKey& key, const model::Node& patch, TimePoint now, std::string_view by);
  // `kubectl label KIND/NAME a=1 b- ...`: all edits checked (keys, values,
  // and without overwrite, existing different values: kubectl's words),
  // then one update. Removing a missing key is no error.
  Status label(const ObjectKey& key, const std::vector<MetadataEdit>& edits, TimePoint now, std::string_view by,
               bool overwrite);
  Status annotate(const ObjectKey& key, const std::vector<MetadataEdit>& edits, TimePoint now, std::string_view by,
                  bool overwrite);
  // One edit: value nullopt removes the key (`key-`).
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

  // --- capacity ---------------------------------------------------------------
  // The worker nodes (kind's names; 3 with 110 pod slots each by default).
  // Pods that fit on no node stay Pending (Unschedulable) until a slot frees.
  const std::vector<NodeInfo>& nodes() const;
  void set_nodes(int count, int max_pods_per_node, TimePoint now);
  // The API server's storage quota, in objects (4,000 by default; see api_server.cpp).
  void set_object_quota(std::size_t max_objects);

  // --- faults -----------------------------------------------------------------
  // Pods of this Deployment (or ReplicaSet, Job, Pod) crash shortly after each
  // start: CrashLoopBackOff with kubelet back-off 10s, 20s, 40s ... capped at 5m.
  // A Job's pods fail (exit code 1).
  void set_crash(const ObjectKey& owner, bool on, TimePoint now);
  bool crashing(const ObjectKey& owner) const;
  // API unreachable until `until` (exclusive).
  void set_outage(TimePoint until);
  std::optional<TimePoint> outage_until() const { return outage_until_; }
  // Cloud LB provisioning for type LoadBalancer Services (on by default), and
  // an ingress controller that fills Ingress status (on by default). Off: they
  // stay Progressing forever, as Argo CD shows them on such clusters.
  void set_load_balancer_provisioner(bool on);
  void set_ingress_controller(bool on);

 private:
  struct Parts;  // cluster.cpp: API server, queue, scheduler, kubelet, controllers, and the watches between them
  detail::ApiServer& api() const;
  Result<ObjectKey> edit_target(std::string_view kind, std::string_view ns, std::string_view name) const;
  Status edit_metadata(const ObjectKey& key, const char* field, const std::vector<MetadataEdit>& edits, TimePoint now,
                       std::string_view by, bool overwrite);

  std::string name_;
  std::string server_;
  std::unique_ptr<Parts> parts_;  // on the heap: its parts point at each other, and a Cluster moves
  std::optional<TimePoint> outage_until_;
  std::function<void(const Cluster&, TimePoint)> observer_;
};

}  // namespace gs::cluster
