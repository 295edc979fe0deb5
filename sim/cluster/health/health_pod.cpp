// gitops-engine pkg/health/health_pod.go.
#include "sim/cluster/health/health_util.hpp"

namespace gs::cluster {

using namespace health_detail;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The message Argo CD takes from a failed container.
std::string fail_message(const model::Node& cs) {
  const model::Node* t = cs.get({"state", "terminated"});
  if (!t) return "";
  if (const std::string m = get_str(*t, {"message"}); !m.empty()) return m;
  if (get_str(*t, {"reason"}) == "OOMKilled") return "OOMKilled";
  if (const std::int64_t code = get_int(*t, {"exitCode"}); code != 0)
    return "container \"" + get_str(cs, {"name"}) + "\" failed with exit code " + std::to_string(code);
  return "";
}

}  // namespace

HealthStatus pod_health(const model::Node& pod) {
  // The API server defaults restartPolicy to Always; a hand-written object may omit it.
  const std::string policy = get_str(pod, {"spec", "restartPolicy"}, "Always");
  const bool ignore_policy =
      get_str(pod, {"metadata", "annotations", "argocd.argoproj.io/ignore-restart-policy"}) == "true" &&
      !pod.get({"metadata", "annotations", "argocd.argoproj.io/hook"});
  const model::Node* statuses = pod.get({"status", "containerStatuses"});
  if (policy == "Always" || ignore_policy) {
    std::string messages;
    bool degraded = false;
    if (statuses && statuses->is_list()) {
      for (const auto& cs : statuses->items()) {
        const model::Node* waiting = cs.get({"state", "waiting"});
        if (!waiting) continue;
        const std::string reason = get_str(*waiting, {"reason"});
        if (reason.rfind("Err", 0) == 0 || ends_with(reason, "Error") || ends_with(reason, "BackOff")) {
          if (degraded) messages += ", ";
          messages += get_str(*waiting, {"message"});
          degraded = true;
        }
      }
    }
    if (degraded) return {HealthCode::Degraded, messages};
  }
  const std::string message = get_str(pod, {"status", "message"});
  const std::string phase = get_str(pod, {"status", "phase"});
  if (phase == "Pending") return {HealthCode::Progressing, message};
  if (phase == "Succeeded") return {HealthCode::Healthy, message};
  if (phase == "Failed") {
    if (!message.empty()) return {HealthCode::Degraded, message};
    for (const char* list : {"initContainerStatuses", "containerStatuses"}) {
      const model::Node* l = pod.get({"status", list});
      if (!l || !l->is_list()) continue;
      for (const auto& cs : l->items()) {
        if (auto m = fail_message(cs); !m.empty()) return {HealthCode::Degraded, m};
      }
    }
    return {HealthCode::Degraded, ""};
  }
  if (phase == "Running") {
    if (policy == "Always") {
      const model::Node* ready = find_condition(pod, "Ready");
      if (ready && get_str(*ready, {"status"}) == "True") return {HealthCode::Healthy, message};
      if (statuses && statuses->is_list()) {
        for (const auto& cs : statuses->items()) {
          if (cs.get({"lastState", "terminated"})) return {HealthCode::Degraded, message};
        }
      }
      return {HealthCode::Progressing, message};
    }
    if (policy == "OnFailure" || policy == "Never") return {HealthCode::Progressing, message};
  }
  return {HealthCode::Unknown, message};
}

}  // namespace gs::cluster
