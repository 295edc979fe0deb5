// What the window has open: nothing (the home screen, the library), a
// scenario's Session, or a lesson's LessonRun — and the Frame that draws it.
// Opening another replaces them in place (the menu bar, the home screen's
// Open buttons), keeping the view settings (language, scale, contrast). Also
// puts a lesson at a step for screenshots and demos (ViewOptions). No GLFW
// here; ImGui only through the Frame and the home screen it calls.
//
// Recordings (recording-format.md): every lesson or scenario opened is
// recorded (GuiOptions::record) by a Recorder, its observer from time 0; a
// recording opened instead (`gitops-sim replay REC`) is shown read-only at
// the moment the scrubber picks. Scrubbing back in a live session shows
// its own recording so far; "Take over here" makes the moment on screen a
// live session again, recorded to a new file that names its parent.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "sim/lesson/runner.hpp"
#include "sim/pair/pair_run.hpp"
#include "sim/record/recorder.hpp"
#include "sim/ui/app.hpp"
#include "sim/ui/frame.hpp"
#include "sim/ui/home.hpp"
#include "sim/ui/view/library.hpp"
#include "sim/ui/view/replay.hpp"

namespace gs::ui {

class Workspace {
 public:
  Workspace(const I18n& i18n, Library library, ProgressLookup progress);
  ~Workspace();  // closes the live recording
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // Opens a lesson or a scenario file. With `view` (the first open, from the
  // command line), applies its time, step and commands. Errors are the
  // file's (FILE:LINE:COL lines), or the lesson's failing to reach a step;
  // nothing is replaced then.
  Status open_lesson(const std::filesystem::path& file, const GuiOptions& opts, const ViewOptions* view);
  Status open_scenario(const std::filesystem::path& file, const GuiOptions& opts, const ViewOptions* view);
  // Opens what the menu or the home screen picked; an error is shown on the home screen.
  void open(const Pick& pick, const GuiOptions& opts);
  // Opens a recording, shown at `at` on its axis (its start if none).
  Status open_replay(const std::filesystem::path& file, std::optional<std::int64_t> at);

  // Each frame, before drawing: the live clock ticks by wall time, or the
  // replay plays on; the frame gets the scrubber to draw. `enough`: the
  // frame's budget for the world.
  void tick(double wall_dt_s, const std::function<bool()>& enough = {});
  // After the frame: what the scrubber asked (seek, play, take over ...).
  void after_frame();
  // Closes the live recording with its world (the window closing).
  void close();

  // A recording on screen (read-only), and the scrubber's view of it or of
  // the live session.
  bool replaying() const { return replay_ != nullptr; }
  Replay* replay() { return replay_.get(); }
  const ScrubberView& scrubber() const { return scrub_; }
  // The live session's recorder (nullptr: not recorded); the line the
  // scrubber shows about it.
  const record::Recorder* recorder() const { return recorder_.get(); }
  // Whether "Take over here" records the new session (and where: empty, a
  // new file in the recordings directory).
  bool record_takeovers = true;
  std::string takeover_file;
  // What the scrubber asks, as a click would (tests and demos).
  void request(const ScrubberRequest& r) { pending_ = r; }

  bool home() const { return home_ || !(replay_ ? replay_frame_ : frame_); }
  // Whether what is on screen moves by itself: the live clock or a replay
  // playing (the window redraws every frame then, else waits for input).
  bool moving();
  void show_home() { home_ = true; }
  Session* session();  // the open scenario's or lesson's (a replay's); nullptr before one opens
  const lesson::LessonRun* lesson() const;  // nullptr: no lesson open
  const pair::PairRun* pair() const { return pair_.get(); }  // nullptr: not in pair mode
  // The open lesson's or scenario's title ("" when nothing is open).
  std::string open_title(const I18n& i18n) const;
  Frame* frame() { return replay_ ? replay_frame_.get() : frame_.get(); }
  const Library& library() const { return library_; }
  const ProgressLookup& progress() const { return progress_; }
  const std::string& error() const { return error_; }
  // Every string a font must have glyphs for, beyond the UI's own: the
  // library's texts and the open file's; `texts_version` bumps when it grows.
  const std::vector<std::string>& texts() const { return texts_; }
  int texts_version() const { return texts_version_; }
  // More strings to have glyphs for (the instructor station's plan and palette).
  void add_texts(const std::vector<std::string>& more) {
    texts_.insert(texts_.end(), more.begin(), more.end());
    ++texts_version_;
  }

  // Settings that outlive what is open.
  ViewSettings view;
  Theme theme;

 private:
  void install(std::unique_ptr<Session> scenario, std::unique_ptr<lesson::LessonRun> lesson, const ViewOptions& view,
               std::vector<std::string> early_output, std::unique_ptr<record::Recorder> recorder = nullptr);
  // The recorder for a file about to open (nullptr: not recorded, or it
  // could not be made: said once in the scrubber's line).
  std::unique_ptr<record::Recorder> start_recording(record::RecordingHeader header, const GuiOptions& opts);
  // Ends the live session: its recording closed, its frame and world gone.
  void close_live();
  void drop_replay();
  void install_replay_frame();
  void sync_replay_console();
  void refresh_scrubber();
  void scrub_live_back(std::int64_t pos);
  void take_over();
  void note(std::string line);
  // Pair mode for what was just opened (GuiOptions::pair), lent to its frame.
  void start_pair(const GuiOptions& opts);

  const I18n& i18n_;
  Library library_;
  ProgressLookup progress_;
  // Before the sessions it observes: it outlives them.
  std::unique_ptr<record::Recorder> recorder_;
  bool record_file_used_ = false;  // GuiOptions::record_file went to the first file opened
  std::string record_note_;        // the recorder's error, or a take-over's note
  std::int64_t live_start_ = 0;    // the live session's axis starts here
  std::vector<Marker> live_markers_;
  std::uint64_t live_acted_ = ~std::uint64_t{0};
  // A recording on screen; of_live: the live session's own (back to live).
  std::unique_ptr<Replay> replay_;
  std::unique_ptr<Frame> replay_frame_;  // after replay_ (goes first): it refers to its session
  bool replay_of_live_ = false;
  std::size_t replay_history_ = ~std::size_t{0};
  ScrubberView scrub_;
  ScrubberRequest pending_;
  std::unique_ptr<Session> scenario_;
  std::unique_ptr<lesson::LessonRun> lesson_;
  std::unique_ptr<Frame> frame_;
  // Pair mode of the live session (nullptr: off), and its wall clock in ms
  // (the frames' time, from GuiOptions::pair_elapsed_ms on).
  std::unique_ptr<pair::PairRun> pair_;
  std::int64_t pair_wall_ms_ = 0;
  ViewOptions frame_opts_;  // what the frame was built with (it keeps a copy too)
  bool home_ = true;
  std::string error_;
  std::vector<std::string> texts_;
  int texts_version_ = 0;
};

// A lesson button by its --press name ("hint", "solution", "reset", ...).
std::optional<LessonAct> lesson_act_named(std::string_view name);

// Puts a lesson at `step` (an id or a 1-based number): each earlier step done
// as a learner would — a question answered right, a check's solution run
// until the check holds (skipped if it never does), next.
Status reach_lesson_step(lesson::LessonRun& run, const std::string& step);
// Runs the current step's solution as the learner would type it and lets
// time pass until its check holds (or `within` is over); whether it passed.
bool solve_lesson_step(lesson::LessonRun& run);

}  // namespace gs::ui
