#include "sim/flux/objects.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "sim/gitops/repo_url.hpp"

namespace gs::flux {
namespace {

using model::Mark;
using model::Node;

// One object's reader: fields by path, each problem where its value stands.
class FluxReader {
 public:
  FluxReader(const Node& obj, std::string what, std::vector<Problem>& problems)
      : obj_(obj), what_(std::move(what)), problems_(problems) {}

  void error(Mark at, std::string message) {
    problems_.push_back({at, what_ + ": " + std::move(message)});
    ok_ = false;
  }
  bool ok() const { return ok_; }
  Mark mark_of(std::initializer_list<std::string_view> path) const {
    const Node* n = obj_.get(path);
    return n ? n->mark : obj_.mark;
  }

  std::string str(std::initializer_list<std::string_view> path, const std::string& field, bool required,
                  const std::string& fallback = "") {
    const Node* n = obj_.get(path);
    if (!n || n->is_null()) {
      if (required) error(obj_.mark, "'" + field + "' is required");
      return fallback;
    }
    if (!n->is_scalar()) {
      error(n->mark, "'" + field + "' must be a string");
      return fallback;
    }
    return n->text();
  }
  std::optional<bool> boolean(std::initializer_list<std::string_view> path, const std::string& field) {
    const Node* n = obj_.get(path);
    if (!n || n->is_null()) return std::nullopt;
    auto b = n->as_bool();
    if (!b) error(n->mark, "'" + field + "' must be true or false, not '" + n->text() + "'");
    return b;
  }
  std::optional<Duration> duration(std::initializer_list<std::string_view> path, const std::string& field,
                                   bool required) {
    const Node* n = obj_.get(path);
    if (!n || n->is_null()) {
      if (required) error(obj_.mark, "'" + field + "' is required (a Go duration such as 1m or 10m0s)");
      return std::nullopt;
    }
    auto d = n->is_scalar() ? parse_duration(n->text()) : Result<Duration>(Error("not a scalar"));
    if (!d || d->ms <= 0) {
      error(n->mark, "'" + field + "' must be a positive duration such as 1m or 10m0s, not '" + n->text() + "'");
      return std::nullopt;
    }
    return *d;
  }

