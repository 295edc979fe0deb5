#include "sim/ui/frame.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>  // the panel window's widest item, for the cut-label notes

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/events.hpp"
#include "sim/ui/widgets.hpp"
#include "sim/lesson/runner.hpp"
#include "sim/pair/palette.hpp"
#include "sim/world/command.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {

std::string wall_clock(const world::World& w, TimePoint t) {
  const std::string ts = format_rfc3339_utc(w.epoch_s_at(t));  // 2026-01-05T09:03:12Z
  return ts.size() >= 19 ? ts.substr(11, 8) : ts;
}

void ConsoleLog::add(ConsoleLine::Kind k, std::string text) {
  // One entry per line, so the clipper can skip what is off screen.
  while (!text.empty() && text.back() == '\n') text.pop_back();
  std::size_t pos = 0;
  for (;;) {
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      lines.push_back({k, text.substr(pos)});
      break;
    }
    lines.push_back({k, text.substr(pos, nl - pos)});
    pos = nl + 1;
  }
  // Bounded: a long session keeps the last lines only.
  if (lines.size() > 20000) lines.erase(lines.begin(), lines.begin() + static_cast<long>(lines.size() - 15000));
  ++version;
}

const scenario::LocalizedText& FrameContext::title() const {
  return lesson ? lesson->lesson().title : session.scenario().title;
}

Duration FrameContext::visible_window(Duration base, double wall_s) const {
  const auto stretched = static_cast<std::int64_t>(wall_s * 1000.0 * session.speed());
  return Duration{std::max(base.ms, stretched)};
}

Frame::Frame(Session& session, const I18n& i18n, const ViewOptions& view_opts, lesson::LessonRun* lesson)
    : session_(&session), lesson_(lesson), i18n_(i18n), opts_(view_opts) {
  flags_.lesson = lesson != nullptr;
  view_.high_contrast = view_opts.high_contrast;
  view_.scale = view_opts.scale;
  view_.presentation = view_opts.presentation;
  theme_ = view_.high_contrast ? Theme::contrast() : Theme::dark();
  selection_.app = view_opts.select_app;
  if (!view_opts.select_resource.empty()) {
    const auto slash = view_opts.select_resource.find('/');
    if (slash != std::string::npos) {
      selection_.resource.kind = view_opts.select_resource.substr(0, slash);
      selection_.resource.name = view_opts.select_resource.substr(slash + 1);
    }
  }
  console_.add(ConsoleLine::Kind::Info, i18n_.tr("console.welcome"));
}

void Frame::rebind(Session& session) {
  session_ = &session;
  prepared_ = Prepared{};
  states_.git = GitPanelState{};
  states_.app = AppPanelState{};
  TimelinePanelState& tl = states_.timeline;
  tl.rows = FilteredEvents{};
  tl.last_count = 0;
  tl.explained = 0;
  tl.explanation.clear();
  tl.chain.clear();
  selection_.event = 0;
  selection_.loop_step = 0;
}

// A step just passed: select the event that made its check hold (the
// timeline shows it, the app panels follow its app) and ring its loop step.
void Frame::point_at_pass() {
  if (!lesson_ || lesson_->finished()) return;
  const std::size_t cur = lesson_->current();
  const lesson::StepProgress& p = lesson_->progress(cur);
  LessonPanelState& st = states_.lesson;
  if (!p.passed || !p.passed_at || st.pointed_step == cur) return;
  st.pointed_step = cur;
  const lesson::Step& step = lesson_->step();
  st.pointer = pass_pointer(session_->world().log(), lesson_->context().step_first_event, *p.passed_at,
                            step.check ? &*step.check : nullptr);
  if (st.pointer.event != 0) selection_.event = st.pointer.event;
  if (!st.pointer.app.empty()) selection_.app = st.pointer.app;
  selection_.loop_step = st.pointer.loop_step;
}

