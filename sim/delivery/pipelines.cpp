#include "sim/delivery/pipelines.hpp"

#include <algorithm>

#include "sim/delivery/freight.hpp"
#include "sim/git/repository.hpp"

namespace gs::delivery {

std::string strategy_name(Strategy s) {
  return s == Strategy::BranchPerEnvironment ? "branch-per-environment" : "folder-per-environment";
}

std::string gate_kind_name(GateKind k) {
  switch (k) {
    case GateKind::Verification: return "verification";
    case GateKind::Soak: return "soak";
    case GateKind::Approval: return "approval";
    case GateKind::SyncWindow: return "syncWindow";
  }
  return "";
}

bool PromotionPlan::blocked() const {
  return std::any_of(gates.begin(), gates.end(), [](const GateState& g) { return !g.passed; });
}

Pipelines::Pipelines(std::vector<PipelineSpec> specs) : specs_(std::move(specs)) {}

const PipelineSpec* Pipelines::find(const std::string& name) const {
  for (const auto& p : specs_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> Pipelines::names() const {
  std::vector<std::string> out;
  for (const auto& p : specs_) out.push_back(p.name);
  return out;
}

std::optional<Pipelines::GateRef> Pipelines::find_gate(const std::string& name) const {
  for (const auto& p : specs_) {
    for (const auto& s : p.stages) {
      for (const auto& g : s.gates) {
        if (g.name == name) return GateRef{&p, &s, &g};
      }
    }
  }
  return std::nullopt;
}

std::vector<std::string> Pipelines::gate_names() const {
  std::vector<std::string> out;
  for (const auto& p : specs_) {
    for (const auto& s : p.stages) {
      for (const auto& g : s.gates) out.push_back(g.name);
    }
  }
  return out;
}

std::vector<std::string> Pipelines::env_names() const {
  std::vector<std::string> out;
  for (const auto& p : specs_) {
    for (const auto& s : p.stages) out.push_back(s.env);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

TimePoint commit_time(const git::Repository& repo, const std::string& sha, const WorldLens& w) {
  auto info = repo.commit_info(sha);
  if (!info) return TimePoint{0};
  return TimePoint{(info->time_s - w.clock_start_epoch_s) * 1000};
}

// What the stage follows in Git: the revision and the directory that hold its freight.
struct Watched {
  std::string rev, dir;
};

Watched watched(const PipelineSpec& p, const StageSpec& s, const std::optional<gitops::AppView>& app) {
  if (p.strategy == Strategy::FolderPerEnvironment) return {p.branch, s.folder};
  return {s.branch, app ? app->path : std::string()};
}

std::string sha7(const std::string& s) { return s.substr(0, 7); }

}  // namespace

std::optional<Freight> Pipelines::freight(const PipelineSpec& p, const StageSpec& s, const WorldLens& w,
                                          const std::optional<gitops::AppView>& app) const {
  const git::Repository* repo = w.repo(p.repo);
  if (!repo) return std::nullopt;
  const Watched at = watched(p, s, app);
  auto head = repo->resolve(at.rev);
  if (!head) return std::nullopt;
  // An environment branch's freight came with its head (a promotion's
  // merge); a folder's with the last commit that changed the folder.
  std::string since = *head;
  if (p.strategy == Strategy::FolderPerEnvironment) since = last_change(*repo, *head, at.dir).value_or(*head);
  return Freight{freight_name(images_at(*repo, *head, at.dir), since), since, commit_time(*repo, since, w)};
}

StageState Pipelines::stage_state(const PipelineSpec& p, const StageSpec& s, const WorldLens& w) const {
  StageState st;
  st.env = s.env;
  st.app = s.app;
  st.where = p.strategy == Strategy::FolderPerEnvironment ? s.folder : s.branch;
  const auto app = w.app(s.app);
  st.freight = freight(p, s, w, app);
  if (app) {
    st.sync = app->sync;
    st.health = app->health;
    st.revision = app->revision;
    st.cluster = app->cluster;
  }
  const git::Repository* repo = w.repo(p.repo);
  if (repo && app && !app->revision.empty() && repo->commit_info(app->revision)) {
    const Watched at = watched(p, s, app);
    const std::string last = last_change(*repo, app->revision, at.dir).value_or(app->revision);
    st.deployed = freight_name(images_at(*repo, app->revision, at.dir), last);
    auto head = repo->resolve(at.rev);
    st.verified = head && app->sync == "Synced" && app->health == "Healthy" &&
                  same_under(*repo, app->revision, *head, at.dir);
  }
  for (auto it = promotions_.rbegin(); it != promotions_.rend(); ++it) {
    if (it->pipeline == p.name && it->to == s.env) {
      st.last_promotion = *it;
      break;
    }
  }
  return st;
}

std::vector<StageState> Pipelines::stages(const PipelineSpec& p, const WorldLens& w) const {
  std::vector<StageState> out;
  for (const auto& s : p.stages) out.push_back(stage_state(p, s, w));
  for (std::size_t i = 1; i < out.size(); ++i) out[i].gates = gates(p, i, out, w);
  return out;
}

namespace {

// Kargo's "verified in": the upstream app Synced and Healthy at the revision
// that holds its freight, so only what ran well there moves on.
GateState verified_gate(const StageState& up) {
  GateState g{"verified-in-" + up.env, "verified", up.verified, "", up.sync.empty() ? "" : up.sync + ", " + up.health};
  const std::string freight = up.freight ? up.freight->name : std::string("?");
  if (up.verified) {
    g.message = "freight " + freight + " verified in " + up.env + " (" + up.app + " Synced, Healthy)";
  } else if (up.sync.empty()) {
    g.message = "app " + up.app + " of " + up.env + " has no status yet";
  } else if (up.sync != "Synced" || up.health != "Healthy") {
    g.message = "freight " + freight + " not verified in " + up.env + ": " + up.app + " is " + up.sync + ", " + up.health;
  } else {
    g.message = "freight " + freight + " not verified in " + up.env + ": " + up.app + " is Synced and Healthy at " +
                sha7(up.revision) + ", which does not hold " + freight + " yet (it runs " + up.deployed + ")";
  }
  return g;
}

std::string condition_true(const model::Node& job, const std::string& type) {
  const model::Node* conds = job.get({"status", "conditions"});
  if (!conds || !conds->is_list()) return "";
  for (const auto& c : conds->items()) {
    if (c.get_string({"type"}) == type && c.get_string({"status"}) == "True") return c.get_string({"message"}).value_or(type);
  }
  return "";
}

}  // namespace

GateState Pipelines::gate(const GateSpec& g, const StageState& up, const StageState& down, const WorldLens& w) const {
  GateState out{g.name, gate_kind_name(g.kind), false, ""};
  const std::string freight = up.freight ? up.freight->name : std::string("?");
  const TimePoint since = up.freight ? up.freight->since : w.now;
  switch (g.kind) {
    case GateKind::Verification: {
      if (g.test) {
        const TestReport* last = nullptr;
        for (const auto& t : tests_) {
          if (t.env == up.env && t.at >= since) last = &t;
        }
        if (!last) {
          out.message = "waiting for a test report on " + freight + " in " + up.env + " (test pass|fail " + up.env + ")";
        } else {
          out.passed = last->result == "pass";
          out.value = last->result;
          out.message = std::string("tests ") + (out.passed ? "passed" : "failed") + " in " + up.env + " at " +
                        format_offset(last->at);
        }
        return out;
      }
      const model::Node* job = up.cluster.empty() ? nullptr
                                                  : w.object(up.cluster, cluster::ObjectKey{"batch", "Job", g.job_namespace, g.job});
      const std::string where = "job " + g.job + " in " + (up.cluster.empty() ? up.env : up.cluster);
      if (!job) {
        out.message = "waiting: " + where + " not found";
        out.value = "missing";
      } else if (auto failed = condition_true(*job, "Failed"); !failed.empty()) {
        out.message = where + " failed: " + failed;
        out.value = "failed";
      } else if (condition_true(*job, "Complete").empty()) {
        out.message = "waiting: " + where + " is running";
        out.value = "running";
      } else {
        auto started = parse_rfc3339_utc(job->get_string({"status", "startTime"}).value_or(""));
        if (started && TimePoint{(*started - w.clock_start_epoch_s) * 1000} < since) {
          out.message = "waiting: " + where + " ran before freight " + freight + " arrived in " + up.env;
          out.value = "stale";
        } else {
          out.passed = true;
          out.message = where + " Complete";
          out.value = "Complete";
        }
      }
      return out;
    }
    case GateKind::Soak: {
      const Duration stayed = w.now - since;
      out.passed = stayed >= g.soak;
      out.value = format_duration(out.passed ? g.soak : g.soak - std::max(stayed, Duration{0}));
      if (out.passed) {
        out.message = "freight " + freight + " soaked " + format_duration(g.soak) + " in " + up.env;
      } else {
        out.message = "freight " + freight + " has been in " + up.env + " for " +
                      format_duration(std::max(stayed, Duration{0})) + " of " + format_duration(g.soak) + " (" +
                      format_duration(g.soak - std::max(stayed, Duration{0})) + " left)";
      }
      return out;
    }
    case GateKind::Approval: {
      for (auto it = approvals_.rbegin(); it != approvals_.rend(); ++it) {
        if (it->gate == g.name && it->freight == freight) {
          out.passed = true;
          out.message = "approved by " + it->by + " for " + freight;
          out.value = it->by;
          return out;
        }
      }
      out.message = "waiting for approval of " + freight + " (approve " + g.name + " --by NAME)";
      return out;
    }
    case GateKind::SyncWindow: {
      auto app = w.app(down.app);
      if (!app) {
        out.message = "app " + down.app + " not found";
        return out;
      }
      // A deny window stops every sync; "Manual Allowed" stops the automated
      // sync that would deploy the promotion.
      out.passed = app->sync_window == "Sync Allowed" || (app->sync_window == "Manual Allowed" && !app->automated);
      out.message = down.app + ": " + app->sync_window;
      out.value = app->sync_window;
      return out;
    }
  }
  return out;
}

std::vector<GateState> Pipelines::gates(const PipelineSpec& p, std::size_t to, const std::vector<StageState>& states,
                                        const WorldLens& w) const {
  std::vector<GateState> out{verified_gate(states[to - 1])};
  for (const auto& g : p.stages[to].gates) out.push_back(gate(g, states[to - 1], states[to], w));
  return out;
}

std::string Pipelines::candidate(const GateRef& g, const WorldLens& w) const {
  for (std::size_t i = 1; i < g.pipeline->stages.size(); ++i) {
    if (&g.pipeline->stages[i] != g.stage) continue;
    const StageSpec& up = g.pipeline->stages[i - 1];
    auto f = freight(*g.pipeline, up, w, w.app(up.app));
    return f ? f->name : std::string();
  }
  return std::string();
}

namespace {

std::optional<std::size_t> stage_index(const PipelineSpec& p, const std::string& env) {
  for (std::size_t i = 0; i < p.stages.size(); ++i) {
    if (p.stages[i].env == env) return i;
  }
  return std::nullopt;
}

std::string env_list(const PipelineSpec& p) {
  std::string out;
  for (const auto& s : p.stages) out += (out.empty() ? "" : ", ") + s.env;
  return out;
}

}  // namespace

Result<PromotionPlan> Pipelines::plan(const PipelineSpec& p, const std::string& from, const std::string& to,
                                      const WorldLens& w) const {
  const auto fi = stage_index(p, from);
  if (!fi) return Error("--from: pipeline " + p.name + " has no stage '" + from + "'; expected one of " + env_list(p));
  const auto ti = stage_index(p, to);
  if (!ti) return Error("--to: pipeline " + p.name + " has no stage '" + to + "'; expected one of " + env_list(p));
  if (*ti != *fi + 1) {
    if (*ti == 0) return Error("--to: " + to + " is the first stage of " + p.name + "; nothing promotes into it");
    return Error("--from: " + to + " takes its freight from " + p.stages[*ti - 1].env + ", not " + from);
  }
  const git::Repository* repo = w.repo(p.repo);
  if (!repo) return Error("repository '" + p.repo + "' not found");
  const auto states = stages(p, w);
  PromotionPlan plan;
  plan.pipeline = &p;
  plan.from = from;
  plan.to = to;
  plan.freight = states[*fi].freight ? states[*fi].freight->name : std::string();
  plan.gates = states[*ti].gates;
  const StageSpec& up = p.stages[*fi];
  const StageSpec& down = p.stages[*ti];
  if (p.strategy == Strategy::FolderPerEnvironment) {
    auto files = folder_promotion(*repo, p, up.folder, down.folder);
    if (!files) return files.error();
    if (files->empty()) return Error("nothing to promote: " + to + " already has " + plan.freight + " from " + from);
    plan.branch = p.branch;
    plan.files = std::move(files.value());
    plan.message = "Promote " + plan.freight + " from " + from + " to " + to;
    return plan;
  }
  // Branch-per-environment: a pull request's merge, keeping the merged commits.
  auto up_head = repo->resolve(up.branch);
  if (!up_head) return Error("no branch '" + up.branch + "' in " + p.repo);
  auto log = repo->log(down.branch);
  if (!log) return Error("no branch '" + down.branch + "' in " + p.repo);
  if (std::any_of(log->begin(), log->end(), [&](const git::CommitInfo& c) { return c.sha == *up_head; })) {
    return Error("nothing to promote: " + down.branch + " already has everything on " + up.branch);
  }
  plan.branch = down.branch;
  plan.merge_from = up.branch;
  plan.message = "Merge pull request: promote " + from + " to " + to;
  return plan;
}

}  // namespace gs::delivery
