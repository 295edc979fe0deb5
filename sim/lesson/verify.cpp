#include "sim/lesson/verify.hpp"

#include <map>

#include "sim/lesson/loader.hpp"
#include "sim/lesson/runner.hpp"
#include "sim/world/world.hpp"

namespace gs::lesson {

namespace {

struct StepFailure {
  std::string problem;
  std::string seen;  // what the world showed, when a check was looked at
};

std::string line_for(const Lesson& lesson, const Step& step, const StepFailure& f) {
  std::string out = lesson.file + ": lesson " + lesson.name + ", step " + step.id + ": ";
  if (step.check) out += "check '" + step.check->text + "': ";
  out += f.problem;
  if (!f.seen.empty()) out += "; the world showed: " + f.seen;
  return out;
}

// The solution's commands, each allowed by the deny and run; nullopt when all ran.
std::optional<StepFailure> run_solution(LessonRun& run, const Step& step) {
  for (const auto& line : step.solution) {
    if (const Deny* d = find_deny(step, line)) {
      return StepFailure{"solution command '" + line + "' is refused by the step's deny '" + d->command + "'", ""};
    }
  }
  for (std::size_t i = 0; i < step.solution.size(); ++i) {
    const std::string& line = step.solution[i];
    const LessonOutcome out = run.run(line, session::Issuer{session::Origin::LessonSolution, ""}, step.solution_files[i]);
    if (!out.outcome.ok) {
      return StepFailure{"solution command '" + line + "' was refused at " + format_offset(run.session().now()) +
                             ": " + out.outcome.output,
                         ""};
    }
  }
  return std::nullopt;
}

std::optional<StepFailure> verify_check_step(LessonRun& run, const Step& step) {
  const TimePoint started = run.progress(run.current()).started;
  const TimePoint deadline = started + step.within;
  if (!step.observe) {
    if (auto now = run.check_now(); now && now->holds) {
      return StepFailure{"holds at the step's start (" + format_offset(started) + "), before the learner does anything",
                         now->seen};
    }
    if (run.wait_for_check(deadline)) {
      const auto at = run.progress(run.current()).passed_at.value_or(run.session().now());
      return StepFailure{"waiting " + format_duration(step.within) + " with no command makes it hold (at " +
                             format_offset(at) + "): a step that waiting alone solves teaches nothing",
                         run.check_now()->seen};
    }
    if (auto st = run.reset(); !st) return StepFailure{st.error().message, ""};
  }
  if (auto f = run_solution(run, step)) return f;
  if (!run.wait_for_check(deadline)) {
    return StepFailure{"does not hold within " + format_duration(step.within) + " after the solution (until " +
                           format_offset(deadline) + ")",
                       run.check_now()->seen};
  }
  if (const auto at = run.progress(run.current()).passed_at; at && *at > deadline) {
    return StepFailure{"holds only at " + format_offset(*at) + ", after within " + format_duration(step.within) +
                           " (until " + format_offset(deadline) + ")",
                       ""};
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> verify_lesson(const Lesson& lesson) {
  auto started = LessonRun::start(lesson);
  if (!started) return lesson.file + ": lesson " + lesson.name + ": the world does not build: " + started.error().render();
  LessonRun& run = **started;
  for (const Step& step : lesson.steps) {
    std::optional<StepFailure> f;
    if (step.check) {
      f = verify_check_step(run, step);
    } else {
      f = run_solution(run, step);
      if (!f && step.question) {
        if (auto a = run.answer(step.question->answer); !a) f = StepFailure{a.error().message, ""};
      }
    }
    if (!f) {
      if (auto st = run.next(); !st) f = StepFailure{st.error().message, ""};
    }
    if (f) return line_for(lesson, step, *f);
  }
  return std::nullopt;
}

VerifyReport verify_files(const std::vector<std::string>& files) {
  VerifyReport report;
  auto worse = [&](int code) { report.exit_code = std::max(report.exit_code, code); };
  std::map<std::string, SourcePos> names;  // lesson name -> where first defined
  for (const auto& file : files) {
    auto loaded = load_lesson_file(file);
    if (!loaded.ok()) {
      report.output += render_all(loaded.errors);
      worse(kVerifyBadFile);
      continue;
    }
    const Lesson& lesson = *loaded.lesson;
    if (auto [it, fresh] = names.emplace(lesson.name, lesson.name_pos); !fresh) {
      report.output += Error("duplicate lesson name '" + lesson.name + "' (first in " + it->second.file + ":" +
                                 std::to_string(it->second.line) + ")",
                             lesson.name_pos)
                           .render() +
                       "\n";
      worse(kVerifyBadFile);
      continue;
    }
    // Building the world checks what only Git can (histories, live objects): a bad file too.
    if (auto w = world::World::create(lesson.world.world); !w) {
      report.output += w.error().render() + "\n";
      worse(kVerifyBadFile);
      continue;
    }
    if (auto failure = verify_lesson(lesson)) {
      report.output += *failure + "\n";
      worse(kVerifyFailed);
      continue;
    }
    report.output += file + ": ok (" + std::to_string(lesson.steps.size()) + " steps)\n";
  }
  return report;
}

}  // namespace gs::lesson
