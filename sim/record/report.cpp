// The class report's summary of one recording: a walk over its actions in
// order, following the lesson's steps as the learner's marks move them (next,
// passed, answer, skip, and reset or undo taking a step back), counting
// hints, answers and commands, and collecting the timeline's markers.
#include "sim/record/report.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/record/replayer.hpp"

namespace gs::record {

std::string_view step_outcome_name(StepOutcome o) {
  switch (o) {
    case StepOutcome::Passed: return "passed";
    case StepOutcome::Skipped: return "skipped";
    case StepOutcome::Open: return "open";
    case StepOutcome::Unreached: return "unreached";
  }
  return "unreached";
}

std::string_view marker_kind_name(MarkerKind k) {
  switch (k) {
    case MarkerKind::Command: return "command";
    case MarkerKind::FailedCommand: return "failed-command";
    case MarkerKind::DeniedCommand: return "denied-command";
    case MarkerKind::Fault: return "fault";
    case MarkerKind::StepStart: return "step";
    case MarkerKind::StepPassed: return "passed";
    case MarkerKind::StepSkipped: return "skipped";
    case MarkerKind::Hint: return "hint";
    case MarkerKind::AnswerRight: return "answer-right";
    case MarkerKind::AnswerWrong: return "answer-wrong";
    case MarkerKind::Bookmark: return "bookmark";
    case MarkerKind::RoleSwap: return "role-swap";
    case MarkerKind::Reset: return "reset";
    case MarkerKind::Undo: return "undo";
    case MarkerKind::TakeOver: return "take-over";
  }
  return "command";
}

namespace {

// `fault ...` (the fault palette's and the command language's fault injection).
bool is_fault_command(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return false;
  const std::string_view t = std::string_view(text).substr(first);
  return t.rfind("fault", 0) == 0 && (t.size() == 5 || t[5] == ' ' || t[5] == '\t');
}

// Where a step stands while the walk goes on.
struct WalkStepState {
  bool passed = false, skipped = false;
};

class LessonWalk {
 public:
  LessonWalk(RecordingSummary& s, const lesson::Lesson& l) : s_(s), lesson_(l), state_(l.steps.size()) {
    for (std::size_t i = 0; i < l.steps.size(); ++i) {
      index_[l.steps[i].id] = i;
      StepSummary st;
      st.id = l.steps[i].id;
      st.title = l.steps[i].title;
      st.has_question = l.steps[i].question.has_value();
      s_.steps.push_back(std::move(st));
    }
    if (!s_.steps.empty()) begin(0, s_.start_pos_ms);
  }

  void mark(const Action& a) {
    auto it = index_.find(a.step);
    if (it == index_.end()) return;  // outside a step (the lesson finished)
    const std::size_t i = it->second;
    StepSummary& st = s_.steps[i];
    WalkStepState& state = state_[i];
    const lesson::Step& step = lesson_.steps[i];
    const std::string title = step.title.en.empty() ? step.id : step.title.en;
    if (a.kind == "passed") {
      state.passed = true;
      st.end_pos_ms = a.pos_ms;
      add(MarkerKind::StepPassed, a.pos_ms, "passed: " + title);
    } else if (a.kind == "answer" && a.ok) {
      int choice = -1;
      try {
        choice = std::stoi(a.detail);
      } catch (...) {
        return;  // an accepted answer always has its choice; a damaged row counts for nothing
      }
      st.answer = choice;
      st.right = step.question && choice == step.question->answer;
      state.passed = true;
      st.end_pos_ms = a.pos_ms;
      add(st.right ? MarkerKind::AnswerRight : MarkerKind::AnswerWrong, a.pos_ms,
          "answer " + std::to_string(choice + 1) + (st.right ? " (right): " : " (wrong): ") + title);
    } else if (a.kind == "hint" && a.ok) {
      ++st.hints;
      add(MarkerKind::Hint, a.pos_ms, "hint " + a.detail + ": " + title);
    } else if (a.kind == "skip") {
      state.skipped = true;
      st.end_pos_ms = a.pos_ms;
      add(MarkerKind::StepSkipped, a.pos_ms, "skipped: " + title);
    } else if (a.kind == "reset") {
      // As LessonRun::reset: the step starts over; an answer stands.
      state.skipped = false;
      state.passed = st.has_question && st.answer.has_value();
      if (!state.passed) st.end_pos_ms.reset();
    } else if (a.kind == "undo" && a.ok) {
      state.passed = st.has_question && st.answer.has_value();
      if (!state.passed && !state.skipped) st.end_pos_ms.reset();
    } else if (a.kind == "next" && a.ok) {
      // A step with neither check nor question passes on next.
      if (!state.passed && !state.skipped) {
        state.passed = true;
        st.end_pos_ms = a.pos_ms;
      }
      if (i + 1 < s_.steps.size()) begin(i + 1, a.pos_ms);
    }
  }

