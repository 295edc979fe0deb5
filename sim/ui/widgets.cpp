#include "sim/ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace gs::ui {
namespace {
constexpr float kPi = 3.14159265f;
}

float ease_in_out(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  return t < 0.5f ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3.0f) / 2;
}

float ease_out(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  return 1 - (1 - t) * (1 - t) * (1 - t);
}

Color text_on(Color bg) {
  const float r = static_cast<float>(bg & 0xFF), g = static_cast<float>((bg >> 8) & 0xFF),
              b = static_cast<float>((bg >> 16) & 0xFF);
  return (0.299f * r + 0.587f * g + 0.114f * b) > 150 ? rgb(0x111418) : rgb(0xFFFFFF);
}

void draw_check(ImDrawList* dl, ImVec2 c, float r, Color col, float thick) {
  const ImVec2 pts[3] = {ImVec2(c.x - r * 0.5f, c.y + r * 0.02f), ImVec2(c.x - r * 0.12f, c.y + r * 0.4f),
                         ImVec2(c.x + r * 0.55f, c.y - r * 0.38f)};
  dl->AddPolyline(pts, 3, col, 0, thick);
}

void draw_cross(ImDrawList* dl, ImVec2 c, float r, Color col, float thick) {
  const float k = r * 0.42f;
  dl->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), col, thick);
  dl->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), col, thick);
}

void draw_heart(ImDrawList* dl, ImVec2 c, float r, Color col, bool broken, Color cut) {
  // Two lobes and a point.
  const float lr = r * 0.52f;
  dl->AddCircleFilled(ImVec2(c.x - lr * 0.9f, c.y - r * 0.22f), lr, col);
  dl->AddCircleFilled(ImVec2(c.x + lr * 0.9f, c.y - r * 0.22f), lr, col);
  dl->AddTriangleFilled(ImVec2(c.x - r * 0.98f, c.y - r * 0.05f), ImVec2(c.x + r * 0.98f, c.y - r * 0.05f),
                        ImVec2(c.x, c.y + r * 0.95f), col);
  if (broken) {
    const ImVec2 z[5] = {ImVec2(c.x + r * 0.05f, c.y - r * 0.55f), ImVec2(c.x - r * 0.2f, c.y - r * 0.15f),
                         ImVec2(c.x + r * 0.18f, c.y + r * 0.12f), ImVec2(c.x - r * 0.1f, c.y + r * 0.45f),
                         ImVec2(c.x + r * 0.02f, c.y + r * 0.95f)};
    dl->AddPolyline(z, 5, cut, 0, std::max(1.5f, r * 0.22f));
  }
}

void draw_arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, Color col, float thick, float head) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1) return;
  const float ux = dx / len, uy = dy / len;
  const ImVec2 base(b.x - ux * head, b.y - uy * head);
  dl->AddLine(a, base, col, thick);
  dl->AddTriangleFilled(b, ImVec2(base.x - uy * head * 0.55f, base.y + ux * head * 0.55f),
                        ImVec2(base.x + uy * head * 0.55f, base.y - ux * head * 0.55f), col);
}

void draw_sync_icon(ImDrawList* dl, ImVec2 c, float r, gitops::SyncStatusCode s, bool requires_pruning) {
  const Color col = sync_color(s);
  const Color ink = rgb(0x10151C);
  const float th = std::max(1.5f, r * 0.28f);
  if (requires_pruning) {
    // Trash can: lid, body with ribs.
    dl->AddRectFilled(ImVec2(c.x - r * 0.75f, c.y - r * 0.8f), ImVec2(c.x + r * 0.75f, c.y - r * 0.55f), col, 1);
    dl->AddRectFilled(ImVec2(c.x - r * 0.25f, c.y - r), ImVec2(c.x + r * 0.25f, c.y - r * 0.75f), col, 1);
    dl->AddRectFilled(ImVec2(c.x - r * 0.6f, c.y - r * 0.45f), ImVec2(c.x + r * 0.6f, c.y + r), col, r * 0.2f);
    for (int i = -1; i <= 1; ++i) {
      dl->AddLine(ImVec2(c.x + i * r * 0.28f, c.y - r * 0.25f), ImVec2(c.x + i * r * 0.28f, c.y + r * 0.78f), ink,
                  std::max(1.0f, r * 0.12f));
    }
    return;
  }
  dl->AddCircleFilled(c, r, col);
  switch (s) {
    case gitops::SyncStatusCode::Synced: draw_check(dl, c, r, ink, th); break;
    case gitops::SyncStatusCode::OutOfSync: {
      // fa-arrow-alt-circle-up: a fat up arrow.
      dl->AddTriangleFilled(ImVec2(c.x, c.y - r * 0.62f), ImVec2(c.x - r * 0.55f, c.y), ImVec2(c.x + r * 0.55f, c.y), ink);
      dl->AddRectFilled(ImVec2(c.x - r * 0.22f, c.y - r * 0.05f), ImVec2(c.x + r * 0.22f, c.y + r * 0.58f), ink);
      break;
    }
    case gitops::SyncStatusCode::Unknown: {
      dl->PathArcTo(ImVec2(c.x, c.y - r * 0.22f), r * 0.32f, kPi * 1.1f, kPi * 2.35f);
      dl->PathLineTo(ImVec2(c.x, c.y + r * 0.2f));
      dl->PathStroke(ink, 0, th * 0.8f);
      dl->AddCircleFilled(ImVec2(c.x, c.y + r * 0.52f), th * 0.5f, ink);
      break;
    }
  }
}

