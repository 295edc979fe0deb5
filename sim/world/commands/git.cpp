// git: changes to the scenario's repositories, and reading them. Each entry
// below is one command: its syntax, help, and handler. Handlers check first
// (the Repository refuses what git refuses and changes nothing then) and
// record the Action only once the change is made.
#include <algorithm>

#include "sim/core/events.hpp"
#include "sim/git/repository.hpp"
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

// `git edit`: the file with every PATH=VALUE set, checked as a whole first.
Result<std::string> edited_file(CommandEnv& env, const git::Repository& repo, const std::string& branch) {
  const Command& cmd = env.cmd();
  const std::string& file = cmd.args[1];
  auto content = repo.read_file(branch, file);
  if (!content) return env.fail(content.error().message);
  auto doc = model::parse_yaml(*content, model::LoadOptions{file});
  if (!doc) return env.fail(doc.error().render());
  for (std::size_t i = 2; i < cmd.args.size(); ++i) {
    const std::string& assign = cmd.args[i];
    const auto eq = assign.find('=');
    if (eq == std::string::npos || eq == 0) return env.fail("expected PATH=VALUE, got '" + assign + "'");
    auto path = model::parse_field_path(assign.substr(0, eq));
    if (!path) return env.fail("'" + assign + "': " + path.error().message);
    auto value = model::parse_yaml(assign.substr(eq + 1));
    if (!value || !(value->is_scalar() || value->is_null())) {
      return env.fail("'" + assign + "': the value must be a YAML scalar");
    }
    if (auto st = model::set_path(*doc, *path, std::move(value.value())); !st) {
      return env.fail("'" + assign + "': " + st.error().message);
    }
  }
  return model::to_yaml(*doc);
}

Result<Ran> git_commit(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto target = commit_target(env);
  if (!target) return target.error();
  StagedFiles changes = env.files();
  if (cmd.path[1] == "edit") {
    auto text = edited_file(env, *target->repo->repo, target->branch);
    if (!text) return text.error();
    changes = {{cmd.args[1], *text}};
  } else if (changes.empty()) {
    return env.fail("nothing to commit: give files: or delete: beside the command");
  }
  const std::string message = *cmd.flag("message");
  auto sha = target->repo->repo->commit(target->branch, changes, target->author, message, env.epoch_s());
  if (!sha) return env.fail(sha.error().message);
  env.record_commit(*target->repo, target->branch, *sha);  // after the commit: a refused one leaves no trace
  const std::size_t changed = changes.size();
  return Ran{commit_line(target->branch, *sha, message) + " " + std::to_string(changed) +
             (changed == 1 ? " file changed\n" : " files changed\n")};
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
  if (target->repo->webhook) env.notify_push(*target->repo, target->branch);
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

}  // namespace

std::vector<CommandSpec> git_commands() {
  using namespace spec;
  return {
      entry({"git", "commit"}, {arg("REPO@BRANCH")}, {required(message()), author()}, false,
            "commit the staged files (a timeline entry's files:/delete:) to a branch", git_commit),
      entry({"git", "edit"}, {arg("REPO@BRANCH"), arg("FILE"), many("PATH=VALUE")}, {required(message()), author()},
            false, "one commit that sets YAML fields in one file", git_commit),
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
