// The reader: a file that is not a recording, is truncated or damaged, has
// an unknown schema version, or whose source was changed after it was made
// is refused with one clear line naming the file, never a crash; opening
// never changes the file.
#include <catch2/catch.hpp>

#include "record_fixture.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

// Recording::open refuses `file`; its one line.
std::string refused(const fs::path& file) {
  auto rec = record::Recording::open(file);
  REQUIRE_FALSE(rec);
  const std::string& m = rec.error().message;
  INFO(m);
  CHECK(m.find('\n') == std::string::npos);
  CHECK(m.rfind(file.string(), 0) == 0);  // starts with the file's name
  return m;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("Recording: files that are not recordings are refused with one line", "[record]") {
  TempDir tmp;
  SECTION("no such file") { CHECK(has(refused(tmp / "missing.gsrec"), "no such file")); }
  SECTION("a directory") { CHECK(has(refused(tmp.path()), "is a directory")); }
  SECTION("an empty file") {
    write_file(tmp / "empty.gsrec", "");
    CHECK(has(refused(tmp / "empty.gsrec"), "not a gitops-sim recording"));
  }
  SECTION("a text file") {
    write_file(tmp / "text.gsrec", "apiVersion: gitops-sim/v1\nkind: Scenario\n");
    CHECK(has(refused(tmp / "text.gsrec"), "not a gitops-sim recording"));
  }
  SECTION("the SQLite header and nothing else") {
    write_file(tmp / "head.gsrec", std::string("SQLite format 3\0", 16));
    refused(tmp / "head.gsrec");
  }
  SECTION("another program's SQLite database") {
    const fs::path other = tmp / "other.sqlite";
    tamper(other, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
    CHECK(has(refused(other), "another program's database"));
  }
  SECTION("a database with the recording's application_id but no tables") {
    const fs::path other = tmp / "bare.gsrec";
    tamper(other, "PRAGMA application_id = " + std::to_string(record::kApplicationId) +
                      "; PRAGMA user_version = 1; CREATE TABLE t (x);");
    refused(other);
  }
}

TEST_CASE("Recording: an unknown schema version is refused naming it", "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "v99.gsrec";
  REQUIRE(record_run(source_dir() / "scenarios" / "01-first-sync.yaml", rec));
  tamper(rec, "PRAGMA user_version = 99;");
  const std::string m = refused(rec);
  CHECK(has(m, "schema version 99"));
  tamper(rec, "PRAGMA user_version = 0;");
  CHECK(has(refused(rec), "schema version 0"));
}

TEST_CASE("Recording: values read from a damaged file are shown on the one line", "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "meta.gsrec";
  REQUIRE(record_run(source_dir() / "scenarios" / "01-first-sync.yaml", rec));
  // What the fuzzer found: a newline inside the meta table's format.
  tamper(rec, "UPDATE meta SET value = 'gitops-sim rec' || char(10) || 'ording' WHERE key = 'format';");
  CHECK(has(refused(rec), "format 'gitops-sim rec\\x0aording'"));
  tamper(rec, "UPDATE meta SET value = 'gitops-sim recording' WHERE key = 'format';"
              "UPDATE meta SET value = 'les' || char(13) || 'son' WHERE key = 'kind';");
  CHECK(has(refused(rec), "kind is 'les\\x0dson'"));
}

TEST_CASE("Recording: a source changed without its SHA-256 is refused", "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "src.gsrec";
  REQUIRE(record_run(source_dir() / "scenarios" / "03-drift-self-heal.yaml", rec));
  tamper(rec, "UPDATE sources SET bytes = CAST(replace(CAST(bytes AS TEXT), 'replicas: 2', 'replicas: 3') AS BLOB);");
  const std::string m = refused(rec);
  CHECK(has(m, "does not match its SHA-256"));
  CHECK(has(m, "03-drift-self-heal.yaml"));
}

TEST_CASE("Recording: a recording cut at any of many byte offsets is refused as truncated", "[record]") {
  TempDir tmp;
  const fs::path whole = tmp / "whole.gsrec";
  record_console_session(whole);
  const std::string bytes = read_file(whole);
  REQUIRE(bytes.size() > 4096);
  std::vector<std::size_t> cuts = {1, 15, 16, 17, 99, 100, 101, 512, 1024, 4095, 4096, 4097, bytes.size() / 3,
                                   bytes.size() / 2, bytes.size() - 4096, bytes.size() - 1};
  for (std::size_t step = 4096 * 3 + 77; step < bytes.size(); step += 4096 * 5 + 131) cuts.push_back(step);
  for (std::size_t cut : cuts) {
    CAPTURE(cut);
    const fs::path part = tmp / ("cut-" + std::to_string(cut) + ".gsrec");
    write_file(part, bytes.substr(0, cut));
    const std::string m = refused(part);
    if (cut >= 100) CHECK((has(m, "truncated") || has(m, "damaged")));
  }
}

TEST_CASE("Recording: opening and reading a recording never changes its bytes", "[record]") {
  TempDir tmp;
  const fs::path rec = tmp / "ro.gsrec";
  record_console_session(rec);
  const std::string before = read_file(rec);
  {
    auto r_ = open_ok(rec);
    auto* r = &r_;
    REQUIRE(r->events(0));
  }
  CHECK(read_file(rec) == before);
  CHECK_FALSE(fs::exists(tmp / "ro.gsrec-wal"));
}

TEST_CASE("Recording: a recording killed while it closed opens beside its hot journal and verifies", "[record]") {
  // Left by the kill -9 test: killed while close() turned the file out of
  // WAL mode, with the rollback journal of that header change beside it.
  TempDir tmp;
  const fs::path data = fs::path(GS_TEST_DATA_DIR) / "record";
  const fs::path rec = tmp / "killed.gsrec";
  fs::copy_file(data / "killed-while-closing.gsrec", rec);
  fs::copy_file(data / "killed-while-closing.gsrec-journal", tmp / "killed.gsrec-journal");
  const std::string before = read_file(rec), journal = read_file(tmp / "killed.gsrec-journal");
  {
    const auto r = open_ok(rec);
    CHECK(verify_ok(r).same());
  }
  CHECK(read_file(rec) == before);
  CHECK(read_file(tmp / "killed.gsrec-journal") == journal);
}
