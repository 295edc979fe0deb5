// Loop view: the reconciliation loop as a diagram — Git → repo server →
// application controller → clusters → health back — with the lecture's step
// numbers lit by the apps in each step, a countdown ring to the next poll,
// flashes when a webhook or a watch event arrives and a token travelling
// along the apply arrow during a sync. Every animation reads virtual time, so
// it slows, speeds up and freezes with the clock. Below it, one row per app.
// What is lit, where the boxes go and which tokens travel is worked out in
// sim/ui/view/loop_diagram.hpp; this file measures words and draws.
// [SECTION] index: Diagram (what every part draws with), measuring, the
// arrows (①②④⑤), the boxes and what they hold (③⑥, the countdown ring),
// tokens, the selected app's phase, the rows; draw_loop_panel last.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/ui/panels/panels.hpp"
#include "sim/ui/view/ci_loop.hpp"
#include "sim/ui/view/layout.hpp"
#include "sim/ui/view/loop_diagram.hpp"
#include "sim/ui/view/loop_flux.hpp"
#include "sim/flux/controller.hpp"
#include "sim/ui/widgets.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {
namespace {

struct Box {
  ImVec2 a, b;
  explicit Box(const LoopRect& r) : a(r.x0, r.y0), b(r.x1, r.y1) {}
  ImVec2 center() const { return ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f); }
  float w() const { return b.x - a.x; }
  float h() const { return b.y - a.y; }
};

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

// [SECTION] What every part of the diagram draws with.
struct Diagram {
  FrameContext& ctx;
  const Theme& th;
  const std::vector<AppRow>& rows;
  const LoopSummary& sum;
  ImDrawList* dl;
  ImFont* bold;
  std::vector<std::string> clusters;  // in env order, one box each (at least one box)
  Box git, repo, ctl;
  std::vector<Box> cboxes;
  ImVec2 dev;  // the developer, left of Git
  float ay;    // the height of the poll and manifests arrows
  float s, thick, rounding, badge_r, pad, line, pulse, spin;
  float webhook_flash, watch_flash;
  std::vector<bool> argo_to;  // per cluster box: Argo CD applies there (empty: every box)
  bool flux_lane = false;     // Flux's lane is under Argo CD's (nothing may be drawn there)

  Color step_colour(int n, Color on) const { return sum.step_lit(n) ? on : th.arrow; }
};

// The frame and what its words measure, in the fonts they are drawn in.
LoopMeasures measure(FrameContext& ctx, const std::vector<std::string>& clusters, ImVec2 o, float W, float H) {
  const world::World& w = ctx.session.world();
  LoopMeasures m;
  m.x = o.x, m.y = o.y, m.width = W, m.height = H, m.scale = ctx.scale;
  m.commit_w = ImGui::CalcTextSize(ctx.tr("loop.commit")).x;
  m.poll_w = ImGui::CalcTextSize(ctx.tr("loop.poll")).x;
  m.manifests_w = ImGui::CalcTextSize(ctx.tr("loop.manifests")).x;
  m.apply_w = ImGui::CalcTextSize(ctx.tr("loop.apply")).x;
  m.ctl_steps_w = std::max(ImGui::CalcTextSize(ctx.tr("loop.detect")).x, ImGui::CalcTextSize(ctx.tr("loop.compare_sync")).x);
  for (const auto& r : w.repos()) m.repos_w = std::max(m.repos_w, ImGui::CalcTextSize(r.name.c_str()).x);
  const std::string render = ctx.tr("loop.render");
  const auto sp = render.find(' ');
  m.render_w = sp == std::string::npos ? ImGui::CalcTextSize(render.c_str()).x
                                       : std::max(ImGui::CalcTextSize(render.substr(0, sp).c_str()).x,
                                                  ImGui::CalcTextSize(render.substr(sp + 1).c_str()).x);
  ImGui::PushFont(ctx.fonts.title);
  m.git_title_w = ImGui::CalcTextSize("Git").x;
  m.repo_title_w = ImGui::CalcTextSize(ctx.tr("loop.repo_server")).x;
  m.ctl_title_w = ImGui::CalcTextSize(ctx.tr("loop.controller")).x;
  for (const auto& c : clusters) m.cluster_names_w = std::max(m.cluster_names_w, ImGui::CalcTextSize(c.c_str()).x);
  ImGui::PopFont();
  m.clusters = clusters.size();
  return m;
}

// A step's numbered badge: lit while some app is there, ringed when the
// selected app is, with a bubble counting the apps at it.
void badge(const Diagram& d, ImVec2 c, int n, Color on) {
  const Theme& th = d.th;
  const float s = d.s, badge_r = d.badge_r;
  const bool act = d.sum.step_lit(n);
  if (d.sum.selected_at(n)) d.dl->AddCircle(c, badge_r + (4 + 3 * d.pulse) * s, with_alpha(on, 0.9f), 24, 2.5f * s);
  // Pointed at (the step that passed a lesson step): a wider ring in the pass green.
  if (d.sum.pointed_step == n) d.dl->AddCircle(c, badge_r + 7 * s, argo::kGreen, 24, 3.0f * s);
  draw_step_badge(d.dl, c, badge_r, n, act ? on : mix(th.panel_alt, th.arrow, 0.8f), act ? text_on(on) : th.text, d.bold);
  if (d.sum.step_count[n] > 0 && d.rows.size() > 1) {
    // How many apps are at this step: a small bubble on the badge's
    // shoulder, clear of the words beside it.
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d", d.sum.step_count[n]);
    const float fs = ImGui::GetFontSize() * 0.72f;
    const ImVec2 ts = d.bold->CalcTextSizeA(fs, 1e9f, 0, buf);
    const float bh = fs + 2 * s, bub_w = std::max(bh, ts.x + 6 * s);
    const ImVec2 bc(c.x + badge_r * 0.75f, c.y - badge_r * 0.8f);
    const ImVec2 b0(bc.x - bub_w * 0.5f, bc.y - bh * 0.5f), b1(bc.x + bub_w * 0.5f, bc.y + bh * 0.5f);
    d.dl->AddRectFilled(b0, b1, th.panel, bh * 0.5f);
    d.dl->AddRect(b0, b1, act ? on : th.arrow, bh * 0.5f, 0, 1.2f * s);
    d.dl->AddText(d.bold, fs, ImVec2(bc.x - ts.x * 0.5f, bc.y - ts.y * 0.5f), th.text, buf);
  }
}

