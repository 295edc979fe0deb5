// argocd: the application controller, as the argocd CLI reaches it. Reads
// print as the real CLI prints; operations check what Argo CD checks before
// they start (another operation running, the sync windows, the app's spec),
// so a refused one leaves no Action behind. `argocd app wait` lets virtual
// time pass through the world's TimeDriver (time_driver.hpp).
#include "sim/cluster/health/health.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/gitops/repo_server.hpp"
#include "sim/gitops/sync_window.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/commands/command_env.hpp"
#include "sim/world/commands/tools.hpp"
#include "sim/world/printers.hpp"

namespace gs::world {
namespace {

using AppState = gitops::AppController::AppState;

const std::string& app_name(const CommandEnv& env) { return env.cmd().args[0]; }

Result<const AppState*> find_app(CommandEnv& env) {
  auto& ctl = env.controller();
  if (const auto* st = ctl.find(app_name(env))) return st;
  std::string msg = "application '" + app_name(env) + "' not found";
  if (auto d = did_you_mean(app_name(env), ctl.app_names())) msg += "; did you mean '" + *d + "'?";
  return env.fail(msg);
}

// ---- reads ----

Result<Ran> app_list(CommandEnv& env) { return Ran{print_app_list(env.world(), env.cmd().flag("output").value_or(""))}; }

Result<Ran> app_get(CommandEnv& env) {
  if (auto st = find_app(env); !st) return st.error();
  const std::string verb = env.cmd().path[2];
  if (verb == "history") return Ran{print_app_history(env.world(), app_name(env))};
  if (verb == "resources") return Ran{print_app_resources(env.world(), app_name(env))};
  return Ran{print_app_get(env.world(), app_name(env), env.cmd().flag("output").value_or(""))};
}

Result<Ran> app_diff(CommandEnv& env) {
  if (auto st = find_app(env); !st) return st.error();
  auto d = env.controller().diff(app_name(env), env.now());
  if (!d) return env.fail(d.error().message);
  std::string out = print_app_diff(*d);
  const int exit_code = out.empty() ? 0 : 1;  // as `diff`: 1 when there are differences
  return Ran{std::move(out), exit_code};
}

Result<Ran> app_manifests(CommandEnv& env) {
  if (auto st = find_app(env); !st) return st.error();
  auto& ctl = env.controller();
  if (env.cmd().flag("source").value_or("git") == "live") return Ran{model::to_yaml_stream(ctl.live_manifests(app_name(env)))};
  auto m = ctl.desired_manifests(app_name(env), env.now());
  if (!m) return env.fail(m.error().message);
  return Ran{model::to_yaml_stream(*m)};
}

// ---- wait ----

// Whether the app is where the command's flags ask (none: Synced, Healthy
// and no operation running).
bool wait_met(const gitops::AppController& ctl, const Command& wait) {
  const auto* st = ctl.find(wait.args.at(0));
  if (!st) return false;
  const auto& s = st->status;
  const bool sync = wait.has("sync"), health = wait.has("health"), op = wait.has("operation"),
             suspended = wait.has("suspended"), degraded = wait.has("degraded");
  const bool none = !sync && !health && !op && !suspended && !degraded;
  if ((sync || none) && s.sync != gitops::SyncStatusCode::Synced) return false;
  if ((health || none) && s.health.status != cluster::HealthCode::Healthy) return false;
  if ((op || none) && s.operation_running()) return false;
  if (suspended && s.health.status != cluster::HealthCode::Suspended) return false;
  if (degraded && s.health.status != cluster::HealthCode::Degraded) return false;
  return true;
}

// --timeout in seconds, at most a virtual day; without it, kDefaultWait.
Result<Duration> wait_limit(const CommandEnv& env) {
  const auto timeout = env.cmd().flag("timeout");
  if (!timeout) return kDefaultWait;
  // Digits only (the parser checked), at most 18: never overflows.
  const std::int64_t secs = std::stoll(*timeout);
  if (secs > kMaxAdvance.ms / 1000) {
    return env.fail("--timeout " + *timeout + " is more than a virtual day; gitops-sim waits at most " +
                    std::to_string(kMaxAdvance.ms / 1000) + " s");
  }
  return secs > 0 ? Duration::seconds(secs) : kDefaultWait;  // Argo CD's 0 waits forever; a run cannot
}

Result<Ran> app_wait(CommandEnv& env) {
  if (auto st = find_app(env); !st) return st.error();
  auto limit = wait_limit(env);
  if (!limit) return limit.error();
  if (auto st = env.time().time_may_pass(); !st) return env.fail(st.error().message);
  env.begin();
  const std::string& app = app_name(env);
  const Command& cmd = env.cmd();
  const auto& ctl = env.controller();
  const TimeStop stop = env.time().pass_time(env.now() + *limit, [&] { return wait_met(ctl, cmd); });
  if (stop == TimeStop::Met) return Ran{print_app_get(env.world(), app)};
  if (stop == TimeStop::TeachingPause) {
    // The pause is shown before the answer: the learner runs the wait again to go on.
    return Ran{"stopped at a teaching pause (" + format_offset(env.now()) + ") while waiting for app \"" + app +
                   "\"; run the command again to go on\n",
               1};
  }
  return Ran{"timed out (" + std::to_string(limit->ms / 1000) + "s) waiting for app \"" + app +
                 "\" match desired state\n",
             1};
}

// ---- operations ----

Result<Ran> app_sync(CommandEnv& env) {
  auto st = find_app(env);
  if (!st) return st.error();
  gitops::SyncRequest req;
  req.prune = env.cmd().has("prune");
  req.dry_run = env.cmd().has("dry-run");
  if (auto r = env.cmd().flag("revision")) req.revision = *r;
  if (auto it = env.cmd().flags.find("resource"); it != env.cmd().flags.end()) req.resources = it->second;
  if (auto ok = env.controller().check_sync(app_name(env), req, env.now()); !ok) return env.fail(ok.error().message);
  if (auto s = env.controller().sync(app_name(env), req, env.now(), env.begin()); !s) return env.fail(s.error().message);
  return Ran{};
}

Result<Ran> app_refresh(CommandEnv& env) {
  if (auto st = find_app(env); !st) return st.error();
  if (auto s = env.controller().refresh(app_name(env), env.cmd().has("hard"), env.now(), env.begin()); !s) {
    return env.fail(s.error().message);
  }
  return Ran{};
}

Result<Ran> app_rollback(CommandEnv& env) {
  auto st = find_app(env);
  if (!st) return st.error();
  std::optional<std::int64_t> id;
  if (env.cmd().args.size() > 1) id = std::stoll(env.cmd().args[1]);
  if (auto ok = env.controller().check_rollback(app_name(env), id, env.now()); !ok) return env.fail(ok.error().message);
  if (auto s = env.controller().rollback(app_name(env), id, env.now(), env.begin()); !s) return env.fail(s.error().message);
  return Ran{};
}

// The automated policy `argocd app set` leaves, or an error for switches
// that need --sync-policy automated.
Result<std::optional<gitops::SyncPolicyAutomated>> policy_after_set(const CommandEnv& env, const AppState& st) {
  const Command& cmd = env.cmd();
  auto policy = cmd.flag("sync-policy");
  std::optional<gitops::SyncPolicyAutomated> automated = st.app.spec.sync_policy.automated;
  if (policy && *policy == "none") return std::optional<gitops::SyncPolicyAutomated>{};
  if (policy || automated) {
    gitops::SyncPolicyAutomated a = automated.value_or(gitops::SyncPolicyAutomated{});
    if (cmd.has("self-heal")) a.self_heal = true;
    if (cmd.has("auto-prune")) a.prune = true;
    if (cmd.has("allow-empty")) a.allow_empty = true;
    return std::optional<gitops::SyncPolicyAutomated>{a};
  }
  if (cmd.has("self-heal") || cmd.has("auto-prune") || cmd.has("allow-empty")) {
    return env.fail("--self-heal, --auto-prune and --allow-empty need --sync-policy automated");
  }
  return automated;
}

bool sets_policy(const Command& cmd) {
  return cmd.has("sync-policy") || cmd.has("self-heal") || cmd.has("auto-prune") || cmd.has("allow-empty");
}

// Every --sync-option checked before anything is set (a leading ! removes one).
Status check_set(const CommandEnv& env) {
  const Command& cmd = env.cmd();
  if (!sets_policy(cmd) && !cmd.has("revision") && !cmd.has("sync-option") && !cmd.has("revision-history-limit")) {
    return env.fail("nothing to set; give --sync-policy, --self-heal, --auto-prune, --allow-empty, --revision, "
                    "--sync-option or --revision-history-limit");
  }
  if (auto it = cmd.flags.find("sync-option"); it != cmd.flags.end()) {
    for (const auto& o : it->second) {
      if (auto st = gitops::check_sync_option(o.rfind('!', 0) == 0 ? o.substr(1) : o); !st) {
        return env.fail("--sync-option " + o + ": " + st.error().message);
      }
    }
  }
  return {};
}

// Every change is said in the log: the policy as before, the rest field by field.
Status set_fields(CommandEnv& env, EventId cause) {
  const Command& cmd = env.cmd();
  auto& ctl = env.controller();
  const std::string& app = app_name(env);
  if (auto r = cmd.flag("revision")) {
    if (auto st = ctl.set_target_revision(app, *r, env.now(), cause); !st) return st;
    env.emit(events::app_spec_field_changed(app, "targetRevision", *r, cause));
  }
  if (auto it = cmd.flags.find("sync-option"); it != cmd.flags.end()) {
    for (const auto& o : it->second) {
      if (auto st = ctl.set_sync_option(app, o, env.now(), cause); !st) return st;
      env.emit(events::app_spec_field_changed(app, "syncOptions", o, cause));
    }
  }
  if (auto n = cmd.flag("revision-history-limit")) {
    if (auto st = ctl.set_revision_history_limit(app, std::stoll(*n), env.now(), cause); !st) return st;
    env.emit(events::app_spec_field_changed(app, "revisionHistoryLimit", *n, cause));
  }
  return {};
}

Result<Ran> app_set(CommandEnv& env) {
  auto st = find_app(env);
  if (!st) return st.error();
  if (auto ok = check_set(env); !ok) return ok.error();
  auto automated = policy_after_set(env, **st);
  if (!automated) return automated.error();
  const EventId cause = env.begin();
  if (sets_policy(env.cmd())) {
    if (auto s = env.controller().set_automated(app_name(env), *automated, env.now(), cause); !s) {
      return env.fail(s.error().message);
    }
    const auto& a = *automated;
    env.emit(events::app_policy_changed(app_name(env), a ? "Automated" : "Manual", a && a->self_heal, a && a->prune,
                                        cause));
  }
  if (auto s = set_fields(env, cause); !s) return env.fail(s.error().message);
  return Ran{};
}

Result<Ran> app_delete(CommandEnv& env) {
  if (auto st = find_app(env); !st) return st.error();
  const bool cascade = env.cmd().flag("cascade").value_or("true") == "true";
  if (auto s = env.controller().delete_application(app_name(env), cascade, env.now(), env.begin()); !s) {
    return env.fail(s.error().message);
  }
  // As the CLI says it (cmd/argocd/commands/app.go NewApplicationDeleteCommand).
  return Ran{"application '" + app_name(env) + "' deleted\n"};
}

Result<Ran> app_terminate_op(CommandEnv& env) {
  auto st = find_app(env);
  if (!st) return st.error();
  if (!(*st)->status.operation_running()) {
    return env.fail("Unable to terminate operation. No operation is in progress");
  }
  if (auto s = env.controller().terminate_operation(app_name(env), env.now(), env.begin()); !s) {
    return env.fail(s.error().message);
  }
  return Ran{};
}

}  // namespace

std::vector<CommandSpec> argocd_commands() {
  using namespace spec;
  return {
      entry({"argocd", "app", "list"}, {}, {one_of("output", {"wide", "name", "json", "yaml"}, "o")}, true,
            "list applications", app_list),
      entry({"argocd", "app", "get"}, {arg("APP")},
            {sw("refresh"), sw("hard-refresh"), one_of("output", {"wide", "yaml", "json"}, "o")}, true,
            "show an application (-o yaml: the Application object)", app_get),
      entry({"argocd", "app", "diff"}, {arg("APP")}, {}, true, "diff desired vs live", app_diff,
            "1 when there are differences"),
      entry({"argocd", "app", "history"}, {arg("APP")}, {}, true, "deployment history", app_get),
      entry({"argocd", "app", "manifests"}, {arg("APP")}, {one_of("source", {"git", "live"})}, true, "print manifests",
            app_manifests),
      entry({"argocd", "app", "resources"}, {arg("APP")}, {}, true, "list the app's resources", app_get),
      entry({"argocd", "app", "wait"}, {arg("APP")},
            {sw("sync"), sw("health"), sw("operation"), sw("suspended"), sw("degraded"),
             flag("timeout", "", ValueKind::NonNegativeInt)},
            false,
            "let virtual time pass until the app is Synced, Healthy and idle (or what the flags ask); "
            "--timeout in seconds (up to a day), at most 1h without it; stops at a teaching pause",
            app_wait, "1 when it timed out or stopped at a teaching pause"),
      entry({"argocd", "app", "sync"}, {arg("APP")},
            {sw("prune"), sw("dry-run"), flag("revision"), repeatable(flag("resource"))}, false,
            "sync an app; --resource GROUP:KIND:[NAMESPACE/]NAME (repeatable, ! excludes, * any) syncs only those",
            app_sync),
      entry({"argocd", "app", "refresh"}, {arg("APP")}, {sw("hard")}, false, "refresh an app", app_refresh),
      entry({"argocd", "app", "rollback"}, {arg("APP"), opt("ID", ValueKind::NonNegativeInt)}, {}, false,
            "roll back to a history entry", app_rollback),
      entry({"argocd", "app", "set"}, {arg("APP")},
            {one_of("sync-policy", {"automated", "none", "auto"}), sw("self-heal"), sw("auto-prune"), sw("allow-empty"),
             flag("revision"), repeatable(flag("sync-option")),
             flag("revision-history-limit", "", ValueKind::NonNegativeInt)},
            false, "change an app's sync policy, target revision, sync options or history limit", app_set),
      entry({"argocd", "app", "delete"}, {arg("APP")}, {one_of("cascade", {"true", "false"}), sw("yes", "y")}, false,
            "delete an app; with --cascade=false its resources stay in the cluster", app_delete),
      entry({"argocd", "app", "terminate-op"}, {arg("APP")}, {}, false, "terminate the running operation",
            app_terminate_op),
  };
}

}  // namespace gs::world
