// Comparing desired with live the way Argo CD's default (client-side apply)
// diff does: a three-way diff through the last-applied configuration. Fields
// the API server or controllers add (status, uid, defaults) never make a
// resource OutOfSync; changing a field declared in Git does, and so does
// deleting a field that was applied before (gitops-engine pkg/diff).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/node.hpp"

namespace gs::gitops {

inline constexpr const char* kLastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

// Drops what the comparison never looks at: status, server-set metadata,
// the last-applied annotation; folds a Secret's stringData into data.
model::Node normalize_for_compare(const model::Node& obj);

// Removes the RFC 6901 pointers (ignoreDifferences.jsonPointers) from obj.
void remove_json_pointers(model::Node& obj, const std::vector<std::string>& pointers);
// The value at an RFC 6901 pointer, nullptr when there is none.
const model::Node* find_json_pointer(const model::Node& obj, std::string_view pointer);
// Sets the value at a pointer, creating the maps on the way; false when a
// list index on the way does not exist.
bool set_json_pointer(model::Node& obj, std::string_view pointer, model::Node value);

// What live would look like after applying desired over it, given what was
// applied last time (nullptr: a two-way diff).
model::Node predict_live(const model::Node& live, const model::Node& desired, const model::Node* last_applied);

struct ResourceDiff {
  bool modified = false;
  model::Node normalized_live;     // both sides normalised, for printing a diff
  model::Node predicted_live;
  std::vector<std::string> changed_paths;  // sorted field paths, e.g. spec.replicas
};

// Compares one resource. `ignore_pointers` are the matching ignoreDifferences
// entries' JSON pointers.
// `last_applied`: the live object's last-applied configuration already parsed
// (a caller that caches it); nullptr parses it from the live annotation.
ResourceDiff diff_resource(const model::Node& desired, const model::Node& live,
                           const std::vector<std::string>& ignore_pointers,
                           const std::optional<model::Node>* last_applied = nullptr);

// The last-applied configuration stored on a live object, if any.
std::optional<model::Node> last_applied_of(const model::Node& live);

}  // namespace gs::gitops
