// Which events the Timeline panel lists: by category (Git, refresh, status,
// sync, resources, live changes, actions, teaching notes, errors), by app and
// by free text over the event's one-line description. Incremental, because
// the log only ever grows. No ImGui here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/event.hpp"

namespace gs::ui {

enum class EventCategory : std::uint8_t { Git, Refresh, Status, Sync, Resource, Live, Action, Note, Error, Other };
inline constexpr int kEventCategoryCount = 10;
const char* to_string(EventCategory c);  // "Git", "Refresh", ...

EventCategory category_of(std::string_view type);

struct EventFilter {
  std::uint32_t categories = ~0u;  // bit per EventCategory
  std::string app;                 // "" any; else events naming this app (or its repo's commits)
  std::string repo;                // the app's repo name, so its commits stay visible
  std::string text;                // case-insensitive substring of type or description

  bool shows(EventCategory c) const { return (categories >> static_cast<int>(c)) & 1u; }
  void set(EventCategory c, bool on) {
    const std::uint32_t bit = 1u << static_cast<int>(c);
    categories = on ? (categories | bit) : (categories & ~bit);
  }
  friend bool operator==(const EventFilter&, const EventFilter&) = default;
};

bool event_matches(const Event& e, std::string_view description, const EventFilter& f);

// Case-insensitive (ASCII) substring test; an empty needle matches.
bool contains_ci(std::string_view haystack, std::string_view needle);

// The filtered indices into a growing log, updated by scanning only new events.
class FilteredEvents {
 public:
  // `descriptions[i]` is events::describe(events[i]); both only grow.
  void update(const std::vector<Event>& events, const std::vector<std::string>& descriptions, const EventFilter& f);
  const std::vector<std::size_t>& indices() const { return indices_; }

 private:
  EventFilter filter_;
  bool primed_ = false;
  std::size_t scanned_ = 0;
  std::vector<std::size_t> indices_;
};

}  // namespace gs::ui
