// The scrubber's model: a recording's whole session as one time axis
// (recording-format.md), with a marker for each action a debrief looks for
// — commands (failed ones apart), faults, lesson steps, hints, answers,
// resets and undos, role swaps, bookmarks — placed in lanes so kinds never
// hide one another; the arithmetic between the axis and pixels (seeking by
// click or drag); the replay's own clock (play, pause, speed); and the
// console's history as it stood at a moment. No ImGui: the scrubber's
// draw code only paints what this says.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/record/recording.hpp"

namespace gs::ui {

enum class MarkerKind { Command, Failed, Fault, Step, Hint, Answer, Rewind, RoleSwap, Bookmark };
inline constexpr int kMarkerKinds = 9;

// The lane a kind is drawn in: 0 commands (failed, faults), 1 the lesson's
// steps (next, passed, skip; reset, undo), 2 help asked and answers (a step
// begins as its question is answered: apart, both show), 3 people (role
// swaps, bookmarks).
int marker_lane(MarkerKind k);
inline constexpr int kMarkerLanes = 4;
// The i18n key of a kind's name (for the legend and tooltips).
const char* marker_key(MarkerKind k);

struct Marker {
  MarkerKind kind = MarkerKind::Command;
  std::int64_t pos_ms = 0;
  std::size_t action = 0;  // index in the recording's actions
  std::string label;       // the command as typed, the step, the note ...
};

// Which marker an action makes, if any (clock actions — marks, and the
// toolbar's `sim` commands — and nested commands, which the action running
// them stands for, make none).
std::optional<MarkerKind> marker_of(const record::Action& a);
std::vector<Marker> markers_of(const std::vector<record::Action>& actions);

// The axis [start, end] on a strip `width` pixels wide from x0.
struct Axis {
  std::int64_t start = 0, end = 0;
  float x0 = 0, width = 1;

  std::int64_t span() const { return end > start ? end - start : 1; }
  float x_of(std::int64_t pos) const;
  // The moment under pixel `x`, clamped to the axis.
  std::int64_t pos_at(float x) const;
};

// The marker within `tolerance_px` of `x` (the nearest; in `lane` if not
// -1), for a tooltip or a click that lands on it.
std::optional<std::size_t> marker_near(const std::vector<Marker>& markers, const Axis& axis, float x,
                                       float tolerance_px, int lane = -1);

// Tick marks every `step_ms` that leave at least `min_px` between labels.
std::int64_t tick_step_ms(const Axis& axis, float min_px);

// The replay's clock: as the session's, wall time × speed while playing;
// stops at the end.
struct ReplayClock {
  bool playing = false;
  int speed = 10;
  // Where `pos` goes after `wall_dt_s` seconds (pos itself when paused);
  // reaching `end` pauses.
  std::int64_t advance(std::int64_t pos, std::int64_t end, double wall_dt_s);
};
inline constexpr int kReplaySpeeds[] = {1, 10, 60, 300};

// The console's history at a moment: each command up to `upto` actions
// (those applied) with its recorded output, and the learner's actions as
// notes. Kind: 0 input, 1 output, 2 error, 3 note.
struct HistoryLine {
  int kind = 0;
  std::string text;
};
std::vector<HistoryLine> history_of(const std::vector<record::Action>& actions, std::size_t upto);

// What the scrubber strip shows this frame (the workspace fills it) ...
struct ScrubberView {
  bool replay = false;   // a recording on screen (read-only); false: the live session
  bool of_live = false;  // a replay of the live session's own recording: "back to live"
  bool can_scrub = true;       // false: a live session not recorded (nothing to go back to)
  bool can_take_over = false;  // replay only
  std::int64_t start = 0, end = 0, pos = 0;
  const std::vector<Marker>* markers = nullptr;
  bool playing = false;
  int speed = 10;
  std::string file;  // the recording's file name
  std::string note;  // the recorder's error, once it stopped
};

// ... and what the user asked of it (the workspace does it after the frame).
struct ScrubberRequest {
  std::optional<std::int64_t> seek;
  std::optional<bool> play;
  std::optional<int> speed;
  bool take_over = false;
  bool back_to_live = false;
  bool any() const { return seek || play || speed || take_over || back_to_live; }
};

}  // namespace gs::ui
