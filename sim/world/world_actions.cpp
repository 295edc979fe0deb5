// The World's actions: what each command of the language does to the
// repositories, clusters and controller. Checks come first and change
// nothing; the Action event is recorded only when a change is about to be made.
#include <algorithm>

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/kubectl_print.hpp"
#include "sim/cluster/image_registry.hpp"
#include "sim/core/events.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/gitops/repo_server.hpp"
#include "sim/model/path.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/printers.hpp"
#include "sim/world/world.hpp"

namespace gs::world {
namespace {

using model::Node;

constexpr const char* kDefaultAuthor = "gitops-sim <sim@gitops-sim.example>";

struct RepoRef {
  std::string repo;
  std::string rev;
};

Result<RepoRef> parse_repo_ref(const Command& cmd, const std::string& word, bool rev_required) {
  const auto at = word.find('@');
  if (at == std::string::npos) {
    if (rev_required) return Error(cmd.name() + ": expected REPO@BRANCH, got '" + word + "'");
    return RepoRef{word, ""};
  }
  if (at == 0 || at + 1 == word.size()) return Error(cmd.name() + ": expected REPO@BRANCH, got '" + word + "'");
  return RepoRef{word.substr(0, at), word.substr(at + 1)};
}

std::string trim_message(std::string m) {
  while (!m.empty() && m.back() == '\n') m.pop_back();
  return m;
}

// "deployment/web" or ("deployment", "web").
struct ObjectWord {
  std::string kind;
  std::string name;
};

ObjectWord split_object_word(const Command& cmd) {
  const std::string& first = cmd.args.empty() ? std::string() : cmd.args[0];
  const auto slash = first.find('/');
  if (slash != std::string::npos) return {first.substr(0, slash), first.substr(slash + 1)};
  if (cmd.args.size() > 1 && cmd.spec && cmd.spec->args.size() > 1 && cmd.spec->args[1].name == "NAME") {
    return {first, cmd.args[1]};
  }
  return {first, ""};
}

}  // namespace

// ---------------------------------------------------------------------------
// git

Result<std::string> World::run_git(ActionContext& ctx, const StagedFiles& files) {
  const Command& cmd = ctx.cmd;
  const std::string verb = cmd.path[1];
  auto find_repo = [&](const std::string& name) -> Result<RepoState*> {
    RepoState* r = repo_mut(name);
    if (!r) {
      std::vector<std::string> names;
      for (const auto& x : repos_) names.push_back(x.name);
      std::string msg = cmd.name() + ": unknown repository '" + name + "'";
      if (auto d = did_you_mean(name, names)) msg += "; did you mean '" + *d + "'?";
      return Error(msg);
    }
    return r;
  };
  auto author_of = [&]() -> Result<git::Signature> {
    auto a = git::parse_signature(cmd.flag("author").value_or(kDefaultAuthor));
    if (!a) return Error(cmd.name() + ": --author: " + a.error().message);
    return a;
  };
  // REPO@BRANCH in the first argument: the repository it names, and the branch.
  struct BranchTarget {
    RepoRef ref;
    RepoState* repo;
  };
  auto branch_target = [&]() -> Result<BranchTarget> {
    auto ref = parse_repo_ref(cmd, cmd.args[0], true);
    if (!ref) return ref.error();
    auto repo = find_repo(ref->repo);
    if (!repo) return repo.error();
    return BranchTarget{*ref, *repo};
  };
  const std::int64_t when = epoch_s_at(now_);
  auto wrap = [&](const Error& e) { return Error(cmd.name() + ": " + e.message); };

  if (verb == "commit" || verb == "edit") {
    auto target = branch_target();
    if (!target) return target.error();
    const RepoRef* ref = &target->ref;
    RepoState** repo = &target->repo;
    auto author = author_of();
    if (!author) return author.error();
    StagedFiles changes = files;
    if (verb == "edit") {
      const std::string& file = cmd.args[1];
      auto content = (*repo)->repo->read_file(ref->rev, file);
      if (!content) return wrap(content.error());
      auto doc = model::parse_yaml(*content, model::LoadOptions{file});
      if (!doc) return Error(cmd.name() + ": " + doc.error().render());
      for (std::size_t i = 2; i < cmd.args.size(); ++i) {
        const std::string& assign = cmd.args[i];
        const auto eq = assign.find('=');
        if (eq == std::string::npos || eq == 0) {
          return Error(cmd.name() + ": expected PATH=VALUE, got '" + assign + "'");
        }
        auto path = model::parse_field_path(assign.substr(0, eq));
        if (!path) return Error(cmd.name() + ": '" + assign + "': " + path.error().message);
        auto value = model::parse_yaml(assign.substr(eq + 1));
        if (!value || !(value->is_scalar() || value->is_null())) {
          return Error(cmd.name() + ": '" + assign + "': the value must be a YAML scalar");
        }
        if (auto st = model::set_path(*doc, *path, std::move(value.value())); !st) {
          return Error(cmd.name() + ": '" + assign + "': " + st.error().message);
        }
      }
      changes = {{file, model::to_yaml(*doc)}};
    } else if (changes.empty()) {
      return Error(cmd.name() + ": nothing to commit: give files: or delete: beside the command");
    }
    const std::string message = *cmd.flag("message");
    auto sha = (*repo)->repo->commit(ref->rev, changes, *author, message, when);
    if (!sha) return wrap(sha.error());
    ctx.begin();  // after the commit: a refused commit leaves no trace
    record_commit(**repo, ref->rev, *sha, ctx.id);
    std::size_t changed = changes.size();
    return "[" + ref->rev + " " + sha->substr(0, 7) + "] " + message + "\n " + std::to_string(changed) +
           (changed == 1 ? " file changed\n" : " files changed\n");
  }
  if (verb == "branch" || verb == "tag") {
    auto repo = find_repo(cmd.args[0]);
    if (!repo) return repo.error();
    std::string from = cmd.args.size() > 2 ? cmd.args[2] : "HEAD";
    if (from == "HEAD") {
      const auto b = (*repo)->repo->branches();
      from = std::find(b.begin(), b.end(), "main") != b.end() ? "main" : (b.empty() ? "HEAD" : b.front());
    }
    // Check first so a failure leaves no Action behind.
    if (auto sha = (*repo)->repo->resolve(from); !sha) return wrap(sha.error());
    Status st = verb == "branch" ? (*repo)->repo->create_branch(cmd.args[1], from)
                                 : (*repo)->repo->create_tag(cmd.args[1], from);
    if (!st) return wrap(st.error());
    ctx.begin();
    const std::string sha = *(*repo)->repo->resolve(cmd.args[1]);
    log_.emit(now_, verb == "branch" ? events::branch_created((*repo)->name, cmd.args[1], sha, ctx.id)
                                     : events::tag_created((*repo)->name, cmd.args[1], sha, ctx.id));
    return std::string();
  }
  if (verb == "merge") {
    auto repo = find_repo(cmd.args[0]);
    if (!repo) return repo.error();
    auto author = author_of();
    if (!author) return author.error();
    const std::string& from = cmd.args[1];
    const std::string& into = cmd.args[2];
    const std::string message = cmd.flag("message").value_or("Merge branch '" + from + "' into " + into);
    auto before = (*repo)->repo->resolve(into);
    if (!before) return wrap(before.error());
    auto sha = (*repo)->repo->merge(from, into, *author, message, when);
    if (!sha) return wrap(sha.error());  // a conflict changed nothing
    if (*sha == *before) return std::string("Already up to date.\n");
    ctx.begin();
    record_commit(**repo, into, *sha, ctx.id);
    return "Updating " + before->substr(0, 7) + ".." + sha->substr(0, 7) + "\n";
  }
  if (verb == "revert") {
    auto target = branch_target();
    if (!target) return target.error();
    const RepoRef* ref = &target->ref;
    RepoState** repo = &target->repo;
    auto author = author_of();
    if (!author) return author.error();
    const std::string rev = cmd.args.size() > 1 ? cmd.args[1] : ref->rev;
    auto sha = (*repo)->repo->revert(ref->rev, rev, *author, when);
    if (!sha) return wrap(sha.error());
    ctx.begin();
    record_commit(**repo, ref->rev, *sha, ctx.id);
    auto info = (*repo)->repo->commit_info(*sha);
    const std::string subject = info ? trim_message(info->message.substr(0, info->message.find('\n'))) : "";
    return "[" + ref->rev + " " + sha->substr(0, 7) + "] " + subject + "\n";
  }
  if (verb == "reset") {
    auto target = branch_target();
    if (!target) return target.error();
    const RepoRef* ref = &target->ref;
    RepoState** repo = &target->repo;
    auto sha = (*repo)->repo->resolve(cmd.args[1]);
    if (!sha) return wrap(sha.error());
    if (auto st = (*repo)->repo->reset(ref->rev, *sha); !st) return wrap(st.error());
    ctx.begin();
    log_.emit(now_, events::branch_reset((*repo)->name, ref->rev, *sha, ctx.id));
    if ((*repo)->webhook) notify_push(**repo, ref->rev, ctx.id);
    return "HEAD is now at " + sha->substr(0, 7) + "\n";
  }
  if (verb == "push") {
    auto repo = find_repo(cmd.args[0]);
    if (!repo) return repo.error();
    ctx.begin();
    log_.emit(now_, events::webhook_received((*repo)->name, ctx.id));
    for (const auto& b : (*repo)->repo->branches()) notify_push(**repo, b, ctx.id);
    return std::string();
  }
  if (verb == "log") {
    auto ref = parse_repo_ref(cmd, cmd.args[0], false);
    if (!ref) return ref.error();
    auto repo = find_repo(ref->repo);
    if (!repo) return repo.error();
    std::size_t max = SIZE_MAX;
    if (auto m = cmd.flag("max-count")) max = static_cast<std::size_t>(std::stoll(*m));
    auto log = (*repo)->repo->log(ref->rev.empty() ? "HEAD" : ref->rev, max);
    if (!log) return wrap(log.error());
    return print_git_log(*log);
  }
  if (verb == "show") {
    auto target = branch_target();
    if (!target) return target.error();
    const RepoRef* ref = &target->ref;
    RepoState** repo = &target->repo;
    if (cmd.args.size() > 1) {
      auto content = (*repo)->repo->read_file(ref->rev, cmd.args[1]);
      if (!content) return wrap(content.error());
      return *content;
    }
    auto info = (*repo)->repo->commit_info(ref->rev);
    if (!info) return wrap(info.error());
    auto changes = (*repo)->repo->diff(info->parents.empty() ? "" : info->parents.front(), info->sha);
    return print_git_log({*info}) + (changes ? print_git_changes(*changes) : std::string());
  }
  return Error(cmd.name() + ": not supported");
}

// ---------------------------------------------------------------------------
// kubectl

Result<std::string> World::run_kubectl(ActionContext& ctx, const StagedFiles& files) {
  const Command& cmd = ctx.cmd;
  const std::string verb = cmd.path[1];
  // --cluster may be omitted when there is only one cluster.
  ClusterState* cs = nullptr;
  if (auto name = cmd.flag("cluster")) {
    cs = cluster_mut(*name);
    if (!cs) {
      std::vector<std::string> names;
      for (const auto& c : clusters_) names.push_back(c.name);
      std::string msg = cmd.name() + ": unknown cluster '" + *name + "'";
      if (auto d = did_you_mean(*name, names)) msg += "; did you mean '" + *d + "'?";
      return Error(msg + "; expected one of " + [&] {
        std::string s;
        for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
        return s;
      }());
    }
  } else if (clusters_.size() == 1) {
    cs = &clusters_.front();
  } else {
    return Error(cmd.name() + ": --cluster is required when a scenario has several clusters");
  }
  cluster::Cluster& c = *cs->cluster;
  const std::string ns = cmd.flag("namespace").value_or("default");
  auto wrap = [&](const Error& e) { return Error(cmd.name() + ": " + e.message); };
  auto live_changed = [&](const cluster::ObjectKey& k, const std::string& what) {
    log_.emit(now_, events::live_changed({cs->name, k.kind, k.ns, k.name}, "kubectl", what, ctx.id));
  };
  auto target = [&](const ObjectWord& w) -> Result<cluster::ObjectKey> {
    if (w.name.empty()) return Error(cmd.name() + ": expected KIND/NAME, got '" + w.kind + "'");
    auto info = c.resolve_resource(w.kind);
    if (!info) return wrap(info.error());
    cluster::ObjectKey k{info->group, info->kind, info->namespaced ? ns : "", w.name};
    if (!c.get(k)) {
      return Error(cmd.name() + ": Error from server (NotFound): " + info->resource +
                   (info->group.empty() ? "" : "." + info->group) + " \"" + w.name + "\" not found");
    }
    return k;
  };
  const ObjectWord word = split_object_word(cmd);

  if (verb == "get" && (word.kind == "events" || word.kind == "event" || word.kind == "ev") && word.name.empty()) {
    // Events are kept beside the store (cluster/kube_event.hpp), not as objects.
    const bool all = cmd.has("all-namespaces");
    std::vector<cluster::KubeEvent> events;
    for (const auto& e : c.kube_events()) {
      if (all || e.object.ns == ns) events.push_back(e);
    }
    cluster::GetOptions opts;
    opts.all_namespaces = all;
    opts.ns = ns;
    return cluster::kubectl_get_events(std::move(events), c.epoch_s_at(now_), c.epoch_s_at(TimePoint{0}), opts);
  }
  if (verb == "get" || verb == "describe") {
    auto info = c.resolve_resource(word.kind);
    if (!info) return wrap(info.error());
    const bool all = cmd.has("all-namespaces");
    return verb == "get" ? print_kubectl_get(c, *info, all ? std::nullopt : std::optional<std::string>(ns), word.name,
                                             cmd.flag("output").value_or(""), now_, &controller())
                         : print_kubectl_describe(c, *info, ns, word.name, now_);
  }
  if (verb == "scale") {
    auto k = target(word);
    if (!k) return k.error();
    if (auto st = c.scale(word.kind, k->ns, k->name, *cmd.flag("replicas"), now_, "kubectl"); !st) return wrap(st.error());
    ctx.begin();
    live_changed(*k, "spec.replicas=" + *cmd.flag("replicas"));
    return k->kubectl_ref() + " scaled\n";
  }
  if (verb == "set") {  // set image
    auto k = target(word);
    if (!k) return k.error();
    for (std::size_t i = 1; i < cmd.args.size(); ++i) {
      const auto eq = cmd.args[i].find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == cmd.args[i].size()) {
        return Error(cmd.name() + ": expected CONTAINER=IMAGE, got '" + cmd.args[i] + "'");
      }
    }
    ctx.begin();
    for (std::size_t i = 1; i < cmd.args.size(); ++i) {
      const auto eq = cmd.args[i].find('=');
      const std::string container = cmd.args[i].substr(0, eq), image = cmd.args[i].substr(eq + 1);
      if (auto st = c.set_image(word.kind, k->ns, k->name, container, image, now_, "kubectl"); !st) return wrap(st.error());
      live_changed(*k, "image " + container + "=" + image);
    }
    return k->kubectl_ref() + " image updated\n";
  }
  if (verb == "patch") {
    auto k = target(word);
    if (!k) return k.error();
    auto patch = model::parse_yaml(*cmd.flag("patch"), model::LoadOptions{"--patch"});
    if (!patch || !patch->is_map()) {
      return Error(cmd.name() + ": -p: expected a JSON object such as '{\"spec\":{\"replicas\":2}}'" +
                   (patch ? std::string() : ": " + patch.error().message));
    }
    if (auto st = c.patch_merge(*k, *patch, now_, "kubectl"); !st) return wrap(st.error());
    ctx.begin();
    live_changed(*k, "patch " + model::to_json(*patch));
    return k->kubectl_ref() + " patched\n";
  }
  if (verb == "delete") {
    auto k = target(word);
    if (!k) return k.error();
    if (auto st = c.remove(*k, now_, "kubectl"); !st) return wrap(st.error());
    ctx.begin();
    live_changed(*k, "deleted");
    return k->kubectl_ref() + " deleted\n";
  }
  if (verb == "label" || verb == "annotate") {
    auto k = target(word);
    if (!k) return k.error();
    struct Edit {
      std::string key;
      std::optional<std::string> value;
    };
    std::vector<Edit> edits;
    for (std::size_t i = 1; i < cmd.args.size(); ++i) {
      const std::string& a = cmd.args[i];
      const auto eq = a.find('=');
      if (eq != std::string::npos && eq > 0) {
        edits.push_back({a.substr(0, eq), a.substr(eq + 1)});
      } else if (a.size() > 1 && a.back() == '-') {
        edits.push_back({a.substr(0, a.size() - 1), std::nullopt});
      } else {
        return Error(cmd.name() + ": expected KEY=VALUE or KEY-, got '" + a + "'");
      }
    }
    ctx.begin();
    for (const auto& e : edits) {
      std::optional<std::string_view> v;
      if (e.value) v = *e.value;
      Status st = verb == "label" ? c.label(*k, e.key, v, now_, "kubectl", cmd.has("overwrite"))
                                  : c.annotate(*k, e.key, v, now_, "kubectl", cmd.has("overwrite"));
      if (!st) return wrap(st.error());
      live_changed(*k, verb + " " + e.key + (e.value ? "=" + *e.value : "-"));
    }
    return k->kubectl_ref() + (verb == "label" ? " labeled\n" : " annotated\n");
  }
  if (verb == "apply") {
    // -f names a file staged beside the command, or REPO@REV:PATH in a repository.
    const std::string f = *cmd.flag("filename");
    std::string text;
    if (auto it = files.find(f); it != files.end() && it->second) {
      text = *it->second;
    } else if (const auto colon = f.find(':'); colon != std::string::npos && f.find('@') < colon) {
      auto ref = parse_repo_ref(cmd, f.substr(0, colon), true);
      if (!ref) return ref.error();
      const RepoState* r = repo_by_name(ref->repo);
      if (!r) return Error(cmd.name() + ": unknown repository '" + ref->repo + "'");
      auto content = r->repo->read_file(ref->rev, f.substr(colon + 1));
      if (!content) return wrap(content.error());
      text = *content;
    } else {
      return Error(cmd.name() + ": -f '" + f + "': expected a file given beside the command or REPO@REV:PATH");
    }
    auto docs = model::parse_yaml_stream(text, model::LoadOptions{f});
    if (!docs) return Error(cmd.name() + ": " + docs.error().render());
    std::string out;
    // Validate every object first so a bad document changes nothing.
    std::vector<cluster::ObjectKey> keys;
    for (auto& d : *docs) {
      if (!d.find("metadata") || !d.get({"metadata", "namespace"})) d["metadata"]["namespace"] = Node::string(ns);
      auto k = c.key_of(d);
      if (!k) return wrap(k.error());
      keys.push_back(*k);
    }
    ctx.begin();
    for (std::size_t i = 0; i < docs->size(); ++i) {
      auto applied = c.apply((*docs)[i], now_, "kubectl");
      if (!applied) return wrap(applied.error());
      live_changed(keys[i], "apply");
      out += applied->kubectl_line() + "\n";
    }
    return out;
  }
  return Error(cmd.name() + ": not supported");
}

