// Timeline entries: `at` plus a command (`run`, through the one command
// parser) or a `pause`. Commands are checked as far as the file can tell:
// syntax, and the repos, apps and clusters they name.
#include <algorithm>

#include "sim/scenario/parts.hpp"
#include "sim/scenario/rules.hpp"
#include "sim/world/command.hpp"

namespace gs::scenario::detail {

using model::Mark;
using model::Node;

namespace {

// Names in a parsed command that the scenario defines, checked by the
// argument's name in the command table ("REPO@BRANCH", "APP", "CLUSTER", ...).
void check_command_refs(Diagnostics& d, Mark at, const world::Command& cmd, const Known& known) {
  const auto& args = cmd.spec->args;
  const std::string prefix = "run: " + cmd.name() + ": ";
  for (std::size_t i = 0; i < cmd.args.size() && !args.empty(); ++i) {
    const std::string& spec_name = args[std::min(i, args.size() - 1)].name;
    const std::string& value = cmd.args[i];
    if (spec_name.rfind("REPO", 0) == 0) {
      const bool at_required = spec_name.find("@") != std::string::npos && spec_name.find("[@") == std::string::npos;
      const auto sep = value.find('@');
      if (at_required && (sep == std::string::npos || sep == 0 || sep + 1 == value.size())) {
        d.error(at, prefix + "expected " + spec_name + ", like shop-config@main, not '" + value + "'");
        continue;
      }
      const std::string repo = value.substr(0, sep);
      if (auto msg = unknown_ref("repo", repo, known.repo_names); !msg.empty()) d.error(at, prefix + msg);
      if (spec_name == "REPO@BRANCH") {
        const std::string branch = value.substr(sep + 1);
        if (auto p = branch_name_problem(branch)) d.error(at, prefix + "invalid branch '" + branch + "': " + *p);
      }
    } else if (spec_name == "APP") {
      if (auto msg = unknown_ref("app", value, known.app_names); !msg.empty()) d.error(at, prefix + msg);
    } else if (spec_name == "CLUSTER") {
      if (auto msg = unknown_ref("cluster", value, known.cluster_names); !msg.empty()) d.error(at, prefix + msg);
    } else if ((spec_name == "FILE" || spec_name == "PATH") && cmd.path.front() == "git") {
      if (auto p = repo_path_problem(value)) d.error(at, prefix + "invalid file path '" + value + "': " + *p);
    }
  }
  if (auto c = cmd.flag("cluster")) {
    if (auto msg = unknown_ref("cluster", *c, known.cluster_names); !msg.empty()) d.error(at, prefix + msg);
  }
  if (auto a = cmd.flag("author")) {
    if (auto p = author_problem(*a)) d.error(at, prefix + "invalid --author '" + *a + "': " + *p);
  }
}

}  // namespace

std::optional<TimelineEntry> read_timeline_entry(Diagnostics& d, const Node& n, const Known& known,
                                                 std::set<std::string>& staged) {
  const std::size_t errors_before = d.count();
  MapReader m(d, n, "timeline entry");
  if (!m.ok()) return std::nullopt;
  TimelineEntry e;
  e.pos = d.pos(n.mark);

  if (const Node* v = m.required("at")) {
    if (auto t = read_duration(d, *v, "at")) {
      e.at = *t;
      if (*t > known.end) {
        d.error(v->mark, "time " + format_duration(*t) + " is after clock.end (" + format_duration(known.end) +
                             "); this entry would never run");
      }
    }
  }
  const Node* run = m.optional("run");
  const Node* pause = m.optional("pause");
  const Node* note = m.optional("note");
  if (run && pause) {
    d.error(m.key_mark("pause"), "timeline entry has both 'run' and 'pause'; give one per entry");
  } else if (!run && !pause) {
    d.error(m.mark(), "timeline entry needs 'run: COMMAND' or 'pause: {en: ..., ko: ...}'");
  }
  if (pause) e.pause = read_text(d, *pause, "pause");
  if (note) {
    if (!run) d.error(m.key_mark("note"), "'note' goes with 'run'; a pause carries its own text");
    e.note = read_text(d, *note, "note");
  }

  bool is_commit = false;
  bool is_write = false;
  std::string target;  // REPO@BRANCH of a command that stages or commits
  if (run) {
    if (auto text = read_string(d, *run, "run")) {
      auto cmd = world::parse_command(*text);
      if (!cmd) {
        d.error(run->mark, "run: " + cmd.error().message);
      } else if (cmd->path.front() == "sim" || cmd->path == std::vector<std::string>{"argocd", "app", "wait"}) {
        d.error(run->mark, "run: '" + cmd->name() + "' controls the clock from the console or CLI; a timeline is already timed");
      } else {
        check_command_refs(d, run->mark, *cmd, known);
        is_commit = cmd->path == std::vector<std::string>{"git", "commit"};
        is_write = cmd->path == std::vector<std::string>{"git", "write"};
        const bool stages = is_write || cmd->path == std::vector<std::string>{"git", "rm"};
        if (is_commit || stages) target = cmd->args[0];
        if (stages) staged.insert(target);
        e.run = *text;
        if (is_write) {
          if (const Node* content = m.present("content")) {
            if (content->is_null()) {
              e.files[cmd->args[1]] = std::string();  // `content:` with nothing after it: an empty file
            } else if (!content->is_scalar()) {
              d.error(content->mark, "'content' must be the file's text (write it as a '|' block), not " + shown(*content));
            } else {
              e.files[cmd->args[1]] = content->text();
            }
          } else {
            d.error(run->mark, "run: git write needs 'content:' beside it, the text of " + cmd->args[1] +
                                   " (write it as a '|' block)");
          }
        }
      }
    }
  }
  if (m.has("content") && !is_write) {
    m.present("content");
    d.error(m.key_mark("content"), "'content' goes only beside a 'git write' run");
  }
  const bool has_files = m.has("files") || m.has("delete");
  read_commit_files(d, m, e.files);
  if (has_files && ((run && !is_commit && e.run) || pause)) {
    d.error(m.key_mark(m.has("files") ? "files" : "delete"), "'files' and 'delete' go only beside a 'git commit' run");
  } else if (is_commit && !has_files && !staged.count(target)) {
    // As git: "nothing to commit".
    d.error(run->mark, "run: git commit needs 'files:' or 'delete:' beside it, or an earlier git write or git rm on " +
                           target + "; there is nothing to commit");
  }
  if (is_commit && !has_files) staged.erase(target);  // committed: that index is clean again

  m.finish();
  if (d.count() != errors_before) return std::nullopt;
  return e;
}

}  // namespace gs::scenario::detail
