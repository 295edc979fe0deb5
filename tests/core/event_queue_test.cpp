#include <catch2/catch.hpp>

#include <string>

#include "sim/core/event_queue.hpp"

TEST_CASE("EventQueue: orders by time, then first-in first-out at equal times", "[core][queue]") {
  gs::EventQueue<std::string> q;
  q.push(gs::TimePoint{300}, "c");
  q.push(gs::TimePoint{100}, "a1");
  q.push(gs::TimePoint{200}, "b");
  q.push(gs::TimePoint{100}, "a2");
  q.push(gs::TimePoint{100}, "a3");
  REQUIRE(q.next_time() == gs::TimePoint{100});
  std::string order;
  while (!q.empty()) order += q.pop().item + " ";
  CHECK(order == "a1 a2 a3 b c ");
  CHECK_FALSE(q.next_time().has_value());
}
