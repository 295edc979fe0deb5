// `gitops-sim replay REC --verify`: gives the recorded session again,
// headless, from its source and its actions, and compares what the world
// logs with what the recording stored — every event of every epoch (the
// stored ones must come out, in order, byte for byte), every checkpoint's
// hash, and every command's outcome.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/result.hpp"
#include "sim/record/recording.hpp"

namespace gs::record {

struct Difference {
  int epoch = 0;
  std::int64_t index = -1;  // the event's, 0-based in its epoch; -1: not an event (a command's outcome, a checkpoint)
  std::int64_t t_ms = 0;    // its virtual time
  std::string expected;     // the recording's (JSON line, or what it says)
  std::string got;          // the replay's ("" when the replay logged no such event)
  std::string what;         // one line
};

struct VerifyReport {
  std::int64_t events_checked = 0;
  std::int64_t checkpoints_checked = 0;
  std::int64_t commands = 0;
  int epochs = 0;
  std::optional<Difference> difference;  // the first; none: the same
  bool same() const { return !difference; }
};

// An error only when the replay cannot be made at all (exit 2).
Result<VerifyReport> verify(const Recording& rec);

// The report as text lines (and as one JSON object).
std::string verify_text(const Recording& rec, const VerifyReport& r);
std::string verify_json(const Recording& rec, const VerifyReport& r);

}  // namespace gs::record
