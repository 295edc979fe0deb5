// The command language: one line, shell-like quoting, one parser. Scenario
// timelines (`run:`), the in-app console, `gitops-sim exec` and recordings all
// hold actions in this text form. Parsing checks the command against one
// table (arguments, flags, value kinds) and names the word at fault. The
// table has one entry per command — its syntax, help, exit codes and the
// handler that runs it — assembled from one file per tool
// (sim/world/commands/git.cpp, kubectl.cpp, argocd.cpp, fault.cpp, sim.cpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"

namespace gs::world {

// Speed: one of the clock's offered speeds (time_driver.hpp), "60" or "60x".
enum class ValueKind { Text, Int, NonNegativeInt, Duration, OneOf, Speed };

struct FlagSpec {
  std::string name;          // long name without dashes: "replicas"
  std::string short_name;    // "n" for -n, or empty
  bool takes_value = true;   // false: a boolean switch like --prune
  bool required = false;
  bool repeatable = false;
  ValueKind kind = ValueKind::Text;
  std::vector<std::string> choices;  // for OneOf
  std::vector<std::string> aliases;  // other long names meaning this flag: kubectl's --context for --cluster
};

struct ArgSpec {
  std::string name;        // as shown in usage: "REPO@BRANCH"
  bool optional = false;
  bool variadic = false;   // one or more (or zero or more when optional)
  ValueKind kind = ValueKind::Text;
  std::vector<std::string> choices;
};

// What a command that ran prints, and the real tool's exit code for it
// (`argocd app diff` exits 1 when it found differences, as `diff` does).
struct Ran {
  std::string output;
  int exit_code = 0;
};

// The world as a command's handler sees it (sim/world/commands/command_env.hpp).
class CommandEnv;
// Checks everything first and changes nothing on error; returns what it printed.
using CommandHandler = Result<Ran> (*)(CommandEnv&);

// One entry per command: syntax, help, exit codes and handler.
struct CommandSpec {
  std::vector<std::string> path;  // {"kubectl", "scale"}
  std::vector<ArgSpec> args;
  std::vector<FlagSpec> flags;
  bool read_only = false;         // prints, changes nothing
  std::string summary;            // one line, English: the help text
  std::string exits;              // when it exits non-zero although it ran, or ""
  CommandHandler run = nullptr;
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