  void finish() {
    for (std::size_t i = 0; i < s_.steps.size(); ++i) {
      StepSummary& st = s_.steps[i];
      if (state_[i].skipped) {
        st.outcome = StepOutcome::Skipped;
        ++s_.steps_skipped;
      } else if (state_[i].passed) {
        st.outcome = StepOutcome::Passed;
        ++s_.steps_passed;
      } else {
        st.outcome = st.start_pos_ms ? StepOutcome::Open : StepOutcome::Unreached;
        st.end_pos_ms.reset();
      }
      if (st.answer) {
        ++s_.answered;
        if (st.right) ++s_.answers_right;
      }
      s_.hints += st.hints;
    }
  }

 private:
  void begin(std::size_t i, std::int64_t pos) {
    s_.steps[i].start_pos_ms = pos;
    const auto& t = lesson_.steps[i].title;
    add(MarkerKind::StepStart, pos, "step " + std::to_string(i + 1) + ": " + (t.en.empty() ? s_.steps[i].id : t.en));
  }
  void add(MarkerKind k, std::int64_t pos, std::string label) { s_.markers.push_back({k, pos, std::move(label)}); }

  RecordingSummary& s_;
  const lesson::Lesson& lesson_;
  std::vector<WalkStepState> state_;
  std::map<std::string, std::size_t> index_;
};

void count_command_action(RecordingSummary& s, const Action& a) {
  if (a.nested) return;  // run for the learner by a skip: the skip is what they did
  ++s.commands;
  MarkerKind k = MarkerKind::Command;
  if (a.denied) {
    ++s.denied_commands;
    k = MarkerKind::DeniedCommand;
  } else if (!a.ok || a.exit_code != 0) {
    ++s.failed_commands;
    k = MarkerKind::FailedCommand;
  } else if (is_fault_command(a.text)) {
    ++s.faults;
    k = MarkerKind::Fault;
  }
  std::string label = a.text;
  if (!a.actor.empty()) label = a.actor + ": " + label;
  s.markers.push_back({k, a.pos_ms, std::move(label)});
}

// A mark's detail as words: "start round=1 fault=x" -> {"", "start"}, {"round", "1"}, {"fault", "x"}.
std::map<std::string, std::string> detail_words(const std::string& detail) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i < detail.size()) {
    while (i < detail.size() && detail[i] == ' ') ++i;
    std::size_t j = detail.find(' ', i);
    if (j == std::string::npos) j = detail.size();
    const std::string w = detail.substr(i, j - i);
    const auto eq = w.find('=');
    if (eq == std::string::npos) {
      if (!w.empty() && !out.count("")) out[""] = w;
    } else {
      out[w.substr(0, eq)] = w.substr(eq + 1);
    }
    i = j;
  }
  return out;
}

std::optional<std::int64_t> word_number(const std::map<std::string, std::string>& w, const std::string& key) {
  auto it = w.find(key);
  if (it == w.end()) return std::nullopt;
  try {
    std::size_t used = 0;
    const long long v = std::stoll(it->second, &used);
    if (used != it->second.size()) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;  // a damaged detail counts for nothing
  }
}

void add_vote(RecordingSummary& s, const Action& a) {
  const auto w = detail_words(a.detail);
  const auto round = word_number(w, "round"), choice = word_number(w, "choice"), of = word_number(w, "of");
  if (!round || !choice || !of || (*round != 1 && *round != 2) || *of < 1 || *of > 100 || *choice < 1 || *choice > *of) {
    return;
  }
  VoteRecord v;
  const auto q = w.find("question");
  v.question = (s.info.name.empty() ? "" : s.info.name + "/") + (q == w.end() ? a.step : q->second);
  v.round = static_cast<int>(*round);
  v.who = w.count("who") ? w.at("who") : "";
  v.choice = static_cast<int>(*choice);
  v.of = static_cast<int>(*of);
  v.correct = word_number(w, "correct").value_or(0) == 1;
  v.pos_ms = a.pos_ms;
  if (word_number(w, "retract").value_or(0) == 1) {
    // A vote taken back (the station's right-click): the last one like it goes.
    const auto same = [&](const VoteRecord& r) {
      return r.question == v.question && r.round == v.round && r.who == v.who && r.choice == v.choice;
    };
    const auto it = std::find_if(s.votes.rbegin(), s.votes.rend(), same);
    if (it != s.votes.rend()) s.votes.erase(std::next(it).base());
    return;
  }
  s.votes.push_back(std::move(v));
}

