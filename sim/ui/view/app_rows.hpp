// One summary row per application for the Loop view, the Environments board
// and the App detail header, derived from the World's read model
// (sim/world/read_model.hpp): sync, health, revisions, the images its
// Deployments run, drift, the next poll, and, from the event log, the times
// of the latest refresh / webhook / watch / sync (for the loop's flashes and
// tokens). Updated incrementally: a row is derived again only when the read
// model read its app again, so a 150-app world costs little per frame. No
// ImGui here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cluster/health/health.hpp"
#include "sim/core/duration.hpp"
#include "sim/gitops/application.hpp"
#include "sim/ui/view/loop_phase.hpp"

namespace gs {
class EventLog;
}
namespace gs::world {
class ReadModel;
struct AppEntry;
}

namespace gs::ui {

struct AppRow {
  std::string name;
  std::string cluster;  // destination cluster's name ("" if unknown)
  std::string ns;
  std::string repo;     // repo name
  std::string path;
  std::string target_revision;
  gitops::SyncStatusCode sync = gitops::SyncStatusCode::Unknown;
  cluster::HealthCode health = cluster::HealthCode::Unknown;
  std::string health_message;
  std::string revision;         // status.sync.revision (compared)
  std::string deployed_revision;  // last history entry (what the cluster runs), or revision when synced
  std::string target_head;      // targetRevision resolved in Git now
  std::vector<std::string> images;  // "web:1.1.0" per container of its Deployments
  bool drift = false;               // OutOfSync while Git did not move: a live change
  std::vector<std::string> drift_paths;
  bool automated = false, self_heal = false, prune = false;
  gitops::SyncWindowState sync_window = gitops::SyncWindowState::Allowed;
  bool operation_running = false;
  std::optional<gitops::OperationPhase> last_operation;
  TimePoint operation_started;
  std::size_t operation_steps = 0;  // resources applied so far in this operation
  bool error_condition = false;
  std::string error_message;
  TimePoint next_poll{-1};
  Duration poll_interval;  // 0: it does not poll
  std::int64_t pods_ready = 0, pods_total = 0;
  // Its pods by the ReplicaSet (the revision) they belong to, oldest first.
  struct PodGroup {
    std::string images;  // "web:1.1.0" (", " between containers)
    std::int64_t ready = 0, desired = 0;
    std::string waiting;  // kubectl's STATUS of a pod not ready ("ImagePullBackOff"); "" all ready
    friend bool operator==(const PodGroup&, const PodGroup&) = default;
  };
  std::vector<PodGroup> pod_groups;
  std::size_t history_length = 0;
  // From events.
  std::optional<TimePoint> last_refresh, last_webhook, last_watch, last_poll, last_sync_start, last_apply;
  std::optional<TimePoint> last_commit;  // a commit on its repo's tracked branch

  LoopInputs loop_inputs(TimePoint now) const;
};

// Environment columns in the order a class reads them.
int env_rank(const std::string& cluster_name);

// The Environments board's card lines, from the row alone.
// "develop @ 563bd61", and "  ← c80de7e" when Git's head is not what runs.
std::string card_revision(const AppRow& r);
// What runs, one line per revision with pods, as a stuck rollout shows it:
// "web:1.0.0  2/2 ready" and "web:9.9.9  0/1 ImagePullBackOff" (the
// waiting reason as kubectl get pods prints it; ready_word: "ready",
// translated). No pods yet: the images alone ("web:1.1.0, sidecar:2").
struct PodLine {
  std::string text;
  bool waiting = false;  // some of its pods are not ready (the card marks it)
};
std::vector<PodLine> card_pod_lines(const AppRow& r, std::string_view ready_word);
// "drift: spec.replicas" (drift_word: "drift", translated), the first path only.
std::string card_drift(const AppRow& r, std::string_view drift_word);

class AppRows {
 public:
  // After model.update(...) on the same world whose log this is.
  void update(const world::ReadModel& model, const EventLog& log);
  const std::vector<AppRow>& rows() const { return rows_; }
  int index_of(const std::string& app) const;
  // Row indices per cluster, clusters in env order (dev, staging, prod, ...).
  const std::vector<std::pair<std::string, std::vector<int>>>& columns() const { return columns_; }
  std::uint64_t version() const { return version_; }

 private:
  void rebuild(const world::ReadModel& model);
  void scan_events(const EventLog& log);
  void build_columns(const world::ReadModel& model);
  std::vector<AppRow> rows_;
  std::vector<std::uint64_t> read_at_;  // the model's app_version each row was derived from
  std::map<std::string, int> index_;
  std::vector<std::pair<std::string, std::vector<int>>> columns_;
  std::size_t scanned_ = 0;
  std::uint64_t version_ = 0;
};

}  // namespace gs::ui
