// The Loop view's Flux lane, worked out before anything is drawn (issue 12):
// when the world runs Flux, a second pulling agent sits under Argo CD's —
// Git → source-controller (fetches every GitRepository interval) →
// kustomize-controller (applies a new artifact at once, re-applies every
// Kustomization interval) → the clusters it runs in. Here: its two timers
// and recent activity, which cluster boxes each controller applies to, and
// where the lane's boxes go beside Argo CD's. No ImGui: panel_loop.cpp draws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/event.hpp"
#include "sim/ui/view/loop_diagram.hpp"

namespace gs::flux {
class FluxController;
}

namespace gs::ui {

// The first GitRepository's and Kustomization's timers (by name), and when
// Flux last stored an artifact and last applied something.
struct FluxTimers {
  Duration fetch_every, run_every;
  std::optional<TimePoint> next_fetch, next_run;
  std::optional<TimePoint> last_fetch, last_apply;
  std::string source, kustomization;  // their names
};

// `log`: the newest events are searched, at most kFluxEventScan of them.
inline constexpr std::size_t kFluxEventScan = 2000;
FluxTimers flux_timers(const flux::FluxController& f, const EventLog& log);

// Per cluster box (in `clusters` order): whether Argo CD applies there (an
// app that is not a Flux Kustomization deploys there, or no app does and
// Flux does not run there) and whether Flux does.
struct LoopTargets {
  std::vector<bool> argo, flux;
};
LoopTargets loop_targets(const std::vector<AppRow>& rows, const std::vector<std::string>& clusters,
                         const std::vector<std::string>& flux_apps, const std::vector<std::string>& flux_clusters);

// The lane under Argo CD's: the controller box stops above it, and the two
// Flux boxes stand under the repo server and the controller, at least as
// wide as their titles (`source_w`, `kustomize_w`, in the title font).
struct FluxLane {
  LoopRect source, kustomize;
};
FluxLane place_flux_lane(LoopLayout& lay, const LoopMeasures& m, float source_w, float kustomize_w);

// An interval as the diagram writes it: 1m, 10m, 1h30m.
std::string flux_every(Duration d);

}  // namespace gs::ui
