#include "sim/world/world.hpp"

#include <algorithm>

#include "sim/cluster/cluster.hpp"
#include "sim/cluster/image_registry.hpp"
#include "sim/core/events.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/controller.hpp"
#include "sim/gitops/repo_server.hpp"
#include "sim/gitops/repo_url.hpp"
#include "sim/world/commands/command_env.hpp"
#include "sim/world/find_named.hpp"
#include "sim/world/reconcilers.hpp"

namespace gs::world {
namespace {

constexpr const char* kDefaultServer = gitops::kInClusterServer;
constexpr const char* kDefaultCluster = "in-cluster";

// A scenario's tag, made after its repository's history, at time 0.
Status create_history_tag(git::Repository& repo, const TagSpec& t, std::int64_t epoch_s) {
  std::optional<git::TagAnnotation> annotation;
  if (t.message) {
    auto tagger = git::parse_signature(t.tagger);
    if (!tagger) return Error("tagger: " + tagger.error().message, t.pos);
    annotation = git::TagAnnotation{*tagger, epoch_s, *t.message};
  }
  auto sha = repo.tag(t.name, t.commit, annotation, false);
  if (!sha) return Error("tag '" + t.name + "': " + sha.error().message, t.pos);
  return {};
}

// Without a session: time passes in this world alone, and there is no clock
// for people to pause or speed up.
class PlainTime final : public TimeDriver {
 public:
  explicit PlainTime(World& world) : world_(world) {}
  Status time_may_pass() const override { return {}; }
  TimeStop pass_time(TimePoint to, const std::function<bool()>& until) override {
    if (until) return world_.advance_until(to, until) ? TimeStop::Met : TimeStop::Reached;
    world_.advance(to);
    return TimeStop::Reached;
  }
  std::string pause_clock() override { return std::string(); }
  std::string set_clock_speed(int) override { return std::string(); }

