// Cause chains for the Timeline panel: from a selected event back along
// Event::cause to the action or commit that started it, and one sentence a
// learner can read ("shop-dev: Synced → OutOfSync because commit a1b2c3d by
// Jisoo Kim changed spec.replicas 2 → 3 in base/deployment.yaml, seen by the
// poll at 09:03:00"). A watch refresh carries no cause id (the cluster's
// watch is anonymous), so the sentence names the live change just before it.
// No ImGui here; the sentence's words come from the caller's language table.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/event.hpp"

namespace gs::ui {

// The selected event first, then its cause, its cause's cause, ... (bounded).
std::vector<const Event*> cause_chain(const EventLog& log, EventId id, std::size_t max_depth = 64);

struct CauseExplanation {
  std::string subject;  // "shop-dev: Synced → OutOfSync"
  // What started it (at most one is set).
  std::string commit_sha, commit_author, commit_message, commit_ref;  // ref: repo@branch
  std::string command;      // an action's command text
  std::string live_change;  // "dev:Deployment/shop/web by kubectl: spec.replicas=5"
  std::vector<std::string> changes;  // "spec.replicas 2 → 3 in base/deployment.yaml"
  std::string seen_by;      // refresh level: poll, webhook, watch, manual, initial
  std::optional<TimePoint> seen_at;
};

// `changes_of(repo, sha)` lists what a commit changed, for the sentence
// (may be empty). The watch fallback scans the log backwards from the refresh.
CauseExplanation explain_cause(const EventLog& log, EventId id,
                               const std::function<std::vector<std::string>(const std::string&, const std::string&)>&
                                   changes_of);

// Fills "{name}" placeholders; unknown names are left as they are.
std::string fill_template(const std::string& tmpl, const std::map<std::string, std::string>& values);

}  // namespace gs::ui
