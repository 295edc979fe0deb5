// Pair mode in the terminal lesson (`gitops-sim lesson NAME --pair A,B
// --terminal`): what to print before each prompt — who drives and who
// navigates at the start, each swap as it comes due, and the navigator's
// prompts when a step begins. Wall time comes in as numbers.
#pragma once

#include <cstdint>
#include <string>

#include "sim/pair/pair_run.hpp"

namespace gs::pair {

class PairConsole {
 public:
  PairConsole(PairRun& pair, std::string lang) : pair_(pair), lang_(std::move(lang)) {}
  // The lines to print before the prompt at `wall_ms` ("" when nothing is new).
  std::string before_prompt(const lesson::LessonRun& run, std::int64_t wall_ms);

 private:
  PairRun& pair_;
  std::string lang_;
  bool introduced_ = false;
  std::size_t prompted_step_ = ~std::size_t{0};
};

}  // namespace gs::pair
