// Loop view: the reconciliation loop as a diagram — Git → repo server →
// application controller → clusters → health back — with the lecture's step
// numbers lit by the apps in each step, a countdown ring to the next poll,
// flashes when a webhook or a watch event arrives and a token travelling
// along the apply arrow during a sync. Every animation reads virtual time, so
// it slows, speeds up and freezes with the clock. Below it, one row per app.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/widgets.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

struct Box {
  ImVec2 a, b;
  ImVec2 center() const { return ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f); }
  float w() const { return b.x - a.x; }
  float h() const { return b.y - a.y; }
};

// 0..1 progress of something that started at `t0` and lasts `window`; nullopt when outside.
std::optional<float> progress(TimePoint now, const std::optional<TimePoint>& t0, Duration window) {
  if (!t0 || now < *t0 || window.ms <= 0) return std::nullopt;
  const float p = static_cast<float>(now.ms - t0->ms) / static_cast<float>(window.ms);
  if (p > 1) return std::nullopt;
  return p;
}

ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }

void draw_box(ImDrawList* dl, const Box& b, const Theme& th, Color border, float flash, float rounding, float thick) {
  dl->AddRectFilled(b.a, b.b, th.node_fill, rounding);
  if (flash > 0) {
    dl->AddRectFilled(b.a, b.b, with_alpha(th.flash, 0.35f * flash), rounding);
    dl->AddRect(ImVec2(b.a.x - 4 * flash, b.a.y - 4 * flash), ImVec2(b.b.x + 4 * flash, b.b.y + 4 * flash),
                with_alpha(th.flash, flash), rounding + 3, 0, thick * 1.5f);
  }
  dl->AddRect(b.a, b.b, border, rounding, 0, thick);
}

void token(ImDrawList* dl, ImVec2 p, float r, Color c) {
  dl->AddCircleFilled(p, r * 1.8f, with_alpha(c, 0.25f));
  dl->AddCircleFilled(p, r, c);
  dl->AddCircle(p, r, rgb(0xFFFFFF), 0, 1.5f);
}

std::string mmss(Duration d) {
  const std::int64_t s = std::max<std::int64_t>(0, (d.ms + 999) / 1000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  return buf;
}

}  // namespace

