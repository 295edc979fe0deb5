// Break-fix's faults from the fault palette (palette.hpp).
#include "sim/pair/palette.hpp"

#include "sim/classroom/fault_palette.hpp"

namespace gs::pair {

std::vector<FaultOption> default_palette(const world::World& w) {
  std::vector<FaultOption> out;
  for (const auto& f : classroom::fault_palette()) {
    auto plan = classroom::plan_fault(w, f.id);
    if (!plan) continue;
    FaultOption o{f.id, f.label, {}};
    for (const auto& c : plan->commands) o.commands.push_back({c.line, c.files});
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace gs::pair
