#include "sim/record/replayer.hpp"

#include <limits>

#include "sim/lesson/loader.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/source_files.hpp"
#include "sim/world/world.hpp"

namespace gs::record {

namespace {

std::string first_problem(const Errors& errors) {
  return errors.empty() ? std::string("does not load") : errors.front().render();
}

}  // namespace

Status load_source(const Recording& rec, std::optional<scenario::Scenario>& sc, std::optional<lesson::Lesson>& ls) {
  scenario::StoredFiles files(rec.sources());
  const std::string& source = rec.info().source;
  if (rec.info().kind == kKindLesson) {
    auto loaded = lesson::load_lesson_file(source, files);
    if (!loaded.ok()) return Error(rec.file().string() + ": its lesson does not load: " + first_problem(loaded.errors));
    ls = std::move(*loaded.lesson);
    return {};
  }
  auto loaded = scenario::load_scenario_file(source, nullptr, files);
  if (!loaded.ok()) return Error(rec.file().string() + ": its scenario does not load: " + first_problem(loaded.errors));
  sc = std::move(*loaded.scenario);
  return {};
}

Result<std::unique_ptr<Replayer>> Replayer::create(const Recording& rec, session::SessionObserver* observer) {
  std::unique_ptr<Replayer> r(new Replayer(rec));
  r->observer_ = observer;
  if (auto st = load_source(rec, r->scenario_src_, r->lesson_src_); !st) return st.error();
  if (auto st = r->restart(); !st) return st.error();
  return r;
}

const scenario::Scenario& Replayer::scenario() const {
  return lesson_src_ ? lesson_src_->world : *scenario_src_;
}

session::Session& Replayer::session() { return lesson_ ? lesson_->session() : *session_; }
const session::Session& Replayer::session() const { return lesson_ ? lesson_->session() : *session_; }

Status Replayer::restart() {
  lesson_.reset();
  session_.reset();
  next_ = 0;
  pos_ = 0;
  anchor_pos_ = 0;
  anchor_at_ = 0;
  if (lesson_src_) {
    auto run = lesson::LessonRun::start(*lesson_src_, rec_.info().lang, observer_);
    if (!run) return Error(rec_.file().string() + ": cannot start its lesson: " + run.error().message);
    lesson_ = std::move(run.value());
  } else {
    session::SessionOptions options;
    options.seed = rec_.info().seed;
    options.observer = observer_;
    auto s = session::Session::create(*scenario_src_, std::move(options));
    if (!s) return Error(rec_.file().string() + ": cannot build its world: " + s.error().message);
    session_ = std::move(s.value());
  }
  // A lesson's world starts at its `start`: the axis begins there too.
  pos_ = session().now().ms;
  return {};
}

void Replayer::note_divergence(const Action& a, bool ok, int exit_code, const std::string& output) {
  if (divergence_) return;
  if (ok == a.ok && exit_code == a.exit_code) {
    // What it printed is part of how it went (a read-only command changes
    // no event: its output is all there is to compare).
    if (output != a.output) {
      divergence_ = "action " + std::to_string(a.seq) + " ('" + a.text + "' at " +
                    format_offset(TimePoint{a.at_ms}) + ") printed something else than the recording holds";
    }
    return;
  }
  divergence_ = "action " + std::to_string(a.seq) + " ('" + a.text + "' at " + format_offset(TimePoint{a.at_ms}) +
                "): exited " + std::to_string(exit_code) + " (" + (ok ? "ran" : "refused") +
                ") where the recording says " + std::to_string(a.exit_code) + " (" + (a.ok ? "ran" : "refused") + ")";
}

void Replayer::apply(const Action& a) {
  const bool command = a.is_command();
  if (command ? a.nested : !a.replays) return;  // for the debrief only, or done by the action that ran it
  session::Session& s = session();
  if (TimePoint{a.at_ms} > s.now()) s.run_through(TimePoint{a.at_ms});
  if (command) {
    const session::Issuer by{a.origin, a.actor, a.role};
    // Refused before the session (a lesson's deny, or break-fix's read-only
    // diagnosis): it changed nothing. A lesson's deny refuses it again (and
    // counts it); anything else refused it is not here to ask.
    if (a.denied && (!lesson_ || lesson_->finished() || !lesson::find_deny(lesson_->step(), a.text))) return;
    if (lesson_) {
      const auto out = lesson_->run(a.text, by, a.files);
      note_divergence(a, out.outcome.ok, out.outcome.exit_code, out.outcome.output);
    } else {
      const auto out = s.run(a.text, by, a.files);
      note_divergence(a, out.ok, out.exit_code, out.output);
    }
    return;
  }
  if (!lesson_) return;
  const std::int64_t before = lesson_->session().now().ms;
  if (a.kind == "hint") {
    (void)lesson_->next_hint();
  } else if (a.kind == "solution") {
    (void)lesson_->show_solution();
  } else if (a.kind == "skip") {
    (void)lesson_->skip();
  } else if (a.kind == "answer") {
    int choice = -1;
    try {
      choice = std::stoi(a.detail);
    } catch (...) {
    }
    (void)lesson_->answer(choice);
  } else if (a.kind == "next") {
    (void)lesson_->next();
  } else if (a.kind == "reset" || a.kind == "undo") {
    (void)(a.kind == "reset" ? lesson_->reset() : lesson_->undo());
    // The world went back; the axis did not.
    anchor_pos_ = a.pos_ms;
    anchor_at_ = lesson_->session().now().ms;
    return;
  }
  (void)before;
}

void Replayer::swap_with(Parked& p) {
  std::swap(session_, p.session);
  std::swap(lesson_, p.lesson);
  std::swap(next_, p.next);
  std::swap(pos_, p.pos);
  std::swap(anchor_pos_, p.anchor_pos);
  std::swap(anchor_at_, p.anchor_at);
  std::swap(divergence_, p.divergence);
}

void Replayer::park() {
  parked_.emplace_back();
  swap_with(parked_.back());
  if (parked_.size() <= kParked) return;
  // Drop the one closest to the kept replay (or the start) before it: the
  // seeks it would serve cost least from there.
  std::size_t drop = 0;
  std::int64_t least = std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = 0; i < parked_.size(); ++i) {
    std::int64_t below = 0;
    for (const auto& q : parked_) {
      if (&q != &parked_[i] && q.pos <= parked_[i].pos) below = std::max(below, q.pos);
    }
    if (parked_[i].pos - below < least) {
      least = parked_[i].pos - below;
      drop = i;
    }
  }
  parked_.erase(parked_.begin() + static_cast<std::ptrdiff_t>(drop));
}

