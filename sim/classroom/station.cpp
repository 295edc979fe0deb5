// The instructor station's state and the few things it does to a session:
// faults now or later, freeze, bookmarks.
#include "sim/classroom/station.hpp"

#include <algorithm>
#include <cstdlib>

namespace gs::classroom {

Station::Station(ClassPlan plan) : plan_(std::move(plan)) {
  spent_.assign(plan_.segments.size(), 0);
  swaps_told_.assign(plan_.segments.size(), 0);
  votes_.resize(plan_.segments.size());
  for (std::size_t i = 0; i < plan_.segments.size(); ++i) {
    for (const auto& q : plan_.segments[i].questions) {
      votes_[i].push_back({std::vector<int>(q.choices.size(), 0), std::vector<int>(q.choices.size(), 0)});
    }
  }
}

void Station::start(WallMs now) {
  started_ = true;
  class_start_ = now;
  entered_ = now;
}

void Station::leave(WallMs now) {
  if (started_) spent_[current_] += now - entered_;
  entered_ = now;
}

bool Station::go_to(std::size_t index, WallMs now) {
  if (index >= plan_.segments.size() || index == current_) return false;
  if (!started_) start(now);
  leave(now);
  current_ = index;
  return true;
}

bool Station::next(WallMs now) { return go_to(current_ + 1, now); }
bool Station::prev(WallMs now) { return current_ > 0 && go_to(current_ - 1, now); }

WallMs Station::elapsed(std::size_t index, WallMs now) const {
  if (index >= spent_.size()) return 0;
  return spent_[index] + (started_ && index == current_ ? now - entered_ : 0);
}

WallMs Station::remaining(std::size_t index, WallMs now) const {
  if (index >= plan_.segments.size()) return 0;
  return static_cast<WallMs>(plan_.segments[index].minutes) * 60'000 - elapsed(index, now);
}

std::optional<SwapClock> Station::swap_clock(WallMs now) const {
  const Segment& seg = segment();
  if (!started_ || !seg.swap_every || seg.swap_every->ms <= 0) return std::nullopt;
  const WallMs every = seg.swap_every->ms;
  const WallMs e = std::max<WallMs>(0, elapsed(current_, now));
  return SwapClock{static_cast<int>(e / every), every - e % every, every};
}

int Station::take_new_swaps(WallMs now) {
  const auto c = swap_clock(now);
  if (!c) return 0;
  int& told = swaps_told_[current_];
  const int fresh = std::max(0, c->swaps - told);
  told = std::max(told, c->swaps);
  return fresh;
}

void Station::bookmark(std::string note, WallMs now, TimePoint at) {
  bookmarks_.push_back(Bookmark{current_, class_elapsed(now), at, std::move(note)});
}

void Station::schedule(std::string fault, std::string app, TimePoint due) {
  pending_.push_back(PendingFault{std::move(fault), std::move(app), due});
  std::stable_sort(pending_.begin(), pending_.end(), [](const auto& a, const auto& b) { return a.due < b.due; });
}

std::vector<PendingFault> Station::take_due(TimePoint now) {
  std::vector<PendingFault> due;
  auto it = std::find_if(pending_.begin(), pending_.end(), [&](const auto& p) { return p.due > now; });
  due.assign(pending_.begin(), it);
  pending_.erase(pending_.begin(), it);
  return due;
}

Status Station::add_vote(std::size_t q, int round, std::size_t choice, int delta) {
  const auto& qs = votes_[current_];
  if (q >= qs.size()) {
    return Error("question " + std::to_string(q + 1) + " does not exist; this segment has " +
                 std::to_string(qs.size()) + (qs.size() == 1 ? " question" : " questions"));
  }
  if (round != 1 && round != 2) return Error("round " + std::to_string(round) + " does not exist; expected 1 or 2");
  auto& counts = votes_[current_][q][static_cast<std::size_t>(round - 1)];
  if (choice >= counts.size()) {
    return Error("choice " + std::string(1, static_cast<char>('A' + std::min<std::size_t>(choice, 25))) +
                 " does not exist; question " + std::to_string(q + 1) + " has " + std::to_string(counts.size()) +
                 " choices");
  }
  counts[choice] = std::max(0, counts[choice] + delta);
  return {};
}

std::vector<int> Station::votes(std::size_t q, int round) const {
  const auto& qs = votes_[current_];
  if (q >= qs.size() || (round != 1 && round != 2)) return {};
  return qs[q][static_cast<std::size_t>(round - 1)];
}

namespace {

Result<std::string> inject_now(Station& station, session::Session& session, const std::string& fault,
                               const std::string& app, const std::string& actor) {
  auto plan = plan_fault(session.world(), fault, app);
  if (!plan) return plan.error();
  auto out = inject_fault(session, *plan, actor);
  if (!out) return out.error();
  InjectedFault done{plan->fault, plan->app, session.now(), {}};
  for (const auto& c : plan->commands) done.lines.push_back(c.line);
  station.injected(done);
  return "fault " + plan->fault + " on " + plan->app + " at " + format_duration(Duration{session.now().ms});
}

}  // namespace

Result<std::string> station_fault(Station& station, session::Session& session, const std::string& fault,
                                  const std::string& app, Duration delay, const std::string& actor) {
  if (!find_fault(fault)) return Error("unknown fault '" + fault + "'; expected one of " + fault_ids());
  if (delay.ms <= 0) return inject_now(station, session, fault, app, actor);
  // Checked now, so a typo is not found out minutes later.
  auto plan = plan_fault(session.world(), fault, app);
  if (!plan) return plan.error();
  const TimePoint due = session.now() + delay;
  station.schedule(fault, plan->app, due);
  return "fault " + fault + " on " + plan->app + " at " + format_duration(Duration{due.ms}) + " (in " +
         format_duration(delay) + ")";
}

std::vector<std::string> issue_due_faults(Station& station, session::Session& session, const std::string& actor) {
  std::vector<std::string> lines;
  for (const auto& p : station.take_due(session.now())) {
    auto r = inject_now(station, session, p.fault, p.app, actor);
    lines.push_back(r ? *r : "error: " + r.error().message);
  }
  return lines;
}

void station_freeze(Station& station, session::Session& session, bool on) {
  if (station.frozen() == on) return;
  station.set_frozen(on);
  if (on) session.pause();
  session.mark(session::Mark{on ? "freeze" : "unfreeze", "", "", false, true});
}

std::optional<std::size_t> world_segment(const ClassPlan& plan, std::size_t index) {
  for (std::size_t i = std::min(index + 1, plan.segments.size()); i-- > 0;) {
    if (!plan.segments[i].lesson.empty() || !plan.segments[i].scenario.empty()) return i;
  }
  return std::nullopt;
}

int station_swaps(Station& station, const session::Session* session, WallMs now) {
  const int fresh = station.take_new_swaps(now);
  if (fresh > 0 && session) {
    const int total = station.swap_clock(now)->swaps;
    for (int n = total - fresh + 1; n <= total; ++n) {
      session->mark(session::Mark{"role-swap", "class swap " + std::to_string(n) + " in " + station.segment().id, "",
                                 false, true});
    }
  }
  return fresh;
}

Status station_vote(Station& station, const session::Session* session, std::size_t q, int round,
                    std::size_t choice, int delta) {
  const std::vector<int> before = station.votes(q, round);
  if (auto st = station.add_vote(q, round, choice, delta); !st) return st;
  // One mark per vote counted or taken back (a take-back below 0 changed nothing).
  const int changed = station.votes(q, round)[choice] - before[choice];
  const Segment& seg = station.segment();
  const auto& question = seg.questions[q];
  // Pair mode's words (sim/pair/vote.hpp's vote_detail), read by the report.
  std::string detail = "question=" + seg.id + "-q" + std::to_string(q + 1) + " round=" + std::to_string(round) +
                       " who=class choice=" + std::to_string(choice + 1) +
                       " of=" + std::to_string(question.choices.size()) + " correct=" +
                       (question.answer && static_cast<std::size_t>(*question.answer) == choice ? "1" : "0");
  if (changed < 0) detail += " retract=1";
  for (int n = 0; session && n < std::abs(changed); ++n) session->mark(session::Mark{"vote", detail, "", false, true});
  return {};
}

void station_bookmark(Station& station, session::Session& session, const std::string& note, WallMs now) {
  station.bookmark(note, now, session.now());
  session.mark(session::Mark{"bookmark", note, "", false, true});
}

std::string format_countdown(WallMs ms) {
  const bool over = ms < 0;
  // Rounded up while counting down, so 0:00 is shown only once time is up.
  const WallMs s = over ? (-ms) / 1000 : (ms + 999) / 1000;
  const std::string sec = std::to_string(s % 60);
  return (over ? "-" : "") + std::to_string(s / 60) + ":" + (sec.size() == 1 ? "0" : "") + sec;
}

}  // namespace gs::classroom