void Frame::set_pair(pair::PairRun* p, const std::int64_t* wall_ms) {
  pair_ = p;
  pair_wall_ = wall_ms;
  flags_.pair = p != nullptr;
  if (p && opts_.right_tab.empty()) opts_.right_tab = "pair";  // the vote and break-fix are there
}

void Frame::prepare() {
  if (lesson_ && &lesson_->session() != session_) rebind(lesson_->session());
  point_at_pass();
  if (pair_) pair_view_ = pair_view(*pair_, lesson_, view_.lang, *pair_wall_);
  const world::World& w = session_->world();
  flags_.pipeline = !w.pipelines().empty();  // pipe
  prepared_.model.update(w);
  prepared_.apps.update(prepared_.model, w.log());
  const auto& events = w.log().events();
  const std::string lang = view_.lang == Lang::Ko ? "ko" : "en";
  if (prepared_.event_text_lang != lang) {  // notes, pauses and connecting words follow the language
    prepared_.event_text.clear();
    prepared_.event_text_lang = lang;
  }
  for (std::size_t i = prepared_.event_text.size(); i < events.size(); ++i) {
    std::string t = events::describe(events[i], lang);
    // One row per event: an Output's newlines would spill into the next rows.
    std::replace(t.begin(), t.end(), '\n', ' ');
    prepared_.event_text.push_back(std::move(t));
  }
  if (selection_.app.empty() || prepared_.apps.index_of(selection_.app) < 0) {
    selection_.app = prepared_.apps.rows().empty() ? std::string() : prepared_.apps.rows().front().name;
  }
  // Fill the resource's namespace and group from the tree the first time.
  if (!selection_.resource.kind.empty() && selection_.resource.ns.empty()) {
    if (const world::AppEntry* e = prepared_.model.app(selection_.app)) {
      for (const auto& r : e->view.resources) {
        if (r.key.kind == selection_.resource.kind && r.key.name == selection_.resource.name) selection_.resource = r.key;
      }
    }
  }
  if (frame_no_ == 0 && !opts_.select_event_type.empty()) {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->type == opts_.select_event_type && (it->str("app").empty() || it->str("app") == selection_.app)) {
        selection_.event = it->id;
        break;
      }
    }
  }
}

void Frame::shortcuts(FrameContext& ctx) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl) {
    if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD)) view_.scale = std::min(2.5f, view_.scale + 0.1f);
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT)) view_.scale = std::max(0.7f, view_.scale - 0.1f);
    if (ImGui::IsKeyPressed(GLFW_KEY_0)) view_.scale = 1.0f;
    if (ImGui::IsKeyPressed(GLFW_KEY_H)) view_.high_contrast = !view_.high_contrast;
    if (ImGui::IsKeyPressed(GLFW_KEY_L)) view_.lang = view_.lang == Lang::En ? Lang::Ko : Lang::En;
    if (ImGui::IsKeyPressed(GLFW_KEY_P)) view_.presentation = !view_.presentation;
    return;
  }
  if (io.WantTextInput || station_keys_) return;
  if (read_only_) {
    // A replay: Space plays and pauses the recording, not the world.
    if (scrubber_ && ImGui::IsKeyPressed(GLFW_KEY_SPACE)) scrub_req_.play = !scrubber_->playing;
    return;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE)) {
    if (session_->playing()) ctx.send("sim pause", false);
    else ctx.send("sim speed " + std::to_string(session_->speed()), false);
  }
  auto advance = [&](std::optional<TimePoint> t) {
    if (t) ctx.send("sim advance " + format_duration(Duration{std::max<std::int64_t>(0, (*t - session_->now()).ms)}), false);
  };
  if (ImGui::IsKeyPressed(GLFW_KEY_N)) advance(session_->next_event_time());
  if (ImGui::IsKeyPressed(GLFW_KEY_P)) advance(session_->next_poll_time());
}