Status Replayer::seek(std::int64_t pos_ms) {
  pos_ms = std::clamp<std::int64_t>(pos_ms, 0, std::max<std::int64_t>(end(), 0));
  if (observer_ == nullptr) {
    // Go on from the replay that stands nearest before pos_ms: this one, a
    // kept one, or (none) a new one from the start.
    std::optional<std::size_t> best;
    std::int64_t best_pos = pos_ <= pos_ms ? pos_ : -1;
    for (std::size_t i = 0; i < parked_.size(); ++i) {
      if (parked_[i].pos <= pos_ms && parked_[i].pos > best_pos) {
        best = i;
        best_pos = parked_[i].pos;
      }
    }
    if (best) {
      swap_with(parked_[*best]);
    } else if (pos_ms < pos_) {
      park();
      if (auto st = restart(); !st) return st;
    }
  } else if (pos_ms < pos_) {
    if (auto st = restart(); !st) return st;
  }
  const auto& actions = rec_.actions();
  while (next_ < actions.size() && actions[next_].pos_ms <= pos_ms) apply(actions[next_++]);
  const TimePoint to{anchor_at_ + (pos_ms - anchor_pos_)};
  if (to > session().now()) session().run_through(to);
  pos_ = std::max(pos_ms, pos_);
  return {};
}

}  // namespace gs::record
