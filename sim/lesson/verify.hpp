// `gitops-sim lesson verify FILE...` (lesson-format.md, "Verification
// (CI)"): every lesson loads, and every step teaches what it says. For each
// step in order, from the world the previous step's solution left: a check
// step that is not `observe` must not hold at its start nor after `within`
// with no command; its solution, allowed by its `deny`, applied at the
// step's start, must make the check hold at some moment within `within`.
// Exit 0 (all verify), 1 (a step does not: lesson, step, check, what the
// world showed), 2 (a bad file: FILE:LINE:COL: message). Same files, same
// bytes out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/lesson/lesson.hpp"

namespace gs::lesson {

inline constexpr int kVerifyOk = 0;
inline constexpr int kVerifyFailed = 1;
inline constexpr int kVerifyBadFile = 2;

struct VerifyReport {
  int exit_code = kVerifyOk;  // the worst of all files: 2 over 1 over 0
  std::string output;         // one line per problem, or "FILE: ok (N steps)" per lesson
};

// One loaded lesson: nullopt when every step verifies, else the first
// failing step as one line "FILE: lesson NAME, step ID: ...".
std::optional<std::string> verify_lesson(const Lesson& lesson);

// Loads and verifies the files in the order given.
VerifyReport verify_files(const std::vector<std::string>& files);

}  // namespace gs::lesson
