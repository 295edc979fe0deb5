// What the editor panel reads and sends: the branches one can stage on, the
// files of one (the head's, with the index's new files and without its
// deletions), a file's text as the index has it (else the head's), the
// staged changes as `git status` words them, and the command lines "Stage"
// and "Commit" send (`git write` with the text beside it, `git commit`).
// No ImGui here.
#pragma once

#include <string>
#include <vector>

#include "sim/world/world.hpp"

namespace gs::ui {

// "repo@branch" for every branch of every repository, in name order.
std::vector<std::string> editor_refs(const world::World& w);

// REPO@BRANCH split; empty parts when `ref` has no '@'.
struct EditorRef {
  std::string repo, branch;
};
EditorRef split_ref(const std::string& ref);

// Every file at the branch head and every file staged new, less the staged
// deletions; sorted.
std::vector<std::string> editor_files(const world::World& w, const EditorRef& ref);

// The file the editor opens first: the first YAML file, else the first one.
std::string first_file(const std::vector<std::string>& files);

// The text to edit: the staged content, else the head's, else "" (a new file).
std::string editor_text(const world::World& w, const EditorRef& ref, const std::string& path);

// One staged change as a row: "new file", "modified", "deleted", and the path.
struct StagedRow {
  std::string what;
  std::string path;
};
std::vector<StagedRow> staged_rows(const world::World& w, const EditorRef& ref);

// "1\n2\n3" for a text of three lines (a last line without '\n' counts).
std::string line_numbers(const std::string& text);

// The lines the buttons send. `author` may be empty (the default author).
std::string write_command(const EditorRef& ref, const std::string& path);
std::string rm_command(const EditorRef& ref, const std::string& path);
std::string commit_command(const EditorRef& ref, const std::string& message, const std::string& author);

}  // namespace gs::ui
