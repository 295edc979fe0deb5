// What the navigator (or questioner) is given to ask: the lecture's three
// pair-discussion questions (adopting GitOps, environment strategy, choosing
// a tool), and a lesson step's own `prompts:`. Which roles a step calls for
// is decided here too: a question or reading step is a discussion, a step
// with a check is hands-on.
#pragma once

#include <vector>

#include "sim/lesson/lesson.hpp"
#include "sim/pair/pair_mode.hpp"

namespace gs::pair {

// The lecture's discussion questions, in its order.
const std::vector<LocalizedText>& discussion_questions();

// The activity of a lesson step (nullptr: a scenario, hands-on).
Activity activity_of(const lesson::Step* step);

// The navigator's prompts for a step: its own, or — a step without any,
// and a scenario — the discussion questions when discussing, none when
// hands-on (the navigator then watches and asks about the world).
std::vector<LocalizedText> navigator_prompts(const lesson::Step* step);

}  // namespace gs::pair
