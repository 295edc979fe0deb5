// Events: the append-only record of everything that changed in a world. Each
// event has its virtual time, a type from the spec's Events table, the id of
// the event or action that caused it, and its subject fields in a fixed order,
// so the log serialises to the same bytes every run. Every type and its
// constructor live in events.hpp.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
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

// An event's fields in the order they were added, packed into one string: a
// day of a thousand apps logs half a million events, and a field held as a
// (std::string, variant) pair costs 72 bytes before its text. Read back as
// (key, value) pairs by value.
class EventFields {
 public:
  EventFields() = default;
  EventFields(std::initializer_list<std::pair<std::string_view, FieldValue>> fields) {
    for (const auto& [k, v] : fields) emplace_back(k, v);
  }
  void emplace_back(std::string_view key, const FieldValue& value);

  class iterator {
   public:
    using value_type = std::pair<std::string_view, FieldValue>;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;
    iterator() = default;
    explicit iterator(const char* at) : at_(at) {}
    value_type operator*() const;
    iterator& operator++();
    iterator operator++(int) {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.at_ == b.at_; }

   private:
    const char* at_ = nullptr;
  };
  iterator begin() const { return iterator(data_.data()); }
  iterator end() const { return iterator(data_.data() + data_.size()); }
  bool empty() const { return data_.empty(); }
  std::size_t size() const { return static_cast<std::size_t>(std::distance(begin(), end())); }
  std::optional<FieldValue> find(std::string_view key) const;
  std::optional<std::string_view> find_string(std::string_view key) const;  // nullopt: absent or not a string
  friend bool operator==(const EventFields& a, const EventFields& b) { return a.data_ == b.data_; }

 private:
  // Each field: key length (1 byte), key, kind (0 string, 1 int, 2 bool),
  // then a string's length (4 bytes) and bytes, an int's 8 bytes or a bool's 1.
  enum Kind : char { kStr = 0, kInt = 1, kBool = 2 };
  struct Cursor;  // one field's parts, read at a position
  static Cursor read_at(const char* at);
  const char* find_raw(std::string_view key) const;
  std::string data_;
};

struct Event {
  EventId id = 0;
  TimePoint t;
  std::string type;   // "Committed", "AppRefreshed", "SyncStatusChanged", ...
  EventId cause = 0;
  EventFields fields;  // in the order they were added

  std::optional<FieldValue> field(std::string_view key) const { return fields.find(key); }
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

struct EventFields::Cursor {
  std::string_view key;
  Kind kind;
  const char* value;  // a string's bytes, or the int's or bool's
  std::size_t size;   // of the value's bytes
  const char* next;
};

inline EventFields::Cursor EventFields::read_at(const char* at) {
  Cursor c;
  const auto key_size = static_cast<unsigned char>(*at++);
  c.key = std::string_view(at, key_size);
  at += key_size;
  c.kind = static_cast<Kind>(*at++);
  if (c.kind == kStr) {
    std::uint32_t n = 0;
    std::memcpy(&n, at, sizeof n);
    at += sizeof n;
    c.size = n;
  } else {
    c.size = c.kind == kInt ? sizeof(std::int64_t) : 1;
  }
  c.value = at;
  c.next = at + c.size;
  return c;
}

inline void EventFields::emplace_back(std::string_view key, const FieldValue& value) {
  key = key.substr(0, 255);
  data_ += static_cast<char>(key.size());
  data_ += key;
  if (const auto* s = std::get_if<std::string>(&value)) {
    data_ += static_cast<char>(kStr);
    const auto n = static_cast<std::uint32_t>(s->size());
    data_.append(reinterpret_cast<const char*>(&n), sizeof n);
    data_ += *s;
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    data_ += static_cast<char>(kInt);
    data_.append(reinterpret_cast<const char*>(i), sizeof *i);
  } else {
    data_ += static_cast<char>(kBool);
    data_ += std::get<bool>(value) ? '\1' : '\0';
  }
}

inline EventFields::iterator::value_type EventFields::iterator::operator*() const {
  const Cursor c = read_at(at_);
  if (c.kind == kStr) return {c.key, FieldValue(std::string(c.value, c.size))};
  if (c.kind == kInt) {
    std::int64_t v = 0;
    std::memcpy(&v, c.value, sizeof v);
    return {c.key, FieldValue(v)};
  }
  return {c.key, FieldValue(*c.value != 0)};
}

inline EventFields::iterator& EventFields::iterator::operator++() {
  at_ = read_at(at_).next;
  return *this;
}

inline const char* EventFields::find_raw(std::string_view key) const {
  const char* at = data_.data();
  const char* end = at + data_.size();
  while (at != end) {
    if (read_at(at).key == key) return at;
    at = read_at(at).next;
  }
  return nullptr;
}

inline std::optional<FieldValue> EventFields::find(std::string_view key) const {
  const char* at = find_raw(key);
  if (!at) return std::nullopt;
  return (*iterator(at)).second;
}

inline std::optional<std::string_view> EventFields::find_string(std::string_view key) const {
  const char* at = find_raw(key);
  if (!at) return std::nullopt;
  const Cursor c = read_at(at);
  if (c.kind != kStr) return std::nullopt;
  return std::string_view(c.value, c.size);
}

inline std::string Event::str(std::string_view key) const {
  const auto v = fields.find_string(key);
  return v ? std::string(*v) : std::string();
}

}  // namespace gs
