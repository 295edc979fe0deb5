// The libFuzzer harnesses (fuzz/README.md): one entry function per target,
// each in its own fuzz_*.cpp file. Built with GS_FUZZ_LIBFUZZER a harness file
// also defines LLVMFuzzerTestOneInput over its entry; without it (the gcc
// build) the entries are plain functions the corpus replay test calls.
// A property that must hold for every input fails through property_failed():
// abort (libFuzzer saves the input as a crash), or whatever the replay test
// installs instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gs::fuzz {

// scenario::load_scenario_text, then what `gitops-sim validate` builds from it.
int scenario_one_input(const std::uint8_t* data, std::size_t size);
// model::parse_yaml_stream, and to_yaml of every document reading back equal.
int yaml_one_input(const std::uint8_t* data, std::size_t size);
// world::parse_command, and parse_command(cmd.text()) giving the same command.
int command_one_input(const std::uint8_t* data, std::size_t size);
// render::generate_manifests over a MemoryTree split out of the input.
int kustomize_one_input(const std::uint8_t* data, std::size_t size);
// record::Recording::open of the bytes as a file, then a bounded verify.
int recording_one_input(const std::uint8_t* data, std::size_t size);

using FailureHandler = void (*)(const std::string& message);
// The replay test installs one that throws, to name the input that failed.
void set_failure_handler(FailureHandler handler);

// Reports a broken property; never returns.
[[noreturn]] void property_failed(std::string_view condition, std::string_view detail);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace gs::fuzz

// Defines libFuzzer's LLVMFuzzerTestOneInput over `entry` in a harness file
// built for libFuzzer; nothing in the library the replay test links.
#ifdef GS_FUZZ_LIBFUZZER
#define GS_FUZZ_ENTRY(entry)                                                              \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
    return entry(data, size);                                                             \
  }
#else
#define GS_FUZZ_ENTRY(entry)
#endif

// Checks a property of the input; `detail` (a string) says what broke it.
#define GS_FUZZ_REQUIRE(cond, detail)                                 \
  do {                                                                \
    if (!(cond)) ::gs::fuzz::property_failed(#cond, (detail));        \
  } while (0)
