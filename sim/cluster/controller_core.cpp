// The node agent and the smaller controllers: kubelet (image pulls with
// back-off, start latency, readiness, crash loops, run-to-completion pods,
// graceful termination), job, service load balancers, ingress, PVC
// provisioning, namespace termination and the garbage collector.
#include <algorithm>
#include <cstdio>

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster {

using model::Node;
using namespace detail;

namespace {

constexpr Duration kBackoffInitial = Duration::seconds(10);  // kubelet's flowcontrol.Backoff
constexpr Duration kBackoffMax = Duration::minutes(5);

Duration double_capped(Duration d) {
  if (d.ms == 0) return kBackoffInitial;
  return std::min(d * 2, kBackoffMax);
}

// Go's time.Duration.String for whole seconds: 10s, 1m20s, 5m0s.
std::string go_duration(Duration d) {
  const std::int64_t s = d.ms / 1000;
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + std::to_string((s % 3600) / 60) + "m" + std::to_string(s % 60) + "s";
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

}  // namespace

void Cluster::kubelet_start(ContainerSim& c, const Node& pod, TimePoint at) {
  const ObjectKey key{"", "Pod", get_str(pod, {"metadata", "namespace"}), get_str(pod, {"metadata", "name"})};
  record_event(key, "Normal", "Created", "Created container " + c.name, "kubelet", at);
  record_event(key, "Normal", "Started", "Started container " + c.name, "kubelet", at);
  Rng& r = stream("kubelet/" + key.str());
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

void Cluster::kubelet_pull(ContainerSim& c, const Node& pod, TimePoint at) {
  c.last_pull = at;
  const ObjectKey key{"", "Pod", get_str(pod, {"metadata", "namespace"}), get_str(pod, {"metadata", "name"})};
  record_event(key, "Normal", "Pulling", "Pulling image \"" + c.image + "\"", "kubelet", at);
  if (!registry_ || registry_->exists(c.image)) {
    record_event(key, "Normal", "Pulled", "Successfully pulled image \"" + c.image + "\"", "kubelet", at);
    kubelet_start(c, pod, at);
    return;
  }
  record_event(key, "Warning", "Failed",
               "Failed to pull image \"" + c.image + "\": rpc error: code = NotFound desc = failed to pull and unpack image \"" +
                   c.image + "\": not found",
               "kubelet", at);
  record_event(key, "Warning", "Failed", "Error: ErrImagePull", "kubelet", at);
  c.state = ContainerSim::State::ErrImagePull;
  c.pull_backoff = double_capped(c.pull_backoff);
  c.next = at + Duration::seconds(1);  // the next pod sync reports the back-off
}

void Cluster::kubelet_advance(ContainerSim& c, const Node& pod, TimePoint now) {
  const TimePoint t = *c.next;
  (void)now;
  c.next.reset();
  using S = ContainerSim::State;
  switch (c.state) {
    case S::Creating:
    case S::ImagePullBackOff:
      kubelet_pull(c, pod, t);
      return;
    case S::ErrImagePull: {
      const ObjectKey key{"", "Pod", get_str(pod, {"metadata", "namespace"}), get_str(pod, {"metadata", "name"})};
      record_event(key, "Normal", "BackOff", "Back-off pulling image \"" + c.image + "\"", "kubelet", t);
      record_event(key, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", t);
      c.state = S::ImagePullBackOff;
      c.next = c.last_pull + c.pull_backoff;
      return;
    }
    case S::Running: {
      const bool always = get_str(pod, {"spec", "restartPolicy"}, "Always") == "Always";
      if (c.crash_at && *c.crash_at <= t) {
        c.finished_at = t;
        c.exit_code = 1;
        c.ready = false;
        c.crash_at.reset();
        c.ready_at.reset();
        if (always) {
          c.state = S::Crashed;
          c.next = t + Duration::seconds(1);  // the next pod sync decides: restart or back off
        } else {
          c.state = S::Finished;
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
        c.state = S::Finished;
        return;
      }
      if (c.ready_at && *c.ready_at <= t) {
        c.ready = true;
        c.ready_at.reset();
      }
      c.next = earliest({c.ready_at, c.crash_at, c.finish_at});
      return;
    }
    case S::Crashed: {
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
        kubelet_start(c, pod, t);
      } else {
        c.state = S::CrashLoopBackOff;
        c.next = c.finished_at + c.crash_backoff;
        const ObjectKey key{"", "Pod", get_str(pod, {"metadata", "namespace"}), get_str(pod, {"metadata", "name"})};
        record_event(key, "Warning", "BackOff",
                     "Back-off restarting failed container " + c.name + " in pod " + key.name + "_" + key.ns + "(" +
                         get_str(pod, {"metadata", "uid"}) + ")",
                     "kubelet", t);
      }
      return;
    }
    case S::CrashLoopBackOff:
      c.crash_backoff = double_capped(c.crash_backoff);
      ++c.restart_count;
      kubelet_start(c, pod, t);
      return;
    case S::Finished:
      return;
  }
}

Node Cluster::pod_status(const Node& pod, const PodSim& sim, TimePoint now) const {
  using S = ContainerSim::State;
  const std::string policy = get_str(pod, {"spec", "restartPolicy"}, "Always");
  const std::string pod_ref = get_str(pod, {"metadata", "name"}) + "_" + get_str(pod, {"metadata", "namespace"}) +
                              "(" + get_str(pod, {"metadata", "uid"}) + ")";
  bool all_started = !sim.containers.empty(), all_finished = !sim.containers.empty(), all_ok = true;
  bool all_ready = !sim.containers.empty();
  std::string unready;
  for (const auto& c : sim.containers) {
    all_started = all_started && c.ever_started;
    all_finished = all_finished && c.state == S::Finished;
    all_ok = all_ok && c.exit_code == 0;
    if (!c.ready) {
      all_ready = false;
      unready += (unready.empty() ? "" : " ") + c.name;
    }
  }
  std::string phase = "Pending";
  if (policy != "Always" && all_finished) {
    phase = all_ok ? "Succeeded" : "Failed";
  } else if (all_started) {
    phase = "Running";
  }
  const bool completed = phase == "Succeeded" || phase == "Failed";
  // Keep a condition's lastTransitionTime while its status stays the same.
  auto transition = [&](std::string_view type, std::string_view status, TimePoint fallback) {
    const Node* old = find_condition(pod, type);
    if (old && get_str(*old, {"status"}) == status) return get_str(*old, {"lastTransitionTime"});
    return ts(fallback);
  };
  Node status = Node::map();
  status.set("phase", Node::string(phase));
  Node conds = Node::list();
  const std::string ready_status = all_ready ? "True" : "False";
  const std::string not_ready_reason = completed ? "PodCompleted" : "ContainersNotReady";
  const std::string not_ready_msg = completed ? "" : "containers with unready status: [" + unready + "]";
  conds.push_back(condition("PodReadyToStartContainers", completed ? "False" : "True",
                            transition("PodReadyToStartContainers", completed ? "False" : "True", sim.start_time)));
  conds.push_back(condition("Initialized", "True", transition("Initialized", "True", sim.start_time),
                            completed ? "PodCompleted" : ""));
  for (const char* type : {"Ready", "ContainersReady"}) {
    conds.push_back(condition(type, ready_status, transition(type, ready_status, now),
                              all_ready ? "" : not_ready_reason, all_ready ? "" : not_ready_msg));
  }
  conds.push_back(condition("PodScheduled", "True", transition("PodScheduled", "True", sim.start_time)));
  status.set("conditions", std::move(conds));
  status.set("hostIP", Node::string("172.18.0.2"));
  Node host_ips = Node::list();
  host_ips.push_back(string_map({{"ip", "172.18.0.2"}}));
  status.set("hostIPs", std::move(host_ips));
  if (!completed) {
    status.set("podIP", Node::string(sim.pod_ip));
    Node ips = Node::list();
    ips.push_back(string_map({{"ip", sim.pod_ip}}));
    status.set("podIPs", std::move(ips));
  }
  status.set("startTime", Node::string(ts(sim.start_time)));
  Node statuses = Node::list();
  for (const auto& c : sim.containers) {
    Node cs = Node::map();
    cs.set("name", Node::string(c.name));
    Node state = Node::map();
    auto waiting = [&](std::string_view reason, std::string msg) {
      Node w = Node::map();
      w.set("reason", Node::string(std::string(reason)));
      if (!msg.empty()) w.set("message", Node::string(std::move(msg)));
      state.set("waiting", std::move(w));
    };
    auto terminated = [&](int exit_code, std::string_view reason, TimePoint started, TimePoint finished,
                          const std::string& id) {
      Node t = Node::map();
      t.set("exitCode", Node::integer(exit_code));
      t.set("reason", Node::string(std::string(reason)));
      t.set("startedAt", Node::string(ts(started)));
      t.set("finishedAt", Node::string(ts(finished)));
      t.set("containerID", Node::string(id));
      return t;
    };
    auto normalized = [&]() {
      auto ref = parse_image_ref(c.image);
      return ref.ok() ? ref->str() : c.image;
    };
    switch (c.state) {
      case S::Creating:
        waiting("ContainerCreating", "");
        break;
      case S::ErrImagePull: {
        const std::string img = normalized();
        const bool injected = registry_ && registry_->known(c.image);
        if (injected) {
          waiting("ErrImagePull", "rpc error: code = Unknown desc = failed to pull and unpack image \"" + img +
                                      "\": failed to resolve reference \"" + img +
                                      "\": unexpected status from HEAD request: 503 Service Unavailable");
        } else {
          waiting("ErrImagePull", "rpc error: code = NotFound desc = failed to pull and unpack image \"" + img +
                                      "\": failed to resolve reference \"" + img + "\": " + img + ": not found");
        }
        break;
      }
      case S::ImagePullBackOff:
        waiting("ImagePullBackOff", "Back-off pulling image \"" + c.image + "\"");
        break;
      case S::CrashLoopBackOff:
        waiting("CrashLoopBackOff", "back-off " + go_duration(c.crash_backoff) + " restarting failed container=" +
                                        c.name + " pod=" + pod_ref);
        break;
      case S::Running: {
        Node r = Node::map();
        r.set("startedAt", Node::string(ts(c.started_at)));
        state.set("running", std::move(r));
        break;
      }
      case S::Crashed:
        state.set("terminated", terminated(c.exit_code, "Error", c.started_at, c.finished_at, c.container_id));
        break;
      case S::Finished:
        state.set("terminated", terminated(c.exit_code, c.exit_code == 0 ? "Completed" : "Error", c.started_at,
                                           c.finished_at, c.container_id));
        break;
    }
    cs.set("state", std::move(state));
    Node last = Node::map();
    if (c.has_last)
      last.set("terminated", terminated(c.last_exit, c.last_reason, c.last_started, c.last_finished,
                                        c.last_container_id));
    cs.set("lastState", std::move(last));
    cs.set("ready", Node::boolean(c.ready));
    cs.set("restartCount", Node::integer(c.restart_count));
    cs.set("image", Node::string(c.ever_started ? normalized() : c.image));
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
    cs.set("started", Node::boolean(c.state == S::Running));
    statuses.push_back(std::move(cs));
  }
  status.set("containerStatuses", std::move(statuses));
  status.set("qosClass", Node::string(qos_class(pod)));
  return status;
}

void Cluster::reconcile_kubelet(const ObjectKey& key, const std::string& uid, TimePoint now) {
  const Node* current = get(key);
  if (!current || get_str(*current, {"metadata", "uid"}) != uid) {
    pods_.erase(uid);
    return;
  }
  const std::string by = "kubelet";
  Node pod = *current;
  PodSim& sim = pods_[uid];
  Rng& r = stream("kubelet/" + key.str());
  if (!sim.initialised) {
    sim.initialised = true;
    sim.start_time = now;
    Rng& ipr = stream("pod-ip/" + key.str());
    sim.pod_ip = "10.244." + std::to_string(ipr.between(0, 3)) + "." + std::to_string(ipr.between(2, 254));
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
  if (pod.get({"metadata", "deletionTimestamp"})) {
    if (!sim.terminate_at) {
      for (const auto& c : sim.containers) {
        if (c.state == ContainerSim::State::Running) {
          record_event(key, "Normal", "Killing", "Stopping container " + c.name, "kubelet", now);
        }
      }
    }
    if (!sim.terminate_at) sim.terminate_at = now + Duration::millis(r.between(500, 2000));
    if (now >= *sim.terminate_at) {
      pods_.erase(uid);
      store_delete(key, now, by);
      return;
    }
    enqueue(Ctl::Kubelet, key, *sim.terminate_at, uid);
    return;
  }
  // The crash fault switched on or off while containers run.
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
  for (auto& c : sim.containers) {
    for (int i = 0; i < 32 && c.next && *c.next <= now; ++i) kubelet_advance(c, pod, now);
  }
  bool all_ready = !sim.containers.empty();
  for (const auto& c : sim.containers) all_ready = all_ready && c.ready;
  if (!all_ready) {
    sim.ready_since.reset();
  } else if (!sim.ready_since) {
    sim.ready_since = now;
  }
  pod.set("status", pod_status(pod, sim, now));
  store_update(key, std::move(pod), now, by);
  std::optional<TimePoint> next;
  for (const auto& c : sim.containers) next = earliest({next, c.next});
  if (next) enqueue(Ctl::Kubelet, key, *next, uid);
}

// ---------------------------------------------------------------- job

void Cluster::reconcile_job(const ObjectKey& key, TimePoint now) {
  const Node* current = get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  const std::string by = "job-controller";
  Node job = *current;
  const std::string at = ts(now);
  const std::string uid = get_str(job, {"metadata", "uid"});
  JobSim& sim = jobs_[uid];
  Node conds = job.get({"status", "conditions"}) ? *job.get({"status", "conditions"}) : Node::list();
  auto has_true = [&](std::string_view type) {
    for (const auto& c : conds.items()) {
      if (get_str(c, {"type"}) == type && get_str(c, {"status"}) == "True") return true;
    }
    return false;
  };
  auto job_condition = [&](std::string_view type, std::string_view status, std::string_view reason,
                           std::string_view message) {
    Node c = Node::map();
    c.set("type", Node::string(std::string(type)));
    c.set("status", Node::string(std::string(status)));
    c.set("lastProbeTime", Node::string(at));
    c.set("lastTransitionTime", Node::string(at));
    c.set("reason", Node::string(std::string(reason)));
    c.set("message", Node::string(std::string(message)));
    for (auto& old : conds.items()) {
      if (get_str(old, {"type"}) != type) continue;
      if (get_str(old, {"status"}) == status) return;
      old = std::move(c);
      return;
    }
    conds.push_back(std::move(c));
  };
  const bool finished = has_true("Complete") || has_true("Failed");

  std::vector<ObjectKey> active;
  std::int64_t succeeded = 0, failed = 0, ready = 0;
  for (const auto& p : controlled_by(key, "Pod")) {
    const Node& pod = *get(p);
    const std::string phase = get_str(pod, {"status", "phase"});
    if (phase == "Succeeded") {
      ++succeeded;
    } else if (phase == "Failed") {
      ++failed;
    } else if (!pod.get({"metadata", "deletionTimestamp"})) {
      active.push_back(p);
      const Node* rc = find_condition(pod, "Ready");
      if (rc && get_str(*rc, {"status"}) == "True") ++ready;
    }
  }
  if (failed > sim.seen_failed) {
    sim.seen_failed = failed;
    sim.last_failure = now;
  }
  const std::int64_t completions = get_int(job, {"spec", "completions"}, 1);
  const std::int64_t parallelism = get_int(job, {"spec", "parallelism"}, 1);
  const std::int64_t backoff_limit = get_int(job, {"spec", "backoffLimit"}, 6);
  const bool suspended = get_bool(job, {"spec", "suspend"});
  // A sentinel, not std::optional: g++ 12 warns maybe-uninitialized on the latter here.
    std::int64_t wake_ms = -1;

  if (!finished) {
    if (suspended) {
      for (const auto& p : active) request_deletion(p, now, by);
      active.clear();
      ready = 0;
      job_condition("Suspended", "True", "JobSuspended", "Job suspended");
    } else {
      if (has_true("Suspended")) job_condition("Suspended", "False", "JobResumed", "Job resumed");
      if (!job.get({"status", "startTime"})) set_str(job, {"status", "startTime"}, at);
      std::optional<std::string> fail_reason, fail_message;
      if (failed > backoff_limit) {
        fail_reason = "BackoffLimitExceeded";
        fail_message = "Job has reached the specified backoff limit";
      } else if (auto ads = opt_int(job, {"spec", "activeDeadlineSeconds"})) {
        auto start = parse_rfc3339_utc(get_str(job, {"status", "startTime"}));
        if (start) {
          const TimePoint deadline{(*start - epoch0_ + *ads) * 1000};
          if (deadline <= now) {
            fail_reason = "DeadlineExceeded";
            fail_message = "Job was active longer than specified deadline";
          } else {
            wake_ms = deadline.ms;
          }
        }
      }
      if (fail_reason) {
        for (const auto& p : active) request_deletion(p, now, by);
        active.clear();
        ready = 0;
        job_condition("FailureTarget", "True", *fail_reason, *fail_message);
        job_condition("Failed", "True", *fail_reason, *fail_message);
        wake_ms = -1;
      } else if (succeeded >= completions) {
        job_condition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods");
        job_condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods");
        set_str(job, {"status", "completionTime"}, at);
      } else {
        const std::int64_t want =
            std::min(parallelism, completions - succeeded) - static_cast<std::int64_t>(active.size());
        if (want > 0) {
          // Pod failure back-off: 10s doubling, capped at 6m, from the last failure.
          std::optional<TimePoint> allowed;
          if (failed > 0 && sim.last_failure) {
            Duration d = Duration::seconds(10);
            for (std::int64_t i = 1; i < failed && d < Duration::minutes(6); ++i) d = d * 2;
            allowed = *sim.last_failure + std::min(d, Duration::minutes(6));
          }
          if (allowed && *allowed > now) {
            wake_ms = allowed->ms;
          } else {
            const Node tmpl = job.get({"spec", "template"}) ? *job.get({"spec", "template"}) : Node::map();
            for (std::int64_t i = 0; i < want; ++i) {
              active.push_back(create_pod(job, key, tmpl, now, by,
                                          {{"batch.kubernetes.io/controller-uid", uid},
                                           {"batch.kubernetes.io/job-name", key.name},
                                           {"controller-uid", uid},
                                           {"job-name", key.name}}));
            }
          }
        }
      }
    }
  }
  Node status = Node::map();
  if (conds.size() > 0) status.set("conditions", conds);
  if (const Node* s = job.get({"status", "startTime"})) status.set("startTime", *s);
  if (const Node* s = job.get({"status", "completionTime"})) status.set("completionTime", *s);
  if (!active.empty()) status.set("active", Node::integer(static_cast<std::int64_t>(active.size())));
  if (succeeded) status.set("succeeded", Node::integer(succeeded));
  if (failed) status.set("failed", Node::integer(failed));
  status.set("ready", Node::integer(ready));
  status.set("terminating", Node::integer(0));
  status.set("uncountedTerminatedPods", Node::map());
  job.set("status", std::move(status));
  store_update(key, std::move(job), now, by);
  if (wake_ms >= 0) enqueue(Ctl::Job, key, TimePoint{wake_ms});
}

// ---------------------------------------------------------------- services, ingress, pvc

void Cluster::reconcile_service(const ObjectKey& key, TimePoint now) {
  const Node* current = get(key);
  if (!current) return;
  const std::string uid = get_str(*current, {"metadata", "uid"});
  const bool lb = get_str(*current, {"spec", "type"}) == "LoadBalancer";
  const Node* ingress = current->get({"status", "loadBalancer", "ingress"});
  const bool has_ingress = ingress && ingress->size() > 0;
  if (!lb) {
    lb_ready_at_.erase(uid);
    if (has_ingress) {
      Node copy = *current;
      ensure(copy, {"status", "loadBalancer"}) = Node::map();
      store_update(key, std::move(copy), now, "service-controller");
    }
    return;
  }
  if (has_ingress || !lb_provisioner_) return;
  auto it = lb_ready_at_.find(uid);
  if (it == lb_ready_at_.end()) {
    Rng& r = stream("load-balancer/" + key.str());
    it = lb_ready_at_.emplace(uid, now + Duration::millis(r.between(5000, 15000))).first;
  }
  if (now < it->second) {
    enqueue(Ctl::Service, key, it->second);
    return;
  }
  Rng& r = stream("load-balancer-ip/" + key.str());
  Node copy = *current;
  Node ing = Node::list();
  Node entry = Node::map();
  entry.set("ip", Node::string("203.0.113." + std::to_string(r.between(10, 250))));
  entry.set("ipMode", Node::string("VIP"));
  ing.push_back(std::move(entry));
  ensure(copy, {"status", "loadBalancer", "ingress"}) = std::move(ing);
  store_update(key, std::move(copy), now, "service-controller");
}

void Cluster::reconcile_ingress(const ObjectKey& key, TimePoint now) {
  const Node* current = get(key);
  if (!current || !ingress_controller_) return;
  const Node* ingress = current->get({"status", "loadBalancer", "ingress"});
  if (ingress && ingress->size() > 0) return;
  const std::string uid = get_str(*current, {"metadata", "uid"});
  auto it = lb_ready_at_.find(uid);
  if (it == lb_ready_at_.end()) {
    Rng& r = stream("ingress/" + key.str());
    it = lb_ready_at_.emplace(uid, now + Duration::millis(r.between(5000, 15000))).first;
  }
  if (now < it->second) {
    enqueue(Ctl::Ingress, key, it->second);
    return;
  }
  // One ingress controller per cluster, behind one load balancer address.
  Rng& r = stream("ingress-controller-ip");
  static_cast<void>(r);
  const std::string ip = "203.0.113." + std::to_string(2 + fnv1a64(name_) % 8);
  Node copy = *current;
  Node ing = Node::list();
  ing.push_back(string_map({{"ip", ip}}));
  ensure(copy, {"status", "loadBalancer", "ingress"}) = std::move(ing);
  store_update(key, std::move(copy), now, "ingress-controller");
}

void Cluster::reconcile_pvc(const ObjectKey& key, TimePoint now) {
  const Node* current = get(key);
  if (!current || get_str(*current, {"status", "phase"}) != "Pending") return;
  // storageClassName: "" asks for a pre-provisioned volume: none exists, it stays Pending.
  const Node* sc = current->get({"spec", "storageClassName"});
  if (sc && sc->is_scalar() && sc->text().empty()) return;
  const std::string uid = get_str(*current, {"metadata", "uid"});
  auto it = lb_ready_at_.find(uid);
  if (it == lb_ready_at_.end()) {
    Rng& r = stream("pvc/" + key.str());
    it = lb_ready_at_.emplace(uid, now + Duration::millis(r.between(1000, 3000))).first;
  }
  if (now < it->second) {
    enqueue(Ctl::Pvc, key, it->second);
    return;
  }
  Node copy = *current;
  set_str(copy, {"status", "phase"}, "Bound");
  if (const Node* modes = copy.get({"spec", "accessModes"})) ensure(copy, {"status", "accessModes"}) = *modes;
  if (const Node* req = copy.get({"spec", "resources", "requests", "storage"}))
    ensure(copy, {"status", "capacity", "storage"}) = *req;
  store_update(key, std::move(copy), now, "persistentvolume-controller");
}

// ---------------------------------------------------------------- namespace, gc

void Cluster::reconcile_namespace(const ObjectKey& key, TimePoint now) {
  const Node* ns = get(key);
  if (!ns || !ns->get({"metadata", "deletionTimestamp"})) return;
  std::vector<ObjectKey> contents;
  for (const auto& [k, v] : objects_) {
    if (k.ns == key.name) contents.push_back(k);
  }
  if (contents.empty()) {
    store_delete(key, now, "namespace-controller");
    return;
  }
  for (const auto& k : contents) request_deletion(k, now, "namespace-controller");
}

void Cluster::reconcile_gc(const std::string& uid, TimePoint now) {
  // Background cascade: dependents whose owners are all gone are deleted.
  std::vector<ObjectKey> orphans;
  auto deps = dependents_.find(uid);
  if (deps == dependents_.end()) return;
  for (const auto& [k, controller] : deps->second) {
    const Node* v = get(k);
    const Node* refs = v ? v->get({"metadata", "ownerReferences"}) : nullptr;
    if (!refs || !refs->is_list()) continue;
    bool owner_alive = false;
    for (const auto& r : refs->items()) {
      if (by_uid_.count(get_str(r, {"uid"}))) owner_alive = true;
    }
    if (!owner_alive) orphans.push_back(k);
  }
  for (const auto& k : orphans) request_deletion(k, now, "garbage-collector");
}

}  // namespace gs::cluster
