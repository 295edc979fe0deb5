// A pair doing lessons/02-drift-and-self-heal.yaml, recorded: a
// Peer-Instruction vote on its question step (the lesson takes the pair's
// answer), commands attributed to the driver of the moment and their role,
// a swap marked, break-fix's refusals recorded as denied; the recording
// then verifies (replay --verify).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "sim/lesson/loader.hpp"
#include "sim/pair/pair_run.hpp"
#include "sim/record/recorder.hpp"
#include "sim/record/recording.hpp"
#include "sim/record/verify.hpp"
#include "sim/scenario/source_files.hpp"
#include "pair_fixture.hpp"

using namespace gs;
using namespace gs::pair;
namespace fs = std::filesystem;

namespace {

struct TempFile {
  fs::path path;
  TempFile() {
    std::string tmpl = (fs::temp_directory_path() / "gs-pair-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = fs::path(tmpl) / "pair.gsrec";
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove_all(path.parent_path(), ec);
  }
};

}  // namespace

TEST_CASE("pair: a pair's lesson is recorded with votes, swaps, each command's driver and role, and verifies",
          "[pair]") {
  TempFile tmp;
  const std::string file = testing::source_path("lessons/02-drift-and-self-heal.yaml");
  scenario::KeepingFiles read;
  auto loaded = lesson::load_lesson_file(file, read);
  REQUIRE(loaded.ok());
  PairRun pr(*parse_pair("Mina,Joon", "1m"), 0);
  record::RecordingHeader h;
  h.kind = record::kKindLesson;
  h.source = file;
  h.sources = read.kept();
  h.name = loaded.lesson->name;
  for (const auto& [name, role] : participants_of(pr.mode().config())) h.participants.push_back({name, role});
  auto rec = record::Recorder::create(tmp.path, h);
  REQUIRE(rec);
  auto started = lesson::LessonRun::start(std::move(*loaded.lesson), "en", rec->get());
  REQUIRE(started);
  lesson::LessonRun& run = **started;

  // The question step: a discussion, with a vote of its own.
  pr.update(run.session(), &run, 0);
  CHECK(pr.activity(&run) == Activity::Discussion);
  CHECK(pr.issuer(session::Origin::Console, &run).role == "explainer");
  REQUIRE(pr.vote());
  CHECK(pr.vote()->question() == "predict");
  REQUIRE(pr.cast(run.session(), &run, 0, 0));  // Mina: wrong alone
  REQUIRE(pr.cast(run.session(), &run, 1, 1));  // Joon: right
  CHECK(!run.progress(0).answer);               // not before round 2
  REQUIRE(pr.cast(run.session(), &run, 1, 1));
  CHECK(!pr.cast(run.session(), &run, 1, 0));   // Joon already answered round 2
  REQUIRE(pr.cast(run.session(), &run, 0, 1));  // Mina, convinced
  REQUIRE(run.progress(0).answer);
  CHECK(run.progress(0).answer->choice == 1);
  REQUIRE(run.next());

  // Hands-on: Mina drives.
  pr.update(run.session(), &run, 10'000);
  CHECK(!pr.vote());
  const session::Issuer mina = pr.issuer(session::Origin::Console, &run);
  CHECK(mina.actor == "Mina");
  CHECK(mina.role == "driver");
  REQUIRE(run.run("sim advance 2m30s", mina).outcome.ok);
  REQUIRE(run.progress(1).passed);
  REQUIRE(run.next());

  // A minute of wall time: Joon drives.
  auto swaps = pr.update(run.session(), &run, 60'000);
  REQUIRE(swaps.size() == 1);
  const session::Issuer joon = pr.issuer(session::Origin::Console, &run);
  CHECK(joon.actor == "Joon");
  // Break-fix on: the one not at the keyboard breaks, the driver diagnoses.
  pr.start_break_fix({{"outage", {"A cluster outage", "클러스터 장애"}, {{"fault outage dev 1m", {}}}},
                      {"hand-scale", {"Scaled by hand", "손으로 스케일"}, {{"argocd app list", {}}}}});
  CHECK(pr.break_fix()->breaker() == 0);
  REQUIRE(pr.pick_fault(run.session(), &run, 0, 61'000));
  const std::string change = "argocd app set shop-dev --sync-policy automated --self-heal";
  auto why = pr.refusal(change);
  REQUIRE(why);
  pr.record_refused(run.session(), joon, change, {}, why->en);
  REQUIRE(run.run("argocd app get shop-dev", joon).outcome.ok);
  auto named = pr.diagnose(run.session(), &run, 0, 70'000);
  REQUIRE(named);
  CHECK(*named);
  CHECK(!pr.refusal(change));
  REQUIRE(run.run(change, joon).outcome.ok);
  pr.update(run.session(), &run, 75'000);
  run.advance(Duration::minutes(4));  // the outage over, the next poll compares again
  pr.update(run.session(), &run, 80'000);
  CHECK(pr.break_fix()->phase() == BreakFix::Phase::Restored);
  pr.next_break_fix_round(run.session(), &run);
  REQUIRE((*rec)->close(run.world()));

  auto r = record::Recording::open(tmp.path);
  REQUIRE(r);
  REQUIRE(r->participants().size() == 2);
  CHECK(r->participants()[0].name == "Mina");
  CHECK(r->participants()[0].role == "driver");
  CHECK(r->participants()[1].role == "navigator");
  std::vector<std::string> votes, swaps_marked, break_fix, commands;
  for (const auto& a : r->actions()) {
    if (a.kind == "vote") votes.push_back(a.detail);
    if (a.kind == "role-swap") swaps_marked.push_back(a.detail);
    if (a.kind == "break-fix") break_fix.push_back(a.detail.substr(0, a.detail.find(' ')));
    if (a.is_command() && !a.nested) {
      commands.push_back(a.actor + "/" + a.role + (a.denied ? " denied " : " ") + a.text);
    }
  }
  CHECK(votes == std::vector<std::string>{"question=predict round=1 who=Mina choice=1 of=3 correct=0",
                                          "question=predict round=1 who=Joon choice=2 of=3 correct=1",
                                          "question=predict round=2 who=Joon choice=2 of=3 correct=1",
                                          "question=predict round=2 who=Mina choice=2 of=3 correct=1"});
  CHECK(swaps_marked == std::vector<std::string>{"to=Joon from=Mina roles=driver/navigator n=1"});
  CHECK(break_fix == std::vector<std::string>{"start", "diagnosed", "restored", "swap"});
  CHECK(commands == std::vector<std::string>{
                        "Mina/driver sim advance 2m30s",
                        "Mina/breaker fault outage dev 1m",
                        "Joon/driver denied " + change,
                        "Joon/driver argocd app get shop-dev",
                        "Joon/driver argocd app set shop-dev --sync-policy=automated --self-heal",
                    });
  auto verified = record::verify(*r);
  REQUIRE(verified);
  CHECK(verified->same());
}
