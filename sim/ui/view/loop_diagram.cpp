#include "sim/ui/view/loop_diagram.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace gs::ui {

std::optional<float> progress(TimePoint now, const std::optional<TimePoint>& t0, Duration window) {
  if (!t0 || now < *t0 || window.ms <= 0) return std::nullopt;
  const float p = static_cast<float>(now.ms - t0->ms) / static_cast<float>(window.ms);
  if (p > 1) return std::nullopt;
  return p;
}

std::optional<TimePoint> latest(const std::optional<TimePoint>& a, const std::optional<TimePoint>& b) {
  if (b && (!a || *b > *a)) return b;
  return a;
}

std::string mmss(Duration d) {
  const std::int64_t s = std::max<std::int64_t>(0, (d.ms + 999) / 1000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  return buf;
}

bool LoopSummary::step_lit(int step) const {
  return step_count[step] > 0 && (step != 6 || step_count[6] == static_cast<int>(apps));
}

bool LoopSummary::selected_at(int step) const { return selected_phase && loop_step(*selected_phase) == step; }

LoopSummary summarize_loop(const std::vector<AppRow>& rows, int selected, TimePoint now) {
  LoopSummary sum;
  sum.apps = rows.size();
  sum.selected = selected;
  const AppRow* sel = selected >= 0 ? &rows[static_cast<std::size_t>(selected)] : nullptr;
  if (sel) sum.poll_every = sel->poll_interval;
  for (std::size_t i = 0; i < rows.size() && sum.poll_every.ms <= 0; ++i) sum.poll_every = rows[i].poll_interval;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AppRow& r = rows[i];
    const LoopPhase p = loop_phase(r.loop_inputs(now));
    ++sum.step_count[loop_step(p)];
    if (static_cast<int>(i) == selected) sum.selected_phase = p;
    sum.last_webhook = latest(sum.last_webhook, r.last_webhook);
    sum.last_watch = latest(sum.last_watch, r.last_watch);
    sum.last_commit = latest(sum.last_commit, r.last_commit);
    if (r.last_refresh && (!r.last_watch || *r.last_refresh != *r.last_watch)) {
      sum.last_fetch = latest(sum.last_fetch, r.last_refresh);
    }
  }
  if (sel && sel->next_poll.ms >= 0) sum.next_poll = sel->next_poll;
  if (!sum.next_poll) {
    for (const auto& r : rows) {
      if (r.next_poll.ms >= 0 && r.next_poll >= now && (!sum.next_poll || r.next_poll < *sum.next_poll)) {
        sum.next_poll = r.next_poll;
      }
    }
  }
  return sum;
}

std::vector<std::string> clusters_in_env_order(std::vector<std::string> names) {
  std::stable_sort(names.begin(), names.end(),
                   [](const std::string& a, const std::string& b) { return env_rank(a) < env_rank(b); });
  return names;
}

namespace {

// The gaps between the boxes, and where the cluster column starts.
struct Gaps {
  float poll, man, apply, clusters_x0;
};

// Short of room for the words: take it first from the cluster column (down
// to its widest name), then from the apply gap (down to its badge and label),
// then from the two arrows between the boxes (down to their labels), before
// any box title clips.
void give_room(const LoopMeasures& m, float clusters_x1, float short_by, Gaps& g) {
  const float s = m.scale, badge_r = kLoopBadgeRadius * s, pad_in = kLoopBoxPad * s;
  const float col_min = std::max(m.cluster_names_w + 2 * pad_in, 56 * s);
  const float take_col = std::clamp(clusters_x1 - g.clusters_x0 - col_min, 0.0f, short_by);
  g.clusters_x0 += take_col;
  short_by -= take_col;
  const float gap_min = std::max(2 * badge_r + 28 * s, m.apply_w + 16 * s);
  const float take_gap = std::clamp(g.apply - gap_min, 0.0f, std::max(0.0f, short_by));
  g.apply -= take_gap;
  short_by -= take_gap;
  const float poll_min = std::max(m.poll_w, 2 * badge_r) + 14 * s;
  const float take_poll = std::clamp(g.poll - poll_min, 0.0f, std::max(0.0f, short_by));
  g.poll -= take_poll;
  short_by -= take_poll;
  const float man_min = m.manifests_w + 12 * s;
  g.man -= std::clamp(g.man - man_min, 0.0f, std::max(0.0f, short_by));
}

// The three boxes' widths in `room`: their natural widths (a fraction of the
// row, or their words if wider) when there is room, shrinking towards what
// their titles need; still short, every box gives up the same share.
void box_widths(const float nat[3], const float need[3], float room, float bw[3]) {
  const float nat_sum = nat[0] + nat[1] + nat[2], need_sum = need[0] + need[1] + need[2];
  const float t = nat_sum > need_sum ? std::clamp((room - need_sum) / (nat_sum - need_sum), 0.0f, 1.0f) : 1.0f;
  for (int i = 0; i < 3; ++i) bw[i] = need[i] + (nat[i] - need[i]) * t;
  const float sum = bw[0] + bw[1] + bw[2];
  if (sum > room && room > 0) {
    for (int i = 0; i < 3; ++i) bw[i] *= room / sum;
  }
}

// Cluster boxes stacked in the column, centred, at most 30% of the height each.
std::vector<LoopRect> cluster_boxes(const LoopMeasures& m, float x0, float x1) {
  const float s = m.scale, H = m.height;
  const int nc = std::max<int>(1, static_cast<int>(m.clusters));
  const float top = m.y + H * 0.06f, bottom = m.y + H * 0.94f;
  const float gap = 8 * s;
  const float ch = std::min(H * 0.30f, (bottom - top - gap * static_cast<float>(nc - 1)) / static_cast<float>(nc));
  const float total = ch * static_cast<float>(nc) + gap * static_cast<float>(nc - 1);
  float y = m.y + (H - total) * 0.5f;
  std::vector<LoopRect> boxes;
  for (int i = 0; i < nc; ++i) {
    boxes.push_back(LoopRect{x0, y, x1, y + ch});
    y += ch + gap;
  }
  return boxes;
}

}  // namespace

