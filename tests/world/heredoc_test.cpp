// Here-documents (sim/world/heredoc): where one starts, what file it gives,
// where it ends, and the errors of a whole text as `gitops-sim exec` gets it.
#include <catch2/catch.hpp>

#include "sim/world/heredoc.hpp"

using gs::world::heredoc_ends;
using gs::world::heredoc_start;
using gs::world::split_heredoc;

TEST_CASE("heredoc: a line ending in <<WORD starts one, and names the file it gives", "[world][heredoc]") {
  auto w = heredoc_start("  git write shop-config@develop a/b.yaml <<EOF ");
  REQUIRE(w.has_value());
  CHECK(w->command == "git write shop-config@develop a/b.yaml");
  CHECK(w->path == "a/b.yaml");
  CHECK(w->end == "EOF");
  auto quoted = heredoc_start("kubectl apply -n shop --filename=cm.yaml <<'END'");
  REQUIRE(quoted.has_value());
  CHECK(quoted->path == "cm.yaml");
  CHECK(quoted->end == "END");
  auto dq = heredoc_start("kubectl apply -f cm.yaml <<\"X\"");
  REQUIRE(dq.has_value());
  CHECK(dq->end == "X");
  CHECK(heredoc_ends(*w, "EOF"));
  CHECK(heredoc_ends(*w, "  EOF\r"));
  CHECK_FALSE(heredoc_ends(*w, "EOF2"));
}

TEST_CASE("heredoc: << that is not at the end of the line as a lone word starts none", "[world][heredoc]") {
  CHECK_FALSE(heredoc_start("git commit shop-config@main -m \"a << b\"").has_value());
  CHECK_FALSE(heredoc_start("git status").has_value());
  CHECK_FALSE(heredoc_start("git write r@b p <<").has_value());
}

TEST_CASE("heredoc: a command that takes no file, or does not parse, gives no path", "[world][heredoc]") {
  auto status = heredoc_start("git status shop-config <<EOF");
  REQUIRE(status.has_value());
  CHECK(status->path.empty());
  auto typo = heredoc_start("git wirte shop-config@develop a.yaml <<EOF");
  REQUIRE(typo.has_value());
  CHECK(typo->path.empty());
}

TEST_CASE("heredoc: a whole text gives the command and its file, each line with its newline", "[world][heredoc]") {
  auto c = split_heredoc("git write shop-config@develop a.yaml <<EOF\nx: 1\n  y: [2]\n\nEOF\n");
  REQUIRE(c);
  CHECK(c->line == "git write shop-config@develop a.yaml");
  REQUIRE(c->files.size() == 1);
  REQUIRE(c->files.at("a.yaml").has_value());
  CHECK(*c->files.at("a.yaml") == "x: 1\n  y: [2]\n\n");
  auto empty = split_heredoc("git write r@main e.txt <<EOF\nEOF");
  REQUIRE(empty);
  CHECK(*empty->files.at("e.txt") == "");
  // A line without a here-document is given back as it is.
  auto plain = split_heredoc("git status shop-config");
  REQUIRE(plain);
  CHECK(plain->line == "git status shop-config");
  CHECK(plain->files.empty());
}

TEST_CASE("heredoc: a text with no end line, text after it, or a command that takes no file is an error",
          "[world][heredoc]") {
  auto open = split_heredoc("git write shop-config@develop a.yaml <<EOF\nx: 1\n");
  REQUIRE_FALSE(open);
  CHECK(open.error().message ==
        "'git write shop-config@develop a.yaml <<EOF': the here-document has no end line; expected a line 'EOF' "
        "after the file's text");
  auto more = split_heredoc("git write shop-config@develop a.yaml <<EOF\nx: 1\nEOF\ngit status\n");
  REQUIRE_FALSE(more);
  CHECK_THAT(more.error().message, Catch::Contains("text after the here-document's end line 'EOF'"));
  auto status = split_heredoc("git status <<EOF\nx\nEOF");
  REQUIRE_FALSE(status);
  CHECK(status.error().message ==
        "'git status <<EOF': git status takes no here-document; only git write REPO@BRANCH PATH <<EOF and "
        "kubectl apply -f PATH <<EOF take a file's text");
  auto typo = split_heredoc("git wirte r@b a.yaml <<EOF\nx\nEOF");
  REQUIRE_FALSE(typo);
  CHECK_THAT(typo.error().message, Catch::StartsWith("'git wirte r@b a.yaml <<EOF': "));
  CHECK_THAT(typo.error().message, Catch::Contains("did you mean 'write'?"));  // the parser's own error
}