// ---------------------------------------------------------------------------
// argocd

bool World::app_wait_met(const Command& wait) const {
  const auto* st = controller().find(wait.args.at(0));
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

Duration World::app_wait_limit(const Command& wait) {
  std::int64_t secs = wait.flag("timeout") ? std::stoll(*wait.flag("timeout")) : 0;
  secs = std::min<std::int64_t>(secs, 86'401);  // past a day is refused; never overflow the ms
  return secs > 0 ? Duration::seconds(secs) : Duration::hours(1);  // Argo CD's 0 waits forever; a run cannot
}

Result<std::string> World::run_argocd(ActionContext& ctx) {
  const Command& cmd = ctx.cmd;
  const std::string verb = cmd.path[2];
  auto& ctl = controller();
  if (verb == "list") return print_app_list(*this, cmd.flag("output").value_or(""));
  const std::string& app = cmd.args[0];
  const auto* st = ctl.find(app);
  if (!st) {
    std::string msg = cmd.name() + ": application '" + app + "' not found";
    if (auto d = did_you_mean(app, ctl.app_names())) msg += "; did you mean '" + *d + "'?";
    return Error(msg);
  }
  auto wrap = [&](const Error& e) { return Error(cmd.name() + ": " + e.message); };
  if (verb == "get") return print_app_get(*this, app);
  if (verb == "wait") {
    if (app_wait_limit(cmd) > Duration::hours(24)) {
      return Error(cmd.name() + ": --timeout " + *cmd.flag("timeout") +
                   " is more than a virtual day; gitops-sim waits at most 86400 s");
    }
    // Time passes until the app is there, task by task, so it stops at the
    // first instant it holds; the instant is finished before returning.
    ctx.begin();
    const TimePoint limit = now_ + app_wait_limit(cmd);
    auto met = [&] { return app_wait_met(cmd); };
    for (int guard = 0; guard < 1'000'000 && !met() && now_ < limit; ++guard) {
      run_steps(limit, {}, met);
      if (stage_ != Stage::None) run_steps(now_, {}, {});
    }
    if (!met()) {
      return "timed out (" + std::to_string(app_wait_limit(cmd).ms / 1000) + "s) waiting for app \"" + app +
             "\" match desired state\n";
    }
    return print_app_get(*this, app);
  }
  if (verb == "history") return print_app_history(*this, app);
  if (verb == "resources") return print_app_resources(*this, app);
  if (verb == "diff") {
    auto d = ctl.diff(app, now_);
    if (!d) return wrap(d.error());
    return print_app_diff(*d);
  }
  if (verb == "manifests") {
    if (cmd.flag("source").value_or("git") == "live") return model::to_yaml_stream(ctl.live_manifests(app));
    auto m = ctl.desired_manifests(app, now_);
    if (!m) return wrap(m.error());
    return model::to_yaml_stream(*m);
  }
  if (verb == "sync") {
    gitops::SyncRequest req;
    req.prune = cmd.has("prune");
    req.dry_run = cmd.has("dry-run");
    if (auto r = cmd.flag("revision")) req.revision = *r;
    if (st->status.operation_running()) return Error(cmd.name() + ": another operation is already in progress");
    ctx.begin();
    if (auto s = ctl.sync(app, req, now_, ctx.id); !s) return wrap(s.error());
    return std::string();
  }
  if (verb == "refresh") {
    ctx.begin();
    if (auto s = ctl.refresh(app, cmd.has("hard"), now_, ctx.id); !s) return wrap(s.error());
    return std::string();
  }
  if (verb == "rollback") {
    std::optional<std::int64_t> id;
    if (cmd.args.size() > 1) id = std::stoll(cmd.args[1]);
    if (st->app.spec.sync_policy.automated) {
      return Error(cmd.name() + ": rollback cannot be initiated when auto-sync is enabled");
    }
    ctx.begin();
    if (auto s = ctl.rollback(app, id, now_, ctx.id); !s) return wrap(s.error());
    return std::string();
  }
  if (verb == "set") {
    auto policy = cmd.flag("sync-policy");
    std::optional<gitops::SyncPolicyAutomated> automated = st->app.spec.sync_policy.automated;
    if (policy && *policy == "none") {
      automated.reset();
    } else if (policy || automated) {
      gitops::SyncPolicyAutomated a = automated.value_or(gitops::SyncPolicyAutomated{});
      if (cmd.has("self-heal")) a.self_heal = true;
      if (cmd.has("auto-prune")) a.prune = true;
      if (cmd.has("allow-empty")) a.allow_empty = true;
      automated = a;
    } else if (cmd.has("self-heal") || cmd.has("auto-prune") || cmd.has("allow-empty")) {
      return Error(cmd.name() + ": --self-heal, --auto-prune and --allow-empty need --sync-policy automated");
    }
    ctx.begin();
    if (auto s = ctl.set_automated(app, automated, now_, ctx.id); !s) return wrap(s.error());
    log_.emit(now_, events::app_policy_changed(app, automated ? "Automated" : "Manual",
                                               automated && automated->self_heal, automated && automated->prune,
                                               ctx.id));
    return std::string();
  }
  if (verb == "terminate-op") {
    if (!st->status.operation_running()) {
      return Error(cmd.name() + ": Unable to terminate operation. No operation is in progress");
    }
    ctx.begin();
    if (auto s = ctl.terminate_operation(app, now_, ctx.id); !s) return wrap(s.error());
    return std::string();
  }
  return Error(cmd.name() + ": not supported");
}

// ---------------------------------------------------------------------------
// fault

Result<std::string> World::run_fault(ActionContext& ctx) {
  const Command& cmd = ctx.cmd;
  const std::string verb = cmd.path[1];
  auto fault_event = [&](std::string target) {
    log_.emit(now_, events::fault_injected(verb, target, ctx.id));
  };
  if (verb == "image-pull") {
    auto ref = cluster::parse_image_ref(cmd.args[0]);
    if (!ref || ref->tag.empty()) return Error(cmd.name() + ": expected IMAGE:TAG, got '" + cmd.args[0] + "'");
    ctx.begin();
    if (auto st = registry_->fail_pull(cmd.args[0]); !st) return Error(cmd.name() + ": " + st.error().message);
    fault_event(cmd.args[0]);
    return std::string();
  }
  if (verb == "outage" || verb == "crash") {
    const std::string cname = verb == "outage" ? cmd.args[0] : cmd.flag("cluster").value_or("");
    ClusterState* cs = cname.empty() && clusters_.size() == 1 ? &clusters_.front() : cluster_mut(cname);
    if (!cs) return Error(cmd.name() + ": unknown cluster '" + cname + "'");
    if (verb == "outage") {
      auto d = parse_duration(cmd.args[1]);
      ctx.begin();
      cs->cluster->set_outage(now_ + *d);
      fault_event(cs->name + " for " + cmd.args[1]);
      return std::string();
    }
    cluster::ObjectKey k{"apps", "Deployment", cmd.flag("namespace").value_or("default"), cmd.args[0]};
    if (const auto slash = cmd.args[0].find('/'); slash != std::string::npos) k.name = cmd.args[0].substr(slash + 1);
    if (!cs->cluster->get(k)) {
      return Error(cmd.name() + ": deployment '" + k.name + "' not found in namespace '" + k.ns + "' of cluster '" +
                   cs->name + "'");
    }
    ctx.begin();
    cs->cluster->set_crash(k, true, now_);
    fault_event(cs->name + "/" + k.ns + "/" + k.name);
    return std::string();
  }
  if (verb == "repo-unreachable") {
    const RepoState* r = repo_by_name(cmd.args[0]);
    if (!r) return Error(cmd.name() + ": unknown repository '" + cmd.args[0] + "'");
    auto d = parse_duration(cmd.args[1]);
    ctx.begin();
    repo_server_->set_unreachable(r->url, now_ + *d);
    fault_event(r->name + " for " + cmd.args[1]);
    return std::string();
  }
  return Error(cmd.name() + ": not supported");
}

}  // namespace gs::world
