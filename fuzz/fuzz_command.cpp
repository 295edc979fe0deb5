// fuzz_command: the command language's parser (world::parse_command). Every
// line is a command or an error naming what went wrong; a command's canonical
// text (Command::text) parses back to the same path, arguments and flags and
// prints the same text again; quote_word gives back every word tokenize made.
#include "fuzz/harness.hpp"
#include "sim/world/command.hpp"

namespace gs::fuzz {

int command_one_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view line = as_text(data, size);

  if (auto words = world::tokenize(line)) {
    for (const auto& w : *words) {
      const std::string q = world::quote_word(w);
      auto back = world::tokenize(q);
      GS_FUZZ_REQUIRE(back.ok() && back->size() == 1 && back->front() == w, "word: " + w + "\nquoted: " + q);
    }
  }

  auto cmd = world::parse_command(line);
  if (!cmd) {
    GS_FUZZ_REQUIRE(!cmd.error().message.empty(), std::string(line));
    return 0;
  }
  GS_FUZZ_REQUIRE(cmd->spec != nullptr && cmd->path == cmd->spec->path, std::string(line));
  const std::string text = cmd->text();
  auto again = world::parse_command(text);
  GS_FUZZ_REQUIRE(again.ok(), "line: " + std::string(line) + "\ntext: " + text + "\nerror: " +
                                  (again ? std::string() : again.error().message));
  GS_FUZZ_REQUIRE(again->spec == cmd->spec && again->path == cmd->path, "line: " + std::string(line) + "\ntext: " + text);
  GS_FUZZ_REQUIRE(again->args == cmd->args, "line: " + std::string(line) + "\ntext: " + text);
  GS_FUZZ_REQUIRE(again->flags == cmd->flags, "line: " + std::string(line) + "\ntext: " + text);
  GS_FUZZ_REQUIRE(again->text() == text, "line: " + std::string(line) + "\ntext: " + text + "\nagain: " + again->text());
  return 0;
}

}  // namespace gs::fuzz

GS_FUZZ_ENTRY(gs::fuzz::command_one_input)
