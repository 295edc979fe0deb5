// Pipelines: the promotion pipelines of a world at run time (Kargo's
// Stages, Freight and Promotions, in the simulator's small form). It keeps
// what people said — approvals, test reports — and the promotions made, and
// reads everything else from the world through a WorldLens: each stage's
// freight (sim/delivery/freight.hpp) and its app's sync and health, so a
// gate's state is always computed now, never cached. A promotion is planned
// here (every gate checked, the commit or merge worked out); the `promote`
// command (sim/world/commands/delivery.cpp) makes it in Git and records it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/result.hpp"
#include "sim/delivery/pipeline_spec.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/model/node.hpp"

namespace gs::git {
class Repository;
}

namespace gs::delivery {

// What a pipeline reads of the world; the World makes one (World::delivery_lens).
struct WorldLens {
  std::function<const git::Repository*(const std::string& repo)> repo;
  std::function<std::optional<gitops::AppView>(const std::string& app)> app;
  std::function<const model::Node*(const std::string& cluster, const cluster::ObjectKey& key)> object;
  TimePoint now;
  std::int64_t clock_start_epoch_s = 0;
};

// What a stage holds in Git now.
struct Freight {
  std::string name;      // "1.1.0", or a short SHA when no image tag names it
  std::string revision;  // the commit that brought it into the stage
  TimePoint since;       // that commit's time (virtual; before 0 for history)
};

// One gate on entering a stage, evaluated now.
struct GateState {
  std::string name;
  std::string kind;  // verified | verification | soak | approval | syncWindow
  bool passed = false;
  std::string message;  // why it blocks, or how it passed ("approved by mina")
  // The one word a view shows beside the gate's name: the time left to soak
  // (or the soak time, passed), the approver, the window ("Sync Denied"),
  // the upstream app's "OutOfSync, Progressing", a Job's "failed"/"running".
  std::string value;
};

struct Promotion {
  std::string pipeline, from, to, freight, sha;
  TimePoint at;
};

struct StageState {
  std::string env, app, where;  // where: the branch or folder
  std::optional<Freight> freight;  // in Git now
  std::string deployed;            // the freight at the app's synced revision ("" unknown)
  std::string sync, health, revision, cluster;
  bool verified = false;           // Synced and Healthy at the freight's revision
  std::vector<GateState> gates;    // on entering it (the first stage has none)
  std::optional<Promotion> last_promotion;
};

// A promotion worked out: the gates (all must pass), and the Git change.
struct PromotionPlan {
  const PipelineSpec* pipeline = nullptr;
  std::string from, to, freight;
  std::vector<GateState> gates;
  bool blocked() const;
  // Folder-per-environment: one commit on `branch` with `files`;
  // branch-per-environment: a merge of `merge_from` into `branch`.
  std::string branch, merge_from, message;
  std::map<std::string, std::optional<std::string>> files;
};

struct Approval {
  std::string pipeline, gate, stage, by, freight;
  TimePoint at;
};

struct TestReport {
  std::string env, result;  // pass | fail
  TimePoint at;
};

// The commit author of a promotion.
inline constexpr const char* kPromoterAuthor = "gitops-sim pipeline <pipeline@gitops-sim.example>";

class Pipelines {
 public:
  Pipelines() = default;
  explicit Pipelines(std::vector<PipelineSpec> specs);

  const std::vector<PipelineSpec>& specs() const { return specs_; }
  bool empty() const { return specs_.empty(); }
  const PipelineSpec* find(const std::string& name) const;
  std::vector<std::string> names() const;
  // The gate of that name, in any pipeline; names are unique in a world.
  struct GateRef {
    const PipelineSpec* pipeline;
    const StageSpec* stage;
    const GateSpec* gate;
  };
  std::optional<GateRef> find_gate(const std::string& name) const;
  std::vector<std::string> gate_names() const;
  std::vector<std::string> env_names() const;  // every stage's env, sorted, once each

  // Every stage of `p` as it stands now.
  std::vector<StageState> stages(const PipelineSpec& p, const WorldLens& w) const;
  // Checks the names and works out the change; the gates' states are in the
  // plan (an error only for what is not a gate: an unknown env, a stage not
  // next to the other, nothing to promote, a merge that cannot be made).
  Result<PromotionPlan> plan(const PipelineSpec& p, const std::string& from, const std::string& to,
                             const WorldLens& w) const;

  // What people said and did, kept in order.
  void add_approval(Approval a) { approvals_.push_back(std::move(a)); }
  void add_test(TestReport t) { tests_.push_back(std::move(t)); }
  void add_promotion(Promotion p) { promotions_.push_back(std::move(p)); }
  const std::vector<Promotion>& promotions() const { return promotions_; }
  const std::vector<Approval>& approvals() const { return approvals_; }
  const std::vector<TestReport>& tests() const { return tests_; }

  // The freight upstream of `to` now: what an approval of a gate there is for.
  std::string candidate(const GateRef& g, const WorldLens& w) const;

 private:
  std::optional<Freight> freight(const PipelineSpec& p, const StageSpec& s, const WorldLens& w,
                                 const std::optional<gitops::AppView>& app) const;
  StageState stage_state(const PipelineSpec& p, const StageSpec& s, const WorldLens& w) const;
  std::vector<GateState> gates(const PipelineSpec& p, std::size_t to, const std::vector<StageState>& states,
                               const WorldLens& w) const;
  GateState gate(const GateSpec& g, const StageState& up, const StageState& down, const WorldLens& w) const;

  std::vector<PipelineSpec> specs_;
  std::vector<Approval> approvals_;
  std::vector<TestReport> tests_;
  std::vector<Promotion> promotions_;
};

}  // namespace gs::delivery
