#include "sim/lesson/terminal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <istream>
#include <ostream>

#include "sim/core/events.hpp"
#include "sim/help/help.hpp"
#include "sim/lesson/terminal_text.hpp"
#include "sim/world/command.hpp"
#include "sim/world/heredoc.hpp"
#include "sim/world/world.hpp"

namespace gs::lesson {

namespace {

// At most this many events are listed after time passes (notes and pauses
// are always shown).
constexpr std::size_t kEventLines = 12;
// Work due this soon after a command is worth a word ("type play"); a poll
// minutes away is not.
constexpr Duration kSoon = Duration::seconds(30);
// After play passes a step, work due within this of the last keeps running.
constexpr Duration kSettle = Duration::seconds(5);
// A command's own consequences: the work due this soon after it runs at once.
constexpr Duration kFollowUp = Duration::seconds(2);

// Virtual time as the prompt shows it: "02:00", "1:02:00".
std::string clock_text(TimePoint t) {
  const std::int64_t s = t.ms / 1000;
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{:02}:{:02}", s / 60, s % 60);
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// The first word and the rest.
std::pair<std::string, std::string> split_verb(const std::string& line) {
  const auto sp = line.find_first_of(" \t");
  if (sp == std::string::npos) return {line, ""};
  return {line.substr(0, sp), trim(line.substr(sp + 1))};
}

// Decodes one UTF-8 code point at `i` (advancing it); a bad byte is one column.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  i += static_cast<std::size_t>(len);
  return cp;
}

bool wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6);
}

// The event types that can make `c` hold, for "what did it": an `event:`
// check's own type, a sync or health status's change, what changes a
// resource or a file.
void telling_types(const scenario::Check& c, std::vector<std::string>& out) {
  for (const auto& part : c.all) telling_types(part, out);
  for (const auto& part : c.any) telling_types(part, out);
  if (c.event) out.push_back(*c.event);
  if (c.sync || c.revision) out.push_back("SyncStatusChanged");
  if (c.health) out.push_back("HealthStatusChanged");
  if (c.operation) {
    out.push_back("SyncSucceeded");
    out.push_back("SyncFailed");
  }
  if (c.resource) {
    for (const char* t : {"ResourceApplied", "ResourcePruned", "LiveChanged"}) out.push_back(t);
  }
  if (c.file) out.push_back("Committed");
}

// The lesson verbs, in help's order, with their syntax.
struct Verb {
  const char* syntax;
  Msg what;
};
constexpr Verb kVerbs[] = {
    {"hint", Msg::VerbHint},         {"check", Msg::VerbCheck},       {"solution", Msg::VerbSolution},
    {"skip", Msg::VerbSkip},         {"reset", Msg::VerbReset},       {"undo", Msg::VerbUndo},
    {"next", Msg::VerbNext},         {"play", Msg::VerbPlay},         {"advance T", Msg::VerbAdvance},
    {"answer N", Msg::VerbAnswer},   {"help [COMMAND]", Msg::VerbHelp}, {"quit", Msg::VerbQuit},
};

// A near miss of a lesson verb ("answre 2", "hnit"): the commands' parser
// names only the tools, so the session says which verb was meant.
std::optional<std::string> verb_typo(std::string_view line) {
  const std::string_view word = line.substr(0, line.find(' '));
  std::vector<std::string> verbs;
  for (const auto& v : kVerbs) verbs.emplace_back(std::string_view(v.syntax).substr(0, std::string_view(v.syntax).find(' ')));
  if (std::find(verbs.begin(), verbs.end(), word) != verbs.end()) return std::nullopt;
  return world::did_you_mean(word, verbs);
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '\033' && i + 1 < s.size() && s[i + 1] == '[') {  // a colour: no columns
      i += 2;
      while (i < s.size() && !(s[i] >= '@' && s[i] <= '~')) ++i;
      ++i;
      continue;
    }
    w += wide(next_code_point(s, i)) ? 2 : 1;
  }
  return w;
}

