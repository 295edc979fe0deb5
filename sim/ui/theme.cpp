#include "sim/ui/theme.hpp"

#include <algorithm>
#include <imgui.h>

namespace gs::ui {

Theme Theme::dark() {
  Theme t;
  t.high_contrast = false;
  t.bg = rgb(0x10151C);
  t.panel = rgb(0x18202A);
  t.panel_alt = rgb(0x202A36);
  t.border = rgb(0x324152);
  t.text = rgb(0xE8EEF4);
  t.text_dim = rgb(0x8FA1B3);
  t.accent = rgb(0x5BA7FF);
  t.accent2 = rgb(0xC792EA);
  t.selection = rgb(0x2D5B8A);
  t.header = rgb(0x223041);
  t.node_fill = rgb(0x1E2935);
  t.node_border = rgb(0x4A6078);
  t.arrow = rgb(0x50657C);
  t.arrow_active = rgb(0xA9D1FF);
  t.token = rgb(0x0DADEA);
  t.flash = rgb(0xFFFFFF);
  t.drift = rgb(0xFF8A3D);
  t.diff_add = rgb(0x3FD08F);
  t.diff_del = rgb(0xFF7A85);
  t.diff_hunk = rgb(0x7FB2FF);
  const Color lanes[6] = {rgb(0x5BA7FF), rgb(0xC792EA), rgb(0x3FD0B0), rgb(0xFF9F5A), rgb(0xF78FB3), rgb(0xB5C2D0)};
  std::copy(std::begin(lanes), std::end(lanes), t.lanes);
  return t;
}

Theme Theme::contrast() {
  Theme t = dark();
  t.high_contrast = true;
  t.bg = rgb(0x000000);
  t.panel = rgb(0x000000);
  t.panel_alt = rgb(0x141414);
  t.border = rgb(0xFFFFFF);
  t.text = rgb(0xFFFFFF);
  t.text_dim = rgb(0xD0D0D0);
  t.accent = rgb(0x4FC3FF);
  t.selection = rgb(0x0050A0);
  t.header = rgb(0x202020);
  t.node_fill = rgb(0x000000);
  t.node_border = rgb(0xFFFFFF);
  t.arrow = rgb(0xB0B0B0);
  t.arrow_active = rgb(0xFFFFFF);
  return t;
}

Color sync_color(gitops::SyncStatusCode s) {
  switch (s) {
    case gitops::SyncStatusCode::Synced: return argo::kGreen;
    case gitops::SyncStatusCode::OutOfSync: return argo::kYellow;
    case gitops::SyncStatusCode::Unknown: return argo::kGrey;
  }
  return argo::kGrey;
}

Color health_color(cluster::HealthCode h) {
  switch (h) {
    case cluster::HealthCode::Healthy: return argo::kGreen;
    case cluster::HealthCode::Progressing: return argo::kBlue;
    case cluster::HealthCode::Degraded: return argo::kRed;
    case cluster::HealthCode::Suspended: return argo::kPurple;
    case cluster::HealthCode::Missing: return argo::kYellow;
    case cluster::HealthCode::Unknown: return argo::kGrey;
  }
  return argo::kGrey;
}

Color phase_color(LoopPhase p) {
  switch (p) {
    case LoopPhase::Committed: return rgb(0xC792EA);
    case LoopPhase::Refreshing: return rgb(0x7FB2FF);
    case LoopPhase::OutOfSync: return argo::kYellow;
    case LoopPhase::Syncing: return argo::kBlue;
    case LoopPhase::Progressing: return argo::kBlue;
    case LoopPhase::Degraded: return argo::kRed;
    case LoopPhase::Error: return argo::kDarkRed;
    case LoopPhase::InSync: return argo::kGreen;
  }
  return argo::kGrey;
}

Color with_alpha(Color c, float a) {
  const auto alpha = static_cast<std::uint32_t>(std::clamp(a, 0.0f, 1.0f) * static_cast<float>((c >> 24) & 0xFF));
  return (c & 0x00FFFFFFu) | (alpha << 24);
}

Color mix(Color a, Color b, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  Color out = 0;
  for (int sh = 0; sh < 32; sh += 8) {
    const float x = static_cast<float>((a >> sh) & 0xFF), y = static_cast<float>((b >> sh) & 0xFF);
    out |= static_cast<Color>(x + (y - x) * t + 0.5f) << sh;
  }
  return out;
}

void apply_imgui_style(const Theme& t, float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  auto col = [](Color c) { return ImGui::ColorConvertU32ToFloat4(c); };
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = col(t.panel);
  // Children are transparent: the slot draws the panel colour once, so the
  // software rasteriser under Xvfb does not fill the same pixels twice.
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = col(t.panel_alt);
  c[ImGuiCol_Border] = col(t.border);
  c[ImGuiCol_Text] = col(t.text);
  c[ImGuiCol_TextDisabled] = col(t.text_dim);
  c[ImGuiCol_FrameBg] = col(t.panel_alt);
  c[ImGuiCol_FrameBgHovered] = col(mix(t.panel_alt, t.accent, 0.25f));
  c[ImGuiCol_FrameBgActive] = col(mix(t.panel_alt, t.accent, 0.4f));
  c[ImGuiCol_Button] = col(t.high_contrast ? rgb(0x1A1A1A) : rgb(0x2A3A4C));
  c[ImGuiCol_ButtonHovered] = col(mix(t.panel_alt, t.accent, 0.45f));
  c[ImGuiCol_ButtonActive] = col(t.accent);
  c[ImGuiCol_Header] = col(t.selection);
  c[ImGuiCol_HeaderHovered] = col(mix(t.panel_alt, t.accent, 0.3f));
  c[ImGuiCol_HeaderActive] = col(t.selection);
  c[ImGuiCol_Tab] = col(t.header);
  c[ImGuiCol_TabHovered] = col(mix(t.header, t.accent, 0.45f));
  c[ImGuiCol_TabActive] = col(t.high_contrast ? rgb(0x0050A0) : rgb(0x2D4A6A));
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
  c[ImGuiCol_TitleBg] = col(t.header);
  c[ImGuiCol_TitleBgActive] = col(t.header);
  c[ImGuiCol_TableHeaderBg] = col(t.header);
  c[ImGuiCol_TableRowBg] = col(t.panel);
  c[ImGuiCol_TableRowBgAlt] = col(t.panel_alt);
  c[ImGuiCol_TableBorderLight] = col(with_alpha(t.border, 0.6f));
  c[ImGuiCol_TableBorderStrong] = col(t.border);
  c[ImGuiCol_Separator] = col(t.border);
  c[ImGuiCol_CheckMark] = col(t.accent);
  c[ImGuiCol_ScrollbarBg] = col(t.panel);
  c[ImGuiCol_ScrollbarGrab] = col(t.border);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.55f);
  style.WindowRounding = 0;
  style.ChildRounding = 6;
  style.FrameRounding = 5;
  style.GrabRounding = 4;
  style.TabRounding = 5;
  style.PopupRounding = 6;
  style.WindowBorderSize = t.high_contrast ? 2.0f : 1.0f;
  style.ChildBorderSize = t.high_contrast ? 2.0f : 1.0f;
  style.FrameBorderSize = t.high_contrast ? 1.0f : 0.0f;
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(9, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 14;
  style.ScaleAllSizes(scale);
  // No anti-aliased fringes on shapes: they double the triangles ImGui emits,
  // and under Xvfb's software rasteriser (llvmpipe) every triangle costs
  // setup and binning time. Text keeps its anti-aliasing (it is in the glyphs).
  // The loop diagram turns fill AA back on for its own few shapes.
  style.AntiAliasedLines = false;
  style.AntiAliasedLinesUseTex = false;
  style.AntiAliasedFill = false;
  ImGui::GetStyle() = style;
}

}  // namespace gs::ui
