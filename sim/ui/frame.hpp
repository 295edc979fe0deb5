// Frame: the view's state in its three places (tracy's split) — settings
// (ViewSettings, PanelFlags), per-panel state (PanelStates) and caches
// derived from the world (Prepared) — and one frame's work: prepare the
// caches, lay out the slots, draw each panel from the dispatch list, then run
// the requests the panels made. Owns no world: the Session is passed in.
#pragma once

#include <map>
#include <string>

#include "sim/ui/app.hpp"
#include "sim/ui/panels/panels.hpp"
#include "sim/ui/ui_context.hpp"

namespace gs::ui {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

class Frame {
 public:
  Frame(Session& session, const I18n& i18n, const ViewOptions& view_opts);

  // Reads what changed in the world since the last frame (cheap when nothing did).
  void prepare();
  // Builds the whole UI for this frame (between ImGui::NewFrame and ImGui::Render).
  void build(const Fonts& fonts, double wall_time_s);
  // Runs the commands the panels asked for, echoing them to the console.
  void run_requests();

  ViewSettings& view() { return view_; }
  const Theme& theme() const { return theme_; }
  void set_theme(const Theme& t) { theme_ = t; }
  ConsoleLog& console() { return console_; }
  const std::map<std::string, Rect>& panel_rects() const { return rects_; }

 private:
  void shortcuts(FrameContext& ctx);
  void draw_slot(FrameContext& ctx, Slot slot, const char* id, Rect r);

  Session& session_;
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
  int frame_no_ = 0;
};

}  // namespace gs::ui
