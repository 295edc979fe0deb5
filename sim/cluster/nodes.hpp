// The nodes of a fake cluster. Not objects in the store (nothing lists or
// diffs them): the scheduler fills them and the kubelet reports their
// addresses. Named as kind names worker nodes.
#pragma once

#include <string>
#include <vector>

namespace gs::cluster {

struct NodeInfo {
  std::string name;         // "dev-worker", "dev-worker2", ...
  std::string internal_ip;  // the pod's status.hostIP
  int max_pods = 110;
};

// Three workers with 110 pod slots each by default. 110 is the kubelet's
// default maxPods (KubeletConfiguration); names and addresses are kind's
// (`<cluster>-worker`, `-worker2`, ...; 172.18.0.2 up on its docker network).
// kind's control-plane node is left out: its NoSchedule taint keeps every
// workload off it, so the scheduler would count it only to refuse it.
inline std::vector<NodeInfo> kind_worker_nodes(const std::string& cluster, int count = 3, int max_pods = 110) {
  std::vector<NodeInfo> nodes;
  for (int i = 0; i < count; ++i) {
    nodes.push_back(NodeInfo{cluster + "-worker" + (i == 0 ? "" : std::to_string(i + 1)),
                             "172.18." + std::to_string(i / 253) + "." + std::to_string(2 + i % 253), max_pods});
  }
  return nodes;
}

}  // namespace gs::cluster
