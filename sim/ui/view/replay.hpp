// A recording open in the window (`gitops-sim replay REC`, or a live
// session scrubbed back into its own file): the recording, the replayer
// giving it again to the moment on screen, the scrubber's markers and the
// replay's clock; and "take over here", which turns the moment into a live
// session recorded to a new file that names its parent. No ImGui: the
// workspace holds one and the frame draws its session read-only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/record/recorder.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/replayer.hpp"
#include "sim/ui/view/scrubber.hpp"

namespace gs::ui {

// A live session taken over from a recording's moment.
struct TakenOver {
  std::unique_ptr<record::Recorder> recorder;  // nullptr: not recorded
  std::unique_ptr<session::Session> session;   // a scenario's
  std::unique_ptr<lesson::LessonRun> lesson;   // or a lesson's
};

class Replay {
 public:
  // Opens the recording read-only and builds its world at the start.
  static Result<std::unique_ptr<Replay>> open(const std::filesystem::path& file);

  // To `pos` on the axis, clamped. Backwards rebuilds the session (and the
  // lesson run): restarted() says so until taken.
  Status seek(std::int64_t pos);
  // Plays on by `wall_dt_s` seconds × the clock's speed.
  Status tick(double wall_dt_s);
  bool take_restarted() { return std::exchange(restarted_, false); }

  std::int64_t start() const { return start_; }
  std::int64_t end() const { return std::max(start_, rec_->info().end_pos_ms); }
  std::int64_t pos() const { return replayer_->pos(); }
  const record::Recording& recording() const { return *rec_; }
  session::Session& session() { return replayer_->session(); }
  lesson::LessonRun* lesson() { return replayer_->lesson(); }
  std::size_t applied() const { return replayer_->applied(); }
  const std::vector<Marker>& markers() const { return markers_; }
  ReplayClock clock;

  // The header of a session taken over at `pos`: the recording's source,
  // participants and language; parent = its absolute path, parent_pos_ms.
  record::RecordingHeader fork_header(std::int64_t pos) const;
  // "Take over here": a fresh replay recorded to `out` (empty: not
  // recorded) up to pos(), the session taken from it. The fork's file holds
  // the parent's actions up to there, so it replays by itself.
  Result<TakenOver> take_over(const std::filesystem::path& out) const;

 private:
  Replay() = default;
  std::unique_ptr<record::Recording> rec_;
  std::unique_ptr<record::Replayer> replayer_;
  std::vector<Marker> markers_;
  std::int64_t start_ = 0;
  bool restarted_ = false;
};

}  // namespace gs::ui
