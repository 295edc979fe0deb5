// The replayer: the same recording gives the same world at the same moment
// however it got there — straight, or forwards, back and forwards again —
// and read-only commands at a moment print the same every time; at the end
// it is the session's own world.
#include <catch2/catch.hpp>

#include "record_fixture.hpp"
#include "sim/record/replayer.hpp"
#include "sim/world/event_json.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

std::string event_log(const world::World& w) {
  std::string out;
  for (const auto& e : w.log().events()) out += world::event_to_json(e) + "\n";
  return out;
}

struct Moment {
  std::string fingerprint;
  std::string log;
  std::int64_t now_ms = 0;
  std::int64_t pos = 0;
  std::size_t applied = 0;
};

Moment moment_of(record::Replayer& r) {
  const world::World& w = r.session().world();
  return {w.fingerprint(), event_log(w), w.now().ms, r.pos(), r.applied()};
}

Moment straight_to(const record::Recording& rec, std::int64_t pos) {
  auto r = record::Replayer::create(rec);
  REQUIRE(r);
  REQUIRE((*r)->seek(pos));
  return moment_of(**r);
}

void check_same(const Moment& a, const Moment& b) {
  CHECK(a.now_ms == b.now_ms);
  CHECK(a.pos == b.pos);
  CHECK(a.applied == b.applied);
  CHECK(a.log == b.log);
  CHECK(a.fingerprint == b.fingerprint);
}

// Seeks t2, back to t1, forwards to t2 again: each as a fresh replayer gets there.
void check_back_and_forth(const fs::path& file) {
  auto rec_ = open_ok(file);
  auto* rec = &rec_;
  const std::int64_t end = rec->info().end_pos_ms;
  REQUIRE(end > 0);
  for (const auto& [t1, t2] : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {end / 3, 2 * end / 3}, {0, end}, {end / 2, end / 2 + 1}}) {
    CAPTURE(t1, t2);
    auto r = record::Replayer::create(*rec);
    REQUIRE(r);
    REQUIRE((*r)->seek(t2));
    const Moment first = moment_of(**r);
    REQUIRE((*r)->seek(t1));
    check_same(moment_of(**r), straight_to(*rec, t1));
    REQUIRE((*r)->seek(t2));
    const Moment again = moment_of(**r);
    check_same(again, first);
    check_same(again, straight_to(*rec, t2));
    CHECK_FALSE((*r)->divergence());
  }
}

std::string look_at(const record::Recording& rec, std::int64_t pos) {
  auto r = record::Replayer::create(rec);
  REQUIRE(r);
  REQUIRE((*r)->seek(pos));
  std::string out;
  for (const char* c : {"argocd app list", "kubectl get pods -A", "git log shop-config@main"}) {
    const auto o = (*r)->session().run(c);
    out += o.output;
    CHECK(o.ok);
  }
  return out;
}

}  // namespace

TEST_CASE("Replayer: a console session seeked forwards and back and forwards is as seeked straight", "[record]") {
  TempDir tmp;
  const fs::path file = tmp / "console.gsrec";
  record_console_session(file);
  check_back_and_forth(file);
}

TEST_CASE("Replayer: a lesson with reset and undo seeked forwards and back and forwards is as seeked straight",
          "[record]") {
  TempDir tmp;
  const fs::path file = tmp / "lesson.gsrec";
  REQUIRE(record_lesson(source_dir() / "lessons" / "02-drift-and-self-heal.yaml", file).empty());
  check_back_and_forth(file);
}

TEST_CASE("Replayer: read-only commands at a moment print the same on two replays", "[record]") {
  TempDir tmp;
  const fs::path file = tmp / "look.gsrec";
  record_console_session(file);
  auto rec_ = open_ok(file);
  auto* rec = &rec_;
  for (const std::int64_t t : {std::int64_t{0}, std::int64_t{150'000}, std::int64_t{5 * 60'000}}) {
    CAPTURE(t);
    const std::string a = look_at(*rec, t);
    CHECK(a == look_at(*rec, t));
    CHECK(a.find("shop-dev") != std::string::npos);
  }
  // The replay at 3m shows the hand scale to 4 (given at 2m) and the commit (at 1m).
  const std::string at3 = look_at(*rec, 3 * 60'000);
  CHECK(at3.find("Release web 1.1.0") != std::string::npos);
}

TEST_CASE("Replayer: at its end the replay is the recorded session's own world", "[record]") {
  TempDir tmp;
  const fs::path file = tmp / "end.gsrec";
  const std::string recorded = record_console_session(file);
  auto rec_ = open_ok(file);
  auto* rec = &rec_;
  auto r = record::Replayer::create(*rec);
  REQUIRE(r);
  REQUIRE((*r)->seek(rec->info().end_pos_ms));
  CHECK((*r)->pos() == 10 * 60'000);
  CHECK((*r)->session().world().fingerprint() == recorded);
  auto stored = rec->events(0);
  REQUIRE(stored);
  const auto& log = (*r)->session().world().log().events();
  REQUIRE(log.size() == stored->size());
  for (std::size_t i = 0; i < log.size(); ++i) CHECK(world::event_to_json(log[i]) == (*stored)[i].json);
}