void label(const Diagram& d, ImVec2 p, const char* text, Color col, bool centered = true) {
  const ImVec2 ts = ImGui::CalcTextSize(text);
  d.dl->AddText(ImVec2(centered ? p.x - ts.x * 0.5f : p.x, p.y), col, text);
}

// [SECTION] Arrows.
// ① commit: a developer pushes to Git. ② poll: the repo server fetches and
// renders (a webhook makes it now), and hands the manifests on.
void draw_commit_and_poll(const Diagram& d) {
  ImDrawList* dl = d.dl;
  const float s = d.s;
  const ImVec2 dev = d.dev;
  const Box &git = d.git, &repo = d.repo, &ctl = d.ctl;
  dl->AddCircleFilled(ImVec2(dev.x, dev.y - 10 * s), 7 * s, d.th.text_dim, 16);
  dl->PathArcTo(ImVec2(dev.x, dev.y + 10 * s), 11 * s, 3.14159f, 6.28318f, 12);
  dl->PathFillConvex(d.th.text_dim);
  const Color c1 = phase_color(LoopPhase::Committed);
  draw_arrow(dl, ImVec2(dev.x + 12 * s, dev.y), ImVec2(git.a.x - 4 * s, dev.y), d.step_colour(1, c1), d.thick, 10 * s);
  badge(d, ImVec2((dev.x + git.a.x) * 0.5f + 2 * s, dev.y - 24 * s), 1, c1);
  label(d, ImVec2(dev.x, dev.y + 24 * s), d.ctx.tr("loop.commit"), d.th.text_dim);

  const Color c2 = phase_color(LoopPhase::Refreshing);
  const float ay = d.ay;
  draw_arrow(dl, ImVec2(git.b.x + 4 * s, ay), ImVec2(repo.a.x - 4 * s, ay), d.step_colour(2, c2), d.thick, 10 * s);
  badge(d, ImVec2((git.b.x + repo.a.x) * 0.5f, ay - 24 * s), 2, c2);
  label(d, ImVec2((git.b.x + repo.a.x) * 0.5f, ay + 8 * s), d.ctx.tr("loop.poll"), d.th.text_dim);
  // Manifests to the controller.
  draw_arrow(dl, ImVec2(repo.b.x + 4 * s, ay), ImVec2(ctl.a.x - 4 * s, ay), d.step_colour(2, c2), d.thick, 10 * s);
  label(d, ImVec2((repo.b.x + ctl.a.x) * 0.5f, ay + 8 * s), d.ctx.tr("loop.manifests"), d.th.text_dim);
}

// Where the apply arrow to a cluster box runs, and the status arrow back.
struct ArrowEnds {
  ImVec2 from, to;
};
ArrowEnds apply_arrow(const Box& ctl, const Box& cb, float inset) {
  return {ImVec2(ctl.b.x + inset, ctl.center().y - ctl.h() * 0.18f), ImVec2(cb.a.x - inset, cb.center().y - cb.h() * 0.15f)};
}
ArrowEnds status_arrow(const Box& ctl, const Box& cb, float inset) {
  return {ImVec2(cb.a.x - inset, cb.center().y + cb.h() * 0.2f), ImVec2(ctl.b.x + inset, ctl.center().y + ctl.h() * 0.22f)};
}

// ④ apply and ⑤ status, per cluster.
void draw_apply_and_status(const Diagram& d) {
  const float s = d.s;
  const Box& ctl = d.ctl;
  const Color c4 = phase_color(LoopPhase::Syncing);
  const Color c5 = argo::kGreen;
  for (std::size_t i = 0; i < d.cboxes.size(); ++i) {
    const Box& cb = d.cboxes[i];
    if (i < d.argo_to.size() && !d.argo_to[i]) continue;  // a cluster only Flux deploys to
    const ArrowEnds out = apply_arrow(ctl, cb, 4 * s), back = status_arrow(ctl, cb, 4 * s);
    draw_arrow(d.dl, out.from, out.to, d.step_colour(4, c4), d.thick, 10 * s);
    draw_arrow(d.dl, back.from, back.to, mix(d.step_colour(5, c5), d.th.flash, d.watch_flash),
               d.thick + 2 * d.watch_flash * s, 10 * s);
  }
  const float ax = (ctl.b.x + d.cboxes.front().a.x) * 0.5f;
  badge(d, ImVec2(ax, ctl.a.y - 2 * s), 4, c4);
  label(d, ImVec2(ax, ctl.a.y + 12 * s), d.ctx.tr("loop.apply"), d.th.text_dim);
  badge(d, ImVec2(ax, ctl.b.y + 4 * s), 5, c5);
  // Under the controller there is room to the left; never into a cluster box.
  // With Flux's lane below, its apply arrow runs where this label would: the badge says it.
  if (d.flux_lane) return;
  const char* status_text = d.ctx.tr("loop.status");
  const float tw = ImGui::CalcTextSize(status_text).x;
  label(d, ImVec2(std::min(ax - tw * 0.5f, d.cboxes.front().a.x - 6 * s - tw), ctl.b.y + 18 * s), status_text,
        d.th.text_dim, false);
}

