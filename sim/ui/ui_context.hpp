// What every panel gets each frame: read-only views of the session and of the
// prepared data, the shared selection, the language and theme, and a list to
// push requests into (command lines; the frame runs them after drawing, so a
// panel never changes the world while another panel draws it).
// [SECTION] index: PanelFlags (open flags), Selection, Request, ConsoleLog,
// Prepared (caches derived from the world), ViewSettings, FrameContext.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/cluster/object_key.hpp"
#include "sim/core/event.hpp"
#include "sim/session/session.hpp"
#include "sim/ui/theme.hpp"
#include "sim/ui/view/app_rows.hpp"
#include "sim/ui/view/i18n.hpp"
#include "sim/world/read_model.hpp"
#include "sim/world/world.hpp"

struct ImFont;

namespace gs::world {
class World;
}
namespace gs::lesson {
class LessonRun;
}

namespace gs::ui {

// The GUI drives its world through a session (sim/session), as every driver does.
using session::CommandOutcome;
using session::Session;

// [SECTION] Open flags, one per panel (imgui_demo's habit: all in one struct).
struct PanelFlags {
  bool loop = true;
  bool envs = true;
  bool git = true;
  bool app = true;
  bool timeline = true;
  bool console = true;
  bool editor = true;
  bool lesson = false;  // on while a lesson is open
  bool pair = false;    // on in pair mode
  bool metrics = true;
  bool pipeline = false;  // pipe: on when the world has promotion pipelines
};

// [SECTION] What is selected, shared by every panel.
struct Selection {
  std::string app;
  cluster::ObjectKey resource;  // empty kind: none
  EventId event = 0;
  int loop_step = 0;  // a loop step (1..6) pointed at, e.g. the one that passed a lesson step; 0 none
};

// What the lesson panel asks of the LessonRun (lesson-format.md's buttons).
// Home leaves the lesson for the library (the window, not the lesson, does that).
enum class LessonAct { None, Answer, Hint, ShowSolution, Skip, Reset, Undo, Check, Next, Home };

// What the pair panel asks of pair mode (sim/pair): acknowledge the
// hand-over, swap now, a partner's vote, break-fix's buttons.
enum class PairAct { None, Ack, SwapNow, Vote, StartFix, Pick, Diagnose, NextRound };

// [SECTION] A request from a panel, run by the frame after drawing.
struct Request {
  std::string command;  // a line of the command language
  bool echo = true;     // show "$ command" and its output in the console
  LessonAct act = LessonAct::None;  // not None: a lesson button, `command` unused
  int arg = 0;                      // Answer: the choice; a pair act's choice or fault
  world::StagedFiles files;         // given beside it (the editor's text for `git write`)
  PairAct pair = PairAct::None;     // not None: a pair panel button, `command` unused
  int who = 0;                      // Vote: the partner (0 or 1)
};

struct ConsoleLine {
  enum class Kind { Input, Output, Error, Info } kind = Kind::Output;
  std::string text;
};

struct ConsoleLog {
  std::vector<ConsoleLine> lines;
  std::uint64_t version = 0;  // bumps on append, so the console can scroll down
  void add(ConsoleLine::Kind k, std::string text);
};

// [SECTION] Data derived from the world once per change, read by panels:
// the world's read model (every app as its reconciler words it, repositories,
// clusters) and what the panels derive from it.
struct Prepared {
  world::ReadModel model;
  AppRows apps;
  std::vector<std::string> event_text;  // events::describe per log entry, in event_text_lang (append-only)
  std::string event_text_lang = "en";
};

struct Fonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
  ImFont* big = nullptr;
  ImFont* title = nullptr;
  bool korean = false;  // NanumGothic found
};

// View settings the toolbar and shortcuts change (not the world: no command).
struct ViewSettings {
  Lang lang = Lang::En;
  bool high_contrast = false;
  float scale = 1.0f;  // font and UI scale; the frame rebuilds fonts when it changes
  bool presentation = false;  // the presentation layout (view/layout.hpp)
};

struct PairView;  // view/pair_view.hpp

// [SECTION] The frame context.
struct FrameContext {
  const Session& session;  // read-only: a panel changes the world only by send()
  const Prepared& prepared;
  Selection& selection;
  std::vector<Request>& requests;
  ConsoleLog& console;
  const I18n& i18n;
  const Theme& theme;
  const Fonts& fonts;
  ViewSettings& view;
  float scale = 1.0f;
  double wall_time_s = 0;  // for UI-only effects (caret blink); never for the world
  const lesson::LessonRun* lesson = nullptr;  // the lesson being done, if any (read-only)
  // A recording on screen: nothing may change the world (the frame drops
  // requests; panels grey out what would send one).
  bool read_only = false;
  // A replay's scrubber holds the clock: the toolbar leaves out its own
  // clock controls (a short screen keeps the row for the panels).
  bool scrubbing = false;
  // The layout's word (view/layout.hpp): the loop lists its apps' rows.
  bool loop_rows = true;
  // Pair mode (nullptr: off): what the pair panel, strip and banner show.
  const PairView* pair = nullptr;

  const char* tr(std::string_view key) const { return i18n.tr(key); }
  void send(std::string command, bool echo = true) { requests.push_back({std::move(command), echo}); }
  // A command with files beside it, echoed: the editor's `git write`.
  void send_with_files(std::string command, world::StagedFiles files) {
    Request r{std::move(command), true};
    r.files = std::move(files);
    requests.push_back(std::move(r));
  }
  void lesson_act(LessonAct act, int arg = 0) { requests.push_back({std::string(), false, act, arg}); }
  void pair_act(PairAct act, int arg = 0, int who = 0) {
    Request r{std::string(), false, LessonAct::None, arg};
    r.pair = act;
    r.who = who;
    requests.push_back(std::move(r));
  }
  // The lesson's title when a lesson is open, else the scenario's.
  const scenario::LocalizedText& title() const;
  TimePoint now() const { return session.now(); }
  // A window of virtual time long enough to be seen at the current speed:
  // `base` at 1x, stretched so it lasts at least `wall_s` seconds on screen.
  Duration visible_window(Duration base, double wall_s) const;
};

// "09:03:12" from the scenario's clock.start, for labels.
std::string wall_clock(const world::World& w, TimePoint t);

}  // namespace gs::ui
