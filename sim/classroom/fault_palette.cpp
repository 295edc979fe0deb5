// The fault palette's list and how each fault is worded in the command
// language for one app: where its Deployment lives (cluster, namespace,
// name), which branch it follows, and where in Git its image is set.
#include "sim/classroom/fault_palette.hpp"

#include <algorithm>
#include <filesystem>

#include "sim/cluster/cluster.hpp"
#include "sim/git/repository.hpp"
#include "sim/model/yaml.hpp"

namespace gs::classroom {

namespace {

// The tag a bad-image commit sets: one the registry does not have.
constexpr std::string_view kMissingTag = "9.9.9";

// What a fault needs to know of its target app.
struct Target {
  gitops::AppView app;
  cluster::ObjectKey deployment;
  const world::RepoState* repo = nullptr;
  std::string branch;  // "" when the app follows a tag or a SHA
};

std::string join_path(const std::string& dir, const std::string& rel) {
  std::filesystem::path p = dir.empty() || dir == "." ? std::filesystem::path(rel) : std::filesystem::path(dir) / rel;
  std::string s = p.lexically_normal().generic_string();
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s == "." ? "" : s;
}

// The image's repository part ("registry.example/web" of "registry.example/web:1.0.0").
std::string image_repository(const std::string& image) {
  const auto at = image.find('@');
  std::string s = image.substr(0, at);
  const auto colon = s.rfind(':');
  const auto slash = s.rfind('/');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) s.resize(colon);
  return s;
}

std::string image_tag(const std::string& image) {
  const std::string repo = image_repository(image);
  return image.size() > repo.size() + 1 && image[repo.size()] == ':' ? image.substr(repo.size() + 1) : "";
}

// The tags the scenario's registry lists for an image repository.
std::vector<std::string> registry_tags(const world::World& w, const std::string& repository) {
  for (const auto& img : w.spec().registry) {
    if (img.image == repository) return img.tags;
  }
  return {};
}

const model::Node* live_object(const world::World& w, const std::string& cluster, const cluster::ObjectKey& key) {
  const world::ClusterState* cs = w.cluster_by_name(cluster);
  return cs ? cs->cluster->get(key) : nullptr;
}

// kubectl's flags that place an object: -n NS --cluster C.
std::string where(const Target& t, const std::string& ns) { return " -n " + ns + " --cluster " + t.app.cluster; }

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

Result<Target> find_target(const world::World& w, const std::string& wanted) {
  const std::vector<std::string> targets = fault_targets(w);
  if (w.app_names().empty()) return Error("this world has no apps: the fault palette aims every fault at an app");
  if (targets.empty()) return Error("no app of this world manages a Deployment yet: the fault palette needs one");
  const std::string name = wanted.empty() ? targets.front() : wanted;
  if (std::find(targets.begin(), targets.end(), name) == targets.end()) {
    const auto all = w.app_names();
    if (std::find(all.begin(), all.end(), name) != all.end()) {
      return Error("app '" + name + "' manages no Deployment; the fault palette can aim at: " + [&] {
        std::string s;
        for (const auto& t : targets) s += (s.empty() ? "" : ", ") + t;
        return s;
      }());
    }
    return Error("unknown app '" + name + "'");
  }
  Target t;
  t.app = *w.app_view(name);
  for (const auto& r : t.app.resources) {
    if (r.key.kind == "Deployment") {
      t.deployment = r.key;
      break;
    }
  }
  if (t.deployment.ns.empty()) t.deployment.ns = t.app.ns.empty() ? "default" : t.app.ns;
  t.repo = w.repo_by_url(t.app.repo_url);
  if (t.repo) {
    const std::string rev = t.app.target_revision;
    if (rev.empty() || rev == "HEAD") {
      t.branch = t.repo->repo->default_branch();
    } else {
      const auto branches = t.repo->repo->branches();
      if (std::find(branches.begin(), branches.end(), rev) != branches.end()) t.branch = rev;
    }
  }
  return t;
}

// The repository and branch a fault commit goes to, as REPO@BRANCH.
Result<std::string> commit_target(const Target& t) {
  if (!t.repo) return Error("app '" + t.app.name + "' follows " + t.app.repo_url + ", which this world does not hold");
  if (t.branch.empty()) {
    return Error("app '" + t.app.name + "' follows '" + t.app.target_revision +
                 "', not a branch: a fault commit needs a branch");
  }
  return t.repo->name + "@" + t.branch;
}

std::optional<model::Node> read_yaml(const Target& t, const std::string& path) {
  auto text = t.repo->repo->read_file(t.branch, path);
  if (!text) return std::nullopt;
  auto node = model::parse_yaml(*text);
  if (!node) return std::nullopt;
  return std::move(*node);
}

std::optional<std::string> kustomization_of(const Target& t, const std::string& dir) {
  for (const char* f : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    const std::string p = join_path(dir, f);
    if (t.repo->repo->read_file(t.branch, p)) return p;
  }
  return std::nullopt;
}

// The files a source path renders from: its own, and those of the
// directories its kustomization's resources name, one level deep (an
// overlay and its base), in that order.
std::vector<std::string> source_files(const Target& t) {
  std::vector<std::string> files;
  auto add_dir = [&](const std::string& dir) {
    auto entries = t.repo->repo->list_tree(t.branch, dir, true);
    if (!entries) return;
    for (const auto& e : *entries) {
      if (!e.is_dir && (e.path.ends_with(".yaml") || e.path.ends_with(".yml"))) files.push_back(e.path);
    }
  };
  const std::string dir = join_path(t.app.path, "");
  add_dir(dir);
  if (auto k = kustomization_of(t, dir)) {
    if (auto node = read_yaml(t, *k); node && node->is_map()) {
      if (const model::Node* res = node->find("resources"); res && res->is_list()) {
        for (const auto& item : res->items()) {
          if (!item.is_string()) continue;
          const std::string p = join_path(dir, item.text());
          auto is_dir = t.repo->repo->is_dir(t.branch, p);
          if (is_dir && *is_dir) add_dir(p);
          else if (std::find(files.begin(), files.end(), p) == files.end()) files.push_back(p);
        }
      }
    }
  }
  return files;
}

// The manifest file (one document) that holds the app's Deployment: its
// name, or the live name ends with it (a namePrefix).
std::optional<std::pair<std::string, model::Node>> deployment_file(const Target& t) {
  for (const auto& f : source_files(t)) {
    auto node = read_yaml(t, f);
    if (!node || !node->is_map() || node->get_string({"kind"}).value_or("") != "Deployment") continue;
    const std::string name = node->get_string({"metadata", "name"}).value_or("");
    if (!name.empty() && t.deployment.name.ends_with(name)) return std::make_pair(f, std::move(*node));
  }
  return std::nullopt;
}

std::string missing_tag(const world::World& w, const std::string& repository) {
  const auto tags = registry_tags(w, repository);
  std::string tag(kMissingTag);
  while (std::find(tags.begin(), tags.end(), tag) != tags.end()) tag += "9";
  return tag;
}

Result<std::vector<FaultCommand>> bad_image(const world::World& w, const Target& t) {
  auto where_to = commit_target(t);
  if (!where_to) return where_to.error();
  const std::string dir = join_path(t.app.path, "");
  // An overlay's `images:` wins over what its base says: set the tag there.
  if (auto k = kustomization_of(t, dir)) {
    if (auto node = read_yaml(t, *k); node && node->is_map()) {
      if (const model::Node* images = node->find("images"); images && images->is_list() && !images->items().empty()) {
        const std::string repository = images->items().front().get_string({"name"}).value_or("");
        const std::string tag = missing_tag(w, repository);
        return std::vector<FaultCommand>{{"git edit " + *where_to + " " + *k + " images[0].newTag=" + tag +
                                              " -m " + quoted("Release " + repository + ":" + tag),
                                          {}}};
      }
    }
  }
  auto file = deployment_file(t);
  if (!file) {
    return Error("cannot find where app '" + t.app.name + "' sets its image: no kustomization images: in '" +
                 (dir.empty() ? "." : dir) + "' and no Deployment manifest named '" + t.deployment.name + "'");
  }
  const model::Node* containers = nullptr;
  if (const model::Node* spec = file->second.find("spec")) {
    if (const model::Node* tmpl = spec->find("template")) {
      if (const model::Node* pod = tmpl->find("spec")) containers = pod->find("containers");
    }
  }
  if (!containers || !containers->is_list() || containers->items().empty()) {
    return Error("the Deployment in '" + file->first + "' has no containers to give a bad image");
  }
  const std::string repository =
      image_repository(containers->items().front().get_string({"image"}).value_or(t.deployment.name));
  const std::string tag = missing_tag(w, repository);
  return std::vector<FaultCommand>{{"git edit " + *where_to + " " + file->first +
                                        " spec.template.spec.containers[0].image=" + repository + ":" + tag + " -m " +
                                        quoted("Release " + repository + ":" + tag),
                                    {}}};
}

Result<const model::Node*> live_deployment(const world::World& w, const Target& t) {
  const model::Node* live = live_object(w, t.app.cluster, t.deployment);
  if (!live) {
    return Error("deployment '" + t.deployment.name + "' of app '" + t.app.name + "' is not in cluster '" +
                 t.app.cluster + "' yet (sync the app first)");
  }
  return live;
}

Result<std::vector<FaultCommand>> scale_by_hand(const world::World& w, const Target& t) {
  auto live = live_deployment(w, t);
  if (!live) return live.error();
  std::int64_t replicas = 1;
  if (const model::Node* spec = (*live)->find("spec")) {
    if (const model::Node* r = spec->find("replicas")) replicas = r->as_int().value_or(1);
  }
  return std::vector<FaultCommand>{{"kubectl scale deployment/" + t.deployment.name +
                                        " --replicas=" + std::to_string(replicas + 2) + where(t, t.deployment.ns),
                                    {}}};
}

// A different tag of the same image, one the registry has: drift that runs.
Result<std::vector<FaultCommand>> edit_by_hand(const world::World& w, const Target& t) {
  auto live = live_deployment(w, t);
  if (!live) return live.error();
  const model::Node* containers = nullptr;
  if (const model::Node* spec = (*live)->find("spec")) {
    if (const model::Node* tmpl = spec->find("template")) {
      if (const model::Node* pod = tmpl->find("spec")) containers = pod->find("containers");
    }
  }
  if (!containers || !containers->is_list() || containers->items().empty()) {
    return Error("deployment '" + t.deployment.name + "' has no containers");
  }
  const model::Node& c = containers->items().front();
  const std::string image = c.get_string({"image"}).value_or("");
  const std::string repository = image_repository(image);
  const std::string current = image_tag(image);
  for (const auto& tag : registry_tags(w, repository)) {
    if (tag == current) continue;
    return std::vector<FaultCommand>{{"kubectl set image deployment/" + t.deployment.name + " " +
                                          c.get_string({"name"}).value_or("") + "=" + repository + ":" + tag +
                                          where(t, t.deployment.ns),
                                      {}}};
  }
  return Error("the registry has no other tag of " + repository + " to set by hand");
}

Result<std::vector<FaultCommand>> bad_commit(const world::World&, const Target& t) {
  auto where_to = commit_target(t);
  if (!where_to) return where_to.error();
  // The app's own kustomization when it has one (only this app breaks), else
  // its Deployment's manifest.
  std::optional<std::string> path = kustomization_of(t, join_path(t.app.path, ""));
  if (!path) {
    if (auto file = deployment_file(t)) path = file->first;
  }
  if (!path) return Error("cannot find a manifest of app '" + t.app.name + "' to break");
  auto text = t.repo->repo->read_file(t.branch, *path);
  if (!text) return text.error();
  std::string broken = *text;
  if (!broken.empty() && broken.back() != '\n') broken += '\n';
  broken += "replicas: [2\n";  // an unclosed flow sequence: the file no longer parses
  return std::vector<FaultCommand>{
      {"git commit " + *where_to + " -m " + quoted("Tweak " + *path), world::StagedFiles{{*path, broken}}}};
}

// A Service of the app if it has one (the app keeps serving: only Argo CD
// notices), else its Deployment.
Result<std::vector<FaultCommand>> delete_resource(const world::World& w, const Target& t) {
  for (const auto& r : t.app.resources) {
    if (r.key.kind == "Service" && live_object(w, t.app.cluster, r.key)) {
      return std::vector<FaultCommand>{{"kubectl delete service/" + r.key.name + where(t, r.key.ns), {}}};
    }
  }
  auto live = live_deployment(w, t);
  if (!live) return live.error();
  return std::vector<FaultCommand>{{"kubectl delete deployment/" + t.deployment.name + where(t, t.deployment.ns), {}}};
}

Result<std::vector<FaultCommand>> repo_fault(const Target& t, const std::string& what, const std::string& duration) {
  if (!t.repo) return Error("app '" + t.app.name + "' follows " + t.app.repo_url + ", which this world does not hold");
  return std::vector<FaultCommand>{{"fault " + what + " " + t.repo->name + " " + duration, {}}};
}

Result<std::vector<FaultCommand>> commands_for(const world::World& w, std::string_view fault, const Target& t) {
  if (fault == "bad-image") return bad_image(w, t);
  if (fault == "scale-by-hand") return scale_by_hand(w, t);
  if (fault == "edit-by-hand") return edit_by_hand(w, t);
  if (fault == "cluster-outage") {
    if (t.app.cluster.empty()) return Error("app '" + t.app.name + "' deploys to no cluster this world knows");
    return std::vector<FaultCommand>{{"fault outage " + t.app.cluster + " 5m", {}}};
  }
  if (fault == "repo-unreachable") return repo_fault(t, "repo-unreachable", "10m");
  if (fault == "webhook-lost") return repo_fault(t, "webhook-lost", "10m");
  if (fault == "bad-commit") return bad_commit(w, t);
  if (fault == "deleted-resource") return delete_resource(w, t);
  if (fault == "crash-loop") {
    return std::vector<FaultCommand>{{"fault crash " + t.deployment.name + where(t, t.deployment.ns), {}}};
  }
  return Error("unknown fault '" + std::string(fault) + "'; expected one of " + fault_ids());
}

}  // namespace

