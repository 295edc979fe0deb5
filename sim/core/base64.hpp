// Standard base64 (RFC 4648, with padding), as Kubernetes stores Secret data
// and as YAML's !!binary and kustomize's secretGenerator write it.
#pragma once

#include <string>
#include <string_view>

namespace gs {

std::string base64_encode(std::string_view data);

}  // namespace gs
