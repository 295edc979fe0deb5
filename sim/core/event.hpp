// Events: the append-only record of everything that changed in a world. Each
// event has its virtual time, a type from the spec's Events table, the id of
// the event or action that caused it, and its subject fields in a fixed order,
// so the log serialises to the same bytes every run. Every type and its
// constructor live in events.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "sim/core/duration.hpp"

namespace gs {

using EventId = std::uint64_t;  // 0 means "no cause" (a scenario's own start)

using FieldValue = std::variant<std::string, std::int64_t, bool>;

struct Event {
  EventId id = 0;
  TimePoint t;
  std::string type;   // "Committed", "AppRefreshed", "SyncStatusChanged", ...
  EventId cause = 0;
  std::vector<std::pair<std::string, FieldValue>> fields;  // in the order they were added

  const FieldValue* field(std::string_view key) const;
  // The string value of a field, or "" when absent or not a string.
  std::string str(std::string_view key) const;
};

// The log every part appends to. Ids are assigned in emission order from 1.
class EventLog {
 public:
  EventId emit(TimePoint t, Event e) {
    e.id = static_cast<EventId>(events_.size()) + 1;
    e.t = t;
    events_.push_back(std::move(e));
    return events_.back().id;
  }

  const std::vector<Event>& events() const { return events_; }
  const Event* find(EventId id) const {
    if (id == 0 || id > events_.size()) return nullptr;
    return &events_[id - 1];
  }
  std::size_t size() const { return events_.size(); }

 private:
  std::vector<Event> events_;
};

inline const FieldValue* Event::field(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return &v;
  }
  return nullptr;
}

inline std::string Event::str(std::string_view key) const {
  const FieldValue* v = field(key);
  if (!v) return {};
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return {};
}

}  // namespace gs
