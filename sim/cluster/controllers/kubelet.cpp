#include "sim/cluster/controllers/kubelet.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {

constexpr const char* kByKubelet = "kubelet";
constexpr Duration kBackoffInitial = Duration::seconds(10);  // kubelet's flowcontrol.Backoff
constexpr Duration kBackoffMax = Duration::minutes(5);

Duration double_capped(Duration d) {
  if (d.ms == 0) return kBackoffInitial;
  return std::min(d * 2, kBackoffMax);
}

std::string hex64(Rng& r) {
  std::string out;
  for (int i = 0; i < 4; ++i) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(r.next_u64()));
    out += buf;
  }
  return out;
}

std::optional<TimePoint> earliest(std::initializer_list<std::optional<TimePoint>> ts) {
  std::optional<TimePoint> best;
  for (const auto& t : ts) {
    if (t && (!best || *t < *best)) best = t;
  }
  return best;
}

ObjectKey pod_key(const Node& pod) {
  return ObjectKey{"", "Pod", get_str(pod, {"metadata", "namespace"}), get_str(pod, {"metadata", "name"})};
}

}  // namespace

std::optional<TimePoint> Kubelet::ready_since(const std::string& pod_uid) const {
  auto it = pods_.find(pod_uid);
  if (it == pods_.end()) return std::nullopt;
  return it->second.ready_since;
}

void Kubelet::set_crash(const ObjectKey& owner, bool on) {
  if (on) {
    crash_.insert(owner);
  } else {
    crash_.erase(owner);
  }
}

bool Kubelet::is_crashing(const Node& pod) const {
  if (crash_.empty()) return false;
  const Node* cur = &pod;
  if (crash_.count(pod_key(pod))) return true;
  for (int depth = 0; depth < 4 && cur; ++depth) {  // pod -> replicaset -> deployment
    auto owner = store_.controller_of(*cur);
    if (!owner) return false;
    if (crash_.count(*owner)) return true;
    cur = store_.get(*owner);
  }
  return false;
}

void Kubelet::start(ContainerSim& c, const Node& pod, TimePoint at) {
  const ObjectKey key = pod_key(pod);
  store_.record_event(key, "Normal", "Created", "Created container " + c.name, kByKubelet, at);
  store_.record_event(key, "Normal", "Started", "Started container " + c.name, kByKubelet, at);
  Rng& r = streams_("kubelet/" + key.str());
  c.state = ContainerSim::State::Running;
  c.started_at = at;
  c.ever_started = true;
  c.ready = false;
  c.container_id = "containerd://" + hex64(r);
  c.crash_at.reset();
  c.finish_at.reset();
  std::int64_t probe_delay_s = 0;
  if (const Node* cs = pod.get({"spec", "containers"}); cs && cs->is_list()) {
    for (const auto& spec : cs->items()) {
      if (get_str(spec, {"name"}) == c.name) probe_delay_s = get_int(spec, {"readinessProbe", "initialDelaySeconds"});
    }
  }
  c.ready_at = at + Duration::seconds(probe_delay_s) + Duration::millis(r.between(1000, 3000));
  if (is_crashing(pod)) {
    c.crash_at = at + Duration::millis(r.between(500, 1500));
    c.ready_at.reset();  // it dies before its readiness probe passes
  }
  if (get_str(pod, {"spec", "restartPolicy"}, "Always") != "Always") {
    Duration run{r.between(2000, 5000)};
    if (const Node* a = pod.get({"metadata", "annotations", "gitops-sim/run-for"})) {
      if (auto d = parse_duration(a->text())) run = *d;
    }
    c.finish_at = at + run;
  }
  c.next = earliest({c.ready_at, c.crash_at, c.finish_at});
}

