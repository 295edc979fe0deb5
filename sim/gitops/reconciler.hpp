// Reconciler: what a World runs to make clusters follow Git. Argo CD's
// application controller is one (controller.hpp); a Flux-style controller can
// be another. World knows only this interface: when a reconciler next wants
// to run, running it until a time (stopping between two tasks when a frame's
// budget says so), telling it of Git host webhooks and of live changes in the
// clusters, and asking it for a status snapshot that views, printers and
// checks read (the read model). Adding a controller means implementing this
// and registering a factory (sim/world/reconcilers.cpp); nothing else.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/event.hpp"

namespace gs::gitops {

// A Git host's push webhook: `ref` (a branch) of the repository at `repo_url` moved.
struct PushNotice {
  std::string repo_url;
  std::string ref;
  std::string default_branch;  // what HEAD means in that repository
  EventId cause = 0;
};

// An object in a cluster was added, changed or deleted (the reconciler's watch).
struct LiveChange {
  std::string cluster;  // the cluster's name
  cluster::ObjectKey key;
  EventId cause = 0;
};

// --- the status snapshot ------------------------------------------------------
// Plain values, in the words Argo CD and Kubernetes users know. One per
// application-like object a reconciler manages (an Argo CD Application; a Flux
// Kustomization later).

struct ResourceView {
  cluster::ObjectKey key;
  std::string sync;            // Synced | OutOfSync | Unknown
  std::string health;          // "" when the kind has no health check
  std::string health_message;
  bool requires_pruning = false;
  int sync_wave = 0;
};

struct HistoryView {
  std::int64_t id = 0;
  std::string revision;
  TimePoint deployed_at;
  std::string initiated_by;
};

struct ConditionView {
  std::string type;
  std::string message;
};

struct AppView {
  std::string name;
  std::string controller;  // the reconciler's kind(): "argocd"
  std::string kind;        // "Application"
  // Where it deploys: the cluster's name as the world knows it, its server URL, namespace.
  std::string cluster, server, ns;
  // What it follows.
  std::string repo_url, path, target_revision;
  std::string revision;  // the resolved SHA it last compared
  std::string sync, health, health_message;
  // The current or last operation ("" without one).
  std::string operation_phase, operation_message, initiated_by;
  bool automated = false, self_heal = false, prune = false;
  std::optional<TimePoint> next_poll;
  std::string parent;  // App of Apps: the app whose sync created this one, else ""
  std::vector<HistoryView> history;
  std::vector<ConditionView> conditions;
  std::vector<ResourceView> resources;
};

class Reconciler {
 public:
  virtual ~Reconciler() = default;

  // "argocd" (later "flux"): names the reconciler in views and checks.
  virtual std::string_view kind() const = 0;

  // Time: the earliest instant it wants to run, and running every task due
  // by `now`. With `enough`, it may stop between two tasks and return false;
  // the next call (same `now`) goes on where it stopped.
  virtual std::optional<TimePoint> next_wakeup() const = 0;
  virtual bool run_until(TimePoint now, const std::function<bool()>& enough) = 0;

  // Told of the outside world.
  virtual void on_push(const PushNotice& push, TimePoint now) = 0;
  virtual void on_live_change(const LiveChange& change, TimePoint now) = 0;

  // The snapshot: names sorted, one app by name (nullopt if unknown).
  virtual std::vector<std::string> app_names() const = 0;
  virtual std::optional<AppView> app_view(const std::string& name, TimePoint now) const = 0;
};

}  // namespace gs::gitops
