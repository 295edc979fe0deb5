#include "sim/cluster/work_queue.hpp"

namespace gs::cluster::detail {

void WorkQueue::enqueue(Ctl ctl, const ObjectKey& key, TimePoint at, std::string uid) {
  TaskId id{static_cast<int>(ctl), key, uid};
  auto it = pending_.find(id);
  if (it != pending_.end()) {
    if (it->second.first <= at) return;  // an earlier run covers this one
    queue_.erase(it->second);
  }
  const Slot slot{at, seq_++};
  queue_.emplace(slot, Task{ctl, key, std::move(uid)});
  pending_[id] = slot;
}

std::optional<TimePoint> WorkQueue::next_time() const {
  if (queue_.empty()) return std::nullopt;
  return queue_.begin()->first.first;
}

std::optional<std::pair<TimePoint, Task>> WorkQueue::pop_due(TimePoint now) {
  if (queue_.empty() || queue_.begin()->first.first > now) return std::nullopt;
  const TimePoint at = queue_.begin()->first.first;
  Task task = std::move(queue_.begin()->second);
  queue_.erase(queue_.begin());
  pending_.erase(TaskId{static_cast<int>(task.ctl), task.key, task.uid});
  return std::make_pair(at, std::move(task));
}

}  // namespace gs::cluster::detail
