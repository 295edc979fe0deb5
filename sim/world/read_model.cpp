#include "sim/world/read_model.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/kubectl_print.hpp"
#include "sim/git/repository.hpp"
#include "sim/world/find_named.hpp"
#include "sim/world/world.hpp"

namespace gs::world {
namespace {

RepoEntry read_repo(const RepoState& r) {
  RepoEntry e;
  e.name = r.name;
  e.url = r.url;
  e.default_branch = r.repo->default_branch();
  for (const auto& b : r.repo->branches()) {
    if (auto sha = r.repo->resolve(b)) e.branches[b] = *sha;
  }
  for (const auto& [name, sha] : r.repo->tags()) e.tags[name] = sha;
  return e;
}

ClusterEntry read_cluster(const ClusterState& c) {
  ClusterEntry e;
  e.name = c.name;
  e.server = c.server;
  const auto keys = c.cluster->keys();
  e.object_count = keys.size();
  for (const auto& k : keys) ++e.objects_by_kind[k.kind];
  return e;
}

std::vector<std::string> template_images(const model::Node& obj) {
  std::vector<std::string> out;
  if (const model::Node* cons = obj.get({"spec", "template", "spec", "containers"}); cons && cons->is_list()) {
    for (const auto& c : cons->items()) {
      if (auto img = c.get_string({"image"})) out.push_back(*img);
    }
  }
  return out;
}

bool pod_ready(const model::Node& pod) {
  const model::Node* conds = pod.get({"status", "conditions"});
  if (!conds || !conds->is_list()) return false;
  for (const auto& c : conds->items()) {
    if (c.get_string({"type"}).value_or("") == "Ready") return c.get_string({"status"}).value_or("") == "True";
  }
  return false;
}

// A Deployment's ReplicaSets that want pods or still have some, oldest first.
std::vector<PodRevision> pod_revisions(const cluster::Cluster& c, const cluster::ObjectKey& deployment) {
  std::vector<PodRevision> out;
  for (const auto& rs_key : c.owned_by(deployment)) {
    const model::Node* rs = rs_key.kind == "ReplicaSet" ? c.get(rs_key) : nullptr;
    if (!rs) continue;
    PodRevision r;
    r.images = template_images(*rs);
    r.desired = rs->get({"spec", "replicas"}) ? rs->get({"spec", "replicas"})->as_int().value_or(0) : 0;
    const auto rev = rs->get_string({"metadata", "annotations", "deployment.kubernetes.io/revision"});
    r.revision = rev ? std::atoll(rev->c_str()) : 0;
    for (const auto& pod_key : c.owned_by(rs_key)) {
      const model::Node* pod = pod_key.kind == "Pod" ? c.get(pod_key) : nullptr;
      if (!pod) continue;
      ++r.pods;
      if (pod_ready(*pod)) ++r.ready;
      else if (r.waiting.empty()) r.waiting = cluster::pod_status(*pod);
    }
    if (r.desired > 0 || r.pods > 0) out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const PodRevision& a, const PodRevision& b) { return a.revision < b.revision; });
  return out;
}

}  // namespace

ReadModel ReadModel::of(const World& world) {
  ReadModel m;
  m.update(world);
  return m;
}

const AppEntry* ReadModel::app(std::string_view name) const {
  const int i = index_of(name);
  return i < 0 ? nullptr : &apps_[static_cast<std::size_t>(i)];
}

int ReadModel::index_of(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? -1 : it->second;
}

const RepoEntry* ReadModel::repo(std::string_view name) const { return find_named(repos_, name); }

const ClusterEntry* ReadModel::cluster(std::string_view name) const { return find_named(clusters_, name); }

void ReadModel::read_target_head(const World& world, AppEntry& entry) const {
  const RepoState* repo = world.repo_by_url(entry.view.repo_url);
  entry.repo = repo ? repo->name : std::string();
  entry.target_head.clear();
  if (repo && repo->repo) {
    if (auto sha = repo->repo->resolve(entry.view.target_revision)) entry.target_head = *sha;
  }
}

void ReadModel::read_workload(const World& world, AppEntry& entry) const {
  Workload w;
  const ClusterState* cs = world.cluster_by_name(entry.view.cluster);
  for (const auto& r : entry.view.resources) {
    if (!cs || !cs->cluster || r.key.kind != "Deployment") continue;
    const model::Node* live = cs->cluster->get(r.key);
    if (!live) continue;
    for (auto& img : template_images(*live)) w.images.push_back(std::move(img));
    for (auto& rev : pod_revisions(*cs->cluster, r.key)) w.revisions.push_back(std::move(rev));
    if (const model::Node* rep = live->get({"spec", "replicas"})) w.pods_total += rep->as_int().value_or(0);
    if (const model::Node* rd = live->get({"status", "readyReplicas"})) w.pods_ready += rd->as_int().value_or(0);
  }
  entry.workload = std::move(w);
}

