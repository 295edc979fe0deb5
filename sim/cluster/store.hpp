// The narrow door a controller gets into its cluster: read objects and the
// owner index, write through the API server, record Kubernetes Events, and
// ask to run again later. A controller sees nothing else of the API server,
// of the work queue or of the other controllers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cluster/api_server.hpp"
#include "sim/cluster/work_queue.hpp"

namespace gs::cluster::detail {

class Store {
 public:
  Store(ApiServer& api, WorkQueue& queue, Ctl self) : api_(&api), queue_(&queue), self_(self) {}

  const model::Node* get(const ObjectKey& key) const { return api_->get(key); }
  std::vector<ObjectKey> list(std::string_view kind, std::optional<std::string_view> ns) const {
    return api_->list(kind, ns);
  }
  std::vector<ObjectKey> in_namespace(const std::string& ns) const { return api_->in_namespace(ns); }
  // Objects of `kind` this owner controls (the owner index: no scan).
  std::vector<ObjectKey> owned_by(const ObjectKey& owner, std::string_view kind) const {
    return api_->controlled_by(owner, kind);
  }
  std::vector<ObjectKey> dependents_of(const std::string& uid) const { return api_->dependents_of(uid); }
  std::optional<ObjectKey> controller_of(const model::Node& obj) const { return api_->controller_of(obj); }
  bool uid_exists(std::string_view uid) const { return api_->find_uid(uid).has_value(); }

  Status create(model::Node obj, const ObjectKey& key, TimePoint now, std::string_view by) {
    return api_->create(std::move(obj), key, now, by);
  }
  bool update(const ObjectKey& key, model::Node obj, TimePoint now, std::string_view by) {
    return api_->update(key, std::move(obj), now, by);
  }
  void erase(const ObjectKey& key, TimePoint now, std::string_view by) { api_->erase(key, now, by); }
  void request_deletion(const ObjectKey& key, TimePoint now, std::string_view by) {
    api_->request_deletion(key, now, by);
  }
  void record_event(const ObjectKey& obj, const char* type, std::string reason, std::string message,
                    std::string_view source, TimePoint at) {
    api_->record_event(obj, type, std::move(reason), std::move(message), source, at);
  }
  // Run this controller for `key` again at `at` (the kubelet names the pod's uid).
  void requeue(const ObjectKey& key, TimePoint at, std::string uid = "") {
    queue_->enqueue(self_, key, at, std::move(uid));
  }

  std::string ts(TimePoint t) const { return api_->ts(t); }
  TimePoint time_at_epoch_s(std::int64_t epoch_s) const { return api_->time_at_epoch_s(epoch_s); }

 private:
  ApiServer* api_;
  WorkQueue* queue_;
  Ctl self_;
};

}  // namespace gs::cluster::detail
