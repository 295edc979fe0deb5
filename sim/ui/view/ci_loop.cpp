#include "sim/ui/view/ci_loop.hpp"

#include <algorithm>
#include <set>

#include "sim/ci/ci_system.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {

CiLoopFacts ci_loop_facts(const world::World& w) {
  CiLoopFacts f;
  const auto* ci = w.reconciler<ci::CiSystem>();
  if (!ci) return f;
  f.automation = ci->has_image_automation();
  f.push = ci->has_push_pipelines();
  std::set<std::string> held;
  for (const auto& p : ci->pipeline_rows()) {
    for (const auto& c : p.kubeconfig) held.insert(c);
    // "prod=Succeeded staging=Unreachable": the last run's word per cluster.
    std::size_t at = 0;
    while (at < p.last_result.size()) {
      const auto sp = p.last_result.find(' ', at);
      const std::string item = p.last_result.substr(at, sp == std::string::npos ? std::string::npos : sp - at);
      const auto eq = item.find('=');
      if (eq != std::string::npos) {
        const std::string res = item.substr(eq + 1);
        f.missed[item.substr(0, eq)] = res == "Unreachable" || res == "Failed";
      }
      if (sp == std::string::npos) break;
      at = sp + 1;
    }
  }
  f.push_clusters.assign(held.begin(), held.end());
  f.last_build = ci->last_build_at();
  f.last_deploy = ci->last_deploy_at();
  for (const auto& a : ci->automation_rows()) f.last_write_back = latest(f.last_write_back, a.last_push_time);
  return f;
}

float ci_strip_height(const CiLoopFacts& f, float line, float scale) {
  return f.any() ? line + 12 * scale : 0;
}

float diagram_height_with_ci(float diagram_h, float strip_h, float most) {
  return std::max(diagram_h, std::min(diagram_h + strip_h, most));
}

CiStripLayout layout_ci_strip(const CiLoopFacts& f, const CiStripWords& words, const LoopMeasures& frame,
                              const LoopLayout& lay, const std::vector<std::string>& clusters) {
  CiStripLayout out;
  const float s = frame.scale;
  out.height = ci_strip_height(f, words.line, s);
  if (!f.any()) return out;
  const float bottom = frame.y + frame.height - 4 * s;
  const float top = bottom - words.line - 6 * s;
  const float pad = 8 * s, gap = 34 * s;
  float x = frame.x + 10 * s;
  auto take = [&](float w) {
    LoopRect r{x, top, x + w + 2 * pad, bottom};
    x = r.x1 + gap;
    return r;
  };
  if (f.automation) {
    out.has_bot = true;
    out.bot = take(words.bot_w);
    // Into Git's bottom edge, above the bot where that is inside Git.
    const float mid = (out.bot.x0 + out.bot.x1) * 0.5f;
    out.write_back_x = std::clamp(mid, lay.git.x0 + 12 * s, lay.git.x1 - 12 * s);
  }
  out.has_registry = true;
  out.registry = take(words.registry_w);
  out.ci = take(words.ci_w);
  if (f.push && !lay.clusters.empty()) {
    out.has_push = true;
    out.lane_y = (top + bottom) * 0.5f;
    // Right of the cluster column, outside it, clear of Argo CD's arrows on its left.
    const float right = frame.x + frame.width;
    out.trunk_x = std::min(lay.clusters.front().x1 + 10 * s, (lay.clusters.front().x1 + right) * 0.5f);
    for (std::size_t i = 0; i < clusters.size() && i < lay.clusters.size(); ++i) {
      if (!std::binary_search(f.push_clusters.begin(), f.push_clusters.end(), clusters[i])) continue;
      const LoopRect& r = lay.clusters[i];
      const float y = (r.y0 + r.y1) * 0.5f;
      auto missed = f.missed.find(clusters[i]);
      out.branches.push_back({i, y, missed != f.missed.end() && missed->second});
    }
  }
  return out;
}

}  // namespace gs::ui
