// The lesson in a terminal (`gitops-sim lesson NAME --terminal`, and the
// fallback when there is no display): lesson-format.md's "The lesson CLI".
// It reads lines from an istream and writes to an ostream, so a test can
// drive a whole lesson with a script. It prints the step's title and text,
// its question with numbered choices, and a prompt with the virtual time and
// the step ("[02:00 step 2/4] $ "); every command of the command language
// goes to LessonRun::run (so the step's deny applies), and the lesson verbs
// (hint, check, solution, skip, reset, undo, next, play, advance T,
// answer N, help, quit) drive the lesson. A step that passes is announced at
// once, with what made its check hold, and the next one is shown. Progress
// is saved after every line that changed it. Every text of its own is in
// English and Korean (terminal_text.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "sim/core/event.hpp"
#include "sim/lesson/progress.hpp"
#include "sim/lesson/runner.hpp"
#include "sim/world/heredoc.hpp"

namespace gs::lesson {

enum class Msg;  // the terminal's own texts (terminal_text.hpp)

struct TerminalOptions {
  std::string lang = "en";  // "en" or "ko"
  bool color = false;       // ANSI colours (the CLI: stdout is a TTY and NO_COLOR is unset)
  bool echo = false;        // print each line read after its prompt (stdin is not a terminal)
  int width = 80;           // text is wrapped to this many columns
  ProgressStore* store = nullptr;  // null: progress is not kept
  std::string profile = std::string(kDefaultProfile);
  std::string next_lesson;  // named when this one is finished ("" for none)
  // Pair mode (sim/pair, wired by the CLI): who gives each command (the
  // driver of the moment), and what to say before each prompt (a swap, the
  // navigator's prompts). Empty: a learner alone.
  std::function<session::Issuer()> issuer;
  std::function<std::string()> before_prompt;
};

class TerminalSession {
 public:
  TerminalSession(LessonRun& run, std::ostream& out, TerminalOptions options);

  // The lesson's title and summary, and the first step.
  void start();
  // One line of input (a command, a lesson verb, or a line of a
  // here-document). False once the session is over (quit, or the lesson is
  // finished).
  bool handle(const std::string& line);
  // The end of input: as quit.
  void end_of_input();
  std::string prompt() const;
  bool over() const { return over_; }

 private:
  std::string tr(Msg id) const;
  std::string paint(const char* code, const std::string& s) const;
  void say(const std::string& text, int indent = 0, int hang = -1);
  void show_step();
  void run_command(const std::string& line, const world::StagedFiles& files = {});
  void report_events(EventId after, TimePoint from);
  void after_action(EventId events_before, TimePoint time_before);
  void announce_done(std::size_t step, EventId step_first_event);
  void verb_hint();
  void verb_check();
  void verb_solution();
  void verb_skip();
  void verb_reset(bool undo);
  void settle();
  void verb_play(const std::string& arg, bool advance);
  void verb_answer(const std::string& arg);
  void finish();
  void quit();
  void save();
  bool begin_heredoc(const std::string& line);
  const std::string& text(const LocalizedText& t) const { return options_.lang == "ko" ? t.ko : t.en; }

  LessonRun& run_;
  std::ostream& out_;
  TerminalOptions options_;
  bool over_ = false;
  std::size_t announced_ = static_cast<std::size_t>(-1);  // the step whose pass was announced
  std::size_t budget_told_ = static_cast<std::size_t>(-1);  // the step told its budget is over
  EventId step_first_event_ = 1;
  std::size_t step_journal_ = 0;  // the journal's size when the step began: undo goes no further back
  std::vector<StepRecord> saved_;
  bool save_failed_ = false;
  // A here-document being typed: the command, the file it stages, the end
  // word (world::heredoc_start), and the lines so far.
  struct Heredoc {
    world::HeredocStart start;
    std::string content;
  };
  std::optional<Heredoc> heredoc_;
};

// A whole session: start, then a prompt and a line at a time until quit,
// the lesson's end or the end of input. Returns the exit code (0).
int run_terminal(LessonRun& run, std::istream& in, std::ostream& out, const TerminalOptions& options);

// `help` and `help TOPIC` (a lesson verb or a command, or its first words),
// in `lang`. One function, so fuller help text can take its place.
std::string terminal_help(std::string_view topic, std::string_view lang);

// Columns a UTF-8 string takes in a terminal (Hangul and other wide
// characters take two).
std::size_t display_width(std::string_view s);
// `text` wrapped at word boundaries to `width` columns, each paragraph's
// first line indented by `indent` spaces and the lines after by `hang`
// (default: `indent`); the text's own line breaks are kept.
std::string wrap_text(std::string_view text, int width, int indent = 0, int hang = -1);

}  // namespace gs::lesson
