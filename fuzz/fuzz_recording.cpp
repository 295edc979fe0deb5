// fuzz_recording: the recording reader (record::Recording::open) on any
// bytes, written to a file first (SQLite reads files), then, when it opens,
// verify — bounded, so that one input stays quick: a short session (virtual
// time, actions, events). Every refusal is one line naming the file; no
// exception escapes; a recording that opens verifies or errs with one line.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/harness.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/verify.hpp"

namespace gs::fuzz {
namespace {

// Longer sessions are opened and read but not replayed: a mutated end time
// of days would make one input minutes long.
constexpr std::int64_t kMaxReplayMs = 2 * 60 * 60'000;
constexpr std::size_t kMaxReplayActions = 200;
constexpr std::int64_t kMaxReplayEvents = 20'000;

void check_line(const std::string& message, const std::string& file) {
  GS_FUZZ_REQUIRE(!message.empty(), file);
  GS_FUZZ_REQUIRE(message.find('\n') == std::string::npos, message);
  GS_FUZZ_REQUIRE(message.rfind(file, 0) == 0, message);
}

// One temp file per process, rewritten for every input.
const std::filesystem::path& input_file() {
  static const std::filesystem::path file = [] {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                                             : std::filesystem::temp_directory_path();
    return dir / ("gs-fuzz-recording-" + std::to_string(::getpid()) + ".gsrec");
  }();
  return file;
}

}  // namespace

int recording_one_input(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path& file = input_file();
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const std::string name = file.string();
  auto rec = record::Recording::open(file);
  if (!rec) {
    check_line(rec.error().message, name);
  } else {
    std::int64_t events = 0;
    for (int e = 0; e < rec->info().epochs && e < 64; ++e) {
      auto stored = rec->events(e);
      if (!stored) {
        check_line(stored.error().message, name);
        events = kMaxReplayEvents + 1;
        break;
      }
      events += static_cast<std::int64_t>(stored->size());
    }
    bool short_enough = rec->info().end_pos_ms <= kMaxReplayMs && rec->actions().size() <= kMaxReplayActions &&
                        events <= kMaxReplayEvents && rec->info().epochs <= 64;
    if (short_enough) {
      auto report = record::verify(*rec);
      if (!report) check_line(report.error().message, name);
    }
  }
  std::error_code ec;
  std::filesystem::remove(file, ec);
  return 0;
}

}  // namespace gs::fuzz

GS_FUZZ_ENTRY(gs::fuzz::recording_one_input)
