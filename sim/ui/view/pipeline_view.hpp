// What the pipeline panel shows, prepared without ImGui: each promotion
// pipeline of the world as Kargo draws it — its stages left to right, each
// with its freight (what its folder or branch holds in Git), what its app
// deployed with the app's sync and health, the gates on entering it as
// chips (passed, blocked and why in a word, approved by whom) and its last
// promotion — and where the stage cards go in a panel of a given width
// (side by side with arrows, or one under the other when too narrow).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/ui/view/i18n.hpp"

namespace gs::world {
class World;
}

namespace gs::ui {

// How a chip or status reads: its colour in the panel.
enum class Tone { Good, Warn, Bad, Busy, Unknown };
Tone tone_of_status(const std::string& word);  // Synced, Healthy, OutOfSync, Progressing, Degraded, ...

struct GateChip {
  std::string name;    // the gate's name, as `approve` takes it
  std::string label;   // what the chip says: the gate's name
  std::string detail;  // in the view's language: "30s left", "approved by mina", "Sync Denied"
  std::string message; // the full sentence `pipeline get` prints (a tooltip)
  bool passed = false;
  Tone tone = Tone::Unknown;
};

struct StageCard {
  std::string env, app, where;
  std::string freight;   // in Git now ("-" when it cannot be read)
  std::string deployed;  // what the app's synced revision holds
  std::string sync, health;
  Tone sync_tone = Tone::Unknown, health_tone = Tone::Unknown;
  bool verified = false;
  std::string last_promotion;  // "+2m10s from dev", "" before any
  std::vector<GateChip> gates;  // on entering it; empty for the first stage
  bool blocked = false;         // some gate on entering it blocks now
  bool first = false;           // the first stage: new freight comes from Git commits
};

struct PipelineCard {
  std::string name;
  std::string subtitle;  // "shop-config · folder-per-environment (main)"
  std::vector<StageCard> stages;
};

struct PipelineView {
  std::vector<PipelineCard> pipelines;
};

PipelineView pipeline_view(const world::World& w, const I18n& i18n);

// Where the stage cards of one pipeline go: left to right with an arrow
// between two cards when each card keeps its minimum width, else stacked.
struct StageSlot {
  float x = 0, y = 0, w = 0, h = 0;
};
struct PipelineLayout {
  bool stacked = false;
  // Lines each gate takes: 1 (its name and why side by side) on a card wide
  // enough for both, else 2.
  int gate_line_count = 2;
  std::vector<StageSlot> cards;   // relative to the pipeline's top-left
  std::vector<StageSlot> arrows;  // between card i and i+1 (from its left/top to right/bottom)
  float height = 0;
};
// `gate_lines`: the most gate chips any card holds (each takes two lines).
inline constexpr float kStageMinWidth = 150;       // per scale step
inline constexpr float kStageOneLineGates = 340;  // a gate's name and why fit on one line
PipelineLayout layout_pipeline(std::size_t stages, std::size_t gate_lines, float width, float scale, float line_h);

}  // namespace gs::ui
