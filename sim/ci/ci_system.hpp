// CiSystem: the actors outside the GitOps agent — a CI that builds images and
// pushes tags to the registry (`ci build`), Flux-style image automation that
// scans the registry on its interval and commits the newest tag its policy
// picks back to Git as a bot (so commit → poll → apply runs with no human),
// and Jenkins-like push pipelines that render a repository path and
// `kubectl apply` it with the kubeconfigs they hold, then wait for
// `kubectl rollout status` and report PushDeployed per cluster. A push
// pipeline watches nothing afterwards: drift after it stays unnoticed.
// It is a gitops::Reconciler with no apps, so the World runs it in time
// order (scans and rollout waits are its wakeups); commands reach it through
// the plan_*/run_* pairs: a plan checks everything and changes nothing, a run
// does what the plan says.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/ci/ci_spec.hpp"
#include "sim/cluster/object_key.hpp"
#include "sim/core/event.hpp"
#include "sim/core/result.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/model/node.hpp"

namespace gs::git {
class Repository;
}
namespace gs::cluster {
class ImageRegistry;
}
namespace gs::gitops {
class RepoServer;
}

namespace gs::ci {

// A commit as the bot makes it: files (nullopt deletes) on a branch.
struct CommitRequest {
  std::string repo, branch;
  std::map<std::string, std::optional<std::string>> files;
  std::string message, author;
  EventId cause = 0;
};

// What the world lends the CI system.
struct CiEnv {
  CiSpec spec;
  std::map<std::string, std::string> repo_urls;  // repository name -> URL
  cluster::ImageRegistry& registry;
  gitops::RepoServer& repo_server;
  std::function<const git::Repository*(std::string_view name)> repository;
  std::function<gitops::ClusterRef(std::string_view name)> cluster;
  std::function<Result<std::string>(const CommitRequest&)> commit;  // -> the new commit's SHA
  EventLog& log;
};

// A `ci build` checked: the normalised image and the tag to push.
struct BuildPlan {
  std::string image, tag, pipeline;
};

// A `ci deploy` checked: the revision, its rendered objects (the built tag
// already in them), and per cluster whether the pipeline can reach it.
struct DeployPlan {
  std::string pipeline;
  std::int64_t run = 0;  // the build number
  std::string ref;       // as asked: the branch, or --revision
  std::string revision;  // full SHA
  std::optional<BuildPlan> build;
  std::vector<model::Node> objects;
  struct Target {
    std::string cluster;
    std::string unreachable;  // kubectl's error when it cannot connect; "" when reachable
  };
  std::vector<Target> targets;
};

// A `fault ci-credential-leak` checked: the clusters the leaked kubeconfig
// reaches now (the blast radius) and the Deployments of the app there.
struct LeakPlan {
  std::string pipeline;
  std::vector<std::string> clusters;                                   // reached
  std::vector<std::string> out_of_reach;                               // held, but down now
  std::map<std::string, std::vector<cluster::ObjectKey>> app_deployments;  // cluster -> the app's Deployments there
};

// One row of `ci get pipelines`.
struct PipelineRow {
  std::string name, repo, branch, path, image;
  std::vector<std::string> kubeconfig;
  Duration rollout_timeout;
  std::int64_t runs = 0;
  std::optional<TimePoint> last_run;
  std::string last_revision;
  std::string last_result;  // per cluster: "prod=Succeeded staging=Unreachable"; "Running" while waiting
};

// One row of `ci get images`.
struct AutomationRow {
  std::string name, image, policy, repo, branch, path;
  Duration interval;
  std::optional<TimePoint> last_scan;
  std::optional<std::string> latest;
  std::string last_push_commit;
  std::optional<TimePoint> last_push_time;
  std::string message;  // the last scan's problem, if any
};

// The image the leaked kubeconfig's holder runs on every cluster it reaches.
inline constexpr const char* kMinerImage = "docker.io/xmrig/xmrig";
inline constexpr const char* kMinerTag = "6.21.0";

class CiSystem final : public gitops::Reconciler {
 public:
  explicit CiSystem(CiEnv env);

  // --- commands -----------------------------------------------------------------
  Result<BuildPlan> plan_build(const std::string& image, const std::string& tag, const std::string& pipeline) const;
  // Pushes the tag; returns the ImageBuilt event.
  EventId run_build(const BuildPlan& plan, TimePoint now, EventId cause);

