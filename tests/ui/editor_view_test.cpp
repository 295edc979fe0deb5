// The editor panel's logic: branches and files to pick, the text to edit
// (staged, else the head's), the staged rows, and the command lines its
// buttons send — which, run through the session, stage and commit.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/git/repository.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/session/session.hpp"
#include "sim/ui/view/editor_view.hpp"

using namespace gs;
using namespace gs::ui;

namespace {
std::unique_ptr<session::Session> drift_session() {
  auto r = scenario::load_scenario_file((std::filesystem::path(GS_SOURCE_DIR) / "scenarios" / "03-drift-self-heal.yaml").string());
  REQUIRE(r.ok());
  auto s = session::Session::create(std::move(*r.scenario));
  REQUIRE(s);
  return std::move(s.value());
}
}  // namespace

TEST_CASE("Editor view: the commands its buttons send stage and commit, and the view reads the index back") {
  auto s = drift_session();
  const world::World& w = s->world();
  const auto refs = editor_refs(w);
  REQUIRE_FALSE(refs.empty());
  CHECK(std::find(refs.begin(), refs.end(), "shop-config@main") != refs.end());
  const EditorRef ref = split_ref("shop-config@main");
  CHECK(ref.repo == "shop-config");
  CHECK(ref.branch == "main");
  CHECK(split_ref("nope").repo.empty());
  const auto files = editor_files(w, ref);
  REQUIRE(std::find(files.begin(), files.end(), "base/deployment.yaml") != files.end());
  const std::string head = editor_text(w, ref, "base/deployment.yaml");
  CHECK(head == w.repo_by_name("shop-config")->repo->read_file("main", "base/deployment.yaml").value());
  CHECK(editor_text(w, ref, "base/new.yaml").empty());
  CHECK(staged_rows(w, ref).empty());

  CHECK(write_command(ref, "base/new.yaml") == "git write shop-config@main base/new.yaml");
  REQUIRE(s->run(write_command(ref, "base/new.yaml"), {}, {{"base/new.yaml", std::string("a: 1\n")}}).ok);
  REQUIRE(s->run(write_command(ref, "base/deployment.yaml"), {}, {{"base/deployment.yaml", head + "# edited\n"}}).ok);
  CHECK(editor_text(w, ref, "base/deployment.yaml") == head + "# edited\n");
  CHECK(editor_text(w, ref, "base/new.yaml") == "a: 1\n");
  const auto with_new = editor_files(w, ref);
  CHECK(std::find(with_new.begin(), with_new.end(), "base/new.yaml") != with_new.end());
  const auto rows = staged_rows(w, ref);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].what == "modified");
  CHECK(rows[0].path == "base/deployment.yaml");
  CHECK(rows[1].what == "new file");

  CHECK(commit_command(ref, "Add a note", "") == "git commit shop-config@main -m 'Add a note'");
  CHECK(commit_command(ref, "x", "Jun Lee <jun@example.com>") ==
        "git commit shop-config@main -m x --author 'Jun Lee <jun@example.com>'");
  REQUIRE(s->run(commit_command(ref, "Add a note", "Jun Lee <jun@example.com>")).ok);
  CHECK(staged_rows(w, ref).empty());
  CHECK(w.repo_by_name("shop-config")->repo->read_file("main", "base/new.yaml").value() == "a: 1\n");

  REQUIRE(s->run(rm_command(ref, "base/new.yaml")).ok);
  const auto after_rm = editor_files(w, ref);
  CHECK(std::find(after_rm.begin(), after_rm.end(), "base/new.yaml") == after_rm.end());
  REQUIRE(staged_rows(w, ref).size() == 1);
  CHECK(staged_rows(w, ref)[0].what == "deleted");
}

TEST_CASE("Editor view: the first file opened is the first YAML file") {
  CHECK(first_file({"README.md", "base/a.yml", "base/b.yaml"}) == "base/a.yml");
  CHECK(first_file({"README.md", "NOTES"}) == "README.md");
  CHECK(first_file({}).empty());
}

TEST_CASE("Editor view: line numbers count a last line without a newline") {
  CHECK(line_numbers("") == "1");
  CHECK(line_numbers("a\n") == "1");
  CHECK(line_numbers("a\nb") == "1\n2");
  CHECK(line_numbers("a\nb\n") == "1\n2");
}
