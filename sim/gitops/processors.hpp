// Bounded worker pools in virtual time, as Argo CD's application controller
// runs its queues (controller/appcontroller.go Run): `--status-processors`
// (default 20) workers take apps off the refresh queue, each held for one
// refresh (processAppRefreshQueueItem: compare, persist status); and
// `--operation-processors` (default 10) take apps off the operation queue,
// each held for one step of a sync (processAppOperationQueueItem: one
// SyncAppState, its applies and the delay between waves). What comes due
// while every worker is busy waits, first come first served, so a commit
// that puts a thousand apps OutOfSync drains visibly.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <vector>

#include "sim/core/duration.hpp"

namespace gs::gitops {

template <class Item>
class ProcessorPool {
 public:
  explicit ProcessorPool(int workers)
      : busy_until_(static_cast<std::size_t>(std::max(1, workers)), TimePoint{std::numeric_limits<std::int64_t>::min() / 2}) {}

  // A worker is free at `t` and nothing waits before it.
  bool can_start(TimePoint t) const { return waiting_.empty() && earliest() <= t; }
  // Takes the worker free longest; `release` says when it is free again.
  std::size_t start() {
    return static_cast<std::size_t>(std::min_element(busy_until_.begin(), busy_until_.end()) - busy_until_.begin());
  }
  void release(std::size_t worker, TimePoint at) { busy_until_[worker] = at; }

  void wait(Item item) { waiting_.push_back(std::move(item)); }
  // When the first waiting item can run (a worker frees), if any waits.
  std::optional<TimePoint> next_ready() const {
    if (waiting_.empty()) return std::nullopt;
    return earliest();
  }
  Item take() {
    Item item = std::move(waiting_.front());
    waiting_.pop_front();
    return item;
  }

  int size() const { return static_cast<int>(busy_until_.size()); }
  int busy(TimePoint t) const {
    return static_cast<int>(std::count_if(busy_until_.begin(), busy_until_.end(), [&](TimePoint b) { return b > t; }));
  }
  std::size_t waiting() const { return waiting_.size(); }

 private:
  TimePoint earliest() const { return *std::min_element(busy_until_.begin(), busy_until_.end()); }
  std::vector<TimePoint> busy_until_;
  std::deque<Item> waiting_;
};

}  // namespace gs::gitops
