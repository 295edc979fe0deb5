// PipelineSpec: a scenario's or lesson's `pipelines:` entry as plain data —
// a promotion pipeline in Kargo's words: ordered stages (one per environment,
// each deployed by an app the world knows), the strategy that carries
// freight from one stage to the next (a merge between environment branches,
// or a commit that copies into the next environment's folder), and the
// gates on entering a stage. The scenario loader fills it (with positioned
// errors); sim/delivery/pipelines.hpp runs it. No behaviour lives here.
#pragma once

#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"

namespace gs::delivery {

enum class Strategy { BranchPerEnvironment, FolderPerEnvironment };
std::string strategy_name(Strategy s);  // "branch-per-environment" | "folder-per-environment"

// A gate on entering a stage, beside the one every stage has: the freight
// verified in the upstream stage (its app Synced and Healthy there).
enum class GateKind {
  Verification,  // the upstream stage's smoke-test Job, or a `test pass ENV` report
  Soak,          // the freight stayed in the upstream stage this long
  Approval,      // `approve GATE --by NAME` for the freight
  SyncWindow,    // the stage's app may sync now
};
std::string gate_kind_name(GateKind k);  // verification | soak | approval | syncWindow

struct GateSpec {
  std::string name;
  GateKind kind = GateKind::Approval;
  // Verification: a Job (name, namespace) in the upstream stage's cluster,
  // or, with `test`, a `test pass|fail ENV` report for the upstream env.
  std::string job, job_namespace = "default";
  bool test = false;
  Duration soak;  // Soak
  SourcePos pos;
};

struct StageSpec {
  std::string env;     // the environment's name: dev, staging, prod
  std::string app;     // the app that deploys it (an Argo CD Application, a Flux Kustomization)
  std::string branch;  // branch-per-environment: the stage's branch
  std::string folder;  // folder-per-environment: the stage's folder, e.g. envs/dev
  std::vector<GateSpec> gates;  // on entering this stage, in the order written
  SourcePos pos;
};

struct PipelineSpec {
  std::string name;
  std::string repo;  // the config repository, by name
  Strategy strategy = Strategy::FolderPerEnvironment;
  // Folder-per-environment: the one branch every folder lives on (main), and
  // what a promotion copies: empty = the image tags (kustomization.yaml's
  // `images:` newTag, else the manifests' container images); else these
  // files, relative to the folder (version.yml, settings.yml).
  std::string branch = "main";
  std::vector<std::string> files;
  std::vector<StageSpec> stages;  // in promotion order
  SourcePos pos;
};

}  // namespace gs::delivery
