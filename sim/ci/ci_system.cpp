#include "sim/ci/ci_system.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "sim/ci/image_policy.hpp"
#include "sim/ci/setters.hpp"
#include "sim/cluster/cluster.hpp"
#include "sim/cluster/health/health.hpp"
#include "sim/cluster/image_registry.hpp"
#include "sim/core/events.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/repo_server.hpp"

namespace gs::ci {
namespace {

// `kubectl rollout status` watches; the simulator looks once a second.
constexpr Duration kRolloutPoll = Duration::seconds(1);
// Who the clusters' LiveChanged events name for a leaked kubeconfig's holder.
constexpr const char* kIntruder = "leaked-kubeconfig";

std::string sha7(const std::string& s) { return s.substr(0, 7); }

bool is_yaml(std::string_view path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  return ends(".yaml") || ends(".yml") || is_kustomization_file(path);
}

// Containers of a Pod template (Deployment, StatefulSet, ...) or of a Pod.
std::vector<model::Node*> container_lists(model::Node& obj) {
  std::vector<model::Node*> out;
  model::Node* spec = obj.find("spec");
  if (!spec) return out;
  model::Node* pod = spec;
  if (model::Node* tpl = spec->find("template")) pod = tpl->find("spec");
  if (!pod) return out;
  for (const char* k : {"initContainers", "containers"}) {
    if (model::Node* l = pod->find(k); l && l->is_list()) out.push_back(l);
  }
  return out;
}

// What the job's build step does to its workspace copy (never committed):
// every container of `image` runs the tag just built.
void use_built_tag(std::vector<model::Node>& objects, const BuildPlan& b) {
  for (auto& obj : objects) {
    for (model::Node* list : container_lists(obj)) {
      for (auto& c : list->items()) {
        auto img = c.get_string({"image"});
        if (!img) continue;
        auto ref = cluster::parse_image_ref(*img);
        if (ref && ref->repository == b.image) c.set("image", model::Node::string(b.image + ":" + b.tag));
      }
    }
  }
}

// Namespaces (and definitions) first, as `kubectl apply -k` orders them.
int apply_rank(const model::Node& obj) {
  const std::string kind = obj.get_string({"kind"}).value_or("");
  if (kind == "Namespace") return 0;
  if (kind == "CustomResourceDefinition") return 1;
  return 2;
}

std::string object_line(const cluster::ObjectKey& k) {
  std::string out = k.kind;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out + (k.group.empty() ? "" : "." + k.group) + "/" + k.name;
}

}  // namespace

CiSystem::CiSystem(CiEnv env) : env_(std::move(env)) {
  for (const auto& a : env_.spec.image_automation) automations_.push_back(Automation{a, TimePoint{0}, {}, {}, {}, {}, {}});
  for (const auto& p : env_.spec.push_pipelines) pipelines_.push_back(PipelineState{p, 0, {}, {}, {}});
  auto by_name = [](const auto& a, const auto& b) { return a.spec.name < b.spec.name; };
  std::stable_sort(automations_.begin(), automations_.end(), by_name);
  std::stable_sort(pipelines_.begin(), pipelines_.end(), by_name);
}

const PushPipelineSpec* CiSystem::pipeline(const std::string& name) const {
  for (const auto& p : pipelines_) {
    if (p.spec.name == name) return &p.spec;
  }
  return nullptr;
}

CiSystem::PipelineState* CiSystem::pipeline_state(const std::string& name) {
  for (auto& p : pipelines_) {
    if (p.spec.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> CiSystem::pipeline_names() const {
  std::vector<std::string> out;
  for (const auto& p : pipelines_) out.push_back(p.spec.name);
  return out;
}

bool CiSystem::has_cluster(const std::string& name) const { return env_.cluster(name).cluster != nullptr; }

// ---- ci build ----------------------------------------------------------------

Result<BuildPlan> CiSystem::plan_build(const std::string& image, const std::string& tag,
                                       const std::string& pipeline) const {
  auto ref = cluster::parse_image_ref(image);
  if (!ref) return ref.error();
  if (!ref->digest.empty() || image.find('@') != std::string::npos ||
      (image.rfind(':') != std::string::npos && image.rfind(':') > image.rfind('/'))) {
    return Error("image '" + image + "' must not carry a tag or digest; give the tag with --tag");
  }
  // Docker's tag grammar: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
  const bool tag_ok = !tag.empty() && tag.size() <= 128 && tag[0] != '.' && tag[0] != '-' &&
                      std::all_of(tag.begin(), tag.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
                      });
  if (!tag_ok) {
    return Error("invalid tag '" + tag + "'; a tag uses letters, digits, '_', '.' and '-', and does not start with '.' or '-'");
  }
  if (env_.registry.known(ref->repository + ":" + tag)) {
    return Error("tag '" + tag + "' of " + ref->repository +
                 " already exists; tags are immutable here (as with a registry's tag immutability), build a new one");
  }
  if (!pipeline.empty() && !this->pipeline(pipeline)) return Error("unknown pipeline '" + pipeline + "'");
  return BuildPlan{ref->repository, tag, pipeline};
}

EventId CiSystem::run_build(const BuildPlan& plan, TimePoint now, EventId cause) {
  env_.registry.add(plan.image, plan.tag);
  last_build_ = now;
  const EventId id = env_.log.emit(now, events::image_built(plan.image, plan.tag, plan.pipeline, cause));
  built_[plan.image + ":" + plan.tag] = id;
  return id;
}

// ---- image automation ----------------------------------------------------------

void CiSystem::scan(Automation& a, TimePoint now) {
  a.last_scan = now;
  a.next_scan = now + a.spec.interval;
  a.latest = latest_tag(a.spec.policy, env_.registry.tags(a.spec.image));
  if (!a.latest) {
    a.message = "no tag of " + a.spec.image + " matches " + describe_policy(a.spec.policy);
    return;
  }
  const git::Repository* repo = env_.repository(a.spec.repo);
  if (!repo) {
    a.message = "repository '" + a.spec.repo + "' not found";
    return;
  }
  const auto head = repo->resolve(a.spec.branch);
  if (head && *head == a.settled_head && *a.latest == a.settled_tag) {
    a.message.clear();
    return;
  }
  auto entries = repo->list_tree(a.spec.branch, a.spec.path, true);
  if (!entries) {
    a.message = entries.error().message;
    return;
  }
  std::map<std::string, std::optional<std::string>> files;
  const SetterTarget target{a.spec.name, a.spec.image, *a.latest};
  for (const auto& e : *entries) {
    if (e.is_dir || !is_yaml(e.path)) continue;
    auto text = repo->read_file(a.spec.branch, e.path);
    if (!text) continue;
    if (auto updated = apply_setters(*text, target, is_kustomization_file(e.path))) files[e.path] = std::move(*updated);
  }
  a.message.clear();
  if (files.empty()) {  // Git already says the latest tag: nothing to push
    if (head) a.settled_head = *head, a.settled_tag = *a.latest;
    return;
  }
  const std::string ref = a.spec.image + ":" + *a.latest;
  auto built = built_.find(ref);
  const EventId cause = built == built_.end() ? 0 : built->second;
  auto sha = env_.commit(CommitRequest{a.spec.repo, a.spec.branch, files,
                                       "Update from image update automation: " + ref, a.spec.author, cause});
  if (!sha) {
    a.message = sha.error().message;
    return;
  }
  a.last_push_commit = *sha;
  a.last_push_time = now;
  env_.log.emit(now, events::image_updated(a.spec.name, a.spec.image, *a.latest, a.spec.repo, a.spec.branch, *sha, cause));
}

// ---- push pipelines ----------------------------------------------------------------

Result<std::vector<model::Node>> CiSystem::render(const PushPipelineSpec& p, const std::string& sha, TimePoint now) {
  auto url = env_.repo_urls.find(p.repo);
  if (url == env_.repo_urls.end()) return Error("repository '" + p.repo + "' not found");
  gitops::ApplicationSource source{url->second, p.path, sha, false};
  auto generated = env_.repo_server.generate(source, sha, false, now);
  if (!generated) return generated.error();
  std::vector<model::Node> objects = (*generated)->objects;
  std::stable_sort(objects.begin(), objects.end(),
                   [](const model::Node& a, const model::Node& b) { return apply_rank(a) < apply_rank(b); });
  return objects;
}

std::string CiSystem::unreachable_message(const std::string& cluster, TimePoint now) const {
  const gitops::ClusterRef ref = env_.cluster(cluster);
  if (!ref.cluster) return "no cluster '" + cluster + "'";
  const std::string server = ref.cluster->server();
  const std::string host = server.substr(server.find("://") == std::string::npos ? 0 : server.find("://") + 3);
  if (auto it = unreachable_until_.find(cluster); it != unreachable_until_.end() && now < it->second) {
    return "Unable to connect to the server: dial tcp " + host + ":443: i/o timeout";
  }
  if (auto st = ref.cluster->check_reachable(now); !st) return st.error().message;
  return "";
}

Result<DeployPlan> CiSystem::plan_deploy(const std::string& name, const std::optional<std::string>& revision,
                                         TimePoint now) {
  PipelineState* p = pipeline_state(name);
  if (!p) return Error("unknown pipeline '" + name + "'");
  const git::Repository* repo = env_.repository(p->spec.repo);
  if (!repo) return Error("repository '" + p->spec.repo + "' not found");
  const std::string rev = revision.value_or(p->spec.branch);
  auto sha = repo->resolve(rev);
  if (!sha) return Error("--revision '" + rev + "': " + sha.error().message);
  DeployPlan plan;
  plan.pipeline = name;
  plan.run = p->runs + 1;
  plan.ref = rev;
  plan.revision = *sha;
  if (!p->spec.image.empty()) {
    // Jenkins names a build by its number: the tag is PIPELINE-N (the next free one).
    std::int64_t n = plan.run;
    while (env_.registry.known(p->spec.image + ":" + name + "-" + std::to_string(n))) ++n;
    plan.build = BuildPlan{p->spec.image, name + "-" + std::to_string(n), name};
  }
  auto objects = render(p->spec, *sha, now);
  if (!objects) return Error("checkout " + p->spec.repo + "@" + rev + ":" + p->spec.path + ": " + objects.error().message);
  plan.objects = std::move(*objects);
  if (plan.build) use_built_tag(plan.objects, *plan.build);
  for (const auto& c : p->spec.kubeconfig) plan.targets.push_back(DeployPlan::Target{c, unreachable_message(c, now)});
  return plan;
}

std::string CiSystem::run_deploy(const DeployPlan& plan, TimePoint now, EventId cause) {
  PipelineState& p = *pipeline_state(plan.pipeline);
  p.runs = std::max(p.runs, plan.run);
  p.last_run = now;
  last_deploy_ = now;
  p.last_revision = plan.revision;
  p.last_result.clear();
  std::string out = "Started by user: " + plan.pipeline + " #" + std::to_string(plan.run) + "\n";
  out += "[checkout] " + p.spec.repo + "@" + plan.ref + " " + sha7(plan.revision) + " " + p.spec.path + "\n";
  if (plan.build) {
    run_build(*plan.build, now, cause);
    out += "[build] pushed " + plan.build->image + ":" + plan.build->tag + "\n";
  }
  if (plan.targets.empty()) out += "[deploy] no kubeconfig: nothing to apply (a GitOps agent pulls instead)\n";
  for (const auto& t : plan.targets) {
    const std::string tag = "[deploy " + t.cluster + "] ";
    if (!t.unreachable.empty()) {
      out += tag + t.unreachable + "\n";
      finish(plan.pipeline, t.cluster, plan.revision, "Unreachable", t.unreachable, now, cause);
      continue;
    }
    cluster::Cluster& c = *env_.cluster(t.cluster).cluster;
    std::string failed;
    std::vector<cluster::ObjectKey> deployments;
    std::set<std::string> namespaces;  // created by this apply so far
    for (const auto& obj : plan.objects) {
      auto k = c.key_of(obj);
      if (!k) {
        failed = k.error().message;
        break;
      }
      const auto info = c.kind_info(k->group, k->kind);
      if (info && info->namespaced && !namespaces.count(k->ns) && !c.get(cluster::ObjectKey{"", "Namespace", "", k->ns})) {
        failed = "Error from server (NotFound): namespaces \"" + k->ns + "\" not found";
        break;
      }
      auto applied = c.apply(obj, now, plan.pipeline);
      if (!applied) {
        failed = applied.error().message;
        break;
      }
      if (k->group.empty() && k->kind == "Namespace") namespaces.insert(k->name);
      if (k->group == "apps" && k->kind == "Deployment") deployments.push_back(*k);
      env_.log.emit(now, events::live_changed({t.cluster, k->kind, k->ns, k->name}, plan.pipeline, "apply", cause));
      out += tag + applied->kubectl_line() + "\n";
    }
    if (!failed.empty()) {
      out += tag + failed + "\n";
      finish(plan.pipeline, t.cluster, plan.revision, "Failed", failed, now, cause);
      continue;
    }
    if (deployments.empty()) {
      finish(plan.pipeline, t.cluster, plan.revision, "Succeeded", "applied", now, cause);
      continue;
    }
    out += tag + "kubectl rollout status --timeout=" + format_duration(p.spec.rollout_timeout) + "\n";
    p.last_result[t.cluster] = "Running";
    waits_.push_back(RolloutWait{plan.pipeline, t.cluster, plan.revision, deployments, now + p.spec.rollout_timeout,
                                 now + kRolloutPoll, cause});
  }
  return out;
}

void CiSystem::finish(const std::string& pipeline, const std::string& cluster, const std::string& revision,
                      const std::string& result, const std::string& message, TimePoint now, EventId cause) {
  if (PipelineState* p = pipeline_state(pipeline); p && p->last_revision == revision) p->last_result[cluster] = result;
  env_.log.emit(now, events::push_deployed(pipeline, cluster, revision, result, message, cause));
}

bool CiSystem::check_rollout(RolloutWait& w, TimePoint now) {
  cluster::Cluster* c = env_.cluster(w.cluster).cluster;
  std::string problem;
  bool done = c != nullptr;
  for (const auto& k : w.deployments) {
    const model::Node* obj = c ? c->get(k) : nullptr;
    if (!obj) {
      done = false;
      problem = "deployments.apps \"" + k.name + "\" not found";
      continue;
    }
    const auto h = cluster::deployment_health(*obj);
    if (h.status == cluster::HealthCode::Degraded) {
      finish(w.pipeline, w.cluster, w.revision, "Failed",
             "error: deployment \"" + k.name + "\" exceeded its progress deadline", now, w.cause);
      return true;
    }
    if (h.status != cluster::HealthCode::Healthy) done = false;
  }
  if (done) {
    std::string msg;
    for (const auto& k : w.deployments) msg += (msg.empty() ? "" : "; ") + ("deployment \"" + k.name + "\" successfully rolled out");
    finish(w.pipeline, w.cluster, w.revision, "Succeeded", msg, now, w.cause);
    return true;
  }
  if (now >= w.deadline) {
    finish(w.pipeline, w.cluster, w.revision, "Failed", "error: timed out waiting for the condition", now, w.cause);
    return true;
  }
  w.next_check = std::min(now + kRolloutPoll, w.deadline);
  return false;
}

// ---- the leaked kubeconfig ----------------------------------------------------------

Result<LeakPlan> CiSystem::plan_leak(const std::string& name, TimePoint now) {
  PipelineState* p = pipeline_state(name);
  if (!p) return Error("unknown pipeline '" + name + "'");
  LeakPlan plan;
  plan.pipeline = name;
  // The app: the Deployments the pipeline's path holds at its branch's head.
  std::vector<cluster::ObjectKey> app;
  if (const git::Repository* repo = env_.repository(p->spec.repo)) {
    if (auto sha = repo->resolve(p->spec.branch)) {
      if (auto objects = render(p->spec, *sha, now)) {
        for (const auto& o : *objects) {
          if (o.get_string({"kind"}).value_or("") != "Deployment") continue;
          app.push_back(cluster::ObjectKey{"apps", "Deployment", o.get_string({"metadata", "namespace"}).value_or("default"),
                                           o.get_string({"metadata", "name"}).value_or("")});
        }
      }
    }
  }
  for (const auto& cl : p->spec.kubeconfig) {
    const gitops::ClusterRef ref = env_.cluster(cl);
    // The intruder connects from anywhere: only the cluster's own outage stops them.
    if (!ref.cluster || !ref.cluster->check_reachable(now)) {
      plan.out_of_reach.push_back(cl);
      continue;
    }
    plan.clusters.push_back(cl);
    auto& deps = plan.app_deployments[cl];
    for (const auto& k : app) {
      if (ref.cluster->get(k)) deps.push_back(k);
    }
  }
  return plan;
}

std::string CiSystem::run_leak(const LeakPlan& plan, TimePoint now, EventId cause) {
  std::string out;
  if (plan.clusters.empty() && plan.out_of_reach.empty()) {
    return "pipeline " + plan.pipeline +
           " holds no cluster credential: the leak reaches Git and the registry only, no cluster (GitOps: the agent "
           "pulls from inside each cluster)\n";
  }
  env_.registry.add(kMinerImage, kMinerTag);
  for (const auto& cl : plan.clusters) {
    cluster::Cluster& c = *env_.cluster(cl).cluster;
    model::Node miner = model::Node::map();
    miner.set("apiVersion", model::Node::string("apps/v1"));
    miner.set("kind", model::Node::string("Deployment"));
    model::Node meta = model::Node::map();
    meta.set("name", model::Node::string("cryptominer"));
    meta.set("namespace", model::Node::string("default"));
    miner.set("metadata", meta);
    model::Node labels = model::Node::map();
    labels.set("app", model::Node::string("cryptominer"));
    model::Node container = model::Node::map();
    container.set("name", model::Node::string("xmrig"));
    container.set("image", model::Node::string(std::string(kMinerImage) + ":" + kMinerTag));
    model::Node containers = model::Node::list();
    containers.push_back(container);
    model::Node pod_spec = model::Node::map();
    pod_spec.set("containers", containers);
    model::Node tpl_meta = model::Node::map();
    tpl_meta.set("labels", labels);
    model::Node tpl = model::Node::map();
    tpl.set("metadata", tpl_meta);
    tpl.set("spec", pod_spec);
    model::Node selector = model::Node::map();
    selector.set("matchLabels", labels);
    model::Node spec = model::Node::map();
    spec.set("replicas", model::Node::integer(3));
    spec.set("selector", selector);
    spec.set("template", tpl);
    miner.set("spec", spec);
    if (auto applied = c.apply(miner, now, kIntruder)) {
      env_.log.emit(now, events::live_changed({cl, "Deployment", "default", "cryptominer"}, kIntruder, "apply", cause));
      out += "[" + cl + "] " + applied->kubectl_line() + "\n";
    }
    auto deps = plan.app_deployments.find(cl);
    if (deps == plan.app_deployments.end()) continue;
    for (const auto& k : deps->second) {
      if (c.scale("deployment", k.ns, k.name, std::int64_t{0}, now, kIntruder)) {
        env_.log.emit(now, events::live_changed({cl, k.kind, k.ns, k.name}, kIntruder, "spec.replicas=0", cause));
        out += "[" + cl + "] " + object_line(k) + " scaled\n";
      }
    }
  }
  for (const auto& cl : plan.out_of_reach) out += "[" + cl + "] out of reach now (the cluster is down)\n";
  return out;
}

// ---- time ------------------------------------------------------------------------------

std::optional<TimePoint> CiSystem::next_wakeup() const {
  std::optional<TimePoint> next;
  auto consider = [&](TimePoint t) {
    if (!next || t < *next) next = t;
  };
  for (const auto& a : automations_) consider(a.next_scan);
  for (const auto& w : waits_) consider(w.next_check);
  return next;
}

bool CiSystem::run_until(TimePoint now, const std::function<bool()>&) {
  // Everything due runs to the end: no step is left half done for a later call.
  for (auto& a : automations_) {
    if (a.next_scan <= now) scan(a, now);
  }
  std::vector<RolloutWait> still;
  for (auto& w : waits_) {
    if (w.next_check > now || !check_rollout(w, now)) still.push_back(std::move(w));
  }
  waits_ = std::move(still);
  return true;
}

Result<gitops::AppDiff> CiSystem::app_diff(const std::string& name, TimePoint) {
  return Error("application '" + name + "' not found");
}

// ---- views ---------------------------------------------------------------------------

std::vector<PipelineRow> CiSystem::pipeline_rows() const {
  std::vector<PipelineRow> out;
  for (const auto& p : pipelines_) {
    PipelineRow r{p.spec.name, p.spec.repo, p.spec.branch, p.spec.path, p.spec.image, p.spec.kubeconfig,
                  p.spec.rollout_timeout, p.runs, p.last_run, p.last_revision, ""};
    for (const auto& [cl, res] : p.last_result) r.last_result += (r.last_result.empty() ? "" : " ") + cl + "=" + res;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<AutomationRow> CiSystem::automation_rows() const {
  std::vector<AutomationRow> out;
  for (const auto& a : automations_) {
    out.push_back(AutomationRow{a.spec.name, a.spec.image, describe_policy(a.spec.policy), a.spec.repo, a.spec.branch,
                                a.spec.path, a.spec.interval, a.last_scan, a.latest, a.last_push_commit,
                                a.last_push_time, a.message});
  }
  return out;
}

std::string CiSystem::state_text() const {
  std::string s;
  auto add = [&](const std::string& v) { s += std::to_string(v.size()) + ":" + v; };
  auto add_t = [&](const std::optional<TimePoint>& t) { add(t ? std::to_string(t->ms) : "-"); };
  for (const auto& a : automations_) {
    add("automation");
    add(a.spec.name);
    add(std::to_string(a.next_scan.ms));
    add_t(a.last_scan);
    add(a.latest.value_or("-"));
    add(a.last_push_commit);
    add_t(a.last_push_time);
    add(a.message);
  }
  for (const auto& p : pipelines_) {
    add("pipeline");
    add(p.spec.name);
    add(std::to_string(p.runs));
    add_t(p.last_run);
    add(p.last_revision);
    for (const auto& [cl, res] : p.last_result) add(cl + "=" + res);
  }
  for (const auto& w : waits_) {
    add("wait");
    add(w.pipeline + "/" + w.cluster + "@" + w.revision);
    add(std::to_string(w.deadline.ms) + "/" + std::to_string(w.next_check.ms));
  }
  for (const auto& [cl, t] : unreachable_until_) add("unreachable " + cl + " " + std::to_string(t.ms));
  for (const auto& [ref, id] : built_) add("built " + ref + " " + std::to_string(id));
  add_t(last_build_);
  add_t(last_deploy_);
  return s;
}

}  // namespace gs::ci