 private:
  World& world_;
};

}  // namespace

World::World() : plain_time_(std::make_unique<PlainTime>(*this)), time_(plain_time_.get()) {}
World::~World() = default;

void World::set_time_driver(TimeDriver* driver) { time_ = driver ? driver : plain_time_.get(); }

namespace {

// Total orders only: the order things are listed in a file must not change
// the run, so everything is taken in name order.
WorldSpec sorted_by_name(WorldSpec spec) {
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  auto by_object_name = [](const model::Node& a, const model::Node& b) {
    return a.get_string({"metadata", "name"}).value_or("") < b.get_string({"metadata", "name"}).value_or("");
  };
  std::stable_sort(spec.clusters.begin(), spec.clusters.end(), by_name);
  std::stable_sort(spec.repos.begin(), spec.repos.end(), by_name);
  std::stable_sort(spec.applications.begin(), spec.applications.end(), by_object_name);
  std::stable_sort(spec.projects.begin(), spec.projects.end(), by_object_name);
  return spec;
}

}  // namespace

Result<std::unique_ptr<World>> World::create(const WorldSpec& spec) { return create(spec, reconciler_factories()); }

Result<std::unique_ptr<World>> World::create(const WorldSpec& spec, const std::vector<ReconcilerFactory>& factories) {
  std::unique_ptr<World> w(new World());
  w->spec_ = sorted_by_name(spec);
  w->rng_ = std::make_unique<Rng>(spec.seed);
  // The seed comes first in every log: it names the whole run.
  w->log_.emit(TimePoint{0}, events::world_created(spec.seed));
  w->registry_ = std::make_unique<cluster::ImageRegistry>();
  for (const auto& img : spec.registry) {
    for (const auto& tag : img.tags) w->registry_->add(img.image, tag);
  }
  w->create_clusters();
  for (const auto& r : w->spec_.repos) {
    if (auto st = w->create_repo(r); !st) return st.error();
  }
  // Objects live before time 0.
  for (const auto& l : spec.live) {
    ClusterState* c = w->cluster_mut(l.cluster);
    if (!c) return Error("live object: unknown cluster '" + l.cluster + "'", l.pos);
    auto applied = c->cluster->apply(l.object, TimePoint{0}, "kubectl");
    if (!applied) return Error("live object: " + applied.error().message, l.pos);
  }
  if (auto st = w->create_reconcilers(factories); !st) return st.error();
  w->pipelines_ = std::make_unique<delivery::Pipelines>(w->spec_.pipelines);  // pipe
  w->drain_cluster_events();
  return w;
}

// Clusters (default: Argo CD's in-cluster), in name order.
void World::create_clusters() {
  std::vector<ClusterSpec> clusters = spec_.clusters;
  if (clusters.empty()) clusters.push_back(ClusterSpec{kDefaultCluster, kDefaultServer, {}});
  for (const auto& c : clusters) {
    ClusterState cs;
    cs.name = c.name;
    cs.server = c.server;
    cs.cluster = std::make_unique<cluster::Cluster>(c.name, c.server, spec_.clock_start_epoch_s,
                                                    rng_->fork("cluster/" + c.name), registry_.get());
    if (c.server == kDefaultServer) {
      // Argo CD is installed here: its custom resources exist (App of Apps).
      cs.cluster->register_kind({"argoproj.io", "Application", "applications", {"v1alpha1"}, true, {"app", "apps"}});
      cs.cluster->register_kind({"argoproj.io", "AppProject", "appprojects", {"v1alpha1"}, true, {"appproj", "appprojs"}});
    }
    clusters_.push_back(std::move(cs));
  }
}

// A repository with its history before time 0, a minute apart, ending at 0,
// then its tags.
Status World::create_repo(const RepoSpec& r) {
  auto repo = git::Repository::create(r.name);
  if (!repo) return Error(r.name + ": " + repo.error().message, r.pos);
  RepoState rs;
  rs.name = r.name;
  rs.url = r.url;
  rs.webhook = r.webhook;
  rs.repo = std::make_unique<git::Repository>(std::move(repo.value()));
  const auto n = static_cast<std::int64_t>(r.commits.size());
  for (std::int64_t i = 0; i < n; ++i) {
    const CommitSpec& c = r.commits[static_cast<std::size_t>(i)];
    auto author = git::parse_signature(c.author);
    if (!author) return Error("author: " + author.error().message, c.pos);
    std::optional<std::string_view> from;
    if (c.from) from = *c.from;
    const std::int64_t when = spec_.clock_start_epoch_s - (n - i) * 60;
    auto sha = rs.repo->commit(c.branch, c.files, *author, c.message, when, from);
    if (!sha) return Error("commit '" + c.message + "': " + sha.error().message, c.pos);
    rs.commit_events[*sha] = log_.emit(TimePoint{0}, events::committed(r.name, c.branch, *sha, c.author, c.message, 0));
  }
  for (const auto& t : r.tags) {
    if (auto st = create_history_tag(*rs.repo, t, spec_.clock_start_epoch_s); !st) return st.error();
    const std::string sha = *rs.repo->resolve(t.name);
    log_.emit(TimePoint{0}, t.message ? events::annotated_tag_created(r.name, t.name, sha, t.tagger, *t.message, 0)
                                      : events::tag_created(r.name, t.name, sha, 0));
  }
  repos_.push_back(std::move(rs));
  return {};
}

// The repo server and the reconcilers, as registered, with what the world
// lends them: repositories by URL, clusters by destination, commit events.
Status World::create_reconcilers(const std::vector<ReconcilerFactory>& factories) {
  World* self = this;
  repo_server_ = std::make_unique<gitops::RepoServer>([self](std::string_view url) -> const git::Repository* {
    const RepoState* r = self->repo_by_url(url);
    return r ? r->repo.get() : nullptr;
  });
  auto clusters = [self](const gitops::ApplicationDestination& d) -> gitops::ClusterRef {
    const ClusterState* c = !d.server.empty() ? self->cluster_by_server(d.server) : self->cluster_by_name(d.name);
    if (!c) return {};
    return gitops::ClusterRef{c->cluster.get(), c->name};
  };
  auto commit_event = [self](const std::string& url, const std::string& sha) -> EventId {
    const RepoState* r = self->repo_by_url(url);
    if (!r) return 0;
    auto it = r->commit_events.find(sha);
    return it == r->commit_events.end() ? 0 : it->second;
  };
  auto repository = [self](std::string_view name) -> const git::Repository* {
    const RepoState* r = self->repo_by_name(name);
    return r ? r->repo.get() : nullptr;
  };
  auto commit = [self](const std::string& repo, const std::string& branch, const StagedFiles& files,
                       const std::string& message, const std::string& author, EventId cause) {
    return self->commit_as(repo, branch, files, message, author, cause);
  };
  ReconcilerEnv env{spec_, *repo_server_, clusters, log_, *rng_, commit_event, *registry_, repository, commit};
  for (const auto& make : factories) {
    auto r = make(env);
    if (!r) return r.error();
    if (*r) reconcilers_.push_back(std::move(r.value()));
  }
  return {};
}

const RepoState* World::repo_by_name(std::string_view name) const { return find_named(repos_, name); }

const RepoState* World::repo_by_url(std::string_view url) const {
  for (const auto& r : repos_) {
    if (gitops::same_repo_url(r.url, url)) return &r;
  }
  return nullptr;
}

const StagedFiles& World::staged(std::string_view repo, std::string_view branch) const {
  static const StagedFiles kNone;
  const RepoState* r = repo_by_name(repo);
  if (!r) return kNone;
  auto it = r->index.find(std::string(branch));
  return it == r->index.end() ? kNone : it->second;
}

std::vector<StagedChange> World::staged_changes(std::string_view repo, std::string_view branch) const {
  std::vector<StagedChange> out;
  const RepoState* r = repo_by_name(repo);
  if (!r) return out;
  for (const auto& [path, content] : staged(repo, branch)) {
    std::optional<std::string> head;
    if (auto text = r->repo->read_file(branch, path)) head = std::move(text.value());
    if (head == content) continue;  // the same as the head, or deleting what is gone
    const StagedKind kind = !content ? StagedKind::Deleted : head ? StagedKind::Modified : StagedKind::NewFile;
    out.push_back(StagedChange{path, kind, std::move(head), content});
  }
  return out;
}

RepoState* World::repo_mut(std::string_view name) { return const_cast<RepoState*>(repo_by_name(name)); }

const ClusterState* World::cluster_by_name(std::string_view name) const { return find_named(clusters_, name); }

const ClusterState* World::cluster_by_server(std::string_view server) const {
  for (const auto& c : clusters_) {
    if (c.server == server) return &c;
  }
  return nullptr;
}

ClusterState* World::cluster_mut(std::string_view name) { return const_cast<ClusterState*>(cluster_by_name(name)); }

std::optional<TimePoint> World::next_wakeup() const {
  std::optional<TimePoint> next;
  for (const auto& r : reconcilers_) {
    auto t = r->next_wakeup();
    if (t && (!next || *t < *next)) next = t;
  }
  for (const auto& c : clusters_) {
    auto t = c.cluster->next_wakeup();
    if (t && (!next || *t < *next)) next = t;
  }
  return next;
}

void World::drain_cluster_events() { drain_clusters({}); }

bool World::drain_clusters(const std::function<bool()>& enough) {
  // Changes inside clusters reach the controller through its watch.
  for (; drain_next_ < clusters_.size(); ++drain_next_) {
    ClusterState& c = clusters_[drain_next_];
    std::vector<cluster::ClusterEvent> events;
    if (!c.cluster->run_until(now_, events, enough)) return false;
    c.changes += events.size();
    for (const auto& e : events) {
      for (auto& r : reconcilers_) r->on_live_change(gitops::LiveChange{c.name, e.key, 0}, now_);
    }
  }
  drain_next_ = 0;
  return true;
}

bool World::run_reconcilers(const std::function<bool()>& enough) {
  for (; reconciler_next_ < reconcilers_.size(); ++reconciler_next_) {
    if (!reconcilers_[reconciler_next_]->run_until(now_, enough)) return false;
  }
  reconciler_next_ = 0;
  return true;
}

const gitops::AppController& World::controller() const { return *reconciler<gitops::AppController>(); }
gitops::AppController& World::controller() { return *reconciler<gitops::AppController>(); }

std::vector<std::string> World::app_names() const {
  std::vector<std::string> out;
  for (const auto& r : reconcilers_) {
    for (auto& n : r->app_names()) out.push_back(std::move(n));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<gitops::AppView> World::app_view(const std::string& name) const {
  for (const auto& r : reconcilers_) {
    if (auto v = r->app_view(name, now_)) return v;
  }
  return std::nullopt;
}

Result<gitops::AppDiff> World::app_diff(const std::string& name) const {
  for (const auto& r : reconcilers_) {
    const auto names = r->app_names();
    if (!std::binary_search(names.begin(), names.end(), name)) continue;
    // The one non-const hop from a const World: a comparison fills the
    // reconciler's caches (rendered manifests, parsed last-applied
    // configurations) and changes nothing anyone can see — no event, no
    // status, no fingerprint. `reconcilers_` holds unique_ptrs, whose
    // pointee stays mutable here; this is the only place that uses it.
    return r->app_diff(name, now_);
  }
  return Error("application '" + name + "' not found");
}

bool World::run_stages(const std::function<void(TimePoint)>& on_moment, const std::function<bool()>& enough) {
  if (stage_ == Stage::Lead) {
    if (!drain_clusters(enough)) return false;
    stage_ = Stage::None;
    return true;
  }
  if (stage_ == Stage::Clusters1) {
    if (!drain_clusters(enough)) return false;
    stage_ = Stage::Reconcilers;
  }
  if (stage_ == Stage::Reconcilers) {
    if (!run_reconcilers(enough)) return false;
    stage_ = Stage::Clusters2;
  }
  if (stage_ == Stage::Clusters2) {
    if (!drain_clusters(enough)) return false;
    stage_ = Stage::None;
    if (on_moment) on_moment(now_);
  }
  return true;
}

void World::advance(TimePoint to, const std::function<void(TimePoint)>& on_moment) {
  run_steps(to, on_moment, {});
}

bool World::advance_some(TimePoint to, const std::function<bool()>& enough,
                         const std::function<void(TimePoint)>& on_moment) {
  return run_steps(to, on_moment, enough);
}

bool World::advance_until(TimePoint to, const std::function<bool()>& until,
                          const std::function<void(TimePoint)>& on_moment) {
  // Task by task, so it stops at the first instant it holds; that instant is
  // finished (a condition true only mid-instant does not count). Bounded:
  // each round runs at least one task or reaches `to`.
  for (int guard = 0; guard < 1'000'000 && !until() && now_ < to; ++guard) {
    run_steps(to, on_moment, until);
    if (stage_ != Stage::None) run_steps(now_, on_moment, {});
  }
  return until();
}

bool World::run_steps(TimePoint to, const std::function<void(TimePoint)>& on_moment,
                      const std::function<bool()>& enough) {
  // First what an earlier call left half done, else the clusters' pending work.
  if (stage_ == Stage::None) stage_ = Stage::Lead;
  if (!run_stages(on_moment, enough)) return false;
  // Bounded: each iteration runs at least one due task.
  for (int guard = 0; guard < 10'000'000; ++guard) {
    auto next = next_wakeup();
    if (!next || *next > to) break;
    if (*next > now_) now_ = *next;
    stage_ = Stage::Clusters1;
    if (!run_stages(on_moment, enough)) return false;
    if (enough && enough()) {
      next = next_wakeup();
      if (next && *next <= to) return false;  // the next call goes on
      break;
    }
  }
  if (to > now_) now_ = to;
  return true;
}

EventId World::record_commit(RepoState& repo, const std::string& branch, const std::string& sha, EventId cause) {
  auto info = repo.repo->commit_info(sha);
  std::string author, message;
  if (info) {
    author = git::format_signature(info->author);
    message = info->message;
    while (!message.empty() && message.back() == '\n') message.pop_back();
  }
  const EventId id = log_.emit(now_, events::committed(repo.name, branch, sha, author, message, cause));
  repo.commit_events[sha] = id;
  if (repo.webhook && !repo.webhook_lost_at(now_)) {
    const auto branches = repo.repo->branches();
    const std::string def = std::find(branches.begin(), branches.end(), "main") != branches.end()
                                ? "main"
                                : (branches.empty() ? "" : branches.front());
    for (auto& r : reconcilers_) r->on_push(gitops::PushNotice{repo.url, branch, def, id}, now_);
  }
  return id;
}

Result<std::string> World::commit_as(const std::string& repo_name, const std::string& branch, const StagedFiles& files,
                                     const std::string& message, const std::string& author, EventId cause) {
  RepoState* repo = repo_mut(repo_name);
  if (!repo) return Error("repository '" + repo_name + "' not found");
  auto sig = git::parse_signature(author);
  if (!sig) return Error("author: " + sig.error().message);
  auto sha = repo->repo->commit(branch, files, *sig, message, epoch_s_at(now_));
  if (!sha) return sha.error();
  record_commit(*repo, branch, *sha, cause);
  return sha;
}

void World::notify_push(const RepoState& repo, const std::string& ref, EventId cause) {
  for (auto& r : reconcilers_) r->on_push(gitops::PushNotice{repo.url, ref, "main", cause}, now_);
}

// pipe: what the promotion pipelines read of this world.
delivery::WorldLens World::delivery_lens() const {
  delivery::WorldLens lens;
  lens.repo = [this](const std::string& name) -> const git::Repository* {
    const RepoState* r = repo_by_name(name);
    return r ? r->repo.get() : nullptr;
  };
  lens.app = [this](const std::string& name) { return app_view(name); };
  lens.object = [this](const std::string& cluster, const cluster::ObjectKey& key) -> const model::Node* {
    const ClusterState* c = cluster_by_name(cluster);
    return c ? c->cluster->get(key) : nullptr;
  };
  lens.now = now_;
  lens.clock_start_epoch_s = spec_.clock_start_epoch_s;
  return lens;
}

Result<ActionOutcome> World::apply_text(std::string_view line, const StagedFiles& files) {
  auto cmd = parse_command(line);
  if (!cmd) return cmd.error();
  return apply(*cmd, files);
}

Result<ActionOutcome> World::apply(const Command& cmd, const StagedFiles& files) {
  // An instant a frame's budget interrupted is finished before anything new.
  if (stage_ != Stage::None) run_steps(now_, {}, {});
  if (!cmd.spec || !cmd.spec->run) return Error(cmd.name() + ": not a command of this version");
  CommandEnv env(*this, cmd, files);
  auto ran = cmd.spec->run(env);
  if (!ran) return ran.error();
  // What the command changed in a cluster reaches the controller's watch now.
  drain_cluster_events();
  return ActionOutcome{std::move(ran->output), env.action_id(), ran->exit_code};
}

}  // namespace gs::world
