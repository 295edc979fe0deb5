// The fault palette: every fault the engine can show a class, each with an
// id, a label and a one-line explanation (en and ko), and, for the world as
// it is now and a target app, the command-language lines that inject it.
// The station and the pair mode's break-fix exercise issue those lines
// through the Session as Origin::FaultPalette, so a recording tags them as
// the instructor's (or the partner's) and not the learner's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/session/session.hpp"
#include "sim/world/world.hpp"

namespace gs::classroom {

using scenario::LocalizedText;

struct FaultInfo {
  std::string id;             // "bad-image": what the station's `fault ID` and break-fix name
  LocalizedText label;        // the button's text
  LocalizedText explanation;  // one line: what happens and what the learner will see
};

// In the palette's order (the list).
const std::vector<FaultInfo>& fault_palette();
const FaultInfo* find_fault(std::string_view id);
// "bad-image, scale-by-hand, ..." for messages.
std::string fault_ids();

// The delays the palette offers (0: at once), shortest first.
const std::vector<Duration>& fault_delays();

// One line of the command language, and the files staged with it (a `git
// commit` that writes a broken manifest).
struct FaultCommand {
  std::string line;
  world::StagedFiles files;

  friend bool operator==(const FaultCommand&, const FaultCommand&) = default;
};

struct FaultPlan {
  std::string fault;  // FaultInfo::id
  std::string app;    // the target app
  std::vector<FaultCommand> commands;
};

// Apps a fault can target: those that manage a Deployment, in name order.
std::vector<std::string> fault_targets(const world::World& w);

// The lines that inject `fault` into `w` now, aimed at `app` (empty: the
// first of fault_targets). An error says why not: an unknown fault or app,
// a world without apps, an app that follows a tag or a SHA (a fault commit
// needs a branch), no place in Git where the image is set.
Result<FaultPlan> plan_fault(const world::World& w, std::string_view fault, const std::string& app = "");

// Issues a plan's lines through `session` as Origin::FaultPalette by
// `actor`. Stops at the first one refused; the error names it.
Result<std::vector<session::CommandOutcome>> inject_fault(session::Session& session, const FaultPlan& plan,
                                                          const std::string& actor = "");

}  // namespace gs::classroom
