// Here-documents: a file's text given with a command, as a shell gives it on
// stdin — `git write REPO@BRANCH PATH <<EOF`, the lines, then `EOF` — for
// the commands that take a file beside them (git write's PATH, kubectl
// apply's -f). One reading of that syntax for the terminal lesson (which
// gets it a line at a time) and `gitops-sim exec` (one argument holding all
// of it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/core/result.hpp"
#include "sim/world/world.hpp"

namespace gs::world {

// What a line ending in `<<WORD` (or `<<'WORD'`, `<<"WORD"`) starts.
struct HeredocStart {
  std::string command;  // the line before `<<`, trimmed
  std::string path;     // the file the text is given as; empty when the command takes none
  std::string end;      // the word of the line that ends the text
};

// nullopt when `line` does not end in `<<WORD`: then it is an ordinary command
// (a `<<` inside a quoted message is not a here-document).
std::optional<HeredocStart> heredoc_start(std::string_view line);

// Whether `line` ends the here-document (its word alone, blanks around allowed).
bool heredoc_ends(const HeredocStart& start, std::string_view line);

// One command and the files given beside it.
struct CommandWithFiles {
  std::string line;
  StagedFiles files;
};

// A whole command text: a line, or a first line ending in `<<WORD`, the
// file's lines (each kept with its newline) and the line `WORD`. Errors: no
// end line, text after it, a command that takes no file, a command that does
// not parse. A text whose first line starts no here-document is given back
// as it is.
Result<CommandWithFiles> split_heredoc(std::string_view text);

}  // namespace gs::world
