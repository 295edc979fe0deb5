#include "sim/ui/view/loop_flux.hpp"

#include <algorithm>

#include "sim/flux/controller.hpp"

namespace gs::ui {

FluxTimers flux_timers(const flux::FluxController& f, const EventLog& log) {
  FluxTimers t;
  if (!f.sources().empty()) {
    const auto& s = *std::min_element(f.sources().begin(), f.sources().end(),
                                      [](const auto& a, const auto& b) { return a.spec.name < b.spec.name; });
    t.source = s.spec.name;
    t.fetch_every = s.spec.interval;
    t.next_fetch = s.next_run;
  }
  if (!f.kustomizations().empty()) {
    const auto& k = *std::min_element(f.kustomizations().begin(), f.kustomizations().end(),
                                      [](const auto& a, const auto& b) { return a.spec.name < b.spec.name; });
    t.kustomization = k.spec.name;
    t.run_every = k.spec.interval;
    t.next_run = k.next_run;
  }
  const auto& events = log.events();
  std::size_t seen = 0;
  for (auto it = events.rbegin(); it != events.rend() && seen < kFluxEventScan; ++it, ++seen) {
    if (!t.last_fetch && it->type == "SourceFetched") t.last_fetch = it->t;
    if (!t.last_apply && it->type == "ReconciliationSucceeded") t.last_apply = it->t;
    if (t.last_fetch && t.last_apply) break;
  }
  return t;
}

LoopTargets loop_targets(const std::vector<AppRow>& rows, const std::vector<std::string>& clusters,
                         const std::vector<std::string>& flux_apps, const std::vector<std::string>& flux_clusters) {
  LoopTargets out;
  for (const auto& c : clusters) {
    bool argo = false, any = false;
    for (const auto& r : rows) {
      if (r.cluster != c) continue;
      any = true;
      if (std::find(flux_apps.begin(), flux_apps.end(), r.name) == flux_apps.end()) argo = true;
    }
    const bool flux = std::find(flux_clusters.begin(), flux_clusters.end(), c) != flux_clusters.end();
    out.argo.push_back(argo || (!any && !flux));
    out.flux.push_back(flux);
  }
  return out;
}

FluxLane place_flux_lane(LoopLayout& lay, const LoopMeasures& m, float source_w, float kustomize_w) {
  const float H = m.height, s = m.scale, pad = lay.pad;
  // Argo CD keeps the upper part: its controller stops at 65% of the height
  // (room for its two steps); the lane takes the bottom third (a title and
  // one line).
  lay.ctl.y1 = std::min(lay.ctl.y1, m.y + H * 0.655f);
  const float y0 = m.y + H * 0.685f, y1 = m.y + H * 0.995f;
  FluxLane lane;
  lane.kustomize = LoopRect{lay.ctl.x0, y0, std::max(lay.ctl.x1, lay.ctl.x0 + kustomize_w + 2 * pad), y1};
  // The source box under the repo server, widened to its title to the left
  // (towards Git's column, never past Git's right edge plus a gap).
  const float want = source_w + 2 * pad;
  const float x1 = lay.repo.x1;
  const float x0 = std::max(lay.git.x1 + 12 * s, std::min(lay.repo.x0, x1 - want));
  lane.source = LoopRect{x0, y0, x1, y1};
  return lane;
}

std::string flux_every(Duration d) { return format_duration(d); }

}  // namespace gs::ui
