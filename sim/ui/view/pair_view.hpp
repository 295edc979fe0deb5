// What the pair panel, the pair strip and the hand-over banner show
// (issue 11), prepared from a PairRun with no ImGui: both partners and
// their roles now, the countdown to the next swap, the banner at a swap,
// the navigator's prompts, a question's Peer-Instruction vote (round 1's
// answers hidden until both answered), and break-fix (the fault hidden from
// the fixer until named; the times to diagnose and restore). In English or
// Korean. The panel draws this and sends PairActs; nothing here changes
// the run.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/pair/pair_run.hpp"
#include "sim/ui/view/i18n.hpp"

namespace gs::ui {

struct PairView {
  struct Person {
    std::string name;
    std::string role;     // "Driver" / "드라이버" ...
    bool active = false;  // at the keyboard (or explaining)
  };
  std::array<Person, 2> people;
  std::string countdown;        // "2:41"
  std::string countdown_line;   // "Swap in 2:41" / "교대까지 2:41"
  float elapsed_frac = 0;       // of the interval, 0..1 (the strip's bar)
  std::optional<std::string> banner;  // "Swap: Mina drives now" while shown
  std::string prompts_title;    // "Joon (navigator) asks:"
  std::vector<std::string> prompts;

  // A Peer-Instruction vote.
  struct Voter {
    std::string name;
    bool can_vote = false;  // has not answered this round
    std::string state;      // "answered (hidden)", "chose 2", "not yet"
  };
  bool vote = false;
  std::string vote_title;          // "Vote, round 1: answer alone"
  int choices = 0;
  std::vector<std::string> choice_labels;  // "A", "B", ... as the lesson panel letters them
  std::array<Voter, 2> voters;
  std::vector<std::string> vote_lines;  // per round shown: "Round 1: A -  · B #  · C #  (right 1/2)"; the answer when done

  // Break-fix.
  enum class Fix { Off, Pick, Diagnose, Fix, Restored };
  Fix fix = Fix::Off;
  bool can_start_fix = false;            // a palette for this world
  std::string fix_title;                 // "Break-fix, round 1"
  std::string fix_line;                  // what to do now, and who
  std::vector<std::string> fix_choices;  // the palette's faults (pick, or name the cause)
  std::vector<std::string> fix_times;    // "Diagnosed in 0:45 (virtual 0s)", "Restored in 1:38 ..."
  std::vector<std::string> fix_history;  // the rounds done: "1. Mina → Joon: bad-commit, 0:45 / 1:38"
};

PairView pair_view(const pair::PairRun& p, const lesson::LessonRun* lesson, Lang lang, std::int64_t wall_ms);

// Every text pair mode may show (both languages), for the fonts' glyphs:
// its own words, the lecture's questions, the names, the lesson's prompts.
std::vector<std::string> pair_texts(const pair::PairConfig& c, const lesson::Lesson* lesson);

// Labels the panel draws as they are (en, ko).
const char* pair_label(std::string_view key, Lang lang);

}  // namespace gs::ui