std::string wrap_text(std::string_view text, int width, int indent, int hang) {
  if (hang < 0) hang = indent;
  std::string out;
  // The first line of each paragraph at `indent`, the lines after at `hang`.
  std::size_t limit = 0;
  std::string pad;
  const auto first_line = [&](bool first) {
    const int at = first ? indent : hang;
    limit = static_cast<std::size_t>(std::max(width - at, 10));
    pad.assign(static_cast<std::size_t>(std::max(at, 0)), ' ');
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    std::string line;
    std::size_t col = 0;
    std::size_t i = 0;
    first_line(true);
    while (i < para.size()) {
      // The spaces between two words on one line are kept as written (a
      // table's columns stay aligned); at a line break they go.
      const std::size_t gap_start = i;
      while (i < para.size() && para[i] == ' ') ++i;
      if (i >= para.size()) break;
      const std::size_t gap = i - gap_start;
      const std::size_t j = std::min(para.find(' ', i), para.size());
      const std::string_view word = para.substr(i, j - i);
      const std::size_t w = display_width(word);
      if (col > 0 && col + gap + w > limit) {
        out += pad + line + "\n";
        line.clear();
        col = 0;
        first_line(false);
      }
      if (col > 0) {
        line.append(gap, ' ');
        col += gap;
      }
      line += word;
      col += w;
      i = j;
    }
    out += (line.empty() ? std::string() : pad + line) + "\n";
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

// The lesson verbs, then the command language's reference (docs/reference/
// commands.md, the same text as `gitops-sim help` and the window's console).
std::string terminal_help(std::string_view topic, std::string_view lang) {
  auto tr = [lang](Msg m) { return std::string(terminal_text(m, lang)); };
  const help::Lang hl = lang == "ko" ? help::Lang::Ko : help::Lang::En;
  std::string out;
  if (topic.empty()) {
    out += tr(Msg::HelpVerbs) + "\n";
    for (const auto& v : kVerbs) out += fmt::format("  {:<16} {}\n", v.syntax, tr(v.what));
    out += "\n" + help::overview(hl);
    out += "\n" + tr(Msg::HelpMore) + "\n";
    return out;
  }
  for (const auto& v : kVerbs) {
    const std::string_view syntax = v.syntax;
    if (syntax.substr(0, syntax.find(' ')) == topic) return fmt::format("{}\n  {}\n", v.syntax, tr(v.what));
  }
  auto text = help::command(topic, hl);
  return text ? *text : text.error().message + "\n";
}

// ---------------------------------------------------------------------------

TerminalSession::TerminalSession(LessonRun& run, std::ostream& out, TerminalOptions options)
    : run_(run), out_(out), options_(std::move(options)) {
  if (options_.lang != "ko") options_.lang = "en";
}

std::string TerminalSession::tr(Msg id) const { return std::string(terminal_text(id, options_.lang)); }

std::string TerminalSession::paint(const char* code, const std::string& s) const {
  return options_.color ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
}

void TerminalSession::say(const std::string& text, int indent, int hang) {
  out_ << wrap_text(text, options_.width, indent, hang);
}

std::string TerminalSession::prompt() const {
  if (heredoc_) return "> ";
  const auto n = run_.lesson().steps.size();
  const auto step = std::min(run_.current() + 1, n);
  return paint("36", fmt::format(fmt::runtime(tr(Msg::Prompt)), clock_text(run_.session().now()), step, n)) + " $ ";
}

void TerminalSession::start() {
  const Lesson& l = run_.lesson();
  out_ << paint("1", text(l.title)) << "\n";
  if (!text(l.summary).empty()) say(text(l.summary));
  out_ << "\n";
  say(paint("2", tr(Msg::Intro)));
  if (!options_.store) say(paint("2", tr(Msg::NotSaved)));
  show_step();
}

void TerminalSession::show_step() {
  if (run_.finished()) return;
  const Step& s = run_.step();
  step_first_event_ = run_.context().step_first_event;
  step_journal_ = run_.session().journal().size();
  out_ << "\n"
       << paint("1;33", fmt::format(fmt::runtime(tr(Msg::StepHeading)), run_.current() + 1,
                                    run_.lesson().steps.size(), text(s.title)))
       << "\n";
  if (!text(s.text).empty()) say(text(s.text));
  if (s.question) {
    out_ << "\n";
    for (std::size_t i = 0; i < s.question->choices.size(); ++i) {
        const std::string head = fmt::format("  {}) ", i + 1);
      const std::string body = wrap_text(text(s.question->choices[i]), options_.width, static_cast<int>(head.size()));
      out_ << head << body.substr(head.size());
    }
    say(paint("2", fmt::format(fmt::runtime(tr(Msg::AnswerWith)), s.question->choices.size())));
  } else if (!s.check) {
    say(paint("2", tr(Msg::NextWhenDone)));
  } else if (s.observe) {
    say(paint("2", tr(Msg::ObserveStep)));
  }
}

bool TerminalSession::handle(const std::string& raw) {
  if (over_) return false;
  if (options_.echo) out_ << raw << "\n";
  if (heredoc_) {
    if (world::heredoc_ends(heredoc_->start, raw)) {
      Heredoc h = std::move(*heredoc_);
      heredoc_.reset();
      run_command(h.start.command, world::StagedFiles{{h.start.path, h.content}});
    } else {
      heredoc_->content += raw + "\n";
    }
    return !over_;
  }
  const std::string line = trim(raw);
  if (line.empty() || line[0] == '#') return true;
  if (begin_heredoc(line)) return true;
  const auto [verb, arg] = split_verb(line);
  const EventId events_before = static_cast<EventId>(run_.world().log().size());
  const TimePoint time_before = run_.session().now();
  if (verb == "quit" || verb == "exit") {
    quit();
    return false;
  }
  if (verb == "help") {
    // Each line wrapped with its continuation under its text.
    const std::string help = terminal_help(arg, options_.lang);
    for (std::size_t at = 0; at < help.size();) {
      const std::size_t nl = std::min(help.find('\n', at), help.size());
      const std::string l = help.substr(at, nl - at);
      const auto lead = static_cast<int>(std::min(l.find_first_not_of(' '), l.size()));
      // A table row ("  hint             show ...") continues under its second column.
      const bool row = lead == 2 && l.find("  ", 3) == l.find(' ', 3);
      out_ << (l.empty() ? "\n" : wrap_text(l, options_.width, lead, row ? 21 : lead + 4));
      at = nl + 1;
    }
    return true;
  }
  if (verb == "hint") {
    verb_hint();
  } else if (verb == "check") {
    verb_check();
  } else if (verb == "solution") {
    verb_solution();
  } else if (verb == "skip") {
    verb_skip();
  } else if (verb == "reset" || verb == "undo") {
    verb_reset(verb == "undo");
    // The world was rebuilt: nothing "happened" since, nothing to report.
    after_action(static_cast<EventId>(run_.world().log().size()), run_.session().now());
    return !over_;
  } else if (verb == "next") {
    if (run_.finished()) return false;
    const StepProgress& p = run_.progress(run_.current());
    if (!p.passed && !p.skipped && (run_.step().question || run_.step().check)) {
      say(paint("31", tr(run_.step().question ? Msg::AnswerFirst : Msg::NotDoneYet)));
    } else if (auto st = run_.next(); !st) {
      say(paint("31", st.error().message));
    } else {
      show_step();
    }
  } else if (verb == "play" || verb == "advance") {
    verb_play(arg, verb == "advance");
  } else if (verb == "answer") {
    verb_answer(arg);
  } else {
    run_command(line);
    return !over_;
  }
  after_action(events_before, time_before);
  return !over_;
}

bool TerminalSession::begin_heredoc(const std::string& line) {
  auto start = world::heredoc_start(line);
  if (!start) return false;
  if (start->path.empty()) {
    say(paint("31", tr(Msg::HeredocWhere)));
    return true;
  }
  say(paint("2", fmt::format(fmt::runtime(tr(Msg::HeredocStart)), start->end)));
  heredoc_ = Heredoc{std::move(*start), ""};
  return true;
}

void TerminalSession::end_of_input() {
  if (over_) return;
  heredoc_.reset();
  quit();
}

// ---------------------------------------------------------------------------
// Commands and what time brought

void TerminalSession::run_command(const std::string& line, const world::StagedFiles& files) {
  const EventId events_before = static_cast<EventId>(run_.world().log().size());
  const TimePoint time_before = run_.session().now();
  const LessonOutcome o =
      run_.run(line, options_.issuer ? options_.issuer() : session::Issuer{session::Origin::Console, ""}, files);
  if (o.denied) {
    out_ << paint("31", fmt::format(fmt::runtime(tr(Msg::Refused)), text(o.denied->why))) << "\n";
  } else if (!o.outcome.ok) {
    out_ << paint("31", o.outcome.output) << (o.outcome.output.ends_with('\n') ? "" : "\n");
    if (auto verb = verb_typo(line)) say(fmt::format(fmt::runtime(tr(Msg::VerbTypo)), *verb));
  } else {
    out_ << o.outcome.output << (o.outcome.output.empty() || o.outcome.output.ends_with('\n') ? "" : "\n");
  }
  // What the command set going at once (a refresh reads Git and, with
  // auto-sync, syncs within the second) happens now, as in Argo CD: the
  // world runs the work due within kFollowUp of the command. Later work (the
  // next poll, a rollout's readiness) waits for the learner to let time
  // pass. A replay (reset, undo) gives the next command at its later time
  // and so runs the same work first.
  const auto cmd = world::parse_command(line);
  const bool changes = o.outcome.ok && cmd && cmd->spec != nullptr && !cmd->spec->read_only;
  const TimePoint follow_up_until = run_.session().now() + kFollowUp;
  for (int guard = 0; changes && guard < 64; ++guard) {
    const auto due = run_.session().next_event_time();
    if (!due || *due > follow_up_until) break;
    const TimePoint before = run_.session().now();
    run_.advance(Duration::millis(std::max<std::int64_t>(due->ms - before.ms, 1)));
  }
  const std::size_t step = run_.current();
  after_action(events_before, time_before);
  // The clock is paused: work due soon waits for time to pass. Say so,
  // when the step is still to do.
  if (changes && !over_ && run_.current() == step && run_.session().now().ms - time_before.ms < 1000) {
    if (const auto due = run_.session().next_event_time(); due && *due <= run_.session().now() + kSoon) {
      say(paint("2", fmt::format(fmt::runtime(tr(Msg::WorkDue)), clock_text(*due))));
    }
  }
}

void TerminalSession::report_events(EventId after, TimePoint from) {
  const auto& events = run_.world().log().events();
  const TimePoint now = run_.session().now();
  const bool shows = clock_text(now) != clock_text(from);  // a millisecond's settling is not "time passing"
  if (shows) out_ << paint("2", fmt::format(fmt::runtime(tr(Msg::TimePasses)), clock_text(from), clock_text(now))) << "\n";
  std::size_t shown = 0, hidden = 0;
  for (std::size_t i = after; i < events.size(); ++i) {
    const Event& e = events[i];
    if (e.type == "Note" || e.type == "Paused") {
      const std::string t = options_.lang == "ko" && !e.str("ko").empty() ? e.str("ko") : e.str("en");
      say(paint("1", fmt::format(fmt::runtime(tr(e.type == "Note" ? Msg::Note : Msg::Pause)), t)), 2);
      continue;
    }
    // The command's own echo says nothing the learner did not just type.
    if (e.type == "Action" || e.type == "Output") continue;
    if (shown >= kEventLines) {
      ++hidden;
      continue;
    }
    std::string what = events::describe(e, options_.lang);
    what = what.substr(0, what.find('\n'));
    std::string type = e.type;
    type.resize(std::max<std::size_t>(type.size(), 19), ' ');
    const char* colour = e.type.find("Failed") != std::string::npos || e.type.find("Error") != std::string::npos ? "31"
                         : e.type == "SyncSucceeded"                                                              ? "32"
                                                                                                                  : "2";
    out_ << "  " << paint("2", clock_text(e.t)) << "  " << paint(colour, type) << " " << what << "\n";
    ++shown;
  }
  if (hidden > 0) out_ << paint("2", "  " + fmt::format(fmt::runtime(tr(Msg::MoreEvents)), hidden)) << "\n";
  if (shows && shown == 0 && hidden == 0) out_ << paint("2", "  " + tr(Msg::NothingHappened)) << "\n";
  if (run_.session().teaching_pause()) {
    // The terminal has shown the pause above; the clock stays paused anyway.
    run_.session().resume();
    run_.session().pause();
  }
}

void TerminalSession::after_action(EventId events_before, TimePoint time_before) {
  if (static_cast<EventId>(run_.world().log().size()) > events_before || run_.session().now() != time_before) {
    report_events(events_before, time_before);
  }
  // A step done moves on at once; the next may already be done (observe).
  while (!run_.finished()) {
    const std::size_t i = run_.current();
    const StepProgress& p = run_.progress(i);
    if (!p.passed && !p.skipped) break;
    announce_done(i, step_first_event_);
    if (!run_.next()) break;
    show_step();
  }
  save();
  if (run_.finished()) {
    finish();
    return;
  }
  if (run_.over_budget() && budget_told_ != run_.current()) {
    budget_told_ = run_.current();
    say(paint("33", fmt::format(fmt::runtime(tr(Msg::Budget)), format_duration(run_.step().within))));
  }
}

void TerminalSession::announce_done(std::size_t i, EventId step_first_event) {
  if (announced_ == i) return;
  announced_ = i;
  const Step& s = run_.lesson().steps[i];
  const StepProgress& p = run_.progress(i);
  if (p.skipped) {
    say(paint("33", tr(Msg::Skipped)));
    return;
  }
  if (s.question && p.answer) {
    if (p.answer->correct) {
      say(paint("1;32", "✓ " + tr(Msg::AnswerRight)));
    } else {
      const auto a = static_cast<std::size_t>(s.question->answer);
      say(paint("1;31", "✗ " + fmt::format(fmt::runtime(tr(Msg::AnswerWrong)),
                                            fmt::format("{}) {}", a + 1, text(s.question->choices[a])))));
    }
    if (s.question->explain) say(text(*s.question->explain), 2);
    return;
  }
  say(paint("1;32", "✓ " + fmt::format(fmt::runtime(tr(Msg::PassedAt)),
                                        clock_text(p.passed_at.value_or(run_.session().now())))));
  const auto& events = run_.world().log().events();
  if (p.passed_after >= step_first_event && p.passed_after >= 1 && p.passed_after <= events.size()) {
    // The last event of the moment the check first held, or rather the
    // latest one of that moment that can make such a check hold.
    std::vector<std::string> wanted;
    if (s.check) telling_types(*s.check, wanted);
    std::size_t pick = p.passed_after - 1;
    const TimePoint moment = events[pick].t;
    for (std::size_t k = pick + 1; k-- > step_first_event - 1 && events[k].t == moment;) {
      if (std::find(wanted.begin(), wanted.end(), events[k].type) != wanted.end()) {
        pick = k;
        break;
      }
    }
    const Event& e = events[pick];
    std::string what = events::describe(e, options_.lang);
    what = what.substr(0, what.find('\n'));
    say(paint("2", fmt::format(fmt::runtime(tr(Msg::PassedBy)), e.type + " " + what)), 2, 4);
  }
}

// ---------------------------------------------------------------------------
// Lesson verbs

void TerminalSession::verb_hint() {
  auto h = run_.next_hint();
  if (!h) {
    say(paint("33", run_.finished() ? h.error().message : tr(Msg::NoMoreHints)));
    return;
  }
  const int shown = run_.progress(run_.current()).hints_shown;
  say(paint("33", fmt::format(fmt::runtime(tr(Msg::Hint)), shown, run_.step().hints.size(), text(*h))));
}

void TerminalSession::verb_check() {
  if (run_.finished()) return;
  const Step& s = run_.step();
  if (s.question) {
    say(tr(Msg::CheckQuestion));
    return;
  }
  if (!s.check) {
    say(tr(Msg::CheckNone));
    return;
  }
  const auto whole = run_.check_now();
  if (whole && whole->holds) {
    say(paint("32", tr(Msg::CheckHolds)));
    return;
  }
  // The parts of an `all:` that do not hold yet, each with what the world shows.
  const StepContext ctx = run_.context();
  std::vector<const scenario::Check*> parts;
  if (!s.check->all.empty()) {
    for (const auto& c : s.check->all) parts.push_back(&c);
  } else {
    parts.push_back(&*s.check);
  }
  say(paint("33", tr(Msg::CheckMissing)));
  for (const auto* c : parts) {
    const auto o = scenario::evaluate_check(*c, run_.world(), &ctx);
    if (o.holds) continue;
    say("- " + c->text, 2, 4);
    say(paint("2", fmt::format(fmt::runtime(tr(Msg::CheckWorldShows)), o.seen)), 4, 6);
  }
}

void TerminalSession::verb_solution() {
  if (run_.finished()) return;
  const auto& lines = run_.show_solution();
  if (lines.empty()) {
    say(tr(Msg::NoSolution));
    return;
  }
  say(tr(Msg::SolutionIntro));
  for (const auto& l : lines) out_ << "  " << paint("1", l) << "\n";
}

void TerminalSession::verb_skip() {
  if (run_.finished()) return;
  const auto outcomes = run_.skip();
  const auto& solution = run_.step().solution;
  for (std::size_t i = 0; i < outcomes.size() && i < solution.size(); ++i) {
    out_ << paint("2", "$ " + solution[i]) << "\n";
    const auto& o = outcomes[i].outcome;
    out_ << (o.ok ? o.output : paint("31", o.output)) << (o.output.empty() || o.output.ends_with('\n') ? "" : "\n");
  }
  if (!outcomes.empty() && !outcomes.back().outcome.ok) say(paint("31", tr(Msg::SkipRefused)));
  if (const auto c = run_.check_now(); c && c->holds) settle();
  if (const auto c = run_.check_now(); c && !c->holds) {
    say(paint("33", fmt::format(fmt::runtime(tr(Msg::SkipNotHolding)), c->seen)));
  }
}

void TerminalSession::verb_reset(bool undo) {
  if (run_.finished()) return;
  std::string last;
  if (undo) {
    const auto& j = run_.session().journal();
    for (auto it = j.rbegin(); it != j.rend() && static_cast<std::size_t>(j.rend() - it) > step_journal_; ++it) {
      if (it->origin != session::Origin::Timeline) {
        last = it->command;
        break;
      }
    }
  }
  if (undo && last.empty()) {
    say(paint("31", tr(Msg::NothingToUndo)));
    return;
  }
  const Status st = undo ? run_.undo() : run_.reset();
  if (!st) {
    say(paint("31", st.error().message));
    return;
  }
  announced_ = static_cast<std::size_t>(-1);
  budget_told_ = static_cast<std::size_t>(-1);
  if (undo) {
    say(fmt::format(fmt::runtime(tr(Msg::UndoDone)), last));
  } else {
    say(fmt::format(fmt::runtime(tr(Msg::ResetDone)), clock_text(run_.progress(run_.current()).started)));
  }
}

// The step passed mid-operation (a resource applied, the sync not yet
// recorded): the work due in the next seconds finishes, so what the learner
// reads next (history, status) is whole. Polls minutes away stay.
void TerminalSession::settle() {
  const TimePoint limit = run_.session().now() + Duration::minutes(1);
  for (auto t = run_.session().next_event_time(); t && *t <= run_.session().now() + kSettle && *t <= limit;
       t = run_.session().next_event_time()) {
    const TimePoint before = run_.session().now();
    run_.session().advance_to(*t);
    if (run_.session().now() == before) break;
  }
}

void TerminalSession::verb_play(const std::string& arg, bool advance) {
  if (advance || !arg.empty()) {
    auto d = parse_duration(arg);
    if (!d || d->ms <= 0) {
      say(paint("31", tr(Msg::AdvanceUsage)));
      return;
    }
    run_.advance(*d);
    return;
  }
  if (!run_.finished() && run_.step().check) {
    if (run_.wait_for_check(run_.session().now() + run_.step().within)) settle();
  } else {
    run_.session().step_next_poll();
  }
}

void TerminalSession::verb_answer(const std::string& arg) {
  if (run_.finished() || !run_.step().question) {
    say(paint("31", tr(Msg::NoQuestion)));
    return;
  }
  const auto n = run_.step().question->choices.size();
  int choice = 0;
  const auto [ptr, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), choice);
  if (ec != std::errc() || ptr != arg.data() + arg.size() || choice < 1 || static_cast<std::size_t>(choice) > n) {
    say(paint("31", fmt::format(fmt::runtime(tr(Msg::AnswerUsage)), n)));
    return;
  }
  if (auto a = run_.answer(choice - 1); !a) say(paint("31", a.error().message));
}

// ---------------------------------------------------------------------------
// The end

void TerminalSession::save() {
  if (!options_.store) return;
  auto records = records_of(run_);
  if (records == saved_) return;
  if (auto st = options_.store->save(options_.profile, run_.lesson().name, records); !st) {
    if (!save_failed_) say(paint("31", fmt::format(fmt::runtime(tr(Msg::SaveFailed)), st.error().message)));
    save_failed_ = true;
    return;
  }
  saved_ = std::move(records);
}

void TerminalSession::finish() {
  if (over_) return;
  over_ = true;
  int passed = 0, skipped = 0;
  const auto n = run_.lesson().steps.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (run_.progress(i).skipped) {
      ++skipped;
    } else if (run_.progress(i).passed) {
      ++passed;
    }
  }
  out_ << "\n";
  say(paint("1;32", fmt::format(fmt::runtime(tr(Msg::LessonDone)), passed, n, skipped)));
  if (options_.store && !save_failed_) say(paint("2", fmt::format(fmt::runtime(tr(Msg::Saved)), options_.profile)));
  if (!options_.next_lesson.empty()) {
    say(fmt::format(fmt::runtime(tr(Msg::NextLesson)), options_.next_lesson));
  }
}

void TerminalSession::quit() {
  if (over_) return;
  over_ = true;
  save();
  if (options_.store && !save_failed_) say(paint("2", fmt::format(fmt::runtime(tr(Msg::Saved)), options_.profile)));
  say(tr(Msg::Bye));
}

int run_terminal(LessonRun& run, std::istream& in, std::ostream& out, const TerminalOptions& options) {
  TerminalSession session(run, out, options);
  session.start();
  std::string line;
  while (!session.over()) {
    if (options.before_prompt) out << options.before_prompt();
    out << session.prompt() << std::flush;
    if (!std::getline(in, line)) {
      out << "\n";
      session.end_of_input();
      break;
    }
    session.handle(line);
  }
  return 0;
}

}  // namespace gs::lesson
