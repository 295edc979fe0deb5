// git: changes to the scenario's repositories, and reading them. Each entry
// below is one command: its syntax, help, and handler. Handlers check first
// (the Repository refuses what git refuses and changes nothing then) and
// record the Action only once the change is made.
#include <algorithm>

#include "sim/core/events.hpp"
#include "sim/git/repository.hpp"
#include "sim/model/diff.hpp"
#include "sim/model/path.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/commands/command_env.hpp"
#include "sim/world/commands/tools.hpp"
#include "sim/world/printers.hpp"

namespace gs::world {
namespace {

constexpr const char* kDefaultAuthor = "gitops-sim <sim@gitops-sim.example>";

struct RepoRef {
  std::string repo;
  std::string rev;
};

// REPO@REV, or REPO alone when the revision is optional.
Result<RepoRef> parse_repo_ref(const CommandEnv& env, const std::string& word, bool rev_required) {
  const auto at = word.find('@');
  if (at == std::string::npos) {
    if (rev_required) return env.fail("expected REPO@BRANCH, got '" + word + "'");
    return RepoRef{word, ""};
  }
  if (at == 0 || at + 1 == word.size()) return env.fail("expected REPO@BRANCH, got '" + word + "'");
  return RepoRef{word.substr(0, at), word.substr(at + 1)};
}

Result<git::Signature> author_of(const CommandEnv& env) {
  auto a = git::parse_signature(env.cmd().flag("author").value_or(kDefaultAuthor));
  if (!a) return env.fail("--author: " + a.error().message);
  return a;
}

// REPO@BRANCH in the first argument: the repository it names, and the branch.
struct BranchTarget {
  RepoState* repo;
  std::string branch;
};

Result<BranchTarget> branch_target(CommandEnv& env) {
  auto ref = parse_repo_ref(env, env.cmd().args[0], true);
  if (!ref) return ref.error();
  auto repo = env.repo(ref->repo);
  if (!repo) return repo.error();
  return BranchTarget{*repo, ref->rev};
}

// REPO@BRANCH and --author: the branch a new commit goes on, and whose it is.
struct CommitTarget : BranchTarget {
  git::Signature author;
};

Result<CommitTarget> commit_target(CommandEnv& env) {
  auto target = branch_target(env);
  if (!target) return target.error();
  auto author = author_of(env);
  if (!author) return author.error();
  return CommitTarget{*target, *author};
}

// git's "[BRANCH SHA7] SUBJECT" line after a commit.
std::string commit_line(const std::string& branch, const std::string& sha, const std::string& subject) {
  return "[" + branch + " " + sha.substr(0, 7) + "] " + subject + "\n";
}

std::string first_line(const std::string& message) {
  std::string m = message.substr(0, message.find('\n'));
  while (!m.empty() && m.back() == '\n') m.pop_back();
  return m;
}

// The default branch's name, for a revision left out (as HEAD in git).
std::string head_branch(const git::Repository& repo) {
  const auto b = repo.branches();
  return std::find(b.begin(), b.end(), "main") != b.end() ? "main" : (b.empty() ? "HEAD" : b.front());
}

// A YAML scalar from the command line: `3`, `true`, `web:1.2`, `'quoted'`.
Result<model::Node> scalar_value(const CommandEnv& env, const std::string& what, const std::string& text) {
  auto value = model::parse_yaml(text);
  if (!value || !(value->is_scalar() || value->is_null())) {
    return env.fail("'" + what + "': the value must be a YAML scalar");
  }
  return std::move(value.value());
}

// PATH=VALUE, split and read.
struct FieldAssignment {
  model::FieldPath path;
  model::Node value;
};

Result<FieldAssignment> field_assignment(const CommandEnv& env, const std::string& assign) {
  const auto eq = assign.find('=');
  if (eq == std::string::npos || eq == 0) return env.fail("expected PATH=VALUE, got '" + assign + "'");
  auto path = model::parse_field_path(assign.substr(0, eq));
  if (!path) return env.fail("'" + assign + "': " + path.error().message);
  auto value = scalar_value(env, assign, assign.substr(eq + 1));
  if (!value) return value.error();
  return FieldAssignment{std::move(path.value()), std::move(value.value())};
}

// --append PATH=VALUE: VALUE after the last item of the list at PATH, or a
// new one-item list where PATH is absent.
Status append_item(const CommandEnv& env, model::Node& doc, const std::string& assign) {
  auto a = field_assignment(env, assign);
  if (!a) return a.error();
  const model::Node* at = model::get_path(doc, a->path);
  if (!at) {
    model::Node list = model::Node::list();
    list.push_back(std::move(a->value));
    if (auto st = model::set_path(doc, a->path, std::move(list)); !st) {
      return env.fail("--append '" + assign + "': " + st.error().message);
    }
    return {};
  }
  if (!at->is_list()) {
    return env.fail("--append '" + assign + "': " + a->path.text() + " is " +
                    (at->is_map() ? "a map" : at->is_null() ? "null" : "a scalar") + ", not a list");
  }
  model::FieldPath end = a->path;
  end.steps.push_back(model::PathStep{"", at->items().size()});
  if (auto st = model::set_path(doc, end, std::move(a->value)); !st) {
    return env.fail("--append '" + assign + "': " + st.error().message);
  }
  return {};
}

// `git edit`: the file with every PATH=VALUE set, then every --append made,
// then every --delete done, each in the order given; checked as a whole first.
Result<std::string> edited_file(CommandEnv& env, const git::Repository& repo, const std::string& branch) {
  const Command& cmd = env.cmd();
  const std::string& file = cmd.args[1];
  const auto appends = cmd.flags.count("append") ? cmd.flags.at("append") : std::vector<std::string>{};
  const auto deletes = cmd.flags.count("delete") ? cmd.flags.at("delete") : std::vector<std::string>{};
  if (cmd.args.size() < 3 && appends.empty() && deletes.empty()) {
    return env.fail("nothing to edit; give PATH=VALUE, --append PATH=VALUE or --delete PATH");
  }
  auto content = repo.read_file(branch, file);
  if (!content) return env.fail(content.error().message);
  auto doc = model::parse_yaml(*content, model::LoadOptions{file});
  if (!doc) return env.fail(doc.error().render());
  for (std::size_t i = 2; i < cmd.args.size(); ++i) {
    auto a = field_assignment(env, cmd.args[i]);
    if (!a) return a.error();
    if (auto st = model::set_path(*doc, a->path, std::move(a->value)); !st) {
      return env.fail("'" + cmd.args[i] + "': " + st.error().message);
    }
  }
  for (const auto& assign : appends) {
    if (auto st = append_item(env, *doc, assign); !st) return st.error();
  }
  for (const auto& text : deletes) {
    auto path = model::parse_field_path(text);
    if (!path) return env.fail("--delete '" + text + "': " + path.error().message);
    if (path->steps.empty()) return env.fail("--delete needs a field path, not the whole document");
    if (!model::get_path(*doc, *path)) return env.fail("--delete '" + text + "': no such field in " + file);
    if (auto st = model::erase_path(*doc, *path); !st) return env.fail("--delete '" + text + "': " + st.error().message);
  }
  return model::to_yaml(*doc);
}

// REPO@BRANCH naming a branch there is (not a tag or a commit): staging and
// committing go on a branch.
Result<BranchTarget> existing_branch(CommandEnv& env) {
  auto target = branch_target(env);
  if (!target) return target.error();
  const auto branches = target->repo->repo->branches();
  if (std::find(branches.begin(), branches.end(), target->branch) == branches.end()) {
    std::string msg = "no branch '" + target->branch + "' in " + target->repo->name;
    if (auto d = did_you_mean(target->branch, branches)) msg += "; did you mean '" + *d + "'?";
    return env.fail(msg + "; expected one of " + join_words(branches));
  }
  return target;
}

// What the next commit of REPO@BRANCH takes from its index: the staged
// changes that still differ from the head.
StagedFiles index_changes(const CommandEnv& env, const BranchTarget& t) {
  StagedFiles out;
  for (auto& c : env.world().staged_changes(t.repo->name, t.branch)) out[c.path] = std::move(c.content);
  return out;
}

Result<Ran> git_commit(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto target = commit_target(env);
  if (!target) return target.error();
  StagedFiles changes = env.files();
  bool from_index = false;
  if (cmd.path[1] == "edit") {
    auto text = edited_file(env, *target->repo->repo, target->branch);
    if (!text) return text.error();
    changes = {{cmd.args[1], *text}};
  } else if (changes.empty()) {
    // Files given beside the command (a timeline's teammate pushing) are a
    // commit of their own; without them, the branch's index is committed.
    changes = index_changes(env, *target);
    from_index = true;
    if (changes.empty()) {
      return env.fail("nothing to commit on " + target->repo->name + "@" + target->branch +
                      "; stage changes with git write or git rm first");
    }
  }
  const std::string message = *cmd.flag("message");
  auto sha = target->repo->repo->commit(target->branch, changes, target->author, message, env.epoch_s());
  if (!sha) return env.fail(sha.error().message);
  env.record_commit(*target->repo, target->branch, *sha);  // after the commit: a refused one leaves no trace
  if (from_index) target->repo->index.erase(target->branch);  // committed: the index is clean again
  const std::size_t changed = changes.size();
  return Ran{commit_line(target->branch, *sha, message) + " " + std::to_string(changed) +
             (changed == 1 ? " file changed\n" : " files changed\n")};
}

// -------------------------------------------------------------- the index
// `git write`, `git rm`, `git restore --staged` change a branch's staging
// area (RepoState::index); `git status` and `git diff` read it against the
// head; `git commit` without files beside it commits it.

// Where a file can go on the branch, the index counted: not over a
// directory, not under a file.
Status check_file_place(const CommandEnv& env, const BranchTarget& t, const std::string& path) {
  const git::Repository& r = *t.repo->repo;
  const StagedFiles& index = env.world().staged(t.repo->name, t.branch);
  if (auto dir = r.is_dir(t.branch, path); dir && *dir) {
    return env.fail("'" + path + "' is a directory at " + t.repo->name + "@" + t.branch + "; expected a file path");
  }
  for (const auto& [staged, content] : index) {
    if (content && staged.rfind(path + "/", 0) == 0) {
      return env.fail("'" + path + "' is a directory in the index (" + staged + " is staged); expected a file path");
    }
  }
  for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    const std::string parent = path.substr(0, slash);
    auto it = index.find(parent);
    const bool file = it != index.end() ? it->second.has_value() : r.read_file(t.branch, parent).ok();
    if (file) return env.fail("'" + parent + "' is a file, so '" + path + "' cannot be one under it");
  }
  return {};
}

// Puts `content` (nullopt: a deletion) for `path` in the index, or takes the
// path out where that is what the head has. Returns whether the index changed.
bool stage(CommandEnv& env, BranchTarget& t, const std::string& path, const std::optional<std::string>& content) {
  std::optional<std::string> head;
  if (auto text = t.repo->repo->read_file(t.branch, path)) head = std::move(text.value());
  StagedFiles& index = t.repo->index[t.branch];
  using Entry = std::optional<std::optional<std::string>>;  // absent, or staged (a deletion or a content)
  const auto it = index.find(path);
  const Entry before = it == index.end() ? Entry() : Entry(it->second);
  const Entry after = content == head ? Entry() : Entry(content);
  if (after) index[path] = *after;
  else index.erase(path);
  if (index.empty()) t.repo->index.erase(t.branch);
  if (before == after) return false;
  env.begin();
  return true;
}

Result<Ran> git_write(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto target = existing_branch(env);
  if (!target) return target.error();
  const std::string& path = cmd.args[1];
  if (auto st = git::validate_path(path); !st) return env.fail(st.error().message);
  const StagedFiles& files = env.files();
  const auto it = files.find(path);
  if (it == files.end()) {
    return env.fail("no content for '" + path +
                    "'; expected the file's text beside the command (a here-document: end the line with <<EOF, "
                    "then the lines, then EOF; a timeline entry's or lesson solution's content:; the editor's text)");
  }
  if (!it->second) return env.fail("'" + path + "' is given as a deletion; git rm stages a deletion");
  if (files.size() > 1) {
    for (const auto& [other, content] : files) {
      if (other != path) return env.fail("'" + other + "' is given beside the command too; git write stages one file, " + path);
    }
  }
  if (auto st = check_file_place(env, *target, path); !st) return st.error();
  stage(env, *target, path, it->second);
  return Ran{};
}

Result<Ran> git_rm(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto target = existing_branch(env);
  if (!target) return target.error();
  const git::Repository& r = *target->repo->repo;
  const std::string& path = cmd.args[1];
  if (auto st = git::validate_path(path); !st) return env.fail(st.error().message);
  const StagedFiles& index = env.world().staged(target->repo->name, target->branch);
  // The files it names: itself, or with -r every file under a directory.
  std::vector<std::string> paths;
  if (auto dir = r.is_dir(target->branch, path); dir && *dir) {
    if (!cmd.has("recursive")) return env.fail("not removing '" + path + "' recursively without -r");
    auto tree = r.list_tree(target->branch, path, true);
    if (!tree) return env.fail(tree.error().message);
    for (const auto& e : *tree) {
      if (!e.is_dir) paths.push_back(e.path);
    }
  }
  for (const auto& [staged, content] : index) {
    if (content && (staged == path || (cmd.has("recursive") && staged.rfind(path + "/", 0) == 0))) paths.push_back(staged);
  }
  if (r.read_file(target->branch, path).ok()) paths.push_back(path);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  // A file the head has and the index already deletes is gone already.
  std::erase_if(paths, [&](const std::string& p) {
    auto i = index.find(p);
    return i != index.end() && !i->second;
  });
  if (paths.empty()) {
    return env.fail("pathspec '" + path + "' did not match any files at " + target->repo->name + "@" +
                    target->branch + " (its head or its index)");
  }
  std::string out;
  for (const auto& p : paths) {
    stage(env, *target, p, std::nullopt);
    out += "rm '" + p + "'\n";
  }
  return Ran{out};
}

Result<Ran> git_restore(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto target = existing_branch(env);
  if (!target) return target.error();
  const StagedFiles& index = env.world().staged(target->repo->name, target->branch);
  for (std::size_t i = 1; i < cmd.args.size(); ++i) {
    if (!index.count(cmd.args[i])) {
      return env.fail("pathspec '" + cmd.args[i] + "' did not match any staged file of " + target->repo->name + "@" +
                      target->branch);
    }
  }
  for (std::size_t i = 1; i < cmd.args.size(); ++i) {
    StagedFiles& mine = target->repo->index[target->branch];
    mine.erase(cmd.args[i]);
    if (mine.empty()) target->repo->index.erase(target->branch);
  }
  env.begin();
  return Ran{};
}

// The indexes `git status` and `git diff` read: REPO@BRANCH's, REPO's
// default branch's, or (no argument) every branch that has one.
Result<std::vector<BranchTarget>> index_targets(CommandEnv& env) {
  const Command& cmd = env.cmd();
  std::vector<BranchTarget> out;
  if (cmd.args.empty()) {
    for (auto& r : env.repos()) {
      for (const auto& [branch, files] : r.index) out.push_back(BranchTarget{&r, branch});
    }
    return out;
  }
  auto ref = parse_repo_ref(env, cmd.args[0], false);
  if (!ref) return ref.error();
  auto repo = env.repo(ref->repo);
  if (!repo) return repo.error();
  if (ref->rev.empty()) {
    out.push_back(BranchTarget{*repo, head_branch(*(*repo)->repo)});
    return out;
  }
  auto target = existing_branch(env);
  if (!target) return target.error();
  out.push_back(*target);
  return out;
}

const char* status_word(StagedKind kind) {
  switch (kind) {
    case StagedKind::NewFile: return "new file:   ";
    case StagedKind::Modified: return "modified:   ";
    case StagedKind::Deleted: return "deleted:    ";
  }
  return "";
}

Result<Ran> git_status(CommandEnv& env) {
  auto targets = index_targets(env);
  if (!targets) return targets.error();
  std::string out;
  for (const auto& t : *targets) {
    const auto changes = env.world().staged_changes(t.repo->name, t.branch);
    if (changes.empty() && env.cmd().args.empty()) continue;  // staged, then committed by someone else
    if (!out.empty()) out += "\n";
    out += "On branch " + t.branch + " of " + t.repo->name + "\n";
    if (changes.empty()) {
      out += "nothing to commit, working tree clean\n";
      continue;
    }
    out += "Changes to be committed:\n  (use \"git restore --staged " + t.repo->name + "@" + t.branch +
           " <file>...\" to unstage)\n";
    for (const auto& c : changes) out += std::string("\t") + status_word(c.kind) + c.path + "\n";
  }
  if (out.empty()) out = "nothing to commit, working tree clean\n";
  return Ran{out};
}

// One staged change as `git diff --staged` prints it.
std::string staged_patch(const StagedChange& c) {
  std::string out = "diff --git a/" + c.path + " b/" + c.path + "\n";
  if (c.kind == StagedKind::NewFile) out += "new file mode 100644\n";
  if (c.kind == StagedKind::Deleted) out += "deleted file mode 100644\n";
  const std::string from = c.head ? "a/" + c.path : "/dev/null";
  const std::string to = c.content ? "b/" + c.path : "/dev/null";
  std::string body = model::unified_diff(c.head.value_or(""), c.content.value_or(""), from, to);
  return out + body;
}

Result<Ran> git_diff(CommandEnv& env) {
  auto targets = index_targets(env);
  if (!targets) return targets.error();
  std::string out;
  for (const auto& t : *targets) {
    for (const auto& c : env.world().staged_changes(t.repo->name, t.branch)) out += staged_patch(c);
  }
  const int exit = env.cmd().has("exit-code") && !out.empty() ? 1 : 0;
  return Ran{out, exit};
}

Result<Ran> git_branch(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto repo = env.repo(cmd.args[0]);
  if (!repo) return repo.error();
  git::Repository& r = *(*repo)->repo;
  std::string from = cmd.args.size() > 2 ? cmd.args[2] : "HEAD";
  if (from == "HEAD") from = head_branch(r);
  if (auto sha = r.resolve(from); !sha) return env.fail(sha.error().message);
  if (auto st = r.create_branch(cmd.args[1], from); !st) return env.fail(st.error().message);
  const std::string sha = *r.resolve(cmd.args[1]);
  env.emit(events::branch_created((*repo)->name, cmd.args[1], sha, env.begin()));
  return Ran{};
}

// `git tag -a` without -m would open an editor; here the message is given.
Status check_tag_flags(const CommandEnv& env) {
  if (env.cmd().has("annotate") && !env.cmd().has("message")) {
    return env.fail("-a needs -m MSG (the tag's message; there is no editor here)");
  }
  return {};
}

Result<Ran> git_tag(CommandEnv& env) {
  const Command& cmd = env.cmd();
  if (auto st = check_tag_flags(env); !st) return st.error();
  auto repo = env.repo(cmd.args[0]);
  if (!repo) return repo.error();
  git::Repository& r = *(*repo)->repo;
  const std::string& name = cmd.args[1];
  std::string rev = cmd.args.size() > 2 ? cmd.args[2] : "HEAD";
  if (rev == "HEAD") rev = head_branch(r);
  std::optional<git::TagAnnotation> annotation;
  if (auto message = cmd.flag("message")) {
    auto tagger = author_of(env);
    if (!tagger) return tagger.error();
    annotation = git::TagAnnotation{*tagger, env.epoch_s(), *message};
  }
  auto before = r.tag_info(name);
  const bool force = cmd.has("force");
  auto sha = r.tag(name, rev, annotation, force);
  if (!sha) return env.fail(sha.error().message);
  const auto after = r.tag_info(name);
  if (before && after && before->commit == after->commit && before->object == after->object) return Ran{};
  const EventId cause = env.begin();
  if (before) {
    env.emit(events::tag_moved((*repo)->name, name, *sha, before->commit, cause));
    return Ran{"Updated tag '" + name + "' (was " + before->commit.substr(0, 7) + ")\n"};
  }
  if (annotation) {
    env.emit(events::annotated_tag_created((*repo)->name, name, *sha, git::format_signature(annotation->tagger),
                                           first_line(*cmd.flag("message")), cause));
  } else {
    env.emit(events::tag_created((*repo)->name, name, *sha, cause));
  }
  return Ran{};
}

Result<Ran> git_merge(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto repo = env.repo(cmd.args[0]);
  if (!repo) return repo.error();
  git::Repository& r = *(*repo)->repo;
  auto author = author_of(env);
  if (!author) return author.error();
  const std::string& from = cmd.args[1];
  const std::string& into = cmd.args[2];
  const std::string message = cmd.flag("message").value_or(r.default_merge_message(from, into));
  auto before = r.resolve(into);
  if (!before) return env.fail(before.error().message);
  const bool no_ff = cmd.has("no-ff");
  auto sha = r.merge(from, into, *author, message, env.epoch_s(), no_ff);
  if (!sha) return env.fail(sha.error().message);  // a conflict changed nothing
  if (*sha == *before) return Ran{"Already up to date.\n"};
  env.record_commit(**repo, into, *sha);
  // A merge commit --no-ff made says so, as git does. (A plain merge keeps
  // printing "Updating", merge commit or not: the shipped scenarios' event
  // hashes hold that text.)
  if (no_ff) return Ran{"Merge made by the 'ort' strategy.\n"};
  return Ran{"Updating " + before->substr(0, 7) + ".." + sha->substr(0, 7) + "\n"};
}

Result<Ran> git_revert(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto target = commit_target(env);
  if (!target) return target.error();
  git::Repository& r = *target->repo->repo;
  const std::string rev = cmd.args.size() > 1 ? cmd.args[1] : target->branch;
  auto sha = r.revert(target->branch, rev, target->author, env.epoch_s());
  if (!sha) return env.fail(sha.error().message);
  env.record_commit(*target->repo, target->branch, *sha);
  auto info = r.commit_info(*sha);
  return Ran{commit_line(target->branch, *sha, info ? first_line(info->message) : "")};
}

Result<Ran> git_reset(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto target = branch_target(env);
  if (!target) return target.error();
  git::Repository& r = *target->repo->repo;
  auto sha = r.resolve(cmd.args[1]);
  if (!sha) return env.fail(sha.error().message);
  if (auto st = r.reset(target->branch, *sha); !st) return env.fail(st.error().message);
  env.emit(events::branch_reset(target->repo->name, target->branch, *sha, env.begin()));
  if (target->repo->webhook && !target->repo->webhook_lost_at(env.now())) env.notify_push(*target->repo, target->branch);
  return Ran{"HEAD is now at " + sha->substr(0, 7) + "\n"};
}

Result<Ran> git_push(CommandEnv& env) {
  auto repo = env.repo(env.cmd().args[0]);
  if (!repo) return repo.error();
  env.emit(events::webhook_received((*repo)->name, env.begin()));
  for (const auto& b : (*repo)->repo->branches()) env.notify_push(**repo, b);
  return Ran{};
}

Result<Ran> git_log(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto ref = parse_repo_ref(env, cmd.args[0], false);
  if (!ref) return ref.error();
  auto repo = env.repo(ref->repo);
  if (!repo) return repo.error();
  const git::Repository& r = *(*repo)->repo;
  std::size_t max = SIZE_MAX;
  if (auto m = cmd.flag("max-count")) max = static_cast<std::size_t>(std::stoll(*m));
  auto log = r.log(ref->rev.empty() ? "HEAD" : ref->rev, max);
  if (!log) return env.fail(log.error().message);
  const GitDecorations refs = git_decorations(r);
  const GitDecorations* decorate = cmd.has("decorate") ? &refs : nullptr;
  return Ran{cmd.has("oneline") ? print_git_oneline(*log, decorate) : print_git_log(*log, decorate)};
}

Result<Ran> git_show(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto target = branch_target(env);
  if (!target) return target.error();
  const git::Repository& r = *target->repo->repo;
  const std::string& rev = target->branch;
  if (cmd.args.size() > 1) {
    auto content = r.read_file(rev, cmd.args[1]);
    if (!content) return env.fail(content.error().message);
    return Ran{*content};
  }
  auto info = r.commit_info(rev);
  if (!info) return env.fail(info.error().message);
  std::string out;
  // An annotated tag shows itself first, then its commit, as git show does.
  if (auto tag = r.tag_info(rev); tag && tag->annotation) out += print_git_tag(*tag);
  auto changes = r.diff(info->parents.empty() ? "" : info->parents.front(), info->sha);
  out += print_git_log({*info}) + (changes ? print_git_changes(*changes) : std::string());
  return Ran{out};
}

// --staged, or --cached as git also spells it.
FlagSpec staged_switch() {
  FlagSpec f = spec::sw("staged");
  f.aliases = {"cached"};
  return f;
}

}  // namespace

