#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <system_error>

#include "sim/model/yaml.hpp"
#include "sim/scenario/parts.hpp"
#include "sim/scenario/rules.hpp"
#include "sim/world/command.hpp"
#include "sim/flux/objects.hpp"

namespace gs::scenario {
namespace detail {

using model::Mark;
using model::Node;

namespace {

constexpr const char* kApiVersion = "gitops-sim/v1";
constexpr const char* kInCluster = "in-cluster";
constexpr const char* kInClusterServer = "https://kubernetes.default.svc";
// Enough for any hand-written scenario; bounds alias expansion ("billion laughs").
constexpr std::size_t kMaxNodes = 200'000;
constexpr int kMaxDepth = 64;

std::string line_of(Mark m) { return std::to_string(m.line); }

// Reports a name already seen in `seen` (name -> where); records it otherwise.
void check_unique(Diagnostics& d, std::map<std::string, Mark>& seen, const std::string& name, Mark at,
                  std::string_view what) {
  auto [it, fresh] = seen.emplace(name, at);
  if (!fresh) d.error(at, "duplicate " + std::string(what) + " '" + name + "' (first at line " + line_of(it->second) + ")");
}

// Reads the required string field `key` into `out`; where its value stands
// when it is there and a string (read_string has reported it otherwise).
std::optional<Mark> read_required_string(Diagnostics& d, MapReader& m, const char* key, std::string& out) {
  const Node* v = m.required(key);
  if (!v) return std::nullopt;
  auto s = read_string(d, *v, key);
  if (!s) return std::nullopt;
  out = std::move(*s);
  return v->mark;
}

// ---- settings ----

void read_settings(Diagnostics& d, const Node& n, world::Settings& s) {
  MapReader m(d, n, "settings");
  if (!m.ok()) return;
  // The profile sets the defaults; fields given beside it override them.
  if (const Node* v = m.optional("profile")) {
    if (auto p = read_enum(d, *v, "profile", {"default", "argocd-3"})) {
      s.profile = *p;
      if (*p == "argocd-3") {
        s.reconciliation_timeout = Duration::seconds(120);  // Argo CD 3.x: timeout.reconciliation 120s
        s.reconciliation_jitter = Duration::seconds(60);    // timeout.reconciliation.jitter 60s
      }
    }
  }
  struct DurationField {
    const char* name;
    Duration* slot;
    Duration floor;   // the least value other than 0s (0s: none)
    bool allow_zero;
    const char* why;  // why the floor (and a refused 0s), for the message
  };
  const DurationField fields[] = {
      // Argo CD reads timeout.reconciliation as a duration but keeps whole
      // seconds (`int64(env.ParseDurationFromEnv("ARGOCD_RECONCILIATION_TIMEOUT",
      // ...).Seconds())` for --app-resync in
      // cmd/argocd-application-controller/commands/argocd_application_controller.go),
      // and 0 turns polling off (argoproj/argo-cd#6406): under 1s is "off".
      {"reconciliationTimeout", &s.reconciliation_timeout, Duration::seconds(1), true,
       "Argo CD counts timeout.reconciliation in whole seconds, so less than 1s turns polling off; "
       "write 0s for no polling, or at least 1s"},
      {"reconciliationJitter", &s.reconciliation_jitter, Duration{}, true, ""},
      // Argo CD's --self-heal-timeout-seconds accepts 0.
      {"selfHealTimeout", &s.self_heal_timeout, Duration{}, true, ""},
      {"watchDelay", &s.watch_delay, Duration{}, false,
       "a live change is noticed watchDelay later, never in the same instant, so a learner sees the drift "
       "before the heal"},
      // A sync starts applyLatency after it is asked for, the refresh after
      // it runs at once, and selfHealTimeout may be 0s: with applyLatency 0s
      // a sync that leaves the app OutOfSync (a resource it may not prune,
      // Prune=false) self-heals again in the same instant, without end (seen:
      // memory ran out at one virtual instant).
      {"applyLatency", &s.apply_latency, Duration{}, false,
       "every apply or prune of a sync takes time; at 0s a sync, the refresh after it and a self-heal "
       "could repeat in one instant without end"},
  };
  for (const auto& f : fields) {
    const Node* v = m.optional(f.name);
    if (!v) continue;
    auto dur = read_duration(d, *v, f.name);
    if (!dur) continue;
    if (dur->ms == 0 && !f.allow_zero) {
      d.error(v->mark, "'" + std::string(f.name) + "' must be greater than 0s: " + f.why);
    } else if (dur->ms != 0 && *dur < f.floor) {
      d.error(v->mark, "'" + std::string(f.name) + "' must be 0s or at least " + format_duration(f.floor) + ", not " +
                           format_duration(*dur) + ": " + f.why);
    } else {
      *f.slot = *dur;
    }
  }
  // Argo CD's application-controller --operation-processors and --status-processors.
  for (auto [name, slot] : {std::pair{"operationProcessors", &s.operation_processors},
                            std::pair{"statusProcessors", &s.status_processors}}) {
    if (const Node* v = m.optional(name)) {
      if (auto got = read_int(d, *v, name, 1)) *slot = static_cast<int>(std::min<std::int64_t>(*got, 100'000));
    }
  }
}

// ---- clusters ----

void read_clusters(Diagnostics& d, const Node* n, world::WorldSpec& w, Known& known) {
  const auto* items = read_list(d, n, "clusters");
  std::map<std::string, Mark> names, servers;
  if (items) {
    for (const auto& item : *items) {
      MapReader m(d, item, "cluster");
      if (!m.ok()) continue;
      world::ClusterSpec c;
      c.pos = d.pos(item.mark);
      if (auto at = read_required_string(d, m, "name", c.name)) check_unique(d, names, c.name, *at, "cluster name");
      if (auto at = read_required_string(d, m, "server", c.server)) {
        if (c.server.rfind("https://", 0) != 0 && c.server.rfind("http://", 0) != 0) {
          d.error(*at, "cluster server '" + c.server + "' must be a URL like https://dev.k8s.example");
        }
        // Argo CD identifies a cluster by its server URL.
        check_unique(d, servers, c.server, *at, "cluster server");
      }
      if (!c.name.empty() && !c.server.empty()) {
        known.cluster_names.push_back(c.name);
        known.cluster_servers.push_back(c.server);
      }
      w.clusters.push_back(std::move(c));
    }
  }
  if (!items || items->empty()) {
    // As Argo CD: with no clusters configured, the one it runs in.
    known.cluster_names = {kInCluster};
    known.cluster_servers = {kInClusterServer};
  }
}

// ---- registry ----

std::optional<std::string> tag_problem(std::string_view tag) {
  // Docker's tag grammar: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
  if (tag.empty() || tag.size() > 128) return "a tag has 1 to 128 characters";
  auto ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  };
  if (!std::all_of(tag.begin(), tag.end(), ok) || tag[0] == '.' || tag[0] == '-') {
    return "a tag uses letters, digits, '_', '.' and '-', and does not start with '.' or '-'";
  }
  return std::nullopt;
}

void read_registry(Diagnostics& d, const Node* n, world::WorldSpec& w) {
  const auto* items = read_list(d, n, "registry");
  if (!items) return;
  std::map<std::string, Mark> seen;
  for (const auto& item : *items) {
    MapReader m(d, item, "registry image");
    if (!m.ok()) continue;
    world::RegistryImage img;
    img.pos = d.pos(item.mark);
    if (auto at = read_required_string(d, m, "image", img.image)) {
      const std::string& s = img.image;
      const auto slash = s.rfind('/');
      if (s.find(':', slash == std::string::npos ? 0 : slash) != std::string::npos || s.find('@') != std::string::npos) {
        d.error(*at, "image '" + s + "' must not carry a tag or digest; list tags under 'tags:'");
      }
      check_unique(d, seen, s, *at, "registry image");
    }
    if (const Node* v = m.optional("tags")) {
      if (const auto* tags = read_list(d, v, "tags")) {
        for (const auto& t : *tags) {
          auto s = read_string(d, t, "tags item");
          if (!s) continue;
          if (auto p = tag_problem(*s)) d.error(t.mark, "invalid tag '" + *s + "': " + *p);
          else img.tags.push_back(*s);
        }
      }
    }
    w.registry.push_back(std::move(img));
  }
}

// ---- repos ----

// The files of each branch as the history so far leaves them, so that
// `from:` and `delete:` can be checked against what exists at that point.
using BranchFiles = std::map<std::string, std::set<std::string>>;

void apply_commit(Diagnostics& d, const world::CommitSpec& c, Mark commit_mark, const std::map<std::string, Mark>& marks,
                  std::set<std::string>& files) {
  auto mark_of = [&](const std::string& path) {
    auto it = marks.find(path);
    return it != marks.end() ? it->second : commit_mark;
  };
  for (const auto& [path, content] : c.files) {
    if (content) continue;
    if (!files.erase(path)) {
      d.error(mark_of(path), "cannot delete '" + path + "': no such file on branch '" + c.branch + "'");
    }
  }
  for (const auto& [path, content] : c.files) {
    if (!content) continue;
    // A path cannot be both a file and a directory (git's D/F conflict).
    for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      if (files.count(path.substr(0, slash))) {
        d.error(mark_of(path), "'" + path + "' needs '" + path.substr(0, slash) + "' to be a directory, but it is a file");
      }
    }
    const std::string dir = path + "/";
    if (auto it = files.lower_bound(dir); it != files.end() && it->rfind(dir, 0) == 0) {
      d.error(mark_of(path), "'" + path + "' is a directory on branch '" + c.branch + "' (it holds '" + *it + "')");
    }
    files.insert(path);
  }
}

void read_commit(Diagnostics& d, const Node& item, const std::string& repo, BranchFiles& branches,
                 world::RepoSpec& out) {
  MapReader m(d, item, "commit");
  if (!m.ok()) return;
  world::CommitSpec c;
  c.pos = d.pos(item.mark);
  bool branch_ok = false;
  if (auto at = read_required_string(d, m, "branch", c.branch)) {
    if (auto p = branch_name_problem(c.branch)) d.error(*at, "invalid branch '" + c.branch + "': " + *p);
    else branch_ok = true;
  }
  std::set<std::string> start;  // files the commit starts from
  bool start_ok = true;
  if (const Node* v = m.optional("from")) {
    if (auto s = read_string(d, *v, "from")) {
      c.from = *s;
      if (branch_ok && branches.count(c.branch)) {
        d.error(m.key_mark("from"), "branch '" + c.branch + "' already exists in repo '" + repo +
                                        "'; 'from' only goes on the commit that creates a branch");
        start_ok = false;
      } else if (auto it = branches.find(*s); it == branches.end()) {
        std::vector<std::string> names;
        for (const auto& [b, files] : branches) names.push_back(b);
        d.error(v->mark, "'from: " + *s + "' names no branch of repo '" + repo + "' at this point" +
                             suggestion(*s, names) + (names.empty() ? " (it has no branches yet)" : ""));
        start_ok = false;
      } else {
        start = it->second;
      }
    }
  } else if (branch_ok && branches.count(c.branch)) {
    start = branches[c.branch];
  }
  if (const Node* v = m.optional("author")) {
    if (auto s = read_string(d, *v, "author")) {
      if (auto p = author_problem(*s)) d.error(v->mark, "invalid author '" + *s + "': " + *p);
      c.author = *s;
    }
  }
  read_required_string(d, m, "message", c.message);
  std::map<std::string, Mark> marks;
  const std::size_t before = d.count();
  read_commit_files(d, m, c.files);
  if (!m.has("files") && !m.has("delete")) {
    d.error(m.mark(), "commit needs 'files:' or 'delete:'; git refuses an empty commit");
  }
  // Marks of each path, for errors that only the branch's state reveals.
  for (const char* key : {"files", "delete"}) {
    const Node* v = item.find(key);
    if (!v) continue;
    if (v->is_map()) {
      for (const auto& e : v->entries()) marks.emplace(e.key, e.key_mark);
    } else if (v->is_list()) {
      for (const auto& x : v->items()) {
        if (x.is_string()) marks.emplace(x.text(), x.mark);
      }
    }
  }
  if (branch_ok && start_ok && d.count() == before) {
    apply_commit(d, c, item.mark, marks, start);
    branches[c.branch] = std::move(start);
  } else if (branch_ok && !branches.count(c.branch)) {
    branches[c.branch];  // the branch exists from here on, whatever else went wrong
  }
  out.commits.push_back(std::move(c));
}

// A tag of the history: `name`, the `commit` it points at (a branch of the
// history so far, with ~N or ^N steps, or a SHA prefix), and for an
// annotated tag a `message` (and `tagger`).
void read_tag(Diagnostics& d, const Node& item, const std::string& repo, const BranchFiles& branches,
              std::map<std::string, Mark>& seen, world::RepoSpec& out) {
  MapReader m(d, item, "tag");
  if (!m.ok()) return;
  world::TagSpec t;
  t.pos = d.pos(item.mark);
  if (auto at = read_required_string(d, m, "name", t.name)) {
    if (auto p = branch_name_problem(t.name)) d.error(*at, "invalid tag '" + t.name + "': " + *p);
    check_unique(d, seen, t.name, *at, "tag");
  }
  if (auto at = read_required_string(d, m, "commit", t.commit)) {
    const std::string base = t.commit.substr(0, t.commit.find_first_of("~^"));
    const bool sha = base.size() >= 4 && base.size() <= 40 &&
                     std::all_of(base.begin(), base.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    if (!sha && !branches.count(base)) {
      std::vector<std::string> names;
      for (const auto& [b, files] : branches) names.push_back(b);
      d.error(*at, "'commit: " + t.commit + "' names no branch of repo '" + repo + "' (nor a SHA prefix)" +
                       suggestion(base, names));
    }
  }
  if (const Node* v = m.optional("message")) {
    if (auto s = read_string(d, *v, "message")) t.message = *s;
  }
  if (const Node* v = m.optional("tagger")) {
    if (auto s = read_string(d, *v, "tagger")) {
      if (auto p = author_problem(*s)) d.error(v->mark, "invalid tagger '" + *s + "': " + *p);
      if (!m.has("message")) d.error(m.key_mark("tagger"), "'tagger' goes with 'message' (an annotated tag)");
      t.tagger = *s;
    }
  }
  out.tags.push_back(std::move(t));
}

void read_repos(Diagnostics& d, const Node* n, world::WorldSpec& w, Known& known) {
  const auto* items = read_list(d, n, "repos");
  if (!items) return;
  std::map<std::string, Mark> names, urls;
  for (const auto& item : *items) {
    MapReader m(d, item, "repo");
    if (!m.ok()) continue;
    world::RepoSpec r;
    r.pos = d.pos(item.mark);
    if (auto at = read_required_string(d, m, "name", r.name)) {
      // Commands write REPO@BRANCH, so a repo name is one plain word.
      if (r.name.find_first_of("@/ \t:") != std::string::npos) {
        d.error(*at, "repo name '" + r.name + "' must not contain '@', '/', ':' or spaces (commands write REPO@BRANCH)");
      }
      check_unique(d, names, r.name, *at, "repo name");
      known.repo_names.push_back(r.name);
    }
    if (auto at = read_required_string(d, m, "url", r.url)) {
      if (r.url.find_first_of(" \t") != std::string::npos) d.error(*at, "repo url '" + r.url + "' contains a space");
      const std::string norm = normalize_repo_url(r.url);
      check_unique(d, urls, norm, *at, "repo url");
      known.repo_urls.push_back(norm);
      known.repo_urls_written.push_back(r.url);
    }
    if (const Node* v = m.optional("webhook")) r.webhook = read_bool(d, *v, "webhook").value_or(false);
    BranchFiles branches;
    if (const auto* commits = read_list(d, m.optional("commits"), "commits")) {
      for (const auto& c : *commits) read_commit(d, c, r.name, branches, r);
    }
    std::map<std::string, Mark> tag_names;
    if (const auto* tags = read_list(d, m.optional("tags"), "tags")) {
      for (const auto& t : *tags) read_tag(d, t, r.name, branches, tag_names, r);
    }
    w.repos.push_back(std::move(r));
  }
}

// ---- Argo CD objects and live objects ----

std::optional<std::string> object_name(const Node& obj) { return obj.get_string({"metadata", "name"}); }

Mark name_mark(const Node& obj) {
  const Node* n = obj.get({"metadata", "name"});
  return n ? n->mark : obj.mark;
}

void read_projects(Diagnostics& d, const Node* n, world::WorldSpec& w, Known& known) {
  known.project_names = {"default"};
  const auto* items = read_list(d, n, "projects");
  if (!items) return;
  std::map<std::string, Mark> seen;
  for (const auto& item : *items) {
    check_project(d, item);
    if (auto name = object_name(item)) {
      check_unique(d, seen, *name, name_mark(item), "project");
      if (*name != "default") known.project_names.push_back(*name);  // "default" may be redefined
    }
    w.projects.push_back(item);
  }
}

void read_applications(Diagnostics& d, const Node* n, world::WorldSpec& w, Known& known) {
  const auto* items = read_list(d, n, "applications");
  if (!items) return;
  std::map<std::string, Mark> seen;
  for (const auto& item : *items) {
    check_application(d, item, known);
    if (auto name = object_name(item)) {
      check_unique(d, seen, *name, name_mark(item), "application");
      known.app_names.push_back(*name);
    }
    w.applications.push_back(item);
  }
}

void read_live(Diagnostics& d, const Node* n, world::WorldSpec& w, const Known& known) {
  const auto* items = read_list(d, n, "live");
  if (!items) return;
  std::map<std::string, Mark> seen;
  for (const auto& item : *items) {
    if (!item.is_map()) {
      d.error(item.mark, "a live object must be a map (a Kubernetes object with 'cluster:'), not " + shown(item));
      continue;
    }
    // The object itself is free form, as Kubernetes allows; only what
    // identifies it is checked.
    world::LiveObjectSpec live;
    live.pos = d.pos(item.mark);
    live.object = item;
    live.object.erase("cluster");
    const Node* cluster = item.find("cluster");
    if (!cluster || cluster->is_null()) {
      d.error(item.mark, "live object needs 'cluster:' naming the cluster it is in");
    } else if (auto s = read_string(d, *cluster, "cluster")) {
      live.cluster = *s;
      check_ref(d, cluster->mark, "cluster", *s, known.cluster_names);
    }
    std::string key = live.cluster;
    for (const char* field : {"apiVersion", "kind"}) {
      const Node* v = item.find(field);
      if (!v || v->is_null()) d.error(item.mark, std::string("live object needs '") + field + "'");
      else if (auto s = read_string(d, *v, field)) key += "/" + *s;
    }
    const Node* meta = item.find("metadata");
    if (!meta || !meta->is_map()) {
      d.error(meta ? meta->mark : item.mark, "live object needs 'metadata' with a 'name'");
    } else {
      const Node* name = meta->find("name");
      if (!name || name->is_null()) {
        d.error(meta->mark, "live object needs 'metadata.name'");
      } else if (auto s = read_string(d, *name, "metadata.name")) {
        if (auto p = object_name_problem(*s)) d.error(name->mark, "invalid metadata.name '" + *s + "': " + *p);
        const Node* ns = meta->find("namespace");
        key += "/" + (ns && ns->is_string() ? ns->text() : std::string()) + "/" + *s;
        check_unique(d, seen, key, name->mark, "live object");
      }
    }
    w.live.push_back(std::move(live));
  }
}

// ---- the file as text ----

// Where byte `offset` is, as 1-based line and column (columns count characters).
Mark mark_at(std::string_view text, std::size_t offset) {
  Mark m{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++m.line;
      m.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++m.col;
    }
  }
  return m;
}

// Binary content and invalid UTF-8, found before the YAML parser sees them.
bool check_text(Diagnostics& d, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      d.error(mark_at(text, i), "the file contains a NUL byte; a scenario file is UTF-8 text, not binary");
      return false;
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      d.error(mark_at(text, i), "the file contains control character 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
                                    std::string(1, "0123456789abcdef"[c & 15]) + "; a scenario file is UTF-8 text");
      return false;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    // UTF-8 sequence: length from the lead byte; no overlongs, surrogates or > U+10FFFF.
    const std::size_t len = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    std::uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    bool ok = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok) {
      ok = !(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (!ok) {
      d.error(mark_at(text, i), "the file is not valid UTF-8 (bad byte sequence here)");
      return false;
    }
    i += len;
  }
  return true;
}

void read_metadata(Diagnostics& d, const Node& n, Scenario& sc) {
  MapReader m(d, n, "metadata");
  if (!m.ok()) return;
  if (const Node* v = m.required("name")) {
    if (auto s = read_string(d, *v, "metadata.name")) {
      if (auto p = scenario_name_problem(*s)) d.error(v->mark, "invalid metadata.name '" + *s + "': " + *p);
      sc.name = *s;
    }
  }
  sc.title = LocalizedText{sc.name, sc.name};
  if (const Node* v = m.optional("title")) {
    if (auto t = read_text(d, *v, "title")) sc.title = *t;
  }
  if (const Node* v = m.optional("description")) {
    if (auto t = read_text(d, *v, "description")) sc.description = *t;
  }
}

void read_clock(Diagnostics& d, const Node& n, Scenario& sc) {
  MapReader m(d, n, "clock");
  if (!m.ok()) return;
  if (const Node* v = m.optional("start")) {
    if (auto s = read_string(d, *v, "start")) {
      if (auto t = parse_rfc3339_utc(*s)) sc.world.clock_start_epoch_s = *t;
      else d.error(v->mark, "clock.start: " + t.error().message);
    }
  }
  if (const Node* v = m.optional("end")) {
    if (auto e = read_duration(d, *v, "end", false)) {
      if (*e > kMaxRunLength) {
        d.error(v->mark, "clock.end " + format_duration(*e) + " is past " + format_duration(kMaxRunLength) +
                             ", the longest a scenario may run (a run steps through every poll and event until "
                             "its end)");
      }
      sc.end = std::min(*e, kMaxRunLength);  // what follows is checked against a possible end
    }
  }
}


void collect_child_apps(const world::WorldSpec& w, const Node* timeline, Known& known) {
  for (const auto& r : w.repos) {
    for (const auto& c : r.commits) {
      for (const auto& [path, content] : c.files) {
        if (content) add_apps_in(*content, known);
      }
    }
  }
  if (!timeline || !timeline->is_list()) return;
  for (const auto& item : timeline->items()) {
    if (const Node* content = item.is_map() ? item.find("content") : nullptr; content && content->is_scalar()) {
      add_apps_in(content->text(), known);  // a `git write`'s file
    }
    const Node* files = item.is_map() ? item.find("files") : nullptr;
    if (!files || !files->is_map()) continue;
    for (const auto& e : files->entries()) {
      if (e.value.is_scalar()) add_apps_in(e.value.text(), known);
    }
  }
}

// Whether any text in the file mentions `word` (a CRD anywhere: in a repo
// file, a timeline commit or a live object).
bool mentions(const Node& n, std::string_view word) {
  if (n.is_scalar()) return n.text().find(word) != std::string::npos;
  if (n.is_list()) return std::any_of(n.items().begin(), n.items().end(), [&](const Node& i) { return mentions(i, word); });
  if (n.is_map()) {
    return std::any_of(n.entries().begin(), n.entries().end(),
                       [&](const model::MapEntry& e) { return mentions(e.value, word); });
  }
  return false;
}

void read_scenario(Diagnostics& d, const Node& root, Scenario& sc, Known* known_out) {
  MapReader m(d, root, "scenario");
  if (!read_file_header(d, m, "Scenario")) return;
  if (const Node* v = m.required("metadata")) read_metadata(d, *v, sc);
  Known known;
  read_world_fields(d, m, sc, known);
  for (auto [key, goal] : {std::pair{"expect", false}, std::pair{"goals", true}}) {
    if (const auto* items = read_list(d, m.optional(key), key)) {
      for (const auto& item : *items) {
        if (auto c = read_check(d, item, known, goal ? CheckUse::Goal : CheckUse::Expect)) {
          (goal ? sc.goals : sc.expect).push_back(std::move(*c));
        }
      }
    }
  }
  if (known_out) *known_out = std::move(known);
}

// ---- flux (issue 12) ----

// `flux: [{cluster: NAME, objects: [GitRepository, Kustomization, Receiver...]}]`:
// Flux runs in the cluster it deploys to. Its Kustomizations are apps of the
// world, so their names join the app names checks may use.
void read_flux(Diagnostics& d, const Node* n, world::WorldSpec& w, Known& known) {
  const auto* items = read_list(d, n, "flux");
  if (!items) return;
  std::map<std::string, Mark> clusters;
  for (const auto& item : *items) {
    MapReader m(d, item, "flux");
    if (!m.ok()) continue;
    world::FluxSpec f;
    f.pos = d.pos(item.mark);
    if (auto at = read_required_string(d, m, "cluster", f.cluster)) {
      check_ref(d, *at, "cluster", f.cluster, known.cluster_names);
      check_unique(d, clusters, f.cluster, *at, "flux cluster");
    }
    if (const auto* objs = read_list(d, m.required("objects"), "objects")) f.objects = *objs;
    std::vector<flux::Problem> problems;
    const auto parsed = flux::parse_flux_objects(f.objects, known.repo_urls_written, problems);
    for (auto& p : problems) d.error(p.at, std::move(p.message));
    for (const auto& k : parsed.kustomizations) {
      if (std::find(known.app_names.begin(), known.app_names.end(), k.name) != known.app_names.end()) {
        d.error(k.mark, "Kustomization '" + k.name + "' has the name of another app; every app's name is unique");
        continue;
      }
      known.app_names.push_back(k.name);
    }
    w.flux.push_back(std::move(f));
  }
}

}  // namespace

// App of Apps: Application manifests in repo files (the history and the
// timeline's commits) name apps a parent will create, so checks and commands
// may refer to them. A file that does not parse is left to the run, where it
// is a ComparisonError as in Argo CD; so is one whose aliases expand far
// past its size: a few hundred bytes of "billion laughs" cost the default
// million nodes each, and a 4 MiB scenario holds thousands of such files
// (20 of them took 3.6 s to load).
void add_apps_in(const std::string& content, Known& known) {
  if (content.find("argoproj.io") == std::string::npos) return;
  model::LoadOptions opts;
  opts.max_nodes = 2 * content.size() + 1000;  // no more nodes than bytes without aliases
  auto docs = model::parse_yaml_stream(content, opts);
  if (!docs) return;
  for (const auto& doc : *docs) {
    const auto api = doc.get_string({"apiVersion"});
    if (!api || api->rfind("argoproj.io/", 0) != 0 || doc.get_string({"kind"}).value_or("") != "Application") continue;
    const auto name = doc.get_string({"metadata", "name"});
    if (name && !name->empty() &&
        std::find(known.app_names.begin(), known.app_names.end(), *name) == known.app_names.end()) {
      known.app_names.push_back(*name);
    }
  }
}


bool read_file_header(Diagnostics& d, MapReader& m, std::string_view kind) {
  if (const Node* v = m.required("apiVersion")) {
    if (auto s = read_string(d, *v, "apiVersion"); s && *s != kApiVersion) {
      d.error(v->mark, "apiVersion must be '" + std::string(kApiVersion) + "', not '" + *s + "'");
    }
  }
  const Node* v = m.required("kind");
  if (!v) return true;
  auto s = read_string(d, *v, "kind");
  if (!s || *s == kind) return true;
  std::string msg = "kind must be '" + std::string(kind) + "', not '" + *s + "'";
  if (auto dym = world::did_you_mean(*s, {"Scenario", "Lesson"}); dym && *dym != kind && *dym != *s) {
    msg += "; did you mean '" + *dym + "'?";
  }
  d.error(v->mark, std::move(msg));
  m.ignore_rest();
  return false;
}

void read_world_fields(Diagnostics& d, MapReader& m, Scenario& sc, Known& known) {
  if (const Node* v = m.optional("seed")) {
    if (auto s = read_int(d, *v, "seed")) sc.world.seed = static_cast<std::uint64_t>(*s);
  }
  if (const Node* v = m.optional("clock")) read_clock(d, *v, sc);
  if (const Node* v = m.optional("settings")) read_settings(d, *v, sc.world.settings);

  known.end = sc.end;
  known.check_kinds = m.node() && !mentions(*m.node(), "CustomResourceDefinition");
  read_clusters(d, m.optional("clusters"), sc.world, known);
  read_registry(d, m.optional("registry"), sc.world);
  read_repos(d, m.optional("repos"), sc.world, known);
  read_projects(d, m.optional("projects"), sc.world, known);
  read_applications(d, m.optional("applications"), sc.world, known);
  collect_child_apps(sc.world, m.optional("timeline"), known);
  read_live(d, m.optional("live"), sc.world, known);
  read_pipelines(d, m.optional("pipelines"), sc.world, known);  // pipe
  read_ci(d, m.optional("ci"), sc.world, known);
  read_flux(d, m.optional("flux"), sc.world, known);  // issue 12

  if (const auto* items = read_list(d, m.optional("timeline"), "timeline")) {
    std::optional<Duration> last;
    std::set<std::string> staged;
    for (const auto& item : *items) {
      auto e = read_timeline_entry(d, item, known, staged);
      if (!e) continue;
      // Out of order is almost surely a slip; silently sorting would hide it.
      if (last && e->at < *last) {
        const Node* at = item.find("at");
        d.error(at ? at->mark : item.mark, "timeline entry at " + format_duration(e->at) + " comes after one at " +
                                               format_duration(*last) + "; list entries in time order");
      }
      last = e->at;
      sc.timeline.push_back(std::move(*e));
    }
  }
}

std::string unknown_ref(std::string_view what, std::string_view name, const std::vector<std::string>& names) {
  if (std::find(names.begin(), names.end(), name) != names.end()) return "";
  std::string msg = "unknown " + std::string(what) + " '" + std::string(name) + "'";
  if (auto s = suggestion(name, names); !s.empty()) return msg + s;
  if (names.empty()) return msg + "; the scenario defines none";
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < 8; ++i) list += (i ? ", " : "") + names[i];
  if (names.size() > 8) list += ", ...";
  return msg + "; expected one of " + list;
}

bool check_ref(Diagnostics& d, Mark at, std::string_view what, std::string_view name,
               const std::vector<std::string>& names) {
  std::string msg = unknown_ref(what, name, names);
  if (msg.empty()) return true;
  d.error(at, std::move(msg));
  return false;
}

void read_commit_files(Diagnostics& d, MapReader& m, std::map<std::string, std::optional<std::string>>& out) {
  if (const Node* files = m.optional("files")) {
    if (!files->is_map()) {
      d.error(files->mark, "'files' must be a map of path: content, not " + shown(*files));
    } else {
      for (const auto& e : files->entries()) {
        if (auto p = repo_path_problem(e.key)) {
          d.error(e.key_mark, "invalid file path '" + e.key + "': " + *p);
          continue;
        }
        if (e.value.is_null()) {
          out[e.key] = std::string();  // `path:` with nothing after it: an empty file
        } else if (!e.value.is_scalar()) {
          d.error(e.value.mark, "content of '" + e.key + "' must be text (write it as a '|' block), not " + shown(e.value));
        } else {
          out[e.key] = e.value.text();  // 3 or true are file contents too
        }
      }
    }
  }
  if (const Node* del = m.optional("delete")) {
    if (const auto* items = read_list(d, del, "delete")) {
      for (const auto& item : *items) {
        auto s = read_string(d, item, "delete item");
        if (!s) continue;
        if (auto p = repo_path_problem(*s)) {
          d.error(item.mark, "invalid file path '" + *s + "': " + *p);
        } else if (out.count(*s)) {
          d.error(item.mark, "'" + *s + "' is both written under 'files' and deleted");
        } else {
          out[*s] = std::nullopt;
        }
      }
    }
  }
}

std::optional<model::Node> parse_file_text(Diagnostics& d, std::string_view text, std::string_view what) {
  const std::string kind(what);
  if (text.size() > kMaxScenarioBytes) {
    d.error({1, 1}, "the file is " + std::to_string(text.size()) + " bytes; " + kind + " files are limited to 4 MiB");
    return std::nullopt;
  }
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  if (!check_text(d, text)) return std::nullopt;

  model::LoadOptions opts;
  opts.file = d.file();
  opts.max_nodes = kMaxNodes;
  opts.max_depth = kMaxDepth;
  auto root = model::parse_yaml(text, opts);
  if (!root) {
    const Error& e = root.error();
    d.error(e.pos ? Mark{e.pos->line, e.pos->col} : Mark{1, 1}, e.message);
    return std::nullopt;
  }
  return std::move(root.value());
}

Result<std::string> read_file_text(const std::filesystem::path& path, std::string_view what) {
  const std::string name = path.string();
  const std::string kind(what);
  auto fail = [&](std::string message) { return Error(std::move(message), SourcePos{name, 1, 1}); };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return fail("cannot read " + kind + ": it is a directory");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail("cannot read " + kind + ": " + ec.message());
  if (size > kMaxScenarioBytes) {
    return fail("the file is " + std::to_string(size) + " bytes; " + kind + " files are limited to 4 MiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot open " + kind + " file");
  std::string text;
  text.resize(static_cast<std::size_t>(size));
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (in.gcount() != static_cast<std::streamsize>(size)) return fail("cannot read " + kind + ": short read");
  // The file may grow between stat and read; bytes past `size` are not read.
  return text;
}

}  // namespace detail

namespace {

LoadResult load_text(std::string_view text, std::string_view file_name, detail::Known* known) {
  detail::Diagnostics d{std::string(file_name)};
  LoadResult result;
  auto fail = [&] {
    result.errors = d.take_sorted();
    return result;
  };
  auto root = detail::parse_file_text(d, text, "scenario");
  if (!root) return fail();
  const model::Node& n = *root;
  if (n.is_null()) {
    d.error({1, 1}, "empty scenario file; expected apiVersion: gitops-sim/v1, kind: Scenario, metadata: {name: ...}");
    return fail();
  }
  if (!n.is_map()) {
    d.error(n.mark, "a scenario file is a map (apiVersion: gitops-sim/v1, kind: Scenario, ...), not " + detail::describe(n));
    return fail();
  }
  Scenario sc;
  sc.file = std::string(file_name);
  sc.world.file = sc.file;
  detail::Diagnostics warnings{std::string(file_name)};
  detail::check_repo_yaml(warnings, text, n);
  result.warnings = warnings.take_sorted();
  detail::read_scenario(d, n, sc, known);
  if (d.count() > 0) return fail();
  result.scenario = std::move(sc);
  return result;
}

LoadResult load_text_guarded(std::string_view text, std::string_view file_name, detail::Known* known) {
  // No exception leaves the module (CONTRIBUTING); the parts below report
  // problems as values, so this only catches running out of memory.
  try {
    return load_text(text, file_name, known);
  } catch (const std::exception& e) {
    LoadResult r;
    r.errors.emplace_back(std::string("cannot load scenario: ") + e.what(), SourcePos{std::string(file_name), 1, 1});
    return r;
  }
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, std::string_view file_name) {
  return load_text_guarded(text, file_name, nullptr);
}

LoadResult load_scenario_file(const std::filesystem::path& path, detail::Known* known, SourceFiles& files) {
  auto text = files.read(path, "scenario");
  if (!text) return LoadResult{std::nullopt, {text.error()}};
  return load_text_guarded(*text, path.string(), known);
}

}  // namespace gs::scenario