void Kubelet::pull(ContainerSim& c, const Node& pod, TimePoint at) {
  c.last_pull = at;
  const ObjectKey key = pod_key(pod);
  store_.record_event(key, "Normal", "Pulling", "Pulling image \"" + c.image + "\"", kByKubelet, at);
  if (!registry_ || registry_->exists(c.image)) {
    store_.record_event(key, "Normal", "Pulled", "Successfully pulled image \"" + c.image + "\"", kByKubelet, at);
    start(c, pod, at);
    return;
  }
  store_.record_event(key, "Warning", "Failed",
                      "Failed to pull image \"" + c.image +
                          "\": rpc error: code = NotFound desc = failed to pull and unpack image \"" + c.image +
                          "\": not found",
                      kByKubelet, at);
  store_.record_event(key, "Warning", "Failed", "Error: ErrImagePull", kByKubelet, at);
  c.state = ContainerSim::State::ErrImagePull;
  c.pull_backoff = double_capped(c.pull_backoff);
  c.next = at + Duration::seconds(1);  // the next pod sync reports the back-off
}

void Kubelet::advance_running(ContainerSim& c, const Node& pod, TimePoint t) {
  const bool always = get_str(pod, {"spec", "restartPolicy"}, "Always") == "Always";
  if (c.crash_at && *c.crash_at <= t) {
    c.finished_at = t;
    c.exit_code = 1;
    c.ready = false;
    c.crash_at.reset();
    c.ready_at.reset();
    if (always) {
      c.state = ContainerSim::State::Crashed;
      c.next = t + Duration::seconds(1);  // the next pod sync decides: restart or back off
    } else {
      c.state = ContainerSim::State::Finished;
    }
    return;
  }
  if (c.finish_at && *c.finish_at <= t) {
    c.finished_at = t;
    c.exit_code = 0;
    if (const Node* a = pod.get({"metadata", "annotations", "gitops-sim/exit-code"})) {
      c.exit_code = static_cast<int>(std::atoi(a->text().c_str()));
    }
    c.ready = false;
    c.state = ContainerSim::State::Finished;
    return;
  }
  if (c.ready_at && *c.ready_at <= t) {
    c.ready = true;
    c.ready_at.reset();
  }
  c.next = earliest({c.ready_at, c.crash_at, c.finish_at});
}

void Kubelet::advance_crashed(ContainerSim& c, const Node& pod, TimePoint t) {
  c.has_last = true;
  c.last_exit = c.exit_code;
  c.last_reason = "Error";
  c.last_started = c.started_at;
  c.last_finished = c.finished_at;
  c.last_container_id = c.container_id;
  if (c.crash_backoff.ms == 0) {
    // No back-off entry yet: the first restart is immediate (kuberuntime doBackOff).
    c.crash_backoff = kBackoffInitial;
    ++c.restart_count;
    start(c, pod, t);
    return;
  }
  c.state = ContainerSim::State::CrashLoopBackOff;
  c.next = c.finished_at + c.crash_backoff;
  const ObjectKey key = pod_key(pod);
  store_.record_event(key, "Warning", "BackOff",
                      "Back-off restarting failed container " + c.name + " in pod " + key.name + "_" + key.ns + "(" +
                          get_str(pod, {"metadata", "uid"}) + ")",
                      kByKubelet, t);
}

// One step of one container, at the time it asked for (c.next).
void Kubelet::advance(ContainerSim& c, const Node& pod) {
  const TimePoint t = *c.next;
  c.next.reset();
  using S = ContainerSim::State;
  switch (c.state) {
    case S::Creating:
    case S::ImagePullBackOff:
      pull(c, pod, t);
      return;
    case S::ErrImagePull: {
      const ObjectKey key = pod_key(pod);
      store_.record_event(key, "Normal", "BackOff", "Back-off pulling image \"" + c.image + "\"", kByKubelet, t);
      store_.record_event(key, "Warning", "Failed", "Error: ImagePullBackOff", kByKubelet, t);
      c.state = S::ImagePullBackOff;
      c.next = c.last_pull + c.pull_backoff;
      return;
    }
    case S::Running:
      advance_running(c, pod, t);
      return;
    case S::Crashed:
      advance_crashed(c, pod, t);
      return;
    case S::CrashLoopBackOff:
      c.crash_backoff = double_capped(c.crash_backoff);
      ++c.restart_count;
      start(c, pod, t);
      return;
    case S::Finished:
      return;
  }
}

