// A class report (recording-format.md, `gitops-sim report`): what each
// recording says about its session — who, which lesson or scenario, steps
// passed and skipped, hints, answers right, commands (failed, denied,
// faults), virtual and wall time, whether it ended cleanly, a fork's
// parent — plus per-step timings and the markers of a timeline. Computed
// from the recording's actions alone (nothing is replayed); a lesson's
// steps and right answers come from the recording's own copy of the lesson.
// Renderers: report_text.cpp (table, JSON, CSV) and report_html.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/metrics/dora.hpp"
#include "sim/record/recording.hpp"
#include "sim/scenario/scenario.hpp"

namespace gs::record {

// How a lesson step ended in the recording.
enum class StepOutcome {
  Passed,     // its check held, it was answered, or "next" on a step with neither
  Skipped,    // the learner had the solution run
  Open,       // reached, not done when the recording ends
  Unreached,  // the recording ends before it
};
std::string_view step_outcome_name(StepOutcome o);  // "passed", "skipped", "open", "unreached"

struct StepSummary {
  std::string id;
  scenario::LocalizedText title;
  StepOutcome outcome = StepOutcome::Unreached;
  // On the recording's axis: when the step became current, and when it was
  // passed or skipped (the last time, after a reset or undo took it back).
  std::optional<std::int64_t> start_pos_ms, end_pos_ms;
  int hints = 0;
  bool has_question = false;
  std::optional<int> answer;  // the choice that stood (0-based)
  bool right = false;
};

// One point on a recording's timeline.
enum class MarkerKind {
  Command, FailedCommand, DeniedCommand, Fault, StepStart, StepPassed, StepSkipped, Hint,
  AnswerRight, AnswerWrong, Bookmark, RoleSwap, Reset, Undo,
  TakeOver,  // a fork's: where it was taken over from its parent
};
inline constexpr MarkerKind kMarkerKinds[] = {
    MarkerKind::Command,     MarkerKind::FailedCommand, MarkerKind::DeniedCommand, MarkerKind::Fault,
    MarkerKind::StepStart,   MarkerKind::StepPassed,    MarkerKind::StepSkipped,   MarkerKind::Hint,
    MarkerKind::AnswerRight, MarkerKind::AnswerWrong,   MarkerKind::Bookmark,      MarkerKind::RoleSwap,
    MarkerKind::Reset,       MarkerKind::Undo,          MarkerKind::TakeOver};
std::string_view marker_kind_name(MarkerKind k);  // "command", "failed-command", ...

struct Marker {
  MarkerKind kind = MarkerKind::Command;
  std::int64_t pos_ms = 0;
  std::string label;  // the command, the step, the bookmark's note ...
};

// A Peer-Instruction vote (pair mode's "vote" mark): one partner's answer
// in round 1 (alone) or round 2 (after discussing).
struct VoteRecord {
  std::string question;  // "LESSON/STEP" (the recording's name, the question's id)
  int round = 1;
  std::string who;
  int choice = 0;        // 1-based, as people count
  int of = 0;            // how many choices
  bool correct = false;
  std::int64_t pos_ms = 0;
};

// One break-fix round (its "break-fix" marks): who broke, who fixed, the
// fault, and how long it took to name the cause and to restore every app.
struct BreakFixRecord {
  int round = 0;
  std::string breaker, fixer, fault;
  std::optional<std::int64_t> diagnose_wall_ms, diagnose_virtual_ms, restore_wall_ms, restore_virtual_ms;
  int wrong = 0;  // wrong guesses before the right one
};

struct RecordingSummary {
  std::string file;  // as the report was given it
  RecordingInfo info;
  std::vector<Participant> participants;
  // The lesson's or scenario's title in both languages, from the recording's
  // copy of its source (`info.title` is the one the session showed).
  scenario::LocalizedText title;
  bool lesson = false;
  std::vector<StepSummary> steps;  // a lesson's, in order
  int steps_passed = 0, steps_skipped = 0;
  int hints = 0;                    // hints shown
  int answered = 0, answers_right = 0;
  // Commands people gave (not those a skip ran for them): every one, those
  // that failed (refused or a non-zero exit), those a step's deny refused,
  // and the faults among them (commands starting with `fault`).
  int commands = 0, failed_commands = 0, denied_commands = 0, faults = 0;
  int bookmarks = 0, role_swaps = 0, resets = 0, undos = 0;
  std::int64_t start_pos_ms = 0;  // where the learner began (a lesson's start; 0 for scenarios)
  std::int64_t virtual_ms = 0;    // the recording's axis, to its end
  std::int64_t wall_ms = 0;
  std::vector<Marker> markers;    // in time order
  std::vector<VoteRecord> votes;  // in the order given
  std::vector<BreakFixRecord> break_fix;
  // DORA metrics (sim/metrics) of the run, computed by replaying it to its
  // end (add_dora); nullopt until then.
  std::optional<metrics::Report> dora;

  const std::string& title_in(const std::string& lang) const {
    return lang == "ko" && !title.ko.empty() ? title.ko : title.en.empty() ? info.title : title.en;
  }
};

// The summary of one recording. `file` is the name to show for it. An error
// when a lesson recording's own lesson does not load.
Result<RecordingSummary> summarize(const Recording& rec, const std::string& file);

// Replays the recording to its end and keeps DORA's report of that world in
// `s.dora`. An error when the recording's source does not load or replay.
Status add_dora(const Recording& rec, RecordingSummary& s);

// Per question over every recording: how many chose each choice in round 1
// (alone) and in round 2 (after discussing), and how many were right. In
// the order the questions first appear.
struct VoteDistribution {
  std::string question;
  int choices = 0;
  std::vector<int> round1, round2;  // per choice (index 0: choice 1)
  int answered1 = 0, answered2 = 0, right1 = 0, right2 = 0;
};
std::vector<VoteDistribution> vote_distributions(const std::vector<RecordingSummary>& rows);
// "1/2 (50%)"; "-" when nobody answered.
std::string share_text(int right, int answered);

// Text renderings (report_text.cpp). `lang` picks the titles ("en", "ko").
// Each adds a DORA section (per recording that has `dora`): the text its
// tables, JSON a "dora" object (null without), CSV the totals' columns
// (dora_*), HTML a table per recording.
std::string report_text(const std::vector<RecordingSummary>& rows, const std::string& lang);
std::string report_json(const std::vector<RecordingSummary>& rows, const std::string& lang);
std::string report_csv(const std::vector<RecordingSummary>& rows, const std::string& lang);
// One self-contained page (report_html.cpp): no network, inline CSS and SVG.
std::string report_html(const std::vector<RecordingSummary>& rows, const std::string& lang);

}  // namespace gs::record