void draw_loop_panel(FrameContext& ctx, LoopPanelState& st) {
  (void)st;
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const TimePoint now = ctx.now();
  const auto& rows = ctx.prepared.apps.rows();
  const world::World& w = ctx.session.world();
  const Duration flash_window = ctx.visible_window(Duration::seconds(2), 0.9);
  const Duration token_window = ctx.visible_window(Duration::millis(1500), 1.1);
  const float spin = static_cast<float>(now.ms % 1000) / 1000.0f;

  // Per step: how many apps are in it; the selected app's phase.
  int step_count[7] = {};
  int sel = ctx.prepared.apps.index_of(ctx.selection.app);
  // How often the selected app polls (else the first that polls), for the countdown ring.
  Duration poll_every;
  if (sel >= 0) poll_every = rows[static_cast<std::size_t>(sel)].poll_interval;
  for (std::size_t i = 0; i < rows.size() && poll_every.ms <= 0; ++i) poll_every = rows[i].poll_interval;
  std::optional<LoopPhase> sel_phase;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const LoopPhase p = loop_phase(rows[i].loop_inputs(now));
    ++step_count[loop_step(p)];
    if (static_cast<int>(i) == sel) sel_phase = p;
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Hard edges, as everywhere (theme.cpp): anti-aliasing would add a fringe
  // to every shape, a third more triangles for the software rasteriser.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float diagram_h = std::clamp(avail.y * 0.60f, 200.0f * s, 380.0f * s);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float W = avail.x, H = diagram_h;
  // Framed, not filled: a filled backdrop under the boxes would have the
  // software rasteriser paint a sixth of the screen twice.
  dl->AddRect(o, ImVec2(o.x + W, o.y + H), th.border, 8 * s, 0, 1.0f);

  const float thick = (th.high_contrast ? 3.0f : 2.2f) * s;
  const float rounding = 8 * s;
  const float badge_r = 13 * s;
  // Boxes at fixed fractions of the width, except that the arrows' labels
  // ("commit", "poll", "manifests") get the room they need: at 1280x720 or in
  // Korean the boxes narrow rather than the labels running into them.
  const float commit_w = ImGui::CalcTextSize(ctx.tr("loop.commit")).x;
  const float poll_w = ImGui::CalcTextSize(ctx.tr("loop.poll")).x;
  const float manifests_w = ImGui::CalcTextSize(ctx.tr("loop.manifests")).x;
  const float dev_x = o.x + std::max(W * 0.025f, commit_w * 0.5f + 6 * s);
  const float pad_in = 8 * s;
  ImGui::PushFont(ctx.fonts.title);
  const float git_title_w = ImGui::CalcTextSize("Git").x;
  const float repo_title_w = ImGui::CalcTextSize(ctx.tr("loop.repo_server")).x;
  const float ctl_title_w = ImGui::CalcTextSize(ctx.tr("loop.controller")).x;
  ImGui::PopFont();
  const float ctl_rows_w = 2.8f * badge_r + std::max(ImGui::CalcTextSize(ctx.tr("loop.detect")).x,
                                                    ImGui::CalcTextSize(ctx.tr("loop.compare_sync")).x);
  // Widths the boxes would have at the usual fractions, and what their
  // contents need; when the row is short, boxes shrink towards the latter.
  const float git_ax = std::max(o.x + W * 0.085f, dev_x + 40 * s);
  float gap_poll = std::max({poll_w, 2 * badge_r, W * 0.09f}) + 8 * s;
  float gap_man = std::max(manifests_w + 20 * s, W * 0.09f);
  float gap_apply = std::max(W * 0.11f, 70 * s);
  float clusters_ax = o.x + W * 0.835f;
  const float clusters_bx = o.x + W * 0.985f;
  // Clusters top to bottom in the order a class reads them (dev, staging,
  // prod), as the Environments board has its columns.
  std::vector<std::string> clusters;
  for (const auto& c : w.clusters()) clusters.push_back(c.name);
  std::stable_sort(clusters.begin(), clusters.end(),
                   [](const std::string& a, const std::string& b) { return env_rank(a) < env_rank(b); });
  float repos_w = 0;
  for (const auto& r : w.repos()) repos_w = std::max(repos_w, ImGui::CalcTextSize(r.name.c_str()).x);
  // What each box's words take (its title, Git's repo names, the controller's steps).
  const float full[3] = {std::max(70 * s, repos_w + 2 * pad_in), repo_title_w + 2 * pad_in,
                         std::max(ctl_title_w, ctl_rows_w) + 2 * pad_in};
  const float frac[3] = {W * 0.13f, W * 0.14f, W * 0.19f};
  // Boxes want their fraction of the row, or their words if wider. Short of
  // that, the contents (repo names, step rows) clip first; the titles are
  // the last thing to go.
  const float nat[3] = {std::max(frac[0], full[0]), std::max(frac[1], full[1]), std::max(frac[2], full[2])};
  const float need[3] = {std::max(56 * s, git_title_w + 2 * pad_in), repo_title_w + 2 * pad_in,
                         ctl_title_w + 2 * pad_in};
  {
    // Short of room for the words: take it first from the cluster column
    // (down to its widest name) and then from the apply gap (down to its
    // badge and label), before any box title clips.
    float short_by = nat[0] + nat[1] + nat[2] - (clusters_ax - gap_apply - git_ax - gap_poll - gap_man);
    if (short_by > 0) {
      ImGui::PushFont(ctx.fonts.title);
      float names_w = 0;
      for (const auto& c : clusters) names_w = std::max(names_w, ImGui::CalcTextSize(c.c_str()).x);
      ImGui::PopFont();
      const float col_min = std::max(names_w + 2 * pad_in, 56 * s);
      const float take_col = std::clamp(clusters_bx - clusters_ax - col_min, 0.0f, short_by);
      clusters_ax += take_col;
      short_by -= take_col;
      const float gap_min = std::max(2 * badge_r + 28 * s, ImGui::CalcTextSize(ctx.tr("loop.apply")).x + 16 * s);
      const float take_gap = std::clamp(gap_apply - gap_min, 0.0f, std::max(0.0f, short_by));
      gap_apply -= take_gap;
      short_by -= take_gap;
      // Then the two arrows between the boxes, down to their labels.
      const float poll_min = std::max(poll_w, 2 * badge_r) + 14 * s;
      const float take_poll = std::clamp(gap_poll - poll_min, 0.0f, std::max(0.0f, short_by));
      gap_poll -= take_poll;
      short_by -= take_poll;
      const float man_min = manifests_w + 12 * s;
      gap_man -= std::clamp(gap_man - man_min, 0.0f, std::max(0.0f, short_by));
    }
  }
  const float room = clusters_ax - gap_apply - git_ax - gap_poll - gap_man;
  float bw[3];
  {
    const float nat_sum = nat[0] + nat[1] + nat[2], need_sum = need[0] + need[1] + need[2];
    const float t = nat_sum > need_sum ? std::clamp((room - need_sum) / (nat_sum - need_sum), 0.0f, 1.0f) : 1.0f;
    for (int i = 0; i < 3; ++i) bw[i] = need[i] + (nat[i] - need[i]) * t;
    // Still short: every box gives up the same share.
    const float sum = bw[0] + bw[1] + bw[2];
    if (sum > room && room > 0) {
      for (float& b : bw) b *= room / sum;
    }
  }
  const float git_bx = git_ax + bw[0];
  const float repo_ax = git_bx + gap_poll;
  const float repo_bx = repo_ax + bw[1];
  const float ctl_ax = repo_bx + gap_man;
  const Box git{ImVec2(git_ax, o.y + H * 0.12f), ImVec2(git_bx, o.y + H * 0.50f)};
  const Box repo{ImVec2(repo_ax, o.y + H * 0.12f), ImVec2(repo_bx, o.y + H * 0.50f)};
  const Box ctl{ImVec2(ctl_ax, o.y + H * 0.12f), ImVec2(std::max(ctl_ax + bw[2], clusters_ax - gap_apply), o.y + H * 0.72f)};
  const int nc = std::max<int>(1, static_cast<int>(clusters.size()));
  std::vector<Box> cboxes;
  {
    const float top = o.y + H * 0.06f, bottom = o.y + H * 0.94f;
    const float gap = 8 * s;
    const float ch = std::min(H * 0.30f, (bottom - top - gap * static_cast<float>(nc - 1)) / static_cast<float>(nc));
    const float total = ch * static_cast<float>(nc) + gap * static_cast<float>(nc - 1);
    float y = o.y + (H - total) * 0.5f;
    for (int i = 0; i < nc; ++i) {
      cboxes.push_back(Box{ImVec2(clusters_ax, y), ImVec2(clusters_bx, y + ch)});
      y += ch + gap;
    }
  }

  // Recent activity (any app), for flashes and tokens.
  std::optional<TimePoint> any_webhook, any_watch, any_fetch, any_commit;
  auto newer = [](std::optional<TimePoint>& a, const std::optional<TimePoint>& b) {
    if (b && (!a || *b > *a)) a = b;
  };
  for (const auto& r : rows) {
    newer(any_webhook, r.last_webhook);
    newer(any_watch, r.last_watch);
    newer(any_commit, r.last_commit);
    if (r.last_refresh && (!r.last_watch || *r.last_refresh != *r.last_watch)) newer(any_fetch, r.last_refresh);
  }
  const float webhook_flash = 1.0f - ease_out(progress(now, any_webhook, flash_window).value_or(1.0f));
  const float watch_flash = 1.0f - ease_out(progress(now, any_watch, flash_window).value_or(1.0f));

  auto step_active = [&](int n) { return step_count[n] > 0 && (n != 6 || step_count[6] == static_cast<int>(rows.size())); };
  auto step_colour = [&](int n, Color on) { return step_active(n) ? on : th.arrow; };
  const float pulse = 0.5f + 0.5f * std::sin(static_cast<float>(now.ms % 2000) / 2000.0f * 6.2831853f);
  ImFont* bold = ctx.fonts.title;

  auto badge = [&](ImVec2 c, int n, Color on) {
    const bool act = step_active(n);
    const bool mine = sel_phase && loop_step(*sel_phase) == n;
    if (mine) dl->AddCircle(c, badge_r + (4 + 3 * pulse) * s, with_alpha(on, 0.9f), 24, 2.5f * s);
    draw_step_badge(dl, c, badge_r, n, act ? on : mix(th.panel_alt, th.arrow, 0.8f), act ? text_on(on) : th.text, bold);
    if (step_count[n] > 0 && rows.size() > 1) {
      // How many apps are at this step: a small bubble on the badge's
      // shoulder, clear of the words beside it.
      char buf[16];
      std::snprintf(buf, sizeof buf, "%d", step_count[n]);
      const float fs = ImGui::GetFontSize() * 0.72f;
      const ImVec2 ts = bold->CalcTextSizeA(fs, 1e9f, 0, buf);
      const float bh = fs + 2 * s, bub_w = std::max(bh, ts.x + 6 * s);
      const ImVec2 bc(c.x + badge_r * 0.75f, c.y - badge_r * 0.8f);
      const ImVec2 b0(bc.x - bub_w * 0.5f, bc.y - bh * 0.5f), b1(bc.x + bub_w * 0.5f, bc.y + bh * 0.5f);
      dl->AddRectFilled(b0, b1, th.panel, bh * 0.5f);
      dl->AddRect(b0, b1, act ? on : th.arrow, bh * 0.5f, 0, 1.2f * s);
      dl->AddText(bold, fs, ImVec2(bc.x - ts.x * 0.5f, bc.y - ts.y * 0.5f), th.text, buf);
    }
  };
  auto label = [&](ImVec2 p, const char* text, Color col, bool centered = true) {
    const ImVec2 ts = ImGui::CalcTextSize(text);
    dl->AddText(ImVec2(centered ? p.x - ts.x * 0.5f : p.x, p.y), col, text);
  };

  // ① commit: a developer pushes to Git.
  const ImVec2 dev(dev_x, git.center().y);
  dl->AddCircleFilled(ImVec2(dev.x, dev.y - 10 * s), 7 * s, th.text_dim, 16);
  dl->PathArcTo(ImVec2(dev.x, dev.y + 10 * s), 11 * s, 3.14159f, 6.28318f, 12);
  dl->PathFillConvex(th.text_dim);
  const Color c1 = phase_color(LoopPhase::Committed);
  draw_arrow(dl, ImVec2(dev.x + 12 * s, dev.y), ImVec2(git.a.x - 4 * s, dev.y), step_colour(1, c1), thick, 10 * s);
  badge(ImVec2((dev.x + git.a.x) * 0.5f + 2 * s, dev.y - 24 * s), 1, c1);
  label(ImVec2(dev.x, dev.y + 24 * s), ctx.tr("loop.commit"), th.text_dim);

  // ② poll: the repo server fetches and renders; a webhook makes it now.
  const Color c2 = phase_color(LoopPhase::Refreshing);
  const float ay = git.center().y;
  draw_arrow(dl, ImVec2(git.b.x + 4 * s, ay), ImVec2(repo.a.x - 4 * s, ay), step_colour(2, c2), thick, 10 * s);
  badge(ImVec2((git.b.x + repo.a.x) * 0.5f, ay - 24 * s), 2, c2);
  label(ImVec2((git.b.x + repo.a.x) * 0.5f, ay + 8 * s), ctx.tr("loop.poll"), th.text_dim);
  // Manifests to the controller.
  draw_arrow(dl, ImVec2(repo.b.x + 4 * s, ay), ImVec2(ctl.a.x - 4 * s, ay), step_colour(2, c2), thick, 10 * s);
  label(ImVec2((repo.b.x + ctl.a.x) * 0.5f, ay + 8 * s), ctx.tr("loop.manifests"), th.text_dim);

  // ④ apply and ⑤ status, per cluster.
  const Color c4 = phase_color(LoopPhase::Syncing);
  const Color c5 = argo::kGreen;
  for (std::size_t i = 0; i < cboxes.size(); ++i) {
    const Box& cb = cboxes[i];
    const ImVec2 from(ctl.b.x + 4 * s, ctl.center().y - ctl.h() * 0.18f);
    const ImVec2 to(cb.a.x - 4 * s, cb.center().y - cb.h() * 0.15f);
    draw_arrow(dl, from, to, step_colour(4, c4), thick, 10 * s);
    const ImVec2 back_from(cb.a.x - 4 * s, cb.center().y + cb.h() * 0.2f);
    const ImVec2 back_to(ctl.b.x + 4 * s, ctl.center().y + ctl.h() * 0.22f);
    draw_arrow(dl, back_from, back_to, mix(step_colour(5, c5), th.flash, watch_flash), thick + 2 * watch_flash * s,
               10 * s);
  }
  const float ax = (ctl.b.x + cboxes.front().a.x) * 0.5f;
  badge(ImVec2(ax, ctl.a.y - 2 * s), 4, c4);
  label(ImVec2(ax, ctl.a.y + 12 * s), ctx.tr("loop.apply"), th.text_dim);
  badge(ImVec2(ax, ctl.b.y + 4 * s), 5, c5);
  {
    // Under the controller there is room to the left; never into a cluster box.
    const char* status_text = ctx.tr("loop.status");
    const float tw = ImGui::CalcTextSize(status_text).x;
    label(ImVec2(std::min(ax - tw * 0.5f, cboxes.front().a.x - 6 * s - tw), ctl.b.y + 18 * s), status_text,
          th.text_dim, false);
  }

  // Boxes on top of the arrows.
  draw_box(dl, git, th, th.node_border, webhook_flash, rounding, thick);
  draw_box(dl, repo, th, th.node_border, 0, rounding, thick);
  draw_box(dl, ctl, th, th.node_border, watch_flash * 0.6f, rounding, thick);
  const float pad = 8 * s;
  auto box_title = [&](const Box& b, const char* t) {
    ImGui::PushFont(bold);
    text_clipped(dl, ImVec2(b.a.x + pad, b.a.y + pad * 0.6f), th.text, t, b.w() - 2 * pad);
    ImGui::PopFont();
  };
  box_title(git, "Git");
  box_title(repo, ctx.tr("loop.repo_server"));
  box_title(ctl, ctx.tr("loop.controller"));
  const float line = ImGui::GetTextLineHeight();
  {
    // Git: the repos and the newest commit.
    float y = git.a.y + pad + line * 1.3f;
    for (const auto& r : w.repos()) {
      if (y > git.b.y - line) break;
      text_clipped(dl, ImVec2(git.a.x + pad, y), th.text_dim, r.name, git.w() - 2 * pad);
      y += line;
    }
    if (webhook_flash > 0) {
      dl->AddText(ImVec2(git.a.x + pad, git.b.y + 4 * s), with_alpha(th.accent, webhook_flash), ctx.tr("loop.webhook"));
    }
  }
  {
    float y = repo.a.y + pad + line * 1.3f;
    // "render (kustomize)" on two lines when the box is narrow.
    const std::string render = ctx.tr("loop.render");
    const auto sp = render.find(' ');
    if (ImGui::CalcTextSize(render.c_str()).x > repo.w() - 2 * pad && sp != std::string::npos) {
      text_clipped(dl, ImVec2(repo.a.x + pad, y), th.text_dim, render.substr(0, sp), repo.w() - 2 * pad);
      y += line;
      text_clipped(dl, ImVec2(repo.a.x + pad, y), th.text_dim, render.substr(sp + 1), repo.w() - 2 * pad);
    } else {
      text_clipped(dl, ImVec2(repo.a.x + pad, y), th.text_dim, render, repo.w() - 2 * pad);
    }
    if (sel >= 0 && !rows[sel].revision.empty() && y + 2 * line <= repo.b.y - 2 * s) {
      y += line;
      text_clipped(dl, ImVec2(repo.a.x + pad, y), th.text, rows[sel].revision.substr(0, 7), repo.w() - 2 * pad);
    }
  }
  {
    // ③ detect and ⑥ compare & sync live in the controller.
    const Color c3 = phase_color(LoopPhase::OutOfSync);
    const Color c6 = argo::kGreen;
    const float bx = ctl.a.x + pad + badge_r;
    float y = ctl.a.y + pad + line * 1.6f + badge_r * 0.5f;
    const float text_x = bx + badge_r * 1.8f;
    badge(ImVec2(bx, y), 3, c3);
    text_clipped(dl, ImVec2(text_x, y - line * 0.5f), th.text_dim, ctx.tr("loop.detect"), ctl.b.x - pad - text_x);
    y += badge_r * 2.4f;
    badge(ImVec2(bx, y), 6, c6);
    text_clipped(dl, ImVec2(text_x, y - line * 0.5f), th.text_dim, ctx.tr("loop.compare_sync"), ctl.b.x - pad - text_x);
    const float rows_bottom = y + badge_r;
    // Countdown ring to the next poll: the selected app's, else the soonest.
    std::optional<TimePoint> next;
    if (sel >= 0 && rows[sel].next_poll.ms >= 0) next = rows[sel].next_poll;
    if (!next) {
      for (const auto& r : rows) {
        if (r.next_poll.ms >= 0 && r.next_poll >= now && (!next || r.next_poll < *next)) next = r.next_poll;
      }
    }
    if (next && poll_every.ms > 0) {
      const float rr = std::min(ctl.w() * 0.16f, 24 * s);
      // In the controller under its two steps when there is room; else (a
      // short diagram) under the repo server, whose next fetch it counts to.
      const bool inside = ctl.b.y - pad - rows_bottom >= 2 * rr + line * 0.2f;
      const ImVec2 rc = inside ? ImVec2(ctl.b.x - pad - rr, ctl.b.y - pad - rr - line * 0.2f)
                               : ImVec2(repo.a.x + rr + 4 * s, repo.b.y + pad + rr + 4 * s);
      const Duration left = *next - now;
      draw_countdown_ring(dl, rc, rr, static_cast<float>(left.ms) / static_cast<float>(poll_every.ms), th.accent,
                          with_alpha(th.arrow, 0.6f), 4 * s);
      const std::string t = mmss(left);
      const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
      dl->AddText(ImVec2(rc.x - ts.x * 0.5f, rc.y - ts.y * 0.5f), th.text, t.c_str());
      const char* np = ctx.tr("loop.next_poll");
      if (inside) {
        text_clipped(dl, ImVec2(ctl.a.x + pad, rc.y - line * 0.5f), th.text_dim, np, ctl.w() - 2 * rr - 3 * pad);
      } else {
        const float lx = rc.x + rr + 8 * s;
        text_clipped(dl, ImVec2(lx, rc.y - line * 0.5f), th.text_dim, np, ctl.a.x - 8 * s - lx);
      }
    }
  }
  // Clusters: name, and one health icon per app deployed there.
  for (std::size_t i = 0; i < cboxes.size() && i < clusters.size(); ++i) {
    const Box& cb = cboxes[i];
    draw_box(dl, cb, th, th.node_border, 0, rounding, thick);
    ImGui::PushFont(bold);
    dl->AddText(ImVec2(cb.a.x + pad, cb.a.y + pad * 0.5f), th.text, clusters[i].c_str());
    ImGui::PopFont();
    const float ir = 7 * s;
    float x = cb.a.x + pad + ir, y = cb.a.y + pad * 0.5f + line * 1.5f + ir;
    for (const auto& r : rows) {
      if (r.cluster != clusters[i]) continue;
      if (y + ir > cb.b.y) break;
      draw_health_icon(dl, ImVec2(x, y), ir, r.health, spin);
      x += ir * 2.6f;
      if (x + ir > cb.b.x - pad) {
        x = cb.a.x + pad + ir;
        y += ir * 2.6f;
      }
    }
  }

  // Tokens: a commit travelling into Git, a fetch into the controller, a sync
  // applying into its cluster, and status coming back.
  const float tr = 6 * s;
  if (auto p = progress(now, any_commit, token_window)) {
    token(dl, lerp(ImVec2(dev.x + 12 * s, dev.y), ImVec2(git.a.x, dev.y), ease_in_out(*p)), tr, c1);
  }
  if (auto p = progress(now, any_fetch, token_window)) {
    const float e = ease_in_out(*p);
    const ImVec2 pos = e < 0.5f ? lerp(ImVec2(git.b.x, ay), ImVec2(repo.a.x, ay), e * 2)
                                : lerp(ImVec2(repo.b.x, ay), ImVec2(ctl.a.x, ay), e * 2 - 1);
    token(dl, pos, tr, c2);
  }
  // At most a few tokens per arrow (150 apps syncing at once would be one
  // blur, and each token is rasterised in software); a count says the rest.
  constexpr int kTokensPerArrow = 3;
  std::vector<int> applying(cboxes.size(), 0), watching(cboxes.size(), 0);
  for (const auto& r : rows) {
    std::size_t ci = 0;
    while (ci < clusters.size() && clusters[ci] != r.cluster) ++ci;
    if (ci >= cboxes.size()) ci = 0;
    const Box& cb = cboxes[ci];
    const ImVec2 from(ctl.b.x, ctl.center().y - ctl.h() * 0.18f);
    const ImVec2 to(cb.a.x, cb.center().y - cb.h() * 0.15f);
    std::optional<float> p;
    if (r.operation_running && r.last_sync_start) {
      // Loops while the operation runs (a long sync keeps moving).
      const std::int64_t span = std::max<std::int64_t>(token_window.ms, 1);
      p = static_cast<float>((now.ms - r.last_sync_start->ms) % span) / static_cast<float>(span);
    } else {
      p = progress(now, r.last_sync_start, token_window);
    }
    if (p && ++applying[ci] <= kTokensPerArrow) token(dl, lerp(from, to, ease_in_out(*p)), tr, c4);
    if (auto q = progress(now, r.last_watch, token_window); q && ++watching[ci] <= kTokensPerArrow) {
      const ImVec2 bf(cb.a.x, cb.center().y + cb.h() * 0.2f);
      const ImVec2 bt(ctl.b.x, ctl.center().y + ctl.h() * 0.22f);
      token(dl, lerp(bf, bt, ease_in_out(*q)), tr * 0.8f, c5);
    } else if (q) {
      ++watching[ci];
    }
  }
  for (std::size_t ci = 0; ci < cboxes.size(); ++ci) {
    if (applying[ci] > kTokensPerArrow) {
      const std::string n = "\xC3\x97" + std::to_string(applying[ci]);  // "×50"
      const ImVec2 ts = ImGui::CalcTextSize(n.c_str());
      dl->AddText(ImVec2(cboxes[ci].a.x - ts.x - 6 * s, cboxes[ci].a.y - ts.y * 0.2f), th.text, n.c_str());
    }
  }
  ImGui::Dummy(ImVec2(W, H));

  // The selected app's phase, in words.
  if (sel >= 0 && sel_phase) {
    const AppRow& r = rows[sel];
    const Color pc = phase_color(*sel_phase);
    ImGui::PushFont(bold);
    char step[8];
    std::snprintf(step, sizeof step, "%d", loop_step(*sel_phase));
    const std::string key = std::string("phase.") + to_string(*sel_phase);
    const std::string head = r.name + "  ";
    ImGui::TextUnformatted(head.c_str());
    ImGui::SameLine(0, 0);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const std::string chip = std::string(step) + "  " + ctx.tr(key);
    const ImVec2 sz = draw_pill(ImGui::GetWindowDrawList(), p, chip, pc, text_on(pc), 10 * s, 2 * s);
    ImGui::Dummy(sz);
    ImGui::PopFont();
    ImGui::SameLine();
    const std::string help_key = std::string("phase_help.") + to_string(*sel_phase);
    std::string help = ctx.tr(help_key);
    // Detected, but a sync window keeps the controller from acting on it.
    if (*sel_phase == LoopPhase::OutOfSync && r.sync_window != gitops::SyncWindowState::Allowed) {
      help += std::string(" ") + ctx.tr("phase_help.window");
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(th.text_dim));
    ImGui::TextWrapped("%s", help.c_str());
    ImGui::PopStyleColor();
  }

  // One row per app (clipped: a 150-app world stays cheap).
  const float row_h = ImGui::GetTextLineHeightWithSpacing() + 6 * s;
  ImGui::BeginChild("##loop_apps", ImVec2(0, 0), false);
  ImDrawList* ldl = ImGui::GetWindowDrawList();
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(rows.size()), row_h);
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const AppRow& r = rows[i];
      const LoopPhase ph = loop_phase(r.loop_inputs(now));
      ImGui::PushID(i);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float rw = ImGui::GetContentRegionAvail().x;
      if (ImGui::Selectable("##row", i == sel, 0, ImVec2(rw, row_h - 2 * s))) ctx.selection.app = r.name;
      const float cy = p.y + (row_h - 2 * s) * 0.5f;
      const float ir = 8 * s;
      float x = p.x + 4 * s + ir;
      draw_sync_icon(ldl, ImVec2(x, cy), ir, r.sync);
      x += ir * 2.5f;
      draw_health_icon(ldl, ImVec2(x, cy), ir, r.health, spin);
      x += ir * 1.8f;
      const float ty = cy - ImGui::GetTextLineHeight() * 0.5f;
      text_clipped(ldl, ImVec2(x, ty), th.text, r.name, rw * 0.22f);
      x = p.x + rw * 0.28f;
      text_clipped(ldl, ImVec2(x, ty), th.text_dim, r.cluster, rw * 0.09f);
      x = p.x + rw * 0.38f;
      // Six pips, the current step lit.
      const int cur = loop_step(ph);
      for (int k = 1; k <= 6; ++k) {
        const ImVec2 c(x + static_cast<float>(k - 1) * 14 * s + 5 * s, cy);
        if (k == cur) {
          draw_step_badge(ldl, c, 7 * s, k, phase_color(ph), text_on(phase_color(ph)), nullptr);
        } else {
          ldl->AddCircleFilled(c, 3 * s, k < cur ? with_alpha(phase_color(ph), 0.6f) : th.arrow, 10);
        }
      }
      x += 6 * 14 * s + 8 * s;
      const Color pc = phase_color(ph);
      const std::string pt = ctx.tr(std::string("phase.") + to_string(ph));
      draw_pill(ldl, ImVec2(x, cy - ImGui::GetTextLineHeight() * 0.5f - 2 * s), pt, with_alpha(pc, 0.22f), pc, 8 * s,
                2 * s);
      x = p.x + rw * 0.80f;
      if (r.next_poll.ms >= 0 && r.poll_interval.ms > 0) {
        const Duration left = r.next_poll - now;
        draw_countdown_ring(ldl, ImVec2(x, cy), 7 * s, static_cast<float>(left.ms) / static_cast<float>(r.poll_interval.ms),
                            th.accent, with_alpha(th.arrow, 0.5f), 2.5f * s);
        ldl->AddText(ImVec2(x + 12 * s, ty), th.text_dim, mmss(left).c_str());
      }
      // Flash the row when a webhook or watch event reached this app.
      std::optional<TimePoint> hit = r.last_webhook;
      if (r.last_watch && (!hit || *r.last_watch > *hit)) hit = r.last_watch;
      if (auto f = progress(now, hit, flash_window)) {
        ldl->AddRect(p, ImVec2(p.x + rw, p.y + row_h - 2 * s), with_alpha(th.flash, 1.0f - ease_out(*f)), 4 * s, 0,
                     2 * s);
      }
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace gs::ui