void Frame::draw_slot(FrameContext& ctx, Slot slot, const char* id, Rect r) {
  ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
  // No background: the frame is cleared to the panel colour and only the gaps
  // between slots are painted (see build), so no pixel is filled twice.
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0.0f);
  ImGui::BeginChild(id, ImVec2(r.w, r.h), true);
  ImGui::PopStyleVar();
  std::vector<const PanelEntry*> here;
  for (const auto& p : kPanels) {
    const Slot wide = lesson_ ? p.lesson_slot : p.slot;
    if (place_panel(layout_, p.id, wide, lesson_ != nullptr) == slot && flags_.*(p.open)) here.push_back(&p);
  }
  auto content = [&](const PanelEntry& p) {
    const ImVec2 c = ImGui::GetCursorScreenPos();
    const ImVec2 a = ImGui::GetContentRegionAvail();
    rects_[p.id] = Rect{c.x, c.y, a.x, a.y};
    ImGui::BeginChild(p.id, ImVec2(0, 0), false);
    p.draw(ctx, states_);
    // Items laid past the panel's right edge (a row of buttons or words
    // that did not wrap) are cut by the clip rectangle: noted as cut.
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float right = w->Pos.x + w->Size.x;
    if (w->DC.CursorMaxPos.x > right + 1) {
      frame_notes().cut.push_back({std::string("overflow: ") + p.id, w->DC.CursorMaxPos.x - w->Pos.x, w->Size.x});
    }
    ImGui::EndChild();
  };
  // The presentation layout's board needs no heading: its room goes to the cards.
  if (here.size() == 1 && (!here.front()->title_key || layout_.mode == LayoutMode::Presentation)) {
    content(*here.front());
  } else if (here.size() == 1) {
    ImGui::PushFont(ctx.fonts.title);
    ImGui::TextUnformatted(ctx.tr(here.front()->title_key));
    ImGui::PopFont();
    content(*here.front());
  } else if (!here.empty()) {
    ImGui::PushFont(ctx.fonts.title);
    // Tabs that do not fit scroll (arrows at the bar's end) rather than
    // shrinking their labels to a few letters.
    if (ImGui::BeginTabBar(id, ImGuiTabBarFlags_FittingPolicyScroll)) {
      for (const PanelEntry* p : here) {
        ImGuiTabItemFlags f = 0;
        const bool right = slot == Slot::RightTop || slot == Slot::RightBottom;
        const std::string& want = right ? opts_.right_tab : opts_.bottom_tab;
        // pipe: the main slot's pipeline tab is asked for with --tab pipeline.
        const bool asked = want == p->id || (slot == Slot::Main && opts_.right_tab == p->id);
        if ((frame_no_ < 2 && asked) || select_tab_ == p->id) f |= ImGuiTabItemFlags_SetSelected;
        std::string label = std::string(ctx.tr(p->title_key)) + "###" + p->id;
        if (ImGui::BeginTabItem(label.c_str(), nullptr, f)) {
          ImGui::PopFont();
          content(*p);
          ImGui::PushFont(ctx.fonts.title);
          ImGui::EndTabItem();
        }
      }
      ImGui::EndTabBar();
    }
    ImGui::PopFont();
  }
  ImGui::EndChild();
}

