#include "sim/cluster/image_registry.hpp"

#include <cctype>
#include <cstdio>

#include "sim/core/rng.hpp"

namespace gs::cluster {

std::string ImageRef::str() const {
  if (!digest.empty() && tag.empty()) return repository + "@" + digest;
  if (!digest.empty()) return repository + ":" + tag + "@" + digest;
  return repository + ":" + tag;
}

Result<ImageRef> parse_image_ref(std::string_view ref) {
  auto bad = [&](std::string_view why) {
    return Error("invalid reference format: \"" + std::string(ref) + "\": " + std::string(why));
  };
  if (ref.empty()) return bad("empty image name");
  ImageRef out;
  std::string_view rest = ref;
  if (auto at = rest.find('@'); at != std::string_view::npos) {
    out.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
    if (out.digest.rfind("sha256:", 0) != 0 || out.digest.size() != 7 + 64) return bad("digest must be sha256:<64 hex>");
    for (char c : out.digest.substr(7)) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c)))
        return bad("digest must be sha256:<64 hex>");
    }
  }
  // A tag follows the last ':' after the last '/' (a ':' before it is a registry port).
  const auto last_slash = rest.rfind('/');
  const auto colon = rest.rfind(':');
  std::string_view repo = rest;
  if (colon != std::string_view::npos && (last_slash == std::string_view::npos || colon > last_slash)) {
    out.tag = std::string(rest.substr(colon + 1));
    repo = rest.substr(0, colon);
    if (out.tag.empty() || out.tag.size() > 128) return bad("tag must be 1-128 characters");
    for (char c : out.tag) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
        return bad("tag may contain only letters, digits, '_', '.' and '-'");
    }
  }
  if (repo.empty()) return bad("empty repository");
  for (char c : repo) {
    if (std::isspace(static_cast<unsigned char>(c))) return bad("whitespace in repository");
  }
  // Normalise like the container runtime: no registry host -> docker.io, one path part -> library/.
  std::string r(repo);
  const auto first_slash = r.find('/');
  const std::string first = first_slash == std::string::npos ? "" : r.substr(0, first_slash);
  const bool has_host =
      first_slash != std::string::npos &&
      (first.find('.') != std::string::npos || first.find(':') != std::string::npos || first == "localhost");
  if (!has_host) {
    if (first_slash == std::string::npos) r = "library/" + r;
    r = "docker.io/" + r;
  }
  const auto path_start = r.find('/');
  for (std::size_t i = path_start; i < r.size(); ++i) {
    char c = r[i];
    if (std::isupper(static_cast<unsigned char>(c))) return bad("repository name must be lowercase");
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '/' ||
          c == '.' || c == '_' || c == '-'))
      return bad("repository may contain only lowercase letters, digits, '/', '.', '_' and '-'");
  }
  out.repository = r;
  if (out.tag.empty() && out.digest.empty()) out.tag = "latest";
  return out;
}

static std::string fake_digest(std::string_view repo_tag) {
  std::string hex;
  std::uint64_t h = fnv1a64(repo_tag);
  for (int i = 0; i < 4; ++i) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    hex += buf;
    h = fnv1a64(std::string_view(buf, 16), h);
  }
  return "sha256:" + hex;
}

std::string ImageRegistry::add(std::string_view image, std::string_view tag) {
  auto ref = parse_image_ref(std::string(image) + ":" + std::string(tag));
  std::string repo = ref.ok() ? ref->repository : std::string(image);
  std::string t = ref.ok() ? ref->tag : std::string(tag);
  std::string d = fake_digest(repo + ":" + t);
  tags_[repo][t] = d;
  return d;
}

std::optional<std::string> ImageRegistry::digest_of(std::string_view image_ref) const {
  auto ref = parse_image_ref(image_ref);
  if (!ref.ok()) return std::nullopt;
  auto it = tags_.find(ref->repository);
  if (it == tags_.end()) return std::nullopt;
  if (!ref->tag.empty()) {
    auto t = it->second.find(ref->tag);
    if (t == it->second.end()) return std::nullopt;
    if (!ref->digest.empty() && ref->digest != t->second) return std::nullopt;
    return t->second;
  }
  for (const auto& [tag, digest] : it->second) {
    if (digest == ref->digest) return digest;
  }
  return std::nullopt;
}

std::vector<std::string> ImageRegistry::tags(std::string_view image) const {
  std::vector<std::string> out;
  auto ref = parse_image_ref(image);
  auto it = tags_.find(ref.ok() ? ref->repository : std::string(image));
  if (it == tags_.end()) return out;
  for (const auto& [tag, digest] : it->second) out.push_back(tag);
  return out;
}

bool ImageRegistry::known(std::string_view image_ref) const { return digest_of(image_ref).has_value(); }

bool ImageRegistry::pull_failing(std::string_view image_ref) const {
  auto ref = parse_image_ref(image_ref);
  if (!ref.ok()) return false;
  if (!ref->tag.empty()) return failing_.count(ref->repository + ":" + ref->tag) > 0;
  auto it = tags_.find(ref->repository);
  if (it == tags_.end()) return false;
  for (const auto& [tag, digest] : it->second) {
    if (digest == ref->digest && failing_.count(ref->repository + ":" + tag)) return true;
  }
  return false;
}

bool ImageRegistry::exists(std::string_view image_ref) const { return known(image_ref) && !pull_failing(image_ref); }

Status ImageRegistry::fail_pull(std::string_view image_tag, bool on) {
  auto ref = parse_image_ref(image_tag);
  if (!ref.ok()) return ref.error();
  if (ref->tag.empty()) return Error("fault image-pull: \"" + std::string(image_tag) + "\" needs a tag (IMAGE:TAG)");
  const std::string key = ref->repository + ":" + ref->tag;
  if (on) {
    failing_.insert(key);
  } else {
    failing_.erase(key);
  }
  return {};
}

}  // namespace gs::cluster
