// The fake container image registry the kubelets pull from. Images are known
// by repository and tag (each tag gets a deterministic sha256 digest); a
// reference may name a tag, a digest (`repo@sha256:...`) or neither (tag
// `latest`). Docker Hub short names normalise as the container runtime does
// (`nginx` -> `docker.io/library/nginx`). `fail_pull` is the `fault
// image-pull` injection: the tag exists but pulling it fails.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.hpp"

namespace gs::cluster {

struct ImageRef {
  std::string repository;  // normalised: "registry.example/shop/web", "docker.io/library/nginx"
  std::string tag;         // "latest" when neither tag nor digest given; "" with a digest only
  std::string digest;      // "sha256:<64 hex>" or ""

  // "repository:tag" or "repository@digest".
  std::string str() const;
};

// Parses an image reference as the container runtime does; an error names the
// reference ("invalid reference format: ..."), e.g. for upper-case repositories.
Result<ImageRef> parse_image_ref(std::string_view ref);

class ImageRegistry {
 public:
  // Registers repository:tag; returns its digest ("sha256:...").
  std::string add(std::string_view image, std::string_view tag);
  // True when the reference resolves (by tag or by digest) and pulling is not failed.
  bool exists(std::string_view image_ref) const;
  // True when the reference resolves, ignoring injected pull failures.
  bool known(std::string_view image_ref) const;
  // `fault image-pull IMAGE:TAG`: pulls of that tag fail (on=false heals it).
  Status fail_pull(std::string_view image_tag, bool on = true);
  bool pull_failing(std::string_view image_ref) const;
  // Every "repository:tag" whose pulls fail, sorted.
  const std::set<std::string>& failing_pulls() const { return failing_; }
  // The tags of a repository (normalised as a reference is), sorted; empty
  // when the repository is unknown (an image scan, sim/ci).
  std::vector<std::string> tags(std::string_view image) const;
  // The digest a pull resolves to, or nullopt when the reference is unknown.
  std::optional<std::string> digest_of(std::string_view image_ref) const;

 private:
  std::map<std::string, std::map<std::string, std::string>> tags_;  // repo -> tag -> digest
  std::set<std::string> failing_;                                   // "repo:tag"
};

}  // namespace gs::cluster