 private:
  const Node& obj_;
  std::string what_;
  std::vector<Problem>& problems_;
  bool ok_ = true;
};

std::string kind_and_name(const Node& obj) {
  return obj.get_string({"kind"}).value_or("object") + " '" + obj.get_string({"metadata", "name"}).value_or("?") + "'";
}

void read_common(FluxReader& r, std::string& name, std::string& ns) {
  name = r.str({"metadata", "name"}, "metadata.name", true);
  ns = r.str({"metadata", "namespace"}, "metadata.namespace", false, kFluxNamespace);
}

std::optional<GitRepositorySpec> read_git_repository(const Node& obj, const std::vector<std::string>& repo_urls,
                                                     std::vector<Problem>& problems) {
  FluxReader r(obj, kind_and_name(obj), problems);
  GitRepositorySpec s;
  s.mark = obj.mark;
  read_common(r, s.name, s.ns);
  s.url = r.str({"spec", "url"}, "spec.url", true);
  if (!s.url.empty() && std::none_of(repo_urls.begin(), repo_urls.end(),
                                     [&](const std::string& u) { return gitops::same_repo_url(u, s.url); })) {
    r.error(r.mark_of({"spec", "url"}), "no repository of the scenario has url '" + s.url + "'");
  }
  if (auto d = r.duration({"spec", "interval"}, "spec.interval", true)) s.interval = *d;
  if (auto d = r.duration({"spec", "timeout"}, "spec.timeout", false)) s.timeout = *d;
  s.suspend = r.boolean({"spec", "suspend"}, "spec.suspend").value_or(false);
  if (const Node* ref = obj.get({"spec", "ref"}); ref && !ref->is_null()) {
    if (!ref->is_map()) {
      r.error(ref->mark, "'spec.ref' must be a map (branch, tag or commit)");
    } else {
      for (const auto& e : ref->entries()) {
        if (e.key != "branch" && e.key != "tag" && e.key != "commit") {
          r.error(e.key_mark, "'spec.ref." + e.key + "' is not supported; write branch, tag or commit");
        }
      }
      s.branch = r.str({"spec", "ref", "branch"}, "spec.ref.branch", false);
      s.tag = r.str({"spec", "ref", "tag"}, "spec.ref.tag", false);
      s.commit = r.str({"spec", "ref", "commit"}, "spec.ref.commit", false);
    }
  }
  if (s.branch.empty() && s.tag.empty() && s.commit.empty()) s.branch = "master";  // Flux's default
  if (!r.ok()) return std::nullopt;
  return s;
}

std::vector<CrossRef> read_refs(FluxReader& r, const Node* list, const std::string& field, const std::string& ns) {
  std::vector<CrossRef> out;
  if (!list || list->is_null()) return out;
  if (!list->is_list()) {
    r.error(list->mark, "'" + field + "' must be a list");
    return out;
  }
  for (const auto& item : list->items()) {
    if (!item.is_map() || !item.get_string({"name"}) || !item.get_string({"kind"})) {
      r.error(item.mark, "each '" + field + "' entry needs kind and name");
      continue;
    }
    out.push_back({item.get_string({"apiVersion"}).value_or(""), *item.get_string({"kind"}),
                   *item.get_string({"name"}), item.get_string({"namespace"}).value_or(ns)});
  }
  return out;
}

std::optional<KustomizationSpec> read_kustomization(const Node& obj, std::vector<Problem>& problems) {
  FluxReader r(obj, kind_and_name(obj), problems);
  KustomizationSpec s;
  s.mark = obj.mark;
  read_common(r, s.name, s.ns);
  if (auto d = r.duration({"spec", "interval"}, "spec.interval", true)) s.interval = *d;
  s.retry_interval = r.duration({"spec", "retryInterval"}, "spec.retryInterval", false).value_or(s.interval);
  // GetTimeout: spec.timeout, else interval - 30s, never below 30s.
  const Duration fallback = std::max(s.interval - Duration::seconds(30), Duration::seconds(30));
  s.timeout = r.duration({"spec", "timeout"}, "spec.timeout", false).value_or(fallback);
  if (auto p = r.boolean({"spec", "prune"}, "spec.prune")) {
    s.prune = *p;
  } else if (!obj.get({"spec", "prune"})) {
    r.error(obj.mark, "'spec.prune' is required (true or false)");
  }
  s.suspend = r.boolean({"spec", "suspend"}, "spec.suspend").value_or(false);
  s.wait = r.boolean({"spec", "wait"}, "spec.wait").value_or(false);
  s.path = r.str({"spec", "path"}, "spec.path", false);
  while (s.path.rfind("./", 0) == 0) s.path = s.path.substr(2);
  while (!s.path.empty() && s.path.back() == '/') s.path.pop_back();
  if (s.path == ".") s.path.clear();
  s.target_namespace = r.str({"spec", "targetNamespace"}, "spec.targetNamespace", false);
  s.source_kind = r.str({"spec", "sourceRef", "kind"}, "spec.sourceRef.kind", true);
  s.source_name = r.str({"spec", "sourceRef", "name"}, "spec.sourceRef.name", true);
  if (!s.source_kind.empty() && s.source_kind != "GitRepository") {
    r.error(r.mark_of({"spec", "sourceRef", "kind"}),
            "sourceRef kind '" + s.source_kind + "' is not modelled; write GitRepository");
  }
  s.health_checks = read_refs(r, obj.get({"spec", "healthChecks"}), "spec.healthChecks", s.target_namespace);
  if (const Node* deps = obj.get({"spec", "dependsOn"}); deps && !deps->is_null()) {
    if (!deps->is_list()) {
      r.error(deps->mark, "'spec.dependsOn' must be a list of {name: ...}");
    } else {
      for (const auto& d : deps->items()) {
        auto n = d.get_string({"name"});
        if (!n) {
          r.error(d.mark, "each 'spec.dependsOn' entry needs a name");
          continue;
        }
        s.depends_on.push_back(*n);
      }
    }
  }
  if (!r.ok()) return std::nullopt;
  return s;
}

std::optional<ReceiverSpec> read_receiver(const Node& obj, std::vector<Problem>& problems) {
  FluxReader r(obj, kind_and_name(obj), problems);
  ReceiverSpec s;
  s.mark = obj.mark;
  read_common(r, s.name, s.ns);
  s.type = r.str({"spec", "type"}, "spec.type", true);
  static const std::vector<std::string> kTypes = {"generic", "generic-hmac", "github", "gitlab", "bitbucket", "gitea"};
  if (!s.type.empty() && std::find(kTypes.begin(), kTypes.end(), s.type) == kTypes.end()) {
    r.error(r.mark_of({"spec", "type"}), "receiver type '" + s.type + "' is not modelled; write github or generic");
  }
  s.resources = read_refs(r, obj.get({"spec", "resources"}), "spec.resources", s.ns);
  if (s.resources.empty() && r.ok()) r.error(obj.mark, "'spec.resources' is required: the objects it wakes");
  for (const auto& res : s.resources) {
    if (res.kind != "GitRepository" && res.kind != "Kustomization") {
      r.error(r.mark_of({"spec", "resources"}), "a receiver wakes GitRepository or Kustomization objects, not " + res.kind);
    }
  }
  if (!r.ok()) return std::nullopt;
  return s;
}

// Names must be unique per kind; dependsOn and sourceRef must name objects
// here; dependsOn must not loop (Flux would wait forever).
void check_references(FluxObjects& out, std::vector<Problem>& problems) {
  auto report = [&](Mark at, std::string m) { problems.push_back({at, std::move(m)}); };
  std::set<std::string> sources, kss;
  for (const auto& s : out.sources) {
    if (!sources.insert(s.name).second) report(s.mark, "duplicate GitRepository '" + s.name + "'");
  }
  for (const auto& k : out.kustomizations) {
    if (!kss.insert(k.name).second) report(k.mark, "duplicate Kustomization '" + k.name + "'");
  }
  for (const auto& k : out.kustomizations) {
    if (!k.source_name.empty() && !sources.count(k.source_name)) {
      report(k.mark, "Kustomization '" + k.name + "': sourceRef names GitRepository '" + k.source_name +
                         "', which this cluster's flux section does not define");
    }
    for (const auto& d : k.depends_on) {
      if (!kss.count(d)) report(k.mark, "Kustomization '" + k.name + "': dependsOn names unknown Kustomization '" + d + "'");
    }
  }
  for (const auto& r : out.receivers) {
    for (const auto& res : r.resources) {
      const auto& names = res.kind == "GitRepository" ? sources : kss;
      if (!names.count(res.name)) report(r.mark, "Receiver '" + r.name + "': unknown " + res.kind + " '" + res.name + "'");
    }
  }
  // Cycles: a depth-first walk, reported once at the Kustomization that closes one.
  std::map<std::string, const KustomizationSpec*> by_name;
  for (const auto& k : out.kustomizations) by_name[k.name] = &k;
  std::map<std::string, int> state;  // 1 visiting, 2 done
  std::function<bool(const std::string&, std::vector<std::string>&)> visit = [&](const std::string& n,
                                                                                 std::vector<std::string>& path) {
    if (state[n] == 2 || !by_name.count(n)) return false;
    if (state[n] == 1) {
      path.push_back(n);
      return true;
    }
    state[n] = 1;
    path.push_back(n);
    for (const auto& d : by_name[n]->depends_on) {
      if (visit(d, path)) return true;
    }
    path.pop_back();
    state[n] = 2;
    return false;
  };
  for (const auto& k : out.kustomizations) {
    std::vector<std::string> path;
    if (visit(k.name, path)) {
      std::string chain;
      const auto first = std::find(path.begin(), path.end(), path.back());
      for (auto it = first; it != path.end(); ++it) chain += (chain.empty() ? "" : " -> ") + *it;
      report(by_name[path.back()]->mark, "dependsOn cycle " + chain + ": Flux would wait for ever");
      break;
    }
  }
}

}  // namespace

std::string GitRepositorySpec::ref_name() const {
  if (!commit.empty() && tag.empty() && branch.empty()) return "";
  if (!tag.empty()) return tag;
  return branch;
}

std::string GitRepositorySpec::target() const {
  if (!commit.empty()) return commit;
  if (!tag.empty()) return "refs/tags/" + tag;
  return "refs/heads/" + branch;
}

FluxObjects parse_flux_objects(const std::vector<model::Node>& objects, const std::vector<std::string>& repo_urls,
                               std::vector<Problem>& problems) {
  FluxObjects out;
  for (const auto& obj : objects) {
    if (!obj.is_map()) {
      problems.push_back({obj.mark, "a Flux object must be a map with apiVersion and kind"});
      continue;
    }
    const std::string api = obj.get_string({"apiVersion"}).value_or("");
    const std::string kind = obj.get_string({"kind"}).value_or("");
    auto expect_api = [&](const char* want) {
      if (api == want) return true;
      const Node* a = obj.get({"apiVersion"});
      problems.push_back({a ? a->mark : obj.mark, kind + ": apiVersion must be '" + want + "', not '" + api + "'"});
      return false;
    };
    if (kind == "GitRepository") {
      if (!expect_api(kSourceApi)) continue;
      if (auto s = read_git_repository(obj, repo_urls, problems)) out.sources.push_back(std::move(*s));
    } else if (kind == "Kustomization") {
      if (!expect_api(kKustomizeApi)) continue;
      if (auto s = read_kustomization(obj, problems)) out.kustomizations.push_back(std::move(*s));
    } else if (kind == "Receiver") {
      if (!expect_api(kNotificationApi)) continue;
      if (auto s = read_receiver(obj, problems)) out.receivers.push_back(std::move(*s));
    } else {
      const Node* k = obj.get({"kind"});
      problems.push_back({k ? k->mark : obj.mark, "unknown Flux kind '" + kind +
                                                      "'; expected GitRepository, Kustomization or Receiver"});
    }
  }
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::stable_sort(out.sources.begin(), out.sources.end(), by_name);
  std::stable_sort(out.kustomizations.begin(), out.kustomizations.end(), by_name);
  std::stable_sort(out.receivers.begin(), out.receivers.end(), by_name);
  check_references(out, problems);
  return out;
}

std::string go_duration(Duration d) {
  std::int64_t s = d.ms / 1000;
  const std::int64_t h = s / 3600, m = (s % 3600) / 60;
  s %= 60;
  if (h > 0) return std::to_string(h) + "h" + std::to_string(m) + "m" + std::to_string(s) + "s";
  if (m > 0) return std::to_string(m) + "m" + std::to_string(s) + "s";
  return std::to_string(s) + "s";
}

}  // namespace gs::flux