// [SECTION] Boxes, on top of the arrows, and what they hold.
void box_title(const Diagram& d, const Box& b, const char* t) {
  ImGui::PushFont(d.bold);
  text_clipped(d.dl, ImVec2(b.a.x + d.pad, b.a.y + d.pad * 0.6f), d.th.text, t, b.w() - 1.5f * d.pad);
  ImGui::PopFont();
}

// Git (its repositories, "webhook" while one flashes) and the repo server.
void draw_git_and_repo_server(const Diagram& d) {
  const Theme& th = d.th;
  const Box &git = d.git, &repo = d.repo;
  const float pad = d.pad, line = d.line;
  float y = git.a.y + pad + line * 1.3f;
  for (const auto& r : d.ctx.session.world().repos()) {
    if (y > git.b.y - line) break;
    // A name wider than a narrow box is left out (the board and App detail
    // name it), not cut to a few letters.
    if (ImGui::CalcTextSize(r.name.c_str()).x > git.w() - 2 * pad) continue;
    d.dl->AddText(ImVec2(git.a.x + pad, y), th.text_dim, r.name.c_str());
    y += line;
  }
  if (d.webhook_flash > 0) {
    d.dl->AddText(ImVec2(git.a.x + pad, git.b.y + 4 * d.s), with_alpha(th.accent, d.webhook_flash), d.ctx.tr("loop.webhook"));
  }
  y = repo.a.y + pad + line * 1.3f;
  // "render (kustomize)" on two lines when the box is narrow.
  const std::string render = d.ctx.tr("loop.render");
  const auto sp = render.find(' ');
  if (ImGui::CalcTextSize(render.c_str()).x > repo.w() - 2 * pad && sp != std::string::npos) {
    text_clipped(d.dl, ImVec2(repo.a.x + pad, y), th.text_dim, render.substr(0, sp), repo.w() - 2 * pad);
    y += line;
    text_clipped(d.dl, ImVec2(repo.a.x + pad, y), th.text_dim, render.substr(sp + 1), repo.w() - 2 * pad);
  } else {
    text_clipped(d.dl, ImVec2(repo.a.x + pad, y), th.text_dim, render, repo.w() - 2 * pad);
  }
  const int sel = d.sum.selected;
  if (sel >= 0 && !d.rows[sel].revision.empty() && y + 2 * line <= repo.b.y - 2 * d.s) {
    y += line;
    text_clipped(d.dl, ImVec2(repo.a.x + pad, y), th.text, d.rows[sel].revision.substr(0, 7), repo.w() - 2 * pad);
  }
}

// ③ detect and ⑥ compare & sync live in the controller; returns the bottom of their rows.
float draw_controller_steps(const Diagram& d) {
  const Box& ctl = d.ctl;
  const float pad = d.pad, line = d.line, badge_r = d.badge_r;
  const float bx = ctl.a.x + pad + badge_r;
  float y = ctl.a.y + pad + line * 1.6f + badge_r * 0.5f;
  const float text_x = bx + badge_r * 1.8f;
  // A step's words on two lines beside its badge when one is too narrow.
  auto step_text = [&](const char* t, float cy) {
    const float room = ctl.b.x - pad - text_x;
    if (ImGui::CalcTextSize(t).x > room) {
      if (auto two = wrap_in_two(t, room, [](std::string_view x) { return ImGui::CalcTextSize(x.data(), x.data() + x.size()).x; })) {
        d.dl->AddText(ImVec2(text_x, cy - line), d.th.text_dim, two->first.c_str());
        d.dl->AddText(ImVec2(text_x, cy), d.th.text_dim, two->second.c_str());
        return;
      }
    }
    text_clipped(d.dl, ImVec2(text_x, cy - line * 0.5f), d.th.text_dim, t, room);
  };
  badge(d, ImVec2(bx, y), 3, phase_color(LoopPhase::OutOfSync));
  step_text(d.ctx.tr("loop.detect"), y);
  y += std::max(badge_r * 2.4f, line * 2.1f);
  badge(d, ImVec2(bx, y), 6, argo::kGreen);
  step_text(d.ctx.tr("loop.compare_sync"), y);
  return y + badge_r;
}

