// Small helpers for reading and writing Kubernetes object trees inside
// sim/cluster: typed field access with defaults, conditions, canonical text
// (sorted keys) for hashing, RFC 3339 with virtual time. Internal to the part.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/node.hpp"

namespace gs::cluster::detail {

using Path = std::initializer_list<std::string_view>;

std::optional<std::int64_t> opt_int(const model::Node& n, Path path);
std::int64_t get_int(const model::Node& n, Path path, std::int64_t def = 0);
std::string get_str(const model::Node& n, Path path, std::string_view def = "");
bool get_bool(const model::Node& n, Path path, bool def = false);
// Scalar text regardless of tag ("25%", "1", "true"), or nullopt.
std::optional<std::string> scalar_text(const model::Node& n, Path path);

// Walks/creates maps along the path and returns the leaf (null when new).
model::Node& ensure(model::Node& n, Path path);
void set_str(model::Node& n, Path path, std::string value);
void set_int(model::Node& n, Path path, std::int64_t value);
// Sets the integer, or erases the field when v is 0 (Go's omitempty).
void set_int_omitempty(model::Node& n, Path path, std::int64_t value);
void erase_path(model::Node& n, Path path);

// status.conditions[] entry with this type, or nullptr.
const model::Node* find_condition(const model::Node& obj, std::string_view type);
model::Node* find_condition(model::Node& obj, std::string_view type);

// A pod the scheduler could not place yet (condition PodScheduled=False):
// no node holds it, so no kubelet runs it and deleting it is immediate.
bool pod_awaits_node(const model::Node& pod);

// Text with map keys sorted and tags kept: stable input for hashes.
std::string canonical(const model::Node& n);

// FNV-1a 32-bit, as Kubernetes' ComputeHash uses.
std::uint32_t fnv1a32(std::string_view data);

// A label map as "a=1,b=2" (sorted), as kubectl prints selectors.
std::string format_labels(const model::Node* labels);

// Map node from a list of string pairs.
model::Node string_map(const std::vector<std::pair<std::string, std::string>>& kv);


}  // namespace gs::cluster::detail
