// delivery: promotion pipelines with gates, as Kargo users know them
// (peers-behaviour.md §2, §5). `promote` checks every gate of the next
// stage and, when all pass, makes the promotion in Git — a commit copying
// the image tag into the next folder, or a pull request's merge between
// environment branches — or, when a gate blocks, changes nothing in Git and
// records the gates that refused (GateFailed) and exits 1. `approve` and
// `test` record what people said; `pipeline list|get` read.
#include <algorithm>

#include "sim/core/events.hpp"
#include "sim/delivery/pipelines.hpp"
#include "sim/git/repository.hpp"
#include "sim/world/commands/command_env.hpp"
#include "sim/world/commands/tools.hpp"
#include "sim/world/printers.hpp"

namespace gs::world {
namespace {

// `approve GATE` without --by: who approves when nobody is named.
constexpr const char* kDefaultApprover = "instructor";

std::string unknown_name(const std::string& what, const std::string& name, const std::vector<std::string>& names,
                         const std::string& none) {
  if (names.empty()) return "unknown " + what + " '" + name + "'; " + none;
  std::string msg = "unknown " + what + " '" + name + "'";
  if (auto d = did_you_mean(name, names)) return msg + "; did you mean '" + *d + "'?";
  return msg + "; expected one of " + join_words(names);
}

Result<const delivery::PipelineSpec*> pipeline_arg(CommandEnv& env) {
  const std::string& name = env.cmd().args[0];
  if (const auto* p = env.pipelines().find(name)) return p;
  return env.fail(unknown_name("pipeline", name, env.pipelines().names(), "the scenario defines no pipelines"));
}

Result<Ran> promote(CommandEnv& env) {
  auto p = pipeline_arg(env);
  if (!p) return p.error();
  const std::string from = *env.cmd().flag("from");
  const std::string to = *env.cmd().flag("to");
  auto plan = env.pipelines().plan(**p, from, to, env.world().delivery_lens());
  if (!plan) return env.fail(plan.error().message);
  if (plan->blocked()) {
    // Refused: Git is untouched; the gates that blocked are on record.
    std::string out = "promotion of " + plan->freight + " from " + from + " to " + to + " refused:\n";
    const EventId cause = env.begin();
    for (const auto& g : plan->gates) {
      if (g.passed) continue;
      env.emit(events::gate_failed((*p)->name, g.name, to, g.message, cause));
      out += "  gate " + g.name + ": " + g.message + "\n";
    }
    return Ran{out, 1};
  }
  auto repo = env.repo((*p)->repo);
  if (!repo) return repo.error();
  git::Repository& r = *(*repo)->repo;
  const auto author = *git::parse_signature(delivery::kPromoterAuthor);
  auto sha = plan->merge_from.empty()
                 ? r.commit(plan->branch, plan->files, author, plan->message, env.epoch_s())
                 : r.merge(plan->merge_from, plan->branch, author, plan->message, env.epoch_s(), true);
  if (!sha) return env.fail(sha.error().message);  // a conflict changed nothing
  env.record_commit(**repo, plan->branch, *sha);
  env.emit(events::promoted((*p)->name, from, to, plan->freight, (*repo)->name, plan->branch, *sha, env.begin()));
  env.pipelines().add_promotion(delivery::Promotion{(*p)->name, from, to, plan->freight, *sha, env.now()});
  return Ran{"[" + plan->branch + " " + sha->substr(0, 7) + "] " + plan->message + "\npromoted " + plan->freight +
             " from " + from + " to " + to + "\n"};
}

Result<Ran> approve(CommandEnv& env) {
  const std::string& name = env.cmd().args[0];
  auto ref = env.pipelines().find_gate(name);
  if (!ref) {
    return env.fail(unknown_name("gate", name, env.pipelines().gate_names(), "the scenario's pipelines define no gates"));
  }
  if (ref->gate->kind != delivery::GateKind::Approval) {
    return env.fail("gate " + name + " is a " + delivery::gate_kind_name(ref->gate->kind) +
                    " gate; only an approval gate is approved");
  }
  const std::string by = env.cmd().flag("by").value_or(kDefaultApprover);
  const std::string freight = env.pipelines().candidate(*ref, env.world().delivery_lens());
  env.emit(events::gate_approved(ref->pipeline->name, name, ref->stage->env, by, env.begin()));
  env.pipelines().add_approval(delivery::Approval{ref->pipeline->name, name, ref->stage->env, by, freight, env.now()});
  return Ran{"gate " + name + " approved by " + by + " for freight " + freight + " (" + ref->stage->env + ")\n"};
}

Result<Ran> test_report(CommandEnv& env) {
  const std::string& result = env.cmd().args[0];
  const std::string& name = env.cmd().args[1];
  const auto envs = env.pipelines().env_names();
  if (!std::binary_search(envs.begin(), envs.end(), name)) {
    return env.fail(unknown_name("env", name, envs, "the scenario's pipelines define no stages"));
  }
  env.emit(events::test_reported(name, result, env.begin()));
  env.pipelines().add_test(delivery::TestReport{name, result, env.now()});
  return Ran{"tests " + std::string(result == "pass" ? "passed" : "failed") + " in " + name + "\n"};
}

std::string stage_list(const delivery::PipelineSpec& p) {
  std::string out;
  for (const auto& s : p.stages) out += (out.empty() ? "" : " -> ") + s.env;
  return out;
}

Result<Ran> pipeline_list(CommandEnv& env) {
  std::vector<std::vector<std::string>> rows{{"NAME", "REPO", "STRATEGY", "STAGES"}};
  for (const auto& p : env.pipelines().specs()) {
    rows.push_back({p.name, p.repo, delivery::strategy_name(p.strategy), stage_list(p)});
  }
  if (rows.size() == 1) return Ran{"No pipelines found.\n"};
  return Ran{format_table(rows, 3)};
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

Result<Ran> pipeline_get(CommandEnv& env) {
  auto p = pipeline_arg(env);
  if (!p) return p.error();
  const auto stages = env.pipelines().stages(**p, env.world().delivery_lens());
  std::string out = "Name:      " + (*p)->name + "\nRepo:      " + (*p)->repo + "\nStrategy:  " +
                    delivery::strategy_name((*p)->strategy) +
                    ((*p)->strategy == delivery::Strategy::FolderPerEnvironment ? " (branch " + (*p)->branch + ")" : "") +
                    "\n\n";
  std::vector<std::vector<std::string>> rows{
      {"STAGE", "APP", (*p)->strategy == delivery::Strategy::FolderPerEnvironment ? "FOLDER" : "BRANCH", "FREIGHT",
       "DEPLOYED", "SYNC", "HEALTH", "VERIFIED", "LAST PROMOTION"}};
  for (const auto& s : stages) {
    std::string last = "-";
    if (s.last_promotion) {
      last = format_offset(s.last_promotion->at) + " " + s.last_promotion->freight + " from " + s.last_promotion->from;
    }
    rows.push_back({s.env, s.app, s.where, s.freight ? s.freight->name : "-", or_dash(s.deployed), or_dash(s.sync),
                    or_dash(s.health), s.verified ? "True" : "False", last});
  }
  out += format_table(rows, 3);
  std::vector<std::vector<std::string>> gates{{"GATE", "STAGE", "KIND", "STATE", "MESSAGE"}};
  for (const auto& s : stages) {
    for (const auto& g : s.gates) gates.push_back({g.name, s.env, g.kind, g.passed ? "Passed" : "Blocked", g.message});
  }
  if (gates.size() > 1) out += "\n" + format_table(gates, 3);
  return Ran{out};
}

}  // namespace

std::vector<CommandSpec> delivery_commands() {
  using namespace spec;
  return {
      entry({"promote"}, {arg("PIPELINE")}, {required(flag("from")), required(flag("to"))}, false,
            "promote the freight of one stage into the next, when every gate passes", promote,
            "1 when a gate blocks the promotion (nothing changes in Git)"),
      entry({"approve"}, {arg("GATE")}, {flag("by")}, false, "approve a gate's freight (a manual approval)", approve),
      entry({"test"}, {choice("RESULT", {"pass", "fail"}), arg("ENV")}, {}, false, "report a test result for an env",
            test_report),
      entry({"pipeline", "list"}, {}, {}, true, "list the promotion pipelines", pipeline_list),
      entry({"pipeline", "get"}, {arg("PIPELINE")}, {}, true, "a pipeline's stages, freight and gates", pipeline_get),
  };
}

}  // namespace gs::world