// Countdown ring to the next poll: the selected app's, else the soonest. In
// the controller under its two steps when there is room; else (a short
// diagram) under the repo server, whose next fetch it counts to.
void draw_countdown(const Diagram& d, float rows_bottom) {
  const Box &ctl = d.ctl, &repo = d.repo;
  const float s = d.s, pad = d.pad, line = d.line;
  if (!d.sum.next_poll || d.sum.poll_every.ms <= 0) return;
  const float rr = std::min(ctl.w() * 0.16f, 24 * s);
  const bool inside = ctl.b.y - pad - rows_bottom >= 2 * rr + line * 0.2f;
  if (!inside && d.flux_lane) return;  // under the repo server stands Flux's source-controller; the rows count down
  const ImVec2 rc = inside ? ImVec2(ctl.b.x - pad - rr, ctl.b.y - pad - rr - line * 0.2f)
                           : ImVec2(repo.a.x + rr + 4 * s, repo.b.y + pad + rr + 4 * s);
  const Duration left = *d.sum.next_poll - d.ctx.now();
  draw_countdown_ring(d.dl, rc, rr, static_cast<float>(left.ms) / static_cast<float>(d.sum.poll_every.ms), d.th.accent,
                      with_alpha(d.th.arrow, 0.6f), 4 * s);
  const std::string t = mmss(left);
  const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
  d.dl->AddText(ImVec2(rc.x - ts.x * 0.5f, rc.y - ts.y * 0.5f), d.th.text, t.c_str());
  const char* np = d.ctx.tr("loop.next_poll");
  if (inside) {
    text_clipped(d.dl, ImVec2(ctl.a.x + pad, rc.y - line * 0.5f), d.th.text_dim, np, ctl.w() - 2 * rr - 3 * pad);
  } else {
    const float lx = rc.x + rr + 8 * s;
    text_clipped(d.dl, ImVec2(lx, rc.y - line * 0.5f), d.th.text_dim, np, ctl.a.x - 8 * s - lx);
  }
}

// Clusters: name, and one health icon per app deployed there.
void draw_clusters(const Diagram& d) {
  const float s = d.s, pad = d.pad;
  for (std::size_t i = 0; i < d.cboxes.size() && i < d.clusters.size(); ++i) {
    const Box& cb = d.cboxes[i];
    draw_box(d.dl, cb, d.th, d.th.node_border, 0, d.rounding, d.thick);
    ImGui::PushFont(d.bold);
    d.dl->AddText(ImVec2(cb.a.x + pad, cb.a.y + pad * 0.5f), d.th.text, d.clusters[i].c_str());
    ImGui::PopFont();
    const float ir = 7 * s;
    float x = cb.a.x + pad + ir, y = cb.a.y + pad * 0.5f + d.line * 1.5f + ir;
    for (const auto& r : d.rows) {
      if (r.cluster != d.clusters[i]) continue;
      if (y + ir > cb.b.y) break;
      draw_health_icon(d.dl, ImVec2(x, y), ir, r.health, d.spin);
      x += ir * 2.6f;
      if (x + ir > cb.b.x - pad) {
        x = cb.a.x + pad + ir;
        y += ir * 2.6f;
      }
    }
  }
}

void draw_boxes(const Diagram& d) {
  draw_box(d.dl, d.git, d.th, d.th.node_border, d.webhook_flash, d.rounding, d.thick);
  draw_box(d.dl, d.repo, d.th, d.th.node_border, 0, d.rounding, d.thick);
  draw_box(d.dl, d.ctl, d.th, d.th.node_border, d.watch_flash * 0.6f, d.rounding, d.thick);
  box_title(d, d.git, "Git");
  box_title(d, d.repo, d.ctx.tr("loop.repo_server"));
  box_title(d, d.ctl, d.ctx.tr("loop.controller"));
  draw_git_and_repo_server(d);
  draw_countdown(d, draw_controller_steps(d));
  draw_clusters(d);
}

// [SECTION] Tokens: a commit travelling into Git, a fetch into the
// controller, a sync applying into its cluster, and status coming back.
void draw_tokens(const Diagram& d, Duration token_window) {
  const float s = d.s, tr = 6 * s, ay = d.ay;
  const TimePoint now = d.ctx.now();
  const Box &git = d.git, &repo = d.repo, &ctl = d.ctl;
  if (auto p = progress(now, d.sum.last_commit, token_window)) {
    token(d.dl, lerp(ImVec2(d.dev.x + 12 * s, d.dev.y), ImVec2(git.a.x, d.dev.y), ease_in_out(*p)), tr,
          phase_color(LoopPhase::Committed));
  }
  if (auto p = progress(now, d.sum.last_fetch, token_window)) {
    const float e = ease_in_out(*p);
    const ImVec2 pos = e < 0.5f ? lerp(ImVec2(git.b.x, ay), ImVec2(repo.a.x, ay), e * 2)
                                : lerp(ImVec2(repo.b.x, ay), ImVec2(ctl.a.x, ay), e * 2 - 1);
    token(d.dl, pos, tr, phase_color(LoopPhase::Refreshing));
  }
  const LoopTokens planned = plan_cluster_tokens(d.rows, d.clusters, d.cboxes.size(), now, token_window);
  for (const LoopToken& t : planned.tokens) {
    const Box& cb = d.cboxes[t.cluster];
    if (t.status) {
      const ArrowEnds back = status_arrow(ctl, cb, 0);
      token(d.dl, lerp(back.from, back.to, ease_in_out(t.t)), tr * 0.8f, argo::kGreen);
    } else {
      const ArrowEnds out = apply_arrow(ctl, cb, 0);
      token(d.dl, lerp(out.from, out.to, ease_in_out(t.t)), tr, phase_color(LoopPhase::Syncing));
    }
  }
  for (std::size_t ci = 0; ci < d.cboxes.size(); ++ci) {
    if (planned.applying[ci] > kTokensPerArrow) {
      const std::string n = "\xC3\x97" + std::to_string(planned.applying[ci]);  // "×50"
      const ImVec2 ts = ImGui::CalcTextSize(n.c_str());
      d.dl->AddText(ImVec2(d.cboxes[ci].a.x - ts.x - 6 * s, d.cboxes[ci].a.y - ts.y * 0.2f), d.th.text, n.c_str());
    }
  }
}

