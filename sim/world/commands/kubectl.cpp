// kubectl: reading the live clusters, and changing them by hand (drift). A
// change checks every part of the command first — every container of a
// `set image`, every key of a `label`/`annotate`, every document of an
// `apply` — so it lands whole or not at all; only then does it record the
// Action and one LiveChanged per change, as before.
#include <algorithm>
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/image_registry.hpp"
#include "sim/cluster/kubectl_print.hpp"
#include "sim/core/events.hpp"
#include "sim/git/repository.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/commands/command_env.hpp"
#include "sim/world/commands/tools.hpp"
#include "sim/world/printers.hpp"

namespace gs::world {
namespace {

using model::Node;

// "deployment/web" or ("deployment", "web").
struct ObjectWord {
  std::string kind;
  std::string name;
};

ObjectWord object_word(const Command& cmd) {
  const std::string& first = cmd.args.empty() ? std::string() : cmd.args[0];
  const auto slash = first.find('/');
  if (slash != std::string::npos) return {first.substr(0, slash), first.substr(slash + 1)};
  if (cmd.args.size() > 1 && cmd.spec && cmd.spec->args.size() > 1 && cmd.spec->args[1].name == "NAME") {
    return {first, cmd.args[1]};
  }
  return {first, ""};
}

std::string namespace_of(const Command& cmd) { return cmd.flag("namespace").value_or("default"); }

// The cluster a kubectl command talks to, and the object it names.
struct Target {
  ClusterState* cs;
  cluster::ObjectKey key;
  std::string word;  // the kind as typed ("deploy"), for the cluster's edits
};

Result<Target> target(CommandEnv& env) {
  auto cs = env.cluster();
  if (!cs) return cs.error();
  cluster::Cluster& c = *(*cs)->cluster;
  const ObjectWord w = object_word(env.cmd());
  if (w.name.empty()) return env.fail("expected KIND/NAME, got '" + w.kind + "'");
  auto info = c.resolve_resource(w.kind);
  if (!info) return env.fail(info.error().message);
  cluster::ObjectKey k{info->group, info->kind, info->namespaced ? namespace_of(env.cmd()) : "", w.name};
  if (!c.get(k)) {
    return env.fail("Error from server (NotFound): " + info->resource + (info->group.empty() ? "" : "." + info->group) +
                    " \"" + w.name + "\" not found");
  }
  return Target{*cs, k, w.kind};
}

void live_changed(CommandEnv& env, const Target& t, const std::string& what) {
  const cluster::ObjectKey& k = t.key;
  env.emit(events::live_changed({t.cs->name, k.kind, k.ns, k.name}, "kubectl", what, env.begin()));
}

Result<Ran> kubectl_get(CommandEnv& env) {
  const Command& cmd = env.cmd();
  auto cs = env.cluster();
  if (!cs) return cs.error();
  const cluster::Cluster& c = *(*cs)->cluster;
  const ObjectWord word = object_word(cmd);
  const std::string ns = namespace_of(cmd);
  const bool all = cmd.has("all-namespaces");
  const bool get = cmd.path[1] == "get";
  if (get && (word.kind == "events" || word.kind == "event" || word.kind == "ev") && word.name.empty()) {
    // Events are kept beside the store (cluster/kube_event.hpp), not as objects.
    std::vector<cluster::KubeEvent> events;
    for (const auto& e : c.kube_events()) {
      if (all || e.object.ns == ns) events.push_back(e);
    }
    cluster::GetOptions opts;
    opts.all_namespaces = all;
    opts.ns = ns;
    return Ran{cluster::kubectl_get_events(std::move(events), c.epoch_s_at(env.now()), c.epoch_s_at(TimePoint{0}), opts)};
  }
  auto info = c.resolve_resource(word.kind);
  if (!info) return env.fail(info.error().message);
  Ran out{get ? print_kubectl_get(c, *info, all ? std::nullopt : std::optional<std::string>(ns), word.name,
                                   cmd.flag("output").value_or(""), env.now(), &env.world())
             : print_kubectl_describe(c, *info, ns, word.name, env.now())};
  // A named object that is not there: kubectl prints the API's NotFound and exits 1.
  if (out.output.rfind("Error from server (NotFound)", 0) == 0) out.exit_code = 1;
  return out;
}

Result<Ran> kubectl_scale(CommandEnv& env) {
  auto t = target(env);
  if (!t) return t.error();
  const std::string replicas = *env.cmd().flag("replicas");
  if (auto st = t->cs->cluster->scale(t->word, t->key.ns, t->key.name, replicas, env.now(), "kubectl"); !st) {
    return env.fail(st.error().message);
  }
  live_changed(env, *t, "spec.replicas=" + replicas);
  return Ran{t->key.kubectl_ref() + " scaled\n"};
}

// CONTAINER=IMAGE (or KEY=VALUE / KEY- for metadata), split once.
struct Assignment {
  std::string key;
  std::optional<std::string> value;  // nullopt: KEY- (remove)
};

// One argument as an Assignment; nullopt when it is not one.
using ParseAssignment = std::optional<Assignment> (*)(const std::string&);

// The arguments after the resource, each read by `parse`; the first it
// refuses is an error saying what was `expected`.
Result<std::vector<Assignment>> assignments(const CommandEnv& env, ParseAssignment parse, std::string_view expected) {
  std::vector<Assignment> out;
  for (std::size_t i = 1; i < env.cmd().args.size(); ++i) {
    const std::string& a = env.cmd().args[i];
    auto got = parse(a);
    if (!got) return env.fail("expected " + std::string(expected) + ", got '" + a + "'");
    out.push_back(std::move(*got));
  }
  return out;
}

std::optional<Assignment> image_assignment(const std::string& a) {
  const auto eq = a.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == a.size()) return std::nullopt;
  return Assignment{a.substr(0, eq), a.substr(eq + 1)};
}

Result<Ran> kubectl_set_image(CommandEnv& env) {
  auto t = target(env);
  if (!t) return t.error();
  auto images = assignments(env, image_assignment, "CONTAINER=IMAGE");
  if (!images) return images.error();
  // One update or none: the cluster checks every container and image first.
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& a : *images) pairs.emplace_back(a.key, *a.value);
  if (auto st = t->cs->cluster->set_images(t->word, t->key.ns, t->key.name, pairs, env.now(), "kubectl"); !st) {
    return env.fail(st.error().message);
  }
  for (const auto& a : *images) live_changed(env, *t, "image " + a.key + "=" + *a.value);
  return Ran{t->key.kubectl_ref() + " image updated\n"};
}

