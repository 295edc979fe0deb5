// The event queue: items ordered by (time, sequence), so items at the same
// virtual time run first-in first-out, as in FoundationDB's simulation and
// ns-3. Time jumps to the next item; nothing sleeps.
#pragma once

#include <cstdint>
#include <optional>
#include <queue>
#include <vector>

#include "sim/core/duration.hpp"

namespace gs {

template <class T>
class EventQueue {
 public:
  struct Entry {
    TimePoint at;
    std::uint64_t seq;
    T item;
  };

  // Returns the sequence number given to the item (a stable id for tie-breaks).
  std::uint64_t push(TimePoint at, T item) {
    const std::uint64_t seq = next_seq_++;
    heap_.push(Entry{at, seq, std::move(item)});
    return seq;
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }

  // Time of the earliest item, if any.
  std::optional<TimePoint> next_time() const {
    if (heap_.empty()) return std::nullopt;
    return heap_.top().at;
  }

  // Removes and returns the earliest item; call only when !empty().
  Entry pop() {
    Entry e = std::move(const_cast<Entry&>(heap_.top()));
    heap_.pop();
    return e;
  }

 private:
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.at != b.at) return a.at > b.at;
      return a.seq > b.seq;
    }
  };
  std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace gs
