// The class report's pair-mode figures: Peer-Instruction vote distributions
// per question before and after discussing (counts per choice, share right)
// over several pairs' recordings, and break-fix's times per pair and fault,
// in the table, JSON, CSV and the page. The recordings are written here by a
// Recorder with the marks pair mode writes (sim/pair/vote.hpp, break_fix.hpp).
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "record_fixture.hpp"
#include "sim/record/recorder.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/report.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/source_files.hpp"
#include "sim/session/session.hpp"

using namespace gs;
using namespace gs::testing;
namespace fs = std::filesystem;

namespace {

// A session on 09-promotion recorded to `name` (a fresh file).
struct Recorded {
  fs::path file;
  std::unique_ptr<record::Recorder> rec;
  std::unique_ptr<session::Session> session;
};
Recorded start_recorded(const std::string& name, std::vector<record::Participant> participants = {}) {
  const auto dir = fs::temp_directory_path() / "gs-report-pair-test";
  fs::create_directories(dir);
  Recorded r;
  r.file = dir / name;
  fs::remove(r.file);
  auto sr = start_recording(source_dir() / "scenarios" / "09-promotion.yaml", r.file, std::move(participants));
  r.rec = std::move(sr.recorder);
  session::SessionOptions opts;
  opts.observer = r.rec.get();
  auto s = session::Session::create(sr.scenario, opts);
  REQUIRE(s);
  r.session = std::move(*s);
  return r;
}

// A pair's session on 09-promotion: both vote on one question (round 1
// split or wrong, round 2 as given), then one break-fix round.
fs::path record_pair(const std::string& name, const std::string& a, const std::string& b, int a1, int b1, int a2,
                     int b2, bool restored) {
  Recorded r = start_recorded(name, {{a, "driver"}, {b, "navigator"}});
  auto& sess = *r.session;
  auto vote = [&](int round, const std::string& who, int choice) {
    sess.mark(session::Mark{"vote", "question=pull round=" + std::to_string(round) + " who=" + who + " choice=" +
                                        std::to_string(choice) + " of=3 correct=" + (choice == 2 ? "1" : "0")});
  };
  vote(1, a, a1);
  vote(1, b, b1);
  vote(2, b, b2);
  vote(2, a, a2);
  sess.advance_to(TimePoint{60'000});
  const std::string words = "round=1 breaker=" + a + " fixer=" + b + " fault=bad-commit";
  sess.mark(session::Mark{"break-fix", "start " + words});
  sess.mark(session::Mark{"break-fix", "wrong-guess " + words + " guess=outage"});
  sess.mark(session::Mark{"break-fix", "diagnosed " + words + " wall_ms=45000 virtual_ms=30000 wrong=1"});
  if (restored) sess.mark(session::Mark{"break-fix", "restored " + words + " wall_ms=98000 virtual_ms=150000"});
  sess.mark(session::Mark{"break-fix", "damaged round=x"});  // counts for nothing
  REQUIRE(r.rec->close(sess.world()));
  return r.file;
}

record::RecordingSummary pair_summary(const fs::path& file) {
  auto rec = record::Recording::open(file);
  REQUIRE(rec);
  auto s = record::summarize(*rec, file.string());
  REQUIRE(s);
  return std::move(s.value());
}

// Two pairs' recordings, named after `test` (ctest runs each case in its
// own process, at the same time as the others).
std::vector<record::RecordingSummary> two_pairs(const std::string& test) {
  return {pair_summary(record_pair(test + "-p1.gsrec", "Mina", "Joon", 1, 2, 2, 2, true)),
          pair_summary(record_pair(test + "-p2.gsrec", "Ari", "Bo", 3, 3, 2, 3, false))};
}

}  // namespace

TEST_CASE("report: votes are counted per choice in round 1 and round 2 over every pair, with the share right",
          "[record][report]") {
  const auto rows = two_pairs("votes");
  REQUIRE(rows[0].votes.size() == 4);
  CHECK(rows[0].votes[0].question == "promotion/pull");
  CHECK(rows[0].votes[0].who == "Mina");
  const auto d = record::vote_distributions(rows);
  REQUIRE(d.size() == 1);
  CHECK(d[0].question == "promotion/pull");
  CHECK(d[0].choices == 3);
  CHECK(d[0].round1 == std::vector<int>{1, 1, 2});
  CHECK(d[0].round2 == std::vector<int>{0, 3, 1});
  CHECK(d[0].answered1 == 4);
  CHECK(d[0].right1 == 1);
  CHECK(d[0].right2 == 3);
  CHECK(record::share_text(3, 4) == "3/4 (75%)");
  CHECK(record::share_text(0, 0) == "-");
}

TEST_CASE("report: break-fix rounds keep who broke and fixed, the fault and the times to diagnose and restore",
          "[record][report]") {
  const auto rows = two_pairs("fix");
  REQUIRE(rows[0].break_fix.size() == 1);
  const auto& r = rows[0].break_fix[0];
  CHECK(r.breaker == "Mina");
  CHECK(r.fixer == "Joon");
  CHECK(r.fault == "bad-commit");
  CHECK(r.diagnose_wall_ms == 45'000);
  CHECK(r.diagnose_virtual_ms == 30'000);
  CHECK(r.restore_wall_ms == 98'000);
  CHECK(r.restore_virtual_ms == 150'000);
  CHECK(r.wrong == 1);
  REQUIRE(rows[1].break_fix.size() == 1);
  CHECK(!rows[1].break_fix[0].restore_wall_ms);
}

TEST_CASE("report: the table, JSON, CSV and page show the votes and the break-fix times", "[record][report]") {
  const auto rows = two_pairs("render");
  const auto text = record::report_text(rows, "en");
  CHECK(text.find("Votes, round 1 (alone) -> round 2 (after discussing):") != std::string::npos);
  CHECK(text.find("promotion/pull  round 1: 1:1 2:1 3:2  right 1/4 (25%)  ->  round 2: 1:0 2:3 3:1  right 3/4 (75%)") !=
        std::string::npos);
  CHECK(text.find("render-p1.gsrec  round 1  Mina -> Joon  fault bad-commit  diagnose 45s [30s]  restore 1m38s [2m30s]  "
                  "wrong guesses 1") != std::string::npos);
  CHECK(text.find("render-p2.gsrec  round 1  Ari -> Bo  fault bad-commit  diagnose 45s [30s]  restore -") != std::string::npos);

  const auto j = nlohmann::ordered_json::parse(record::report_json(rows, "en"));
  CHECK(j[0]["votes"][0]["question"] == "promotion/pull");
  CHECK(j[0]["votes"][0]["round1"] == nlohmann::json::array({1, 1, 0}));
  CHECK(j[0]["votes"][0]["round2"] == nlohmann::json::array({0, 2, 0}));
  CHECK(j[0]["votes"][0]["right_round2"] == 2);
  CHECK(j[0]["break_fix"][0]["restore_wall_ms"] == 98'000);
  CHECK(j[1]["break_fix"][0]["restore_wall_ms"].is_null());

  const auto csv = record::report_csv(rows, "en");
  CHECK(csv.find(",votes_right_round1,votes_right_round2,break_fix,dora_deployments,") != std::string::npos);
  CHECK(csv.find(",1/2,2/2,1 Mina>Joon bad-commit diagnose_ms=45000 restore_ms=98000,,,,,\r\n") != std::string::npos);

  const auto html = record::report_html(rows, "en");
  CHECK(html.find("Peer Instruction: votes before and after discussing") != std::string::npos);
  CHECK(html.find("Break-fix: time to diagnose and to restore") != std::string::npos);
  CHECK(html.find("<td>3/4 (75%)</td>") != std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("report: recordings without pair marks add no pair sections", "[record][report]") {
  const auto rows = std::vector<record::RecordingSummary>{};
  CHECK(record::report_text(rows, "en").find("Votes") == std::string::npos);
  CHECK(record::report_html(rows, "en").find("Break-fix") == std::string::npos);
}

TEST_CASE("report: a vote taken back on the station (retract=1) takes away the last vote like it",
          "[record][report]") {
  Recorded r = start_recorded("retract.gsrec");
  const std::string b = "question=check-q1 round=1 who=class choice=2 of=3 correct=1";
  const std::string c = "question=check-q1 round=1 who=class choice=3 of=3 correct=0";
  for (const auto& d : {b, b, c, b + " retract=1", c + " retract=1", c + " retract=1"}) {
    r.session->mark(session::Mark{"vote", d});
  }
  REQUIRE(r.rec->close(r.session->world()));
  const auto rows = std::vector<record::RecordingSummary>{pair_summary(r.file)};
  const auto dist = record::vote_distributions(rows);
  REQUIRE(dist.size() == 1);
  // Two for B, one taken back; one for C, taken back, and a second take-back finds none.
  CHECK(dist[0].round1 == std::vector<int>{0, 1, 0});
}