void add_break_fix(RecordingSummary& s, const Action& a) {
  const auto w = detail_words(a.detail);
  const auto round = word_number(w, "round");
  if (!round || !w.count("")) return;
  const std::string& what = w.at("");
  auto find = [&]() -> BreakFixRecord* {
    for (auto& r : s.break_fix) {
      if (r.round == *round) return &r;
    }
    return nullptr;
  };
  auto get = [&](const char* k) { return w.count(k) ? w.at(k) : std::string(); };
  if (what == "start") {
    s.break_fix.push_back(BreakFixRecord{static_cast<int>(*round), get("breaker"), get("fixer"), get("fault")});
    return;
  }
  BreakFixRecord* r = find();
  if (!r) return;
  if (what == "wrong-guess") {
    ++r->wrong;
  } else if (what == "diagnosed") {
    r->diagnose_wall_ms = word_number(w, "wall_ms");
    r->diagnose_virtual_ms = word_number(w, "virtual_ms");
    if (auto n = word_number(w, "wrong")) r->wrong = static_cast<int>(*n);
  } else if (what == "restored") {
    r->restore_wall_ms = word_number(w, "wall_ms");
    r->restore_virtual_ms = word_number(w, "virtual_ms");
  }
}

}  // namespace

std::vector<VoteDistribution> vote_distributions(const std::vector<RecordingSummary>& rows) {
  std::vector<VoteDistribution> out;
  for (const auto& s : rows) {
    for (const auto& v : s.votes) {
      auto it = std::find_if(out.begin(), out.end(), [&](const VoteDistribution& d) { return d.question == v.question; });
      if (it == out.end()) {
        out.push_back(VoteDistribution{v.question});
        it = out.end() - 1;
      }
      if (v.of > it->choices) {
        it->choices = v.of;
        it->round1.resize(static_cast<std::size_t>(v.of), 0);
        it->round2.resize(static_cast<std::size_t>(v.of), 0);
      }
      auto& counts = v.round == 1 ? it->round1 : it->round2;
      ++counts[static_cast<std::size_t>(v.choice - 1)];
      (v.round == 1 ? it->answered1 : it->answered2) += 1;
      if (v.correct) (v.round == 1 ? it->right1 : it->right2) += 1;
    }
  }
  return out;
}

std::string share_text(int right, int answered) {
  if (answered == 0) return "-";
  return std::to_string(right) + "/" + std::to_string(answered) + " (" + std::to_string(right * 100 / answered) + "%)";
}

Result<RecordingSummary> summarize(const Recording& rec, const std::string& file) {
  RecordingSummary s;
  s.file = file;
  s.info = rec.info();
  s.participants = rec.participants();
  s.wall_ms = s.info.wall_ms;

  std::optional<scenario::Scenario> sc;
  std::optional<lesson::Lesson> lesson;
  if (auto st = load_source(rec, sc, lesson); !st) return st.error();
  std::optional<LessonWalk> walk;
  if (lesson) {
    s.lesson = true;
    s.title = lesson->title;
    s.start_pos_ms = lesson->start.ms;
    walk.emplace(s, *lesson);
  } else if (sc) {
    s.title = sc->title;
  }
  if (s.title.en.empty()) s.title.en = s.info.title.empty() ? s.info.name : s.info.title;

  for (const Action& a : rec.actions()) {
    if (a.is_command()) {
      count_command_action(s, a);
      continue;
    }
    if (a.kind == "bookmark") {
      ++s.bookmarks;
      s.markers.push_back({MarkerKind::Bookmark, a.pos_ms, a.detail.empty() ? "bookmark" : a.detail});
    } else if (a.kind == "role-swap") {
      ++s.role_swaps;
      s.markers.push_back({MarkerKind::RoleSwap, a.pos_ms, a.detail.empty() ? "role swap" : "role swap: " + a.detail});
    } else if (a.kind == "reset") {
      ++s.resets;
      s.markers.push_back({MarkerKind::Reset, a.pos_ms, "reset" + (a.step.empty() ? "" : ": " + a.step)});
    } else if (a.kind == "undo" && a.ok) {
      ++s.undos;
      s.markers.push_back({MarkerKind::Undo, a.pos_ms, "undo" + (a.step.empty() ? "" : ": " + a.step)});
    } else if (a.kind == "vote") {
      add_vote(s, a);
    } else if (a.kind == "break-fix") {
      add_break_fix(s, a);
    }
    if (walk) walk->mark(a);
  }
  if (walk) walk->finish();
  if (s.info.parent_pos_ms) {
    // A fork holds its parent's actions up to here, on the same axis.
    s.markers.push_back({MarkerKind::TakeOver, *s.info.parent_pos_ms,
                         "taken over from " + std::filesystem::path(s.info.parent).filename().string()});
  }
  s.virtual_ms = std::max<std::int64_t>(0, s.info.end_pos_ms - s.start_pos_ms);
  // Stable: markers in time order, ties in the order they happened.
  std::stable_sort(s.markers.begin(), s.markers.end(),
                   [](const Marker& a, const Marker& b) { return a.pos_ms < b.pos_ms; });
  return s;
}

}  // namespace gs::record
