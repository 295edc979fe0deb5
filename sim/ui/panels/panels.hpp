// Every panel's draw function and its own state, and the one dispatch list
// that places them (tracy's and imgui_demo's habit: one file per panel, one
// visible list). A panel draws from FrameContext and pushes requests; it
// never touches another panel's state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/ui/ui_context.hpp"
#include "sim/ui/view/event_filter.hpp"
#include "sim/ui/view/layout.hpp"
#include "sim/ui/view/lesson_view.hpp"
#include "sim/ui/view/metrics_view.hpp"
#include "sim/ui/view/pipeline_view.hpp"
#include "sim/ui/view/repo_view.hpp"
#include "sim/ui/view/resource_tree.hpp"
#include "sim/ui/view/scrubber.hpp"

namespace gs::ui {

struct LoopPanelState {
  float list_scroll = 0;
};

struct EnvsPanelState {};

struct GitPanelState {
  std::string repo;                  // selected repository
  std::size_t built_at_log = ~std::size_t{0};
  std::uint64_t built_apps_version = ~std::uint64_t{0};
  RepoGraph graph;
};

struct AppPanelState {
  // Tree and diff caches, rebuilt when the app, the world or the selection changes.
  std::string app;
  std::uint64_t tree_version = ~std::uint64_t{0};
  std::vector<TreeNode> tree;
  std::uint64_t diff_version = ~std::uint64_t{0};
  std::string diff_app;
  cluster::ObjectKey diff_key;
  std::string diff_text;       // unified diff of the selected resource (or all)
  std::vector<std::string> diff_paths;
  // A selected resource Git does not hold (a pod): its Kubernetes Events instead.
  bool show_events = false;
  std::vector<ResourceEventRow> events;
};

struct TimelinePanelState {
  EventFilter filter;
  char text[128] = {};
  bool only_selected_app = false;
  FilteredEvents rows;
  bool follow = true;
  std::size_t last_count = 0;
  EventId explained = 0;
  std::string explanation;
  std::vector<const Event*> chain;
};

struct ConsolePanelState {
  char input[512] = {};
  std::vector<std::string> history;
  int history_pos = -1;
  std::uint64_t seen_version = 0;
  bool focus_input = false;
  std::vector<std::string> pending_candidates;
  std::vector<std::string> queued;  // a shown solution's next commands, typed one by one
};

struct LessonPanelState {
  std::optional<CheckReport> check;  // the last Check, for its step
  std::string note;                  // a one-line answer to the last button (an error, "solution typed")
  // The step whose pass is pointed at, and what at.
  std::size_t pointed_step = ~std::size_t{0};
  PassPointer pointer;
  // What the step showed last frame; when it changes, the step's text
  // scrolls to its end for `scroll_frames` frames.
  std::string seen;
  std::size_t seen_step = 0;
  int scroll_frames = 0;
};

struct EditorPanelState {
  std::string ref;          // "repo@branch" staged on
  std::string path;         // the file being edited
  std::string text;         // the editor's text
  std::string loaded;       // ref + " " + path the text was loaded for
  char new_path[256] = {};  // a file to create
  char message[256] = {};
  char author[128] = {};
};

struct PairPanelState {};

// The metrics panel's cache: the report and its view, rebuilt when the log or
// the clock moved (at most twice a second), the filter or the language changed.
struct MetricsPanelState {
  std::string filter;  // the app the plots show; "" every app
  metrics::Report report;
  MetricsView view;
  std::size_t built_log = ~std::size_t{0};
  std::int64_t built_now_ms = -1;
  double built_wall_s = 0;
  std::string built_filter;
  Lang built_lang = Lang::En;
};

// pipe: the pipeline panel's view, rebuilt when the world moves.
struct PipelinePanelState {
  PipelineView view;
  std::size_t built_events = ~std::size_t{0};
  std::int64_t built_now = -1;
  Lang built_lang = Lang::En;
};

struct PanelStates {
  LoopPanelState loop;
  EnvsPanelState envs;
  GitPanelState git;
  AppPanelState app;
  TimelinePanelState timeline;
  ConsolePanelState console;
  EditorPanelState editor;
  LessonPanelState lesson;
  PairPanelState pair;
  MetricsPanelState metrics;
  PipelinePanelState pipeline;  // pipe
};

void draw_loop_panel(FrameContext& ctx, LoopPanelState& st);
void draw_envs_panel(FrameContext& ctx, EnvsPanelState& st);
void draw_git_panel(FrameContext& ctx, GitPanelState& st);
void draw_app_panel(FrameContext& ctx, AppPanelState& st);
void draw_timeline_panel(FrameContext& ctx, TimelinePanelState& st);
void draw_console_panel(FrameContext& ctx, ConsolePanelState& st);
void draw_editor_panel(FrameContext& ctx, EditorPanelState& st);
void draw_lesson_panel(FrameContext& ctx, LessonPanelState& st);
void draw_pipeline_panel(FrameContext& ctx, PipelinePanelState& st);  // pipe
// Pair mode (panel_pair.cpp): the panel (roles, prompts, votes, break-fix),
// the strip under the toolbar (who drives, the countdown; returns its
// height) and the full-width hand-over banner at a swap.
void draw_pair_panel(FrameContext& ctx, PairPanelState& st);
void draw_metrics_panel(FrameContext& ctx, MetricsPanelState& st);
float draw_pair_strip(FrameContext& ctx, float x, float y, float w);
void draw_pair_banner(FrameContext& ctx);

// Not in the list: always on screen.
// Draws the toolbar `height` tall, or taller when its controls wrap to a
// second row (a narrow window); returns the height it took.
float draw_toolbar(FrameContext& ctx, float height);
void draw_teaching_pause(FrameContext& ctx);
// The scrubber strip across the bottom (panel_scrubber.cpp): its height at
// `width`, and drawing it at (x, y) `w` wide; what the user asked goes to `req`.
float scrubber_height(const FrameContext& ctx, const ScrubberView& v, float width);
void draw_scrubber(FrameContext& ctx, const ScrubberView& v, ScrubberRequest& req, float x, float y, float w);

// Slot: sim/ui/view/layout.hpp (the layout decides where each goes).

// [SECTION] The dispatch list.
struct PanelEntry {
  const char* id;         // "loop": for --view options and the rects file
  const char* title_key;  // i18n key; nullptr: the panel draws its own heading
  bool PanelFlags::*open;
  Slot slot;
  Slot lesson_slot;  // where it goes while a lesson is open (the lesson takes the right column's top)
  void (*draw)(FrameContext&, PanelStates&);
};

inline const PanelEntry kPanels[] = {
    {"lesson", nullptr, &PanelFlags::lesson, Slot::Hidden, Slot::RightTop,
     [](FrameContext& c, PanelStates& s) { draw_lesson_panel(c, s.lesson); }},
    {"loop", "panel.loop", &PanelFlags::loop, Slot::Main, Slot::Main,
     [](FrameContext& c, PanelStates& s) { draw_loop_panel(c, s.loop); }},
    // pipe: a tab beside the loop when the scenario has pipelines (the
    // stages need the loop's width and height).
    {"pipeline", "panel.pipeline", &PanelFlags::pipeline, Slot::Main, Slot::Main,
     [](FrameContext& c, PanelStates& s) { draw_pipeline_panel(c, s.pipeline); }},
    {"envs", "panel.envs", &PanelFlags::envs, Slot::RightTop, Slot::RightBottom,
     [](FrameContext& c, PanelStates& s) { draw_envs_panel(c, s.envs); }},
    {"git", "panel.git", &PanelFlags::git, Slot::RightTop, Slot::RightBottom,
     [](FrameContext& c, PanelStates& s) { draw_git_panel(c, s.git); }},
    {"editor", "panel.editor", &PanelFlags::editor, Slot::RightTop, Slot::RightBottom,
     [](FrameContext& c, PanelStates& s) { draw_editor_panel(c, s.editor); }},
    {"pair", "panel.pair", &PanelFlags::pair, Slot::RightTop, Slot::RightBottom,
     [](FrameContext& c, PanelStates& s) { draw_pair_panel(c, s.pair); }},
    {"metrics", "panel.metrics", &PanelFlags::metrics, Slot::RightTop, Slot::RightBottom,
     [](FrameContext& c, PanelStates& s) { draw_metrics_panel(c, s.metrics); }},
    {"app", "panel.app", &PanelFlags::app, Slot::RightBottom, Slot::RightBottom,
     [](FrameContext& c, PanelStates& s) { draw_app_panel(c, s.app); }},
    {"timeline", "panel.timeline", &PanelFlags::timeline, Slot::Bottom, Slot::Bottom,
     [](FrameContext& c, PanelStates& s) { draw_timeline_panel(c, s.timeline); }},
    {"console", "panel.console", &PanelFlags::console, Slot::Bottom, Slot::Bottom,
     [](FrameContext& c, PanelStates& s) { draw_console_panel(c, s.console); }},
};

}  // namespace gs::ui