void Frame::build(const Fonts& fonts, double wall_time_s, float top_y) {
  const float s = view_.scale;
  FrameContext ctx{*session_, prepared_, selection_, requests_, console_, i18n_, theme_, fonts, view_, s,
                   wall_time_s, lesson_, read_only_};
  ctx.pair = pair_ ? &pair_view_ : nullptr;
  ctx.scrubbing = scrubber_ && read_only_;
  const ImVec2 full = ImGui::GetIO().DisplaySize;
  const ImVec2 ds(full.x, full.y - top_y);
  ImGui::SetNextWindowPos(ImVec2(0, top_y));
  ImGui::SetNextWindowSize(ds);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));  // glClear paints the background
  // The body scrolls (the wheel, over what does not scroll itself) when the
  // last frame's layout was taller than the window.
  ImGui::Begin("##root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus |
                   (layout_.content_h > 0 ? 0 : ImGuiWindowFlags_NoScrollWithMouse));
  ImGui::PopStyleColor();
  const float scroll = ImGui::GetScrollY();
  rects_.clear();
  frame_notes() = FrameNotes{};
  shortcuts(ctx);
  const float pad = 8 * s;
  const float bar_h = 50 * s;
  ImGui::SetCursorScreenPos(ImVec2(pad, top_y + pad - scroll));
  float top = top_y + draw_toolbar(ctx, bar_h) + pad - scroll;
  if (pair_) top += draw_pair_strip(ctx, pad, top, ds.x - 2 * pad) + pad;  // who drives, the countdown
  // The scrubber takes the bottom; the panels what is left, as the layout
  // for this size and scale places them (view/layout.hpp).
  const float strip_w = ds.x - 2 * pad;
  const float strip_h = scrubber_ ? scrubber_height(ctx, *scrubber_, strip_w) : 0;
  const float body_h = full.y - top - scroll - pad - (scrubber_ ? strip_h + pad : 0);
  LayoutInput li;
  li.body = LayoutRect{pad, top, ds.x - 2 * pad, body_h};
  li.scale = s;
  li.lesson = lesson_ != nullptr;
  li.presentation = view_.presentation;
  li.apps = static_cast<int>(prepared_.apps.rows().size());
  layout_ = layout_window(li);
  ctx.loop_rows = layout_.loop_rows;
  {
    // The margins and the gaps between slots, in the background colour
    // (the clear colour is the panel's: see app.cpp).
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Color bg = theme_.bg;
    dl->AddRectFilled(ImVec2(0, top), ImVec2(pad, full.y), bg);                    // left margin
    dl->AddRectFilled(ImVec2(ds.x - pad, top), ImVec2(ds.x, full.y), bg);          // right margin
    dl->AddRectFilled(ImVec2(pad, full.y - pad), ImVec2(ds.x - pad, full.y), bg);  // bottom margin
    for (const LayoutRect* r : {&layout_.main, &layout_.bottom, &layout_.right_top, &layout_.right_bottom}) {
      if (!r->shown()) continue;
      dl->AddRectFilled(ImVec2(r->x + r->w, r->y), ImVec2(r->x + r->w + layout_.gap, r->y + r->h + layout_.gap), bg);
      dl->AddRectFilled(ImVec2(r->x, r->y + r->h), ImVec2(r->x + r->w + layout_.gap, r->y + r->h + layout_.gap), bg);
    }
  }
  const std::pair<Slot, const char*> slots[] = {{Slot::Main, "##slot_main"},
                                                {Slot::Bottom, "##slot_bottom"},
                                                {Slot::RightTop, "##slot_rt"},
                                                {Slot::RightBottom, "##slot_rb"}};
  // A scrolled body passes under the scrubber: the slots (child windows,
  // which take their parent's clip rect) are clipped above it, so they
  // neither draw over the strip nor take its clicks.
  const float scrub_y = full.y - pad - strip_h;
  ImGui::PushClipRect(ImVec2(0, top_y), ImVec2(ds.x, scrubber_ ? scrub_y - pad : full.y), true);
  for (const auto& [slot, id] : slots) {
    const LayoutRect& r = layout_.rect(slot);
    if (r.shown()) draw_slot(ctx, slot, id, Rect{r.x, r.y, r.w, r.h});
  }
  ImGui::PopClipRect();
  if (layout_.content_h > 0) {
    // What the root scrolls over: the body's full height and a margin.
    ImGui::SetCursorScreenPos(ImVec2(pad, top + layout_.content_h));
    ImGui::Dummy(ImVec2(1, pad));
  }
  if (scrubber_) {
    const float sy = scrub_y;  // fixed at the bottom, whatever the body's scroll
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, top + body_h), ImVec2(ds.x, sy), theme_.bg);
    draw_scrubber(ctx, *scrubber_, scrub_req_, pad, sy, strip_w);
    rects_["scrubber"] = Rect{pad, sy, strip_w, strip_h};
  }
  ImGui::End();
  draw_teaching_pause(ctx);
  draw_pair_banner(ctx);
  ++frame_no_;
  if (frame_no_ > 2) select_tab_.clear();
}

