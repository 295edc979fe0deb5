// The CLI's side of recordings: where a session is recorded (`--record
// OUT`, the data directory's recordings/ by default for the GUI and
// lessons, `--no-record`), and `gitops-sim replay REC ...` without the
// window: --verify, --at T COMMAND..., --fork-at T, --to-scenario.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/record/recorder.hpp"

namespace gs::cli {

struct RecordFlags {
  std::string out;         // --record OUT
  bool no_record = false;  // --no-record
};

// The recorder a session asked for: `--record OUT`; else, when
// `by_default`, a new file in the recordings directory; else none
// (nullptr). An error when the file cannot be made (it exists, ...).
Result<std::unique_ptr<record::Recorder>> start_recording(const RecordFlags& flags, bool by_default,
                                                          const record::RecordingHeader& header);

struct ReplayArgs {
  std::string file;
  bool verify = false;
  bool json = false;
  std::string at;                      // --at T
  std::vector<std::string> commands;   // with --at: read-only commands
  std::string screenshot, size;        // with --at: the window as it was
  std::string fork_at;                 // --fork-at T
  RecordFlags record;                  // with --fork-at
  std::string to_scenario;             // --to-scenario OUT.yaml
  std::string lang;                    // "" : the recording's
};

// `gitops-sim replay`: exit 0, 1 (verify: differs; --at: a command exited
// non-zero), 2 (a bad file or flag).
int cmd_replay(const ReplayArgs& args);

}  // namespace gs::cli
