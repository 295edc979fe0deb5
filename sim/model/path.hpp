// Field paths into an object tree, as people write them in Argo CD
// ignoreDifferences, kustomize replacements and error messages:
// `spec.template.spec.containers[0].image`, or `metadata.labels["app.kubernetes.io/name"]`
// for keys that contain dots. Quoted keys use "..." (or '...') with \" and \\ escapes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"

namespace gs::model {

// Either a map key (index empty) or a list index.
struct PathStep {
  std::string key;
  std::optional<std::size_t> index;

  friend bool operator==(const PathStep&, const PathStep&) = default;
};

struct FieldPath {
  std::vector<PathStep> steps;

  // Canonical text: plain keys joined by '.', other keys as ["..."], indexes
  // as [n]. The empty path (the root) is "".
  std::string text() const;

  friend bool operator==(const FieldPath&, const FieldPath&) = default;
};

// Errors name the column (1-based) in the path text where parsing failed.
Result<FieldPath> parse_field_path(std::string_view text);

// nullptr when any step is absent or meets the wrong kind of node.
const Node* get_path(const Node& root, const FieldPath& path);

// Sets the value at the path, creating missing maps (and a missing list when
// the step is [0]). A list index must exist or equal the list's size (append).
// Fails, naming the path prefix, when a scalar or the wrong kind is in the way.
Status set_path(Node& root, const FieldPath& path, Node value);

// Removes the map entry or list item at the path; an error when it is absent.
// Erasing the root path is an error too.
Status erase_path(Node& root, const FieldPath& path);

}  // namespace gs::model