void Frame::run_requests() {
  // Moved out first: a command's output may not add requests, but be safe.
  std::vector<Request> reqs;
  reqs.swap(requests_);
  for (const auto& r : reqs) {
    // A replay changes nothing: only leaving for the library goes through.
    if (read_only_ && r.act != LessonAct::Home) continue;
    ++acted_;
    if (r.act != LessonAct::None) {
      run_lesson_act(r);
      continue;
    }
    if (r.pair != PairAct::None) {
      run_pair_act(r);
      continue;
    }
    if (r.echo) console_.add(ConsoleLine::Kind::Input, "$ " + r.command);
    // Typed into the console, or sent by a button or a key; in pair mode,
    // by the driver of the moment.
    const session::Origin origin = r.echo ? session::Origin::Console : session::Origin::Gui;
    const session::Issuer by = pair_ ? pair_->issuer(origin, lesson_) : session::Issuer{origin, ""};
    if (pair_) {
      // Break-fix: looks only while diagnosing; recorded as refused.
      if (auto why = pair_->refusal(r.command)) {
        const std::string text = std::string(i18n_.tr("lesson.refused")) + " " + i18n_.pick(why->en, why->ko);
        pair_->record_refused(*session_, by, r.command, r.files, why->en);
        if (!r.echo) console_.add(ConsoleLine::Kind::Input, "$ " + r.command);
        console_.add(ConsoleLine::Kind::Error, text);
        continue;
      }
    }
    CommandOutcome out;
    if (lesson_) {
      // Through the lesson, so the step's `deny` applies; its why, in the
      // language on screen, is the error.
      lesson::LessonOutcome lo = lesson_->run(r.command, by, r.files);
      out = std::move(lo.outcome);
      if (lo.denied) out.output = std::string(i18n_.tr("lesson.refused")) + " " + i18n_.pick(lo.denied->why.en, lo.denied->why.ko);
    } else {
      out = session_->run(r.command, by, r.files);
    }
    if (!out.ok) {
      if (!r.echo) console_.add(ConsoleLine::Kind::Input, "$ " + r.command);
      console_.add(ConsoleLine::Kind::Error, out.output);
    } else if (r.echo && !out.output.empty()) {
      console_.add(ConsoleLine::Kind::Output, out.output);
    }
  }
}

}  // namespace gs::ui

