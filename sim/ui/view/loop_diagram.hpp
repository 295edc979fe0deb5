// The Loop view's numbers, worked out before anything is drawn: how many apps
// stand at each of the lecture's steps (and so which step is lit), the poll
// the countdown ring counts to, the latest webhook / watch / fetch / commit
// for the flashes, where the boxes of the diagram go (Git, repo server,
// application controller, one box per cluster) given what their words
// measure, and which tokens travel the apply and status arrows. No ImGui
// here: the panel measures text, calls these, and only draws; tests/ui checks
// the rules.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/ui/view/app_rows.hpp"
#include "sim/ui/view/loop_phase.hpp"

namespace gs::ui {

// 0..1 progress of something that started at `t0` and lasts `window`; nullopt when outside.
std::optional<float> progress(TimePoint now, const std::optional<TimePoint>& t0, Duration window);
// The later of two moments, either of which may be missing.
std::optional<TimePoint> latest(const std::optional<TimePoint>& a, const std::optional<TimePoint>& b);
// "m:ss" for a countdown, rounded up to the second, never below 0:00.
std::string mmss(Duration d);

// [SECTION] Steps, the selected app, the countdown, recent activity.
struct LoopSummary {
  int step_count[7] = {};  // apps at each step 1..6 (index 0 unused)
  std::size_t apps = 0;
  int selected = -1;  // row of the selected app, -1: none
  int pointed_step = 0;  // a step pointed at from outside the loop (a lesson step passed there); 0 none
  std::optional<LoopPhase> selected_phase;
  Duration poll_every;                 // the selected app's poll interval, else the first app's that polls
  std::optional<TimePoint> next_poll;  // the selected app's next poll, else the soonest still to come
  // The latest of any app: webhook, watch event, fetch (a refresh that was
  // not a watch event) and commit on its tracked branch.
  std::optional<TimePoint> last_webhook, last_watch, last_fetch, last_commit;

  // A step is lit while some app stands at it; step 6 (watching) only when every app does.
  bool step_lit(int step) const;
  // The selected app stands at this step.
  bool selected_at(int step) const;
};

LoopSummary summarize_loop(const std::vector<AppRow>& rows, int selected, TimePoint now);

// Cluster names top to bottom in the order a class reads them (dev, staging,
// prod), as the Environments board has its columns.
std::vector<std::string> clusters_in_env_order(std::vector<std::string> names);

// [SECTION] Where the diagram's boxes go.
struct LoopRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// What the diagram's frame is and what its words measure (the panel measures
// them in its fonts; titles and cluster names in the title font).
struct LoopMeasures {
  float x = 0, y = 0, width = 0, height = 0;  // the diagram's frame on screen
  float scale = 1;
  float commit_w = 0, poll_w = 0, manifests_w = 0, apply_w = 0;  // the arrows' labels
  float git_title_w = 0, repo_title_w = 0, ctl_title_w = 0;
  float ctl_steps_w = 0;      // the wider of the controller's two step lines
  float repos_w = 0;          // the widest repository name
  float render_w = 0;         // the repo server's "render (kustomize)", its wider word (it wraps)
  float cluster_names_w = 0;  // the widest cluster name
  std::size_t clusters = 0;
};

struct LoopLayout {
  float dev_x = 0;  // the developer who commits, left of Git
  LoopRect git, repo, ctl;
  std::vector<LoopRect> clusters;  // at least one, top to bottom
  float pad = 0;                   // the boxes' inner padding (less when the row is short)
  bool short_of_words = false;     // a box narrower than its words even so
};

// Step badges' radius and the boxes' inner padding, times the UI scale.
inline constexpr float kLoopBadgeRadius = 13;
inline constexpr float kLoopBoxPad = 8;

// Boxes at fixed fractions of the width, except that the arrows' labels
// ("commit", "poll", "manifests") get the room they need: at 1280x720 or in
// Korean the boxes narrow rather than the labels running into them.
LoopLayout layout_loop_diagram(const LoopMeasures& m);

// [SECTION] Tokens on the apply and status arrows.
// At most a few tokens per arrow (150 apps syncing at once would be one blur,
// and each token is rasterised in software); a count says the rest.
inline constexpr int kTokensPerArrow = 3;

struct LoopToken {
  std::size_t cluster = 0;  // which cluster box's arrow
  bool status = false;      // coming back (a watch event), else a sync applying
  float t = 0;              // 0..1 along the arrow, before easing
};

struct LoopTokens {
  std::vector<LoopToken> tokens;  // in the order they are drawn
  std::vector<int> applying;      // per cluster box: apps applying, drawn or not
};

// A sync's token loops along the apply arrow while its operation runs (a long
// sync keeps moving), else runs once after it started; a watch event's runs
// once back. An app on no known cluster uses the first box.
LoopTokens plan_cluster_tokens(const std::vector<AppRow>& rows, const std::vector<std::string>& clusters,
                               std::size_t boxes, TimePoint now, Duration window);

}  // namespace gs::ui
