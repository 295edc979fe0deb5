#include "sim/ui/view/pipeline_view.hpp"

#include <algorithm>

#include "sim/core/duration.hpp"
#include "sim/delivery/pipelines.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {

Tone tone_of_status(const std::string& word) {
  if (word == "Synced" || word == "Healthy") return Tone::Good;
  if (word == "OutOfSync" || word == "Missing" || word == "Suspended") return Tone::Warn;
  if (word == "Degraded") return Tone::Bad;
  if (word == "Progressing") return Tone::Busy;
  return Tone::Unknown;
}

namespace {

// The word beside a gate's name, in the view's language.
std::string gate_detail(const delivery::GateState& g, const I18n& i18n) {
  auto tr = [&](const char* key) { return std::string(i18n.tr(key)); };
  if (g.kind == "verified") return g.passed ? tr("pipe.verified") : (g.value.empty() ? tr("pipe.no_status") : g.value);
  if (g.kind == "soak") return g.value + " " + tr(g.passed ? "pipe.soaked" : "pipe.left");
  if (g.kind == "approval") return g.passed ? tr("pipe.approved_by") + " " + g.value : tr("pipe.waiting_approval");
  if (g.kind == "syncWindow") return g.value;
  // verification: a test report or a Job
  if (g.passed) return tr("pipe.test_passed");
  if (g.value == "fail" || g.value == "failed") return tr("pipe.test_failed");
  if (g.value == "running") return tr("pipe.running");
  return tr("pipe.waiting");
}

GateChip chip(const delivery::GateState& g, const I18n& i18n) {
  GateChip c;
  c.name = g.name;
  c.passed = g.passed;
  c.label = g.name;
  c.detail = gate_detail(g, i18n);
  c.message = g.message;
  const bool failed = g.value == "fail" || g.value == "failed" || g.value == "Sync Denied";
  c.tone = g.passed ? Tone::Good : failed ? Tone::Bad : Tone::Warn;
  return c;
}

}  // namespace

PipelineView pipeline_view(const world::World& w, const I18n& i18n) {
  PipelineView v;
  const auto lens = w.delivery_lens();
  for (const auto& spec : w.pipelines().specs()) {
    PipelineCard card;
    card.name = spec.name;
    card.subtitle = spec.repo + " \xC2\xB7 " + delivery::strategy_name(spec.strategy);  // ·
    if (spec.strategy == delivery::Strategy::FolderPerEnvironment) card.subtitle += " (" + spec.branch + ")";
    for (const auto& s : w.pipelines().stages(spec, lens)) {
      StageCard sc;
      sc.env = s.env;
      sc.app = s.app;
      sc.where = s.where;
      sc.freight = s.freight ? s.freight->name : "-";
      sc.deployed = s.deployed.empty() ? "-" : s.deployed;
      sc.sync = s.sync.empty() ? "Unknown" : s.sync;
      sc.health = s.health.empty() ? "Unknown" : s.health;
      sc.sync_tone = tone_of_status(sc.sync);
      sc.health_tone = tone_of_status(sc.health);
      sc.verified = s.verified;
      if (s.last_promotion) {
        std::string from = i18n.tr("pipe.from");  // "from {env}", "{env}에서"
        if (const auto at = from.find("{env}"); at != std::string::npos) from.replace(at, 5, s.last_promotion->from);
        sc.last_promotion = format_offset(s.last_promotion->at) + " " + from;
      }
      for (const auto& g : s.gates) {
        sc.gates.push_back(chip(g, i18n));
        if (!g.passed) sc.blocked = true;
      }
      sc.first = card.stages.empty();
      card.stages.push_back(std::move(sc));
    }
    v.pipelines.push_back(std::move(card));
  }
  return v;
}

PipelineLayout layout_pipeline(std::size_t stages, std::size_t gate_lines, float width, float scale, float line_h) {
  PipelineLayout out;
  if (stages == 0) return out;
  const float s = std::max(0.1f, scale);
  const float arrow = 44 * s;
  const float gap = 8 * s;
  const auto n = static_cast<float>(stages);
  const float side_w = (width - (n - 1) * arrow) / n;
  const float card_w = side_w < kStageMinWidth * s ? width : side_w;
  out.gate_line_count = card_w >= kStageOneLineGates * s ? 1 : 2;
  // The env and app, the freight, the sync and health chips, the last
  // promotion: 4 lines; then the gates.
  const float gate_h = static_cast<float>(gate_lines * static_cast<std::size_t>(out.gate_line_count)) * line_h;
  const float card_h = 4 * line_h + gate_h + (gate_lines ? 10 * s : 0) + 12 * s;
  out.stacked = side_w < kStageMinWidth * s;
  if (!out.stacked) {
    for (std::size_t i = 0; i < stages; ++i) {
      const float x = static_cast<float>(i) * (side_w + arrow);
      out.cards.push_back({x, 0, side_w, card_h});
      if (i + 1 < stages) out.arrows.push_back({x + side_w + gap, card_h / 2, arrow - 2 * gap, 0});
    }
    out.height = card_h;
    return out;
  }
  for (std::size_t i = 0; i < stages; ++i) {
    const float y = static_cast<float>(i) * (card_h + arrow);
    out.cards.push_back({0, y, width, card_h});
    if (i + 1 < stages) out.arrows.push_back({width / 2, y + card_h + gap, 0, arrow - 2 * gap});
  }
  out.height = n * card_h + (n - 1) * arrow;
  return out;
}

}  // namespace gs::ui
