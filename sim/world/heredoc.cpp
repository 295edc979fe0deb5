#include "sim/world/heredoc.hpp"

#include <algorithm>

#include "sim/world/command.hpp"

namespace gs::world {
namespace {

std::string heredoc_trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// The file a command takes beside it: git write's PATH, kubectl apply's -f.
std::string content_path(const std::string& command) {
  auto cmd = parse_command(command);
  if (!cmd) return "";
  const std::string name = cmd->name();
  if (name == "git write") return cmd->args.size() > 1 ? cmd->args[1] : "";
  if (name == "kubectl apply") return cmd->flag("filename").value_or("");
  return "";
}

}  // namespace

std::optional<HeredocStart> heredoc_start(std::string_view raw) {
  const std::string line = heredoc_trim(raw);
  const auto at = line.rfind("<<");
  if (at == std::string::npos) return std::nullopt;
  std::string end = heredoc_trim(std::string_view(line).substr(at + 2));
  if (end.size() >= 2 && (end.front() == '\'' || end.front() == '"') && end.back() == end.front()) {
    end = end.substr(1, end.size() - 2);
  }
  // `-m "a << b"`: the word after << is not a lone word, so not a here-document.
  if (end.empty() || end.find_first_of(" \t'\"") != std::string::npos) return std::nullopt;
  HeredocStart start;
  start.command = heredoc_trim(std::string_view(line).substr(0, at));
  start.path = content_path(start.command);
  start.end = std::move(end);
  return start;
}

bool heredoc_ends(const HeredocStart& start, std::string_view line) { return heredoc_trim(line) == start.end; }

Result<CommandWithFiles> split_heredoc(std::string_view text) {
  const auto nl = text.find('\n');
  const std::string_view first = text.substr(0, nl);
  auto start = heredoc_start(first);
  if (!start) return CommandWithFiles{std::string(text), {}};
  const std::string shown = heredoc_trim(first);
  if (start->path.empty()) {
    if (auto cmd = parse_command(start->command); !cmd) return Error("'" + shown + "': " + cmd.error().message);
    return Error("'" + shown + "': " + parse_command(start->command)->name() +
                 " takes no here-document; only git write REPO@BRANCH PATH <<" + start->end +
                 " and kubectl apply -f PATH <<" + start->end + " take a file's text");
  }
  std::string body;
  std::size_t at = nl == std::string_view::npos ? text.size() : nl + 1;
  while (at < text.size()) {
    const auto e = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, e - at);
    at = e + 1;
    if (heredoc_ends(*start, line)) {
      // Only blank lines may follow: one argument is one command.
      for (std::size_t rest = at; rest < text.size(); ++rest) {
        if (text[rest] != '\n' && text[rest] != ' ' && text[rest] != '\t' && text[rest] != '\r') {
          return Error("'" + shown + "': text after the here-document's end line '" + start->end +
                       "'; give the next command as an argument of its own");
        }
      }
      return CommandWithFiles{start->command, StagedFiles{{start->path, body}}};
    }
    body += std::string(line) + "\n";
  }
  return Error("'" + shown + "': the here-document has no end line; expected a line '" + start->end +
               "' after the file's text");
}

}  // namespace gs::world
