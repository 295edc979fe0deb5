// Fonts: NanumGothic (Debian's fonts-nanum) with the Korean glyph ranges for
// the UI, NanumGothicCoding for the console and YAML, and large sizes for
// titles and teaching pauses holding only the glyphs the texts use (keeps the
// atlas small). Without NanumGothic: ImGui's own font, English only, and a
// message saying why.
#pragma once

#include <string>
#include <vector>

#include "sim/ui/ui_context.hpp"

namespace gs::ui {

// Every text the big fonts must be able to show (UI strings, scenario texts).
// Builds into the current ImGui context's atlas; call between frames.
Fonts build_fonts(float scale, const std::vector<std::string>& texts, std::string* message);

}  // namespace gs::ui
