// The node agent, one for all nodes: runs the containers of every bound pod
// in virtual time — sandbox and image pull with back-off (10s doubling to
// 5m, as kubelet's flowcontrol.Backoff), start latency, readiness, crash
// loops, run-to-completion pods, graceful termination — and writes
// pod.status as the kubelet reports it. Its bookkeeping (PodSim) is its own;
// controllers ask it only when a pod became ready (ready_since).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/cluster/image_registry.hpp"
#include "sim/cluster/nodes.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

// One container of one pod, as the kubelet tracks it.
struct ContainerSim {
  enum class State { Creating, ErrImagePull, ImagePullBackOff, Running, Crashed, CrashLoopBackOff, Finished };
  std::string name;
  std::string image;
  State state = State::Creating;
  std::optional<TimePoint> next;        // when this container changes next
  TimePoint started_at;                 // of the current run
  std::optional<TimePoint> ready_at;    // readiness reached at
  std::optional<TimePoint> crash_at;    // crash fault: the run ends at
  std::optional<TimePoint> finish_at;   // run-to-completion pods end at
  bool ready = false;
  bool ever_started = false;
  int restart_count = 0;
  Duration pull_backoff{0};   // kubelet image back-off (0 = no entry yet)
  TimePoint last_pull;
  Duration crash_backoff{0};  // kubelet container restart back-off (0 = no entry yet)
  int exit_code = 0;
  std::string container_id;
  // lastState.terminated of the previous run, if any.
  bool has_last = false;
  int last_exit = 0;
  std::string last_reason;
  TimePoint last_started, last_finished;
  std::string last_container_id;
  TimePoint finished_at;  // of the current run, when state is Crashed/Finished
};

struct PodSim {
  bool initialised = false;
  std::vector<ContainerSim> containers;
  std::string pod_ip;
  std::string host_ip;
  TimePoint start_time;
  std::optional<TimePoint> ready_since;
  std::optional<TimePoint> terminate_at;  // graceful deletion done at
};

class Kubelet {
 public:
  // `registry` may be null: then every image pulls.
  Kubelet(Store store, Rng rng, const ImageRegistry* registry, const std::vector<NodeInfo>& nodes)
      : store_(store), streams_(rng), registry_(registry), nodes_(&nodes) {}

  // One pod sync: the pod with this uid (a pod of the same name but another
  // uid is a new pod, and this one's bookkeeping goes).
  void reconcile(const ObjectKey& key, const std::string& uid, TimePoint now);

  // When the pod last became Ready (all containers ready), to the millisecond.
  std::optional<TimePoint> ready_since(const std::string& pod_uid) const;

  // The crash fault: pods controlled (through up to four owners) by `owner`
  // crash shortly after each start. The caller wakes every pod.
  void set_crash(const ObjectKey& owner, bool on);
  bool crashing(const ObjectKey& owner) const { return crash_.count(owner) > 0; }

 private:
  void init_pod(PodSim& sim, const ObjectKey& key, const model::Node& pod, TimePoint now);
  void terminate(PodSim& sim, const ObjectKey& key, const std::string& uid, TimePoint now);
  void follow_crash_fault(PodSim& sim, const ObjectKey& key, const model::Node& pod, TimePoint now);
  void advance(ContainerSim& c, const model::Node& pod);
  void advance_running(ContainerSim& c, const model::Node& pod, TimePoint t);
  void advance_crashed(ContainerSim& c, const model::Node& pod, TimePoint t);
  void pull(ContainerSim& c, const model::Node& pod, TimePoint at);
  void start(ContainerSim& c, const model::Node& pod, TimePoint at);
  bool is_crashing(const model::Node& pod) const;
  model::Node pod_status(const model::Node& pod, const PodSim& sim, TimePoint now) const;  // pod_status.cpp
  model::Node container_status(const ContainerSim& c, const std::string& pod_ref) const;
  model::Node container_state(const ContainerSim& c, const std::string& pod_ref) const;

  Store store_;
  RngStreams streams_;  // "kubelet/<pod>", "pod-ip/<pod>"
  const ImageRegistry* registry_;
  const std::vector<NodeInfo>* nodes_;
  std::map<std::string, PodSim> pods_;  // by pod uid
  std::set<ObjectKey> crash_;
};

}  // namespace gs::cluster::detail
