// `kustomize build` for one directory of a SourceTree, matching kustomize v5
// (what `kubectl kustomize` and Argo CD run): resources and nested bases,
// generators with content-hash names, the builtin transformers in kustomize's
// order, name references fixed after renames, legacy kind order. Fields we do
// not implement are an error at their position, never silently ignored.
#pragma once

#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"
#include "sim/render/source_tree.hpp"

namespace gs::render {

// The kustomization file names kustomize looks for, in its order.
inline constexpr std::string_view kKustomizationFiles[] = {"kustomization.yaml", "kustomization.yml",
                                                           "Kustomization"};

// Renders the kustomization in `dir` (a directory of `tree`).
Result<std::vector<model::Node>> kustomize_build(const SourceTree& tree, std::string_view dir);

}  // namespace gs::render
