#include "sim/cluster/controllers/job_controller.hpp"

#include <algorithm>

#include "sim/cluster/controllers/pod_factory.hpp"
#include "sim/cluster/node_util.hpp"

namespace gs::cluster::detail {

using model::Node;

namespace {
constexpr const char* kByJobController = "job-controller";
}

struct JobController::Run {
  ObjectKey key;
  TimePoint now;
  Node job;
  std::string at;   // ts(now)
  std::string uid;
  JobSim* sim;
  Node conds;       // status.conditions, edited in place
  std::vector<ObjectKey> active;
  std::int64_t succeeded = 0, failed = 0, ready = 0;
  std::int64_t wake_ms = -1;  // a sentinel: g++ 12 warns maybe-uninitialized on std::optional here

  bool has_true(std::string_view type) const {
    for (const auto& c : conds.items()) {
      if (get_str(c, {"type"}) == type && get_str(c, {"status"}) == "True") return true;
    }
    return false;
  }
  // A condition changes only when its status does.
  void set(std::string_view type, std::string_view status, std::string_view reason, std::string_view message) {
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
  }
};

void JobController::count_pods(Run& run) const {
  for (const auto& p : store_.owned_by(run.key, "Pod")) {
    const Node& pod = *store_.get(p);
    const std::string phase = get_str(pod, {"status", "phase"});
    if (phase == "Succeeded") {
      ++run.succeeded;
    } else if (phase == "Failed") {
      ++run.failed;
    } else if (!pod.get({"metadata", "deletionTimestamp"})) {
      run.active.push_back(p);
      if (pod_ready(pod)) ++run.ready;
    }
  }
}

// BackoffLimitExceeded or DeadlineExceeded as (reason, message); sets the
// wakeup for a deadline still ahead.
std::optional<std::pair<std::string, std::string>> JobController::failure(Run& run) const {
  if (run.failed > get_int(run.job, {"spec", "backoffLimit"}, 6))
    return std::make_pair(std::string("BackoffLimitExceeded"), std::string("Job has reached the specified backoff limit"));
  auto ads = opt_int(run.job, {"spec", "activeDeadlineSeconds"});
  if (!ads) return std::nullopt;
  auto start = parse_rfc3339_utc(get_str(run.job, {"status", "startTime"}));
  if (!start) return std::nullopt;
  const TimePoint deadline = store_.time_at_epoch_s(*start + *ads);
  if (deadline <= run.now)
    return std::make_pair(std::string("DeadlineExceeded"), std::string("Job was active longer than specified deadline"));
  run.wake_ms = deadline.ms;
  return std::nullopt;
}

void JobController::start_pods(Run& run, std::int64_t want) {
  // Pod failure back-off: 10s doubling, capped at 6m, from the last failure.
  if (run.failed > 0 && run.sim->last_failure) {
    Duration d = Duration::seconds(10);
    for (std::int64_t i = 1; i < run.failed && d < Duration::minutes(6); ++i) d = d * 2;
    const TimePoint allowed = *run.sim->last_failure + std::min(d, Duration::minutes(6));
    if (allowed > run.now) {
      run.wake_ms = allowed.ms;
      return;
    }
  }
  const Node tmpl = run.job.get({"spec", "template"}) ? *run.job.get({"spec", "template"}) : Node::map();
  Rng& names = names_("pod-names/" + run.key.str());
  for (std::int64_t i = 0; i < want; ++i) {
    auto pod = create_pod(store_, *scheduler_, names,
                          PodRequest{run.job, run.key, tmpl, kByJobController,
                                     {{"batch.kubernetes.io/controller-uid", run.uid},
                                      {"batch.kubernetes.io/job-name", run.key.name},
                                      {"controller-uid", run.uid},
                                      {"job-name", run.key.name}}},
                          run.now);
    if (!pod) {
      store_.record_event(run.key, "Warning", "FailedCreate", "Error creating: " + pod.error().message, kByJobController, run.now);
      run.wake_ms = retry_.next_try(run.uid, run.now).ms;
      return;
    }
    run.active.push_back(*pod);
  }
  retry_.forget(run.uid);
}

// Neither complete nor failed yet, and not suspended.
void JobController::sync_active(Run& run) {
  if (run.has_true("Suspended")) run.set("Suspended", "False", "JobResumed", "Job resumed");
  if (!run.job.get({"status", "startTime"})) set_str(run.job, {"status", "startTime"}, run.at);
  const std::int64_t completions = get_int(run.job, {"spec", "completions"}, 1);
  const std::int64_t parallelism = get_int(run.job, {"spec", "parallelism"}, 1);
  if (auto fail = failure(run)) {
    for (const auto& p : run.active) store_.request_deletion(p, run.now, kByJobController);
    run.active.clear();
    run.ready = 0;
    run.set("FailureTarget", "True", fail->first, fail->second);
    run.set("Failed", "True", fail->first, fail->second);
    run.wake_ms = -1;
  } else if (run.succeeded >= completions) {
    run.set("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods");
    run.set("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods");
    set_str(run.job, {"status", "completionTime"}, run.at);
  } else {
    const std::int64_t want =
        std::min(parallelism, completions - run.succeeded) - static_cast<std::int64_t>(run.active.size());
    if (want > 0) start_pods(run, want);
  }
}

void JobController::write_status(Run& run) {
  Node status = Node::map();
  if (run.conds.size() > 0) status.set("conditions", run.conds);
  if (const Node* s = run.job.get({"status", "startTime"})) status.set("startTime", *s);
  if (const Node* s = run.job.get({"status", "completionTime"})) status.set("completionTime", *s);
  if (!run.active.empty()) status.set("active", Node::integer(static_cast<std::int64_t>(run.active.size())));
  if (run.succeeded) status.set("succeeded", Node::integer(run.succeeded));
  if (run.failed) status.set("failed", Node::integer(run.failed));
  status.set("ready", Node::integer(run.ready));
  status.set("terminating", Node::integer(0));
  status.set("uncountedTerminatedPods", Node::map());
  run.job.set("status", std::move(status));
  store_.update(run.key, std::move(run.job), run.now, kByJobController);
}

void JobController::reconcile(const ObjectKey& key, TimePoint now) {
  const Node* current = store_.get(key);
  if (!current || current->get({"metadata", "deletionTimestamp"})) return;
  Run run{key, now, *current, store_.ts(now), get_str(*current, {"metadata", "uid"}), nullptr, Node::list(), {}};
  run.sim = &jobs_[run.uid];
  if (const Node* c = run.job.get({"status", "conditions"})) run.conds = *c;
  const bool finished = run.has_true("Complete") || run.has_true("Failed");
  count_pods(run);
  if (run.failed > run.sim->seen_failed) {
    run.sim->seen_failed = run.failed;
    run.sim->last_failure = now;
  }
  if (!finished && get_bool(run.job, {"spec", "suspend"})) {
    for (const auto& p : run.active) store_.request_deletion(p, now, kByJobController);
    run.active.clear();
    run.ready = 0;
    run.set("Suspended", "True", "JobSuspended", "Job suspended");
  } else if (!finished) {
    sync_active(run);
  }
  const std::int64_t wake_ms = run.wake_ms;
  write_status(run);
  if (wake_ms >= 0) store_.requeue(key, TimePoint{wake_ms});
}

}  // namespace gs::cluster::detail
