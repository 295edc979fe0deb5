// The staging area (the index) from the console: `git write` and `git rm`
// stage, `git restore --staged` unstages, `git status` and `git diff` show
// what is staged against the branch head, `git commit` commits it and clears
// it; `git edit --append/--delete`. Every refusal changes nothing.
#include <catch2/catch.hpp>

#include "../gitops/world_fixture.hpp"
#include "sim/git/repository.hpp"
#include "sim/world/command.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

std::string output(world::World& w, const std::string& line, const world::StagedFiles& files = {}) {
  auto out = w.apply_text(line, files);
  if (!out) FAIL(line << ": " << out.error().message);
  return out->output;
}

const char* kExtra = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n";

std::string head_file(const world::World& w, const std::string& path) {
  auto text = w.repo_by_name("config")->repo->read_file("main", path);
  return text ? *text : std::string("<missing>");
}

}  // namespace

TEST_CASE("World: git write and git rm stage, git status lists new file/modified/deleted, git commit commits and "
          "clears the index",
          "[world][commands][git][index]") {
  auto w = make_world(app_spec());
  CHECK(output(*w, "git status config@main") == "On branch main of config\nnothing to commit, working tree clean\n");
  CHECK(output(*w, "git status") == "nothing to commit, working tree clean\n");
  const std::string scaled = std::string(kDeployment) + "# scaled\n";
  const std::size_t events_before = w->log().events().size();
  CHECK(output(*w, "git write config@main apps/web/deployment.yaml", {{"apps/web/deployment.yaml", scaled}}).empty());
  CHECK(w->log().events().size() == events_before + 1);
  CHECK(w->log().events().back().type == "Action");
  run(*w, "git write config@main apps/web/extra.yaml", {{"apps/web/extra.yaml", std::string(kExtra)}});
  CHECK(output(*w, "git rm config@main apps/web/service.yaml") == "rm 'apps/web/service.yaml'\n");

  const world::StagedFiles& staged = w->staged("config", "main");
  REQUIRE(staged.size() == 3);
  CHECK(staged.at("apps/web/service.yaml") == std::nullopt);
  CHECK(w->staged("config", "nope").empty());
  CHECK(w->staged("nope", "main").empty());
  const auto changes = w->staged_changes("config", "main");
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].kind == world::StagedKind::Modified);
  CHECK(changes[1].kind == world::StagedKind::NewFile);
  CHECK(changes[2].kind == world::StagedKind::Deleted);

  const std::string status = output(*w, "git status config@main");
  CHECK(status ==
        "On branch main of config\nChanges to be committed:\n"
        "  (use \"git restore --staged config@main <file>...\" to unstage)\n"
        "\tmodified:   apps/web/deployment.yaml\n\tnew file:   apps/web/extra.yaml\n"
        "\tdeleted:    apps/web/service.yaml\n");
  CHECK(output(*w, "git status") == status);
  // Nothing is in the repository yet.
  CHECK(head_file(*w, "apps/web/deployment.yaml") == kDeployment);
  CHECK(head_file(*w, "apps/web/extra.yaml") == "<missing>");

  auto out = w->apply_text("git commit config@main -m 'Scale, add extra, drop the service'");
  REQUIRE(out.ok());
  CHECK_THAT(out->output, Catch::EndsWith("] Scale, add extra, drop the service\n 3 files changed\n"));
  CHECK(w->log().events().back().type == "Committed");
  CHECK(head_file(*w, "apps/web/deployment.yaml") == scaled);
  CHECK(head_file(*w, "apps/web/extra.yaml") == kExtra);
  CHECK(head_file(*w, "apps/web/service.yaml") == "<missing>");
  CHECK(w->staged("config", "main").empty());
  CHECK(output(*w, "git status config@main") == "On branch main of config\nnothing to commit, working tree clean\n");
  refused_unchanged(*w, "git commit config@main -m again", "nothing to commit on config@main");
}

