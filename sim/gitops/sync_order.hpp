// The order a sync applies resources in, written down once:
// phase → wave → kind → name (gitops-engine pkg/sync/sync_tasks.go). Kinds
// not in the table (custom resources) come after all of them; a Namespace
// and a CRD move ahead of what needs them. Prunes keep their live object's
// wave, mirrored (sync_plan.cpp).
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gs::gitops {

enum class SyncPhase { PreSync = -1, Sync = 0, PostSync = 1, SyncFail = 2 };

struct SyncTaskKey {
  SyncPhase phase = SyncPhase::Sync;
  int wave = 0;
  std::string group;
  std::string kind;
  std::string ns;
  std::string name;
};

// Position of a kind in Argo CD's kind order; unknown kinds rank last.
int kind_rank(std::string_view kind);

// Strict weak order over tasks with a full tie-break (group, namespace).
bool sync_task_less(const SyncTaskKey& a, const SyncTaskKey& b);

// The sync-wave annotation value, 0 when absent or not an integer.
int parse_sync_wave(std::string_view text);

}  // namespace gs::gitops

namespace gs::gitops {

// Sorts tasks by sync_task_less, then moves each dependency ahead of its
// first dependent, into that dependent's phase and wave: a Namespace before
// the first object in it, a CRD before the first custom resource of its kind
// (gitops-engine pkg/sync/sync_tasks.go Sort, adjustDeps). Task needs
// `SyncTaskKey order`, `std::string crd_kind` ("group/Kind" a CRD defines,
// else "") and `bool has_target()` (prunes are never moved nor depend).
template <class Task>
void sort_sync_tasks(std::vector<Task>& tasks) {
  std::sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) { return sync_task_less(a.order, b.order); });
  auto adjust = [&](auto provides, auto needs) {
    std::map<std::string, std::size_t> first_dependent;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      if (!tasks[i].has_target()) continue;
      if (const std::string dep = provides(tasks[i]); !dep.empty()) {
        auto it = first_dependent.find(dep);
        if (it == first_dependent.end()) continue;
        const std::size_t at = it->second;
        tasks[i].order.wave = tasks[at].order.wave;
        tasks[i].order.phase = tasks[at].order.phase;
        std::rotate(tasks.begin() + static_cast<std::ptrdiff_t>(at), tasks.begin() + static_cast<std::ptrdiff_t>(i),
                    tasks.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        for (auto& [key, index] : first_dependent) {
          if (index >= at) ++index;
        }
      } else if (const std::string ref = needs(tasks[i]); !ref.empty()) {
        first_dependent.emplace(ref, i);
      }
    }
  };
  adjust([](const Task& t) { return t.order.group.empty() && t.order.kind == "Namespace" ? t.order.name : std::string(); },
         [](const Task& t) { return t.order.ns; });
  adjust([](const Task& t) { return t.crd_kind; },
         [](const Task& t) { return t.order.group + "/" + t.order.kind; });
}

}  // namespace gs::gitops
