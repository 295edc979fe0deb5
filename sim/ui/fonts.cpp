#include "sim/ui/fonts.hpp"

#include <imgui.h>

#include <filesystem>

namespace gs::ui {
namespace {

constexpr const char* kNanumDir = "/usr/share/fonts/truetype/nanum/";

// The em dash (unknown progress), arrows, bullets, geometric shapes and the multiplication sign the UI uses.
const ImWchar kSymbols[] = {0x00B7, 0x00B7, 0x00D7, 0x00D7, 0x2014, 0x2014, 0x2022, 0x2026, 0x2190, 0x21FF,
                            0x2460, 0x2473, 0x25A0, 0x25FF, 0x2713, 0x2717, 0};

}  // namespace

Fonts build_fonts(float scale, const std::vector<std::string>& texts, std::string* message) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts f;
  const std::string regular = std::string(kNanumDir) + "NanumGothic.ttf";
  const std::string bold = std::string(kNanumDir) + "NanumGothicBold.ttf";
  const std::string coding = std::string(kNanumDir) + "NanumGothicCoding.ttf";
  std::error_code ec;
  if (!std::filesystem::exists(regular, ec)) {
    if (message) {
      *message = "NanumGothic not found at " + regular +
                 " (install the Debian package fonts-nanum for the Korean UI); using ImGui's built-in font, English only";
    }
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * scale * 1.3f;
    f.ui = io.Fonts->AddFontDefault(&cfg);
    f.mono = f.ui;
    ImFontConfig big = cfg;
    big.SizePixels = 13.0f * scale * 2.2f;
    f.big = io.Fonts->AddFontDefault(&big);
    f.title = f.big;
    io.Fonts->Build();
    return f;
  }
  f.korean = true;
  // The glyphs the texts use (for the big fonts), plus ASCII and the symbols.
  ImFontGlyphRangesBuilder used;
  used.AddRanges(io.Fonts->GetGlyphRangesDefault());
  used.AddRanges(kSymbols);
  for (const auto& t : texts) used.AddText(t.c_str());
  static ImVector<ImWchar> used_ranges;  // must outlive the atlas build
  used_ranges.clear();
  used.BuildRanges(&used_ranges);

  static ImVector<ImWchar> ui_ranges;
  ui_ranges.clear();
  ImFontGlyphRangesBuilder uib;
  uib.AddRanges(io.Fonts->GetGlyphRangesKorean());
  uib.AddRanges(kSymbols);
  uib.BuildRanges(&ui_ranges);

  ImFontConfig cfg;
  cfg.OversampleH = 1;  // Hangul is dense; 1x keeps the atlas in one texture
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  const float ui_px = 17.0f * scale;
  f.ui = io.Fonts->AddFontFromFileTTF(regular.c_str(), ui_px, &cfg, ui_ranges.Data);
  const std::string mono_file = std::filesystem::exists(coding, ec) ? coding : regular;
  f.mono = io.Fonts->AddFontFromFileTTF(mono_file.c_str(), 16.0f * scale, &cfg, used_ranges.Data);
  const std::string title_file = std::filesystem::exists(bold, ec) ? bold : regular;
  f.title = io.Fonts->AddFontFromFileTTF(title_file.c_str(), 21.0f * scale, &cfg, used_ranges.Data);
  f.big = io.Fonts->AddFontFromFileTTF(title_file.c_str(), 34.0f * scale, &cfg, used_ranges.Data);
  if (!f.ui || !f.mono || !f.title || !f.big) {
    if (message) *message = "could not load " + regular + "; using ImGui's built-in font";
    io.Fonts->Clear();
    f = Fonts{};
    f.ui = f.mono = f.title = f.big = io.Fonts->AddFontDefault();
  }
  io.Fonts->Build();
  return f;
}

}  // namespace gs::ui
