// WorldSpec: the plain data a World is built from — settings, clusters, the
// image registry, repositories with their history before time 0, Argo CD
// objects and live objects. The scenario loader produces it from a file; tests
// build it by hand. No behaviour lives here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/ci/ci_spec.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "sim/delivery/pipeline_spec.hpp"
#include "sim/model/node.hpp"

namespace gs::world {

// The scenario format's `settings:` block; defaults are the lecture's profile.
struct Settings {
  Duration reconciliation_timeout = Duration::seconds(180);
  Duration reconciliation_jitter = Duration::seconds(0);
  Duration self_heal_timeout = Duration::seconds(5);
  Duration watch_delay = Duration::seconds(1);
  Duration apply_latency = Duration::millis(200);
  std::string profile = "default";  // or "argocd-3"
  int operation_processors = 10;     // Argo CD's --operation-processors: sync steps at once
  int status_processors = 20;        // --status-processors: refreshes at once
};

struct ClusterSpec {
  std::string name;
  std::string server;
  SourcePos pos;
};

struct RegistryImage {
  std::string image;               // e.g. registry.example/shop/web
  std::vector<std::string> tags;   // tags that exist; others fail to pull
  SourcePos pos;
};

// One commit of a repository's history before time 0, or one staged by a
// timeline entry. A file mapped to nullopt is deleted.
struct CommitSpec {
  std::string branch;
  std::optional<std::string> from;  // create `branch` at this revision first
  std::string author = "gitops-sim <sim@gitops-sim.example>";
  std::string message;
  std::map<std::string, std::optional<std::string>> files;
  SourcePos pos;
};

// A tag in a repository's history before time 0: lightweight, or annotated
// when it has a message (tagged by `tagger` at time 0).
struct TagSpec {
  std::string name;
  std::string commit;  // a revision as git spells it: `main`, `main~2`, a SHA prefix
  std::optional<std::string> message;
  std::string tagger = "gitops-sim <sim@gitops-sim.example>";
  SourcePos pos;
};

struct RepoSpec {
  std::string name;
  std::string url;
  bool webhook = false;
  std::vector<CommitSpec> commits;  // oldest first
  std::vector<TagSpec> tags;        // made after the commits
  SourcePos pos;
};

struct LiveObjectSpec {
  std::string cluster;
  model::Node object;  // free-form Kubernetes object
  SourcePos pos;
};

// Flux in one cluster (issue 12): the GitRepository, Kustomization and
// Receiver objects of the scenario's `flux:` section, parsed by sim/flux.
struct FluxSpec {
  std::string cluster;
  std::vector<model::Node> objects;
  SourcePos pos;
};

struct WorldSpec {
  std::uint64_t seed = 1;
  std::int64_t clock_start_epoch_s = 1767603600;  // 2026-01-05T09:00:00Z
  Settings settings;
  std::vector<ClusterSpec> clusters;  // empty: one "in-cluster" at https://kubernetes.default.svc
  std::vector<RegistryImage> registry;
  std::vector<RepoSpec> repos;
  std::vector<model::Node> applications;  // argoproj.io/v1alpha1 Application objects
  std::vector<model::Node> projects;      // AppProject objects ("default" always exists)
  std::vector<LiveObjectSpec> live;
  std::vector<delivery::PipelineSpec> pipelines;  // pipe: the `pipelines:` section
  ci::CiSpec ci;  // `ci:` image automation and push pipelines (sim/ci)
  std::vector<FluxSpec> flux;  // issue 12: where Flux runs, and its objects
  std::string file;  // the file these came from, for positioned errors
};

}  // namespace gs::world
