#include "sim/ui/session.hpp"

#include "sim/scenario/runner.hpp"

#include <algorithm>
#include <cmath>

#include "sim/gitops/controller.hpp"
#include "sim/world/command.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {

std::optional<int> parse_speed(std::string_view text) {
  std::string t(text);
  for (const char* suffix : {"x", "X", "\xC3\x97"}) {  // "×" in UTF-8
    const std::string s(suffix);
    if (t.size() > s.size() && t.compare(t.size() - s.size(), s.size(), s) == 0) {
      t.resize(t.size() - s.size());
      break;
    }
  }
  if (t.empty() || t.size() > 5 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const int v = std::stoi(t);
  for (int s : kSpeeds) {
    if (s == v) return v;
  }
  return std::nullopt;
}

Result<std::unique_ptr<Session>> Session::create(scenario::Scenario scenario) {
  std::unique_ptr<Session> s(new Session());
  s->scenario_ = std::move(scenario);
  // As runner.cpp builds it: the scenario's spec, positions naming its file.
  world::WorldSpec spec = s->scenario_.world;
  if (spec.file.empty()) spec.file = s->scenario_.file;
  auto w = world::World::create(spec);
  if (!w) return w.error();
  s->world_ = std::move(w.value());
  s->advance_to(TimePoint{0});
  return s;
}

Session::~Session() = default;

TimePoint Session::now() const { return world_->now(); }

void Session::play() {
  if (teaching_pause_) teaching_pause_.reset();
  if (!playing_) target_ = now();  // a stale aim from before a pause must not jump the clock
  playing_ = true;
}

void Session::set_speed(int x) {
  if (std::find(std::begin(kSpeeds), std::end(kSpeeds), x) != std::end(kSpeeds)) speed_ = x;
}

void Session::resume() {
  teaching_pause_.reset();
  target_ = now();
  playing_ = true;
  ++version_;
}

bool Session::apply_due_entries() {
  bool paused = false;
  const auto& tl = scenario_.timeline;
  while (next_entry_ < tl.size() && TimePoint{tl[next_entry_].at.ms} <= world_->now()) {
    const scenario::TimelineEntry& e = tl[next_entry_++];
    scenario::apply_timeline_entry(*world_, e);
    if (e.pause) {
      teaching_pause_ = *e.pause;
      playing_ = false;
      paused = true;
    }
  }
  ++version_;
  return !paused;
}

bool Session::advance_to(TimePoint to) { return advance_within(to, {}) == Reached::Yes; }

Session::Reached Session::advance_within(TimePoint to, const std::function<bool()>& enough) {
  const auto& tl = scenario_.timeline;
  // Bounded by the number of timeline entries.
  for (std::size_t guard = 0; guard <= tl.size() + 1; ++guard) {
    if (next_entry_ < tl.size() && TimePoint{tl[next_entry_].at.ms} <= to) {
      const TimePoint te{std::max(tl[next_entry_].at.ms, world_->now().ms)};
      const bool reached = world_->advance_some(te, enough);
      ++version_;
      if (!reached) return Reached::OutOfBudget;
      if (!apply_due_entries()) return Reached::TeachingPause;
      continue;
    }
    break;
  }
  // Also runs what is due right now, as the runner does.
  const bool reached = to < world_->now() || world_->advance_some(to, enough);
  ++version_;
  return reached ? Reached::Yes : Reached::OutOfBudget;
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
  if (advance_within(to, enough) == Reached::Yes && to_end) {
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
  for (const auto& [name, st] : world_->controller().apps()) {
    if (st.next_poll.ms < 0 || st.next_poll <= now()) continue;
    if (!best || st.next_poll < *best) best = st.next_poll;
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
  teaching_pause_.reset();
  playing_ = false;
  if (auto t = next_event_time()) advance_to(*t);
}

void Session::step_next_poll() {
  teaching_pause_.reset();
  playing_ = false;
  if (auto t = next_poll_time()) advance_to(*t);
}

void Session::run_to_next_pause() {
  teaching_pause_.reset();
  playing_ = false;
  const TimePoint to = next_pause_time().value_or(std::max(end(), now()));
  advance_to(to);
}

CommandOutcome Session::run_command(std::string_view line) {
  CommandOutcome result;
  auto cmd = world::parse_command(line);
  if (!cmd) {
    result.ok = false;
    result.output = cmd.error().message;
    journal_.push_back({now(), std::string(line), false});
    return result;
  }
  // A frame's budget may have stopped the world between two steps of one
  // instant: finish it (and its timeline entries) first, so the command
  // lands where a headless run of the same journal would put it.
  advance_to(now());
  const TimePoint issued = now();  // journaled at this time, even for commands that let time pass
  const std::string text = cmd->text();
  if (cmd->path.front() == "sim") {
    const std::string& verb = cmd->path[1];
    if (verb == "advance") {
      auto d = parse_duration(cmd->args[0]);
      if (!d) {
        result.ok = false;
        result.output = cmd->name() + ": " + d.error().message;
      } else {
        teaching_pause_.reset();
        advance_to(now() + *d);
        result.output = "advanced to " + format_offset(now()) + "\n";
      }
    } else if (verb == "pause") {
      pause();
    } else if (verb == "speed") {
      if (auto x = parse_speed(cmd->args[0])) {
        set_speed(*x);
        play();
        result.output = "speed " + std::to_string(*x) + "x\n";
      } else {
        result.ok = false;
        result.output = "sim speed: expected one of 1, 10, 60, 300, 1000, got '" + cmd->args[0] + "'";
      }
    }
    journal_.push_back({issued, text, result.ok});
    ++version_;
    return result;
  }
  if (cmd->path == std::vector<std::string>{"argocd", "app", "wait"} && world_->controller().find(cmd->args[0]) &&
      world::World::app_wait_limit(*cmd) <= Duration::hours(24)) {
    // The window's clock passes through the timeline (its entries and
    // teaching pauses), a second at a time, until the app is there.
    teaching_pause_.reset();
    const TimePoint limit = now() + world::World::app_wait_limit(*cmd);
    bool paused = false;
    while (!world_->app_wait_met(*cmd) && now() < limit && !paused) {
      paused = !advance_to(std::min(limit, now() + Duration::seconds(1)));
    }
    if (!world_->app_wait_met(*cmd)) {
      result.ok = false;
      result.output = paused ? "stopped at a teaching pause (" + format_offset(now()) + ") while waiting for app \"" +
                                   cmd->args[0] + "\"\n"
                             : "timed out (" + std::to_string((now() - issued).ms / 1000) +
                                   "s) waiting for app \"" + cmd->args[0] + "\" match desired state\n";
      journal_.push_back({issued, text, false});
      ++version_;
      return result;
    }
  }
  auto out = world_->apply(*cmd);
  if (!out) {
    result.ok = false;
    result.output = out.error().message;
  } else {
    result.output = out->output;
  }
  journal_.push_back({issued, text, result.ok});
  ++version_;
  return result;
}

}  // namespace gs::ui
