// The kubelet's pod.status: phase, the five conditions in kubelet order,
// addresses, and one containerStatuses entry per container with its state
// (waiting / running / terminated), lastState, readiness and restart count.
#include "sim/cluster/controllers/kubelet.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {

Node condition(std::string_view type, std::string_view status, const std::string& at, std::string_view reason = "",
               std::string_view message = "") {
  Node c = Node::map();
  c.set("type", Node::string(std::string(type)));
  c.set("status", Node::string(std::string(status)));
  c.set("lastProbeTime", Node::null());
  c.set("lastTransitionTime", Node::string(at));
  if (!reason.empty()) c.set("reason", Node::string(std::string(reason)));
  if (!message.empty()) c.set("message", Node::string(std::string(message)));
  return c;
}

// Go's time.Duration.String for whole seconds: 10s, 1m20s, 5m0s.
std::string go_duration(Duration d) {
  const std::int64_t s = d.ms / 1000;
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + std::to_string((s % 3600) / 60) + "m" + std::to_string(s % 60) + "s";
}

std::string qos_class(const Node& pod) {
  const Node* cs = pod.get({"spec", "containers"});
  bool any = false, guaranteed = true;
  if (cs && cs->is_list()) {
    for (const auto& c : cs->items()) {
      const Node* req = c.get({"resources", "requests"});
      const Node* lim = c.get({"resources", "limits"});
      if ((req && req->size()) || (lim && lim->size())) any = true;
      for (const char* res : {"cpu", "memory"}) {
        const Node* l = lim ? lim->find(res) : nullptr;
        const Node* r = req ? req->find(res) : nullptr;
        if (!l || (r && !(*r == *l))) guaranteed = false;
      }
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

Node ip_list(const std::string& ip) {
  Node ips = Node::list();
  ips.push_back(string_map({{"ip", ip}}));
  return ips;
}

std::string normalized_image(const ContainerSim& c) {
  auto ref = parse_image_ref(c.image);
  return ref.ok() ? ref->str() : c.image;
}

struct PodSummary {
  bool all_started = false, all_finished = false, all_ok = true, all_ready = false;
  std::string unready;  // names of unready containers, space separated
};

PodSummary summarize(const PodSim& sim) {
  using S = ContainerSim::State;
  PodSummary s;
  s.all_started = s.all_finished = s.all_ready = !sim.containers.empty();
  for (const auto& c : sim.containers) {
    s.all_started = s.all_started && c.ever_started;
    s.all_finished = s.all_finished && c.state == S::Finished;
    s.all_ok = s.all_ok && c.exit_code == 0;
    if (!c.ready) {
      s.all_ready = false;
      s.unready += (s.unready.empty() ? "" : " ") + c.name;
    }
  }
  return s;
}

}  // namespace

Node Kubelet::container_state(const ContainerSim& c, const std::string& pod_ref) const {
  using S = ContainerSim::State;
  Node state = Node::map();
  auto waiting = [&](std::string_view reason, std::string msg) {
    Node w = Node::map();
    w.set("reason", Node::string(std::string(reason)));
    if (!msg.empty()) w.set("message", Node::string(std::move(msg)));
    state.set("waiting", std::move(w));
  };
  auto terminated = [&](std::string_view reason) {
    Node t = Node::map();
    t.set("exitCode", Node::integer(c.exit_code));
    t.set("reason", Node::string(std::string(reason)));
    t.set("startedAt", Node::string(store_.ts(c.started_at)));
    t.set("finishedAt", Node::string(store_.ts(c.finished_at)));
    t.set("containerID", Node::string(c.container_id));
    state.set("terminated", std::move(t));
  };
  const std::string img = normalized_image(c);
  switch (c.state) {
    case S::Creating:
      waiting("ContainerCreating", "");
      break;
    case S::ErrImagePull:
      if (registry_ && registry_->known(c.image)) {  // a tag made to fail (fault image-pull)
        waiting("ErrImagePull", "rpc error: code = Unknown desc = failed to pull and unpack image \"" + img +
                                    "\": failed to resolve reference \"" + img +
                                    "\": unexpected status from HEAD request: 503 Service Unavailable");
      } else {
        waiting("ErrImagePull", "rpc error: code = NotFound desc = failed to pull and unpack image \"" + img +
                                    "\": failed to resolve reference \"" + img + "\": " + img + ": not found");
      }
      break;
    case S::ImagePullBackOff:
      waiting("ImagePullBackOff", "Back-off pulling image \"" + c.image + "\"");
      break;
    case S::CrashLoopBackOff:
      waiting("CrashLoopBackOff", "back-off " + go_duration(c.crash_backoff) +
                                      " restarting failed container=" + c.name + " pod=" + pod_ref);
      break;
    case S::Running:
      state.set("running", string_map({{"startedAt", store_.ts(c.started_at)}}));
      break;
    case S::Crashed:
      terminated("Error");
      break;
    case S::Finished:
      terminated(c.exit_code == 0 ? "Completed" : "Error");
      break;
  }
  return state;
}

Node Kubelet::container_status(const ContainerSim& c, const std::string& pod_ref) const {
  Node cs = Node::map();
  cs.set("name", Node::string(c.name));
  cs.set("state", container_state(c, pod_ref));
  Node last = Node::map();
  if (c.has_last) {
    Node t = Node::map();
    t.set("exitCode", Node::integer(c.last_exit));
    t.set("reason", Node::string(c.last_reason));
    t.set("startedAt", Node::string(store_.ts(c.last_started)));
    t.set("finishedAt", Node::string(store_.ts(c.last_finished)));
    t.set("containerID", Node::string(c.last_container_id));
    last.set("terminated", std::move(t));
  }
  cs.set("lastState", std::move(last));
  cs.set("ready", Node::boolean(c.ready));
  cs.set("restartCount", Node::integer(c.restart_count));
  cs.set("image", Node::string(c.ever_started ? normalized_image(c) : c.image));
  std::string image_id;
  if (c.ever_started) {
    auto ref = parse_image_ref(c.image);
    const std::string repo = ref.ok() ? ref->repository : c.image;
    std::optional<std::string> digest = registry_ ? registry_->digest_of(c.image) : std::nullopt;
    if (!digest && ref.ok() && !ref->digest.empty()) digest = ref->digest;
    image_id = repo + "@" + digest.value_or("sha256:" + std::string(64, '0'));
  }
  cs.set("imageID", Node::string(image_id));
  if (c.ever_started) cs.set("containerID", Node::string(c.container_id));
  cs.set("started", Node::boolean(c.state == ContainerSim::State::Running));
  return cs;
}

Node Kubelet::pod_status(const Node& pod, const PodSim& sim, TimePoint now) const {
  const std::string policy = get_str(pod, {"spec", "restartPolicy"}, "Always");
  const PodSummary s = summarize(sim);
  std::string phase = "Pending";
  if (policy != "Always" && s.all_finished) {
    phase = s.all_ok ? "Succeeded" : "Failed";
  } else if (s.all_started) {
    phase = "Running";
  }
  const bool completed = phase == "Succeeded" || phase == "Failed";
  // Keep a condition's lastTransitionTime while its status stays the same.
  auto transition = [&](std::string_view type, std::string_view status, TimePoint fallback) {
    const Node* old = find_condition(pod, type);
    if (old && get_str(*old, {"status"}) == status) return get_str(*old, {"lastTransitionTime"});
    return store_.ts(fallback);
  };
  Node conds = Node::list();
  const std::string ready_status = s.all_ready ? "True" : "False";
  const std::string not_ready_reason = completed ? "PodCompleted" : "ContainersNotReady";
  const std::string not_ready_msg = completed ? "" : "containers with unready status: [" + s.unready + "]";
  const char* sandbox = completed ? "False" : "True";
  conds.push_back(condition("PodReadyToStartContainers", sandbox,
                            transition("PodReadyToStartContainers", sandbox, sim.start_time)));
  conds.push_back(condition("Initialized", "True", transition("Initialized", "True", sim.start_time),
                            completed ? "PodCompleted" : ""));
  for (const char* type : {"Ready", "ContainersReady"}) {
    conds.push_back(condition(type, ready_status, transition(type, ready_status, now),
                              s.all_ready ? "" : not_ready_reason, s.all_ready ? "" : not_ready_msg));
  }
  conds.push_back(condition("PodScheduled", "True", transition("PodScheduled", "True", sim.start_time)));
  Node status = Node::map();
  status.set("phase", Node::string(phase));
  status.set("conditions", std::move(conds));
  status.set("hostIP", Node::string(sim.host_ip));
  status.set("hostIPs", ip_list(sim.host_ip));
  if (!completed) {
    status.set("podIP", Node::string(sim.pod_ip));
    status.set("podIPs", ip_list(sim.pod_ip));
  }
  status.set("startTime", Node::string(store_.ts(sim.start_time)));
  const std::string pod_ref = get_str(pod, {"metadata", "name"}) + "_" + get_str(pod, {"metadata", "namespace"}) +
                              "(" + get_str(pod, {"metadata", "uid"}) + ")";
  Node statuses = Node::list();
  for (const auto& c : sim.containers) statuses.push_back(container_status(c, pod_ref));
  status.set("containerStatuses", std::move(statuses));
  status.set("qosClass", Node::string(qos_class(pod)));
  return status;
}

}  // namespace gs::cluster::detail