void draw_health_icon(ImDrawList* dl, ImVec2 c, float r, cluster::HealthCode h, float spin) {
  const Color col = health_color(h);
  const Color ink = rgb(0x10151C);
  const float th = std::max(1.5f, r * 0.3f);
  switch (h) {
    case cluster::HealthCode::Healthy: draw_heart(dl, c, r, col, false, ink); break;
    case cluster::HealthCode::Degraded: draw_heart(dl, c, r, col, true, ink); break;
    case cluster::HealthCode::Progressing: {
      // fa-circle-notch: an open ring that turns.
      const float a0 = spin * 2 * kPi;
      dl->PathArcTo(c, r * 0.78f, a0, a0 + kPi * 1.55f);
      dl->PathStroke(col, 0, th);
      break;
    }
    case cluster::HealthCode::Suspended: {
      dl->AddCircleFilled(c, r, col);
      dl->AddRectFilled(ImVec2(c.x - r * 0.4f, c.y - r * 0.45f), ImVec2(c.x - r * 0.12f, c.y + r * 0.45f), ink);
      dl->AddRectFilled(ImVec2(c.x + r * 0.12f, c.y - r * 0.45f), ImVec2(c.x + r * 0.4f, c.y + r * 0.45f), ink);
      break;
    }
    case cluster::HealthCode::Missing: {
      // fa-ghost: a dome with a wavy hem and two eyes.
      dl->PathArcTo(ImVec2(c.x, c.y - r * 0.1f), r * 0.8f, kPi, 2 * kPi);
      dl->PathLineTo(ImVec2(c.x + r * 0.8f, c.y + r * 0.9f));
      dl->PathLineTo(ImVec2(c.x + r * 0.4f, c.y + r * 0.6f));
      dl->PathLineTo(ImVec2(c.x, c.y + r * 0.9f));
      dl->PathLineTo(ImVec2(c.x - r * 0.4f, c.y + r * 0.6f));
      dl->PathLineTo(ImVec2(c.x - r * 0.8f, c.y + r * 0.9f));
      dl->PathFillConvex(col);
      dl->AddCircleFilled(ImVec2(c.x - r * 0.3f, c.y - r * 0.15f), r * 0.16f, ink);
      dl->AddCircleFilled(ImVec2(c.x + r * 0.3f, c.y - r * 0.15f), r * 0.16f, ink);
      break;
    }
    case cluster::HealthCode::Unknown: {
      dl->AddCircleFilled(c, r, col);
      dl->PathArcTo(ImVec2(c.x, c.y - r * 0.22f), r * 0.32f, kPi * 1.1f, kPi * 2.35f);
      dl->PathLineTo(ImVec2(c.x, c.y + r * 0.2f));
      dl->PathStroke(ink, 0, th * 0.75f);
      dl->AddCircleFilled(ImVec2(c.x, c.y + r * 0.52f), th * 0.45f, ink);
      break;
    }
  }
}

void draw_step_badge(ImDrawList* dl, ImVec2 c, float r, int n, Color fill, Color text, ImFont* font) {
  dl->AddCircleFilled(c, r, fill);
  char buf[4];
  std::snprintf(buf, sizeof buf, "%d", n);
  ImFont* f = font ? font : ImGui::GetFont();
  const float size = r * 1.35f;
  const ImVec2 ts = f->CalcTextSizeA(size, 1e9f, 0, buf);
  dl->AddText(f, size, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), text, buf);
}

