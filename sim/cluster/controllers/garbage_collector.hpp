// The garbage collector, background cascade: when an object is deleted, its
// dependents whose owners are all gone are deleted in turn (found through
// the API server's owner index, not by a scan).
#pragma once

#include <string>

#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class GarbageCollector {
 public:
  explicit GarbageCollector(Store store) : store_(store) {}
  // `uid`: the deleted owner's.
  void reconcile(const std::string& uid, TimePoint now);

 private:
  Store store_;
};

}  // namespace gs::cluster::detail
