// The cloud provider's service controller: a Service of type LoadBalancer
// gets an external address (status.loadBalancer.ingress) after a
// provisioning delay of 5 to 15 s; one that stops being a LoadBalancer loses
// it. Without a provisioner (bare metal, kind without cloud-provider-kind)
// the Service waits forever, as Argo CD then shows it Progressing.
#pragma once

#include <string>

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class ServiceController {
 public:
  ServiceController(Store store, Rng rng) : store_(store), streams_(rng) {}
  void reconcile(const ObjectKey& key, TimePoint now);
  void set_provisioner(bool on) { provisioner_ = on; }

 private:
  Store store_;
  RngStreams streams_;  // "load-balancer/<svc>", "load-balancer-ip/<svc>"
  Delays ready_at_;  // by Service uid
  bool provisioner_ = true;
};

}  // namespace gs::cluster::detail