// [SECTION] The CI strip (sim/ui/view/ci_loop.hpp): the image bot's
// write-back into Git, the registry it scans, the CI that builds, and a push
// pipeline's arrow from outside to every cluster its kubeconfig holds.
void ci_box(const Diagram& d, const LoopRect& r, const char* title, float flash) {
  const Box b(r);
  draw_box(d.dl, b, d.th, argo::kOrange, flash, d.rounding * 0.6f, d.thick * 0.8f);
  label(d, ImVec2(b.center().x, b.center().y - d.line * 0.5f), title, d.th.text);
}

void draw_ci_strip(const Diagram& d, const CiLoopFacts& f, const CiStripLayout& cl, Duration flash_window) {
  const float s = d.s, head = 9 * s;
  const TimePoint now = d.ctx.now();
  auto flash = [&](const std::optional<TimePoint>& t) { return 1.0f - ease_out(progress(now, t, flash_window).value_or(1.0f)); };
  const float built = flash(f.last_build), wrote = flash(f.last_write_back), pushed = flash(f.last_deploy);
  auto arrow = [&](ImVec2 a, ImVec2 b, float fl) {
    draw_arrow(d.dl, a, b, mix(argo::kOrange, d.th.flash, fl), d.thick * (0.8f + fl), head);
  };
  const float mid_y = (cl.ci.y0 + cl.ci.y1) * 0.5f;
  // CI -> registry: the build pushes an image.
  if (cl.has_registry) {
    arrow(ImVec2(cl.ci.x0 - 3 * s, mid_y), ImVec2(cl.registry.x1 + 3 * s, mid_y), built);
    label(d, ImVec2((cl.ci.x0 + cl.registry.x1) * 0.5f, cl.ci.y0 - d.line - 1 * s), d.ctx.tr("loop.build"), d.th.text_dim);
  }
  // registry -> bot (its scan), bot -> Git (the write-back commit).
  if (cl.has_bot) {
    arrow(ImVec2(cl.registry.x0 - 3 * s, mid_y), ImVec2(cl.bot.x1 + 3 * s, mid_y), 0);
    const float x = cl.write_back_x;
    arrow(ImVec2(x, cl.bot.y0 - 2 * s), ImVec2(x, d.git.b.y + 3 * s), wrote);
    const char* wb = d.ctx.tr("loop.write_back");
    d.dl->AddText(ImVec2(x + 5 * s, (cl.bot.y0 + d.git.b.y) * 0.5f - d.line * 0.5f), d.th.text_dim, wb);
  }
  // The push: from the CI, outside every cluster, straight into each one.
  if (cl.has_push && !cl.branches.empty()) {
    const Color c = mix(argo::kOrange, d.th.flash, pushed);
    const float t = d.thick * (0.8f + pushed);
    const float top = std::min_element(cl.branches.begin(), cl.branches.end(),
                                       [](const auto& a, const auto& b) { return a.y < b.y; })->y;
    d.dl->AddLine(ImVec2(cl.ci.x1 + 3 * s, cl.lane_y), ImVec2(cl.trunk_x, cl.lane_y), c, t);
    d.dl->AddLine(ImVec2(cl.trunk_x, cl.lane_y), ImVec2(cl.trunk_x, top), c, t);
    for (const auto& b : cl.branches) {
      const Box& cb = d.cboxes[b.cluster];
      draw_arrow(d.dl, ImVec2(cl.trunk_x, b.y), ImVec2(cb.b.x + 1 * s, b.y), b.missed ? argo::kRed : c, t, head * 0.7f);
      if (b.missed) {  // the last deploy did not land here: a red cross inside the box's right end
        const ImVec2 x(cb.b.x - 10 * s, b.y);
        const float r = 4.5f * s;
        d.dl->AddLine(ImVec2(x.x - r, x.y - r), ImVec2(x.x + r, x.y + r), argo::kRed, 2.5f * s);
        d.dl->AddLine(ImVec2(x.x - r, x.y + r), ImVec2(x.x + r, x.y - r), argo::kRed, 2.5f * s);
      }
    }
    d.dl->AddText(ImVec2(cl.ci.x1 + 10 * s, cl.lane_y - d.line - 2 * s), d.th.text_dim, d.ctx.tr("loop.push"));
  }
  if (cl.has_bot) ci_box(d, cl.bot, d.ctx.tr("loop.image_bot"), wrote);
  if (cl.has_registry) ci_box(d, cl.registry, d.ctx.tr("loop.registry"), built);
  ci_box(d, cl.ci, d.ctx.tr(f.push ? "loop.ci_push" : "loop.ci"), std::max(built, pushed));
}

