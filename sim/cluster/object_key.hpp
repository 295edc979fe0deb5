// Object identity in a fake cluster: ObjectKey (group, kind, namespace, name)
// with a total order, and the table of kinds the fake API server serves
// (group, versions, plural resource name, short names, namespaced or
// cluster-scoped), as `kubectl api-resources` lists them.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"
#include "sim/model/node.hpp"

namespace gs::cluster {

struct ObjectKey {
  std::string group;  // "" for the core group, "apps", "networking.k8s.io", ...
  std::string kind;   // "Deployment"
  std::string ns;     // "" for cluster-scoped kinds
  std::string name;

  friend auto operator<=>(const ObjectKey&, const ObjectKey&) = default;
  friend bool operator==(const ObjectKey&, const ObjectKey&) = default;

  // Argo CD's resource key: "apps/Deployment/shop/web", "/Namespace//shop".
  std::string str() const;
  // kubectl's object reference: "deployment.apps/web", "service/web".
  std::string kubectl_ref() const;
  // Parses the str() form back.
  static Result<ObjectKey> parse(std::string_view text);
};

struct KindInfo {
  std::string group;
  std::string kind;
  std::string resource;  // plural, lower case: "deployments"
  std::vector<std::string> versions;
  bool namespaced = true;
  std::vector<std::string> short_names;  // "deploy", "po", ...
};

// The built-in kinds of a Kubernetes 1.32 API server (a useful subset).
const std::vector<KindInfo>& builtin_kinds();
const KindInfo* find_builtin_kind(std::string_view group, std::string_view kind);

// "apps/v1" -> "apps"; "v1" -> "".
std::string group_of(std::string_view api_version);
// "apps/v1" -> "v1".
std::string version_of(std::string_view api_version);
// The apiVersion a built-in kind is written with ("apps/v1"), or group + "/" + first version.
std::string api_version_for(const KindInfo& info);

}  // namespace gs::cluster
