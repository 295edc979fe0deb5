// The API server's validation, as kube-apiserver words it: "The Deployment
// \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than
// or equal to 0". Pure functions of the object (and the stored one, for
// immutable fields); also the label key and value rules kubectl checks itself.
#pragma once

#include <string>
#include <string_view>

#include "sim/cluster/object_key.hpp"
#include "sim/core/result.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster::detail {

// The first problem with `obj` (a create when `old` is null, else an update).
Status validate_object(const KindInfo& info, const model::Node& obj, const model::Node* old);

bool is_dns_label(std::string_view s);
bool is_dns_subdomain(std::string_view s);
// The name part of a label key, or a label value that is not empty.
bool is_label_name(std::string_view s);
// What is wrong with a label (or annotation) key, or "" when nothing is.
std::string label_key_problem(std::string_view key);
// What is wrong with a label value, or "" when nothing is.
std::string label_value_problem(std::string_view value);

}  // namespace gs::cluster::detail
