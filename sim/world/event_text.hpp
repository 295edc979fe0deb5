// One readable line per event, for the CLI timeline and the GUI's Timeline
// panel: "shop-dev: OutOfSync → Synced", "shop-config@develop a1b2c3d "Scale
// web to 3" by Jisoo Kim". Pure text; colour is the caller's business.
#pragma once

#include <string>

#include "sim/core/event.hpp"

namespace gs::world {

std::string describe_event(const Event& e);

}  // namespace gs::world
