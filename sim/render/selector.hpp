// Internal to sim/render: kustomize patch targets (group/version/kind/name/
// namespace as anchored regexes, labelSelector, annotationSelector) and
// Kubernetes label-selector syntax (`a=b,c!=d,e in (x,y),!f`).
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"
#include "sim/render/resource.hpp"

namespace gs::render::detail {

struct Requirement {
  std::string key;
  enum class Op { Exists, NotExists, In, NotIn } op = Op::Exists;
  std::vector<std::string> values;
};

Result<std::vector<Requirement>> parse_label_selector(const std::string& text);
bool matches(const std::vector<Requirement>& reqs, const model::Node* labels);

class Target {
 public:
  // From a kustomization `target:` map; file names the kustomization in errors.
  static Result<Target> parse(const model::Node& n, const std::string& file);
  bool selects(const Resource& r) const;

 private:
  std::optional<std::regex> group_, version_, kind_, name_, namespace_;
  std::vector<Requirement> labels_, annotations_;
};

}  // namespace gs::render::detail
