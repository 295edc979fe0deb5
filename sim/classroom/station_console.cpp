// The terminal station: words in, lines out, over a Station and the
// session of the current segment.
#include "sim/classroom/station_console.hpp"

#include <algorithm>
#include <iterator>

#include "sim/lesson/loader.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/world/command.hpp"

namespace gs::classroom {

namespace {

const char* kHelp =
    "words: next, prev, go N, play, pause, freeze (again: unfreeze), fault ID [APP] [--in DURATION],\n"
    "       faults, bookmark NOTE, vote Q ROUND CHOICE [COUNT], votes, run COMMAND, status, plan, help, quit\n";

std::string rest_after(std::string_view line, std::string_view word) {
  std::string_view s = line;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  s.remove_prefix(std::min(s.size(), word.size()));
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return std::string(s);
}

std::optional<int> small_number(const std::string& s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

Result<std::unique_ptr<session::Session>> open_segment(const Segment& segment) {
  if (!segment.lesson.empty()) {
    auto l = lesson::load_lesson_file(segment.lesson_path);
    if (!l.ok()) return Error(render_all(l.errors));
    auto s = session::Session::create(l.lesson->world);
    if (!s) return s.error();
    (*s)->run_through(TimePoint{l.lesson->start.ms});
    return s;
  }
  if (!segment.scenario.empty()) {
    auto sc = scenario::load_scenario_file(segment.scenario_path);
    if (!sc.ok()) return Error(render_all(sc.errors));
    return session::Session::create(*sc.scenario);
  }
  return std::unique_ptr<session::Session>{};
}

StationConsole::StationConsole(ClassPlan plan, WallMs now) : station_(std::move(plan)), last_(now) {
  station_.start(now);
  enter(now);
}

std::string StationConsole::enter(WallMs) {
  // As the window does: a segment that names no file keeps the last world before it.
  const auto i = world_segment(station_.plan(), station_.current());
  if (!i) return "";
  const Segment& seg = station_.plan().segments[*i];
  const std::string file = !seg.lesson.empty() ? seg.lesson : seg.scenario;
  if (file.empty() || file == opened_) return "";
  auto s = open_segment(seg);
  if (!s) return "error: cannot open " + file + ": " + s.error().message + "\n";
  if (station_.frozen() && session_) station_freeze(station_, *session_, false);
  session_ = std::move(*s);
  opened_ = file;
  return "opened " + file + "\n";
}

std::string StationConsole::catch_up(WallMs now) {
  std::string out;
  if (session_ && session_->playing() && !station_.frozen() && now > last_) {
    session_->tick(static_cast<double>(now - last_) / 1000.0);
  }
  last_ = now;
  if (session_) {
    for (const auto& l : issue_due_faults(station_, *session_)) out += l + "\n";
  }
  if (const int swaps = station_swaps(station_, session_.get(), now); swaps > 0) {
    out += "*** Swap roles: explainer <-> questioner / 역할 교대: 설명자 <-> 질문자 (swap " +
           std::to_string(station_.swap_clock(now)->swaps) + ") ***\n";
  }
  return out;
}

std::string StationConsole::plan_text(WallMs now) const {
  const ClassPlan& p = station_.plan();
  std::string out = p.title.en + " / " + p.title.ko + " (" + std::to_string(p.total_minutes()) + " min)\n";
  for (std::size_t i = 0; i < p.segments.size(); ++i) {
    const Segment& s = p.segments[i];
    out += std::string(i == station_.current() ? "> " : "  ") + std::to_string(i + 1) + ". " + s.kind + " " +
           std::to_string(s.minutes) + "m  " + format_countdown(station_.remaining(i, now)) + "  " + s.title.en;
    if (!s.lesson.empty()) out += "  [lesson " + s.lesson + "]";
    if (!s.scenario.empty()) out += "  [scenario " + s.scenario + "]";
    out += "\n";
  }
  return out;
}

std::string StationConsole::status(WallMs now) const {
  const Segment& s = station_.segment();
  std::string out = "segment " + std::to_string(station_.current() + 1) + "/" +
                    std::to_string(station_.plan().segments.size()) + " " + s.id + ": " + s.title.en + " / " +
                    s.title.ko + "  " + format_countdown(station_.remaining(station_.current(), now)) + " left\n";
  if (const auto c = station_.swap_clock(now)) {
    out += "  roles: explainer and questioner swap every " + format_countdown(c->every) + "; next swap in " +
           format_countdown(c->remaining) + "\n";
  }
  for (const auto& p : s.prompts) out += "  - " + p.en + "\n";
  for (std::size_t q = 0; q < s.questions.size(); ++q) {
    out += "  Q" + std::to_string(q + 1) + " " + s.questions[q].prompt.en + "\n";
    for (std::size_t c = 0; c < s.questions[q].choices.size(); ++c) {
      out += "     " + std::string(1, static_cast<char>('A' + c)) + ") " + s.questions[q].choices[c].en + "\n";
    }
  }
  if (session_) {
    out += "world " + opened_ + " at " + format_duration(Duration{session_->now().ms}) +
           (station_.frozen() ? ", FROZEN by the instructor" : session_->playing() ? ", playing" : ", paused") + "\n";
  }
  return out;
}

StationConsole::Reply StationConsole::handle(std::string_view line, WallMs now) {
  Reply r;
  r.text = catch_up(now);
  auto words = world::tokenize(line);
  if (!words) {
    r.text += "error: " + words.error().message + "\n";
    return r;
  }
  if (words->empty()) return r;
  const std::string& w = (*words)[0];
  auto need_world = [&]() -> bool {
    if (session_) return true;
    r.text += "error: " + w + ": this segment has no lesson or scenario open\n";
    return false;
  };
  // Words that take nothing after them say so rather than ignore it.
  static constexpr const char* kBare[] = {"quit", "exit", "help",  "plan",     "status", "next",
                                          "prev", "play", "pause", "freeze", "unfreeze", "faults", "votes"};
  if (words->size() > 1 && std::find(std::begin(kBare), std::end(kBare), w) != std::end(kBare)) {
    r.text += "error: " + w + ": takes nothing after it, got '" + (*words)[1] + "'\n";
    return r;
  }
  if (w == "quit" || w == "exit") {
    r.quit = true;
  } else if (w == "help") {
    r.text += kHelp;
  } else if (w == "plan") {
    r.text += plan_text(now);
  } else if (w == "status") {
    r.text += status(now);
  } else if (w == "next" || w == "prev" || w == "go") {
    bool moved = false;
    if (w == "go") {
      auto n = words->size() == 2 ? small_number((*words)[1]) : std::nullopt;
      if (!n || *n < 1 || static_cast<std::size_t>(*n) > station_.plan().segments.size()) {
        r.text += "error: go: expected a segment number, 1 to " + std::to_string(station_.plan().segments.size()) + "\n";
        return r;
      }
      moved = station_.go_to(static_cast<std::size_t>(*n - 1), now);
    } else {
      moved = w == "next" ? station_.next(now) : station_.prev(now);
    }
    if (!moved) {
      r.text += "error: " + w + ": no such segment\n";
      return r;
    }
    r.text += enter(now);  // before status(): it names the world opened
    r.text += status(now);
  } else if (w == "play" || w == "pause") {
    if (!need_world()) return r;
    if (station_.frozen()) {
      r.text += "error: " + w + ": the class is frozen (freeze again to go on)\n";
      return r;
    }
    if (w == "play") session_->play();
    else session_->pause();
    r.text += status(now);
  } else if (w == "freeze" || w == "unfreeze") {
    if (!need_world()) return r;
    const bool on = w == "freeze" ? !station_.frozen() : false;
    station_freeze(station_, *session_, on);
    r.text += on ? "FROZEN by the instructor / 강사가 멈춤\n" : "unfrozen\n";
  } else if (w == "faults") {
    for (const auto& f : fault_palette()) r.text += "  " + f.id + ": " + f.label.en + " — " + f.explanation.en + "\n";
    for (const auto& p : station_.pending()) {
      r.text += "  pending: " + p.fault + " on " + p.app + " at " + format_duration(Duration{p.due.ms}) + "\n";
    }
    for (const auto& f : station_.injected_faults()) {
      r.text += "  injected: " + f.fault + " on " + f.app + " at " + format_duration(Duration{f.at.ms}) + "\n";
    }
  } else if (w == "fault") {
    if (!need_world()) return r;
    std::vector<std::string> args(words->begin() + 1, words->end());
    Duration delay{0};
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] != "--in") continue;
      if (i + 1 >= args.size()) {
        r.text += "error: fault: --in needs a DURATION (30s, 2m)\n";
        return r;
      }
      auto d = parse_duration(args[i + 1]);
      if (!d) {
        r.text += "error: fault: --in: " + d.error().message + "\n";
        return r;
      }
      delay = *d;
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
      break;
    }
    if (args.empty() || args.size() > 2) {
      r.text += "error: fault: expected fault ID [APP] [--in DURATION]; IDs: " + fault_ids() + "\n";
      return r;
    }
    auto done = station_fault(station_, *session_, args[0], args.size() == 2 ? args[1] : "", delay);
    r.text += done ? *done + "\n" : "error: " + done.error().message + "\n";
  } else if (w == "bookmark") {
    if (!need_world()) return r;
    const std::string note = rest_after(line, "bookmark");
    station_bookmark(station_, *session_, note, now);
    r.text += "bookmark at " + format_duration(Duration{session_->now().ms}) + (note.empty() ? "" : ": " + note) + "\n";
  } else if (w == "vote") {
    std::optional<int> q, round, count = 1;
    if (words->size() >= 4) {
      q = small_number((*words)[1]);
      round = small_number((*words)[2]);
      if (words->size() == 5) count = small_number((*words)[4]);
    }
    const std::string& choice = words->size() >= 4 ? (*words)[3] : std::string();
    if (!q || !round || !count || *q < 1 || choice.size() != 1 || words->size() > 5 ||
        !((choice[0] >= 'A' && choice[0] <= 'Z') || (choice[0] >= 'a' && choice[0] <= 'z'))) {
      r.text += "error: vote: expected vote Q ROUND CHOICE [COUNT], e.g. vote 1 1 C\n";
      return r;
    }
    const char c = static_cast<char>(choice[0] >= 'a' ? choice[0] - 'a' + 'A' : choice[0]);
    auto st = station_vote(station_, session_.get(), static_cast<std::size_t>(*q - 1), *round,
                           static_cast<std::size_t>(c - 'A'), *count);
    if (!st) {
      r.text += "error: vote: " + st.error().message + "\n";
      return r;
    }
    r.text += handle("votes", now).text;
  } else if (w == "votes") {
    const Segment& s = station_.segment();
    if (s.questions.empty()) r.text += "this segment has no questions\n";
    for (std::size_t q = 0; q < s.questions.size(); ++q) {
      for (int round = 1; round <= 2; ++round) {
        r.text += "Q" + std::to_string(q + 1) + " round " + std::to_string(round) + ":";
        const auto counts = station_.votes(q, round);
        for (std::size_t c = 0; c < counts.size(); ++c) {
          r.text += " " + std::string(1, static_cast<char>('A' + c)) + "=" + std::to_string(counts[c]);
        }
        r.text += "\n";
      }
    }
  } else if (w == "run") {
    if (!need_world()) return r;
    if (station_.frozen()) {
      r.text += "error: run: the class is frozen\n";
      return r;
    }
    auto out = session_->run(rest_after(line, "run"), session::Issuer{session::Origin::Instructor, "instructor"});
    r.text += out.output;
    if (!out.output.empty() && out.output.back() != '\n') r.text += "\n";
  } else {
    r.text += "error: unknown word '" + w + "'\n" + kHelp;
  }
  return r;
}

}  // namespace gs::classroom
