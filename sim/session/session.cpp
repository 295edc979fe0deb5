#include "sim/session/session.hpp"

#include <cmath>

#include "sim/core/events.hpp"
#include "sim/world/command.hpp"
#include "sim/world/world.hpp"

namespace gs::session {

std::string_view origin_name(Origin origin) {
  switch (origin) {
    case Origin::Timeline: return "timeline";
    case Origin::Console: return "console";
    case Origin::Gui: return "gui";
    case Origin::LessonSolution: return "lesson-solution";
    case Origin::Instructor: return "instructor";
    case Origin::FaultPalette: return "fault-palette";
  }
  return "console";
}

std::optional<Origin> parse_origin(std::string_view name) {
  for (Origin o : kOrigins) {
    if (origin_name(o) == name) return o;
  }
  return std::nullopt;
}

Result<std::unique_ptr<Session>> Session::create(scenario::Scenario scenario, SessionOptions options) {
  std::unique_ptr<Session> s(new Session());
  s->scenario_ = std::move(scenario);
  s->on_moment_ = std::move(options.on_moment);
  s->on_entry_ = std::move(options.on_entry);
  s->observer_ = options.observer;
  {
    Session* self = s.get();
    s->world_moment_ = [self](TimePoint t) {
      if (self->on_moment_) self->on_moment_(*self->world_, t);
      if (self->observer_) self->observer_->on_moment(*self->world_);
    };
  }
  // The scenario's spec, positions naming its file.
  world::WorldSpec spec = s->scenario_.world;
  if (options.seed) spec.seed = *options.seed;
  if (spec.file.empty()) spec.file = s->scenario_.file;
  auto w = world::World::create(spec);
  if (!w) return w.error();
  s->world_ = std::move(w.value());
  s->world_->set_time_driver(s.get());
  s->advance_to(TimePoint{0});
  return s;
}

Session::~Session() {
  if (world_) world_->set_time_driver(nullptr);
}

TimePoint Session::now() const { return world_->now(); }

// ---------------------------------------------------------------------------
// Commands

CommandOutcome Session::run(std::string_view line, const Issuer& by, const world::StagedFiles& files) {
  auto cmd = world::parse_command(line);
  if (!cmd) {
    journal_.push_back({now(), by.origin, by.actor, std::string(line), files, false, 1, by.role});
    ++version_;
    CommandOutcome refused{false, 1, cmd.error().message};
    if (observer_) observer_->on_command(*world_, journal_.back(), refused, false);
    return refused;
  }
  // A frame's budget may have stopped the world between two steps of one
  // instant: finish it (and the timeline entries due) first, so the command
  // lands where a replay of the journal puts it.
  advance_to(now());
  // Journaled as given, before it runs: what it applies on the way (a wait
  // passing timeline entries) comes after it.
  const std::size_t index = journal_.size();
  journal_.push_back({now(), by.origin, by.actor, cmd->text(), files, true, 0, by.role});
  auto out = world_->apply(*cmd, files);
  CommandOutcome result;
  if (!out) {
    result = CommandOutcome{false, 1, out.error().message};
  } else {
    result = CommandOutcome{true, out->exit_code, std::move(out->output)};
  }
  journal_[index].ok = result.ok;
  journal_[index].exit_code = result.exit_code;
  ++version_;
  if (observer_) observer_->on_command(*world_, journal_[index], result, false);
  return result;
}

Status Session::replay(const Journal& journal) {
  for (std::size_t i = 0; i < journal.size(); ++i) {
    const JournalEntry& e = journal[i];
    if (e.origin == Origin::Timeline) continue;
    const std::string which = "journal entry " + std::to_string(i + 1) + " ('" + e.command + "' at " +
                              format_offset(e.at) + ")";
    if (e.at < now()) return Error(which + " comes after the session's time " + format_offset(now()));
    run_through(e.at);
    const CommandOutcome out = run(e.command, Issuer{e.origin, e.actor, e.role}, e.files);
    if (out.ok != e.ok || out.exit_code != e.exit_code) {
      return Error(which + ": exited " + std::to_string(out.exit_code) + " (" + (out.ok ? "ran" : "refused") +
                   ") where the journal says " + std::to_string(e.exit_code) + " (" + (e.ok ? "ran" : "refused") + ")");
    }
  }
  return {};
}

// ---------------------------------------------------------------------------
// Time: the timeline, and the world between its entries

void Session::apply_timeline_entry(const scenario::TimelineEntry& e) {
  if (e.pause) {
    world_->record(events::paused(e.pause->en, e.pause->ko));
    return;
  }
  if (!e.run) return;
  if (e.note) world_->record(events::note(e.note->en, e.note->ko));
  auto cmd = world::parse_command(*e.run);
  auto out = cmd ? world_->apply(*cmd, e.files) : Result<world::ActionOutcome>(cmd.error());
  journal_.push_back({now(), Origin::Timeline, "", cmd ? cmd->text() : *e.run, e.files, out.ok(),
                      out ? out->exit_code : 1});
  if (!out) {
    // A timeline command that cannot run is reported and the run goes on;
    // the expectations decide whether that matters.
    world_->record(events::action_failed(*e.run, out.error().message,
                                         e.pos.file + ":" + std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col)));
  } else if (!out->output.empty()) {
    // What a read-only command printed belongs in the run's record too.
    world_->record(events::output(*e.run, out->output));
  }
}

