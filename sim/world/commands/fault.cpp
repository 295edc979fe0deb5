// fault: injected failures (an image that fails to pull, pods that crash, a
// cluster API outage, a Git host out of reach, push webhooks lost). Every
// fault is checked whole before it is injected.
#include "sim/cluster/cluster.hpp"
#include "sim/cluster/image_registry.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/repo_server.hpp"
#include "sim/world/commands/command_env.hpp"
#include "sim/world/commands/tools.hpp"

namespace gs::world {
namespace {

void fault_injected(CommandEnv& env, const std::string& target) {
  env.emit(events::fault_injected(env.cmd().path[1], target, env.begin()));
}

// The longest fault. The fault ends at now + DURATION: a year is longer than
// any run, and keeps that sum far inside 64-bit milliseconds, which
// parse_duration's own limit (what fits alone) does not
// (fault outage dev 9223372036854775000ms, found by fuzz_command).
constexpr Duration kMaxFault = Duration::hours(24 * 365);

// DURATION (the parser checked its syntax), at most kMaxFault.
Result<Duration> duration_arg(const CommandEnv& env) {
  const std::string& text = env.cmd().args[1];
  auto d = parse_duration(text);
  if (!d) return env.fail(d.error().message);
  if (*d > kMaxFault) {
    return env.fail("'" + text + "' is more than a year; a fault lasts at most " + format_duration(kMaxFault));
  }
  return d;
}

Result<Ran> fault_image_pull(CommandEnv& env) {
  const std::string& image = env.cmd().args[0];
  auto ref = cluster::parse_image_ref(image);
  if (!ref || ref->tag.empty()) return env.fail("expected IMAGE:TAG, got '" + image + "'");
  if (auto st = env.registry().fail_pull(image); !st) return env.fail(st.error().message);
  fault_injected(env, image);
  return Ran{};
}

// A fault on `target` for DURATION (the second argument): `start` it, to end then.
template <class Start>
Result<Ran> fault_for(CommandEnv& env, const std::string& target, Start start) {
  auto d = duration_arg(env);
  if (!d) return d.error();
  start(env.now() + *d);
  fault_injected(env, target + " for " + env.cmd().args[1]);
  return Ran{};
}

Result<Ran> fault_outage(CommandEnv& env) {
  auto cs = env.cluster_named(env.cmd().args[0]);
  if (!cs) return cs.error();
  return fault_for(env, (*cs)->name, [&](TimePoint until) { (*cs)->cluster->set_outage(until); });
}

Result<Ran> fault_crash(CommandEnv& env) {
  auto cs = env.cluster();
  if (!cs) return cs.error();
  const std::string& word = env.cmd().args[0];
  cluster::ObjectKey k{"apps", "Deployment", env.cmd().flag("namespace").value_or("default"), word};
  if (const auto slash = word.find('/'); slash != std::string::npos) k.name = word.substr(slash + 1);
  if (!(*cs)->cluster->get(k)) {
    return env.fail("deployment '" + k.name + "' not found in namespace '" + k.ns + "' of cluster '" + (*cs)->name + "'");
  }
  (*cs)->cluster->set_crash(k, true, env.now());
  fault_injected(env, (*cs)->name + "/" + k.ns + "/" + k.name);
  return Ran{};
}

Result<Ran> fault_repo_unreachable(CommandEnv& env) {
  auto repo = env.repo(env.cmd().args[0]);
  if (!repo) return repo.error();
  return fault_for(env, (*repo)->name, [&](TimePoint until) { env.repo_server().set_unreachable((*repo)->url, until); });
}

// Without DURATION the webhooks stay lost for the rest of the run.
Result<Ran> fault_webhook_lost(CommandEnv& env) {
  auto repo = env.repo(env.cmd().args[0]);
  if (!repo) return repo.error();
  if (env.cmd().args.size() < 2 || env.cmd().args[1].empty()) {
    (*repo)->webhook_lost_until = env.now() + kMaxFault;
    fault_injected(env, (*repo)->name);
    return Ran{};
  }
  return fault_for(env, (*repo)->name, [&](TimePoint until) { (*repo)->webhook_lost_until = until; });
}

}  // namespace

std::vector<CommandSpec> fault_commands() {
  using namespace spec;
  return {
      entry({"fault", "image-pull"}, {arg("IMAGE:TAG")}, {}, false, "make an image tag fail to pull", fault_image_pull),
      entry({"fault", "crash"}, {arg("DEPLOYMENT")}, {ns(), cluster()}, false, "make a deployment's pods crash",
            fault_crash),
      entry({"fault", "outage"}, {arg("CLUSTER"), arg("DURATION", ValueKind::Duration)}, {}, false, "cluster API outage",
            fault_outage),
      entry({"fault", "repo-unreachable"}, {arg("REPO"), arg("DURATION", ValueKind::Duration)}, {}, false,
            "Git host unreachable", fault_repo_unreachable),
      entry({"fault", "webhook-lost"}, {arg("REPO"), opt("DURATION", ValueKind::Duration)}, {}, false,
            "drop a repository's push webhooks", fault_webhook_lost),
  };
}

}  // namespace gs::world
