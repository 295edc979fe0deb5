// What `kubectl get KIND` and `kubectl describe` print, as pure functions of
// the objects and the virtual "now" (Unix seconds): the server-side table
// columns of Kubernetes 1.32, kubectl's tabwriter layout (min width 6,
// padding 3) and HumanDuration ages. Views print the strings; nothing here does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cluster/kube_event.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster {

// k8s.io/apimachinery/pkg/util/duration.HumanDuration: 45s, 3m12s, 5m, 2d3h ...
std::string human_duration(std::int64_t seconds);

// Go text/tabwriter: cells split on '\t', column blocks sized per run of lines.
std::string tabwrite(const std::vector<std::string>& lines, int min_width, int padding);

struct GetOptions {
  bool all_namespaces = false;  // adds the NAMESPACE column
  std::string ns;               // for "No resources found in NS namespace."
};

// kubectl get for one kind (Kind or kubectl word: "deployments", "pods", "rs", "svc", "cm",
// "namespaces", "jobs", "secrets", "ingresses"); objects in the order given. Other kinds get
// NAME AGE. An empty list gives kubectl's "No resources found ..." line.
std::string kubectl_get(std::string_view kind, const std::vector<const model::Node*>& objects,
                        std::int64_t now_epoch_s, const GetOptions& opts = {});

// A pod's STATUS column as kubectl get pods prints it: Running,
// ContainerCreating, ImagePullBackOff, CrashLoopBackOff, Terminating, ...
std::string pod_status(const model::Node& pod);

// kubectl describe for a Deployment (pass its ReplicaSets as `related`) or a Pod;
// other kinds get the common header (Name, Namespace, Labels, Annotations).
// `events`: the object's Kubernetes Events (the Events: table); their
// times are virtual, `epoch_at_zero` places virtual 0 on the wall clock.
std::string kubectl_describe(const model::Node& obj, const std::vector<const model::Node*>& related,
                             std::int64_t now_epoch_s, const std::vector<KubeEvent>& events = {},
                             std::int64_t epoch_at_zero = 0);

// kubectl get events: LAST SEEN TYPE REASON OBJECT MESSAGE, grouped by object.
std::string kubectl_get_events(std::vector<KubeEvent> events, std::int64_t now_epoch_s, std::int64_t epoch_at_zero,
                               const GetOptions& opts = {});

}  // namespace gs::cluster
