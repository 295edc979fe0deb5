// The terminal session's own texts, one table per language
// (terminal_text.cpp): every message the learner reads that is not the
// lesson's or a command's. Placeholders are fmt's "{}".
#pragma once

#include <string_view>

namespace gs::lesson {

enum class Msg {
  Intro,
  StepHeading,
  AnswerWith,
  NextWhenDone,
  ObserveStep,
  Budget,
  PassedAt,
  PassedBy,
  AnswerRight,
  AnswerWrong,
  Skipped,
  SkipNotHolding,
  SkipRefused,
  Hint,
  NoMoreHints,
  SolutionIntro,
  NoSolution,
  CheckHolds,
  CheckMissing,
  CheckWorldShows,
  CheckQuestion,
  CheckNone,
  ResetDone,
  UndoDone,
  TimePasses,
  NothingHappened,
  WorkDue,
  MoreEvents,
  Note,
  Pause,
  Refused,
  LessonDone,
  NextLesson,
  AllDone,
  Saved,
  SaveFailed,
  NotSaved,
  Bye,
  HeredocStart,
  HeredocWhere,
  AnswerUsage,
  AdvanceUsage,
  NoQuestion,
  HelpVerbs,
  HelpMore,
  VerbTypo,
  VerbHint,
  VerbCheck,
  VerbSolution,
  VerbSkip,
  VerbReset,
  VerbUndo,
  VerbNext,
  VerbPlay,
  VerbAdvance,
  VerbAnswer,
  VerbHelp,
  VerbQuit,
  Prompt,
  AnswerFirst,
  NotDoneYet,
  NothingToUndo,
  Count_
};

// The text of `id` in `lang` ("ko", else English).
std::string_view terminal_text(Msg id, std::string_view lang);

}  // namespace gs::lesson
