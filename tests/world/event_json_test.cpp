// event_to_json writes ASCII events directly: the bytes must be the ones an
// nlohmann ordered_json dump gives (the run hash and every recording depend
// on them), for every escape, repeated keys and non-ASCII text alike.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/world/event_json.hpp"

using namespace gs;

namespace {

std::string as_nlohmann(const Event& e) {
  nlohmann::ordered_json j;
  j["t"] = e.t.ms;
  j["type"] = e.type;
  j["id"] = e.id;
  j["cause"] = e.cause;
  for (const auto& [k, v] : e.fields) {
    std::visit([&](const auto& x) { j[std::string(k)] = x; }, v);
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Event event(std::string type, EventFields fields) {
  Event e;
  e.id = 18446744073709551615ull;
  e.t = TimePoint{-5};
  e.cause = 7;
  e.type = std::move(type);
  e.fields = std::move(fields);
  return e;
}

}  // namespace

TEST_CASE("event_to_json: the same bytes as an ordered_json dump", "[world][event_json]") {
  std::string every_byte;
  for (int c = 1; c < 128; ++c) every_byte += static_cast<char>(c);
  const std::vector<Event> events = {
      event("Committed", {{"repo", std::string("shop-config")}, {"n", std::int64_t{-42}}, {"ok", true}}),
      event("Note", {{"text", every_byte}, {"off", false}, {"big", std::int64_t{9223372036854775807}}}),
      event("Quote\"d\\", {{"k\n\t", std::string("a\"b\\c\b\f\r\x01\x1f\x7f")}}),
      event("Repeat", {{"a", std::string("1")}, {"b", std::int64_t{2}}, {"a", true}}),
      event("Clash", {{"type", std::string("other")}, {"t", std::int64_t{3}}}),
      event("Korean", {{"note", std::string("드리프트")}}),
      event("Broken", {{"bytes", std::string("ok\xff\xfe" "end\xc3")}}),
      event("Empty", {}),
  };
  for (const auto& e : events) {
    INFO(e.type);
    CHECK(world::event_to_json(e) == as_nlohmann(e));
  }
  // Sanity: the fast path writes what it should, not merely what the other writes.
  CHECK(world::event_to_json(events[3]) == R"({"t":-5,"type":"Repeat","id":18446744073709551615,"cause":7,"a":true,"b":2})");
}
