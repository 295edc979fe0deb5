// ci: the actors outside the GitOps agent (sim/ci) — `ci build` pushes an
// image tag, `ci deploy` runs a push pipeline (build, kubectl apply with the
// kubeconfigs it holds, rollout status), `ci get pipelines|images` list them;
// and the CI faults: `fault ci-unreachable` (the CI's network cannot reach a
// cluster) and `fault ci-credential-leak` (someone holding a pipeline's
// kubeconfig changes every cluster it reaches: the blast radius).
#include "sim/ci/ci_system.hpp"
#include "sim/core/events.hpp"
#include "sim/world/commands/command_env.hpp"
#include "sim/world/commands/tools.hpp"
#include "sim/world/printers.hpp"

namespace gs::world {
namespace {

// Present in every world built with the registered reconcilers; a world
// built with others (a test's) has no CI, and says so.
ci::CiSystem* ci_in(CommandEnv& env) { return env.world().reconciler<ci::CiSystem>(); }
ci::CiSystem& ci_of(CommandEnv& env) { return *ci_in(env); }

Status have_ci(CommandEnv& env) {
  if (!ci_in(env)) return env.fail("this world runs no CI (it was built without the ci reconciler)");
  return {};
}

// A pipeline by name, with a "did you mean" for a near miss.
Status known_pipeline(CommandEnv& env, const std::string& name) {
  if (auto st = have_ci(env); !st) return st;
  const auto names = ci_of(env).pipeline_names();
  if (ci_of(env).pipeline(name)) return {};
  if (names.empty()) return env.fail("unknown pipeline '" + name + "'; the scenario has no ci.pushPipelines");
  if (auto dym = did_you_mean(name, names)) return env.fail("unknown pipeline '" + name + "'; did you mean '" + *dym + "'?");
  return env.fail("unknown pipeline '" + name + "'; expected one of " + join_words(names));
}

Result<Ran> ci_build(CommandEnv& env) {
  if (auto st = have_ci(env); !st) return st.error();
  const std::string pipeline = env.cmd().flag("pipeline").value_or("");
  if (!pipeline.empty()) {
    if (auto st = known_pipeline(env, pipeline); !st) return st.error();
  }
  auto plan = ci_of(env).plan_build(env.cmd().args[0], *env.cmd().flag("tag"), pipeline);
  if (!plan) return env.fail(plan.error().message);
  ci_of(env).run_build(*plan, env.now(), env.begin());
  return Ran{"pushed " + plan->image + ":" + plan->tag + "\n"};
}

Result<Ran> ci_deploy(CommandEnv& env) {
  const std::string& name = env.cmd().args[0];
  if (auto st = known_pipeline(env, name); !st) return st.error();
  auto plan = ci_of(env).plan_deploy(name, env.cmd().flag("revision"), env.now());
  if (!plan) return env.fail(plan.error().message);
  return Ran{ci_of(env).run_deploy(*plan, env.now(), env.begin())};
}

std::string since(const std::optional<TimePoint>& t) { return t ? format_offset(*t) : "-"; }

Result<Ran> ci_get_pipelines(CommandEnv& env) {
  if (auto st = have_ci(env); !st) return st.error();
  std::vector<std::vector<std::string>> rows = {
      {"NAME", "REPO", "PATH", "IMAGE", "KUBECONFIG", "RUNS", "LAST RUN", "REVISION", "RESULT"}};
  for (const auto& p : ci_of(env).pipeline_rows()) {
    rows.push_back({p.name, p.repo + "@" + p.branch, p.path, p.image.empty() ? "-" : p.image,
                    p.kubeconfig.empty() ? "(none)" : join_words(p.kubeconfig), std::to_string(p.runs),
                    since(p.last_run), p.last_revision.empty() ? "-" : p.last_revision.substr(0, 7),
                    p.last_result.empty() ? "-" : p.last_result});
  }
  if (rows.size() == 1) return Ran{"No push pipelines found.\n"};
  return Ran{format_table(rows, 3)};
}

Result<Ran> ci_get_images(CommandEnv& env) {
  if (auto st = have_ci(env); !st) return st.error();
  std::vector<std::vector<std::string>> rows = {
      {"NAME", "IMAGE", "POLICY", "LATEST", "LAST SCAN", "WRITES TO", "LAST PUSH", "MESSAGE"}};
  for (const auto& a : ci_of(env).automation_rows()) {
    const std::string push =
        a.last_push_commit.empty() ? "-" : a.last_push_commit.substr(0, 7) + " at " + since(a.last_push_time);
    rows.push_back({a.name, a.image, a.policy, a.latest.value_or("-"), since(a.last_scan),
                    a.repo + "@" + a.branch + ":" + (a.path.empty() ? "." : a.path), push,
                    a.message.empty() ? "-" : a.message});
  }
  if (rows.size() == 1) return Ran{"No image automations found.\n"};
  return Ran{format_table(rows, 3)};
}

// The longest CI fault, as for the other faults: a year.
constexpr Duration kMaxCiFault = Duration::hours(24 * 365);

Result<Ran> fault_ci_unreachable(CommandEnv& env) {
  if (auto st = have_ci(env); !st) return st.error();
  const std::string& name = env.cmd().args[0];
  auto cs = env.cluster_named(name);
  if (!cs) return cs.error();
  Duration d = kMaxCiFault;
  const bool timed = env.cmd().args.size() > 1 && !env.cmd().args[1].empty();
  if (timed) {
    auto parsed = parse_duration(env.cmd().args[1]);
    if (!parsed) return env.fail(parsed.error().message);
    if (*parsed > kMaxCiFault) {
      return env.fail("'" + env.cmd().args[1] + "' is more than a year; a fault lasts at most " +
                      format_duration(kMaxCiFault));
    }
    d = *parsed;
  }
  ci_of(env).set_unreachable((*cs)->name, env.now() + d);
  env.emit(events::fault_injected("ci-unreachable", (*cs)->name + (timed ? " for " + env.cmd().args[1] : ""),
                                  env.begin()));
  return Ran{};
}

Result<Ran> fault_ci_credential_leak(CommandEnv& env) {
  const std::string& name = env.cmd().args[0];
  if (auto st = known_pipeline(env, name); !st) return st.error();
  auto plan = ci_of(env).plan_leak(name, env.now());
  if (!plan) return env.fail(plan.error().message);
  // The blast radius: every cluster the leaked kubeconfig reaches.
  std::string target = name + ": ";
  if (plan->clusters.empty() && plan->out_of_reach.empty()) target += "no cluster (Git and registry only)";
  else target += plan->clusters.empty() ? std::string("no cluster up now") : join_words(plan->clusters);
  env.emit(events::fault_injected("ci-credential-leak", target, env.begin()));
  return Ran{ci_of(env).run_leak(*plan, env.now(), env.begin())};
}

}  // namespace

std::vector<CommandSpec> ci_commands() {
  using namespace spec;
  return {
      entry({"ci", "build"}, {arg("IMAGE")}, {required(flag("tag")), flag("pipeline")}, false,
            "build an image and push a tag to the registry", ci_build),
      entry({"ci", "deploy"}, {arg("PIPELINE")}, {flag("revision")}, false,
            "run a push pipeline: build, kubectl apply with its kubeconfig, rollout status", ci_deploy),
      entry({"ci", "get", "pipelines"}, {}, {}, true, "list push pipelines and their last run", ci_get_pipelines),
      entry({"ci", "get", "images"}, {}, {}, true, "list image automations (scan, policy, write-back)", ci_get_images),
      entry({"fault", "ci-unreachable"}, {arg("CLUSTER"), opt("DURATION", ValueKind::Duration)}, {}, false,
            "the CI cannot reach a cluster's API", fault_ci_unreachable),
      entry({"fault", "ci-credential-leak"}, {arg("PIPELINE")}, {}, false,
            "a pipeline's kubeconfig leaks: every cluster it reaches is changed", fault_ci_credential_leak),
  };
}

}  // namespace gs::world