void Kubelet::init_pod(PodSim& sim, const ObjectKey& key, const Node& pod, TimePoint now) {
  Rng& r = streams_("kubelet/" + key.str());
  sim.initialised = true;
  sim.start_time = now;
  Rng& ipr = streams_("pod-ip/" + key.str());
  sim.pod_ip = "10.244." + std::to_string(ipr.between(0, 3)) + "." + std::to_string(ipr.between(2, 254));
  // A pod no scheduler placed (applied bare) runs on the first node.
  sim.host_ip = "172.18.0.2";
  const std::string node = get_str(pod, {"spec", "nodeName"});
  for (const auto& n : *nodes_) {
    if (n.name == node) sim.host_ip = n.internal_ip;
  }
  if (const Node* cs = pod.get({"spec", "containers"}); cs && cs->is_list()) {
    for (const auto& spec : cs->items()) {
      ContainerSim c;
      c.name = get_str(spec, {"name"});
      c.image = get_str(spec, {"image"});
      c.next = now + Duration::millis(r.between(1000, 4000));  // sandbox, then the pull
      sim.containers.push_back(std::move(c));
    }
  }
}

// Graceful deletion: stop the containers, then remove the pod after a short while.
void Kubelet::terminate(PodSim& sim, const ObjectKey& key, const std::string& uid, TimePoint now) {
  if (!sim.terminate_at) {
    for (const auto& c : sim.containers) {
      if (c.state == ContainerSim::State::Running)
        store_.record_event(key, "Normal", "Killing", "Stopping container " + c.name, kByKubelet, now);
    }
    sim.terminate_at = now + Duration::millis(streams_("kubelet/" + key.str()).between(500, 2000));
  }
  if (now >= *sim.terminate_at) {
    pods_.erase(uid);
    store_.erase(key, now, kByKubelet);
    return;
  }
  store_.requeue(key, *sim.terminate_at, uid);
}

// The crash fault switched on or off while containers run.
void Kubelet::follow_crash_fault(PodSim& sim, const ObjectKey& key, const Node& pod, TimePoint now) {
  Rng& r = streams_("kubelet/" + key.str());
  const bool crash = is_crashing(pod);
  for (auto& c : sim.containers) {
    if (c.state != ContainerSim::State::Running) continue;
    if (crash && !c.crash_at) {
      c.crash_at = now + Duration::millis(r.between(500, 1500));
    } else if (!crash && c.crash_at && !c.finish_at) {
      c.crash_at.reset();
      if (!c.ready && !c.ready_at) c.ready_at = now + Duration::millis(r.between(1000, 3000));
    }
    c.next = earliest({c.ready ? std::nullopt : c.ready_at, c.crash_at, c.finish_at});
  }
}

void Kubelet::reconcile(const ObjectKey& key, const std::string& uid, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current || get_str(*current, {"metadata", "uid"}) != uid) {
    pods_.erase(uid);
    return;
  }
  if (pod_awaits_node(*current)) return;  // no node holds it: no kubelet runs it
  Node pod = *current;
  PodSim& sim = pods_[uid];
  if (!sim.initialised) init_pod(sim, key, pod, now);
  if (pod.get({"metadata", "deletionTimestamp"})) {
    terminate(sim, key, uid, now);
    return;
  }
  follow_crash_fault(sim, key, pod, now);
  for (auto& c : sim.containers) {
    for (int i = 0; i < 32 && c.next && *c.next <= now; ++i) advance(c, pod);
  }
  bool all_ready = !sim.containers.empty();
  for (const auto& c : sim.containers) all_ready = all_ready && c.ready;
  if (!all_ready) {
    sim.ready_since.reset();
  } else if (!sim.ready_since) {
    sim.ready_since = now;
  }
  pod.set("status", pod_status(pod, sim, now));
  store_.update(key, std::move(pod), now, kByKubelet);
  std::optional<TimePoint> next;
  for (const auto& c : sim.containers) next = earliest({next, c.next});
  if (next) store_.requeue(key, *next, uid);
}

}  // namespace gs::cluster::detail
