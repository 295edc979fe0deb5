// Flux's Setters update strategy on one file's text, line by line so that
// everything else (comments, order, quoting) stays as written:
// - a line with the marker  # {"$imagepolicy": "flux-system:NAME"}  gets its
//   value replaced by IMAGE:TAG; with ":tag" after NAME only the tag, with
//   ":name" only the image;
// - in a kustomization file, the `images:` entry whose `name:` is the image
//   gets `newTag:` set (added when missing), as `kustomize edit set image`.
// Returns the new text, or nullopt when nothing changed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gs::ci {

struct SetterTarget {
  std::string policy;  // "web": markers name "flux-system:web"
  std::string image;   // registry.example/shop/web
  std::string tag;     // 1.2.4
};

std::optional<std::string> apply_setters(std::string_view text, const SetterTarget& target, bool kustomization_file);

// Whether a path's base name is a kustomization file (kustomization.yaml,
// kustomization.yml, Kustomization).
bool is_kustomization_file(std::string_view path);

}  // namespace gs::ci
