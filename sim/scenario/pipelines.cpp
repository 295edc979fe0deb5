// The `pipelines:` section (scenarios and lessons): promotion pipelines in
// Kargo's words — stages per environment, the strategy that promotes
// between them, and the gates on entering a stage — read into
// delivery::PipelineSpec, every reference (repository, branch, folder, app)
// checked against what the file defines, with FILE:LINE:COL errors.
#include <algorithm>
#include <map>
#include <set>

#include "sim/scenario/parts.hpp"
#include "sim/scenario/rules.hpp"

namespace gs::scenario::detail {

using model::Mark;
using model::Node;

namespace {

void pipe_unique(Diagnostics& d, std::map<std::string, Mark>& seen, const std::string& name, Mark at,
                 std::string_view what) {
  auto [it, fresh] = seen.emplace(name, at);
  if (!fresh) {
    d.error(at, "duplicate " + std::string(what) + " '" + name + "' (first at line " + std::to_string(it->second.line) + ")");
  }
}

std::optional<std::string> pipe_string(Diagnostics& d, MapReader& m, const char* key, bool required) {
  const Node* v = required ? m.required(key) : m.optional(key);
  if (!v) return std::nullopt;
  return read_string(d, *v, key);
}

// What the repositories' history holds: their branches, and every folder a
// commit wrote a file under.
struct RepoContents {
  std::set<std::string> branches, folders;
};

RepoContents contents_of(const world::WorldSpec& w, const std::string& repo) {
  RepoContents out;
  for (const auto& r : w.repos) {
    if (r.name != repo) continue;
    for (const auto& c : r.commits) {
      out.branches.insert(c.branch);
      for (const auto& [path, content] : c.files) {
        for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
          out.folders.insert(path.substr(0, slash));
        }
      }
    }
  }
  return out;
}

void check_in(Diagnostics& d, Mark at, const std::string& what, const std::string& name, const std::set<std::string>& set,
              const std::string& repo) {
  if (set.count(name)) return;
  const std::vector<std::string> names(set.begin(), set.end());
  d.error(at, "no " + what + " '" + name + "' in repo '" + repo + "'" + suggestion(name, names));
}

std::optional<delivery::GateSpec> read_gate(Diagnostics& d, const Node& n, std::map<std::string, Mark>& gate_names) {
  MapReader m(d, n, "gate");
  if (!m.ok()) return std::nullopt;
  delivery::GateSpec g;
  g.pos = d.pos(n.mark);
  if (auto s = pipe_string(d, m, "name", true)) {
    g.name = *s;
    pipe_unique(d, gate_names, g.name, m.key_mark("name"), "gate name");
  }
  const std::vector<std::string> kinds = {"verification", "soak", "approval", "syncWindow"};
  std::vector<std::string> given;
  for (const auto& k : kinds) {
    if (m.has(k)) given.push_back(k);
  }
  if (given.size() != 1) {
    d.error(n.mark, "gate '" + g.name + "' needs exactly one of verification, soak, approval or syncWindow" +
                        (given.empty() ? std::string() : ", not " + join_or(given)));
  }
  if (const Node* v = m.optional("verification")) {
    g.kind = delivery::GateKind::Verification;
    MapReader vm(d, *v, "verification");
    if (vm.ok()) {
      const bool job = vm.has("job"), test = vm.has("test");
      if (job == test) d.error(v->mark, "verification needs either 'job:' (a Job in the upstream stage's cluster) or 'test: true'");
      if (auto s = pipe_string(d, vm, "job", false)) g.job = *s;
      if (auto s = pipe_string(d, vm, "namespace", false)) g.job_namespace = *s;
      if (const Node* t = vm.optional("test")) {
        auto b = read_bool(d, *t, "test");
        if (b && !*b) d.error(t->mark, "'test' is true (a `test pass|fail ENV` report) or left out");
        g.test = b.value_or(false);
      }
    }
  }
  if (const Node* v = m.optional("soak")) {
    g.kind = delivery::GateKind::Soak;
    if (auto dur = read_duration(d, *v, "soak", false)) g.soak = *dur;
  }
  for (auto [key, kind] : {std::pair{"approval", delivery::GateKind::Approval},
                           std::pair{"syncWindow", delivery::GateKind::SyncWindow}}) {
    if (const Node* v = m.optional(key)) {
      g.kind = kind;
      auto b = read_bool(d, *v, key);
      if (b && !*b) d.error(v->mark, "'" + std::string(key) + "' is true or left out");
    }
  }
  return g;
}

std::optional<delivery::StageSpec> read_stage(Diagnostics& d, const Node& n, const delivery::PipelineSpec& p,
                                              const RepoContents* repo, const Known& known, bool first,
                                              std::map<std::string, Mark>& gate_names) {
  MapReader m(d, n, "stage");
  if (!m.ok()) return std::nullopt;
  delivery::StageSpec s;
  s.pos = d.pos(n.mark);
  if (auto v = pipe_string(d, m, "env", true)) s.env = *v;
  if (auto v = pipe_string(d, m, "app", true)) {
    s.app = *v;
    check_ref(d, m.key_mark("app"), "app", s.app, known.app_names);
  }
  const bool folders = p.strategy == delivery::Strategy::FolderPerEnvironment;
  const char* where = folders ? "folder" : "branch";
  const char* other = folders ? "branch" : "folder";
  if (m.has(other)) {
    d.error(m.key_mark(other), std::string("a stage of a ") + delivery::strategy_name(p.strategy) + " pipeline names a " +
                                   where + ", not a " + other);
  }
  (void)m.optional(other);
  if (auto v = pipe_string(d, m, where, true)) {
    std::string value = *v;
    while (folders && !value.empty() && value.back() == '/') value.pop_back();
    if (folders) {
      if (auto problem = repo_path_problem(value)) d.error(m.key_mark(where), "invalid folder '" + value + "': " + *problem);
      else if (repo) check_in(d, m.key_mark(where), "folder", value, repo->folders, p.repo);
      s.folder = value;
    } else {
      if (repo) check_in(d, m.key_mark(where), "branch", value, repo->branches, p.repo);
      s.branch = value;
    }
  }
  if (const Node* gates = m.optional("gates")) {
    if (first) d.error(m.key_mark("gates"), "the first stage takes no freight from another, so it has no gates");
    if (const auto* items = read_list(d, gates, "gates")) {
      for (const auto& item : *items) {
        if (auto g = read_gate(d, item, gate_names)) s.gates.push_back(std::move(*g));
      }
    }
  }
  return s;
}

std::optional<delivery::PipelineSpec> read_pipeline(Diagnostics& d, const Node& n, const world::WorldSpec& w,
                                                    const Known& known, std::map<std::string, Mark>& gate_names) {
  MapReader m(d, n, "pipeline");
  if (!m.ok()) return std::nullopt;
  delivery::PipelineSpec p;
  p.pos = d.pos(n.mark);
  if (auto v = pipe_string(d, m, "name", true)) p.name = *v;
  bool repo_ok = false;
  if (auto v = pipe_string(d, m, "repo", true)) {
    p.repo = *v;
    repo_ok = check_ref(d, m.key_mark("repo"), "repo", p.repo, known.repo_names);
  }
  if (const Node* v = m.required("strategy")) {
    if (auto s = read_enum(d, *v, "strategy", {"branch-per-environment", "folder-per-environment"})) {
      p.strategy = *s == "branch-per-environment" ? delivery::Strategy::BranchPerEnvironment
                                                  : delivery::Strategy::FolderPerEnvironment;
    }
  }
  const RepoContents repo = contents_of(w, p.repo);
  const bool folders = p.strategy == delivery::Strategy::FolderPerEnvironment;
  if (const Node* v = m.optional("branch")) {
    if (!folders) d.error(v->mark, "'branch' names the one branch of a folder-per-environment pipeline; each stage names its own");
    if (auto s = read_string(d, *v, "branch")) {
      p.branch = *s;
      if (repo_ok && folders) check_in(d, v->mark, "branch", p.branch, repo.branches, p.repo);
    }
  } else if (repo_ok && folders && !repo.branches.count(p.branch)) {
    d.error(m.mark(), "no branch 'main' in repo '" + p.repo + "'; name the pipeline's branch with 'branch:'");
  }
  if (const Node* v = m.optional("files")) {
    if (!folders) d.error(v->mark, "'files' (the promoted files) is for a folder-per-environment pipeline");
    if (auto files = read_string_list(d, *v, "files")) {
      for (const auto& f : *files) {
        if (auto problem = repo_path_problem(f)) d.error(v->mark, "invalid file '" + f + "': " + *problem);
      }
      p.files = *files;
    }
  }
  const Node* stages = m.required("stages");
  const auto* items = stages ? read_list(d, stages, "stages") : nullptr;
  if (items) {
    if (items->size() < 2) d.error(stages->mark, "a pipeline needs at least two stages to promote between");
    std::map<std::string, Mark> envs;
    for (const auto& item : *items) {
      // Without its repository, no folder or branch can be checked (that error is said once).
      auto s = read_stage(d, item, p, repo_ok ? &repo : nullptr, known, p.stages.empty(), gate_names);
      if (!s) continue;
      if (!s.value().env.empty()) pipe_unique(d, envs, s->env, mark_or(item, stages->mark), "stage env");
      p.stages.push_back(std::move(*s));
    }
  }
  if (!repo_ok) return std::nullopt;
  return p;
}

}  // namespace

void read_pipelines(Diagnostics& d, const Node* n, world::WorldSpec& w, const Known& known) {
  const auto* items = read_list(d, n, "pipelines");
  if (!items) return;
  std::map<std::string, Mark> names, gate_names;
  for (const auto& item : *items) {
    auto p = read_pipeline(d, item, w, known, gate_names);
    if (!p) continue;
    if (!p->name.empty()) pipe_unique(d, names, p->name, item.find("name") ? item.find("name")->mark : item.mark, "pipeline name");
    w.pipelines.push_back(std::move(*p));
  }
}

}  // namespace gs::scenario::detail