std::vector<CommandSpec> git_commands() {
  using namespace spec;
  return {
      entry({"git", "commit"}, {arg("REPO@BRANCH")}, {required(message()), author()}, false,
            "commit the branch's staged changes (git write, git rm); or, given files beside it (a timeline "
            "entry's files:/delete:), exactly those",
            git_commit),
      entry({"git", "edit"}, {arg("REPO@BRANCH"), arg("FILE"), ArgSpec{"PATH=VALUE", true, true, ValueKind::Text, {}}},
            {repeatable(flag("append")), repeatable(flag("delete")), required(message()), author()}, false,
            "one commit that edits YAML fields of one file: PATH=VALUE sets a field (spec.replicas=3), "
            "--append PATH=VALUE adds VALUE to the end of the list at PATH (made if absent), --delete PATH "
            "removes a field (both repeatable; sets, then appends, then deletes)",
            git_commit),
      entry({"git", "write"}, {arg("REPO@BRANCH"), arg("PATH")}, {}, false,
            "stage a file (new or changed) with the text given beside the command: a timeline's or a lesson "
            "solution's content:, the editor's text (as editing it, then git add)",
            git_write),
      entry({"git", "rm"}, {arg("REPO@BRANCH"), arg("PATH")}, {sw("recursive", "r")}, false,
            "stage a file's deletion (-r every file under a directory)", git_rm),
      entry({"git", "restore"}, {arg("REPO@BRANCH"), many("PATH")}, {required(sw("staged"))}, false,
            "unstage files (--staged: the index is all there is here)", git_restore),
      entry({"git", "status"}, {opt("REPO[@BRANCH]")}, {}, true,
            "list the staged changes (new file, modified, deleted) of a branch, or of every branch with some",
            git_status),
      entry({"git", "diff"}, {opt("REPO[@BRANCH]")}, {staged_switch(), sw("exit-code")}, true,
            "the staged changes as a unified diff against the branch head (as git diff --staged)", git_diff,
            "1 with --exit-code when there are staged changes"),
      entry({"git", "branch"}, {arg("REPO"), arg("NEW"), opt("FROM")}, {}, false, "create a branch", git_branch),
      entry({"git", "tag"}, {arg("REPO"), arg("NAME"), opt("REV")},
            {sw("annotate", "a"), message(), sw("force", "f"), author()}, false,
            "create a tag; -a -m MSG an annotated one (tagged by --author), -f moves an existing tag", git_tag),
      entry({"git", "merge"}, {arg("REPO"), arg("FROM"), arg("INTO")}, {message(), author(), sw("no-ff")}, false,
            "fast-forward, or a merge commit with -m and --author (always with --no-ff, as a pull request's "
            "merge); a conflict changes nothing",
            git_merge),
      entry({"git", "revert"}, {arg("REPO@BRANCH"), opt("REV")}, {author()}, false,
            "revert a commit (default: the head)", git_revert),
      entry({"git", "reset"}, {arg("REPO@BRANCH"), arg("REV")}, {}, false, "move a branch to a revision (a force-push)",
            git_reset),
      entry({"git", "push"}, {arg("REPO")}, {}, false, "fire the repository's webhook once", git_push),
      entry({"git", "log"}, {arg("REPO[@REV]")},
            {flag("max-count", "", ValueKind::NonNegativeInt), sw("oneline"), sw("decorate")}, true,
            "show history; --oneline one line per commit, --decorate the branches and tags at each", git_log),
      entry({"git", "show"}, {arg("REPO@REV"), opt("FILE")}, {}, true,
            "show a commit (an annotated tag first) or a file at a revision", git_show),
  };
}

}  // namespace gs::world
