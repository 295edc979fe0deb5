// The command language: one line, shell-like quoting, one parser. Scenario
// timelines (`run:`), the in-app console, `gitops-sim exec` and recordings all
// hold actions in this text form. Parsing checks the command against one
// table (arguments, flags, value kinds) and names the word at fault; what a
// command *does* is the World's business.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"

namespace gs::world {

enum class ValueKind { Text, Int, NonNegativeInt, Duration, OneOf };

struct FlagSpec {
  std::string name;          // long name without dashes: "replicas"
  std::string short_name;    // "n" for -n, or empty
  bool takes_value = true;   // false: a boolean switch like --prune
  bool required = false;
  bool repeatable = false;
  ValueKind kind = ValueKind::Text;
  std::vector<std::string> choices;  // for OneOf
};

struct ArgSpec {
  std::string name;        // as shown in usage: "REPO@BRANCH"
  bool optional = false;
  bool variadic = false;   // one or more (or zero or more when optional)
  ValueKind kind = ValueKind::Text;
  std::vector<std::string> choices;
};

struct CommandSpec {
  std::vector<std::string> path;  // {"kubectl", "scale"}
  std::vector<ArgSpec> args;
  std::vector<FlagSpec> flags;
  bool read_only = false;         // prints, changes nothing
  std::string summary;            // one line, English
  std::string usage() const;      // "kubectl scale KIND/NAME --replicas=N [-n NS] [--cluster C]"
};

// A parsed command. Flags are keyed by long name; a switch holds "true".
struct Command {
  const CommandSpec* spec = nullptr;
  std::vector<std::string> path;
  std::vector<std::string> args;
  std::map<std::string, std::vector<std::string>> flags;

  std::optional<std::string> flag(std::string_view name) const;
  bool has(std::string_view name) const { return flags.count(std::string(name)) != 0; }
  std::string name() const;  // "kubectl scale"
  // Canonical one-line text: path, args, then flags in spec order as
  // --name=value, quoted where needed. parse_command(text()) gives the same command.
  std::string text() const;
};

// Splits a line like a POSIX shell: whitespace separates words; '...' is
// literal; "..." allows \" and \\; a backslash outside quotes escapes one char.
Result<std::vector<std::string>> tokenize(std::string_view line);

// Quotes a word so tokenize() gives it back unchanged.
std::string quote_word(std::string_view word);

Result<Command> parse_command(std::string_view line);

// Every command of the language, for help and Tab completion.
const std::vector<CommandSpec>& command_table();

// Closest candidate within a small edit distance, for "did you mean".
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace gs::world
