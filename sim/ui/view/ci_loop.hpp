// The Loop view's CI strip, worked out before anything is drawn: when the
// scenario has a `ci:` section, a strip along the bottom of the diagram holds
// the actors outside the GitOps agent — the image bot (its write-back arrow
// up into Git), the registry (the bot scans it) and the CI (it pushes
// images; a push pipeline's arrow runs from it, outside every cluster, to
// each cluster its kubeconfig holds, red where the last deploy did not land).
// No ImGui here: panel_loop.cpp measures the words, calls these, and draws.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/ui/view/loop_diagram.hpp"

namespace gs::world {
class World;
}

namespace gs::ui {

struct CiLoopFacts {
  bool automation = false;  // image automations: the bot and the registry it scans
  bool push = false;        // push pipelines: the push arrow to their clusters
  std::vector<std::string> push_clusters;          // held by some pipeline's kubeconfig, sorted
  std::map<std::string, bool> missed;              // cluster -> its last push deploy did not land
  std::optional<TimePoint> last_build, last_write_back, last_deploy;
  bool any() const { return automation || push; }
};

CiLoopFacts ci_loop_facts(const world::World& w);

// What the strip's words measure (the panel measures them).
struct CiStripWords {
  float registry_w = 0, bot_w = 0, ci_w = 0;  // box titles
  float line = 0;                              // a text line's height
};

struct CiStripLayout {
  float height = 0;  // the strip, taken from the bottom of the diagram's frame
  LoopRect bot, registry, ci;
  bool has_bot = false, has_registry = false;
  // The bot's write-back: up from the bot into Git's bottom edge at this x.
  float write_back_x = 0;
  // The push: along `lane_y` from the CI box to `trunk_x`, right of the
  // cluster column (outside it), then left into each branch's cluster box
  // (index into the diagram's cluster boxes) at its y.
  bool has_push = false;
  float lane_y = 0, trunk_x = 0;
  struct Branch {
    std::size_t cluster = 0;
    float y = 0;
    bool missed = false;
  };
  std::vector<Branch> branches;
};

// The strip's height for a frame of this scale and line height (0 without CI).
float ci_strip_height(const CiLoopFacts& f, float line, float scale);

// The diagram's height with the strip added, but no more than `most` (what
// leaves the app rows their room): the loop keeps its size at 1280x720.
float diagram_height_with_ci(float diagram_h, float strip_h, float most);

// Boxes under the diagram laid out by layout_loop_diagram (with the frame's
// height less the strip), left to right: bot, registry, CI.
CiStripLayout layout_ci_strip(const CiLoopFacts& f, const CiStripWords& words, const LoopMeasures& frame,
                              const LoopLayout& lay, const std::vector<std::string>& clusters);

}  // namespace gs::ui
