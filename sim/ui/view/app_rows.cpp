#include "sim/ui/view/app_rows.hpp"

#include <algorithm>
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/world/world.hpp"

namespace gs::ui {

LoopInputs AppRow::loop_inputs(TimePoint now) const {
  LoopInputs in;
  in.now = now;
  in.sync = sync;
  in.health = health;
  in.operation_running = operation_running;
  in.error_condition = error_condition;
  in.compared_revision = revision;
  in.target_head = target_head;
  in.last_refresh = last_refresh;
  return in;
}

int env_rank(const std::string& c) {
  if (c == "dev" || c == "development") return 0;
  if (c == "qa" || c == "test") return 1;
  if (c == "staging" || c == "stage") return 2;
  if (c == "prod" || c == "production") return 3;
  return 4;
}

int AppRows::index_of(const std::string& app) const {
  auto it = index_.find(app);
  return it == index_.end() ? -1 : it->second;
}

namespace {

std::string image_short(const std::string& image) {
  const auto slash = image.rfind('/');
  return slash == std::string::npos ? image : image.substr(slash + 1);
}

}  // namespace

void AppRows::read_row(const world::World& w, AppRow& row) {
  const auto* st = w.controller().find(row.name);
  if (!st) return;
  const auto& app = st->app;
  const auto& s = st->status;
  row.ns = app.spec.destination.ns;
  row.path = app.spec.source.path;
  row.target_revision = app.spec.source.target_revision;
  const world::RepoState* repo = w.repo_by_url(app.spec.source.repo_url);
  row.repo = repo ? repo->name : app.spec.source.repo_url;
  const world::ClusterState* cs = !app.spec.destination.server.empty()
                                      ? w.cluster_by_server(app.spec.destination.server)
                                      : w.cluster_by_name(app.spec.destination.name);
  row.cluster = cs ? cs->name : (app.spec.destination.name.empty() ? app.spec.destination.server : app.spec.destination.name);
  row.sync = s.sync;
  row.health = s.health.status;
  row.health_message = s.health.message;
  row.revision = s.revision;
  row.history_length = s.history.size();
  row.deployed_revision = !s.history.empty() ? s.history.back().revision : std::string();
  if (row.deployed_revision.empty() && s.sync == gitops::SyncStatusCode::Synced) row.deployed_revision = s.revision;
  row.target_head.clear();
  if (repo && repo->repo) {
    if (auto h = repo->repo->resolve(row.target_revision)) row.target_head = *h;
  }
  const auto& automated = app.spec.sync_policy.automated;
  row.automated = automated.has_value();
  row.self_heal = automated && automated->self_heal;
  row.prune = automated && automated->prune;
  row.operation_running = s.operation_running();
  row.last_operation.reset();
  row.operation_steps = 0;
  if (s.operation) {
    row.last_operation = s.operation->phase;
    row.operation_started = s.operation->started_at;
    row.operation_steps = s.operation->results.size();
  }
  row.error_condition = false;
  row.error_message.clear();
  for (const auto& c : s.conditions) {
    if (c.type == "ComparisonError" || c.type == "SyncError" || c.type == "InvalidSpecError") {
      row.error_condition = true;
      row.error_message = c.message;
      break;
    }
  }
  row.next_poll = st->next_poll;
  // Drift: OutOfSync although Git did not move since the last deploy.
  row.drift = s.sync == gitops::SyncStatusCode::OutOfSync && !row.deployed_revision.empty() &&
              row.deployed_revision == s.revision;
  row.drift_paths.clear();
  row.images.clear();
  row.pods_ready = row.pods_total = 0;
  for (const auto& r : s.resources) {
    if (row.drift && r.status == gitops::SyncStatusCode::OutOfSync) {
      for (const auto& p : r.changed_paths) {
        if (row.drift_paths.size() < 4) row.drift_paths.push_back(r.key.kind + " " + p);
      }
    }
    if (!cs || !cs->cluster || r.key.kind != "Deployment") continue;
    const model::Node* live = cs->cluster->get(r.key);
    if (!live) continue;
    if (const model::Node* cons = live->get({"spec", "template", "spec", "containers"}); cons && cons->is_list()) {
      for (const auto& c : cons->items()) {
        if (auto img = c.get_string({"image"})) row.images.push_back(image_short(*img));
      }
    }
    if (const model::Node* rep = live->get({"spec", "replicas"})) row.pods_total += rep->as_int().value_or(0);
    if (const model::Node* rd = live->get({"status", "readyReplicas"})) row.pods_ready += rd->as_int().value_or(0);
  }
}

void AppRows::update(const world::World& w) {
  const auto& events = w.log().events();
  const auto names = w.controller().app_names();
  std::set<std::string> dirty;
  const bool same = names.size() == rows_.size() &&
                    std::equal(names.begin(), names.end(), rows_.begin(),
                               [](const std::string& n, const AppRow& r) { return n == r.name; });
  if (!same) {
    // An app came or went (App of Apps), or the first call: rebuild every row.
    rows_.clear();
    index_.clear();
    for (const auto& n : names) {
      index_[n] = static_cast<int>(rows_.size());
      AppRow r;
      r.name = n;
      rows_.push_back(std::move(r));
      dirty.insert(n);
    }
    scanned_ = 0;
  }
  // Apps by repo, for commits.
  std::map<std::string, std::vector<int>> by_repo;
  bool need_repo_map = false;
  for (std::size_t i = scanned_; i < events.size() && !need_repo_map; ++i) {
    need_repo_map = events[i].type == "Committed" || events[i].type == "BranchReset";
  }
  if (need_repo_map) {
    for (std::size_t i = 0; i < rows_.size(); ++i) by_repo[rows_[i].repo].push_back(static_cast<int>(i));
  }
  for (; scanned_ < events.size(); ++scanned_) {
    const Event& e = events[scanned_];
    const std::string app = e.str("app");
    if (!app.empty()) {
      const int i = index_of(app);
      if (i < 0) continue;
      dirty.insert(app);
      AppRow& r = rows_[i];
      if (e.type == "AppRefreshed") {
        r.last_refresh = e.t;
        const std::string level = e.str("level");
        if (level == "webhook") r.last_webhook = e.t;
        if (level == "watch") r.last_watch = e.t;
        if (level == "poll") r.last_poll = e.t;
      } else if (e.type == "SyncStarted") {
        r.last_sync_start = e.t;
      } else if (e.type == "ResourceApplied" || e.type == "ResourcePruned") {
        r.last_apply = e.t;
      }
    } else if (e.type == "Committed" || e.type == "BranchReset") {
      auto it = by_repo.find(e.str("repo"));
      if (it == by_repo.end()) continue;
      for (int i : it->second) {
        dirty.insert(rows_[i].name);
        const std::string& tr = rows_[i].target_revision;
        if (tr == e.str("branch") || (tr == "HEAD" && e.str("branch") == "main")) rows_[i].last_commit = e.t;
      }
    }
  }
  for (const auto& n : dirty) read_row(w, rows_[index_.at(n)]);
  if (!dirty.empty()) {
    ++version_;
    // Columns: clusters in env order, then apps by name within each.
    std::map<std::pair<int, std::string>, std::vector<int>> cols;
    for (const auto& c : w.clusters()) cols[{env_rank(c.name), c.name}];
    for (std::size_t i = 0; i < rows_.size(); ++i) cols[{env_rank(rows_[i].cluster), rows_[i].cluster}].push_back(static_cast<int>(i));
    columns_.clear();
    for (auto& [k, v] : cols) columns_.emplace_back(k.second, std::move(v));
  }
  // next_poll moves without an event naming the app (a poll with no change
  // still emits AppRefreshed, so this is only the first schedule); cheap to copy.
  for (auto& r : rows_) {
    if (const auto* st = w.controller().find(r.name)) r.next_poll = st->next_poll;
  }
}

}  // namespace gs::ui
