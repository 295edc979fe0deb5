// Freight: what a stage holds, read from Git — the image tags of an
// environment's folder (kustomization.yaml `images:` newTag, else the
// manifests' container images) or of an app's path on an environment
// branch, else the commit that last changed it — and since when it has been
// there (the commit that brought it). Also the file edits a
// folder-per-environment promotion makes: the image tags, or the promoted
// files, copied from one folder into the next (peers-behaviour.md §5.2).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/delivery/pipeline_spec.hpp"

namespace gs::git {
class Repository;
}

namespace gs::delivery {

// One image as a folder names it: kustomize's `name`, and the tag it deploys.
struct ImageTag {
  std::string name;
  std::string tag;
  friend bool operator==(const ImageTag&, const ImageTag&) = default;
};

// The images a directory deploys at `rev` ("" for the repository root): its
// kustomization's `images:` entries with a newTag, else the container images
// of its YAML files. Sorted by name; empty when there are none.
std::vector<ImageTag> images_at(const git::Repository& repo, const std::string& rev, const std::string& dir);

// The freight's short name: the image tags ("1.1.0", or "web:1.1.0, api:2.0.0"
// for several images), else the 7-character SHA of `commit`.
std::string freight_name(const std::vector<ImageTag>& images, const std::string& commit);

// The newest commit reachable from `rev` that changed anything under `dir`
// ("" : the head itself), or nullopt when none did.
std::optional<std::string> last_change(const git::Repository& repo, const std::string& rev, const std::string& dir);

// Whether `dir` ("" the whole tree) holds the same files at both revisions.
bool same_under(const git::Repository& repo, const std::string& a, const std::string& b, const std::string& dir);

// The files a folder-per-environment promotion writes into `to` on `branch`
// (path -> new content): the image tags of `from` set in `to`, or the
// pipeline's promoted files copied. Files that would not change are left
// out; an error names what is missing (a folder without images, a file).
Result<std::map<std::string, std::optional<std::string>>> folder_promotion(const git::Repository& repo,
                                                                           const PipelineSpec& p,
                                                                           const std::string& from,
                                                                           const std::string& to);

}  // namespace gs::delivery
