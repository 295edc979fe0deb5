// YAML in and out of the model: loading manifests (one document or a `---`
// stream) into Nodes with source positions, and printing Nodes back the way
// `kubectl kustomize` prints them (go-yaml v3 style), plus compact JSON.
// Loading is bounded: alias expansion, nesting depth and bad bytes all end in a
// positioned Error, never an exception or unbounded allocation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"

namespace gs::model {

struct LoadOptions {
  std::string file;                  // named in error positions
  std::size_t max_nodes = 1'000'000;  // nodes produced, alias expansions included
  int max_depth = 128;               // nesting of maps/lists
};

// Exactly one document; empty text (or only comments) gives a null Node.
Result<Node> parse_yaml(std::string_view text, const LoadOptions& opts = {});

// A `---` separated stream; empty and null documents are skipped.
Result<std::vector<Node>> parse_yaml_stream(std::string_view text, const LoadOptions& opts = {});

struct DumpOptions {
  bool sort_keys = true;
};

// One document, no leading `---`, ending in a newline.
std::string to_yaml(const Node& node, const DumpOptions& opts = {});

// Documents joined by "---\n".
std::string to_yaml_stream(const std::vector<Node>& docs, const DumpOptions& opts = {});

// Compact JSON; map keys follow the same order as to_yaml with sort_keys.
std::string to_json(const Node& node);

// One string quoted as Go's encoding/json does (HTML-safe: <, >, & escaped),
// as kustomize hashes and kubectl prints it.
std::string go_json_string(std::string_view s);

}  // namespace gs::model
