// Frame: the view's state in its three places (tracy's split) — settings
// (ViewSettings, PanelFlags), per-panel state (PanelStates) and caches
// derived from the world (Prepared) — and one frame's work: prepare the
// caches, lay out the slots, draw each panel from the dispatch list, then run
// the requests the panels made. Owns no world: the Session (or the LessonRun
// whose session it is) is passed in. With a lesson, commands go through
// LessonRun::run (so the step's `deny` applies), the lesson panel takes the
// right column's top, and a reset or undo (which rebuilds the session) is
// followed: the frame rebinds to the new session and drops its caches.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "sim/ui/app.hpp"
#include "sim/ui/panels/panels.hpp"
#include "sim/ui/ui_context.hpp"
#include "sim/ui/view/pair_view.hpp"

namespace gs::ui {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

class Frame {
 public:
  Frame(Session& session, const I18n& i18n, const ViewOptions& view_opts, lesson::LessonRun* lesson = nullptr);

  // Reads what changed in the world since the last frame (cheap when nothing did).
  void prepare();
  // Builds the whole UI for this frame (between ImGui::NewFrame and ImGui::Render),
  // below `top_y` (a menu bar's height).
  void build(const Fonts& fonts, double wall_time_s, float top_y = 0);
  // Runs the commands the panels asked for, echoing them to the console.
  void run_requests();

  ViewSettings& view() { return view_; }
  const Theme& theme() const { return theme_; }
  void set_theme(const Theme& t) { theme_ = t; }
  ConsoleLog& console() { return console_; }
  const std::map<std::string, Rect>& panel_rects() const { return rects_; }
  Session& session() { return *session_; }
  // Whether a panel asked for the library since the last call.
  bool take_home_request() { return std::exchange(home_requested_, false); }
  // A command as if typed into the console (for screenshots and demos).
  void type_command(std::string command) { requests_.push_back({std::move(command), true}); }
  // A lesson button, as the panel would press it (for screenshots and demos).
  void lesson_act(LessonAct act, int arg = 0) { requests_.push_back({std::string(), false, act, arg}); }

  // A recording on screen: requests that would change the world are
  // dropped, and the panels grey out what would send them.
  void set_read_only(bool on) { read_only_ = on; }
  // The instructor station owns the plain keys (Space, N ...): the frame keeps only its Ctrl ones.
  void set_station_keys(bool on) { station_keys_ = on; }
  bool read_only() const { return read_only_; }
  // The scrubber strip to draw across the bottom (nullptr: none), and what
  // the user asked of it in the last frame.
  void set_scrubber(const ScrubberView* v) { scrubber_ = v; }
  ScrubberRequest take_scrubber_request() { return std::exchange(scrub_req_, ScrubberRequest{}); }
  // Pair mode (nullptr: off): commands are the driver's, break-fix may
  // refuse them, and the pair panel, strip and banner show. `wall_ms`: the
  // pair's wall clock, kept by the workspace.
  void set_pair(pair::PairRun* p, const std::int64_t* wall_ms);
  // Bumps for every request run (the workspace refreshes a live
  // recording's markers then).
  std::uint64_t acted() const { return acted_; }

 private:
  void shortcuts(FrameContext& ctx);
  void draw_slot(FrameContext& ctx, Slot slot, const char* id, Rect r);
  void rebind(Session& session);
  void run_lesson_act(const Request& r);
  void run_pair_act(const Request& r);
  void point_at_pass();

  Session* session_;
  lesson::LessonRun* lesson_;
  const I18n& i18n_;
  ViewOptions opts_;
  ViewSettings view_;
  Theme theme_;
  PanelFlags flags_;
  PanelStates states_;
  Prepared prepared_;
  Selection selection_;
  std::vector<Request> requests_;
  ConsoleLog console_;
  std::map<std::string, Rect> rects_;
  WindowLayout layout_;
  int frame_no_ = 0;
  std::string select_tab_;
  bool home_requested_ = false;  // a tab to bring forward on the next frame ("console")
  bool read_only_ = false;
  bool station_keys_ = false;
  const ScrubberView* scrubber_ = nullptr;
  ScrubberRequest scrub_req_;
  std::uint64_t acted_ = 0;
  pair::PairRun* pair_ = nullptr;
  const std::int64_t* pair_wall_ = nullptr;
  PairView pair_view_;
};

}  // namespace gs::ui
