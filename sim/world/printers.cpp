#include "sim/world/printers.hpp"

#include <algorithm>

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/kubectl_print.hpp"
#include "sim/model/diff.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/app_object.hpp"
#include "sim/world/world.hpp"

namespace gs::world {
namespace {

using gitops::AppView;

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string sync_policy_text(const AppView& app) {
  if (!app.automated) return "Manual";
  return app.prune ? "Auto-Prune" : "Auto";
}

std::string conditions_summary(const AppView& app) {
  if (app.conditions.empty()) return "<none>";
  std::string out;
  for (const auto& c : app.conditions) out += (out.empty() ? "" : ",") + c.type;
  return out;
}

std::string target_of(const AppView& app) { return app.target_revision.empty() ? "HEAD" : app.target_revision; }

bool looks_like_sha(const std::string& s) {
  return s.size() >= 7 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// Argo CD's own apps (the argocd CLI lists no other controller's), by name.
std::vector<AppView> argocd_apps(const World& world) {
  std::vector<AppView> out;
  for (const auto& name : world.app_names()) {
    if (auto v = world.app_view(name); v && v->controller == "argocd") out.push_back(std::move(*v));
  }
  return out;
}

std::optional<AppView> argocd_app(const World& world, const std::string& name) {
  auto v = world.app_view(name);
  if (!v || v->controller != "argocd") return std::nullopt;
  return v;
}

}  // namespace

std::string format_table(const std::vector<std::vector<std::string>>& rows, int padding) {
  std::vector<std::size_t> widths;
  for (const auto& r : rows) {
    if (widths.size() < r.size()) widths.resize(r.size(), 0);
    for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], r[i].size());
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += i + 1 == r.size() ? r[i] : pad(r[i], widths[i] + static_cast<std::size_t>(padding));
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string go_time(std::int64_t epoch_s) {
  std::string t = format_rfc3339_utc(epoch_s);  // 2026-01-05T09:03:00Z
  return t.substr(0, 10) + " " + t.substr(11, 8) + " +0000 UTC";
}

std::string print_app_list(const World& world, const std::string& output) {
  const auto apps = argocd_apps(world);
  if (output == "yaml" || output == "json") {  // the Application objects, as argocd prints them
    model::Node list = model::Node::list();
    for (const auto& app : apps) list.push_back(application_object(app, world));
    return output == "yaml" ? model::to_yaml(list) : model::to_json(list) + "\n";
  }
  const bool wide = output == "wide";
  if (output == "name") {
    std::string out;
    for (const auto& app : apps) out += app.app_namespace + "/" + app.name + "\n";
    return out;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"NAME", "CLUSTER", "NAMESPACE", "PROJECT", "STATUS", "HEALTH", "SYNCPOLICY", "CONDITIONS"};
  if (wide) header.insert(header.end(), {"REPO", "PATH", "TARGET"});
  rows.push_back(header);
  for (const auto& app : apps) {
    std::vector<std::string> row = {app.app_namespace + "/" + app.name, app.destination, app.ns, app.project,
                                    app.sync, app.health, sync_policy_text(app), conditions_summary(app)};
    if (wide) row.insert(row.end(), {app.repo_url, app.path, target_of(app)});
    rows.push_back(std::move(row));
  }
  return format_table(rows, 2);
}

std::string print_app_get(const World& world, const std::string& name, const std::string& output) {
  const auto found = argocd_app(world, name);
  if (!found) return {};
  const AppView& app = *found;
  if (output == "yaml") return model::to_yaml(application_object(app, world));
  if (output == "json") return model::to_json(application_object(app, world)) + "\n";
  auto line = [](const std::string& label, const std::string& value) { return pad(label, 20) + value + "\n"; };
  std::string out;
  out += line("Name:", app.app_namespace + "/" + app.name);
  out += line("Project:", app.project);
  out += line("Server:", app.destination);
  out += line("Namespace:", app.ns);
  out += line("URL:", "https://argocd.example/applications/" + app.name);
  out += "Source:\n";
  out += line("- Repo:", app.repo_url);
  out += line("  Target:", target_of(app));
  out += line("  Path:", app.path);
  out += line("SyncWindow:", app.sync_window);
  std::string policy = "Manual";
  if (app.automated) policy = app.prune ? "Automated (Prune)" : "Automated";
  out += line("Sync Policy:", policy);
  std::string sync = app.sync;
  const std::string target = target_of(app);
  const std::string sha7 = app.revision.substr(0, 7);
  if (app.sync == "Synced") {
    sync = "Synced to " + target + (looks_like_sha(target) || sha7.empty() ? "" : " (" + sha7 + ")");
  } else if (app.sync == "OutOfSync") {
    sync = "OutOfSync from " + target + (looks_like_sha(target) || sha7.empty() ? "" : " (" + sha7 + ")");
  }
  out += line("Sync Status:", sync);
  out += line("Health Status:", app.health);
  if (!app.conditions.empty()) {
    out += "\n";
    std::vector<std::vector<std::string>> rows{{"CONDITION", "MESSAGE", "LAST TRANSITION"}};
    for (const auto& c : app.conditions) {
      rows.push_back({c.type, c.message, go_time(world.epoch_s_at(c.last_transition))});
    }
    out += format_table(rows, 2);
  }
  if (app.operation) {
    const auto& op = *app.operation;
    out += "\n";
    out += line("Operation:", "Sync");
    out += line("Sync Revision:", op.revision);
    out += line("Phase:", op.phase);
    out += line("Start:", go_time(world.epoch_s_at(op.started_at)));
    out += line("Finished:", op.finished_at ? go_time(world.epoch_s_at(*op.finished_at)) : "");
    out += line("Duration:", format_duration(Duration{((op.finished_at ? *op.finished_at : world.now()) - op.started_at).ms / 1000 * 1000}));
    out += line("Message:", op.message);
  }
  out += "\n";
  std::vector<std::vector<std::string>> rows{{"GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "HOOK", "MESSAGE"}};
  for (const auto& r : app.resources) {
    std::string message;
    if (app.operation) {
      for (const auto& res : app.operation->results) {
        if (res.key == r.key) message = res.message;
      }
    }
    rows.push_back({r.key.group, r.key.kind, r.key.ns, r.key.name, r.sync, r.health, "", message});
  }
  // Hooks of the last operation have no sync status; Argo CD lists them with their hook type.
  if (app.operation) {
    for (const auto& res : app.operation->results) {
      if (res.hook_type.empty()) continue;
      rows.push_back({res.key.group, res.key.kind, res.key.ns, res.key.name,
                      res.status == "Synced" ? "Succeeded" : res.status, "", res.hook_type, res.message});
    }
  }
  out += format_table(rows, 2);
  return out;
}

std::string print_app_history(const World& world, const std::string& name) {
  const auto app = argocd_app(world, name);
  if (!app) return {};
  std::string out = "SOURCE  " + app->repo_url + "\n";
  std::vector<std::vector<std::string>> rows{{"ID", "DATE", "REVISION"}};
  for (const auto& h : app->history) {
    rows.push_back({std::to_string(h.id), go_time(world.epoch_s_at(h.deployed_at)),
                    (h.target_revision.empty() ? "HEAD" : h.target_revision) + " (" + h.revision.substr(0, 7) + ")"});
  }
  return out + format_table(rows, 2);
}

std::string print_app_resources(const World& world, const std::string& name) {
  const auto app = argocd_app(world, name);
  if (!app) return {};
  std::vector<std::vector<std::string>> rows{{"GROUP", "KIND", "NAMESPACE", "NAME", "ORPHANED"}};
  for (const auto& r : app->resources) rows.push_back({r.key.group, r.key.kind, r.key.ns, r.key.name, "No"});
  return format_table(rows, 2);
}

std::string print_app_diff(const gitops::AppDiff& diffs) {
  std::string out;
  for (const auto& [key, d] : diffs) {
    if (key.kind == "Secret") continue;  // argocd app diff never shows Secrets
    out += "===== " + key.group + "/" + key.kind + " " + key.ns + "/" + key.name + " ======\n";
    const std::string live = d.normalized_live.is_null() ? std::string() : model::to_yaml(d.normalized_live);
    const std::string want = d.predicted_live.is_null() ? std::string() : model::to_yaml(d.predicted_live);
    out += model::normal_diff(live, want);  // argocd runs plain `diff live target`
  }
  return out;
}

GitDecorations git_decorations(const git::Repository& repo) {
  // git adds refs in refname order and prints them newest-added first, with
  // HEAD's branch in front: "HEAD -> main, tag: v2, tag: v1, develop".
  std::vector<std::pair<std::string, std::string>> refs;  // (full refname, sha)
  for (const auto& b : repo.branches()) {
    if (auto sha = repo.resolve(b)) refs.emplace_back("refs/heads/" + b, *sha);
  }
  for (const auto& [name, sha] : repo.tags()) refs.emplace_back("refs/tags/" + name, sha);
  std::sort(refs.begin(), refs.end());
  const std::string head = "refs/heads/" + repo.default_branch();
  GitDecorations out;
  for (auto it = refs.rbegin(); it != refs.rend(); ++it) {
    if (it->first == head) continue;
    const bool tag = it->first.rfind("refs/tags/", 0) == 0;
    out[it->second].push_back((tag ? "tag: " : "") + it->first.substr(tag ? 10 : 11));
  }
  for (const auto& [name, sha] : refs) {
    if (name == head) out[sha].insert(out[sha].begin(), "HEAD -> " + name.substr(11));
  }
  return out;
}

namespace {

std::string decoration(const GitDecorations* decorations, const std::string& sha) {
  if (!decorations) return std::string();
  auto it = decorations->find(sha);
  if (it == decorations->end() || it->second.empty()) return std::string();
  std::string out = " (";
  for (std::size_t i = 0; i < it->second.size(); ++i) out += (i ? ", " : "") + it->second[i];
  return out + ")";
}

// A message as git log indents it: every line after four spaces.
std::string indented(std::string msg) {
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  std::string out;
  std::size_t i = 0;
  while (i <= msg.size()) {
    const std::size_t j = std::min(msg.find('\n', i), msg.size());
    out += "    " + msg.substr(i, j - i) + "\n";
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string print_git_log(const std::vector<git::CommitInfo>& commits, const GitDecorations* decorations) {
  std::string out;
  for (const auto& c : commits) {
    out += "commit " + c.sha + decoration(decorations, c.sha) + "\n";
    if (c.parents.size() > 1) out += "Merge: " + c.parents[0].substr(0, 7) + " " + c.parents[1].substr(0, 7) + "\n";
    out += "Author: " + git::format_signature(c.author) + "\n";
    out += "Date:   " + go_time(c.time_s) + "\n\n";
    out += indented(c.message) + "\n";
  }
  return out;
}

std::string print_git_oneline(const std::vector<git::CommitInfo>& commits, const GitDecorations* decorations) {
  std::string out;
  for (const auto& c : commits) {
    out += c.sha.substr(0, 7) + decoration(decorations, c.sha) + " " + c.message.substr(0, c.message.find('\n')) + "\n";
  }
  return out;
}

std::string print_git_tag(const git::TagInfo& tag) {
  if (!tag.annotation) return std::string();
  const auto& a = *tag.annotation;
  std::string msg = a.message;
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  return "tag " + tag.name + "\nTagger: " + git::format_signature(a.tagger) + "\nDate:   " + go_time(a.time_s) +
         "\n\n" + msg + "\n\n";
}

std::string print_git_changes(const std::vector<git::FileChange>& changes) {
  std::string out;
  for (const auto& c : changes) out += (c.content ? "M\t" : "D\t") + c.path + "\n";
  return out;
}

std::string print_kubectl_get(const cluster::Cluster& c, const cluster::KindInfo& kind,
                              const std::optional<std::string>& ns, const std::string& name,
                              const std::string& output, TimePoint now, const World* world) {
  std::vector<const model::Node*> objects;
  if (!name.empty()) {
    const cluster::ObjectKey key{kind.group, kind.kind, kind.namespaced ? ns.value_or("default") : "", name};
    if (const model::Node* obj = c.get(key)) objects.push_back(obj);
    if (objects.empty()) {
      return "Error from server (NotFound): " + kind.resource + (kind.group.empty() ? "" : "." + kind.group) +
             " \"" + name + "\" not found\n";
    }
  } else {
    std::optional<std::string_view> filter;
    if (ns && kind.namespaced) filter = *ns;
    for (const auto& k : c.list(kind.kind, filter)) {
      if (k.group == kind.group) objects.push_back(c.get(k));
    }
  }
  if (output == "yaml" || output == "json") {
    model::Node doc;
    if (objects.size() == 1 && !name.empty()) {
      doc = *objects.front();
    } else {
      doc = model::Node::map();
      doc["apiVersion"] = model::Node::string("v1");
      model::Node items = model::Node::list();
      for (const auto* o : objects) items.push_back(*o);
      doc["items"] = std::move(items);
      doc["kind"] = model::Node::string("List");
    }
    return output == "yaml" ? model::to_yaml(doc) : model::to_json(doc) + "\n";
  }
  if (output == "name") {
    std::string out;
    for (const auto* o : objects) {
      out += cluster::ObjectKey{kind.group, kind.kind, "", o->get_string({"metadata", "name"}).value_or("")}.kubectl_ref() + "\n";
    }
    return out;
  }
  cluster::GetOptions opts;
  opts.all_namespaces = !ns.has_value() && kind.namespaced;
  opts.ns = ns.value_or("");
  if (world && kind.group == "argoproj.io" && kind.kind == "Application" && !objects.empty()) {
    // The CRD's additionalPrinterColumns: .status.sync.status, .status.health.status.
    std::vector<std::vector<std::string>> rows;
    rows.push_back(opts.all_namespaces ? std::vector<std::string>{"NAMESPACE", "NAME", "SYNC STATUS", "HEALTH STATUS"}
                                       : std::vector<std::string>{"NAME", "SYNC STATUS", "HEALTH STATUS"});
    for (const auto* o : objects) {
      const std::string app = o->get_string({"metadata", "name"}).value_or("");
      const auto view = world->app_view(app);
      std::vector<std::string> row;
      if (opts.all_namespaces) row.push_back(o->get_string({"metadata", "namespace"}).value_or(""));
      row.push_back(app);
      row.push_back(view ? view->sync : "");
      row.push_back(view ? view->health : "");
      rows.push_back(std::move(row));
    }
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (const auto& r : rows) {
      for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    }
    std::string out;
    for (const auto& r : rows) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        out += r[i];
        if (i + 1 < r.size()) out += std::string(width[i] - r[i].size() + 3, ' ');
      }
      out += "\n";
    }
    return out;
  }
  return cluster::kubectl_get(kind.kind, objects, c.epoch_s_at(now), opts);
}

std::string print_kubectl_describe(const cluster::Cluster& c, const cluster::KindInfo& kind, const std::string& ns,
                                   const std::string& name, TimePoint now) {
  std::vector<cluster::ObjectKey> keys;
  if (!name.empty()) {
    keys.push_back(cluster::ObjectKey{kind.group, kind.kind, kind.namespaced ? ns : "", name});
  } else {
    for (const auto& k : c.list(kind.kind, kind.namespaced ? std::optional<std::string_view>(ns) : std::nullopt)) {
      if (k.group == kind.group) keys.push_back(k);
    }
  }
  std::string out;
  for (const auto& k : keys) {
    const model::Node* obj = c.get(k);
    if (!obj) {
      return "Error from server (NotFound): " + kind.resource + (kind.group.empty() ? "" : "." + kind.group) + " \"" +
             name + "\" not found\n";
    }
    std::vector<const model::Node*> related;
    for (const auto& owned : c.owned_by(k)) related.push_back(c.get(owned));
    if (!out.empty()) out += "\n\n";
    out += cluster::kubectl_describe(*obj, related, c.epoch_s_at(now), c.events_for(k), c.epoch_s_at(TimePoint{0}));
  }
  return out;
}

}  // namespace gs::world