bool ReadModel::read_app(const World& world, std::size_t index, std::uint64_t version) {
  AppEntry fresh;
  fresh.view.name = apps_[index].view.name;
  if (auto v = world.app_view(fresh.view.name)) fresh.view = std::move(*v);
  read_target_head(world, fresh);
  read_workload(world, fresh);
  // An event that names the app may change nothing a view reads (a poll
  // that finds nothing new): its version stays, so derived views stay too.
  if (app_versions_[index] != 0 && fresh == apps_[index]) return false;
  apps_[index] = std::move(fresh);
  app_versions_[index] = version;
  return true;
}

void ReadModel::read_all(const World& world) {
  source_ = &world;
  ++version_;
  now_ = world.now();
  events_read_ = world.log().size();
  repos_.clear();
  for (const auto& r : world.repos()) repos_.push_back(read_repo(r));
  clusters_.clear();
  cluster_changes_.clear();
  for (const auto& c : world.clusters()) {
    clusters_.push_back(read_cluster(c));
    cluster_changes_.push_back(c.changes);
  }
  const auto names = world.app_names();
  apps_.assign(names.size(), AppEntry{});
  app_versions_.assign(names.size(), 0);
  index_.clear();
  for (std::size_t i = 0; i < names.size(); ++i) {
    index_[names[i]] = static_cast<int>(i);
    apps_[i].view.name = names[i];
    read_app(world, i, version_);
  }
}

bool ReadModel::update(const World& world) {
  const auto& events = world.log().events();
  if (source_ != &world || events.size() < events_read_ || world.repos().size() != repos_.size() ||
      world.clusters().size() != clusters_.size()) {
    read_all(world);
    return true;
  }
  // An app came or went (App of Apps): every index may move, read them all.
  const auto names = world.app_names();
  if (names.size() != apps_.size() ||
      !std::equal(names.begin(), names.end(), apps_.begin(),
                  [](const std::string& n, const AppEntry& e) { return n == e.view.name; })) {
    read_all(world);
    return true;
  }
  const bool time_moved = world.now() != now_;
  now_ = world.now();
  const std::uint64_t next = version_ + 1;
  bool changed = false;

  // What new events name: apps, and repositories (refs moved).
  std::vector<char> app_named(apps_.size(), 0);
  std::set<std::string, std::less<>> repos_named;
  for (std::size_t i = events_read_; i < events.size(); ++i) {
    const Event& e = events[i];
    if (const std::string app = e.str("app"); !app.empty()) {
      if (const int k = index_of(app); k >= 0) app_named[static_cast<std::size_t>(k)] = 1;
    }
    if (std::string repo = e.str("repo"); !repo.empty()) repos_named.insert(std::move(repo));
  }
  events_read_ = events.size();
  for (std::size_t i = 0; i < repos_.size(); ++i) {
    if (!repos_named.count(repos_[i].name)) continue;
    RepoEntry fresh = read_repo(world.repos()[i]);
    if (fresh == repos_[i]) continue;
    repos_[i] = std::move(fresh);
    changed = true;
  }
  std::set<std::string, std::less<>> clusters_moved;
  for (std::size_t i = 0; i < clusters_.size(); ++i) {
    const ClusterState& c = world.clusters()[i];
    if (c.changes == cluster_changes_[i]) continue;
    cluster_changes_[i] = c.changes;
    clusters_moved.insert(c.name);
    ClusterEntry fresh = read_cluster(c);
    if (fresh == clusters_[i]) continue;
    clusters_[i] = std::move(fresh);
    changed = true;
  }

  for (std::size_t i = 0; i < apps_.size(); ++i) {
    AppEntry& e = apps_[i];
    // Sync windows open and close with the clock, and a running operation
    // moves through its steps (results, messages), with no event naming
    // the app; both are read again at each update.
    const bool running = e.view.operation && e.view.operation->running();
    // A Flux Kustomization's runs (issue 12) move its view (next run,
    // conditions, health checks) with no event when they change nothing in
    // the cluster: read again at each update, as few as they are.
    const bool flux = e.view.controller == "flux";
    if (app_named[i] || running || flux || (time_moved && !e.view.sync_windows.empty())) {
      changed = read_app(world, i, next) || changed;
      continue;
    }
    bool read = false;
    if (!e.repo.empty() && repos_named.count(e.repo)) {
      const std::string before = e.target_head;
      read_target_head(world, e);
      read = read || e.target_head != before;
    }
    if (clusters_moved.count(e.view.cluster)) {
      Workload before = std::move(e.workload);
      read_workload(world, e);
      read = read || !(e.workload == before);
    }
    if (read) {
      app_versions_[i] = next;
      changed = true;
    }
  }
  if (changed) version_ = next;
  return changed;
}

}  // namespace gs::world
