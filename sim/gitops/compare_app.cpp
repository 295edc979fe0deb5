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
  bool diffed = false;  // diffed in full, not read from the memo
};

// `hint`: where in the memo the previous (smaller) key was; desired objects
// come in key order, so the memo is walked rather than searched.
Compared compare_desired(const AppCompareInput& in, const Node& d, const DesiredIndex& index, std::size_t i,
                         LastAppliedCache& last_applied, const CompareOptions& opts, CompareMemo::iterator& hint) {
  Compared out;
  ResourcePair& rc = out.pair;
  rc.desired = &d;
  ResourceStatus& r = out.status;
  const ObjectKey& key = index.keys[i];
  rc.live = in.cluster->get(key);
  if (opts.memo) {
    while (hint != opts.memo->end() && hint->first < key) ++hint;
  }
  const bool memo_on = opts.memo && in.desired_generation != 0;
  if (rc.live && memo_on && !opts.hard && !opts.with_diffs) {
    const auto memo = hint != opts.memo->end() && hint->first == key ? hint : opts.memo->end();
    if (memo != opts.memo->end() && memo->second.desired_generation == in.desired_generation &&
        memo->second.resource_version == resource_version(*rc.live)) {
      r = memo->second.status;
      rc.tracked_by = memo->second.tracked_by;
      return out;
    }
  }
  r.key = key;
  r.version = index.versions[i];
  r.sync_wave = index.waves[i];
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
  r.live_exists = true;
  rc.diff = diff_resource(d, *rc.live, pointers(), &last_applied.of(*rc.live));
  out.diffed = true;
  r.status = rc.diff.modified ? SyncStatusCode::OutOfSync : SyncStatusCode::Synced;
  r.changed_paths = rc.diff.changed_paths;
  r.health = cluster::assess_health(*rc.live);
  rc.tracked_by = tracking_app_of(*rc.live, in.tracking);
  if (memo_on) {
    hint = opts.memo->insert_or_assign(
        hint, r.key, ResourceCompareMemo{in.desired_generation, resource_version(*rc.live), r, rc.tracked_by});
  }
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

DesiredIndex index_desired(const std::vector<Node>& desired) {
  DesiredIndex index;
  for (const Node& d : desired) {
    index.keys.push_back(key_of(d));
    index.hooks.push_back(is_hook(d) ? 1 : 0);
    index.versions.push_back(version_of(d));
    index.waves.push_back(sync_wave(d));
  }
  return index;
}

AppComparison compare_app(const AppCompareInput& in, LastAppliedCache& last_applied, const CompareOptions& opts) {
  DesiredIndex own;
  if (!in.index) own = index_desired(*in.desired);
  const DesiredIndex& index = in.index ? *in.index : own;
  const std::vector<ObjectKey>& keys = index.keys;
  // Desired resources (hooks have no sync status and no health), by key.
  std::vector<std::size_t> order;
  order.reserve(in.desired->size());
  for (std::size_t i = 0; i < in.desired->size(); ++i) {
    if (!index.hooks[i]) order.push_back(i);
  }
  auto by_key = [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; };
  if (!std::is_sorted(order.begin(), order.end(), by_key)) std::stable_sort(order.begin(), order.end(), by_key);
  std::vector<Compared> compared;
  compared.reserve(order.size());
  CompareMemo::iterator hint = opts.memo ? opts.memo->begin() : CompareMemo::iterator{};
  for (const std::size_t i : order) {
    compared.push_back(compare_desired(in, (*in.desired)[i], index, i, last_applied, opts, hint));
  }
  // Live objects the app tracks that Git does not hold, merged in by key. The
  // cache may lag the cluster by a watch event: gone is gone. A hook left
  // from a sync is not an extra resource.
  std::vector<Compared> extras;
  if (in.tracked_live) {
    std::size_t j = 0;
    for (const ObjectKey& k : *in.tracked_live) {
      while (j < order.size() && keys[order[j]] < k) ++j;
      if (j < order.size() && keys[order[j]] == k) continue;
      const Node* live = in.cluster->get(k);
      if (!live || is_hook(*live)) continue;
      extras.push_back(compare_extra(k, *live, opts));
    }
  }
  AppComparison out;
  out.resources.reserve(compared.size() + extras.size());
  out.pairs.reserve(compared.size() + extras.size());
  auto take = [&](Compared& c) {
    out.diffed += c.diffed ? 1 : 0;
    out.resources.push_back(std::move(c.status));
    out.pairs.push_back(std::move(c.pair));
  };
  std::size_t a = 0, b = 0;
  while (a < compared.size() || b < extras.size()) {
    if (b == extras.size() || (a < compared.size() && compared[a].status.key < extras[b].status.key)) {
      take(compared[a++]);
    } else {
      take(extras[b++]);
    }
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
