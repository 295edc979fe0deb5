// World::fingerprint: one hash over everything a command may change, so a
// test can tell "this failed command changed nothing" by comparing two
// strings. Every part is written in a total order (names, keys, times), each
// value with its length, so two different worlds never write the same bytes.
#include <openssl/evp.h>

#include <memory>

#include "sim/ci/ci_system.hpp"
#include "sim/cluster/cluster.hpp"
#include "sim/cluster/image_registry.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/reconciler.hpp"
#include "sim/model/yaml.hpp"
#include "sim/world/event_json.hpp"
#include "sim/world/world.hpp"

namespace gs::world {
namespace {

class Digest {
 public:
  Digest() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) { EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr); }
  // One value, length first.
  Digest& operator<<(std::string_view v) {
    const std::string n = std::to_string(v.size()) + ":";
    EVP_DigestUpdate(ctx_.get(), n.data(), n.size());
    EVP_DigestUpdate(ctx_.get(), v.data(), v.size());
    return *this;
  }
  Digest& operator<<(const char* v) { return *this << std::string_view(v); }  // not the bool overload
  Digest& operator<<(std::int64_t v) { return *this << std::string_view(std::to_string(v)); }
  Digest& operator<<(bool v) { return *this << std::string_view(v ? "1" : "0"); }
  Digest& operator<<(const std::optional<TimePoint>& t) { return t ? *this << t->ms : *this << std::string_view("-"); }
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &len);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
      out += kHex[digest[i] >> 4];
      out += kHex[digest[i] & 15];
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

void add_repo(Digest& d, const RepoState& r) {
  d << "repo" << r.name << r.url << r.webhook;
  // Nothing when no webhook was lost, so other worlds keep their fingerprints.
  if (r.webhook_lost_until) d << "webhook-lost" << r.webhook_lost_until->ms;
  const git::Repository& repo = *r.repo;
  for (const auto& b : repo.branches()) {
    auto sha = repo.resolve(b);
    d << "branch" << b << (sha ? *sha : std::string());
  }
  for (const auto& [name, sha] : repo.tags()) {
    d << "tag" << name << sha;
    if (auto info = repo.tag_info(name); info && info->annotation) d << info->object;
  }
  for (const auto& [sha, id] : r.commit_events) d << "commit" << sha << static_cast<std::int64_t>(id);
  // Nothing for an empty index, so worlds that never staged keep their fingerprints.
  for (const auto& [branch, files] : r.index) {
    for (const auto& [path, content] : files) d << "staged" << branch << path << content.has_value() << content.value_or("");
  }
}

void add_cluster(Digest& d, const ClusterState& c) {
  const cluster::Cluster& k = *c.cluster;
  d << "cluster" << c.name << c.server << k.outage_until() << k.next_wakeup();
  for (const auto& key : k.keys()) {
    d << "object" << key.str() << model::to_json(*k.get(key)) << k.crashing(key);
  }
  for (const auto& e : k.kube_events()) {
    d << "event" << e.object.str() << e.type << e.reason << e.message << e.source << e.first.ms << e.last.ms
      << static_cast<std::int64_t>(e.count);
  }
}

void add_app(Digest& d, const gitops::AppView& a) {
  d << "app" << a.name << a.controller << a.kind << a.app_namespace << a.project << a.cluster << a.server << a.ns
    << a.destination << a.repo_url << a.path << a.target_revision << a.source_type << a.revision << a.sync << a.health
    << a.health_message;
  if (const auto& o = a.operation) {
    d << "operation" << o->phase << o->message << o->initiated_by << o->revision << o->prune << o->dry_run
      << o->started_at.ms << o->finished_at << o->retry_count;
    for (const auto& r : o->results) d << "result" << r.key.str() << r.status << r.message << r.hook_type;
  }
  d << "policy" << a.automated << a.self_heal << a.prune << a.allow_empty
    << (a.retry_limit ? std::to_string(*a.retry_limit) : std::string("-"));
  for (const auto& o : a.sync_options) d << "option" << o;
  d << "window" << a.sync_window;
  for (const auto& w : a.sync_windows) d << "window" << w.kind << w.schedule << w.duration.ms << w.manual_sync << w.active;
  d << a.reconciled_at << a.next_poll << a.poll_interval.ms << a.parent;
  for (const auto& h : a.history) {
    d << "history" << h.id << h.revision << h.target_revision << h.deployed_at.ms << h.initiated_by;
  }
  for (const auto& c : a.conditions) d << "condition" << c.type << c.message << c.last_transition.ms;
  for (const auto& r : a.resources) {
    d << "resource" << r.key.str() << r.sync << r.health << r.health_message << r.requires_pruning << r.live
      << static_cast<std::int64_t>(r.sync_wave);
    for (const auto& p : r.changed_paths) d << "changed" << p;
  }
}

}  // namespace

std::string World::fingerprint() const {
  Digest d;
  d << "now" << now_.ms << static_cast<std::int64_t>(stage_);
  for (const auto& r : repos_) add_repo(d, r);
  for (const auto& c : clusters_) add_cluster(d, c);
  for (const auto& image : registry_->failing_pulls()) d << "failing" << image;
  for (const auto& r : reconcilers_) {
    d << "reconciler" << r->kind() << r->next_wakeup();
    for (const auto& name : r->app_names()) {
      if (auto view = r->app_view(name, now_)) add_app(d, *view);
    }
  }
  // ci: builds, scans, push pipeline runs and waits, CI network faults.
  if (const auto* ci = reconciler<ci::CiSystem>()) d << "ci" << ci->state_text();
  d << "log" << event_stream_hash(log_.events());
  return d.hex();
}

}  // namespace gs::world
