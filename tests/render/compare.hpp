// Test helpers: compare two manifest lists object by object, keyed by
// group/kind/namespace/name, and describe every difference; run kubectl.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/model/node.hpp"

namespace gs::render::test {

// "" when equal (same set of objects, same order, semantically equal);
// otherwise a readable report of missing/extra objects, field diffs and order.
std::string compare_manifests(const std::vector<model::Node>& ours, const std::vector<model::Node>& expected);

// Parses a YAML stream or fails the current test.
std::vector<model::Node> load_stream(const std::string& text, const std::string& file);

std::string read_text(const std::string& path);

// True when `kubectl` is on PATH.
bool have_kubectl();
// stdout of `kubectl kustomize DIR` (stderr dropped); nullopt when it fails.
std::optional<std::string> kubectl_kustomize(const std::string& dir);

}  // namespace gs::render::test
