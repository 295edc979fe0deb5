// Internal to sim/render: kustomize's configMapGenerator / secretGenerator
// (literals, files, env files, options) and its content-hash name suffix,
// which must match kustomize bit for bit (api/hasher/hasher.go): SHA-256 of
// Go's json.Marshal of {data, kind, name, type...}, first 10 hex digits with
// 0->g 1->h 3->k a->m e->t.
#pragma once

#include <string>
#include <string_view>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"
#include "sim/render/resource.hpp"
#include "sim/render/source_tree.hpp"

namespace gs::render::detail {

// One generator entry of a kustomization (`- name: x literals: [...]`),
// with `generatorOptions` of that kustomization; files are read from `dir`.
// `kind` is "ConfigMap" or "Secret". `file` names the kustomization in errors.
// behavior is set to create/merge/replace.
Result<Resource> generate(const SourceTree& tree, const std::string& dir, const std::string& file,
                          const model::Node& args, const model::Node* global_options, std::string_view kind,
                          std::string& behavior);

// The 10-character suffix kustomize appends to a generated ConfigMap/Secret.
std::string content_hash(const model::Node& obj);

}  // namespace gs::render::detail