// [SECTION] Flux beside Argo CD (issue 12): Git → source-controller →
// kustomize-controller → the clusters Flux runs in, each box with its timer.
void draw_flux_lane(const Diagram& d, const FluxLane& lane, const FluxTimers& t, const std::vector<bool>& flux_to,
                    Duration token_window) {
  const Theme& th = d.th;
  const float s = d.s, pad = d.pad, line = d.line;
  const TimePoint now = d.ctx.now();
  const Box src(lane.source), ks(lane.kustomize);
  const Color c_fetch = phase_color(LoopPhase::Refreshing), c_apply = phase_color(LoopPhase::Syncing);
  // Git down to the source-controller: fetch, every GitRepository interval.
  const float gx = d.git.center().x, sy = src.center().y;
  d.dl->AddLine(ImVec2(gx, d.git.b.y + 4 * s), ImVec2(gx, sy), c_fetch, d.thick);
  draw_arrow(d.dl, ImVec2(gx, sy), ImVec2(src.a.x - 4 * s, sy), c_fetch, d.thick, 10 * s);
  const std::string fetch = std::string(d.ctx.tr("loop.fetch")) + " " + flux_every(t.fetch_every);
  const float fetch_w = ImGui::CalcTextSize(fetch.c_str()).x;
  label(d, ImVec2(gx - 6 * s - fetch_w, sy - line * 0.5f), fetch.c_str(), th.text_dim, false);
  // The artifact to the kustomize-controller, at once.
  draw_arrow(d.dl, ImVec2(src.b.x + 4 * s, sy), ImVec2(ks.a.x - 4 * s, sy), c_fetch, d.thick, 10 * s);
  label(d, ImVec2((src.b.x + ks.a.x) * 0.5f, sy + 6 * s), d.ctx.tr("loop.artifact"), th.text_dim);
  // Apply to each cluster Flux runs in, and re-apply every Kustomization interval.
  for (std::size_t i = 0; i < d.cboxes.size() && i < flux_to.size(); ++i) {
    if (!flux_to[i]) continue;
    const Box& cb = d.cboxes[i];
    const ImVec2 from(ks.b.x + 4 * s, ks.center().y), to(cb.a.x - 4 * s, cb.center().y + cb.h() * 0.25f);
    draw_arrow(d.dl, from, to, c_apply, d.thick, 10 * s);
    if (auto p = progress(now, t.last_apply, token_window)) token(d.dl, lerp(from, to, ease_in_out(*p)), 6 * s, c_apply);
  }
  if (auto p = progress(now, t.last_fetch, token_window)) {
    const float e = ease_in_out(*p);
    const ImVec2 pos = e < 0.5f ? lerp(ImVec2(gx, d.git.b.y), ImVec2(gx, sy), e * 2)
                                : lerp(ImVec2(gx, sy), ImVec2(src.a.x, sy), e * 2 - 1);
    token(d.dl, pos, 6 * s, c_fetch);
  }
  draw_box(d.dl, src, th, d.th.node_border, 0, d.rounding, d.thick);
  draw_box(d.dl, ks, th, d.th.node_border, 0, d.rounding, d.thick);
  box_title(d, src, d.ctx.tr("loop.flux_source"));
  box_title(d, ks, d.ctx.tr("loop.flux_kustomize"));
  // "Flux" over its lane's incoming arrow, "Argo CD" over the repo server.
  ImGui::PushFont(d.bold);
  d.dl->AddText(ImVec2(gx + 8 * s, sy - line - 6 * s), th.accent, "Flux");
  d.dl->AddText(ImVec2(d.repo.a.x, d.repo.a.y - line - 2 * s), th.accent, "Argo CD");
  ImGui::PopFont();
  // Each box: how often it runs and the countdown to its next run, on one line.
  auto timer = [&](const Box& b, Duration every, const std::optional<TimePoint>& next, const char* next_key) {
    // Under the title, as tight as it goes: at 1280x720 the lane is a title and a line tall.
    const float y = b.a.y + pad * 0.4f + line * 1.15f;
    if (y + line * 0.9f > b.b.y) return;
    std::string txt = flux_every(every);
    if (next && every.ms > 0) txt += " \xC2\xB7 " + std::string(d.ctx.tr(next_key)) + " " + mmss(*next - now);
    text_clipped(d.dl, ImVec2(b.a.x + pad, y), th.text_dim, txt, b.w() - 2 * pad);
  };
  timer(src, t.fetch_every, t.next_fetch, "loop.next_fetch");
  timer(ks, t.run_every, t.next_run, "loop.next_run");
}

