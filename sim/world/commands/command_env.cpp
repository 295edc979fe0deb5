#include "sim/world/commands/command_env.hpp"

#include "sim/core/events.hpp"

namespace gs::world {

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? ", " : "") + words[i];
  return out;
}

EventId CommandEnv::begin() {
  if (!id_) id_ = w_.log_.emit(w_.now_, events::action(cmd_.text()));
  return id_;
}

namespace {

// "unknown cluster 'x'; did you mean 'y'?", with the names there are when `list`.
std::string unknown(const std::string& what, const std::string& name, const std::vector<std::string>& names,
                    bool list) {
  std::string msg = "unknown " + what + " '" + name + "'";
  if (auto d = did_you_mean(name, names)) msg += "; did you mean '" + *d + "'?";
  return list ? msg + "; expected one of " + join_words(names) : msg;
}

}  // namespace

Result<RepoState*> CommandEnv::repo(const std::string& name) {
  if (RepoState* r = w_.repo_mut(name)) return r;
  std::vector<std::string> names;
  for (const auto& x : w_.repos_) names.push_back(x.name);
  return fail(unknown("repository", name, names, false));
}

Result<ClusterState*> CommandEnv::cluster_named(const std::string& name) {
  if (ClusterState* c = w_.cluster_mut(name)) return c;
  std::vector<std::string> names;
  for (const auto& c : w_.clusters_) names.push_back(c.name);
  return fail(unknown("cluster", name, names, true));
}

Result<ClusterState*> CommandEnv::cluster() {
  if (auto name = cmd_.flag("cluster")) return cluster_named(*name);
  if (w_.clusters_.size() == 1) return &w_.clusters_.front();
  return fail("--cluster is required when a scenario has several clusters");
}

}  // namespace gs::world