const std::vector<FaultInfo>& fault_palette() {
  static const std::vector<FaultInfo> palette = {
      {"bad-image",
       {"Bad image", "잘못된 이미지"},
       {"A commit sets an image tag the registry does not have: pods fail to pull, the app turns Degraded.",
        "레지스트리에 없는 이미지 태그를 커밋합니다. 파드가 이미지를 받지 못하고 앱이 Degraded 가 됩니다."}},
      {"scale-by-hand",
       {"Someone scales by hand", "누군가 손으로 스케일"},
       {"kubectl scale changes the live replicas: Argo CD sees drift (OutOfSync), self-heal puts it back.",
        "kubectl scale 로 실제 복제 수를 바꿉니다. Argo CD 가 드리프트(OutOfSync)를 보고, self-heal 이 되돌립니다."}},
      {"edit-by-hand",
       {"Someone edits by hand", "누군가 손으로 수정"},
       {"kubectl set image puts another image live than Git says: the diff shows it, the app is OutOfSync.",
        "kubectl set image 로 Git 과 다른 이미지를 올립니다. diff 에 보이고 앱이 OutOfSync 가 됩니다."}},
      {"cluster-outage",
       {"Cluster outage", "클러스터 장애"},
       {"The app's cluster API is out of reach for 5 minutes: its status turns Unknown with a ComparisonError.",
        "앱의 클러스터 API 에 5분 동안 닿지 않습니다. 상태가 Unknown 이 되고 ComparisonError 가 납니다."}},
      {"repo-unreachable",
       {"Git host unreachable", "Git 호스트 연결 불가"},
       {"The app's Git host is out of reach for 10 minutes: new commits wait; minutes later a ComparisonError.",
        "앱의 Git 호스트에 10분 동안 닿지 않습니다. 새 커밋은 기다리고, 몇 분 뒤 ComparisonError 가 뜹니다."}},
      {"webhook-lost",
       {"Lost webhook", "웹훅 유실"},
       {"The Git host's push webhooks are dropped for 10 minutes: only the next poll notices a commit.",
        "10분 동안 Git 호스트의 푸시 웹훅이 버려집니다. 커밋은 다음 폴링에서야 알아챕니다."}},
      {"bad-commit",
       {"Bad commit", "잘못된 커밋"},
       {"A commit breaks a manifest's YAML: Argo CD cannot render it, the app shows a ComparisonError.",
        "매니페스트의 YAML 을 깨뜨리는 커밋입니다. Argo CD 가 렌더링하지 못하고 앱에 ComparisonError 가 뜹니다."}},
      {"deleted-resource",
       {"Deleted resource", "삭제된 리소스"},
       {"kubectl delete removes an object the app manages: it shows as Missing, OutOfSync.",
        "kubectl delete 로 앱이 관리하는 객체를 지웁니다. Missing, OutOfSync 로 보입니다."}},
      {"crash-loop",
       {"Crash-looping pod", "계속 죽는 파드"},
       {"The app's pods crash from now on (CrashLoopBackOff): still Synced, but no longer Healthy.",
        "지금부터 앱의 파드가 계속 죽습니다(CrashLoopBackOff). Synced 그대로지만 더는 Healthy 가 아닙니다."}},
  };
  return palette;
}

