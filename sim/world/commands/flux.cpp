// flux: the flux CLI against the Flux controllers (sim/flux), in the words
// and columns flux prints (peers-behaviour.md §1.3 CLI): `flux get sources
// git`, `flux get kustomizations`, `flux get receivers`, `flux reconcile`,
// `flux suspend` and `flux resume`. With Flux in several clusters --cluster
// picks one. `flux reconcile` and `flux resume` wait, as flux does, for the
// run they asked for when time may pass; inside a timeline they only ask.
#include <openssl/evp.h>

#include <algorithm>

#include "sim/core/events.hpp"
#include "sim/flux/controller.hpp"
#include "sim/world/commands/command_env.hpp"
#include "sim/world/commands/tools.hpp"
#include "sim/world/printers.hpp"

namespace gs::world {
namespace {

using flux::FluxController;

// flux's utils.TruncateHex: the hex after "sha1:" cut to 8 characters.
std::string truncate_hex(const std::string& revision) {
  const auto at = revision.find("sha1:");
  if (at == std::string::npos) return revision;
  return revision.substr(0, std::min(revision.size(), at + 5 + 8));
}

Result<FluxController*> flux_of(CommandEnv& env) {
  auto* f = env.world().reconciler<FluxController>();
  if (!f) return env.fail("Flux is not installed in this scenario (it has no flux: section)");
  return f;
}

// The cluster the command talks to: --cluster, or the one Flux runs in.
Result<std::string> flux_cluster(CommandEnv& env, const FluxController& f) {
  const auto clusters = f.clusters();
  if (auto c = env.cmd().flag("cluster")) {
    if (std::find(clusters.begin(), clusters.end(), *c) != clusters.end()) return *c;
    std::string msg = "Flux does not run in cluster '" + *c + "'; it runs in " + join_words(clusters);
    if (auto d = did_you_mean(*c, clusters)) msg += "; did you mean '" + *d + "'?";
    return env.fail(msg);
  }
  if (clusters.size() == 1) return clusters.front();
  return env.fail("--cluster is required: Flux runs in " + join_words(clusters));
}

// -n NAMESPACE (flux-system by default) or -A.
bool in_scope(const CommandEnv& env, const std::string& ns) {
  if (env.cmd().has("all-namespaces")) return true;
  return ns == env.cmd().flag("namespace").value_or(flux::kFluxNamespace);
}

std::string flux_bool(bool b) { return b ? "True" : "False"; }

struct Picked {
  FluxController* flux = nullptr;
  std::string cluster;
};

Result<Picked> pick(CommandEnv& env) {
  auto f = flux_of(env);
  if (!f) return f.error();
  auto c = flux_cluster(env, **f);
  if (!c) return c.error();
  return Picked{*f, *c};
}

template <class State>
std::vector<std::string> names_in(const std::vector<State>& all, const std::string& cluster) {
  std::vector<std::string> out;
  for (const auto& s : all) {
    if (s.cluster == cluster) out.push_back(s.spec.name);
  }
  return out;
}

// `Kustomization.kustomize.toolkit.fluxcd.io "x" not found`, as the API says it.
Error not_found(const CommandEnv& env, const std::string& resource, const std::string& name,
                const std::vector<std::string>& names) {
  std::string msg = resource + " \"" + name + "\" not found";
  if (auto d = did_you_mean(name, names)) msg += "; did you mean '" + *d + "'?";
  return env.fail(msg);
}

Result<const flux::KustomizationState*> find_ks(CommandEnv& env, const Picked& p) {
  const std::string& name = env.cmd().args[0];
  const auto* k = p.flux->kustomization(name, p.cluster);
  if (!k || !in_scope(env, k->spec.ns)) {
    return not_found(env, "Kustomization.kustomize.toolkit.fluxcd.io", name, names_in(p.flux->kustomizations(), p.cluster));
  }
  return k;
}

Result<const flux::SourceState*> find_source(CommandEnv& env, const Picked& p) {
  const std::string& name = env.cmd().args[0];
  const auto* s = p.flux->source(name, p.cluster);
  if (!s || !in_scope(env, s->spec.ns)) {
    return not_found(env, "GitRepository.source.toolkit.fluxcd.io", name, names_in(p.flux->sources(), p.cluster));
  }
  return s;
}

std::string ready_message(const std::vector<flux::Condition>& conds) {
  const auto* c = FluxController::condition(conds, "Ready");
  return c ? c->message : "";
}

// ---- reads ----

std::vector<std::string> header(const CommandEnv& env, std::vector<std::string> cols) {
  if (env.cmd().has("all-namespaces")) cols.insert(cols.begin(), "NAMESPACE");
  return cols;
}
void add_row(const CommandEnv& env, std::vector<std::vector<std::string>>& rows, const std::string& ns,
             std::vector<std::string> cells) {
  if (env.cmd().has("all-namespaces")) cells.insert(cells.begin(), ns);
  rows.push_back(std::move(cells));
}

// flux prints "No ... objects found in NS namespace" to stderr; the table otherwise.
Result<Ran> table_or_none(const CommandEnv& env, const std::vector<std::vector<std::string>>& rows,
                          const std::string& kind) {
  if (rows.size() > 1) return Ran{format_table(rows, 3)};
  const std::string where = env.cmd().has("all-namespaces") ? "any" : env.cmd().flag("namespace").value_or("flux-system");
  return Ran{"✗ no " + kind + " objects found in " + where + " namespace\n"};
}

Result<Ran> get_sources_git(CommandEnv& env) {
  auto p = pick(env);
  if (!p) return p.error();
  std::vector<std::vector<std::string>> rows{header(env, {"NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE"})};
  for (const auto& s : p->flux->sources()) {
    if (s.cluster != p->cluster || !in_scope(env, s.spec.ns)) continue;
    add_row(env, rows, s.spec.ns,
            {s.spec.name, truncate_hex(s.artifact_revision), flux_bool(s.spec.suspend), flux::ready_status(s.conditions),
             ready_message(s.conditions)});
  }
  return table_or_none(env, rows, "GitRepository");
}

Result<Ran> get_kustomizations(CommandEnv& env) {
  auto p = pick(env);
  if (!p) return p.error();
  const bool show_source = env.cmd().has("show-source");
  std::vector<std::string> cols{"NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE"};
  if (show_source) cols.insert(cols.begin() + 1, "SOURCE");
  std::vector<std::vector<std::string>> rows{header(env, cols)};
  for (const auto& k : p->flux->kustomizations()) {
    if (k.cluster != p->cluster || !in_scope(env, k.spec.ns)) continue;
    std::vector<std::string> cells{k.spec.name, truncate_hex(k.last_applied_revision), flux_bool(k.spec.suspend),
                                   flux::ready_status(k.conditions), ready_message(k.conditions)};
    if (show_source) cells.insert(cells.begin() + 1, k.spec.source_kind + "/" + k.spec.source_name);
    add_row(env, rows, k.spec.ns, std::move(cells));
  }
  return table_or_none(env, rows, "Kustomization");
}

// status.webhookPath: /hook/sha256(token+name+namespace); the token is the
// scenario's to imagine, so the receiver's name stands in for it.
std::string webhook_path(const flux::ReceiverSpec& r) {
  const std::string in = r.name + r.name + r.ns;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(in.data(), in.size(), md, &n, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) {
    hex += kHex[md[i] >> 4];
    hex += kHex[md[i] & 15];
  }
  return "/hook/" + hex;
}

Result<Ran> get_receivers(CommandEnv& env) {
  auto p = pick(env);
  if (!p) return p.error();
  std::vector<std::vector<std::string>> rows{header(env, {"NAME", "SUSPENDED", "READY", "MESSAGE"})};
  for (const auto& r : p->flux->receivers()) {
    if (r.cluster != p->cluster || !in_scope(env, r.spec.ns)) continue;
    add_row(env, rows, r.spec.ns,
            {r.spec.name, "False", "True", "Receiver initialized for path: " + webhook_path(r.spec)});
  }
  return table_or_none(env, rows, "Receiver");
}

// ---- reconcile, suspend, resume ----

// Lets time pass until `done` (flux's default --timeout 5m0s), when time may
// pass here; returns what to print after the annotation lines.
std::string wait_for(CommandEnv& env, const std::function<bool()>& done, const std::string& kind,
                     const std::function<std::string()>& result, int& exit_code) {
  if (!env.time().time_may_pass()) return "";  // inside a timeline: asked, not waited for
  std::string out = "◎ waiting for " + kind + " reconciliation\n";
  const TimeStop stop = env.time().pass_time(env.now() + Duration::minutes(5), done);
  if (stop == TimeStop::TeachingPause) return out + "stopped at a teaching pause; run the command again to go on\n";
  if (stop != TimeStop::Met) {
    exit_code = 1;
    return out + "✗ timeout waiting for " + kind + " reconciliation\n";
  }
  const std::string r = result();
  if (r.rfind("✗", 0) == 0) exit_code = 1;
  return out + r;
}

std::string ks_result(const FluxController& f, const std::string& name, const std::string& cluster) {
  const auto* k = f.kustomization(name, cluster);
  if (flux::ready_status(k->conditions) != "True") return "✗ " + ready_message(k->conditions) + "\n";
  return "✔ applied revision " + k->last_applied_revision + "\n";
}

std::string source_result(const FluxController& f, const std::string& name, const std::string& cluster) {
  const auto* s = f.source(name, cluster);
  if (flux::ready_status(s->conditions) != "True") return "✗ " + ready_message(s->conditions) + "\n";
  return "✔ fetched revision " + s->artifact_revision + "\n";
}

// Whether the object's requested run is over (not due at `asked` any more, and no health check running).
bool source_done(const FluxController& f, const std::string& name, const std::string& cluster, TimePoint asked) {
  const auto* s = f.source(name, cluster);
  return !s->next_run || *s->next_run > asked;
}
bool ks_done(const FluxController& f, const std::string& name, const std::string& cluster, TimePoint asked) {
  const auto* k = f.kustomization(name, cluster);
  return (!k->next_run || *k->next_run > asked) && !k->health_deadline;
}

Result<Ran> reconcile_source_git(CommandEnv& env) {
  auto p = pick(env);
  if (!p) return p.error();
  auto s = find_source(env, *p);
  if (!s) return s.error();
  if ((*s)->spec.suspend) return env.fail("resource is suspended");
  const std::string name = (*s)->spec.name, ns = (*s)->spec.ns;
  const TimePoint asked = env.now();
  p->flux->request_source(name, p->cluster, asked, env.begin());
  std::string out = "► annotating GitRepository " + name + " in " + ns + " namespace\n✔ GitRepository annotated\n";
  int exit_code = 0;
  FluxController* f = p->flux;
  const std::string cluster = p->cluster;
  out += wait_for(env, [&] { return source_done(*f, name, cluster, asked); }, "GitRepository",
                  [&] { return source_result(*f, name, cluster); }, exit_code);
  return Ran{out, exit_code};
}

Result<Ran> reconcile_kustomization(CommandEnv& env) {
  auto p = pick(env);
  if (!p) return p.error();
  auto k = find_ks(env, *p);
  if (!k) return k.error();
  if ((*k)->spec.suspend) return env.fail("resource is suspended");
  const bool with_source = env.cmd().has("with-source");
  const std::string name = (*k)->spec.name, ns = (*k)->spec.ns, src = (*k)->spec.source_name;
  if (with_source) {
    const auto* s = p->flux->source(src, p->cluster);
    if (s && s->spec.suspend) return env.fail("source GitRepository " + src + " is suspended");
  }
  const TimePoint asked = env.now();
  FluxController* f = p->flux;
  const std::string cluster = p->cluster;
  std::string out;
  int exit_code = 0;
  if (with_source) {
    f->request_source(src, cluster, asked, env.begin());
    out += "► annotating GitRepository " + src + " in " + ns + " namespace\n✔ GitRepository annotated\n";
    out += wait_for(env, [&] { return source_done(*f, src, cluster, asked); }, "GitRepository",
                    [&] { return source_result(*f, src, cluster); }, exit_code);
  }
  const TimePoint ks_asked = env.now();
  f->request_kustomization(name, cluster, false, ks_asked, env.begin());
  out += "► annotating Kustomization " + name + " in " + ns + " namespace\n✔ Kustomization annotated\n";
  out += wait_for(env, [&] { return ks_done(*f, name, cluster, ks_asked); }, "Kustomization",
                  [&] { return ks_result(*f, name, cluster); }, exit_code);
  return Ran{out, exit_code};
}

Result<Ran> suspend_or_resume(CommandEnv& env) {
  auto p = pick(env);
  if (!p) return p.error();
  const bool suspend = env.cmd().path[1] == "suspend";
  const bool is_source = env.cmd().path[2] == "source";
  const std::string what = is_source ? "source git" : "kustomization";
  std::string name, ns;
  if (is_source) {
    auto s = find_source(env, *p);
    if (!s) return s.error();
    name = (*s)->spec.name, ns = (*s)->spec.ns;
  } else {
    auto k = find_ks(env, *p);
    if (!k) return k.error();
    name = (*k)->spec.name, ns = (*k)->spec.ns;
  }
  FluxController* f = p->flux;
  const std::string cluster = p->cluster;
  const TimePoint asked = env.now();
  env.begin();
  if (is_source) f->set_source_suspend(name, cluster, suspend, asked);
  else f->set_kustomization_suspend(name, cluster, suspend, asked);
  std::string out = std::string(suspend ? "► suspending " : "► resuming ") + what + " " + name + " in " + ns +
                    " namespace\n✔ " + what + (suspend ? " suspended\n" : " resumed\n");
  int exit_code = 0;
  if (!suspend) {
    const std::string kind = is_source ? "GitRepository" : "Kustomization";
    out += wait_for(
        env, [&] { return is_source ? source_done(*f, name, cluster, asked) : ks_done(*f, name, cluster, asked); },
        kind, [&] { return is_source ? source_result(*f, name, cluster) : ks_result(*f, name, cluster); }, exit_code);
  }
  return Ran{out, exit_code};
}

}  // namespace

std::vector<CommandSpec> flux_commands() {
  using namespace spec;
  const FlagSpec all = sw("all-namespaces", "A");
  const FlagSpec ns = flag("namespace", "n");
  return {
      entry({"flux", "get", "sources", "git"}, {}, {all, ns, cluster()}, true,
            "list GitRepositories: NAME REVISION SUSPENDED READY MESSAGE", get_sources_git),
      entry({"flux", "get", "kustomizations"}, {}, {all, ns, sw("show-source"), cluster()}, true,
            "list Kustomizations: NAME REVISION SUSPENDED READY MESSAGE", get_kustomizations),
      entry({"flux", "get", "receivers"}, {}, {all, ns, cluster()}, true, "list Receivers (webhooks)", get_receivers),
      entry({"flux", "reconcile", "kustomization"}, {arg("NAME")}, {ns, sw("with-source"), cluster()}, false,
            "run a Kustomization now (--with-source: fetch its GitRepository first)", reconcile_kustomization,
            "1 when the run did not end Ready"),
      entry({"flux", "reconcile", "source", "git"}, {arg("NAME")}, {ns, cluster()}, false, "fetch a GitRepository now",
            reconcile_source_git, "1 when the fetch failed"),
      entry({"flux", "suspend", "kustomization"}, {arg("NAME")}, {ns, cluster()}, false,
            "stop a Kustomization's applies and drift correction", suspend_or_resume),
      entry({"flux", "resume", "kustomization"}, {arg("NAME")}, {ns, cluster()}, false,
            "resume a Kustomization and run it now", suspend_or_resume, "1 when the run did not end Ready"),
      entry({"flux", "suspend", "source", "git"}, {arg("NAME")}, {ns, cluster()}, false, "stop fetching a GitRepository",
            suspend_or_resume),
      entry({"flux", "resume", "source", "git"}, {arg("NAME")}, {ns, cluster()}, false,
            "resume a GitRepository and fetch now", suspend_or_resume, "1 when the fetch failed"),
  };
}

}  // namespace gs::world