TEST_CASE("World: git diff shows the staged changes as git diff --staged does, exit 1 only with --exit-code",
          "[world][commands][git][index]") {
  auto w = make_world(app_spec());
  auto empty = w->apply_text("git diff config@main --exit-code");
  REQUIRE(empty.ok());
  CHECK(empty->output.empty());
  CHECK(empty->exit_code == 0);
  std::string changed = kConfigMap;
  changed.replace(changed.find("\"false\""), 7, "\"true\"");
  run(*w, "git write config@main apps/web/configmap.yaml", {{"apps/web/configmap.yaml", changed}});
  run(*w, "git write config@main apps/web/extra.yaml", {{"apps/web/extra.yaml", std::string("a: 1\n")}});
  run(*w, "git rm config@main apps/web/service.yaml");
  auto diff = w->apply_text("git diff config@main --staged");
  REQUIRE(diff.ok());
  CHECK(diff->exit_code == 0);
  CHECK(diff->output ==
        "diff --git a/apps/web/configmap.yaml b/apps/web/configmap.yaml\n"
        "--- a/apps/web/configmap.yaml\n+++ b/apps/web/configmap.yaml\n"
        "@@ -3,4 +3,4 @@\n metadata:\n   name: flags\n data:\n-  beta: \"false\"\n+  beta: \"true\"\n"
        "diff --git a/apps/web/extra.yaml b/apps/web/extra.yaml\nnew file mode 100644\n"
        "--- /dev/null\n+++ b/apps/web/extra.yaml\n@@ -0,0 +1 @@\n+a: 1\n"
        "diff --git a/apps/web/service.yaml b/apps/web/service.yaml\ndeleted file mode 100644\n"
        "--- a/apps/web/service.yaml\n+++ /dev/null\n@@ -1,8 +0,0 @@\n-apiVersion: v1\n-kind: Service\n"
        "-metadata:\n-  name: web\n-spec:\n-  selector: {app: web}\n-  ports:\n-    - port: 80\n");
  CHECK(w->apply_text("git diff --cached --exit-code")->exit_code == 1);
  CHECK(w->apply_text("git diff config --exit-code")->output == diff->output);  // REPO alone: its default branch
}

TEST_CASE("World: staging what the head has unstages, git restore --staged unstages, git rm of a staged new file "
          "drops it",
          "[world][commands][git][index]") {
  auto w = make_world(app_spec());
  run(*w, "git write config@main apps/web/extra.yaml", {{"apps/web/extra.yaml", std::string("a: 1\n")}});
  CHECK(output(*w, "git rm config@main apps/web/extra.yaml") == "rm 'apps/web/extra.yaml'\n");
  CHECK(w->staged("config", "main").empty());
  // Writing the head's own content back is no change: nothing staged, no Action.
  const std::string before = w->fingerprint();
  run(*w, "git write config@main apps/web/service.yaml", {{"apps/web/service.yaml", std::string(kService)}});
  CHECK(w->fingerprint() == before);
  run(*w, "git write config@main apps/web/service.yaml", {{"apps/web/service.yaml", std::string("x: 1\n")}});
  run(*w, "git write config@main apps/web/service.yaml", {{"apps/web/service.yaml", std::string(kService)}});
  CHECK(w->staged("config", "main").empty());
  run(*w, "git rm config@main apps/web/service.yaml");
  run(*w, "git write config@main apps/web/extra.yaml", {{"apps/web/extra.yaml", std::string("a: 1\n")}});
  run(*w, "git restore --staged config@main apps/web/service.yaml");
  REQUIRE(w->staged("config", "main").size() == 1);
  CHECK(w->staged("config", "main").count("apps/web/extra.yaml") == 1);
  refused_unchanged(*w, "git restore --staged config@main apps/web/service.yaml", "did not match any staged file");
  refused_unchanged(*w, "git restore config@main apps/web/extra.yaml", "missing required flag --staged");
  // -r for a directory: every file under it.
  refused_unchanged(*w, "git rm config@main apps/web", "not removing 'apps/web' recursively without -r");
  CHECK(output(*w, "git rm -r config@main apps/web") ==
        "rm 'apps/web/configmap.yaml'\nrm 'apps/web/deployment.yaml'\nrm 'apps/web/extra.yaml'\n"
        "rm 'apps/web/service.yaml'\n");
  CHECK(w->staged("config", "main").size() == 3);  // the new file was only unstaged
}

TEST_CASE("World: git write, git rm and git commit refuse what git refuses and change nothing",
          "[world][commands][git][index]") {
  auto w = make_world(app_spec());
  refused_unchanged(*w, "git write config@main apps/web/x.yaml", "no content for 'apps/web/x.yaml'; expected the file's text");
  refused_unchanged(*w, "git write config@main apps/web/x.yaml", "no content", {{"apps/web/y.yaml", std::string("a\n")}});
  refused_unchanged(*w, "git write config@main apps/web/x.yaml", "'apps/web/y.yaml' is given beside the command too",
               {{"apps/web/x.yaml", std::string("a\n")}, {"apps/web/y.yaml", std::string("a\n")}});
  refused_unchanged(*w, "git write config@main apps/web/x.yaml", "git rm stages a deletion", {{"apps/web/x.yaml", std::nullopt}});
  refused_unchanged(*w, "git write config@nope a.txt", "no branch 'nope' in config", {{"a.txt", std::string("a\n")}});
  refused_unchanged(*w, "git write config@mian a.txt", "did you mean 'main'?", {{"a.txt", std::string("a\n")}});
  refused_unchanged(*w, "git write config@main ../a.txt", "../a.txt", {{"../a.txt", std::string("a\n")}});
  refused_unchanged(*w, "git write config@main apps/web", "'apps/web' is a directory", {{"apps/web", std::string("a\n")}});
  refused_unchanged(*w, "git write config@main apps/web/service.yaml/x", "'apps/web/service.yaml' is a file",
               {{"apps/web/service.yaml/x", std::string("a\n")}});
  refused_unchanged(*w, "git write nope@main a.txt", "unknown repository 'nope'", {{"a.txt", std::string("a\n")}});
  refused_unchanged(*w, "git rm config@main apps/web/nope.yaml", "pathspec 'apps/web/nope.yaml' did not match any files");
  run(*w, "git rm config@main apps/web/service.yaml");
  refused_unchanged(*w, "git rm config@main apps/web/service.yaml", "did not match any files");
  refused_unchanged(*w, "git commit config@main -m ''", "");
  refused_unchanged(*w, "git commit config@main -m 'x' --author nobody", "--author");
  refused_unchanged(*w, "git commit config@develop -m 'x'", "nothing to commit on config@develop");
  CHECK(w->staged("config", "main").size() == 1);
}

