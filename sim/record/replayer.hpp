// Giving a recorded session again: the source loaded from the recording's
// own copies, the seed, and every action that shapes the run (commands; a
// lesson's hints, answers, next, skip, reset, undo) at its virtual time.
// The world is deterministic, so this is the session as it was, byte for
// byte. Seeking forwards goes on from where the replay stands; backwards
// goes on from a replay kept aside earlier on the way (the last few the
// replayer left), or starts again from the beginning.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/lesson/lesson.hpp"
#include "sim/lesson/runner.hpp"
#include "sim/record/recording.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/session/session.hpp"

namespace gs::record {

class Replayer {
 public:
  // `rec` must outlive the replayer. `observer`, if any, hears the replay
  // as a recorder heard the session (verify compares with it; a fork
  // records with it from the fork's moment on).
  static Result<std::unique_ptr<Replayer>> create(const Recording& rec, session::SessionObserver* observer = nullptr);

  // To `pos_ms` on the recording's axis, clamped to [0, end]. An error when
  // the source does not load or the world cannot be built.
  Status seek(std::int64_t pos_ms);
  std::int64_t pos() const { return pos_; }
  std::int64_t end() const { return rec_.info().end_pos_ms; }

  session::Session& session();
  const session::Session& session() const;
  lesson::LessonRun* lesson() { return lesson_.get(); }
  const lesson::LessonRun* lesson() const { return lesson_.get(); }
  // The recording's actions done so far (those at or before pos()).
  std::size_t applied() const { return next_; }
  // The first action whose outcome now differs from the recording's, said
  // in one line (verify reports it), if any.
  const std::optional<std::string>& divergence() const { return divergence_; }
  // Takes the session (or lesson) over: the replayer is spent. For a fork.
  std::unique_ptr<session::Session> take_session() { return std::move(session_); }
  std::unique_ptr<lesson::LessonRun> take_lesson() { return std::move(lesson_); }
  // The source as loaded (the scenario; a lesson's world).
  const scenario::Scenario& scenario() const;
  const std::optional<lesson::Lesson>& loaded_lesson() const { return lesson_src_; }

 private:
  explicit Replayer(const Recording& rec) : rec_(rec) {}
  // A replay standing at some moment, kept aside (the world cannot be
  // copied, and a replay only goes forwards): a seek to a moment at or after
  // it goes on from there. At most kParked are kept, each a whole world.
  struct Parked {
    std::unique_ptr<session::Session> session;
    std::unique_ptr<lesson::LessonRun> lesson;
    std::size_t next = 0;
    std::int64_t pos = 0, anchor_pos = 0, anchor_at = 0;
    std::optional<std::string> divergence;
  };
  static constexpr std::size_t kParked = 3;
  void swap_with(Parked& p);
  // Keeps the replay as it stands aside (dropping the kept one that covers
  // the least), before the replayer starts again.
  void park();
  Status restart();
  void apply(const Action& a);
  void note_divergence(const Action& a, bool ok, int exit_code, const std::string& output);

  const Recording& rec_;
  session::SessionObserver* observer_ = nullptr;
  std::optional<scenario::Scenario> scenario_src_;
  std::optional<lesson::Lesson> lesson_src_;
  std::unique_ptr<session::Session> session_;
  std::unique_ptr<lesson::LessonRun> lesson_;
  std::size_t next_ = 0;
  std::int64_t pos_ = 0;
  // Where the axis and the world's time last met: the start, or after a
  // lesson's reset or undo took the world back.
  std::int64_t anchor_pos_ = 0, anchor_at_ = 0;
  std::optional<std::string> divergence_;
  std::vector<Parked> parked_;  // only without an observer: it hears one replay, in order
};

// Loads a recording's source from its copies: a scenario, or a lesson.
Status load_source(const Recording& rec, std::optional<scenario::Scenario>& scenario,
                   std::optional<lesson::Lesson>& lesson);

}  // namespace gs::record
