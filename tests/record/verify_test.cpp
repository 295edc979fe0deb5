// verify: a recording changed behind gitops-sim's back — a command's text,
// an event's JSON, a checkpoint's hash, a missing event — is reported as
// the first difference (which event, when, expected and got), or as a
// damaged file; the report itself is the same bytes every time.
#include <catch2/catch.hpp>

#include "record_fixture.hpp"
#include "sim/record/verify.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

record::VerifyReport verified(const fs::path& file) { return verify_ok(open_ok(file)); }

std::string verify_text_of(const fs::path& file) {
  const auto rec = open_ok(file);
  return record::verify_text(rec, verify_ok(rec));
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("verify: a recorded command whose text was changed differs at an event with its time and both lines",
          "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "cmd.gsrec";
  record_console_session(rec);
  REQUIRE(verified(rec).same());
  // The hand scale at 2m to another count: the replay's world goes another way.
  tamper(rec, "UPDATE actions SET text = 'kubectl scale deployment/web --replicas=7 -n shop --cluster dev'"
              " WHERE text LIKE 'kubectl scale deployment/web --replicas=4%';");
  const auto report = verified(rec);
  REQUIRE_FALSE(report.same());
  const record::Difference& d = *report.difference;
  CHECK(d.index >= 0);
  CHECK(d.t_ms >= 2 * 60'000);
  CHECK_FALSE(d.expected.empty());
  CHECK(d.expected != d.got);
  const std::string text = verify_text_of(rec);
  INFO(text);
  CHECK(has(text, ": differs: "));
  CHECK(has(text, "event " + std::to_string(d.index) + " at " + format_offset(TimePoint{d.t_ms})));
  CHECK(has(text, "  expected: "));
  CHECK(has(text, "  got:      "));
}

TEST_CASE("verify: a read-only command changed into one that is refused differs by its outcome", "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "outcome.gsrec";
  record_console_session(rec);
  tamper(rec, "UPDATE actions SET text = 'argocd app get no-such-app' WHERE text = 'argocd app list';");
  const auto report = verified(rec);
  REQUIRE_FALSE(report.same());
  CHECK(report.difference->index == -1);
  INFO(report.difference->what);
  CHECK(has(report.difference->what, "'argocd app get no-such-app' at +2m"));
  CHECK(has(report.difference->what, "where the recording says 0 (ran)"));
}

TEST_CASE("verify: an event whose JSON was changed differs at that very index", "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "event.gsrec";
  REQUIRE(record_run(source_dir() / "scenarios" / "03-drift-self-heal.yaml", rec));
  const auto events = stored_events(rec, 0);
  const auto n = static_cast<std::int64_t>(events.size());
  REQUIRE(n > 20);
  for (const std::int64_t idx : {std::int64_t{0}, n / 2, n - 1}) {
    CAPTURE(idx);
    const fs::path copy = tmp / ("event-" + std::to_string(idx) + ".gsrec");
    fs::copy_file(rec, copy);
    const std::string original = events[static_cast<std::size_t>(idx)].json;
    const std::string t_ms = std::to_string(events[static_cast<std::size_t>(idx)].t_ms);
    REQUIRE(original.size() > 2);
    // One more field at the end of the object.
    std::vector<std::string> lines;
    for (const auto& e : events) lines.push_back(e.json);
    lines[static_cast<std::size_t>(idx)] = original.substr(0, original.size() - 1) + ",\"x\":1}";
    rewrite_events(copy, 0, {{0, lines}});
    const auto report = verified(copy);
    REQUIRE_FALSE(report.same());
    const record::Difference& d = *report.difference;
    CHECK(d.index == idx);
    CHECK(d.t_ms == std::stoll(t_ms));
    CHECK(d.got == original);
    CHECK(d.expected == original.substr(0, original.size() - 1) + ",\"x\":1}");
    CHECK(d.what == "an event differs");
  }
}

TEST_CASE("verify: a checkpoint whose hash was changed differs naming the checkpoint", "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "cp.gsrec";
  REQUIRE(record_run(source_dir() / "scenarios" / "03-drift-self-heal.yaml", rec));
  tamper(rec, "UPDATE checkpoints SET hash = '" + std::string(64, '0') +
                  "' WHERE events = (SELECT MAX(events) FROM checkpoints);");
  const auto report = verified(rec);
  REQUIRE_FALSE(report.same());
  CHECK(has(report.difference->what, "checkpoint after"));
  CHECK(report.difference->expected == std::string(64, '0'));
  CHECK(report.difference->got.size() == 64);
}

TEST_CASE("verify: stored events cut at the end are a prefix that verifies and one missing inside is damage",
          "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "prefix.gsrec";
  REQUIRE(record_run(source_dir() / "scenarios" / "03-drift-self-heal.yaml", rec));
  const fs::path hole = tmp / "hole.gsrec";
  fs::copy_file(rec, hole);
  // As a kill -9 between two commits leaves it: the last events not stored
  // (and no checkpoint past them).
  std::vector<std::string> lines;
  for (const auto& e : stored_events(rec, 0)) lines.push_back(e.json);
  REQUIRE(lines.size() > 10);
  rewrite_events(rec, 0, {{0, std::vector<std::string>(lines.begin(), lines.begin() + 10)}});
  tamper(rec, "DELETE FROM checkpoints WHERE events > 10;");
  CHECK(verified(rec).same());
  rewrite_events(hole, 0,
                 {{0, std::vector<std::string>(lines.begin(), lines.begin() + 5)},
                  {6, std::vector<std::string>(lines.begin() + 6, lines.end())}});
  auto r_ = open_ok(hole);
  auto* r = &r_;
  auto report = record::verify(*r);
  REQUIRE_FALSE(report);
  CHECK(has(report.error().message, "event 5 is missing"));
}

TEST_CASE("verify: the report of one recording is the same bytes every time", "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "twice.gsrec";
  record_console_session(rec);
  auto r_ = open_ok(rec);
  auto* r = &r_;
  auto a = record::verify(*r);
  auto b = record::verify(*r);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(record::verify_json(*r, *a) == record::verify_json(*r, *b));
  CHECK(record::verify_text(*r, *a) == record::verify_text(*r, *b));
  CHECK(has(record::verify_json(*r, *a), "\"same\": true"));
}