// [SECTION] The diagram: laid out, then drawn part by part.
void draw_diagram(FrameContext& ctx, const LoopSummary& sum, float diagram_h) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const TimePoint now = ctx.now();
  const world::World& w = ctx.session.world();
  const Duration flash_window = ctx.visible_window(Duration::seconds(2), 0.9);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Hard edges, as everywhere (theme.cpp): anti-aliasing would add a fringe
  // to every shape, a third more triangles for the software rasteriser.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float W = avail.x, H = diagram_h;
  // Framed, not filled: a filled backdrop under the boxes would have the
  // software rasteriser paint a sixth of the screen twice.
  dl->AddRect(o, ImVec2(o.x + W, o.y + H), th.border, 8 * s, 0, 1.0f);

  std::vector<std::string> names;
  for (const auto& c : w.clusters()) names.push_back(c.name);
  std::vector<std::string> clusters = clusters_in_env_order(std::move(names));
  // The CI strip, when there is one, takes the bottom of the frame.
  const CiLoopFacts ci_facts = ci_loop_facts(w);
  const float ci_h = ci_strip_height(ci_facts, ImGui::GetTextLineHeight(), s);
  LoopMeasures frame = measure(ctx, clusters, o, W, H - ci_h);
  LoopLayout lay = layout_loop_diagram(frame);
  const LoopMeasures& measures = frame;
  // Flux beside Argo CD: a lane of its own under Argo CD's (issue 12).
  const auto* fx = w.reconciler<flux::FluxController>();
  std::optional<FluxLane> flux_lane;
  LoopTargets targets;
  if (fx) {
    ImGui::PushFont(ctx.fonts.title);
    const float sw = ImGui::CalcTextSize(ctx.tr("loop.flux_source")).x;
    const float kw = ImGui::CalcTextSize(ctx.tr("loop.flux_kustomize")).x;
    ImGui::PopFont();
    flux_lane = place_flux_lane(lay, measures, sw, kw);
    targets = loop_targets(ctx.prepared.apps.rows(), clusters, fx->app_names(), fx->clusters());
  }
  const Box git(lay.git);
  Diagram d{ctx, th, ctx.prepared.apps.rows(), sum, dl, ctx.fonts.title, std::move(clusters), git, Box(lay.repo),
            Box(lay.ctl), {}, ImVec2(lay.dev_x, git.center().y), git.center().y};
  for (const LoopRect& r : lay.clusters) d.cboxes.emplace_back(r);
  d.s = s;
  d.thick = (th.high_contrast ? 3.0f : 2.2f) * s;
  d.rounding = 8 * s;
  d.badge_r = kLoopBadgeRadius * s;
  d.pad = lay.pad;
  d.line = ImGui::GetTextLineHeight();
  d.pulse = 0.5f + 0.5f * std::sin(static_cast<float>(now.ms % 2000) / 2000.0f * 6.2831853f);
  d.spin = static_cast<float>(now.ms % 1000) / 1000.0f;
  d.webhook_flash = 1.0f - ease_out(progress(now, sum.last_webhook, flash_window).value_or(1.0f));
  d.watch_flash = 1.0f - ease_out(progress(now, sum.last_watch, flash_window).value_or(1.0f));

  d.argo_to = targets.argo;
  d.flux_lane = flux_lane.has_value();
  draw_commit_and_poll(d);
  draw_apply_and_status(d);
  draw_boxes(d);
  draw_tokens(d, ctx.visible_window(Duration::millis(1500), 1.1));
  if (ci_facts.any()) {
    CiStripWords words;
    words.registry_w = ImGui::CalcTextSize(ctx.tr("loop.registry")).x;
    words.bot_w = ImGui::CalcTextSize(ctx.tr("loop.image_bot")).x;
    words.ci_w = ImGui::CalcTextSize(ctx.tr(ci_facts.push ? "loop.ci_push" : "loop.ci")).x;
    words.line = ImGui::GetTextLineHeight();
    frame.height = H;  // the strip is laid out in the whole frame
    draw_ci_strip(d, ci_facts, layout_ci_strip(ci_facts, words, frame, lay, d.clusters), flash_window);
  }
  if (flux_lane) {
    draw_flux_lane(d, *flux_lane, flux_timers(*fx, w.log()), targets.flux, ctx.visible_window(Duration::millis(1500), 1.1));
  }
  ImGui::Dummy(ImVec2(W, H));
}

// [SECTION] The selected app's phase, in words.
std::string phase_help(const FrameContext& ctx, const AppRow& r, LoopPhase phase) {
  std::string help = ctx.tr(std::string("phase_help.") + to_string(phase));
  // Detected, but a sync window keeps the controller from acting on it.
  if (phase == LoopPhase::OutOfSync && r.sync_window != gitops::SyncWindowState::Allowed) {
    help += std::string(" ") + ctx.tr("phase_help.window");
  }
  return help;
}

// How tall the phase's words are at `width` (the title row, then the help
// wrapped under or beside it): the room the loop keeps for them.
float selected_phase_height(const FrameContext& ctx, const AppRow& r, LoopPhase phase, float width) {
  ImGui::PushFont(ctx.fonts.title);
  const float title_h = ImGui::GetTextLineHeightWithSpacing() + 4 * ctx.scale;
  ImGui::PopFont();
  // The help wraps beside the name and the phase's pill (draw_selected_phase).
  ImGui::PushFont(ctx.fonts.title);
  const std::string chip = "6  " + std::string(ctx.tr(std::string("phase.") + to_string(phase)));
  const float head_w = ImGui::CalcTextSize((r.name + "  ").c_str()).x + ImGui::CalcTextSize(chip.c_str()).x + 20 * ctx.scale;
  ImGui::PopFont();
  const std::string help = phase_help(ctx, r, phase);
  const float help_h =
      ImGui::CalcTextSize(help.c_str(), nullptr, false, std::max(60.0f, width - head_w - ImGui::GetStyle().ItemSpacing.x)).y;
  // With the pill's padding and the spacing above and below the row.
  return std::max(title_h, help_h) + 2 * ImGui::GetStyle().ItemSpacing.y + 8 * ctx.scale;
}

void draw_selected_phase(FrameContext& ctx, const AppRow& r, LoopPhase phase) {
  const float s = ctx.scale;
  const Color pc = phase_color(phase);
  ImGui::PushFont(ctx.fonts.title);
  char step[8];
  std::snprintf(step, sizeof step, "%d", loop_step(phase));
  const std::string key = std::string("phase.") + to_string(phase);
  const std::string head = r.name + "  ";
  ImGui::TextUnformatted(head.c_str());
  ImGui::SameLine(0, 0);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const std::string chip = std::string(step) + "  " + ctx.tr(key);
  const ImVec2 sz = draw_pill(ImGui::GetWindowDrawList(), p, chip, pc, text_on(pc), 10 * s, 2 * s);
  ImGui::Dummy(sz);
  ImGui::PopFont();
  ImGui::SameLine();
  const std::string help = phase_help(ctx, r, phase);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.theme.text_dim));
  ImGui::TextWrapped("%s", help.c_str());
  ImGui::PopStyleColor();
}

// [SECTION] One row per app.
// Six pips, the current step lit.
void draw_step_pips(ImDrawList* dl, const Theme& th, float x, float cy, float s, LoopPhase ph) {
  const int cur = loop_step(ph);
  for (int k = 1; k <= 6; ++k) {
    const ImVec2 c(x + static_cast<float>(k - 1) * 14 * s + 5 * s, cy);
    if (k == cur) {
      draw_step_badge(dl, c, 7 * s, k, phase_color(ph), text_on(phase_color(ph)), nullptr);
    } else {
      dl->AddCircleFilled(c, 3 * s, k < cur ? with_alpha(phase_color(ph), 0.6f) : th.arrow, 10);
    }
  }
}

