#include "sim/gitops/compare_app.hpp"

#include <algorithm>
#include <set>

#include "sim/cluster/cluster.hpp"
#include "sim/gitops/annotations.hpp"
#include "sim/gitops/resource_key.hpp"

namespace gs::gitops {

using model::Node;

const std::optional<Node>& LastAppliedCache::of(const Node& live) {
  const std::string text = annotation(live, kLastAppliedAnnotation);
  auto it = parsed_.find(text);
  if (it == parsed_.end()) {
    if (parsed_.size() > 4096) parsed_.clear();
    it = parsed_.emplace(text, last_applied_of(live)).first;
  }
  return it->second;
}

std::vector<std::string> ignored_pointers(const std::vector<ResourceIgnoreDifferences>& ignore, const ObjectKey& key) {
  std::vector<std::string> pointers;
  for (const auto& ig : ignore) {
    if ((ig.group == "*" || ig.group == key.group) && (ig.kind == "*" || ig.kind == key.kind) &&
        (ig.name.empty() || ig.name == key.name) && (ig.ns.empty() || ig.ns == key.ns)) {
      pointers.insert(pointers.end(), ig.json_pointers.begin(), ig.json_pointers.end());
    }
  }
  return pointers;
}

namespace {

std::string resource_version(const Node& live) { return live.get_string({"metadata", "resourceVersion"}).value_or(""); }

// A desired object paired with its live counterpart (or none).
struct Compared {
  ResourceStatus status;
  ResourcePair pair;
};

Compared compare_desired(const AppCompareInput& in, const Node& d, LastAppliedCache& last_applied,
                         const CompareOptions& opts) {
  Compared out;
  ResourcePair& rc = out.pair;
  rc.desired = &d;
  ResourceStatus& r = out.status;
  r.key = key_of(d);
  r.version = version_of(d);
  r.sync_wave = sync_wave(d);
  rc.live = in.cluster->get(r.key);
  const auto pointers = [&] { return ignored_pointers(in.app->spec.ignore_differences, r.key); };
  if (!rc.live) {
    r.status = SyncStatusCode::OutOfSync;
    r.health = HealthStatus{HealthCode::Missing, ""};
    if (opts.with_diffs) {
      rc.diff.modified = true;
      rc.diff.predicted_live = normalize_for_compare(d);
      remove_json_pointers(rc.diff.predicted_live, pointers());
    }
    return out;
  }
  if (opts.memo && !opts.hard && !opts.with_diffs) {
    auto memo = opts.memo->find(r.key);
    if (memo != opts.memo->end() && memo->second.revision == in.revision &&
        memo->second.resource_version == resource_version(*rc.live)) {
      r = memo->second.status;
      return out;
    }
  }
  r.live_exists = true;
  rc.diff = diff_resource(d, *rc.live, pointers(), &last_applied.of(*rc.live));
  r.status = rc.diff.modified ? SyncStatusCode::OutOfSync : SyncStatusCode::Synced;
  r.changed_paths = rc.diff.changed_paths;
  r.health = cluster::assess_health(*rc.live);
  if (opts.memo) (*opts.memo)[r.key] = ResourceCompareMemo{in.revision, resource_version(*rc.live), r};
  return out;
}

// A live object the app tracks that Git no longer has: it requires pruning.
Compared compare_extra(const ObjectKey& k, const Node& live, const CompareOptions& opts) {
  Compared out;
  ResourcePair& rc = out.pair;
  rc.live = &live;
  ResourceStatus& r = out.status;
  r.key = k;
  r.version = version_of(live);
  r.status = SyncStatusCode::OutOfSync;
  r.requires_pruning = true;
  r.live_exists = true;
  r.ignore_extraneous = has_compare_option(live, "IgnoreExtraneous");
  r.health = cluster::assess_health(live);
  r.sync_wave = sync_wave(live);
  if (opts.with_diffs) {
    rc.diff.modified = true;
    rc.diff.normalized_live = normalize_for_compare(live);
  }
  return out;
}

}  // namespace

AppComparison compare_app(const AppCompareInput& in, LastAppliedCache& last_applied, const CompareOptions& opts) {
  std::vector<Compared> compared;
  compared.reserve(in.desired->size());
  std::set<ObjectKey> desired_keys;
  for (const Node& d : *in.desired) {
    if (is_hook(d)) continue;  // hooks have no sync status and no health
    compared.push_back(compare_desired(in, d, last_applied, opts));
    desired_keys.insert(compared.back().status.key);
  }
  for (const ObjectKey& k : in.tracked_live) {
    if (desired_keys.count(k)) continue;
    const Node* live = in.cluster->get(k);
    // The cache may lag the cluster by a watch event: gone is gone. A hook
    // left from a sync is not an extra resource.
    if (!live || is_hook(*live)) continue;
    compared.push_back(compare_extra(k, *live, opts));
  }
  std::sort(compared.begin(), compared.end(),
            [](const Compared& a, const Compared& b) { return a.status.key < b.status.key; });
  AppComparison out;
  out.resources.reserve(compared.size());
  out.pairs.reserve(compared.size());
  for (auto& c : compared) {
    out.resources.push_back(std::move(c.status));
    out.pairs.push_back(std::move(c.pair));
  }
  out.sync = aggregate_sync(out.resources);
  out.health = aggregate_health(out.resources);
  return out;
}

SyncStatusCode aggregate_sync(const std::vector<ResourceStatus>& resources) {
  for (const auto& r : resources) {
    if (r.status == SyncStatusCode::OutOfSync && !(r.requires_pruning && r.ignore_extraneous)) {
      return SyncStatusCode::OutOfSync;
    }
  }
  return SyncStatusCode::Synced;
}

HealthStatus aggregate_health(const std::vector<ResourceStatus>& resources) {
  bool any_live = false;
  HealthStatus health{HealthCode::Healthy, ""};
  for (const auto& r : resources) {
    if (!r.live_exists) continue;
    any_live = true;
    if (!r.health) continue;
    if (r.health->status != health.status && cluster::worst_of(r.health->status, health.status) == r.health->status) {
      health = HealthStatus{r.health->status,
                            r.key.kind + "/" + r.key.name + (r.health->message.empty() ? "" : ": " + r.health->message)};
    }
  }
  if (!resources.empty() && !any_live) health = HealthStatus{HealthCode::Missing, ""};
  return health;
}

}  // namespace gs::gitops
