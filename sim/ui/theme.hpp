// Colours: Argo CD's status colours (spec section 10.3, from the Argo CD UI's
// colors.ts) and two themes for the rest — a calm dark one and a high-contrast
// one for projectors. Colours are packed ABGR as ImGui's ImU32 is.
#pragma once

#include <cstdint>

#include "sim/cluster/health/health.hpp"
#include "sim/gitops/application.hpp"
#include "sim/ui/view/loop_phase.hpp"

namespace gs::ui {

using Color = std::uint32_t;  // ImU32 layout: 0xAABBGGRR

constexpr Color rgb(std::uint32_t hex, std::uint8_t a = 255) {
  return (static_cast<Color>(a) << 24) | ((hex & 0xFF) << 16) | (hex & 0xFF00) | ((hex >> 16) & 0xFF);
}

// Argo CD's palette (colors.ts).
namespace argo {
inline constexpr Color kGreen = rgb(0x18BE94);     // Synced, Healthy, Succeeded
inline constexpr Color kYellow = rgb(0xF4C030);    // OutOfSync, Missing
inline constexpr Color kGrey = rgb(0xCCD6DD);      // Unknown
inline constexpr Color kBlue = rgb(0x0DADEA);      // Progressing, Running
inline constexpr Color kRed = rgb(0xE96D76);       // Degraded, Failed, Error
inline constexpr Color kPurple = rgb(0x766F94);    // Suspended
inline constexpr Color kDarkRed = rgb(0xDE303D);   // Terminating
inline constexpr Color kOrange = rgb(0xF59E0B);    // sync window: manual syncs only
}  // namespace argo

struct Theme {
  bool high_contrast = false;
  Color bg, panel, panel_alt, border, text, text_dim, accent, accent2, selection, header;
  Color node_fill, node_border, arrow, arrow_active, token, flash, drift;
  Color diff_add, diff_del, diff_hunk;
  Color lanes[6];

  static Theme dark();
  static Theme contrast();
};

Color sync_color(gitops::SyncStatusCode s);
Color health_color(cluster::HealthCode h);
Color phase_color(LoopPhase p);
Color with_alpha(Color c, float a);
Color mix(Color a, Color b, float t);

// Applies the theme's colours and the scaled sizes to ImGui's style.
void apply_imgui_style(const Theme& t, float scale);

}  // namespace gs::ui