void draw_app_row(FrameContext& ctx, ImDrawList* dl, int i, bool selected, float row_h, Duration flash_window) {
  const Theme& th = ctx.theme;
  const float s = ctx.scale;
  const TimePoint now = ctx.now();
  const float spin = static_cast<float>(now.ms % 1000) / 1000.0f;
  const AppRow& r = ctx.prepared.apps.rows()[i];
  const LoopPhase ph = loop_phase(r.loop_inputs(now));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float rw = ImGui::GetContentRegionAvail().x;
  if (ImGui::Selectable("##row", selected, 0, ImVec2(rw, row_h - 2 * s))) ctx.selection.app = r.name;
  frame_notes().items.push_back({"loop_row:" + r.name, p.x, p.y, rw, row_h - 2 * s});
  const float cy = p.y + (row_h - 2 * s) * 0.5f;
  const float ir = 8 * s;
  float x = p.x + 4 * s + ir;
  draw_sync_icon(dl, ImVec2(x, cy), ir, r.sync);
  x += ir * 2.5f;
  draw_health_icon(dl, ImVec2(x, cy), ir, r.health, spin);
  x += ir * 1.8f;
  const float ty = cy - ImGui::GetTextLineHeight() * 0.5f;
  text_clipped(dl, ImVec2(x, ty), th.text, r.name, rw * 0.22f);
  x = p.x + rw * 0.28f;
  text_clipped(dl, ImVec2(x, ty), th.text_dim, r.cluster, rw * 0.09f);
  x = p.x + rw * 0.38f;
  draw_step_pips(dl, th, x, cy, s, ph);
  x += 6 * 14 * s + 8 * s;
  const Color pc = phase_color(ph);
  const std::string pt = ctx.tr(std::string("phase.") + to_string(ph));
  draw_pill(dl, ImVec2(x, cy - ImGui::GetTextLineHeight() * 0.5f - 2 * s), pt, with_alpha(pc, 0.22f), pc, 8 * s, 2 * s);
  x = p.x + rw * 0.80f;
  if (r.next_poll.ms >= 0 && r.poll_interval.ms > 0) {
    const Duration left = r.next_poll - now;
    draw_countdown_ring(dl, ImVec2(x, cy), 7 * s, static_cast<float>(left.ms) / static_cast<float>(r.poll_interval.ms),
                        th.accent, with_alpha(th.arrow, 0.5f), 2.5f * s);
    dl->AddText(ImVec2(x + 12 * s, ty), th.text_dim, mmss(left).c_str());
  }
  // Flash the row when a webhook or watch event reached this app.
  if (auto f = progress(now, latest(r.last_webhook, r.last_watch), flash_window)) {
    dl->AddRect(p, ImVec2(p.x + rw, p.y + row_h - 2 * s), with_alpha(th.flash, 1.0f - ease_out(*f)), 4 * s, 0, 2 * s);
  }
}

// Clipped: a 150-app world stays cheap.
float app_row_height(const FrameContext& ctx) { return ImGui::GetTextLineHeightWithSpacing() + 6 * ctx.scale; }

void draw_app_rows(FrameContext& ctx, int selected) {
  const float row_h = app_row_height(ctx);
  const Duration flash_window = ctx.visible_window(Duration::seconds(2), 0.9);
  ImGui::BeginChild("##loop_apps", ImVec2(0, 0), false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(ctx.prepared.apps.rows().size()), row_h);
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      ImGui::PushID(i);
      draw_app_row(ctx, dl, i, i == selected, row_h, flash_window);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace

void draw_loop_panel(FrameContext& ctx, LoopPanelState& st) {
  (void)st;
  const auto& rows = ctx.prepared.apps.rows();
  LoopSummary sum = summarize_loop(rows, ctx.prepared.apps.index_of(ctx.selection.app), ctx.now());
  sum.pointed_step = ctx.selection.loop_step;
  // Every app's row in view when there is room: the diagram takes what is left.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool phase = sum.selected >= 0 && sum.selected_phase;
  const float phase_h = phase ? selected_phase_height(ctx, rows[sum.selected], *sum.selected_phase, avail.x) : 0;
  const float room = avail.y - ImGui::GetStyle().ItemSpacing.y;
  float diagram_h = ctx.loop_rows
                        ? loop_diagram_height(room, ctx.scale, static_cast<int>(rows.size()), app_row_height(ctx), phase_h)
                        : std::max(room * 0.5f, room - phase_h);
  // The CI strip adds to the diagram what the app rows can spare.
  const float ci_h = ci_strip_height(ci_loop_facts(ctx.session.world()), ImGui::GetTextLineHeight(), ctx.scale);
  if (ci_h > 0) {
    // (The rows' child keeps a row and its own spacing; the phase's estimate has a margin.)
    diagram_h = diagram_height_with_ci(diagram_h, ci_h, room - phase_h - (ctx.loop_rows ? app_row_height(ctx) * 0.25f : 0));
  }
  draw_diagram(ctx, sum, diagram_h);
  if (phase) draw_selected_phase(ctx, rows[sum.selected], *sum.selected_phase);
  if (ctx.loop_rows) draw_app_rows(ctx, sum.selected);
}

}  // namespace gs::ui
