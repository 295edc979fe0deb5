// What read-only commands print, formatted as the real tools print them:
// `argocd app list/get/history/resources/diff`, `git log`, and the kubectl
// tables (delegating to sim/cluster's printers). Pure functions of what the
// world shows: apps as their reconcilers word them (World::app_view, never a
// controller's internals), repositories and clusters read-only; nothing here
// changes state or writes to a stream.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/cluster/object_key.hpp"
#include "sim/core/duration.hpp"
#include "sim/git/repository.hpp"
#include "sim/gitops/reconciler.hpp"

namespace gs::cluster {
class Cluster;
struct KindInfo;
}  // namespace gs::cluster
namespace gs::world {

class World;

// Columns separated by `padding` spaces, each as wide as its widest cell
// (Go's text/tabwriter as kubectl and argocd use it).
std::string format_table(const std::vector<std::vector<std::string>>& rows, int padding);

std::string print_app_list(const World& world, const std::string& output);
// `output`: "" or "wide" the summary; "yaml" or "json" the Application object.
std::string print_app_get(const World& world, const std::string& app, const std::string& output = "");
std::string print_app_history(const World& world, const std::string& app);
std::string print_app_resources(const World& world, const std::string& app);
std::string print_app_diff(const gitops::AppDiff& diffs);

// The refs at each commit, as `git log --decorate` lists them: "HEAD -> main"
// (the default branch stands for HEAD), then tags and branches.
using GitDecorations = std::map<std::string, std::vector<std::string>>;  // sha -> labels
GitDecorations git_decorations(const git::Repository& repo);
std::string print_git_log(const std::vector<git::CommitInfo>& commits, const GitDecorations* decorations = nullptr);
// `git log --oneline`: "1a2b3c4 (HEAD -> main, tag: v1) Subject".
std::string print_git_oneline(const std::vector<git::CommitInfo>& commits, const GitDecorations* decorations = nullptr);
// The header `git show` prints for an annotated tag, before its commit.
std::string print_git_tag(const git::TagInfo& tag);
std::string print_git_changes(const std::vector<git::FileChange>& changes);

// `world`: for Argo CD's Application custom resources, whose printer columns
// (SYNC STATUS, HEALTH STATUS) come from their status, read as app views.
std::string print_kubectl_get(const cluster::Cluster& c, const cluster::KindInfo& kind,
                              const std::optional<std::string>& ns, const std::string& name,
                              const std::string& output, TimePoint now, const World* world = nullptr);
std::string print_kubectl_describe(const cluster::Cluster& c, const cluster::KindInfo& kind, const std::string& ns,
                                   const std::string& name, TimePoint now);

// "2026-01-05 09:03:00 +0000 UTC", as Go prints a time.Time.
std::string go_time(std::int64_t epoch_s);

}  // namespace gs::world