bool Session::apply_due_entries() {
  bool paused = false;
  const auto& tl = scenario_.timeline;
  while (next_entry_ < tl.size() && TimePoint{tl[next_entry_].at.ms} <= world_->now()) {
    const scenario::TimelineEntry& e = tl[next_entry_++];
    apply_timeline_entry(e);
    if (on_entry_) on_entry_(*world_);
    if (observer_) observer_->on_moment(*world_);
    if (e.pause) {
      teaching_pause_ = *e.pause;
      playing_ = false;
      paused = true;
    }
  }
  ++version_;
  return !paused;
}

Session::Reached Session::move_to(TimePoint to, const WorldStep& step) {
  const auto& tl = scenario_.timeline;
  // Bounded by the number of timeline entries.
  for (std::size_t guard = 0; guard <= tl.size() + 1; ++guard) {
    if (next_entry_ < tl.size() && TimePoint{tl[next_entry_].at.ms} <= to) {
      const TimePoint te{std::max(tl[next_entry_].at.ms, world_->now().ms)};
      const Reached reached = step(te);
      ++version_;
      if (reached != Reached::Yes) return reached;
      if (!apply_due_entries()) return Reached::TeachingPause;
      continue;
    }
    break;
  }
  // Also runs what is due right now, as at every stop.
  const Reached reached = to < world_->now() ? Reached::Yes : step(to);
  ++version_;
  return reached;
}

Session::WorldStep Session::within(const std::function<bool()>& enough) {
  return [this, enough](TimePoint t) {
    return world_->advance_some(t, enough, world_moment_) ? Reached::Yes : Reached::OutOfBudget;
  };
}

bool Session::advance_to(TimePoint to) { return move_to(to, within({})) == Reached::Yes; }

Status Session::time_may_pass() const {
  if (passing_time_) return Error("time is already passing: a command applied on the way cannot let more pass");
  return {};
}

world::TimeStop Session::pass_time(TimePoint to, const std::function<bool()>& until) {
  passing_time_ = true;
  teaching_pause_.reset();  // the learner moves on
  const WorldStep step = [&](TimePoint t) {
    if (!until) {
      world_->advance(t, world_moment_);
      return Reached::Yes;
    }
    return world_->advance_until(t, until, world_moment_) ? Reached::Met : Reached::Yes;
  };
  const Reached reached = move_to(to, step);
  passing_time_ = false;
  if (reached == Reached::Met) return world::TimeStop::Met;
  if (reached == Reached::TeachingPause) return world::TimeStop::TeachingPause;
  return world::TimeStop::Reached;
}

std::string Session::pause_clock() {
  pause();
  return std::string();
}

std::string Session::set_clock_speed(int speed) {
  set_speed(speed);
  play();
  return "speed " + std::to_string(speed_) + "x\n";
}