Result<Ran> kubectl_patch(CommandEnv& env) {
  auto t = target(env);
  if (!t) return t.error();
  auto patch = model::parse_yaml(*env.cmd().flag("patch"), model::LoadOptions{"--patch"});
  if (!patch || !patch->is_map()) {
    return env.fail(std::string("-p: expected a JSON object such as '{\"spec\":{\"replicas\":2}}'") +
                    (patch ? std::string() : ": " + patch.error().message));
  }
  if (auto st = t->cs->cluster->patch_merge(t->key, *patch, env.now(), "kubectl"); !st) return env.fail(st.error().message);
  live_changed(env, *t, "patch " + model::to_json(*patch));
  return Ran{t->key.kubectl_ref() + " patched\n"};
}

Result<Ran> kubectl_delete(CommandEnv& env) {
  auto t = target(env);
  if (!t) return t.error();
  if (auto st = t->cs->cluster->remove(t->key, env.now(), "kubectl"); !st) return env.fail(st.error().message);
  live_changed(env, *t, "deleted");
  return Ran{t->key.kubectl_ref() + " deleted\n"};
}

// ---- label / annotate ----

std::optional<Assignment> metadata_assignment(const std::string& a) {
  const auto eq = a.find('=');
  if (eq != std::string::npos && eq > 0) return Assignment{a.substr(0, eq), a.substr(eq + 1)};
  if (a.size() > 1 && a.back() == '-' && eq == std::string::npos) {
    return Assignment{a.substr(0, a.size() - 1), std::nullopt};
  }
  return std::nullopt;
}

Result<Ran> kubectl_label(CommandEnv& env) {
  auto t = target(env);
  if (!t) return t.error();
  auto edits = assignments(env, metadata_assignment, "KEY=VALUE or KEY-");
  if (!edits) return edits.error();
  const bool label = env.cmd().path[1] == "label";
  const bool overwrite = env.cmd().has("overwrite");
  // One update or none: the cluster checks every key, value and overwrite first.
  std::vector<cluster::MetadataEdit> all;
  for (const auto& e : *edits) all.push_back({e.key, e.value});
  cluster::Cluster& c = *t->cs->cluster;
  Status st = label ? c.label(t->key, all, env.now(), "kubectl", overwrite)
                    : c.annotate(t->key, all, env.now(), "kubectl", overwrite);
  if (!st) return env.fail(st.error().message);
  for (const auto& e : *edits) {
    live_changed(env, *t, env.cmd().path[1] + " " + e.key + (e.value ? "=" + *e.value : "-"));
  }
  return Ran{t->key.kubectl_ref() + (label ? " labeled\n" : " annotated\n")};
}

// ---- apply ----

// -f names a file staged beside the command, or REPO@REV:PATH in a repository.
Result<std::string> manifest_text(CommandEnv& env, const std::string& f) {
  if (auto it = env.files().find(f); it != env.files().end() && it->second) return *it->second;
  const auto colon = f.find(':');
  const auto at = f.find('@');
  if (colon == std::string::npos || at == std::string::npos || at > colon || at == 0 || at + 1 == colon) {
    return env.fail("-f '" + f + "': expected a file given beside the command or REPO@REV:PATH");
  }
  auto repo = env.repo(f.substr(0, at));
  if (!repo) return repo.error();
  auto content = (*repo)->repo->read_file(f.substr(at + 1, colon - at - 1), f.substr(colon + 1));
  if (!content) return env.fail(content.error().message);
  return *content;
}