namespace {

LoopLayout layout_with_pad(const LoopMeasures& m, float pad_in);

}  // namespace

LoopLayout layout_loop_diagram(const LoopMeasures& m) {
  // The boxes' usual inner padding; a row too short for their words tries
  // half of it before the words are cut (a 1024x768 window at A+).
  LoopLayout out = layout_with_pad(m, kLoopBoxPad * m.scale);
  if (out.short_of_words) out = layout_with_pad(m, kLoopBoxPad * m.scale * 0.5f);
  return out;
}

namespace {

LoopLayout layout_with_pad(const LoopMeasures& m, float pad_in) {
  const float s = m.scale, W = m.width, H = m.height;
  const float badge_r = kLoopBadgeRadius * s;
  LoopLayout out;
  out.pad = pad_in;
  out.dev_x = m.x + std::max(W * 0.025f, m.commit_w * 0.5f + 6 * s);
  const float ctl_rows_w = 2.8f * badge_r + m.ctl_steps_w;
  // Widths the boxes would have at the usual fractions, and what their
  // contents need; when the row is short, boxes shrink towards the latter.
  const float git_ax = std::max(m.x + W * 0.085f, out.dev_x + 40 * s);
  Gaps g{std::max({m.poll_w, 2 * badge_r, W * 0.09f}) + 8 * s, std::max(m.manifests_w + 20 * s, W * 0.09f),
         std::max(W * 0.11f, 70 * s), m.x + W * 0.835f};
  const float clusters_bx = m.x + W * 0.985f;
  // What each box's words take (its title, Git's repo names, the controller's steps).
  const float full[3] = {std::max(70 * s, m.repos_w + 2 * pad_in), std::max(m.repo_title_w, m.render_w) + 2 * pad_in,
                         std::max(m.ctl_title_w, ctl_rows_w) + 2 * pad_in};
  const float frac[3] = {W * 0.13f, W * 0.14f, W * 0.19f};
  // Boxes want their fraction of the row, or their words if wider. Short of
  // that, the contents (repo names, step rows) clip first; the titles are
  // the last thing to go.
  const float nat[3] = {std::max(frac[0], full[0]), std::max(frac[1], full[1]), std::max(frac[2], full[2])};
  const float need[3] = {std::max(56 * s, m.git_title_w + 2 * pad_in), m.repo_title_w + 2 * pad_in,
                         m.ctl_title_w + 2 * pad_in};
  const float short_by = nat[0] + nat[1] + nat[2] - (g.clusters_x0 - g.apply - git_ax - g.poll - g.man);
  if (short_by > 0) give_room(m, clusters_bx, short_by, g);
  const float room = g.clusters_x0 - g.apply - git_ax - g.poll - g.man;
  float bw[3];
  box_widths(nat, need, room, bw);
  for (int i = 0; i < 3; ++i) out.short_of_words = out.short_of_words || bw[i] + 0.5f < full[i];
  const float git_bx = git_ax + bw[0];
  const float repo_ax = git_bx + g.poll;
  const float repo_bx = repo_ax + bw[1];
  const float ctl_ax = repo_bx + g.man;
  out.git = LoopRect{git_ax, m.y + H * 0.12f, git_bx, m.y + H * 0.50f};
  out.repo = LoopRect{repo_ax, m.y + H * 0.12f, repo_bx, m.y + H * 0.50f};
  out.ctl = LoopRect{ctl_ax, m.y + H * 0.12f, std::max(ctl_ax + bw[2], g.clusters_x0 - g.apply), m.y + H * 0.72f};
  out.clusters = cluster_boxes(m, g.clusters_x0, clusters_bx);
  return out;
}

}  // namespace

LoopTokens plan_cluster_tokens(const std::vector<AppRow>& rows, const std::vector<std::string>& clusters,
                               std::size_t boxes, TimePoint now, Duration window) {
  LoopTokens out;
  out.applying.assign(boxes, 0);
  std::vector<int> watching(boxes, 0);
  for (const auto& r : rows) {
    std::size_t ci = 0;
    while (ci < clusters.size() && clusters[ci] != r.cluster) ++ci;
    if (ci >= boxes) ci = 0;
    std::optional<float> p;
    if (r.operation_running && r.last_sync_start) {
      // Loops while the operation runs (a long sync keeps moving).
      const std::int64_t span = std::max<std::int64_t>(window.ms, 1);
      p = static_cast<float>((now.ms - r.last_sync_start->ms) % span) / static_cast<float>(span);
    } else {
      p = progress(now, r.last_sync_start, window);
    }
    if (p && ++out.applying[ci] <= kTokensPerArrow) out.tokens.push_back(LoopToken{ci, false, *p});
    if (auto q = progress(now, r.last_watch, window); q && ++watching[ci] <= kTokensPerArrow) {
      out.tokens.push_back(LoopToken{ci, true, *q});
    }
  }
  return out;
}

}  // namespace gs::ui
