// CommandEnv: what a command's handler may use — the command and the files
// staged with it, the world's parts (mutable), the driver that lets time
// pass, and the Action event. A handler checks everything first, in small
// named functions, and only then calls begin(): the Action event is recorded
// once, when the command is about to change something, so a command that
// fails leaves the world and its log exactly as they were. Internal to
// sim/world: the command files include it, nothing outside does.
#pragma once

#include <string>
#include <vector>

#include "sim/world/world.hpp"

namespace gs::world {

class CommandEnv {
 public:
  CommandEnv(World& world, const Command& cmd, const StagedFiles& files) : w_(world), cmd_(cmd), files_(files) {}

  const Command& cmd() const { return cmd_; }
  const StagedFiles& files() const { return files_; }
  World& world() { return w_; }
  const World& world() const { return w_; }
  TimePoint now() const { return w_.now_; }
  std::int64_t epoch_s() const { return w_.epoch_s_at(w_.now_); }

  // "kubectl scale: <message>", the form every error of a command takes.
  Error fail(const std::string& message) const { return Error(cmd_.name() + ": " + message); }

  // Lookups: an unknown name is an error naming it, with a "did you mean".
  Result<RepoState*> repo(const std::string& name);
  // --cluster (or --context); may be omitted when there is only one cluster.
  Result<ClusterState*> cluster();
  Result<ClusterState*> cluster_named(const std::string& name);
  std::vector<RepoState>& repos() { return w_.repos_; }
  cluster::ImageRegistry& registry() { return *w_.registry_; }
  gitops::RepoServer& repo_server() { return *w_.repo_server_; }
  gitops::AppController& controller() { return w_.controller(); }
  TimeDriver& time() { return *w_.time_; }
  delivery::Pipelines& pipelines() { return *w_.pipelines_; }  // pipe

  // Changes. begin() records the Action event (once) and returns its id, the
  // cause of everything the command then does.
  EventId begin();
  EventId action_id() const { return id_; }
  EventId emit(Event e) { return w_.log_.emit(w_.now_, std::move(e)); }
  EventId record_commit(RepoState& repo, const std::string& branch, const std::string& sha) {
    return w_.record_commit(repo, branch, sha, begin());
  }
  void notify_push(const RepoState& repo, const std::string& ref) { w_.notify_push(repo, ref, begin()); }

 private:
  World& w_;
  const Command& cmd_;
  const StagedFiles& files_;
  EventId id_ = 0;
};

// "a, b, c" for messages.
std::string join_words(const std::vector<std::string>& words);

}  // namespace gs::world