TEST_CASE("World: git commit with files beside it commits exactly those and leaves the index as it was",
          "[world][commands][git][index]") {
  auto w = make_world(app_spec());
  run(*w, "git write config@main apps/web/extra.yaml", {{"apps/web/extra.yaml", std::string("a: 1\n")}});
  run(*w, "git commit config@main -m 'Teammate'", {{"README.md", std::string("hi\n")}});
  CHECK(head_file(*w, "README.md") == "hi\n");
  CHECK(head_file(*w, "apps/web/extra.yaml") == "<missing>");
  CHECK(w->staged("config", "main").size() == 1);
  // A staged change the head has meanwhile taken is no longer a change.
  run(*w, "git commit config@main -m 'Same'", {{"apps/web/extra.yaml", std::string("a: 1\n")}});
  CHECK(w->staged_changes("config", "main").empty());
  CHECK(output(*w, "git status") == "nothing to commit, working tree clean\n");
  refused_unchanged(*w, "git commit config@main -m 'x'", "nothing to commit");
}

TEST_CASE("World: broken YAML can be staged and committed, and Argo CD then shows a ComparisonError",
          "[world][commands][git][index]") {
  auto w = make_world(app_spec({.automated = "{prune: true}"}));
  w->advance(at("1m"));
  run(*w, "git write config@main apps/web/deployment.yaml", {{"apps/web/deployment.yaml", std::string("kind: [unclosed\n")}});
  CHECK_THAT(output(*w, "git diff config@main"), Catch::Contains("+kind: [unclosed\n"));
  run(*w, "git commit config@main -m 'Break it' --author 'Jun Lee <jun@example.com>'");
  CHECK(w->repo_by_name("config")->repo->commit_info("main")->author.name == "Jun Lee");
  w->advance(at("5m"));  // the next poll
  const auto* cond = status(*w).condition("ComparisonError");
  REQUIRE(cond != nullptr);
  CHECK_THAT(cond->message, Catch::Contains("deployment.yaml"));
}

TEST_CASE("World: git edit --append adds to a list (made if absent) and --delete removes a field, checked first",
          "[world][commands][git][edit]") {
  auto w = make_world(app_spec());
  run(*w, "git edit config@main apps/web/deployment.yaml --append spec.template.spec.containers[0].args=--verbose "
          "--append spec.template.spec.containers[0].args=--port=8080 --delete metadata.labels -m 'Args, no labels'");
  const std::string text = head_file(*w, "apps/web/deployment.yaml");
  const model::Node doc = yaml(text);  // kept: `args` points into it
  const model::Node* args = doc.get({"spec", "template", "spec", "containers"})->items()[0].find("args");
  REQUIRE(args != nullptr);
  REQUIRE(args->items().size() == 2);
  CHECK(args->items()[0].text() == "--verbose");
  CHECK(args->items()[1].text() == "--port=8080");
  CHECK(yaml(text).get({"metadata", "labels"}) == nullptr);
  run(*w, "git edit config@main apps/web/deployment.yaml --append spec.template.spec.containers[0].args=-q -m More");
  const model::Node after = yaml(head_file(*w, "apps/web/deployment.yaml"));
  CHECK(after.get({"spec", "template", "spec", "containers"})->items()[0].find("args")->items().size() == 3);
  refused_unchanged(*w, "git edit config@main apps/web/deployment.yaml --append spec.replicas=3 -m x",
               "spec.replicas is a scalar, not a list");
  refused_unchanged(*w, "git edit config@main apps/web/deployment.yaml --append metadata=3 -m x", "metadata is a map, not a list");
  refused_unchanged(*w, "git edit config@main apps/web/deployment.yaml --delete spec.nope -m x",
               "--delete 'spec.nope': no such field in apps/web/deployment.yaml");
  refused_unchanged(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=5 --delete spec.nope -m x", "spec.nope");
  refused_unchanged(*w, "git edit config@main apps/web/deployment.yaml --append spec.x={a:1} -m x", "must be a YAML scalar");
  refused_unchanged(*w, "git edit config@main apps/web/deployment.yaml -m x", "nothing to edit");
}