void draw_countdown_ring(ImDrawList* dl, ImVec2 c, float r, float fraction, Color col, Color track, float thick) {
  fraction = std::clamp(fraction, 0.0f, 1.0f);
  dl->AddCircle(c, r, track, 0, thick);
  if (fraction <= 0) return;
  const float a0 = -kPi / 2;
  dl->PathArcTo(c, r, a0, a0 + fraction * 2 * kPi);
  dl->PathStroke(col, 0, thick);
}

ImVec2 pill_size(std::string_view text, float pad_x, float pad_y) {
  const ImVec2 ts = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  return ImVec2(ts.x + pad_x * 2, ts.y + pad_y * 2);
}

ImVec2 draw_pill(ImDrawList* dl, ImVec2 pos, std::string_view text, Color bg, Color fg, float pad_x, float pad_y) {
  const ImVec2 sz = pill_size(text, pad_x, pad_y);
  dl->AddRectFilled(pos, ImVec2(pos.x + sz.x, pos.y + sz.y), bg, sz.y * 0.5f);
  dl->AddText(ImVec2(pos.x + pad_x, pos.y + pad_y), fg, text.data(), text.data() + text.size());
  return sz;
}

float chip_width(const char* label) {
  const float h = ImGui::GetTextLineHeight() + ImGui::GetStyle().FramePadding.y * 1.2f;
  const float pad = h * 0.3f;
  return pad + h * 0.32f * 2 + pad * 0.8f + ImGui::CalcTextSize(label).x + pad * 1.2f;
}

namespace {

template <class DrawIcon>
void chip(Color bg, const char* label, DrawIcon&& icon) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight() + ImGui::GetStyle().FramePadding.y * 1.2f;
  const float icon_r = h * 0.32f;
  const ImVec2 ts = ImGui::CalcTextSize(label);
  const float pad = h * 0.3f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 sz(chip_width(label), h);
  dl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), bg, h * 0.5f);
  const Color ink = text_on(bg);
  // The icon sits in a small dark disc so its shape reads on the status colour.
  const ImVec2 ic(p.x + pad + icon_r, p.y + h * 0.5f);
  dl->AddCircleFilled(ic, icon_r * 1.08f, rgb(0x10151C, 235));
  icon(dl, ic, icon_r * 0.82f);
  dl->AddText(ImVec2(ic.x + icon_r + pad * 0.8f, p.y + (h - ts.y) * 0.5f), ink, label);
  ImGui::Dummy(sz);
}

}  // namespace

void sync_chip(gitops::SyncStatusCode s, const char* label, bool requires_pruning) {
  chip(sync_color(s), label, [&](ImDrawList* dl, ImVec2 c, float r) { draw_sync_icon(dl, c, r, s, requires_pruning); });
}

void health_chip(cluster::HealthCode h, const char* label, float spin) {
  chip(health_color(h), label, [&](ImDrawList* dl, ImVec2 c, float r) { draw_health_icon(dl, c, r, h, spin); });
}

void text_clipped(ImDrawList* dl, ImVec2 pos, Color col, std::string_view text, float max_w, bool note) {
  const char* b = text.data();
  const char* e = b + text.size();
  if (ImGui::CalcTextSize(b, e).x <= max_w) {
    dl->AddText(pos, col, b, e);
    return;
  }
  if (note) frame_notes().cut.push_back({std::string(text), ImGui::CalcTextSize(b, e).x, max_w});
  const float dots = ImGui::CalcTextSize("...").x;
  // Shrink by whole UTF-8 characters.
  while (e > b && ImGui::CalcTextSize(b, e).x + dots > max_w) {
    --e;
    while (e > b && (static_cast<unsigned char>(*e) & 0xC0) == 0x80) --e;
  }
  std::string s(b, e);
  s += "...";
  dl->AddText(pos, col, s.c_str());
}

void same_line_or_wrap(float next_w, float spacing) {
  ImGui::SameLine(0, spacing);
  if (ImGui::GetContentRegionAvail().x < next_w) ImGui::NewLine();
}

float button_width(const char* label) { return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x; }

FrameNotes& frame_notes() {
  static FrameNotes notes;
  return notes;
}

bool toggle_button(const char* label, bool on, const Theme& th) {
  if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(th.selection));
  const bool pressed = ImGui::Button(label);
  if (on) ImGui::PopStyleColor();
  return pressed;
}

std::string speed_label(int speed) {
  char label[16];
  std::snprintf(label, sizeof label, "%d\xC3\x97", speed);
  return label;
}

}  // namespace gs::ui
