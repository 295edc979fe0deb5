// The controllers' work queue: (time, sequence) order and one entry per task.
#include <catch2/catch.hpp>

#include "sim/cluster/work_queue.hpp"

using namespace gs;
using namespace gs::cluster;
using namespace gs::cluster::detail;

TEST_CASE("Cluster: the work queue runs equal times first-in first-out and keeps each task's earliest entry",
          "[queue]") {
  WorkQueue q;
  const ObjectKey a{"apps", "Deployment", "shop", "a"}, b{"apps", "Deployment", "shop", "b"};
  q.enqueue(Ctl::Deployment, b, TimePoint{10});
  q.enqueue(Ctl::Deployment, a, TimePoint{10});
  q.enqueue(Ctl::Deployment, a, TimePoint{20});  // covered by the earlier entry
  q.enqueue(Ctl::Kubelet, a, TimePoint{5}, "uid-1");
  q.enqueue(Ctl::Kubelet, a, TimePoint{3}, "uid-1");  // moves the entry earlier
  CHECK(q.next_time() == TimePoint{3});
  CHECK_FALSE(q.pop_due(TimePoint{2}).has_value());
  std::vector<std::pair<std::int64_t, std::string>> order;
  while (auto due = q.pop_due(TimePoint{100})) order.emplace_back(due->first.ms, due->second.key.name + due->second.uid);
  CHECK(order == std::vector<std::pair<std::int64_t, std::string>>{{3, "auid-1"}, {10, "b"}, {10, "a"}});
  CHECK_FALSE(q.next_time().has_value());
}
