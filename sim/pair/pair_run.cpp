// Pair mode around a session (pair_run.hpp).
#include "sim/pair/pair_run.hpp"

#include "sim/pair/prompts.hpp"

namespace gs::pair {

PairRun::PairRun(PairConfig config, std::int64_t wall_start_ms)
    : mode_(std::move(config), wall_start_ms), last_wall_(wall_start_ms) {}

namespace {
const lesson::Step* current_step(const lesson::LessonRun* lesson) {
  return lesson && !lesson->finished() ? &lesson->step() : nullptr;
}
}  // namespace

Activity PairRun::activity(const lesson::LessonRun* lesson) const { return activity_of(current_step(lesson)); }

session::Issuer PairRun::issuer(session::Origin origin, const lesson::LessonRun* lesson) const {
  const int who = mode_.active();
  return session::Issuer{origin, mode_.name(who), std::string(role_name(mode_.role_of(who, activity(lesson))))};
}

std::vector<std::pair<std::string, std::string>> participants_of(const PairConfig& c) {
  return {{c.names[0], std::string(role_name(Role::Driver))}, {c.names[1], std::string(role_name(Role::Navigator))}};
}

void PairRun::mark(const session::Session& s, const lesson::LessonRun* lesson, std::string kind,
                   std::string detail) const {
  session::Mark m;
  m.kind = std::move(kind);
  m.detail = std::move(detail);
  if (const lesson::Step* st = current_step(lesson)) m.step = st->id;
  s.mark(m);
}

std::vector<Swap> PairRun::update(const session::Session& s, const lesson::LessonRun* lesson, std::int64_t wall_ms) {
  last_wall_ = wall_ms;
  const Activity a = activity(lesson);
  std::vector<Swap> swaps = mode_.update(wall_ms);
  for (const Swap& sw : swaps) mark(s, lesson, "role-swap", swap_detail(mode_, sw, a));
  // A question step gets a vote of its own (a class plan's question stays until replaced).
  const lesson::Step* st = current_step(lesson);
  if (st && st->question && (!vote_ || !vote_is_step_ || vote_->question() != st->id) && answered_step_ != st->id &&
      !lesson->progress(lesson->current()).answer) {
    vote_ = std::make_unique<PeerVote>(st->id, static_cast<int>(st->question->choices.size()), st->question->answer,
                                       mode_.config().names);
    vote_is_step_ = true;
  } else if (vote_ && vote_is_step_ && (!st || st->id != vote_->question())) {
    vote_.reset();  // the step moved on
    vote_is_step_ = false;
  }
  observe_world(s, lesson, wall_ms);
  return swaps;
}

Swap PairRun::swap_now(const session::Session& s, const lesson::LessonRun* lesson, std::int64_t wall_ms) {
  const Swap sw = mode_.swap_now(wall_ms);
  mark(s, lesson, "role-swap", swap_detail(mode_, sw, activity(lesson)));
  return sw;
}

std::optional<LocalizedText> PairRun::refusal(std::string_view line) const {
  if (!break_fix_) return std::nullopt;
  return break_fix_->refusal(line);
}

void PairRun::record_refused(const session::Session& s, const session::Issuer& by, std::string_view line,
                             const world::StagedFiles& files, const std::string& why) const {
  if (auto* o = s.observer()) {
    o->on_command(s.world(), session::JournalEntry{s.now(), by.origin, by.actor, std::string(line), files, false, 1, by.role},
                  session::CommandOutcome{false, 1, why}, true);
  }
}

void PairRun::start_vote(std::string question_id, int choices, int answer) {
  vote_ = std::make_unique<PeerVote>(std::move(question_id), choices, answer, mode_.config().names);
  vote_is_step_ = false;
}

Status PairRun::cast(const session::Session& s, lesson::LessonRun* lesson, int who, int choice) {
  if (!vote_) return Error("no question to vote on now");
  auto detail = vote_->cast(who, choice);
  if (!detail) return detail.error();
  mark(s, lesson, "vote", *detail);
  if (vote_->phase() == PeerVote::Phase::Done && vote_is_step_ && lesson && !lesson->finished() &&
      lesson->step().id == vote_->question()) {
    answered_step_ = vote_->question();
    if (auto a = lesson->answer(*vote_->pair_answer(mode_.active())); !a) return a.error();
  }
  return {};
}

void PairRun::start_break_fix(std::vector<FaultOption> palette) {
  break_fix_ = std::make_unique<BreakFix>(mode_.config().names, std::move(palette), 1 - mode_.active());
}

Status PairRun::pick_fault(session::Session& s, lesson::LessonRun* lesson, std::size_t index, std::int64_t wall_ms) {
  if (!break_fix_) return Error("break-fix is not on");
  auto picked = break_fix_->pick(index, wall_ms, s.now());
  if (!picked) return picked.error();
  mark(s, lesson, "break-fix", picked->detail);
  const session::Issuer by{session::Origin::FaultPalette, break_fix_->name(break_fix_->breaker()), "breaker"};
  for (const auto& c : picked->commands) {
    const session::CommandOutcome out = lesson ? lesson->run(c.line, by, c.files).outcome : s.run(c.line, by, c.files);
    if (!out.ok) return Error("the fault's command '" + c.line + "' was refused: " + out.output);
  }
  observe_world(lesson ? lesson->session() : s, lesson, wall_ms);
  return {};
}

Result<bool> PairRun::diagnose(const session::Session& s, const lesson::LessonRun* lesson, std::size_t index,
                               std::int64_t wall_ms) {
  if (!break_fix_) return Error("break-fix is not on");
  auto d = break_fix_->diagnose(index, wall_ms, s.now());
  if (!d) return d.error();
  mark(s, lesson, "break-fix", d->detail);
  observe_world(s, lesson, wall_ms);
  return d->right;
}

void PairRun::next_break_fix_round(const session::Session& s, const lesson::LessonRun* lesson) {
  if (!break_fix_) return;
  mark(s, lesson, "break-fix", break_fix_->next_round());
}

void PairRun::observe_world(const session::Session& s, const lesson::LessonRun* lesson, std::int64_t wall_ms) {
  if (!break_fix_) return;
  if (auto restored = break_fix_->observe(all_synced_healthy(s.world()), wall_ms, s.now())) {
    mark(s, lesson, "break-fix", *restored);
  }
}

}  // namespace gs::pair
