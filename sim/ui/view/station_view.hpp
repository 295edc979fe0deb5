// What the instructor station's panel shows, prepared without ImGui: the
// plan's segments with their countdowns, the big clock and the current
// segment and step, its prompts or check questions with their vote
// tallies, the freeze banner, the fault palette's buttons and the faults
// pending and injected; and the debrief's side: the recordings of a
// directory, the markers a debrief looks for, and jumping between them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/classroom/station.hpp"
#include "sim/ui/view/scrubber.hpp"

namespace gs::ui {

struct StationRow {
  std::string label;      // "3. Push against pull"
  std::string kind;       // the segment kind as the file spells it
  std::string countdown;  // "4:05", "-0:30"
  std::string opens;      // the lesson or scenario file, "" for neither
  bool current = false;
  bool over = false;      // ran over its minutes
  float used = 0;         // share of its minutes spent, 0..1
};

struct StationQuestion {
  std::string prompt;
  std::vector<std::string> choices;  // "A) ..."
  std::vector<int> first, second;    // votes per choice, each round
  std::optional<int> answer;
};

struct StationView {
  std::string plan_title;
  std::string clock;      // the class's time so far, "12:34"
  std::string total;      // "50 min"
  std::string segment;    // the current segment's title
  std::string step;       // the open lesson's step title, "" for a scenario
  std::string countdown;  // the current segment's
  bool over = false;
  std::string notes;      // for the instructor
  std::vector<StationRow> rows;
  std::vector<std::string> prompts;
  std::vector<StationQuestion> questions;
  // Pair work, sharing and checks are shown large over the workspace; a
  // demo's prompts stay in the instructor's notes.
  bool board = false;
  // Pair work: "Roles swap in 1:23 · explainer ↔ questioner"; "" outside it.
  std::string swap;
  // The class-wide hand-over moment (a few seconds after each swap).
  std::string swap_banner;
  bool frozen = false;
  std::vector<std::string> pending, injected;  // "bad-image on shop-dev at 3m"
};

// `swapped_at`: when the last class-wide swap fell due (its banner shows
// for kSwapBannerMs after).
inline constexpr classroom::WallMs kSwapBannerMs = 6'000;
StationView make_station_view(const classroom::Station& st, classroom::WallMs now, bool ko,
                              const std::string& step_title, std::optional<classroom::WallMs> swapped_at = {});

struct FaultButton {
  std::string id, label, explanation;
};
std::vector<FaultButton> fault_buttons(bool ko);
// "now", "30s", "1m" ... for the palette's delay choice.
std::vector<std::string> delay_labels(bool ko);

// --- debrief ----------------------------------------------------------------
struct RecordingEntry {
  std::filesystem::path file;
  std::string title;         // what was recorded (its source's name)
  std::string participants;  // "Mina, Jisoo"
  std::size_t markers = 0;   // debrief markers in it
  std::string error;         // does not open: why
};
// The *.gsrec files of a directory, by name.
std::vector<RecordingEntry> scan_recordings(const std::filesystem::path& dir);

// The markers a debrief looks for: role swaps, faults, failed commands and
// bookmarks, in time order.
std::vector<Marker> debrief_markers(const std::vector<Marker>& all);
// The marker after (dir > 0) or before (dir < 0) `pos`, if any.
std::optional<std::size_t> marker_jump(const std::vector<Marker>& markers, std::int64_t pos, int dir);
// "+1:05": a position on a recording's axis.
std::string axis_time(std::int64_t pos_ms);

}  // namespace gs::ui
