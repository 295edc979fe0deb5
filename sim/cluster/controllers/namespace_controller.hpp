// The namespace controller: a terminating namespace deletes everything in it
// and goes once it is empty (its "kubernetes" finalizer done).
#pragma once

#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class NamespaceController {
 public:
  explicit NamespaceController(Store store) : store_(store) {}
  void reconcile(const ObjectKey& key, TimePoint now);

 private:
  Store store_;
};

}  // namespace gs::cluster::detail
