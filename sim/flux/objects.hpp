// Flux's objects as a scenario writes them (peers-behaviour.md §1.2, §1.3,
// §1.6): GitRepository (source.toolkit.fluxcd.io/v1), Kustomization
// (kustomize.toolkit.fluxcd.io/v1) and Receiver (notification.toolkit.fluxcd.io/v1),
// parsed into plain specs with Flux's defaults, and checked together (a
// sourceRef that names no GitRepository, a dependsOn cycle, a url no
// repository has) with each problem at the line and column it stands.
#pragma once

#include <string>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/model/node.hpp"

namespace gs::flux {

inline constexpr const char* kFluxNamespace = "flux-system";
inline constexpr const char* kSourceApi = "source.toolkit.fluxcd.io/v1";
inline constexpr const char* kKustomizeApi = "kustomize.toolkit.fluxcd.io/v1";
inline constexpr const char* kNotificationApi = "notification.toolkit.fluxcd.io/v1";
// Unready dependencies are re-checked this often (--requeue-dependency).
inline constexpr Duration kDependencyRequeue = Duration::seconds(30);

struct GitRepositorySpec {
  std::string name, ns = kFluxNamespace;
  std::string url;
  // spec.ref: commit overrides tag overrides branch; none: branch master.
  std::string branch, tag, commit;
  Duration interval;
  Duration timeout = Duration::seconds(60);
  bool suspend = false;
  model::Mark mark;

  // The ref's name as the artifact revision starts: "main" in main@sha1:...
  std::string ref_name() const;
  // What the repo server resolves: the commit, the tag, else the branch.
  std::string target() const;
};

// A health check's object: kind/name in a namespace.
struct CrossRef {
  std::string api_version, kind, name, ns;
};

struct KustomizationSpec {
  std::string name, ns = kFluxNamespace;
  std::string source_kind = "GitRepository", source_name;
  std::string path;  // "" or "./": the artifact's root
  std::string target_namespace;
  Duration interval, retry_interval, timeout;  // retryInterval and timeout defaulted
  bool prune = false, suspend = false, wait = false;
  std::vector<CrossRef> health_checks;
  std::vector<std::string> depends_on;  // Kustomization names (same namespace)
  model::Mark mark;
};

struct ReceiverSpec {
  std::string name, ns = kFluxNamespace;
  std::string type;  // github | generic | gitlab | ...
  std::vector<CrossRef> resources;  // GitRepository or Kustomization names
  model::Mark mark;
};

struct FluxObjects {
  std::vector<GitRepositorySpec> sources;          // sorted by name
  std::vector<KustomizationSpec> kustomizations;   // sorted by name
  std::vector<ReceiverSpec> receivers;             // sorted by name
};

struct Problem {
  model::Mark at;
  std::string message;
};

// Parses one cluster's Flux objects. `repo_urls`: the urls of the world's
// repositories (a GitRepository's url must name one). Every problem is
// reported; objects with problems are left out of the result.
FluxObjects parse_flux_objects(const std::vector<model::Node>& objects, const std::vector<std::string>& repo_urls,
                               std::vector<Problem>& problems);

// A Go duration as Flux prints one: 1m0s, 10m0s, 30s, 1h0m0s.
std::string go_duration(Duration d);

}  // namespace gs::flux
