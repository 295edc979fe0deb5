// Resource tracking: how Argo CD marks the objects an app owns and reads the
// mark back (argo-cd util/argo/resource_tracking.go, controller/state.go
// NormalizeTargetObjects). Label tracking writes app.kubernetes.io/instance;
// annotation tracking (the argocd-3 profile) writes
// argocd.argoproj.io/tracking-id: <app>:<group>/<Kind>:<namespace>/<name>.
#pragma once

#include <string>
#include <vector>

#include "sim/gitops/application.hpp"
#include "sim/model/node.hpp"

namespace gs::gitops {

inline constexpr const char* kInstanceLabel = "app.kubernetes.io/instance";
inline constexpr const char* kTrackingIdAnnotation = "argocd.argoproj.io/tracking-id";

enum class TrackingMethod { Label, Annotation };

// The app a live object's tracking metadata names, "" for none. A tracking-id
// that describes another object (copied by some tool) tracks nothing: never
// pruned, no sync status.
std::string tracking_app_of(const model::Node& live, TrackingMethod method);

// Desired objects as the controller compares and applies them: the
// destination namespace filled in on namespaced objects without one, the
// tracking metadata set, sorted by resource key so everything downstream
// runs in one order.
std::vector<model::Node> normalize_targets(const Application& app, const std::vector<model::Node>& objects,
                                           TrackingMethod method);

}  // namespace gs::gitops
