// gs::help against the command table: the pages cannot drift from the
// commands the parser knows, each command's section answers in both
// languages, unknown words get a suggestion, and every `gitops-sim exec`
// example in the pages (here-documents included) is made of commands the
// parser accepts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "sim/help/help.hpp"
#include "sim/world/command.hpp"
#include "sim/world/heredoc.hpp"

namespace {

using gs::help::Lang;

std::string name_of(const gs::world::CommandSpec& spec) {
  std::string n;
  for (const auto& w : spec.path) n += (n.empty() ? "" : " ") + w;
  return n;
}

std::set<std::string> table_names() {
  std::set<std::string> names;
  for (const auto& spec : gs::world::command_table()) names.insert(name_of(spec));
  return names;
}

const gs::help::Section* find_section(Lang lang, const std::string& command) {
  for (const auto& s : gs::help::sections(lang)) {
    if (s.command == command) return &s;
  }
  return nullptr;
}

// The commands of each `$ gitops-sim exec FILE --at T 'CMD'...` example of a
// page, with the section it sits in. An argument holding a here-document goes
// on over the next lines until its quote closes (the printed section indents
// code by four spaces, taken off again here).
struct Example {
  std::string section;
  std::string command;  // as given to exec, here-document included
};

// The command exec runs for an argument (a here-document split off), parsed.
gs::Result<gs::world::Command> parse_example(const std::string& word) {
  auto split = gs::world::split_heredoc(word);
  if (!split) return split.error();
  return gs::world::parse_command(split->line);
}

std::vector<Example> exec_examples(Lang lang) {
  std::vector<Example> out;
  for (const auto& s : gs::help::sections(lang)) {
    std::size_t pos = 0;
    const std::string& t = s.text;
    while ((pos = t.find("$ gitops-sim exec ", pos)) != std::string::npos) {
      auto end = t.find('\n', pos);
      std::string line = t.substr(pos + 2, end - pos - 2);
      auto words = gs::world::tokenize(line);
      while (!words.ok() && end != std::string::npos && t.compare(end + 1, 4, "    ") == 0) {
        const auto next = t.find('\n', end + 1);
        line += "\n" + t.substr(end + 5, next == std::string::npos ? std::string::npos : next - end - 5);
        end = next;
        words = gs::world::tokenize(line);
      }
      pos = end;
      INFO(line);
      REQUIRE(words.ok());
      const auto at = std::find(words->begin(), words->end(), "--at");
      REQUIRE(at != words->end());
      REQUIRE(std::distance(at, words->end()) > 2);
      for (auto w = at + 2; w != words->end(); ++w) out.push_back({s.command, *w});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every command of the table has a section in both languages") {
  for (const auto& name : table_names()) {
    INFO(name);
    CHECK(find_section(Lang::En, name) != nullptr);
    CHECK(find_section(Lang::Ko, name) != nullptr);
  }
}

TEST_CASE("every section names a command of the table unless marked pending") {
  const auto names = table_names();
  for (Lang lang : {Lang::En, Lang::Ko}) {
    for (const auto& s : gs::help::sections(lang)) {
      INFO(s.command);
      CHECK((names.count(s.command) == 1 || s.pending));
    }
  }
}

TEST_CASE("the English and Korean pages have the same sections in the same order and groups") {
  const auto& en = gs::help::sections(Lang::En);
  const auto& ko = gs::help::sections(Lang::Ko);
  REQUIRE(en.size() == ko.size());
  for (std::size_t i = 0; i < en.size(); ++i) {
    CHECK(en[i].command == ko[i].command);
    CHECK(en[i].group == ko[i].group);
    CHECK(en[i].pending == ko[i].pending);
  }
}

TEST_CASE("help of each command is its section in both languages") {
  for (Lang lang : {Lang::En, Lang::Ko}) {
    for (const auto& s : gs::help::sections(lang)) {
      INFO(s.command);
      auto text = gs::help::command(s.command, lang);
      REQUIRE(text.ok());
      CHECK(text->rfind("### " + s.command + "\n", 0) == 0);
      CHECK(text->find(s.command) != std::string::npos);
      CHECK(!s.summary.empty());
      CHECK(text->size() > s.command.size() + s.summary.size());
    }
  }
}

TEST_CASE("help finds a command among the words of a whole command line") {
  auto text = gs::help::command("  argocd  app sync shop-dev --prune", Lang::En);
  REQUIRE(text.ok());
  CHECK(text->rfind("### argocd app sync\n", 0) == 0);
}

TEST_CASE("help of a tool lists its commands") {
  auto text = gs::help::command("kubectl", Lang::Ko);
  REQUIRE(text.ok());
  CHECK(text->find("kubectl get") != std::string::npos);
  CHECK(text->find("kubectl annotate") != std::string::npos);
  CHECK(text->find("git commit") == std::string::npos);
}

TEST_CASE("an unknown command is an error with a did-you-mean in both languages") {
  auto en = gs::help::command("git comit", Lang::En);
  REQUIRE(!en.ok());
  CHECK(en.error().message == "no command 'git comit'; did you mean 'git commit'? help lists every command");
  auto ko = gs::help::command("argocd app snyc shop-dev", Lang::Ko);
  REQUIRE(!ko.ok());
  CHECK(ko.error().message.find("'argocd app sync'") != std::string::npos);
  auto none = gs::help::command("helm install", Lang::En);
  REQUIRE(!none.ok());
  CHECK(none.error().message == "no command 'helm install'; help lists every command");
}

TEST_CASE("the overview lists every section's command with its summary, by tool") {
  for (Lang lang : {Lang::En, Lang::Ko}) {
    const std::string text = gs::help::overview(lang);
    for (const auto& s : gs::help::sections(lang)) {
      INFO(s.command);
      CHECK(text.find("  " + s.command + " ") != std::string::npos);
      CHECK(text.find(s.summary) != std::string::npos);
    }
    CHECK(text.find("\ngit\n") < text.find("\nkubectl\n"));
    CHECK(text.find("\nkubectl\n") < text.find("\nargocd\n"));
  }
}

TEST_CASE("answer tells a help request from a command") {
  CHECK(!gs::help::answer("git commit shop@main -m x", Lang::En).has_value());
  CHECK(!gs::help::answer("argocd app list", Lang::En).has_value());
  auto all = gs::help::answer(" help ", Lang::En);
  REQUIRE(all.has_value());
  REQUIRE(all->ok());
  CHECK(**all == gs::help::overview(Lang::En));
  auto one = gs::help::answer("help git merge", Lang::Ko);
  REQUIRE(one.has_value());
  REQUIRE(one->ok());
  CHECK((*one)->rfind("### git merge\n", 0) == 0);
  auto flag = gs::help::answer("sim advance --help", Lang::En);
  REQUIRE(flag.has_value());
  REQUIRE(flag->ok());
  CHECK((*flag)->rfind("### sim advance\n", 0) == 0);
  auto bad = gs::help::answer("help nope", Lang::En);
  REQUIRE(bad.has_value());
  CHECK(!bad->ok());
}

TEST_CASE("every exec example in the pages is a command the parser accepts") {
  for (Lang lang : {Lang::En, Lang::Ko}) {
    const auto examples = exec_examples(lang);
    CHECK(examples.size() > 40);
    for (const auto& e : examples) {
      INFO(e.section << ": " << e.command);
      auto cmd = parse_example(e.command);
      INFO((cmd ? std::string() : cmd.error().message));
      CHECK(cmd.ok());
    }
  }
}

TEST_CASE("every command's section that is not pending shows it in an exec example") {
  for (Lang lang : {Lang::En, Lang::Ko}) {
    const auto examples = exec_examples(lang);
    for (const auto& s : gs::help::sections(lang)) {
      if (s.pending) continue;
      INFO(s.command);
      const bool shown = std::any_of(examples.begin(), examples.end(), [&](const Example& e) {
        auto cmd = parse_example(e.command);
        return e.section == s.command && cmd.ok() && cmd->name() == s.command;
      });
      CHECK(shown);
    }
  }
}

TEST_CASE("the two pages show the same exec examples") {
  const auto en = exec_examples(Lang::En);
  const auto ko = exec_examples(Lang::Ko);
  REQUIRE(en.size() == ko.size());
  for (std::size_t i = 0; i < en.size(); ++i) CHECK(en[i].command == ko[i].command);
}

// Code points, not bytes: a Korean summary is as wide as its characters.
std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

TEST_CASE("each summary is one sentence that fits one line of the overview") {
  for (Lang lang : {Lang::En, Lang::Ko}) {
    for (const auto& s : gs::help::sections(lang)) {
      INFO(s.command << ": " << s.summary);
      CHECK(code_points(s.summary) <= 80);
      CHECK((!s.summary.empty() && s.summary.back() == '.'));  // a whole sentence, not a wrapped paragraph's first line
    }
  }
}

TEST_CASE("parse_lang reads en and ko only") {
  CHECK(gs::help::parse_lang("en") == Lang::En);
  CHECK(gs::help::parse_lang("ko") == Lang::Ko);
  CHECK(!gs::help::parse_lang("kr").has_value());
}
