#include "sim/ui/view/app_rows.hpp"

#include <algorithm>
#include <set>

#include "sim/core/event.hpp"
#include "sim/world/read_model.hpp"

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

std::string card_revision(const AppRow& r) {
  std::string rev = r.target_revision + " @ " + (r.deployed_revision.empty() ? std::string("-") : r.deployed_revision.substr(0, 7));
  if (!r.target_head.empty() && r.target_head != r.deployed_revision && !r.deployed_revision.empty()) {
    rev += "  \xE2\x86\x90 " + r.target_head.substr(0, 7);
  }
  return rev;
}

std::vector<PodLine> card_pod_lines(const AppRow& r, std::string_view ready_word) {
  std::vector<PodLine> out;
  for (const auto& g : r.pod_groups) {
    const std::string count = std::to_string(g.ready) + "/" + std::to_string(std::max(g.desired, g.ready));
    const bool waiting = !g.waiting.empty();
    out.push_back({g.images + "  " + count + " " + (waiting ? g.waiting : std::string(ready_word)), waiting});
  }
  if (out.empty()) {
    std::string img;
    for (const auto& i : r.images) img += (img.empty() ? "" : ", ") + i;
    if (!img.empty()) out.push_back({img, false});
  }
  return out;
}

std::string card_drift(const AppRow& r, std::string_view drift_word) {
  std::string d(drift_word);
  if (!r.drift_paths.empty()) d += ": " + r.drift_paths.front();
  return d;
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

void read_row(const world::AppEntry& e, AppRow& row) {
  const gitops::AppView& v = e.view;
  row.ns = v.ns;
  row.path = v.path;
  row.target_revision = v.target_revision;
  row.repo = !e.repo.empty() ? e.repo : v.repo_url;
  row.cluster = !v.cluster.empty() ? v.cluster : v.destination;
  row.sync = gitops::parse_sync_status(v.sync).value_or(gitops::SyncStatusCode::Unknown);
  row.health = cluster::parse_health(v.health).value_or(cluster::HealthCode::Unknown);
  row.health_message = v.health_message;
  row.revision = v.revision;
  row.history_length = v.history.size();
  row.deployed_revision = !v.history.empty() ? v.history.back().revision : std::string();
  if (row.deployed_revision.empty() && row.sync == gitops::SyncStatusCode::Synced) row.deployed_revision = v.revision;
  row.target_head = e.target_head;
  row.automated = v.automated;
  row.self_heal = v.self_heal;
  row.prune = v.prune;
  row.sync_window = gitops::parse_sync_window_state(v.sync_window).value_or(gitops::SyncWindowState::Allowed);
  row.operation_running = v.operation && v.operation->running();
  row.last_operation.reset();
  row.operation_steps = 0;
  if (v.operation) {
    row.last_operation = gitops::parse_operation_phase(v.operation->phase);
    row.operation_started = v.operation->started_at;
    row.operation_steps = v.operation->results.size();
  }
  row.error_condition = false;
  row.error_message.clear();
  for (const auto& c : v.conditions) {
    if (c.type == "ComparisonError" || c.type == "SyncError" || c.type == "InvalidSpecError") {
      row.error_condition = true;
      row.error_message = c.message;
      break;
    }
  }
  row.next_poll = v.next_poll.value_or(TimePoint{-1});
  row.poll_interval = v.poll_interval;
  // Drift: OutOfSync although Git did not move since the last deploy.
  row.drift = row.sync == gitops::SyncStatusCode::OutOfSync && !row.deployed_revision.empty() &&
              row.deployed_revision == v.revision;
  row.drift_paths.clear();
  for (const auto& r : v.resources) {
    if (!row.drift || r.sync != "OutOfSync") continue;
    for (const auto& p : r.changed_paths) {
      if (row.drift_paths.size() < 4) row.drift_paths.push_back(r.key.kind + " " + p);
    }
  }
  row.images.clear();
  for (const auto& img : e.workload.images) row.images.push_back(image_short(img));
  row.pods_ready = e.workload.pods_ready;
  row.pods_total = e.workload.pods_total;
  row.pod_groups.clear();
  for (const auto& rev : e.workload.revisions) {
    AppRow::PodGroup g;
    for (const auto& img : rev.images) g.images += (g.images.empty() ? "" : ", ") + image_short(img);
    g.ready = rev.ready;
    g.desired = rev.desired;
    g.waiting = rev.waiting;
    row.pod_groups.push_back(std::move(g));
  }
}

}  // namespace

void AppRows::rebuild(const world::ReadModel& model) {
  rows_.clear();
  index_.clear();
  for (const auto& e : model.apps()) {
    index_[e.view.name] = static_cast<int>(rows_.size());
    AppRow r;
    r.name = e.view.name;
    rows_.push_back(std::move(r));
  }
  read_at_.assign(rows_.size(), 0);  // the model's versions start at 1: every row is derived
  scanned_ = 0;
}

// The times the loop animates, from events the read model has no field for.
void AppRows::scan_events(const EventLog& log) {
  const auto& events = log.events();
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
    if (const std::string app = e.str("app"); !app.empty()) {
      const int i = index_of(app);
      if (i < 0) continue;
      AppRow& r = rows_[static_cast<std::size_t>(i)];
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
        const std::string& tr = rows_[static_cast<std::size_t>(i)].target_revision;
        if (tr == e.str("branch") || (tr == "HEAD" && e.str("branch") == "main")) rows_[static_cast<std::size_t>(i)].last_commit = e.t;
      }
    }
  }
}

void AppRows::build_columns(const world::ReadModel& model) {
  // Clusters in env order, then apps by name within each.
  std::map<std::pair<int, std::string>, std::vector<int>> cols;
  for (const auto& c : model.clusters()) cols[{env_rank(c.name), c.name}];
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    cols[{env_rank(rows_[i].cluster), rows_[i].cluster}].push_back(static_cast<int>(i));
  }
  columns_.clear();
  for (auto& [k, v] : cols) columns_.emplace_back(k.second, std::move(v));
}

void AppRows::update(const world::ReadModel& model, const EventLog& log) {
  const auto& apps = model.apps();
  bool changed = false;
  const bool same = apps.size() == rows_.size() &&
                    std::equal(apps.begin(), apps.end(), rows_.begin(),
                               [](const world::AppEntry& e, const AppRow& r) { return e.view.name == r.name; });
  if (!same) {
    // An app came or went (App of Apps), or the first call.
    rebuild(model);
    changed = true;
  }
  // Rows first: a commit's row needs the repo it follows.
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (read_at_[i] == model.app_version(i)) continue;
    read_row(apps[i], rows_[i]);
    read_at_[i] = model.app_version(i);
    changed = true;
  }
  scan_events(log);
  if (changed) {
    ++version_;
    build_columns(model);
  }
}

}  // namespace gs::ui
