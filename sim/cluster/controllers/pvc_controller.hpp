// The persistent volume controller with a default StorageClass (kind's
// local-path provisioner): a Pending claim is Bound 1 to 3 s later, with the
// requested capacity and access modes. A claim with storageClassName ""
// asks for a pre-provisioned volume; none exists, so it stays Pending.
#pragma once

#include <string>

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class PvcController {
 public:
  PvcController(Store store, Rng rng) : store_(store), streams_(rng) {}
  void reconcile(const ObjectKey& key, TimePoint now);

 private:
  Store store_;
  RngStreams streams_;  // "pvc/<claim>"
  Delays bound_at_;  // by claim uid
};

}  // namespace gs::cluster::detail
