// The scenario's `ci:` section as plain data: Flux-style image automations
// (ImageRepository scan + ImagePolicy + ImageUpdateAutomation in one entry)
// and Jenkins-like push pipelines. The scenario loader fills it (with
// FILE:LINE:COL errors); CiSystem (ci_system.hpp) runs it. No behaviour here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"

namespace gs::ci {

// ImagePolicy: semver.range, or alphabetical.order (asc: the last tag after
// sorting wins; desc: the first).
struct ImagePolicySpec {
  enum class Kind { Semver, Alphabetical } kind = Kind::Semver;
  std::string range = ">=0.0.0";  // semver.range
  bool ascending = true;          // alphabetical.order
};

struct ImageAutomationSpec {
  std::string name;   // the ImagePolicy's name: markers say "flux-system:NAME"
  std::string image;  // the ImageRepository's spec.image
  Duration interval = Duration::minutes(1);
  ImagePolicySpec policy;
  std::string repo;    // the repository (by name) it writes back to
  std::string branch = "main";
  std::string path;    // update.path: files under it are updated ("" = the whole tree)
  std::string author = "fluxcdbot <fluxcdbot@users.noreply.github.com>";
  SourcePos pos;
};

struct PushPipelineSpec {
  std::string name;
  std::string repo;  // by name
  std::string branch = "main";
  std::string path;  // what it applies (a plain directory or a kustomization)
  std::string image;  // what `ci deploy` builds first; "" = no build step
  std::vector<std::string> kubeconfig;  // the clusters whose credentials it holds
  Duration rollout_timeout = Duration::minutes(5);
  SourcePos pos;
};

struct CiSpec {
  std::vector<ImageAutomationSpec> image_automation;
  std::vector<PushPipelineSpec> push_pipelines;
  bool empty() const { return image_automation.empty() && push_pipelines.empty(); }
};

}  // namespace gs::ci
