// The instructor station's state, without a window: a class plan's
// segments and which one is on, a countdown per segment from wall-clock
// readings the caller passes in (the window passes glfwGetTime, the
// terminal station a steady clock, tests plain numbers — nothing here reads
// a clock), freeze, bookmarks with notes, delayed faults waiting for the
// virtual clock, the faults injected so far, and Peer-Instruction votes
// tallied per choice for the first and the second round.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/classroom/class_plan.hpp"
#include "sim/classroom/fault_palette.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/session/session.hpp"

namespace gs::classroom {

using WallMs = std::int64_t;  // a wall-clock reading in milliseconds, from any fixed origin

struct Bookmark {
  std::size_t segment = 0;
  WallMs wall = 0;     // when, in class time
  TimePoint at;        // the world's virtual time then
  std::string note;
};

// A fault picked with a delay: issued once the virtual clock reaches `due`.
struct PendingFault {
  std::string fault, app;
  TimePoint due;
};

struct InjectedFault {
  std::string fault, app;
  TimePoint at;
  std::vector<std::string> lines;  // the commands it ran
};

// Pair work's role swaps (a segment with swapEvery): how many are due so
// far in the segment's time, and the time to the next.
struct SwapClock {
  int swaps = 0;
  WallMs remaining = 0;
  WallMs every = 0;
};

class Station {
 public:
  explicit Station(ClassPlan plan);

  const ClassPlan& plan() const { return plan_; }
  std::size_t current() const { return current_; }
  const Segment& segment() const { return plan_.segments[current_]; }

  // --- segments and their countdowns ---------------------------------------
  // The class starts at `now` with the first segment.
  void start(WallMs now);
  bool started() const { return started_; }
  // Moves to another segment; false (nothing changes) at either end.
  bool next(WallMs now);
  bool prev(WallMs now);
  bool go_to(std::size_t index, WallMs now);
  // Time spent in a segment so far (a segment left and come back to adds up).
  WallMs elapsed(std::size_t index, WallMs now) const;
  // Its minutes minus its elapsed time; negative when it runs over.
  WallMs remaining(std::size_t index, WallMs now) const;
  WallMs class_elapsed(WallMs now) const { return started_ ? now - class_start_ : 0; }

  // --- pair work's swaps -------------------------------------------------------
  // For the current segment, when it has swapEvery (and the class started).
  std::optional<SwapClock> swap_clock(WallMs now) const;
  // The swaps that fell due in the current segment since the last call
  // (each is told once, however the segments are visited).
  int take_new_swaps(WallMs now);

  // --- freeze ----------------------------------------------------------------
  bool frozen() const { return frozen_; }
  void set_frozen(bool on) { frozen_ = on; }

  // --- bookmarks ----------------------------------------------------------------
  void bookmark(std::string note, WallMs now, TimePoint at);
  const std::vector<Bookmark>& bookmarks() const { return bookmarks_; }

  // --- faults ------------------------------------------------------------------
  void schedule(std::string fault, std::string app, TimePoint due);
  const std::vector<PendingFault>& pending() const { return pending_; }
  // Removes and returns the pending faults due by `now`, earliest first.
  std::vector<PendingFault> take_due(TimePoint now);
  void injected(InjectedFault f) { injected_.push_back(std::move(f)); }
  const std::vector<InjectedFault>& injected_faults() const { return injected_; }

  // --- votes ---------------------------------------------------------------------
  // Counts per choice of question `q` of the current segment, round 1 (alone)
  // or 2 (after discussing). add() may take a count down, never below 0; an
  // error names a question, round or choice that does not exist.
  Status add_vote(std::size_t q, int round, std::size_t choice, int delta = 1);
  std::vector<int> votes(std::size_t q, int round) const;

 private:
  void leave(WallMs now);

  ClassPlan plan_;
  std::size_t current_ = 0;
  bool started_ = false;
  WallMs class_start_ = 0;
  WallMs entered_ = 0;                 // when the current segment was entered
  std::vector<WallMs> spent_;          // per segment, before the current visit
  bool frozen_ = false;
  std::vector<int> swaps_told_;        // per segment
  std::vector<Bookmark> bookmarks_;
  std::vector<PendingFault> pending_;
  std::vector<InjectedFault> injected_;
  // segment -> question -> round (0, 1) -> counts per choice
  std::vector<std::vector<std::vector<std::vector<int>>>> votes_;
};

// The segment whose lesson or scenario is on while segment `index` is:
// itself, or the last one before it that names one (a discussion keeps the
// last demo's world); nullopt when none does.
std::optional<std::size_t> world_segment(const ClassPlan& plan, std::size_t index);

// A fault from the station: at once (delay 0: planned and injected through
// the session now, logged in the station) or scheduled for now + delay.
// Returns what it did, for the station's log line.
Result<std::string> station_fault(Station& station, session::Session& session, const std::string& fault,
                                  const std::string& app, Duration delay, const std::string& actor = "instructor");
// Issues the pending faults the session's clock has reached; one line per
// fault, an error line for one that could not be injected (the world
// changed meanwhile).
std::vector<std::string> issue_due_faults(Station& station, session::Session& session,
                                          const std::string& actor = "instructor");
// The class-wide role swaps due now, each a "role-swap" mark for the
// recording (when a session is open) (the pairs' own windows mark theirs with names). Returns how
// many fell due.
int station_swaps(Station& station, const session::Session* session, WallMs now);
// A vote counted on the station (delta +1, or -1 to take one back): the
// tally, and a "vote" mark in pair mode's words with who=class (a take-back
// has retract=1), so the class report counts the room's votes too.
Status station_vote(Station& station, const session::Session* session, std::size_t q, int round,
                    std::size_t choice, int delta = 1);
// Freeze on or off: the session's clock paused, a mark "freeze"/"unfreeze"
// for the recording.
void station_freeze(Station& station, session::Session& session, bool on);
// A bookmark in the station and the recording (mark "bookmark" with the note).
void station_bookmark(Station& station, session::Session& session, const std::string& note, WallMs now);

// "4:05", "-0:30" for a countdown.
std::string format_countdown(WallMs ms);

}  // namespace gs::classroom
