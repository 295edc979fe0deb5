// The window in station mode (`gitops-sim class FILE`): the instructor's
// strip above the workspace (big clock, segment, step, countdown, one chip
// per segment with its own countdown, the keys' buttons), the fault palette,
// a bookmark's note, the freeze banner, prompts and check questions shown
// large with their votes, and the debrief (the pairs' recordings of a
// directory, each opened in the replay window at a marker). The logic is
// classroom::Station and view/station_view; this wires it to the workspace,
// and panels/panel_station.cpp draws it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/classroom/station.hpp"
#include "sim/ui/view/station_view.hpp"
#include "sim/ui/workspace.hpp"

namespace gs::ui {

struct StationStart {
  std::size_t segment = 0;                 // 0-based
  std::filesystem::path debrief_dir;       // recordings to debrief ("" none)
  bool palette = false;                    // the fault palette open (screenshots)
  bool frozen = false;                     // frozen at once (screenshots)
};

// What the station's panel asked this frame; done after the frame.
struct StationActions {
  bool play_pause = false, next_step = false, show_solution = false, freeze = false;
  bool next_segment = false, prev_segment = false;
  std::optional<std::size_t> go_segment;
  std::optional<std::string> bookmark;  // the note
  struct Fault {
    std::string id, app;
    std::size_t delay = 0;  // index into fault_delays()
  };
  std::optional<Fault> fault;
  struct Vote {
    std::size_t q = 0;
    int round = 1;
    std::size_t choice = 0;
    int delta = 1;
  };
  std::optional<Vote> vote;
  std::optional<std::size_t> open_recording;
  std::optional<std::size_t> seek_marker;  // index into the debrief's markers
  int jump = 0;                            // -1 previous marker, +1 next
};

// The panel's own state between frames.
struct StationPanelState {
  bool palette_open = false, bookmark_open = false, debrief_open = false;
  bool keys_open = false;  // the keys' row on a short screen (a tall one always shows it)
  int app = 0, delay = 0;
  char note[256] = {};
  float measured_h = 0;  // the strip's height as drawn last frame (0: not yet)
};

// The debrief's side of the panel.
struct DebriefView {
  std::vector<RecordingEntry> recordings;
  std::optional<std::size_t> open;  // the recording on screen
  std::vector<Marker> markers;      // its debrief markers
  std::int64_t pos = 0;
};

class StationMode {
 public:
  StationMode(classroom::ClassPlan plan, StationStart start);

  // Strings the fonts need glyphs for (the plan's and the palette's).
  std::vector<std::string> texts() const;
  // Opens the current segment's lesson or scenario in the workspace when it
  // names one (a segment that names neither keeps what is open).
  Status open_segment(Workspace& ws, const GuiOptions& opts, const ViewOptions* view = nullptr);
  // The strip's height at these fonts: the workspace is laid out below it.
  float strip_height(const Fonts& fonts) const;

  // Each frame: the class clock (`wall_s` from glfwGetTime), due faults,
  // freeze holding the clock and the consoles.
  void before_frame(Workspace& ws, double wall_s);
  // Draws the strip at `top_y` and the overlays (after the workspace's frame).
  void draw(Workspace& ws, const Fonts& fonts, const Theme& theme, bool ko, float top_y);
  // Does what the panel asked.
  void after_frame(Workspace& ws, const GuiOptions& opts);

  classroom::Station& station() { return station_; }
  const std::string& last_line() const { return last_line_; }

 private:
  void open_recording(Workspace& ws, std::size_t i);
  classroom::WallMs now_ms() const { return static_cast<classroom::WallMs>(wall_s_ * 1000.0); }
  std::optional<classroom::WallMs> swapped_at_;  // the last class-wide swap (its banner)

  classroom::Station station_;
  StationStart start_;
  StationPanelState panel_;
  StationActions actions_;
  DebriefView debrief_;
  std::string opened_;      // the segment file open in the workspace
  std::string last_line_;   // what the last action did, shown in the strip
  double wall_s_ = 0;
  bool first_frame_ = true;
};

// panels/panel_station.cpp: the strip and its overlays; fills `out`.
void draw_station_panel(const StationView& v, const DebriefView& d, const std::vector<std::string>& apps,
                        const std::string& last_line, StationPanelState& st, const Fonts& fonts, const Theme& th,
                        bool ko, float top_y, float strip_h, StationActions& out);

}  // namespace gs::ui
