// help: the user reference of the command language, for `help` in the GUI
// console, the terminal lesson and `gitops-sim help`. The text is
// docs/reference/commands.md (English) and docs/ko/reference/commands.md
// (Korean), embedded at build time, so what `help` prints and what the docs
// say are one text. Each command is a `### tool verb` section of that page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"

namespace gs::help {

enum class Lang { En, Ko };

// "en" or "ko"; anything else is nullopt.
std::optional<Lang> parse_lang(std::string_view text);

// One `### ...` section of a reference page.
struct Section {
  std::string group;    // the `## ...` heading it sits under: "git", "kubectl", ...
  std::string command;  // the heading's words: "git commit", "argocd app sync"
  std::string summary;  // the first sentence line after the usage line
  std::string text;     // the whole section as printed (markdown, fences dropped)
  bool pending = false;  // marked `<!-- pending -->`: documented before the command is in the table
};

// The sections of one language's page, in page order.
const std::vector<Section>& sections(Lang lang);

// The whole page as written (the embedded markdown).
std::string_view page(Lang lang);

// Every command, one line each, grouped by tool, and how to ask for more.
std::string overview(Lang lang);

// The section of one command ("git commit", "argocd app sync"; extra spaces
// are fine); a tool alone ("git") lists that tool's commands. Unknown words
// are an error with a did-you-mean and how to list every command.
Result<std::string> command(std::string_view words, Lang lang);

// A line typed in a console or a terminal lesson, if it asks for help:
// `help` (the overview), `help WORDS...` or `WORDS... --help` (that command).
// nullopt when the line is not a help request (run it as a command).
std::optional<Result<std::string>> answer(std::string_view line, Lang lang);

}  // namespace gs::help
