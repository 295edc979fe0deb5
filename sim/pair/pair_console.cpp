// Pair mode's lines in the terminal lesson (pair_console.hpp).
#include "sim/pair/pair_console.hpp"

#include "sim/pair/prompts.hpp"

namespace gs::pair {

std::string PairConsole::before_prompt(const lesson::LessonRun& run, std::int64_t wall_ms) {
  const bool ko = lang_ == "ko";
  std::string out;
  const PairMode& m = pair_.mode();
  const Activity a = pair_.activity(&run);
  auto roles = [&] {
    const int d = m.active();
    return m.name(d) + ": " + std::string(role_label(m.role_of(d, a), lang_)) + ", " + m.name(1 - d) + ": " +
           std::string(role_label(m.role_of(1 - d, a), lang_)) + (ko ? " (교대까지 " : " (swap in ") +
           countdown_text(m.remaining_ms(wall_ms)) + ")\n";
  };
  if (!introduced_) {
    introduced_ = true;
    out += (ko ? "페어 모드 — " : "Pair mode — ") + roles();
  }
  const auto swaps = pair_.update(run.session(), &run, wall_ms);
  for (const Swap& s : swaps) {
    out += "\n*** " + swap_banner(m, s, a, lang_) + " ***\n" + roles();
  }
  if (!run.finished() && run.current() != prompted_step_) {
    prompted_step_ = run.current();
    const auto prompts = navigator_prompts(&run.step());
    if (!prompts.empty()) {
      const int n = 1 - m.active();
      out += m.name(n) + " (" + std::string(role_label(m.role_of(n, a), lang_)) + (ko ? ") 질문:\n" : ") asks:\n");
      for (const auto& p : prompts) out += "  - " + (ko ? p.ko : p.en) + "\n";
    }
  }
  return out;
}

}  // namespace gs::pair
