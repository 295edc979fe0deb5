// The terminal station (`gitops-sim class FILE` without a display): the
// station's keys as words — next, prev, go N, play, pause, freeze, fault ID
// [APP] [--in DURATION], bookmark NOTE, vote Q ROUND CHOICE, run COMMAND,
// status, plan, faults, help, quit. It keeps the session of the current
// segment's lesson or scenario (a segment that names neither keeps the one
// before). Wall-clock readings come from the caller, as for Station.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "sim/classroom/station.hpp"

namespace gs::classroom {

// A session of a segment's lesson (its world run to the lesson's start) or
// scenario; nullptr with no error when the segment names neither.
Result<std::unique_ptr<session::Session>> open_segment(const Segment& segment);

class StationConsole {
 public:
  StationConsole(ClassPlan plan, WallMs now);

  struct Reply {
    std::string text;
    bool quit = false;
  };
  // One line typed. Before it, the session's clock catches up with the wall
  // time since the last line (while playing) and due faults are issued.
  Reply handle(std::string_view line, WallMs now);
  // The plan with each segment's countdown, the current one marked.
  std::string plan_text(WallMs now) const;
  // The current segment, its countdown, the world's time and clock.
  std::string status(WallMs now) const;

  Station& station() { return station_; }
  session::Session* session() { return session_.get(); }

 private:
  std::string enter(WallMs now);  // opens the current segment's world
  std::string catch_up(WallMs now);

  Station station_;
  std::unique_ptr<session::Session> session_;
  std::string opened_;  // the file the session is of
  WallMs last_ = 0;
};

}  // namespace gs::classroom