// Every document as the server would take it, in stream order, before any
// is applied: a Namespace earlier in the stream counts as existing.
Status check_apply_documents(const CommandEnv& env, cluster::Cluster& c, const std::vector<Node>& docs,
                             const std::vector<cluster::ObjectKey>& keys) {
  std::set<std::string> namespaces;  // created by the stream so far
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const cluster::ObjectKey& k = keys[i];
    if (auto st = c.dry_run_apply(docs[i], env.now()); !st) return env.fail(st.error().message);
    const auto info = c.kind_info(k.group, k.kind);
    if (info && info->namespaced && !c.get(k) && !namespaces.count(k.ns)) {
      const Node* ns = c.get(cluster::ObjectKey{"", "Namespace", "", k.ns});
      if (!ns) return env.fail("namespaces \"" + k.ns + "\" not found");
      if (ns->get({"metadata", "deletionTimestamp"})) {
        return env.fail(info->resource + " \"" + k.name + "\" is forbidden: unable to create new content in namespace " +
                        k.ns + " because it is being terminated");
      }
    }
    if (k.group.empty() && k.kind == "Namespace") namespaces.insert(k.name);
  }
  return {};
}

Result<Ran> kubectl_apply(CommandEnv& env) {
  auto cs = env.cluster();
  if (!cs) return cs.error();
  cluster::Cluster& c = *(*cs)->cluster;
  const std::string f = *env.cmd().flag("filename");
  auto text = manifest_text(env, f);
  if (!text) return text.error();
  auto docs = model::parse_yaml_stream(*text, model::LoadOptions{f});
  if (!docs) return env.fail(docs.error().render());
  std::vector<cluster::ObjectKey> keys;
  for (auto& d : *docs) {
    if (!d.find("metadata") || !d.get({"metadata", "namespace"})) d["metadata"]["namespace"] = Node::string(namespace_of(env.cmd()));
    auto k = c.key_of(d);
    if (!k) return env.fail(k.error().message);
    keys.push_back(*k);
  }
  if (auto st = check_apply_documents(env, c, *docs, keys); !st) return st.error();
  std::string out;
  for (std::size_t i = 0; i < docs->size(); ++i) {
    auto applied = c.apply((*docs)[i], env.now(), "kubectl");
    if (!applied) return env.fail(applied.error().message);
    live_changed(env, Target{*cs, keys[i], ""}, "apply");
    out += applied->kubectl_line() + "\n";
  }
  return Ran{out};
}

}  // namespace

std::vector<CommandSpec> kubectl_commands() {
  using namespace spec;
  return {
      entry({"kubectl", "get"}, {arg("KIND[/NAME]"), opt("NAME")},
            {ns(), cluster(), one_of("output", {"yaml", "json", "wide", "name"}, "o"), sw("all-namespaces", "A")}, true,
            "list objects like kubectl get (--context names the cluster too)", kubectl_get),
      entry({"kubectl", "describe"}, {arg("KIND[/NAME]"), opt("NAME")}, {ns(), cluster()}, true, "describe objects",
            kubectl_get),
      entry({"kubectl", "scale"}, {arg("KIND/NAME")},
            {required(flag("replicas", "", ValueKind::NonNegativeInt)), ns(), cluster()}, false, "set replicas by hand",
            kubectl_scale),
      entry({"kubectl", "set", "image"}, {arg("KIND/NAME"), many("CONTAINER=IMAGE")}, {ns(), cluster()}, false,
            "change container images by hand (all of them, or none)", kubectl_set_image),
      entry({"kubectl", "patch"}, {arg("KIND/NAME")},
            {one_of("type", {"merge"}), required(flag("patch", "p")), ns(), cluster()}, false,
            "JSON merge patch by hand", kubectl_patch),
      entry({"kubectl", "delete"}, {arg("KIND[/NAME]"), opt("NAME")}, {ns(), cluster()}, false, "delete an object",
            kubectl_delete),
      entry({"kubectl", "apply"}, {}, {required(flag("filename", "f")), ns(), cluster()}, false,
            "apply a manifest by hand (push-style); every document or none", kubectl_apply),
      entry({"kubectl", "label"}, {arg("KIND/NAME"), many("KEY=VALUE|KEY-")}, {sw("overwrite"), ns(), cluster()}, false,
            "set or remove labels (all of them, or none)", kubectl_label),
      entry({"kubectl", "annotate"}, {arg("KIND/NAME"), many("KEY=VALUE|KEY-")}, {sw("overwrite"), ns(), cluster()},
            false, "set or remove annotations (all of them, or none)", kubectl_label),
  };
}

}  // namespace gs::world
