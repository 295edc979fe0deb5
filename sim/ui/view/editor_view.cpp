#include "sim/ui/view/editor_view.hpp"

#include <algorithm>
#include <set>

#include "sim/git/repository.hpp"
#include "sim/world/command.hpp"

namespace gs::ui {

std::vector<std::string> editor_refs(const world::World& w) {
  std::vector<std::string> out;
  for (const auto& r : w.repos()) {
    for (const auto& b : r.repo->branches()) out.push_back(r.name + "@" + b);
  }
  return out;
}

EditorRef split_ref(const std::string& ref) {
  const auto at = ref.find('@');
  if (at == std::string::npos) return {};
  return EditorRef{ref.substr(0, at), ref.substr(at + 1)};
}

std::vector<std::string> editor_files(const world::World& w, const EditorRef& ref) {
  const world::RepoState* r = w.repo_by_name(ref.repo);
  if (!r) return {};
  std::set<std::string> files;
  if (auto tree = r->repo->list_tree(ref.branch, "", true)) {
    for (const auto& e : *tree) {
      if (!e.is_dir) files.insert(e.path);
    }
  }
  for (const auto& [path, content] : w.staged(ref.repo, ref.branch)) {
    if (content) files.insert(path);
    else files.erase(path);
  }
  return {files.begin(), files.end()};
}

std::string first_file(const std::vector<std::string>& files) {
  for (const auto& f : files) {
    if (f.size() > 5 && (f.compare(f.size() - 5, 5, ".yaml") == 0 || f.compare(f.size() - 4, 4, ".yml") == 0)) return f;
  }
  return files.empty() ? std::string() : files.front();
}

std::string editor_text(const world::World& w, const EditorRef& ref, const std::string& path) {
  const auto& index = w.staged(ref.repo, ref.branch);
  if (auto it = index.find(path); it != index.end()) return it->second.value_or("");
  const world::RepoState* r = w.repo_by_name(ref.repo);
  if (!r) return "";
  auto text = r->repo->read_file(ref.branch, path);
  return text ? *text : std::string();
}

std::vector<StagedRow> staged_rows(const world::World& w, const EditorRef& ref) {
  std::vector<StagedRow> out;
  for (const auto& c : w.staged_changes(ref.repo, ref.branch)) {
    const char* what = c.kind == world::StagedKind::NewFile    ? "new file"
                       : c.kind == world::StagedKind::Modified ? "modified"
                                                               : "deleted";
    out.push_back(StagedRow{what, c.path});
  }
  return out;
}

std::string line_numbers(const std::string& text) {
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (text.empty() || text.back() != '\n') ++lines;
  std::string out;
  for (std::size_t i = 1; i <= lines; ++i) out += (i > 1 ? "\n" : "") + std::to_string(i);
  return out;
}

std::string write_command(const EditorRef& ref, const std::string& path) {
  return "git write " + world::quote_word(ref.repo + "@" + ref.branch) + " " + world::quote_word(path);
}

std::string rm_command(const EditorRef& ref, const std::string& path) {
  return "git rm " + world::quote_word(ref.repo + "@" + ref.branch) + " " + world::quote_word(path);
}

std::string commit_command(const EditorRef& ref, const std::string& message, const std::string& author) {
  std::string out = "git commit " + world::quote_word(ref.repo + "@" + ref.branch) + " -m " + world::quote_word(message);
  if (!author.empty()) out += " --author " + world::quote_word(author);
  return out;
}

}  // namespace gs::ui
