// Station mode's wiring: the Station's state, the workspace's session and
// frame, and the panel's requests, once a frame.
#include "sim/ui/station_mode.hpp"

#include <algorithm>

#include <imgui.h>

#include "sim/ui/frame.hpp"

namespace gs::ui {

namespace {

void add(std::vector<std::string>& out, const scenario::LocalizedText& t) {
  out.push_back(t.en);
  out.push_back(t.ko);
}

}  // namespace

StationMode::StationMode(classroom::ClassPlan plan, StationStart start)
    : station_(std::move(plan)), start_(std::move(start)) {
  if (start_.segment < station_.plan().segments.size()) station_.go_to(start_.segment, 0);
  panel_.palette_open = start_.palette;
  if (!start_.debrief_dir.empty()) {
    panel_.debrief_open = true;
    debrief_.recordings = scan_recordings(start_.debrief_dir);
  }
}

std::vector<std::string> StationMode::texts() const {
  std::vector<std::string> t;
  const auto& plan = station_.plan();
  add(t, plan.title);
  for (const auto& s : plan.segments) {
    add(t, s.title);
    if (s.notes) add(t, *s.notes);
    for (const auto& p : s.prompts) add(t, p);
    for (const auto& q : s.questions) {
      add(t, q.prompt);
      for (const auto& c : q.choices) add(t, c);
    }
  }
  for (const auto& f : classroom::fault_palette()) {
    add(t, f.label);
    add(t, f.explanation);
  }
  for (bool ko : {false, true}) {
    for (const auto& d : delay_labels(ko)) t.push_back(d);
  }
  t.push_back("0123456789:-→@ 분강사가멈춤Frozen by the instructor");
  // Pair work's swap line and banner (make_station_view's words).
  t.push_back("역할 교대까지 · 설명자 ↔ 질문자 역할 교대! 설명자와 질문자가 바뀝니다");
  t.push_back("Roles swap in · explainer ↔ questioner Swap roles! The explainer now asks");
  for (const auto& r : debrief_.recordings) t.push_back(r.title + r.participants);
  return t;
}

Status StationMode::open_segment(Workspace& ws, const GuiOptions& opts, const ViewOptions* view) {
  const auto i = classroom::world_segment(station_.plan(), station_.current());
  if (!i) return {};
  const classroom::Segment& seg = station_.plan().segments[*i];
  const std::string file = !seg.lesson.empty() ? seg.lesson_path.string() : seg.scenario_path.string();
  if (file == opened_ && !ws.replaying()) return {};
  Status st = !seg.lesson.empty() ? ws.open_lesson(seg.lesson_path, opts, view)
                                  : ws.open_scenario(seg.scenario_path, opts, view);
  if (st) opened_ = file;
  return st;
}

float StationMode::strip_height(const Fonts& fonts) const {
  if (panel_.measured_h > 0) return panel_.measured_h;
  const float big = fonts.big ? fonts.big->FontSize : 26.0f;
  const float ui = fonts.ui ? fonts.ui->FontSize : 13.0f;
  return big + ui * 2.0f + ui * 1.6f;
}

void StationMode::before_frame(Workspace& ws, double wall_s) {
  wall_s_ = wall_s;
  if (first_frame_) {
    station_.start(now_ms());
    first_frame_ = false;
    if (start_.frozen) actions_.freeze = true;
    if (!debrief_.recordings.empty() && !ws.replaying()) actions_.open_recording = 0;
  }
  if (Frame* f = ws.frame()) f->set_station_keys(true);
  Session* s = ws.replaying() ? nullptr : ws.session();
  // Pair work's class-wide swaps: marked on the open world, bannered.
  if (classroom::station_swaps(station_, s, now_ms()) > 0) swapped_at_ = now_ms();
  if (!s) return;
  if (station_.frozen()) {
    if (s->playing()) s->pause();
    if (Frame* f = ws.frame()) f->set_read_only(true);
  }
  for (const auto& line : classroom::issue_due_faults(station_, *s)) last_line_ = line;
}

void StationMode::draw(Workspace& ws, const Fonts& fonts, const Theme& theme, bool ko, float top_y) {
  std::string step;
  if (const lesson::LessonRun* l = ws.lesson()) {
    const auto& t = l->step().title;
    step = ko && !t.ko.empty() ? t.ko : t.en;
  }
  const StationView v = make_station_view(station_, now_ms(), ko, step, swapped_at_);
  std::vector<std::string> apps;
  if (Session* s = ws.replaying() ? nullptr : ws.session()) apps = classroom::fault_targets(s->world());
  if (ws.replaying()) debrief_.pos = ws.scrubber().pos;
  draw_station_panel(v, debrief_, apps, last_line_, panel_, fonts, theme, ko, top_y, strip_height(fonts), actions_);
  if (!actions_.fault) return;
  // The app chosen is named now: the list may change before the frame ends.
  if (actions_.fault->app.empty() && panel_.app >= 0 && static_cast<std::size_t>(panel_.app) < apps.size()) {
    actions_.fault->app = apps[static_cast<std::size_t>(panel_.app)];
  }
}

void StationMode::open_recording(Workspace& ws, std::size_t i) {
  if (i >= debrief_.recordings.size() || !debrief_.recordings[i].error.empty()) return;
  const auto& entry = debrief_.recordings[i];
  auto rec = record::Recording::open(entry.file);
  if (!rec) {
    last_line_ = rec.error().message;
    return;
  }
  debrief_.markers = debrief_markers(markers_of(rec->actions()));
  const std::optional<std::int64_t> at =
      debrief_.markers.empty() ? std::nullopt : std::optional<std::int64_t>(debrief_.markers.front().pos_ms);
  if (auto st = ws.open_replay(entry.file, at); !st) {
    last_line_ = st.error().message;
    return;
  }
  debrief_.open = i;
  opened_.clear();
  last_line_ = entry.file.filename().string();
}

void StationMode::after_frame(Workspace& ws, const GuiOptions& opts) {
  StationActions a = std::exchange(actions_, StationActions{});
  const classroom::WallMs now = now_ms();
  Session* s = ws.replaying() ? nullptr : ws.session();
  bool moved = false;
  if (a.next_segment) moved = station_.next(now);
  if (a.prev_segment) moved = station_.prev(now);
  if (a.go_segment) moved = station_.go_to(*a.go_segment, now);
  if (moved) {
    if (station_.frozen() && s) classroom::station_freeze(station_, *s, false);
    if (auto st = open_segment(ws, opts); !st) last_line_ = st.error().message;
    return;  // the session may be another now
  }
  if (a.open_recording) open_recording(ws, *a.open_recording);
  if (ws.replaying() && (a.seek_marker || a.jump != 0)) {
    std::optional<std::size_t> i = a.seek_marker;
    if (!i) i = marker_jump(debrief_.markers, ws.scrubber().pos, a.jump);
    if (i && *i < debrief_.markers.size()) {
      ScrubberRequest r;
      r.seek = debrief_.markers[*i].pos_ms;
      ws.request(r);
    }
  }
  if (a.vote) {
    Session* vs = ws.replaying() ? nullptr : ws.session();
    if (auto st = classroom::station_vote(station_, vs, a.vote->q, a.vote->round, a.vote->choice, a.vote->delta);
        !st) {
      last_line_ = st.error().message;
    }
  }
  if (!s) return;
  if (a.freeze) {
    classroom::station_freeze(station_, *s, !station_.frozen());
    if (!station_.frozen()) {
      if (Frame* f = ws.frame()) f->set_read_only(false);
    }
  }
  if (a.bookmark) {
    classroom::station_bookmark(station_, *s, *a.bookmark, now);
    last_line_ = (ws.view.lang == Lang::Ko ? "책갈피: " : "bookmark: ") + *a.bookmark;
  }
  if (a.fault) {
    const auto& delays = classroom::fault_delays();
    const Duration delay = delays[std::min(a.fault->delay, delays.size() - 1)];
    auto r = classroom::station_fault(station_, *s, a.fault->id, a.fault->app, delay);
    last_line_ = r ? *r : "error: " + r.error().message;
  }
  // Faults and bookmarks may be set up while frozen (as a flight simulator's
  // instructor does); the clock and the steps wait.
  if (station_.frozen()) return;
  if (a.play_pause) {
    if (s->playing()) s->pause();
    else s->play();
  }
  Frame* f = ws.frame();
  if (a.next_step) {
    if (ws.lesson() && f) f->lesson_act(LessonAct::Next);
    else s->step_next_event();
  }
  if (a.show_solution && ws.lesson() && f) f->lesson_act(LessonAct::ShowSolution);
}

}  // namespace gs::ui
