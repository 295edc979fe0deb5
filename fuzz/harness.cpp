#include "fuzz/harness.hpp"

#include <cstdio>
#include <cstdlib>

namespace gs::fuzz {
namespace {
FailureHandler g_handler = nullptr;
}  // namespace

void set_failure_handler(FailureHandler handler) { g_handler = handler; }

void property_failed(std::string_view condition, std::string_view detail) {
  std::string message = "fuzz property failed: " + std::string(condition) + "\n" + std::string(detail);
  if (g_handler) g_handler(message);
  std::fprintf(stderr, "%s\n", message.c_str());
  std::abort();
}

}  // namespace gs::fuzz
