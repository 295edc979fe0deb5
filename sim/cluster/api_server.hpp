// The API server of a fake cluster: the object store (uid, resourceVersion,
// generation, creationTimestamp), the kinds it serves (built in, or
// registered by a CustomResourceDefinition), defaulting and validation on
// apply, graceful deletion, the owner index, the watch stream handed to
// clients, Kubernetes Events, and etcd's storage quota. It runs no
// controller: it tells one Observer (the Cluster facade) about every change,
// and the facade wakes whoever watches.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cluster/kube_event.hpp"
#include "sim/cluster/object_key.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/api_types.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster::detail {

// kubectl's NotFound line: `Error from server (NotFound): deployments.apps "web" not found`.
std::string not_found_message(const KindInfo& info, const std::string& name);

class ApiServer {
 public:
  // Told about every change, in the order the changes happen.
  class Observer {
   public:
    virtual ~Observer() = default;
    // After a create, update or delete; `obj` as stored (for Deleted: as it was).
    virtual void changed(const ObjectKey& key, const model::Node& obj, ClusterEvent::Type type, TimePoint now) = 0;
    // After a pod or namespace got its deletionTimestamp (graceful deletion began).
    virtual void deletion_started(const ObjectKey& key, const model::Node& obj, TimePoint now) = 0;
  };

  // etcd's quota, counted in objects (see api_server.cpp for the number).
  static constexpr std::size_t kDefaultObjectQuota = 4'000;

  // Starts with the namespaces every cluster has (default, kube-system, ...).
  ApiServer(std::string cluster_name, std::int64_t epoch_s_at_zero, Rng rng);
  void set_observer(Observer* observer) { observer_ = observer; }
  void set_object_quota(std::size_t max_objects) { max_objects_ = max_objects; }

  std::int64_t epoch_s_at(TimePoint t) const;
  TimePoint time_at_epoch_s(std::int64_t epoch_s) const { return TimePoint{(epoch_s - epoch0_) * 1000}; }
  std::string ts(TimePoint t) const;  // RFC 3339 of virtual time t

  // --- kinds
  std::optional<KindInfo> kind_info(std::string_view group, std::string_view kind) const;
  void register_kind(KindInfo info);
  Result<KindInfo> resolve_resource(std::string_view word) const;
  Result<ObjectKey> key_of(const model::Node& obj) const;

  // --- reads
  const model::Node* get(const ObjectKey& key) const;
  // The store's revision, as etcd's: bumped by every create, update and
  // delete, so equal revisions mean no object changed in between.
  std::uint64_t revision() const { return rv_; }
  std::vector<ObjectKey> keys() const;
  std::vector<ObjectKey> list(std::string_view kind, std::optional<std::string_view> ns) const;
  std::vector<ObjectKey> in_namespace(const std::string& ns) const;
  std::vector<ObjectKey> owned_by(const ObjectKey& owner) const;
  // Objects of `kind` in the owner's namespace whose controller is the owner.
  std::vector<ObjectKey> controlled_by(const ObjectKey& owner, std::string_view kind) const;
  // Objects whose ownerReferences name this uid, in the store's order.
  std::vector<ObjectKey> dependents_of(const std::string& uid) const;
  std::optional<ObjectKey> controller_of(const model::Node& obj) const;
  std::optional<ObjectKey> find_uid(std::string_view uid) const;

  // --- what clients call (kubectl, Argo CD): defaulted and validated
  Result<ApplyResult> apply(const model::Node& manifest, TimePoint now, std::string_view by);
  Status dry_run_apply(const model::Node& manifest) const;
  Status remove(const ObjectKey& key, TimePoint now, std::string_view by);
  // A client's read-modify-write of a stored object: defaults, validation, one update.
  Status replace(const ObjectKey& key, model::Node updated, TimePoint now, std::string_view by);

  // --- what controllers call: stored as given
  Status create(model::Node obj, const ObjectKey& key, TimePoint now, std::string_view by);
  bool update(const ObjectKey& key, model::Node obj, TimePoint now, std::string_view by);  // false: no change
  void erase(const ObjectKey& key, TimePoint now, std::string_view by);
  // Graceful deletion: pods and namespaces get a deletionTimestamp, objects
  // with finalizers wait for them, the rest go at once.
  void request_deletion(const ObjectKey& key, TimePoint now, std::string_view by);

  // --- the watch stream, oldest first, until taken
  void take_events(std::vector<ClusterEvent>& out);

  // --- Kubernetes Events (the newest few thousand)
  void record_event(const ObjectKey& obj, const char* type, std::string reason, std::string message,
                    std::string_view source, TimePoint at);
  const std::vector<KubeEvent>& kube_events() const { return kube_events_; }
  std::vector<KubeEvent> events_for(const ObjectKey& key) const;

 private:
  using Node = model::Node;
  std::string new_uid();
  Status check_quota() const;
  Result<Node> apply_candidate(const Node& manifest, const ObjectKey& key, const KindInfo& info, const Node* old) const;
  void register_crd(const Node& crd);
  void index_owners(const ObjectKey& key, const Node& obj, bool add);
  void notify(const ObjectKey& key, const Node& obj, ClusterEvent::Type type, TimePoint now);

  std::string name_;
  std::int64_t epoch0_;
  RngStreams allocations_;  // cluster IPs and node ports
  Observer* observer_ = nullptr;
  std::size_t max_objects_ = kDefaultObjectQuota;

  std::map<ObjectKey, Node> objects_;
  std::map<std::string, ObjectKey> by_uid_;
  // Owner uid -> the objects whose ownerReferences name it (true: as their
  // controller). Sorted, so lookups list dependents in the store's order;
  // kept by create, update and erase, the only writers of objects_.
  std::map<std::string, std::map<ObjectKey, bool>> dependents_;
  std::vector<KindInfo> custom_kinds_;
  std::vector<ClusterEvent> events_;
  std::vector<KubeEvent> kube_events_;
  std::uint64_t rv_ = 0;
  std::uint64_t uid_counter_ = 0;
};

}  // namespace gs::cluster::detail
