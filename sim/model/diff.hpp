// Differences between objects: a structural diff (which fields were added,
// removed or changed, by field path) for sync status and drift reports, and a
// classic `diff -u` of texts for showing a user what changed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/node.hpp"

namespace gs::model {

enum class ChangeOp { Added, Removed, Changed };

struct Change {
  ChangeOp op;
  std::string path;  // FieldPath::text() form; "" is the root
  std::optional<Node> before;  // absent for Added
  std::optional<Node> after;   // absent for Removed
};

// Recurses into maps (keys in byte order) and lists (index by index); a
// scalar change or a change of kind (map -> list, ...) is one Changed. The
// result is ordered by path: keys bytewise, list indexes numerically.
std::vector<Change> diff(const Node& before, const Node& after);

// A `diff -u` of two texts: "--- from\n+++ to\n" then "@@ -a,b +c,d @@" hunks
// with `context` lines around changes, as GNU diff prints them (including
// "\ No newline at end of file"). Empty when the texts are equal.
std::string unified_diff(std::string_view before_text, std::string_view after_text, std::string_view from_label,
                         std::string_view to_label, int context = 3);

// to_yaml of both sides, then unified_diff.
// GNU diff's default ("normal") format: `101c101`, `< old`, `---`, `> new` —
// what `argocd app diff` prints, since it runs plain `diff`.
std::string normal_diff(std::string_view before_text, std::string_view after_text);

std::string unified_yaml_diff(const Node& before, const Node& after, std::string_view from_label,
                              std::string_view to_label);

}  // namespace gs::model
