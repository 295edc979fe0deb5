// The API server's defaulting: what kube-apiserver fills in before it stores
// an object (replicas: 1, the RollingUpdate strategy with 25% surge, a pod
// spec's restartPolicy and imagePullPolicy, a Service's clusterIP and node
// ports, a Secret's type and its stringData folded into data, ...).
#pragma once

#include "sim/cluster/object_key.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster::detail {

// `old` is the stored object on an update (allocated IPs and ports are
// kept). `allocate` null is a dry run: placeholder cluster IPs and node
// ports, so no random stream moves.
void default_object(const KindInfo& info, model::Node& obj, const model::Node* old, RngStreams* allocate);

}  // namespace gs::cluster::detail