  Result<DeployPlan> plan_deploy(const std::string& pipeline, const std::optional<std::string>& revision,
                                 TimePoint now);
  // Builds, applies to every reachable cluster, starts the rollout waits;
  // returns what the job's console prints.
  std::string run_deploy(const DeployPlan& plan, TimePoint now, EventId cause);

  Result<LeakPlan> plan_leak(const std::string& pipeline, TimePoint now);
  std::string run_leak(const LeakPlan& plan, TimePoint now, EventId cause);

  // `fault ci-unreachable CLUSTER [DURATION]`: the CI's network cannot reach
  // the cluster's API until then (Argo CD, inside, still can).
  void set_unreachable(const std::string& cluster, TimePoint until) { unreachable_until_[cluster] = until; }
  bool has_cluster(const std::string& name) const;

  const PushPipelineSpec* pipeline(const std::string& name) const;
  std::vector<std::string> pipeline_names() const;
  std::vector<PipelineRow> pipeline_rows() const;
  std::vector<AutomationRow> automation_rows() const;
  bool has_push_pipelines() const { return !env_.spec.push_pipelines.empty(); }
  bool has_image_automation() const { return !env_.spec.image_automation.empty(); }

  // When the last image was built and the last push deploy started (the loop view's flashes).
  std::optional<TimePoint> last_build_at() const { return last_build_; }
  std::optional<TimePoint> last_deploy_at() const { return last_deploy_; }

  // Everything a command or time may change here, in a total order, for World::fingerprint.
  std::string state_text() const;

  // --- Reconciler -----------------------------------------------------------------
  std::string_view kind() const override { return "ci"; }
  std::optional<TimePoint> next_wakeup() const override;
  bool run_until(TimePoint now, const std::function<bool()>& enough) override;
  // A push pipeline is triggered by people, not by pushes; and it watches nothing.
  void on_push(const gitops::PushNotice&, TimePoint) override {}
  void on_live_change(const gitops::LiveChange&, TimePoint) override {}
  std::vector<std::string> app_names() const override { return {}; }
  std::optional<gitops::AppView> app_view(const std::string&, TimePoint) const override { return std::nullopt; }
  Result<gitops::AppDiff> app_diff(const std::string& name, TimePoint) override;

 private:
  struct Automation {
    ImageAutomationSpec spec;
    TimePoint next_scan;
    std::optional<TimePoint> last_scan;
    std::optional<std::string> latest;
    std::string last_push_commit;
    std::optional<TimePoint> last_push_time;
    std::string message;
    // A cache, not state: the branch head and tag of the last scan that
    // found Git already saying that tag. The same pair again reads nothing
    // (50 bots scanning every minute of a day otherwise read 72,000 trees).
    std::string settled_head, settled_tag;
  };
  struct PipelineState {
    PushPipelineSpec spec;
    std::int64_t runs = 0;
    std::optional<TimePoint> last_run;
    std::string last_revision;
    std::map<std::string, std::string> last_result;  // cluster -> result
  };
  // A `kubectl rollout status --timeout` step in progress.
  struct RolloutWait {
    std::string pipeline, cluster, revision;
    std::vector<cluster::ObjectKey> deployments;
    TimePoint deadline;
    TimePoint next_check;
    EventId cause = 0;
  };

  void scan(Automation& a, TimePoint now);
  // True when the wait ended (PushDeployed emitted).
  bool check_rollout(RolloutWait& w, TimePoint now);
  void finish(const std::string& pipeline, const std::string& cluster, const std::string& revision,
              const std::string& result, const std::string& message, TimePoint now, EventId cause);
  Result<std::vector<model::Node>> render(const PushPipelineSpec& p, const std::string& sha, TimePoint now);
  std::string unreachable_message(const std::string& cluster, TimePoint now) const;
  PipelineState* pipeline_state(const std::string& name);

  CiEnv env_;
  std::vector<Automation> automations_;   // by name
  std::vector<PipelineState> pipelines_;  // by name
  std::vector<RolloutWait> waits_;        // in start order
  std::map<std::string, TimePoint> unreachable_until_;
  // ImageBuilt causes by "image:tag": what a write-back commit came from.
  std::map<std::string, EventId> built_;
  std::optional<TimePoint> last_build_, last_deploy_;
};

}  // namespace gs::ci
