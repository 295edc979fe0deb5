// ReadModel: what views read of a World, as plain values — every app as its
// reconciler words it (gitops::AppView, whichever reconciler manages it),
// with what the world around it says of it (the repository it follows and
// where its targetRevision points now; the images and pods of its
// Deployments), every repository's branches and tags, every cluster's object
// counts. Views, benchmarks and tests hold one and call update() as the world
// moves; printers and checks read one app at a time through
// World::app_view, the same values.
//
// update() reads again only what can have changed since the last call: apps
// named by new events, apps following a repository named by a new event,
// apps deploying to a cluster whose objects changed (World's per-cluster
// change count), apps with a running operation (its steps emit no event
// naming the app), apps whose sync windows depend on the time, and Flux's
// Kustomizations (their quiet runs emit no event). An app that
// comes or goes (App of Apps) re-reads all of them. Tests hold it to this:
// after every instant of a run, updating gives what a fresh read gives.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/gitops/reconciler.hpp"

namespace gs::world {

class World;

// One ReplicaSet of a Deployment with pods wanted or left: what its pods
// run and how they are (a stuck rollout shows the new one waiting beside
// the old one still serving).
struct PodRevision {
  std::vector<std::string> images;  // its pod template's, per container, as written
  std::int64_t revision = 0;        // deployment.kubernetes.io/revision
  std::int64_t desired = 0;         // spec.replicas
  std::int64_t pods = 0, ready = 0;  // its pods, and those Ready
  std::string waiting;  // kubectl's STATUS of its first pod not ready ("ImagePullBackOff"); "" all ready

  friend bool operator==(const PodRevision&, const PodRevision&) = default;
};

// What an app's Deployments run in its destination cluster now.
struct Workload {
  std::vector<std::string> images;  // per container, as written: "registry.example/web:1.1.0"
  std::int64_t pods_ready = 0;      // status.readyReplicas, summed
  std::int64_t pods_total = 0;      // spec.replicas, summed
  // Per ReplicaSet, Deployments in the app's order, oldest revision first.
  std::vector<PodRevision> revisions;

  friend bool operator==(const Workload&, const Workload&) = default;
};

struct AppEntry {
  gitops::AppView view;
  std::string repo;         // the name of the repository it follows ("" when the world has none at its URL)
  std::string target_head;  // its targetRevision resolved in that repository now ("" when it does not resolve)
  Workload workload;

  friend bool operator==(const AppEntry&, const AppEntry&) = default;
};

struct RepoEntry {
  std::string name, url;
  std::string default_branch;
  std::map<std::string, std::string> branches;  // name -> head SHA
  std::map<std::string, std::string> tags;      // name -> SHA

  friend bool operator==(const RepoEntry&, const RepoEntry&) = default;
};

struct ClusterEntry {
  std::string name, server;
  std::size_t object_count = 0;
  std::map<std::string, std::size_t> objects_by_kind;

  friend bool operator==(const ClusterEntry&, const ClusterEntry&) = default;
};

class ReadModel {
 public:
  // A fresh read of everything (what update() converges to).
  static ReadModel of(const World& world);
  // Reads what changed since the last call; the first call (or a call with
  // another world) reads everything. Returns whether anything was read.
  bool update(const World& world);

  TimePoint now() const { return now_; }
  std::size_t events_read() const { return events_read_; }
  // Bumps whenever update() reads anything.
  std::uint64_t version() const { return version_; }

  // Apps by name; an app's index stays until an app comes or goes.
  const std::vector<AppEntry>& apps() const { return apps_; }
  const AppEntry* app(std::string_view name) const;
  int index_of(std::string_view name) const;  // -1: unknown
  // The version() at which apps()[index] was last read, so a view derived
  // from it knows when to derive again.
  std::uint64_t app_version(std::size_t index) const { return app_versions_[index]; }

  const std::vector<RepoEntry>& repos() const { return repos_; }   // by name
  const std::vector<ClusterEntry>& clusters() const { return clusters_; }  // by name
  const RepoEntry* repo(std::string_view name) const;
  const ClusterEntry* cluster(std::string_view name) const;

  // The same apps, repositories, clusters and time; how each model got
  // there (versions, what it has read) does not count.
  friend bool operator==(const ReadModel& a, const ReadModel& b) {
    return a.now_ == b.now_ && a.apps_ == b.apps_ && a.repos_ == b.repos_ && a.clusters_ == b.clusters_;
  }

 private:
  void read_all(const World& world);
  bool read_app(const World& world, std::size_t index, std::uint64_t version);  // whether it changed
  void read_target_head(const World& world, AppEntry& entry) const;
  void read_workload(const World& world, AppEntry& entry) const;

  const World* source_ = nullptr;
  TimePoint now_;
  std::size_t events_read_ = 0;
  std::uint64_t version_ = 0;
  std::vector<AppEntry> apps_;
  std::vector<std::uint64_t> app_versions_;
  std::map<std::string, int, std::less<>> index_;
  std::vector<RepoEntry> repos_;
  std::vector<ClusterEntry> clusters_;
  std::vector<std::uint64_t> cluster_changes_;  // World's change count per cluster when last read
};

}  // namespace gs::world
