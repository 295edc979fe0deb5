#include "sim/ui/view/event_filter.hpp"

namespace gs::ui {

const char* to_string(EventCategory c) {
  switch (c) {
    case EventCategory::Git: return "Git";
    case EventCategory::Refresh: return "Refresh";
    case EventCategory::Status: return "Status";
    case EventCategory::Sync: return "Sync";
    case EventCategory::Resource: return "Resource";
    case EventCategory::Live: return "Live";
    case EventCategory::Action: return "Action";
    case EventCategory::Note: return "Note";
    case EventCategory::Error: return "Error";
    case EventCategory::Other: return "Other";
  }
  return "Other";
}

EventCategory category_of(std::string_view t) {
  if (t == "Committed" || t == "BranchCreated" || t == "TagCreated" || t == "BranchReset" || t == "WebhookReceived") {
    return EventCategory::Git;
  }
  if (t == "AppRefreshed") return EventCategory::Refresh;
  if (t == "SyncStatusChanged" || t == "HealthStatusChanged" || t == "AppSpecChanged") return EventCategory::Status;
  if (t == "SyncStarted" || t == "SyncSucceeded" || t == "SyncRetrying" || t == "SyncWindowBlocked") {
    return EventCategory::Sync;
  }
  if (t == "ResourceApplied" || t == "ResourcePruned" || t == "ResourcePruneSkipped" || t == "ApplicationCreated" ||
      t == "ApplicationDeleted" || t == "ApplicationCascadeDeleted") {
    return EventCategory::Resource;
  }
  if (t == "LiveChanged" || t == "FaultInjected") return EventCategory::Live;
  if (t == "Action") return EventCategory::Action;
  if (t == "Note" || t == "Paused") return EventCategory::Note;
  if (t == "SyncFailed" || t == "ResourceSyncFailed" || t == "ComparisonError" || t == "SyncError" ||
      t == "InvalidSpecError" || t == "ActionFailed") {
    return EventCategory::Error;
  }
  return EventCategory::Other;
}

bool contains_ci(std::string_view h, std::string_view n) {
  if (n.empty()) return true;
  if (n.size() > h.size()) return false;
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i + n.size() <= h.size(); ++i) {
    std::size_t j = 0;
    while (j < n.size() && lower(h[i + j]) == lower(n[j])) ++j;
    if (j == n.size()) return true;
  }
  return false;
}

bool event_matches(const Event& e, std::string_view description, const EventFilter& f) {
  if (!f.shows(category_of(e.type))) return false;
  if (!f.app.empty()) {
    const std::string app = e.str("app");
    const bool own = app == f.app;
    const bool repo_commit = app.empty() && !f.repo.empty() && e.str("repo") == f.repo;
    if (!own && !repo_commit) return false;
  }
  if (!f.text.empty() && !contains_ci(e.type, f.text) && !contains_ci(description, f.text)) return false;
  return true;
}

void FilteredEvents::update(const std::vector<Event>& events, const std::vector<std::string>& descriptions,
                            const EventFilter& f) {
  if (!primed_ || !(f == filter_) || scanned_ > events.size()) {
    filter_ = f;
    primed_ = true;
    scanned_ = 0;
    indices_.clear();
  }
  const std::size_t n = std::min(events.size(), descriptions.size());
  for (; scanned_ < n; ++scanned_) {
    if (event_matches(events[scanned_], descriptions[scanned_], filter_)) indices_.push_back(scanned_);
  }
}

}  // namespace gs::ui
