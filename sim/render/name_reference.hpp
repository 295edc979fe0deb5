// Internal to sim/render: kustomize's name-reference fix-up. After prefixes,
// suffixes, namespaces and hash suffixes have renamed objects, every field that
// names another object (a Deployment's configMapRef, an Ingress backend's
// service, a RoleBinding's subjects...) is updated to the referent's final
// name, choosing the referent as kustomize's api/filters/nameref does.
// Field list from kustomize's builtinpluginconsts/namereference.go.
#pragma once

#include <vector>

#include "sim/core/result.hpp"
#include "sim/render/resource.hpp"

namespace gs::render::detail {

Status fix_name_references(std::vector<Resource>& rs);

}  // namespace gs::render::detail
