// World: owns everything that changes — the virtual clock, the Git
// repositories, the fake clusters and their image registry, the repo server
// and the reconcilers (Argo CD's application controller, behind the
// Reconciler interface) — and the event log they all write to.
// Every change comes in as an action in the command language (apply) or as
// the passage of virtual time (advance); every change goes out as events.
// What each command does lives in its entry of the command table
// (sim/world/commands/); commands that let time pass go through a
// TimeDriver (time_driver.hpp), which a Session provides.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/result.hpp"
#include "sim/cluster/object_key.hpp"
#include "sim/core/rng.hpp"
#include "sim/delivery/pipelines.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/model/node.hpp"
#include "sim/world/command.hpp"
#include "sim/world/time_driver.hpp"
#include "sim/world/world_spec.hpp"

namespace gs::git {
class Repository;
}
namespace gs::cluster {
class Cluster;
class ImageRegistry;
}  // namespace gs::cluster
namespace gs::gitops {
class AppController;
class RepoServer;
}  // namespace gs::gitops

namespace gs::world {

// Files staged for `git commit` (a timeline entry's files:/delete:, or the
// console's staged edits). nullopt deletes the path.
using StagedFiles = std::map<std::string, std::optional<std::string>>;

// One staged change against a branch's head, as `git status` words it.
enum class StagedKind { NewFile, Modified, Deleted };
struct StagedChange {
  std::string path;
  StagedKind kind = StagedKind::Modified;
  std::optional<std::string> head;     // the content at the branch head (nullopt: no such file there)
  std::optional<std::string> content;  // the staged content (nullopt: deleted)

  friend bool operator==(const StagedChange&, const StagedChange&) = default;
};

struct RepoState {
  std::string name;
  std::string url;
  bool webhook = false;
  // `fault webhook-lost`: the Git host's push webhooks are dropped before
  // this time, so only the next poll notices a commit.
  std::optional<TimePoint> webhook_lost_until;
  bool webhook_lost_at(TimePoint now) const { return webhook_lost_until && now < *webhook_lost_until; }
  std::unique_ptr<git::Repository> repo;
  std::map<std::string, EventId> commit_events;  // sha -> Committed event
  // The staging area (the index) of each branch: what `git write` and
  // `git rm` staged and the next `git commit` on that branch commits. Kept
  // against no particular head: a branch that moves meanwhile is compared
  // again when the index is read (World::staged_changes). No empty entries.
  std::map<std::string, StagedFiles> index;  // branch -> staged files
};

struct ClusterState {
  std::string name;
  std::string server;
  std::unique_ptr<cluster::Cluster> cluster;
  // Object changes (added, modified, deleted) handed on to the reconcilers so
  // far: a view that keeps what it read of this cluster reads it again when
  // this moves (read_model.hpp).
  std::uint64_t changes = 0;
};

struct ActionOutcome {
  std::string output;  // what the command prints (kubectl/argocd/git style)
  EventId action_event = 0;
  // The real tool's exit code for a command that ran (its entry's `exits`):
  // `argocd app diff` exits 1 when it found differences (as `diff` does).
  int exit_code = 0;
};

struct ReconcilerEnv;  // reconcilers.hpp
// Builds one reconciler from the spec, or nullptr when the spec holds nothing for it.
using ReconcilerFactory = std::function<Result<std::unique_ptr<gitops::Reconciler>>(ReconcilerEnv&)>;

class World {
 public:
  // With the registered reconcilers (reconcilers.cpp), or with these.
  static Result<std::unique_ptr<World>> create(const WorldSpec& spec);
  static Result<std::unique_ptr<World>> create(const WorldSpec& spec, const std::vector<ReconcilerFactory>& factories);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  TimePoint now() const { return now_; }
  std::int64_t epoch_s_at(TimePoint t) const { return spec_.clock_start_epoch_s + t.ms / 1000; }
  const WorldSpec& spec() const { return spec_; }

  // Runs one command at the current time. A command that cannot run returns
  // an error naming the command and the word at fault, and changes nothing.
  Result<ActionOutcome> apply(const Command& cmd, const StagedFiles& files = {});
  Result<ActionOutcome> apply_text(std::string_view line, const StagedFiles& files = {});

  // Advances virtual time to `to`, running every due cluster and controller
  // step in time order. `on_moment` is called after each instant at which
  // something ran (for `by:`/`never:` checks).
  void advance(TimePoint to, const std::function<void(TimePoint)>& on_moment = {});
  // As advance(), but stops between two controller or cluster tasks once
  // `enough()` says so (the GUI's per-frame budget); returns whether the
  // world reached `to`. The next call resumes exactly there, so reaching a
  // time in several calls leaves the same world, event for event, as one
  // call. A command applied meanwhile first finishes the interrupted instant.
  bool advance_some(TimePoint to, const std::function<bool()>& enough,
                    const std::function<void(TimePoint)>& on_moment = {});
  // As advance(), but stops at the first instant at whose end `until()`
  // holds (checked between two tasks; that instant is finished before
  // returning). Returns whether it holds. Nothing passes if it holds already.
  bool advance_until(TimePoint to, const std::function<bool()>& until,
                     const std::function<void(TimePoint)>& on_moment = {});

  // Who lets time pass for `sim advance` and `argocd app wait`, and runs the
  // clock for `sim pause`/`sim speed`: a Session sets itself here (nullptr
  // puts back the plain driver, which advances this world alone).
  void set_time_driver(TimeDriver* driver);
  TimeDriver& time_driver() { return *time_; }