// ---------------------------------------------------------------------------
// The clock

void Session::mark(const Mark& m) const {
  if (observer_) observer_->on_mark(*world_, m);
}

void Session::play() {
  if (teaching_pause_) teaching_pause_.reset();
  if (!playing_) {
    target_ = now();  // a stale aim from before a pause must not jump the clock
    mark(Mark{"play"});
  }
  playing_ = true;
}

void Session::pause() {
  if (playing_) mark(Mark{"pause"});
  playing_ = false;
}

void Session::set_speed(int x) {
  if (std::find(std::begin(world::kClockSpeeds), std::end(world::kClockSpeeds), x) != std::end(world::kClockSpeeds)) {
    if (x != speed_) mark(Mark{"speed", std::to_string(x)});
    speed_ = x;
  }
}

void Session::resume() {
  mark(Mark{"play", "resume"});
  teaching_pause_.reset();
  target_ = now();
  playing_ = true;
  ++version_;
}

void Session::run_through(TimePoint to) {
  for (std::size_t guard = 0; guard <= scenario_.timeline.size() + 1; ++guard) {
    if (advance_to(to)) break;
    if (now() >= to) return;  // a pause at `to` itself: keep it on screen
  }
  teaching_pause_.reset();
}

void Session::tick(double wall_dt_s, const std::function<bool()>& enough) {
  if (!playing_ || teaching_pause_) return;
  // A long stall (a dragged window) must not jump the class minutes ahead.
  wall_dt_s = std::clamp(wall_dt_s, 0.0, 0.25);
  carry_ms_ += wall_dt_s * 1000.0 * speed_;
  const auto step = static_cast<std::int64_t>(std::floor(carry_ms_));
  carry_ms_ -= static_cast<double>(step);
  // The aim moves on with the wall clock; a world behind it by more than a
  // quarter second of wall time lets the rest go (the clock runs slower).
  const TimePoint cap = now() + Duration::millis(static_cast<std::int64_t>(250.0 * speed_));
  target_ = std::min(target() + Duration::millis(step), cap);
  TimePoint to = target_;
  const bool to_end = now() < end() && to >= end();
  if (to_end) to = end();
  if (to <= now()) return;
  if (move_to(to, within(enough)) == Reached::Yes && to_end) {
    playing_ = false;  // the scenario's clock.end: stop, the learner may step on
  }
}

std::optional<TimePoint> Session::next_event_time() const {
  std::optional<TimePoint> t = world_->next_wakeup();
  if (next_entry_ < scenario_.timeline.size()) {
    const TimePoint te{scenario_.timeline[next_entry_].at.ms};
    if (!t || te < *t) t = te;
  }
  if (t && *t < now()) t = now();
  return t;
}

std::optional<TimePoint> Session::next_poll_time() const {
  std::optional<TimePoint> best;
  for (const auto& name : world_->app_names()) {
    const auto app = world_->app_view(name);
    if (!app || !app->next_poll || *app->next_poll <= now()) continue;
    if (!best || *app->next_poll < *best) best = app->next_poll;
  }
  return best;
}

std::optional<TimePoint> Session::next_pause_time() const {
  for (std::size_t i = next_entry_; i < scenario_.timeline.size(); ++i) {
    if (scenario_.timeline[i].pause) return TimePoint{scenario_.timeline[i].at.ms};
  }
  return std::nullopt;
}

void Session::step_next_event() {
  mark(Mark{"step", "event"});
  teaching_pause_.reset();
  playing_ = false;
  if (auto t = next_event_time()) advance_to(*t);
}

void Session::step_next_poll() {
  mark(Mark{"step", "poll"});
  teaching_pause_.reset();
  playing_ = false;
  if (auto t = next_poll_time()) advance_to(*t);
}

void Session::run_to_next_pause() {
  mark(Mark{"step", "pause"});
  teaching_pause_.reset();
  playing_ = false;
  const TimePoint to = next_pause_time().value_or(std::max(end(), now()));
  advance_to(to);
}

}  // namespace gs::session