const FaultInfo* find_fault(std::string_view id) {
  for (const auto& f : fault_palette()) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::string fault_ids() {
  std::string s;
  for (const auto& f : fault_palette()) s += (s.empty() ? "" : ", ") + f.id;
  return s;
}

const std::vector<Duration>& fault_delays() {
  static const std::vector<Duration> delays = {Duration{0}, Duration::seconds(30), Duration::minutes(1),
                                               Duration::minutes(2), Duration::minutes(5)};
  return delays;
}

std::vector<std::string> fault_targets(const world::World& w) {
  std::vector<std::string> out;
  for (const auto& name : w.app_names()) {
    auto v = w.app_view(name);
    if (!v) continue;
    for (const auto& r : v->resources) {
      if (r.key.kind == "Deployment") {
        out.push_back(name);
        break;
      }
    }
  }
  return out;
}

Result<FaultPlan> plan_fault(const world::World& w, std::string_view fault, const std::string& app) {
  if (!find_fault(fault)) return Error("unknown fault '" + std::string(fault) + "'; expected one of " + fault_ids());
  auto t = find_target(w, app);
  if (!t) return t.error();
  auto cmds = commands_for(w, fault, *t);
  if (!cmds) return Error("fault " + std::string(fault) + ": " + cmds.error().message);
  return FaultPlan{std::string(fault), t->app.name, std::move(*cmds)};
}

Result<std::vector<session::CommandOutcome>> inject_fault(session::Session& session, const FaultPlan& plan,
                                                          const std::string& actor) {
  std::vector<session::CommandOutcome> out;
  for (const auto& c : plan.commands) {
    auto o = session.run(c.line, session::Issuer{session::Origin::FaultPalette, actor}, c.files);
    if (!o.ok) return Error("fault " + plan.fault + ": " + c.line + ": " + o.output);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace gs::classroom
