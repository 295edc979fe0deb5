// The `ci:` section (scenarios and lessons): image automations and push
// pipelines (sim/ci/ci_spec.hpp), every reference (repository, cluster)
// checked against the names the file defines, every problem a positioned error.
#include <map>

#include "sim/cluster/image_registry.hpp"
#include "sim/gitops/semver.hpp"
#include "sim/scenario/parts.hpp"

namespace gs::scenario::detail {
namespace {

using model::Mark;
using model::Node;

// A unique name; where it stands when it is there and a string.
void read_ci_name(Diagnostics& d, MapReader& m, std::string& out, std::map<std::string, Mark>& seen,
                  std::string_view what) {
  const Node* v = m.required("name");
  if (!v) return;
  auto s = read_string(d, *v, "name");
  if (!s) return;
  out = *s;
  auto [it, fresh] = seen.emplace(out, v->mark);
  if (!fresh) {
    d.error(v->mark, "duplicate " + std::string(what) + " '" + out + "' (first at line " +
                         std::to_string(it->second.line) + ")");
  }
}

// An image repository without tag or digest.
void read_ci_image(Diagnostics& d, const Node& v, std::string& out) {
  auto s = read_string(d, v, "image");
  if (!s) return;
  auto ref = cluster::parse_image_ref(*s);
  if (!ref) {
    d.error(v.mark, ref.error().message);
    return;
  }
  const auto slash = s->rfind('/');
  if (s->find('@') != std::string::npos || s->find(':', slash == std::string::npos ? 0 : slash) != std::string::npos) {
    d.error(v.mark, "image '" + *s + "' must not carry a tag or digest; the policy picks the tag");
    return;
  }
  out = ref->repository;
}

void read_repo_ref(Diagnostics& d, MapReader& m, std::string& repo, const Known& known) {
  if (const Node* v = m.required("repo")) {
    if (auto s = read_string(d, *v, "repo")) {
      repo = *s;
      check_ref(d, v->mark, "repository", *s, known.repo_names);
    }
  }
}

// A repository path: relative, no "..", no trailing slash ("" or "." the root).
void read_path(Diagnostics& d, MapReader& m, std::string& out, bool required) {
  const Node* v = required ? m.required("path") : m.optional("path");
  if (!v) return;
  auto s = read_string(d, *v, "path", true);
  if (!s) return;
  std::string p = *s == "." ? "" : *s;
  while (!p.empty() && p.back() == '/') p.pop_back();
  if (!p.empty() && (p.front() == '/' || p == ".." || p.rfind("../", 0) == 0 || p.find("/../") != std::string::npos)) {
    d.error(v->mark, "path '" + *s + "' must be relative to the repository root, without '..'");
    return;
  }
  out = p;
}

// repo, branch (default main) and path: where an entry reads or writes Git.
void read_git_place(Diagnostics& d, MapReader& m, const Known& known, std::string& repo, std::string& branch,
                    std::string& path, bool path_required) {
  read_repo_ref(d, m, repo, known);
  if (const Node* v = m.optional("branch")) {
    if (auto s = read_string(d, *v, "branch")) branch = *s;
  }
  read_path(d, m, path, path_required);
}

// A duration field of at least 1s, into `out` when given and valid.
void read_positive_duration(Diagnostics& d, MapReader& m, const char* key, Duration& out) {
  const Node* v = m.optional(key);
  if (!v) return;
  auto dur = read_duration(d, *v, key, false);
  if (!dur) return;
  if (*dur < Duration::seconds(1)) d.error(v->mark, std::string(key) + " must be at least 1s");
  else out = *dur;
}

void read_policy(Diagnostics& d, const Node& n, ci::ImagePolicySpec& out) {
  MapReader m(d, n, "policy");
  if (!m.ok()) return;
  const Node* semver = m.optional("semver");
  const Node* alpha = m.optional("alphabetical");
  m.unsupported("numerical");
  if ((semver != nullptr) == (alpha != nullptr)) {
    d.error(m.mark(), "policy needs exactly one of 'semver' or 'alphabetical'");
    return;
  }
  if (semver) {
    MapReader s(d, *semver, "policy.semver");
    if (!s.ok()) return;
    if (const Node* r = s.required("range")) {
      if (auto text = read_string(d, *r, "range")) {
        // A plain version is a constraint too ("1.2.3" admits only itself).
        if (!gitops::SemverConstraint::parse(*text)) {
          d.error(r->mark, "range '" + *text + "' is no semver constraint; expected e.g. '>=1.0.0', '1.x' or '^1.2'");
        } else {
          out.kind = ci::ImagePolicySpec::Kind::Semver;
          out.range = *text;
        }
      }
    }
    return;
  }
  MapReader a(d, *alpha, "policy.alphabetical");
  if (!a.ok()) return;
  out.kind = ci::ImagePolicySpec::Kind::Alphabetical;
  if (const Node* o = a.optional("order")) {
    if (auto order = read_enum(d, *o, "order", {"asc", "desc"})) out.ascending = *order == "asc";
  }
}

void read_image_automation(Diagnostics& d, const Node& item, std::map<std::string, Mark>& names, const Known& known,
                           ci::CiSpec& out) {
  MapReader m(d, item, "image automation");
  if (!m.ok()) return;
  ci::ImageAutomationSpec a;
  a.pos = d.pos(item.mark);
  read_ci_name(d, m, a.name, names, "image automation");
  if (const Node* v = m.required("image")) read_ci_image(d, *v, a.image);
  read_positive_duration(d, m, "interval", a.interval);
  if (const Node* v = m.required("policy")) read_policy(d, *v, a.policy);
  read_git_place(d, m, known, a.repo, a.branch, a.path, false);
  if (const Node* v = m.optional("author")) {
    if (auto s = read_string(d, *v, "author")) {
      if (s->find('<') == std::string::npos || s->back() != '>') {
        d.error(v->mark, "author '" + *s + "' must be written 'Name <email>'");
      } else {
        a.author = *s;
      }
    }
  }
  out.image_automation.push_back(std::move(a));
}

void read_push_pipeline(Diagnostics& d, const Node& item, std::map<std::string, Mark>& names, const Known& known,
                        ci::CiSpec& out) {
  MapReader m(d, item, "push pipeline");
  if (!m.ok()) return;
  ci::PushPipelineSpec p;
  p.pos = d.pos(item.mark);
  read_ci_name(d, m, p.name, names, "push pipeline");
  read_git_place(d, m, known, p.repo, p.branch, p.path, true);
  if (const Node* v = m.optional("image")) read_ci_image(d, *v, p.image);
  if (const Node* v = m.optional("kubeconfig")) {
    if (const auto* items = read_list(d, v, "kubeconfig")) {
      std::map<std::string, Mark> seen;
      for (const auto& c : *items) {
        auto s = read_string(d, c, "kubeconfig item");
        if (!s) continue;
        if (!seen.emplace(*s, c.mark).second) {
          d.error(c.mark, "cluster '" + *s + "' is listed twice in kubeconfig");
          continue;
        }
        if (check_ref(d, c.mark, "cluster", *s, known.cluster_names)) p.kubeconfig.push_back(*s);
      }
    }
  }
  read_positive_duration(d, m, "rolloutTimeout", p.rollout_timeout);
  out.push_pipelines.push_back(std::move(p));
}

}  // namespace

void read_ci(Diagnostics& d, const model::Node* n, world::WorldSpec& w, const Known& known) {
  if (!n) return;
  MapReader m(d, *n, "ci");
  if (!m.ok()) return;
  std::map<std::string, Mark> automations, pipelines;
  if (const auto* items = read_list(d, m.optional("imageAutomation"), "imageAutomation")) {
    for (const auto& item : *items) read_image_automation(d, item, automations, known, w.ci);
  }
  if (const auto* items = read_list(d, m.optional("pushPipelines"), "pushPipelines")) {
    for (const auto& item : *items) read_push_pipeline(d, item, pipelines, known, w.ci);
  }
}

}  // namespace gs::scenario::detail
