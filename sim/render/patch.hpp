// Internal to sim/render: the two patch languages kustomize applies.
// Strategic merge as kustomize v5 does it (kyaml merge2, list items from the
// patch first): maps merge, `null` deletes, `$patch: delete|replace|merge`
// directives, and lists of known Kubernetes kinds merge by their
// patchMergeKey (containers by name, ports by containerPort, ...) while other
// lists, and every list of an unknown kind, are replaced. JSON 6902 (RFC 6902
// with RFC 6901 pointers) for add/remove/replace/move/copy/test.
#pragma once

#include <string>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"

namespace gs::render::detail {

// Merges patch into target. Sets deleted when the patch deletes the whole
// object (top-level `$patch: delete`).
Status strategic_merge(model::Node& target, const model::Node& patch, bool& deleted);

// Applies a list of operations; errors name the operation index and carry the
// operation's position in `file`.
Status json6902(model::Node& target, const model::Node& ops, const std::string& file);

}  // namespace gs::render::detail
