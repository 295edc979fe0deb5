// What Argo CD's repo server does for an Application source path: detect the
// tool (a kustomization file -> kustomize, otherwise a plain directory of
// manifests) and produce the list of Kubernetes objects to sync.
#pragma once

#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"
#include "sim/render/source_tree.hpp"

namespace gs::render {

enum class SourceType { Directory, Kustomize };

struct RenderOptions {
  bool recurse = false;  // Argo CD's spec.source.directory.recurse
};

struct Manifests {
  SourceType type = SourceType::Directory;
  std::vector<model::Node> objects;
};

// Kustomize when `path` holds kustomization.yaml / kustomization.yml /
// Kustomization; else every .yaml/.yml/.json file of the directory, sorted by
// path (subdirectories only with recurse), multi-document YAML split, `kind:
// List` expanded, other files skipped. An object without apiVersion or kind
// is an error, as in Argo CD.
Result<Manifests> generate_manifests(const SourceTree& tree, std::string_view path, const RenderOptions& opts = {});

// Just the detection step.
Result<SourceType> detect_source_type(const SourceTree& tree, std::string_view path);

}  // namespace gs::render