  // SHA-256 (hex) over everything a command may change: the clock, every
  // repository's refs and commits, every cluster's objects, Kubernetes
  // Events and faults, the image registry's faults, every reconciler's app
  // views, and the event log. Equal fingerprints: the same world, as far as
  // anyone can tell from outside.
  std::string fingerprint() const;

  // The earliest instant something is scheduled, if any.
  std::optional<TimePoint> next_wakeup() const;

  const EventLog& log() const { return log_; }
  // Records an event that no action caused: scenario notes, pauses, a
  // timeline command that failed.
  EventId record(Event event) { return log_.emit(now_, std::move(event)); }
  // The reconcilers, in the order they run at each instant.
  const std::vector<std::unique_ptr<gitops::Reconciler>>& reconcilers() const { return reconcilers_; }
  // The first reconciler of type T (a complete type where this is used), or nullptr.
  template <class T>
  const T* reconciler() const {
    for (const auto& r : reconcilers_) {
      if (const auto* t = dynamic_cast<const T*>(r.get())) return t;
    }
    return nullptr;
  }
  template <class T>
  T* reconciler() {
    return const_cast<T*>(static_cast<const World*>(this)->reconciler<T>());
  }
  // Every app of every reconciler, sorted by name; one app's snapshot, as
  // its reconciler words it now. Views that read every app every frame keep
  // a ReadModel (read_model.hpp) instead.
  std::vector<std::string> app_names() const;
  std::optional<gitops::AppView> app_view(const std::string& name) const;
  // One app's live-against-desired diff (`argocd app diff`, the GUI's diff),
  // from the reconciler that manages it; an error names an unknown app.
  Result<gitops::AppDiff> app_diff(const std::string& name) const;
  // Argo CD's application controller (always present), for Argo CD's own
  // commands (commands/argocd.cpp) and tests; views, printers and checks read
  // app views instead.
  const gitops::AppController& controller() const;
  gitops::AppController& controller();
  const gitops::RepoServer& repo_server() const { return *repo_server_; }
  const std::vector<RepoState>& repos() const { return repos_; }
  const std::vector<ClusterState>& clusters() const { return clusters_; }
  const RepoState* repo_by_name(std::string_view name) const;
  // The staging area of REPO@BRANCH as staged (path -> content, nullopt a
  // deletion); empty for an unknown repository or branch.
  const StagedFiles& staged(std::string_view repo, std::string_view branch) const;
  // The same against the branch's head now, sorted by path: what `git
  // status` lists and `git commit` would commit. A staged file equal to the
  // head, or a staged deletion of a file the head no longer has, is left out.
  std::vector<StagedChange> staged_changes(std::string_view repo, std::string_view branch) const;
  const RepoState* repo_by_url(std::string_view url) const;
  const ClusterState* cluster_by_name(std::string_view name) const;
  const ClusterState* cluster_by_server(std::string_view server) const;
  // pipe: the promotion pipelines (sim/delivery), and what they read of this
  // world now (repositories, app views, cluster objects, the clock).
  const delivery::Pipelines& pipelines() const { return *pipelines_; }
  delivery::WorldLens delivery_lens() const;

 private:
  // World::create's parts, in the order they run.
  void create_clusters();
  Status create_repo(const RepoSpec& r);
  Status create_reconcilers(const std::vector<ReconcilerFactory>& factories);
  // Command handlers reach the world's parts through CommandEnv only.
  friend class CommandEnv;
  World();
  RepoState* repo_mut(std::string_view name);
  ClusterState* cluster_mut(std::string_view name);
  EventId record_commit(RepoState& repo, const std::string& branch, const std::string& sha, EventId cause);
  void drain_cluster_events();
  // A commit by an actor that is no command (the image-update bot): recorded
  // and its webhook sent as record_commit does. ReconcilerEnv::commit.
  Result<std::string> commit_as(const std::string& repo, const std::string& branch, const StagedFiles& files,
                                const std::string& message, const std::string& author, EventId cause);
  // Tells every reconciler of a Git host's push webhook.
  void notify_push(const RepoState& repo, const std::string& ref, EventId cause);
  bool run_steps(TimePoint to, const std::function<void(TimePoint)>& on_moment, const std::function<bool()>& enough);
  // One instant's work comes in stages: clusters, controller, clusters again.
  // A budget may stop it inside a stage; these say where to resume.
  enum class Stage { None, Lead, Clusters1, Reconcilers, Clusters2 };
  bool drain_clusters(const std::function<bool()>& enough);
  bool run_reconcilers(const std::function<bool()>& enough);
  bool run_stages(const std::function<void(TimePoint)>& on_moment, const std::function<bool()>& enough);
  Stage stage_ = Stage::None;
  std::size_t drain_next_ = 0;       // the cluster a stopped drain resumes with
  std::size_t reconciler_next_ = 0;  // the reconciler a stopped stage resumes with

  WorldSpec spec_;
  TimePoint now_;
  EventLog log_;
  std::unique_ptr<Rng> rng_;
  std::vector<RepoState> repos_;
  std::vector<ClusterState> clusters_;
  std::unique_ptr<cluster::ImageRegistry> registry_;
  std::unique_ptr<gitops::RepoServer> repo_server_;
  std::vector<std::unique_ptr<gitops::Reconciler>> reconcilers_;
  std::unique_ptr<delivery::Pipelines> pipelines_;  // pipe
  std::unique_ptr<TimeDriver> plain_time_;  // advances this world alone
  TimeDriver* time_ = nullptr;              // plain_time_ or a session
};

}  // namespace gs::world
