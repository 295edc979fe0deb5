#include "sim/ui/view/scrubber.hpp"

#include <algorithm>
#include <cmath>

namespace gs::ui {

int marker_lane(MarkerKind k) {
  switch (k) {
    case MarkerKind::Command:
    case MarkerKind::Failed:
    case MarkerKind::Fault:
      return 0;
    case MarkerKind::Step:
    case MarkerKind::Rewind:
      return 1;
    case MarkerKind::Hint:
    case MarkerKind::Answer:
      return 2;
    case MarkerKind::RoleSwap:
    case MarkerKind::Bookmark:
      return 3;
  }
  return 0;
}

const char* marker_key(MarkerKind k) {
  switch (k) {
    case MarkerKind::Command: return "scrub.command";
    case MarkerKind::Failed: return "scrub.failed";
    case MarkerKind::Fault: return "scrub.fault";
    case MarkerKind::Step: return "scrub.step";
    case MarkerKind::Hint: return "scrub.hint";
    case MarkerKind::Answer: return "scrub.answer";
    case MarkerKind::Rewind: return "scrub.rewind";
    case MarkerKind::RoleSwap: return "scrub.swap";
    case MarkerKind::Bookmark: return "scrub.bookmark";
  }
  return "scrub.command";
}

std::optional<MarkerKind> marker_of(const record::Action& a) {
  if (a.is_command()) {
    if (a.nested) return std::nullopt;  // the skip that ran it has its own marker
    // The toolbar's clock buttons send `sim` commands: the clock's, like
    // play and pause marks (one the learner typed is a command).
    if (a.origin == session::Origin::Gui && a.text.rfind("sim ", 0) == 0) return std::nullopt;
    if (!a.ok || a.exit_code != 0 || a.denied) return MarkerKind::Failed;
    // The palette's faults include a commit or a kubectl edit, not only `fault`.
    if (a.origin == session::Origin::FaultPalette) return MarkerKind::Fault;
    const auto first = a.text.find_first_not_of(' ');
    if (first != std::string::npos && a.text.compare(first, 5, "fault") == 0 &&
        (a.text.size() == first + 5 || a.text[first + 5] == ' ')) {
      return MarkerKind::Fault;
    }
    return MarkerKind::Command;
  }
  const std::string& k = a.kind;
  if (k == "next" || k == "passed" || k == "skip") return MarkerKind::Step;
  if (k == "hint" || k == "solution") return MarkerKind::Hint;
  if (k == "answer") return MarkerKind::Answer;
  if (k == "reset" || k == "undo") return MarkerKind::Rewind;
  if (k == "role-swap") return MarkerKind::RoleSwap;
  if (k == "bookmark") return MarkerKind::Bookmark;
  return std::nullopt;  // play, pause, speed, step, check: the clock's, not the debrief's
}

namespace {

std::string label_of(const record::Action& a) {
  if (a.is_command()) return a.text;
  std::string l = a.kind;
  if (!a.detail.empty()) l += " " + a.detail;
  if (!a.step.empty()) l += " (" + a.step + ")";
  if (!a.ok) l += " — refused";
  return l;
}

}  // namespace

std::vector<Marker> markers_of(const std::vector<record::Action>& actions) {
  std::vector<Marker> out;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (auto k = marker_of(actions[i])) out.push_back({*k, actions[i].pos_ms, i, label_of(actions[i])});
  }
  return out;
}

float Axis::x_of(std::int64_t pos) const {
  const std::int64_t p = std::clamp(pos, start, std::max(start, end));
  return x0 + width * static_cast<float>(static_cast<double>(p - start) / static_cast<double>(span()));
}

std::int64_t Axis::pos_at(float x) const {
  const double f = std::clamp(static_cast<double>(x - x0) / std::max(1.0f, width), 0.0, 1.0);
  // An empty session's span is 1 ms (to divide by): never past its end.
  return std::min(std::max(start, end), start + static_cast<std::int64_t>(std::llround(f * static_cast<double>(span()))));
}

std::optional<std::size_t> marker_near(const std::vector<Marker>& markers, const Axis& axis, float x,
                                       float tolerance_px, int lane) {
  std::optional<std::size_t> best;
  float best_d = tolerance_px;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    if (lane >= 0 && marker_lane(markers[i].kind) != lane) continue;
    const float d = std::abs(axis.x_of(markers[i].pos_ms) - x);
    if (d <= best_d) {  // <=: of equals, the later one (drawn on top)
      best_d = d;
      best = i;
    }
  }
  return best;
}

std::int64_t tick_step_ms(const Axis& axis, float min_px) {
  static const std::int64_t kSteps[] = {1000,    5000,    10000,   30000,    60000,   120000,
                                        300000,  600000,  900000,  1800000,  3600000, 7200000,
                                        14400000, 21600000, 43200000, 86400000};
  for (std::int64_t s : kSteps) {
    if (static_cast<double>(s) / static_cast<double>(axis.span()) * axis.width >= min_px) return s;
  }
  return kSteps[std::size(kSteps) - 1];
}

std::int64_t ReplayClock::advance(std::int64_t pos, std::int64_t end, double wall_dt_s) {
  if (!playing) return pos;
  // A frame that took long (a window dragged) does not jump far.
  const double dt = std::clamp(wall_dt_s, 0.0, 0.25);
  const std::int64_t to = pos + static_cast<std::int64_t>(std::llround(dt * 1000.0 * speed));
  if (to >= end) {
    playing = false;
    return std::max(pos, end);
  }
  return to;
}

std::vector<HistoryLine> history_of(const std::vector<record::Action>& actions, std::size_t upto) {
  std::vector<HistoryLine> out;
  upto = std::min(upto, actions.size());
  for (std::size_t i = 0; i < upto; ++i) {
    const record::Action& a = actions[i];
    if (a.is_command()) {
      out.push_back({0, "$ " + a.text});
      if (!a.output.empty()) out.push_back({a.ok && !a.denied ? 1 : 2, a.output});
      continue;
    }
    if (marker_of(a)) out.push_back({3, "# " + label_of(a)});
  }
  return out;
}

}  // namespace gs::ui
