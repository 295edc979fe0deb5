#include "sim/flux/controller.hpp"

#include <algorithm>
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/core/events.hpp"
#include "sim/gitops/compare.hpp"
#include "sim/gitops/repo_url.hpp"

namespace gs::flux {
namespace {

using cluster::HealthCode;
using cluster::ObjectKey;

void set_cond(std::vector<Condition>& conds, const std::string& type, const std::string& status,
              const std::string& reason, const std::string& message, TimePoint now) {
  for (auto& c : conds) {
    if (c.type != type) continue;
    if (c.status != status) c.last_transition = now;
    c.status = status;
    c.reason = reason;
    c.message = message;
    return;
  }
  conds.push_back({type, status, reason, message, now});
}

void drop_cond(std::vector<Condition>& conds, const std::string& type) {
  std::erase_if(conds, [&](const Condition& c) { return c.type == type; });
}

// "Deployment/shop/web", as Flux's change sets name objects.
std::string flux_id(const ObjectKey& k) { return k.kind + "/" + (k.ns.empty() ? "" : k.ns + "/") + k.name; }

std::string annotation(const model::Node& obj, const char* key) {
  const model::Node* a = obj.get({"metadata", "annotations"});
  if (!a || !a->is_map()) return "";
  const model::Node* v = a->find(key);
  return v && v->is_scalar() ? v->text() : "";
}

bool prune_disabled(const model::Node& live) {
  if (annotation(live, "kustomize.toolkit.fluxcd.io/prune") == "disabled") return true;
  const model::Node* l = live.get({"metadata", "labels"});
  const model::Node* v = l && l->is_map() ? l->find("kustomize.toolkit.fluxcd.io/prune") : nullptr;
  return v && v->is_scalar() && v->text() == "disabled";
}

// A live object that differs from what Git says, as a server-side apply
// dry run finds it: fields Git does not set are not drift.
bool drifted(const model::Node& desired, const model::Node& live) {
  static const std::optional<model::Node> kTwoWay;
  return gitops::diff_resource(desired, live, {}, &kTwoWay).modified;
}

}  // namespace

std::string ready_status(const std::vector<Condition>& conds) {
  const Condition* c = FluxController::condition(conds, "Ready");
  return c ? c->status : "Unknown";
}

const Condition* FluxController::condition(const std::vector<Condition>& conds, const std::string& type) {
  for (const auto& c : conds) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

FluxController::FluxController(std::vector<FluxInstall> installs, gitops::RepoServer& repo_server,
                               gitops::AppController::ClusterLookup clusters, EventLog& log,
                               gitops::AppController::CommitEventLookup commit_event)
    : repo_server_(repo_server), clusters_(std::move(clusters)), log_(log), commit_event_(std::move(commit_event)) {
  std::sort(installs.begin(), installs.end(), [](const auto& a, const auto& b) { return a.cluster < b.cluster; });
  for (auto& in : installs) {
    // Everything starts at once, sources first: the controllers come up.
    for (auto& s : in.objects.sources) {
      SourceState st;
      st.spec = std::move(s);
      st.cluster = in.cluster;
      if (!st.spec.suspend) st.next_run = TimePoint{0};
      set_cond(st.conditions, "Reconciling", "True", "Progressing", "building artifact", TimePoint{0});
      set_cond(st.conditions, "Ready", "Unknown", "Progressing", "building artifact", TimePoint{0});
      sources_.push_back(std::move(st));
    }
    for (auto& k : in.objects.kustomizations) {
      KustomizationState st;
      st.spec = std::move(k);
      st.cluster = in.cluster;
      if (!st.spec.suspend) st.next_run = TimePoint{0};
      set_cond(st.conditions, "Reconciling", "True", "Progressing", "reconciliation in progress", TimePoint{0});
      set_cond(st.conditions, "Ready", "Unknown", "Progressing", "reconciliation in progress", TimePoint{0});
      kss_.push_back(std::move(st));
    }
    for (auto& r : in.objects.receivers) receivers_.push_back({std::move(r), in.cluster, 0, std::nullopt});
  }
}

std::vector<std::string> FluxController::clusters() const {
  std::set<std::string> out;
  for (const auto& s : sources_) out.insert(s.cluster);
  for (const auto& k : kss_) out.insert(k.cluster);
  return {out.begin(), out.end()};
}

const SourceState* FluxController::source(const std::string& name, const std::string& cluster) const {
  for (const auto& s : sources_) {
    if (s.spec.name == name && (cluster.empty() || s.cluster == cluster)) return &s;
  }
  return nullptr;
}
const KustomizationState* FluxController::kustomization(const std::string& name, const std::string& cluster) const {
  for (const auto& k : kss_) {
    if (k.spec.name == name && (cluster.empty() || k.cluster == cluster)) return &k;
  }
  return nullptr;
}
SourceState* FluxController::source_mut(const std::string& name, const std::string& cluster) {
  return const_cast<SourceState*>(source(name, cluster));
}
KustomizationState* FluxController::ks_mut(const std::string& name, const std::string& cluster) {
  return const_cast<KustomizationState*>(kustomization(name, cluster));
}

// --- time ------------------------------------------------------------------------

std::optional<TimePoint> FluxController::next_wakeup() const {
  std::optional<TimePoint> next;
  auto consider = [&](const std::optional<TimePoint>& t) {
    if (t && (!next || *t < *next)) next = t;
  };
  for (const auto& s : sources_) consider(s.next_run);
  for (const auto& k : kss_) consider(k.next_run);
  return next;
}

bool FluxController::run_until(TimePoint now, const std::function<bool()>& enough) {
  // The earliest due object first; at one instant sources before
  // Kustomizations (a new artifact is then applied in the same instant), each
  // kind in name order. Bounded: every run moves its own next_run past `now`.
  for (int guard = 0; guard < 100'000; ++guard) {
    SourceState* src = nullptr;
    KustomizationState* ks = nullptr;
    std::optional<TimePoint> best;
    for (auto& s : sources_) {
      if (s.next_run && *s.next_run <= now && (!best || *s.next_run < *best)) best = s.next_run, src = &s;
    }
    for (auto& k : kss_) {
      if (k.next_run && *k.next_run <= now && (!best || *k.next_run < *best)) best = k.next_run, ks = &k, src = nullptr;
    }
    if (!best) return true;
    if (src) reconcile_source(*src, now);
    else reconcile_kustomization(*ks, now);
    ++runs_;
    if (enough && enough()) return next_wakeup() ? *next_wakeup() > now : true;
  }
  return true;
}

// --- source-controller ---------------------------------------------------------------

void FluxController::reconcile_source(SourceState& s, TimePoint now) {
  s.next_run = now + s.spec.interval;
  const EventId cause = s.cause;
  s.cause = 0;
  s.last_fetch = now;
  gitops::ApplicationSource src{s.spec.url, "", s.spec.target(), false};
  auto sha = repo_server_.resolve(src, now);
  if (!sha) {
    const std::string msg = "failed to checkout and determine revision: unable to clone '" + s.spec.url + "': " +
                            sha.error().message;
    set_cond(s.conditions, "FetchFailed", "True", "GitOperationFailed", msg, now);
    set_cond(s.conditions, "Ready", "False", "GitOperationFailed", msg, now);
    drop_cond(s.conditions, "Reconciling");
    return;
  }
  drop_cond(s.conditions, "FetchFailed");
  drop_cond(s.conditions, "Reconciling");
  if (*sha != s.artifact_sha) {
    // A new artifact only when the revision moved; it starts its Kustomizations at once.
    s.artifact_sha = *sha;
    const std::string ref = s.spec.ref_name();
    s.artifact_revision = (ref.empty() ? "" : ref + "@") + "sha1:" + *sha;
    s.artifact_at = now;
    EventId commit = commit_event_ ? commit_event_(s.spec.url, *sha) : 0;
    const EventId id = log_.emit(now, events::source_fetched(s.spec.name, s.artifact_revision, cause ? cause : commit));
    for (auto& k : kss_) {
      if (k.cluster == s.cluster && k.spec.source_name == s.spec.name && !k.spec.suspend) {
        k.next_run = now;
        k.cause = id;
      }
    }
  }
  set_cond(s.conditions, "ArtifactInStorage", "True", "Succeeded",
           "stored artifact for revision '" + s.artifact_revision + "'", now);
  set_cond(s.conditions, "Ready", "True", "Succeeded", "stored artifact for revision '" + s.artifact_revision + "'",
           now);
}

// --- kustomize-controller -------------------------------------------------------------

bool FluxController::dependencies_ready(KustomizationState& k, TimePoint now) {
  for (const auto& d : k.spec.depends_on) {
    const KustomizationState* dep = kustomization(d, k.cluster);
    // Ready=True at the revision its source has now (Flux compares the
    // dependency's lastAppliedRevision with its source's artifact).
    bool ready = dep && ready_status(dep->conditions) == "True";
    if (ready) {
      const SourceState* ds = source(dep->spec.source_name, dep->cluster);
      ready = !ds || ds->artifact_revision.empty() || ds->artifact_revision == dep->last_applied_revision;
    }
    if (!ready) {
      const std::string msg = "dependency '" + k.spec.ns + "/" + d + "' is not ready";
      set_cond(k.conditions, "Ready", "False", "DependencyNotReady", msg, now);
      drop_cond(k.conditions, "Reconciling");
      k.next_run = now + kDependencyRequeue;  // --requeue-dependency
      return false;
    }
  }
  return true;
}

Result<std::vector<model::Node>> FluxController::desired(KustomizationState& k, const std::string& sha,
                                                         TimePoint now) {
  const SourceState* s = source(k.spec.source_name, k.cluster);
  if (!s) return Error("GitRepository '" + k.spec.source_name + "' not found");
  gitops::ApplicationSource src{s->spec.url, k.spec.path, "", false};
  auto gen = repo_server_.generate(src, sha, false, now);
  if (!gen) return gen.error();
  k.source_type = (*gen)->source_type;
  gitops::ClusterRef c = clusters_(gitops::ApplicationDestination{"", k.cluster, ""});
  std::vector<model::Node> out;
  for (const auto& obj : (*gen)->objects) {
    model::Node o = obj;
    if (!k.spec.target_namespace.empty() && c.cluster) {
      if (auto key = c.cluster->key_of(o); key && !key->ns.empty()) {
        o["metadata"].set("namespace", model::Node::string(k.spec.target_namespace));
      }
    }
    // Flux labels what it applies with the Kustomization's name and namespace.
    model::Node& labels = o["metadata"]["labels"];
    if (!labels.is_map()) labels = model::Node::map();
    labels.set("kustomize.toolkit.fluxcd.io/name", model::Node::string(k.spec.name));
    labels.set("kustomize.toolkit.fluxcd.io/namespace", model::Node::string(k.spec.ns));
    out.push_back(std::move(o));
  }
  return out;
}

void FluxController::reconcile_kustomization(KustomizationState& k, TimePoint now) {
  k.next_run.reset();
  k.last_run = now;
  if (k.spec.suspend) return;
  if (!dependencies_ready(k, now)) return;
  const SourceState* s = source(k.spec.source_name, k.cluster);
  if (!s || s->artifact_sha.empty()) {
    set_cond(k.conditions, "Ready", "False", "ArtifactFailed", "Source artifact not found, retrying in 30s", now);
    k.next_run = now + Duration::seconds(30);
    return;
  }
  const std::string revision = s->artifact_revision, sha = s->artifact_sha;
  // A run waiting on its health checks looks again, unless a new revision came.
  if (k.health_deadline && k.health_revision == revision) {
    check_health(k, now);
    return;
  }
  k.health_deadline.reset();
  k.last_attempted_revision = revision;
  auto objs = desired(k, sha, now);
  if (!objs) {
    fail(k, "BuildFailed", objs.error().message, now);
    return;
  }
  gitops::ClusterRef c = clusters_(gitops::ApplicationDestination{"", k.cluster, ""});
  if (!c.cluster) {
    fail(k, "ReconciliationFailed", "cluster '" + k.cluster + "' not found", now);
    return;
  }
  if (auto st = c.cluster->check_reachable(now); !st) {
    fail(k, "ReconciliationFailed", st.error().message, now);
    return;
  }
  // The server-side apply dry run: what drifted, and whether it would apply.
  std::vector<ObjectKey> inventory;
  std::vector<std::size_t> to_apply;
  for (std::size_t i = 0; i < objs->size(); ++i) {
    const model::Node& o = (*objs)[i];
    auto key = c.cluster->key_of(o);
    if (!key) {
      fail(k, "ReconciliationFailed", key.error().message, now);
      return;
    }
    const std::string ssa = annotation(o, "kustomize.toolkit.fluxcd.io/ssa");
    if (ssa == "Ignore") continue;  // never applied, never pruned
    inventory.push_back(*key);
    const model::Node* live = c.cluster->get(*key);
    if (live && ssa == "IfNotPresent") continue;
    if (live && !drifted(o, *live)) continue;
    if (auto st = c.cluster->dry_run_apply(o, now); !st) {
      fail(k, "ReconciliationFailed", flux_id(*key) + " dry-run failed: " + st.error().message, now);
      return;
    }
    to_apply.push_back(i);
  }
  // Applied in stages, as kustomize-controller does: CRDs and Namespaces first.
  std::stable_partition(to_apply.begin(), to_apply.end(), [&](std::size_t i) {
    const std::string kind = (*objs)[i].get_string({"kind"}).value_or("");
    return kind == "Namespace" || kind == "CustomResourceDefinition";
  });
  std::string changes;
  auto note = [&](const std::string& line) { changes += (changes.empty() ? "" : "\n") + line; };
  for (std::size_t i : to_apply) {
    auto r = c.cluster->apply((*objs)[i], now, kKustomizeManager);
    if (!r) {
      fail(k, "ReconciliationFailed", r.error().message, now);
      return;
    }
    if (r->outcome != cluster::ApplyResult::Outcome::Unchanged) {
      note(flux_id(r->key) + (r->outcome == cluster::ApplyResult::Outcome::Created ? " created" : " configured"));
    }
  }
  std::sort(inventory.begin(), inventory.end());
  inventory.erase(std::unique(inventory.begin(), inventory.end()), inventory.end());
  if (k.spec.prune) {
    // Garbage collection from the inventory: what an earlier run applied and this one does not.
    for (const auto& old : k.inventory) {
      if (std::binary_search(inventory.begin(), inventory.end(), old)) continue;
      const model::Node* live = c.cluster->get(old);
      if (!live || prune_disabled(*live)) continue;
      if (auto st = c.cluster->remove(old, now, kKustomizeManager); st) note(flux_id(old) + " deleted");
    }
  }
  k.inventory = std::move(inventory);
  if (!health_keys(k).empty()) {
    k.health_started = now;
    k.health_deadline = now + k.spec.timeout;
    k.health_revision = revision;
    k.health_changes = changes;
    check_health(k, now);
    return;
  }
  succeed(k, revision, sha, changes, now);
}

std::vector<ObjectKey> FluxController::health_keys(const KustomizationState& k) const {
  std::vector<ObjectKey> out;
  if (k.spec.wait) {
    gitops::ClusterRef c = clusters_(gitops::ApplicationDestination{"", k.cluster, ""});
    for (const auto& key : k.inventory) {
      const model::Node* live = c.cluster ? c.cluster->get(key) : nullptr;
      if (!live || cluster::assess_health(*live)) out.push_back(key);
    }
    return out;
  }
  for (const auto& h : k.spec.health_checks) {
    std::string group;
    if (const auto slash = h.api_version.find('/'); slash != std::string::npos) group = h.api_version.substr(0, slash);
    if (group.empty() && (h.kind == "Deployment" || h.kind == "StatefulSet" || h.kind == "DaemonSet")) group = "apps";
    if (group.empty() && (h.kind == "Job" || h.kind == "CronJob")) group = "batch";
    out.push_back(ObjectKey{group, h.kind, h.ns.empty() ? "default" : h.ns, h.name});
  }
  return out;
}

void FluxController::check_health(KustomizationState& k, TimePoint now) {
  gitops::ClusterRef c = clusters_(gitops::ApplicationDestination{"", k.cluster, ""});
  std::vector<std::string> waiting;
  std::string failed;
  for (const auto& key : health_keys(k)) {
    const model::Node* live = c.cluster ? c.cluster->get(key) : nullptr;
    if (!live) {
      waiting.push_back(flux_id(key) + " status: 'NotFound'");
      continue;
    }
    auto h = cluster::assess_health(*live);
    if (!h || h->status == HealthCode::Healthy) continue;
    if (h->status == HealthCode::Degraded && failed.empty()) failed = flux_id(key) + " status: 'Failed'";
    waiting.push_back(flux_id(key) + " status: 'InProgress'");
  }
  const std::string revision = k.health_revision;
  const Duration took = now - k.health_started;
  if (waiting.empty()) {
    k.health_deadline.reset();
    set_cond(k.conditions, "Healthy", "True", "Succeeded", "Health check passed in " + go_duration(took), now);
    succeed(k, revision, source(k.spec.source_name, k.cluster)->artifact_sha, k.health_changes, now);
    return;
  }
  if (!failed.empty() || now >= *k.health_deadline) {
    std::string list;
    for (const auto& w : waiting) list += (list.empty() ? "" : ", ") + w;
    const std::string msg = failed.empty() ? "health check failed after " + go_duration(took) +
                                                 ": timeout waiting for: [" + list + "]"
                                           : "health check failed after " + go_duration(took) +
                                                 ": failed early due to stalled resources: [" + failed + "]";
    k.health_deadline.reset();
    set_cond(k.conditions, "Healthy", "False", "HealthCheckFailed", msg, now);
    fail(k, "HealthCheckFailed", msg, now);
    return;
  }
  set_cond(k.conditions, "Reconciling", "True", "Progressing",
           "Running health checks for revision " + revision + " with a timeout of " + go_duration(k.spec.timeout), now);
  set_cond(k.conditions, "Ready", "Unknown", "Progressing", "Reconciliation in progress", now);
  set_cond(k.conditions, "Healthy", "Unknown", "Progressing", "Running health checks", now);
  k.next_run = now + kHealthPoll;
}

void FluxController::note_history(KustomizationState& k, const std::string& revision, const std::string& status,
                                  TimePoint now) {
  if (!k.history.empty() && k.history.back().revision == revision && k.history.back().status == status) {
    ++k.history.back().count;
    k.history.back().last = now;
    return;
  }
  k.history.push_back({revision, status, 1, now, now});
  if (k.history.size() > 5) k.history.erase(k.history.begin());
}

void FluxController::succeed(KustomizationState& k, const std::string& revision, const std::string& sha,
                             const std::string& changes, TimePoint now) {
  const EventId cause = k.cause;
  k.cause = 0;
  const bool new_revision = k.last_applied_revision != revision;
  k.last_applied_revision = revision;
  k.applied_sha = sha;
  drop_cond(k.conditions, "Reconciling");
  set_cond(k.conditions, "Ready", "True", "ReconciliationSucceeded", "Applied revision: " + revision, now);
  note_history(k, revision, "ReconciliationSucceeded", now);
  if (new_revision) {
    gitops::HistoryView h;
    h.id = static_cast<std::int64_t>(k.deployments.size());
    h.revision = sha;
    h.target_revision = revision;
    h.deployed_at = now;
    h.initiated_by = "automated";
    k.deployments.push_back(h);
  }
  // An event when something happened: a new revision, or objects it applied
  // or pruned (drift it corrected); a run that changed nothing is quiet.
  if (new_revision || !changes.empty()) {
    log_.emit(now, events::reconciliation_succeeded(k.spec.name, sha, changes.empty() ? "Applied revision: " + revision
                                                                                       : changes,
                                                    cause));
  }
  k.next_run = now + k.spec.interval;
  update_health(k, now, cause);
}

void FluxController::fail(KustomizationState& k, const std::string& reason, const std::string& message,
                          TimePoint now) {
  const EventId cause = k.cause;
  k.cause = 0;
  drop_cond(k.conditions, "Reconciling");
  set_cond(k.conditions, "Ready", "False", reason, message, now);
  note_history(k, k.last_attempted_revision, reason, now);
  const SourceState* s = source(k.spec.source_name, k.cluster);
  log_.emit(now, events::reconciliation_failed(k.spec.name, s ? s->artifact_sha : "", reason, message, cause));
  k.next_run = now + k.spec.retry_interval;
  update_health(k, now, cause);
}

// Argo CD's words for the health of what the Kustomization applied: the worst
// of its live objects (Missing when one is gone), Healthy with none.
void FluxController::update_health(KustomizationState& k, TimePoint now, EventId cause) {
  gitops::ClusterRef c = clusters_(gitops::ApplicationDestination{"", k.cluster, ""});
  cluster::HealthStatus h{HealthCode::Healthy, ""};
  if (k.last_run) {
    for (const auto& key : k.inventory) {
      const model::Node* live = c.cluster ? c.cluster->get(key) : nullptr;
      cluster::HealthStatus one{HealthCode::Missing, flux_id(key) + " is missing"};
      if (live) {
        auto a = cluster::assess_health(*live);
        if (!a) continue;
        one = *a;
      }
      if (cluster::worst_of(h.status, one.status) != h.status) h = one;
    }
  } else {
    h = {HealthCode::Unknown, ""};
  }
  if (h.status == k.health.status) {
    k.health.message = h.message;
    return;
  }
  log_.emit(now, events::health_status_changed(k.spec.name, std::string(cluster::health_name(k.health.status)),
                                               std::string(cluster::health_name(h.status)), h.message, cause));
  k.health = h;
}

// --- triggers ----------------------------------------------------------------------

void FluxController::on_push(const gitops::PushNotice& push, TimePoint now) {
  for (auto& r : receivers_) {
    bool mine = false;
    for (const auto& res : r.spec.resources) {
      const SourceState* s = res.kind == "GitRepository" ? source(res.name, r.cluster) : nullptr;
      if (res.kind == "Kustomization") {
        if (const auto* k = kustomization(res.name, r.cluster)) s = source(k->spec.source_name, r.cluster);
      }
      if (s && gitops::same_repo_url(s->spec.url, push.repo_url)) mine = true;
    }
    if (!mine) continue;
    // An early wake-up call: it carries nothing, the objects fetch as they would.
    ++r.fired;
    r.last_fired = now;
    for (const auto& res : r.spec.resources) {
      if (res.kind == "GitRepository") request_source(res.name, r.cluster, now, push.cause);
      else request_kustomization(res.name, r.cluster, false, now, push.cause);
    }
  }
}

void FluxController::on_live_change(const gitops::LiveChange& change, TimePoint now) {
  for (auto& k : kss_) {
    if (k.cluster != change.cluster || !k.last_run) continue;
    if (!std::binary_search(k.inventory.begin(), k.inventory.end(), change.key)) continue;
    update_health(k, now, change.cause);
  }
}

void FluxController::request_source(const std::string& name, const std::string& cluster, TimePoint now,
                                    EventId cause) {
  SourceState* s = source_mut(name, cluster);
  if (!s || s->spec.suspend) return;
  s->next_run = now;
  s->cause = cause;
}

void FluxController::request_kustomization(const std::string& name, const std::string& cluster, bool with_source,
                                           TimePoint now, EventId cause) {
  KustomizationState* k = ks_mut(name, cluster);
  if (!k || k->spec.suspend) return;
  if (with_source) request_source(k->spec.source_name, k->cluster, now, cause);
  k->next_run = now;
  k->cause = cause;
}

void FluxController::set_source_suspend(const std::string& name, const std::string& cluster, bool suspend,
                                        TimePoint now) {
  SourceState* s = source_mut(name, cluster);
  if (!s) return;
  s->spec.suspend = suspend;
  // Resuming reconciles at once (flux resume waits for it).
  if (suspend) s->next_run.reset();
  else s->next_run = now;
}

void FluxController::set_kustomization_suspend(const std::string& name, const std::string& cluster, bool suspend,
                                               TimePoint now) {
  KustomizationState* k = ks_mut(name, cluster);
  if (!k) return;
  k->spec.suspend = suspend;
  if (suspend) {
    k->next_run.reset();
    k->health_deadline.reset();
  } else {
    k->next_run = now;
  }
}

// --- the read model ---------------------------------------------------------------

std::vector<std::string> FluxController::app_names() const {
  std::vector<std::string> out;
  for (const auto& k : kss_) out.push_back(k.spec.name);
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<gitops::AppView> FluxController::app_view(const std::string& name, TimePoint) const {
  const KustomizationState* k = kustomization(name);
  if (!k) return std::nullopt;
  const SourceState* s = source(k->spec.source_name, k->cluster);
  gitops::AppView v;
  v.name = k->spec.name;
  v.controller = "flux";
  v.kind = "Kustomization";
  v.app_namespace = k->spec.ns;
  v.cluster = k->cluster;
  v.destination = k->cluster;
  v.ns = k->spec.target_namespace;
  gitops::ClusterRef c = clusters_(gitops::ApplicationDestination{"", k->cluster, ""});
  if (c.cluster) v.server = c.cluster->server();
  if (s) {
    v.repo_url = s->spec.url;
    v.target_revision = s->spec.ref_name();
  }
  v.path = k->spec.path.empty() ? "./" : "./" + k->spec.path;
  v.source_type = k->source_type;
  v.revision = k->applied_sha;
  // Flux has no OutOfSync: "Synced" when the source's artifact is what it
  // last applied; drift shows only when the next run corrects it.
  if (k->last_applied_revision.empty()) v.sync = "Unknown";
  else v.sync = s && s->artifact_revision == k->last_applied_revision ? "Synced" : "OutOfSync";
  v.health = std::string(cluster::health_name(k->health.status));
  v.health_message = k->health.message;
  v.automated = !k->spec.suspend;
  v.prune = k->spec.prune;
  v.reconciled_at = k->last_run;
  v.next_poll = k->next_run;
  v.poll_interval = k->spec.interval;
  v.history = k->deployments;
  for (const auto& cond : k->conditions) {
    gitops::ConditionView cv;
    cv.type = cond.type;
    cv.message = cond.message;
    cv.last_transition = cond.last_transition;
    cv.status = cond.status;
    cv.reason = cond.reason;
    v.conditions.push_back(std::move(cv));
  }
  for (const auto& key : k->inventory) {
    gitops::ResourceView r;
    r.key = key;
    const model::Node* live = c.cluster ? c.cluster->get(key) : nullptr;
    r.live = live != nullptr;
    r.sync = live ? "Synced" : "OutOfSync";
    if (live) {
      if (auto h = cluster::assess_health(*live)) {
        r.health = std::string(cluster::health_name(h->status));
        r.health_message = h->message;
      }
    } else {
      r.health = "Missing";
    }
    v.resources.push_back(std::move(r));
  }
  return v;
}

Result<gitops::AppDiff> FluxController::app_diff(const std::string& name, TimePoint now) {
  KustomizationState* k = ks_mut(name, "");
  if (!k) return Error("kustomization '" + name + "' not found");
  gitops::AppDiff out;
  if (k->applied_sha.empty()) return out;
  gitops::ClusterRef c = clusters_(gitops::ApplicationDestination{"", k->cluster, ""});
  if (!c.cluster) return out;
  // Rendering is cached by the repo server, so this changes nothing seen.
  const std::string keep_type = k->source_type;
  auto objs = desired(*k, k->applied_sha, now);
  k->source_type = keep_type;
  if (!objs) return objs.error();
  static const std::optional<model::Node> kTwoWay;
  for (const auto& o : *objs) {
    auto key = c.cluster->key_of(o);
    if (!key) continue;
    const model::Node* live = c.cluster->get(*key);
    if (!live) continue;
    auto d = gitops::diff_resource(o, *live, {}, &kTwoWay);
    if (d.modified) out.emplace_back(*key, std::move(d));
  }
  return out;
}

}  // namespace gs::flux
