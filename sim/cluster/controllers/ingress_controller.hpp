// An ingress controller (ingress-nginx behind one load balancer): fills an
// Ingress's status.loadBalancer.ingress with the controller's address after
// 5 to 15 s. Off, Ingresses stay Progressing, as Argo CD shows them where no
// ingress controller runs.
#pragma once

#include <string>

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class IngressController {
 public:
  // `cluster_name` picks the one address every Ingress of this cluster gets.
  IngressController(Store store, Rng rng, std::string cluster_name)
      : store_(store), streams_(rng), cluster_name_(std::move(cluster_name)) {}
  void reconcile(const ObjectKey& key, TimePoint now);
  void set_enabled(bool on) { enabled_ = on; }

 private:
  Store store_;
  RngStreams streams_;  // "ingress/<ingress>"
  std::string cluster_name_;
  Delays ready_at_;  // by Ingress uid
  bool enabled_ = true;
};

}  // namespace gs::cluster::detail
