// What several controllers share: pod states as controllers read them,
// Kubernetes' template hash, conditions kept as the deployment controller
// keeps them (SetDeploymentCondition), and the work queue's retry back-off.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "sim/core/duration.hpp"
#include "sim/core/rng.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster::detail {

// rand.SafeEncodeString's alphabet: no vowels, no 0/1/3 (avoids words).
inline constexpr std::string_view kSafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";
inline constexpr std::string_view kHashLabel = "pod-template-hash";
inline constexpr std::string_view kRevisionLabel = "controller-revision-hash";

std::int64_t replicas_of(const model::Node& obj);  // spec.replicas, default 1
bool pod_ready(const model::Node& pod);
bool pod_terminal(const model::Node& pod);  // Succeeded or Failed
bool pod_active(const model::Node& pod);    // neither terminal nor terminating
std::string pod_revision(const model::Node& pod);  // controller-revision-hash

// Kubernetes' ComputeHash: FNV-32a of the template, printed in decimal and
// re-encoded in the safe alphabet (padded to 10 characters here).
std::string template_hash(const model::Node& tmpl, std::int64_t collision_count);
// The template without its pod-template-hash label.
model::Node without_hash(const model::Node& tmpl);

model::Node make_condition(std::string_view type, std::string_view status, const std::string& at,
                           std::string_view reason, std::string_view message, bool with_update_time);
void remove_condition(model::Node& conds, std::string_view type);
// SetDeploymentCondition: same status and reason is a no-op; same status
// keeps lastTransitionTime; the condition moves to the end.
void set_condition(model::Node& conds, model::Node cond);
const model::Node* condition_in(const model::Node& conds, std::string_view type);

// A delay drawn once per object (by uid), `lo_ms` to `hi_ms` after it was
// first asked for, from the object's own stream: a load balancer being
// provisioned, a volume being bound.
class Delays {
 public:
  TimePoint due(const std::string& uid, TimePoint now, Rng& stream, std::int64_t lo_ms, std::int64_t hi_ms);
  void forget(const std::string& uid) { due_.erase(uid); }

 private:
  std::map<std::string, TimePoint> due_;
};

// A controller's work queue retries a failed sync with per-item exponential
// back-off: 5ms doubling to 1000s (client-go's DefaultControllerRateLimiter);
// a sync that succeeds forgets the item.
class RetryBackoff {
 public:
  TimePoint next_try(const std::string& uid, TimePoint now);  // after one more failure
  void forget(const std::string& uid) { failures_.erase(uid); }

 private:
  std::map<std::string, int> failures_;
};

}  // namespace gs::cluster::detail