namespace gs::ui {

// The lesson buttons (lesson-format.md, "How a lesson runs").
void Frame::run_lesson_act(const Request& r) {
  if (!lesson_) return;
  LessonPanelState& st = states_.lesson;
  st.note.clear();
  auto fail = [&](const std::string& msg) { st.note = msg; };
  switch (r.act) {
    case LessonAct::None:
      break;
    case LessonAct::Home:
      home_requested_ = true;
      break;
    case LessonAct::Answer:
      if (auto a = lesson_->answer(r.arg); !a) fail(a.error().message);
      break;
    case LessonAct::Hint:
      if (auto h = lesson_->next_hint(); !h) fail(i18n_.tr("lesson.no_more_hints"));
      break;
    case LessonAct::ShowSolution: {
      // Typed into the console for the learner to run, one command at a time.
      const auto& cmds = lesson_->show_solution();
      ConsolePanelState& con = states_.console;
      con.queued.clear();
      // A file the solution writes (`git write` with content) opens in the
      // Editor, whose Stage button runs it; the rest is typed in the console.
      const auto& files = lesson_->step().solution_files;
      bool in_editor = false;
      for (std::size_t i = 0; i < cmds.size(); ++i) {
        const auto words = world::tokenize(cmds[i]);
        const bool writes = i < files.size() && !files[i].empty() && words && words->size() == 4 &&
                            (*words)[0] == "git" && (*words)[1] == "write";
        if (!writes || in_editor) {
          con.queued.push_back(cmds[i]);
          continue;
        }
        const auto content = files[i].begin()->second;
        EditorPanelState& ed = states_.editor;
        ed.ref = (*words)[2];
        ed.path = (*words)[3];
        ed.text = content.value_or("");
        ed.loaded = ed.ref + " " + ed.path;
        in_editor = true;
      }
      if (in_editor) {
        st.note = i18n_.tr("lesson.solution_in_editor");
        select_tab_ = "editor";
      }
      if (!con.queued.empty()) {
        std::snprintf(con.input, sizeof con.input, "%s", con.queued.front().c_str());
        con.queued.erase(con.queued.begin());
        con.focus_input = true;
        if (!in_editor) st.note = i18n_.tr("lesson.solution_typed");
      }
      if (!in_editor) select_tab_ = "console";
      break;
    }
    case LessonAct::Skip:
      for (const auto& out : lesson_->skip()) {
        if (!out.outcome.ok) console_.add(ConsoleLine::Kind::Error, out.outcome.output);
      }
      console_.add(ConsoleLine::Kind::Info, i18n_.tr("lesson.skipped_info"));
      break;
    case LessonAct::Reset:
      if (auto s = lesson_->reset(); !s) fail(s.error().message);
      else console_.add(ConsoleLine::Kind::Info, i18n_.tr("lesson.reset_info"));
      st.check.reset();
      break;
    case LessonAct::Undo:
      if (auto s = lesson_->undo(); !s) fail(s.error().message);
      else console_.add(ConsoleLine::Kind::Info, i18n_.tr("lesson.undo_info"));
      st.check.reset();
      break;
    case LessonAct::Check:
      st.check = check_report(*lesson_);
      break;
    case LessonAct::Next:
      if (auto s = lesson_->next(); !s) fail(s.error().message);
      st.check.reset();
      selection_.loop_step = 0;
      break;
  }
}

}  // namespace gs::ui

namespace gs::ui {

// The pair panel's buttons (sim/pair does the work).
void Frame::run_pair_act(const Request& r) {
  if (!pair_) return;
  Session& s = lesson_ ? lesson_->session() : *session_;
  const std::int64_t wall = *pair_wall_;
  auto say = [&](const std::string& line) { console_.add(ConsoleLine::Kind::Error, line); };
  switch (r.pair) {
    case PairAct::None:
      break;
    case PairAct::Ack:
      pair_->mode().acknowledge();
      break;
    case PairAct::SwapNow:
      pair_->swap_now(s, lesson_, wall);
      break;
    case PairAct::Vote:
      if (auto st = pair_->cast(s, lesson_, r.who, r.arg); !st) say(st.error().message);
      break;
    case PairAct::StartFix: {
      auto palette = pair::default_palette(s.world());
      if (palette.empty()) {
        say(i18n_.pick("break-fix: no application deploys a Deployment here yet", "고장 내고 고치기: 아직 Deployment를 배포한 앱이 없습니다"));
        break;
      }
      pair_->start_break_fix(std::move(palette));
      break;
    }
    case PairAct::Pick:
      // The fault's commands are not echoed: the fixer must find it.
      if (auto st = pair_->pick_fault(s, lesson_, static_cast<std::size_t>(r.arg), wall); !st) say(st.error().message);
      break;
    case PairAct::Diagnose:
      if (auto d = pair_->diagnose(s, lesson_, static_cast<std::size_t>(r.arg), wall); !d) {
        say(d.error().message);
      } else if (!*d) {
        console_.add(ConsoleLine::Kind::Info, i18n_.pick("Not that one: look again.", "그게 아닙니다. 다시 살펴보세요."));
      }
      break;
    case PairAct::NextRound:
      pair_->next_break_fix_round(s, lesson_);
      break;
  }
}

}  // namespace gs::ui
