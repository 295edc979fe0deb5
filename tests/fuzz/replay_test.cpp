// The saved fuzz corpora and every regression input, replayed through the
// same harness entries libFuzzer runs (fuzz/harness.hpp), here built by the
// project's own compiler and, in the ASan+UBSan build, under its sanitizers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz/harness.hpp"

namespace {

namespace fs = std::filesystem;
using Entry = int (*)(const std::uint8_t*, std::size_t);

struct PropertyFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void throw_failure(const std::string& message) { throw PropertyFailed(message); }

std::vector<fs::path> inputs_in(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename().string().front() != '.') files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());  // a stable order for reports
  return files;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs `entry` on every input of the harness's corpus and regressions; returns
// how many it ran.
std::size_t replay(const std::string& harness, Entry entry) {
  gs::fuzz::set_failure_handler(throw_failure);
  const fs::path root = GS_FUZZ_DIR;
  std::size_t ran = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    for (const auto& file : inputs_in(root / kind / harness)) {
      const std::string bytes = read_bytes(file);
      const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
      try {
        entry(data, bytes.size());
      } catch (const PropertyFailed& e) {
        FAIL_CHECK(fs::relative(file, root).string() << ": " << e.what());
      }
      ++ran;
    }
  }
  gs::fuzz::set_failure_handler(nullptr);
  return ran;
}

}  // namespace

TEST_CASE("replay of the saved corpus for scenario", "[fuzz]") {
  CHECK(replay("scenario", gs::fuzz::scenario_one_input) > 0);
}

TEST_CASE("replay of the saved corpus for yaml", "[fuzz]") {
  CHECK(replay("yaml", gs::fuzz::yaml_one_input) > 0);
}

TEST_CASE("replay of the saved corpus for command", "[fuzz]") {
  CHECK(replay("command", gs::fuzz::command_one_input) > 0);
}

TEST_CASE("replay of the saved corpus for kustomize", "[fuzz]") {
  CHECK(replay("kustomize", gs::fuzz::kustomize_one_input) > 0);
}

TEST_CASE("replay of the saved corpus for recording", "[fuzz]") {
  CHECK(replay("recording", gs::fuzz::recording_one_input) > 0);
}
