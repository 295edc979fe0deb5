// Tab completion for the console: command words from world::command_table(),
// then flags, app names, repo names (and REPO@BRANCH), cluster names and
// KIND/NAME resource words, depending on what the command's table entry says
// comes next. No ImGui here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gs::ui {

struct CompletionNames {
  std::vector<std::string> apps;
  std::vector<std::string> repos;         // "shop-config"
  std::vector<std::string> repo_refs;     // "shop-config@main", ...
  std::vector<std::string> clusters;
  std::vector<std::string> namespaces;
  std::vector<std::string> resources;     // "deployment/web", "service/web", ...
};

struct Completion {
  std::string line;                     // the input with the last word completed as far as it is unique
  std::vector<std::string> candidates;  // every match for the last word, sorted
};

Completion complete_line(std::string_view line, const CompletionNames& names);

}  // namespace gs::ui
