#include "sim/metrics/dora.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "sim/metrics/tiers.hpp"

namespace gs::metrics {

std::string app_tree(std::string_view source_path) {
  std::string p(source_path);
  while (!p.empty() && p.back() == '/') p.pop_back();
  if (p == ".") return "";
  // ".../overlays/<x>" or ".../envs/<x>": drop the last two components.
  const auto last = p.rfind('/');
  if (last != std::string::npos) {
    const std::string_view head = std::string_view(p).substr(0, last);
    const auto prev = head.rfind('/');
    const std::string_view dir = prev == std::string_view::npos ? head : head.substr(prev + 1);
    if (dir == "overlays" || dir == "envs") {
      return prev == std::string_view::npos ? std::string() : std::string(head.substr(0, prev));
    }
  }
  return p;
}

bool is_production(std::string_view env) {
  std::string e(env);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string word : {"prod", "production"}) {
    if (e == word || e.starts_with(word + "-") || e.ends_with("-" + word)) return true;
  }
  return false;
}

std::string_view failure_kind_name(FailureKind k) {
  switch (k) {
    case FailureKind::SyncFailed: return "SyncFailed";
    case FailureKind::ReconciliationFailed: return "ReconciliationFailed";
    case FailureKind::PushFailed: return "PushDeployed Failed";
    case FailureKind::Degraded: return "Degraded";
  }
  return "";
}

std::optional<Duration> median(std::vector<Duration> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  if (n % 2 == 1) return v[n / 2];
  return Duration{(v[n / 2 - 1].ms + v[n / 2].ms) / 2};
}

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// One app's state while the log is read.
struct AppTrack {
  std::string env;
  bool has_deployed = false;
  std::string deployed_rev;             // its last deployment's revision
  std::string live_rev;                 // what runs: the last applied or Synced revision
  std::string health;                   // as last observed ("" unknown)
  std::optional<std::size_t> current;   // its latest attempt
  std::optional<std::size_t> awaiting;  // a deployment not yet seen Healthy
  std::vector<std::size_t> open;        // failed attempts not yet restored
  bool applied_since_failure = false;
};

struct Reader {
  const std::map<std::string, const AppFacts*>& facts;
  std::vector<Deployment> deps;
  std::vector<std::string> prev_rev;  // per deployment: the app's deployed revision before it
  std::map<std::string, AppTrack> apps;

  AppTrack& track(const std::string& app, const std::string& event_env) {
    auto [it, fresh] = apps.try_emplace(app);
    if (fresh) {
      const auto f = facts.find(app);
      it->second.env = f != facts.end() ? f->second->env : event_env;
    }
    return it->second;
  }

  std::size_t add(const std::string& app, AppTrack& a, const std::string& rev, const std::string& by, TimePoint t) {
    Deployment d;
    d.app = app;
    d.env = a.env;
    d.revision = rev;
    d.by = by;
    d.started = t;
    deps.push_back(std::move(d));
    prev_rev.push_back(a.has_deployed ? a.deployed_rev : std::string());
    a.current = deps.size() - 1;
    return deps.size() - 1;
  }

  void fail(AppTrack& a, std::size_t i, FailureKind kind, TimePoint t) {
    if (deps[i].failure) return;
    deps[i].failure = kind;
    deps[i].failed_at = t;
    a.open.push_back(i);
    a.applied_since_failure = false;
  }

  // A moment at which the app's health is known. `synced`: nullopt when the
  // controller does not say (then a restore needs an apply since the failure).
  void observe(AppTrack& a, bool healthy, std::optional<bool> synced, TimePoint t) {
    if (!healthy || synced == false) return;
    if (a.awaiting) {
      Deployment& d = deps[*a.awaiting];
      // Synced at a later revision is still this deployment's manifests
      // (a commit to another app's tree in a shared repository); without a
      // word on sync, the revision that runs must be this one.
      if (synced || a.live_rev == d.revision) {
        d.healthy_at = t;
        a.awaiting.reset();
      }
    }
    if (!a.open.empty() && (synced || a.applied_since_failure)) {
      for (std::size_t i : a.open) deps[i].restored_at = t;
      a.open.clear();
    }
  }

  void applied(const std::string& app, const std::string& rev, const std::string& by, const std::string& env,
               TimePoint t, bool reports_health) {
    AppTrack& a = track(app, env);
    a.live_rev = rev;
    a.applied_since_failure = true;
    if (!a.has_deployed || rev != a.deployed_rev) {
      std::size_t i;
      if (a.current && deps[*a.current].revision == rev && !deps[*a.current].deployed_at &&
          (!a.has_deployed || prev_rev[*a.current] == a.deployed_rev)) {
        i = *a.current;  // a failed attempt that applied on a retry
      } else {
        i = add(app, a, rev, by, t);
      }
      deps[i].deployed_at = t;
      a.has_deployed = true;
      a.deployed_rev = rev;
      a.awaiting = i;
    }
    // Flux (with wait) and a push pipeline say nothing more: the apply is the
    // moment it runs, with the health last known (none known: healthy).
    if (reports_health) observe(a, a.health.empty() || a.health == "Healthy", std::nullopt, t);
  }

  void failed(const std::string& app, const std::string& rev, const std::string& by, const std::string& env,
              TimePoint t, FailureKind kind) {
    AppTrack& a = track(app, env);
    if (a.has_deployed && rev == a.deployed_rev) return;  // a re-apply of what runs: not a deployment
    if (a.current && deps[*a.current].revision == rev && !deps[*a.current].deployed_at) {
      fail(a, *a.current, kind, t);  // retries of one revision count once
      return;
    }
    fail(a, add(app, a, rev, by, t), kind, t);
  }

  void health_changed(const std::string& app, const std::string& to, TimePoint t) {
    AppTrack& a = track(app, "");
    a.health = to;
    // Degraded before the deployment ever ran healthy: the release failed.
    // Degraded later is an incident (a fault, drift), not a failed change.
    if (to == "Degraded" && a.current && a.awaiting == a.current && deps[*a.current].deployed_at) {
      fail(a, *a.current, FailureKind::Degraded, t);
    }
    observe(a, to == "Healthy", std::nullopt, t);
  }

  void refreshed(const std::string& app, const std::string& rev, const std::string& sync, const std::string& health,
                 TimePoint t) {
    AppTrack& a = track(app, "");
    a.health = health;
    const bool synced = sync == "Synced";
    if (synced) a.live_rev = rev;  // what runs is that revision's manifests
    observe(a, health == "Healthy", synced, t);
  }
};

Figures figures_of(const std::string& app, const std::string& env, const std::vector<const Deployment*>& ds,
                   TimePoint from, TimePoint until) {
  Figures f;
  f.app = app;
  f.env = env;
  f.production = is_production(env);
  std::vector<TimePoint> times;
  std::vector<Duration> leads, recoveries;
  for (const Deployment* d : ds) {
    ++f.attempts;
    if (d->deployed_at) times.push_back(*d->deployed_at);
    if (d->lead_time) leads.push_back(*d->lead_time);
    if (d->failure) ++f.failed;
    if (auto r = d->recovery_time()) {
      ++f.restored;
      recoveries.push_back(*r);
    }
  }
  std::sort(times.begin(), times.end());
  f.deployments = times.size();
  const std::int64_t window = (until - from).ms;
  if (window > 0) f.per_day = static_cast<double>(f.deployments) * kDayMs / static_cast<double>(window);
  std::vector<Duration> between;
  for (std::size_t i = 1; i < times.size(); ++i) between.push_back(times[i] - times[i - 1]);
  f.median_between = median(between);
  f.median_lead_time = median(leads);
  f.median_recovery = median(recoveries);
  if (f.attempts > 0) f.fail_rate = static_cast<double>(f.failed) / static_cast<double>(f.attempts);
  if (f.deployments > 0 && window > 0) f.frequency_tier = frequency_tier(f.per_day);
  if (f.median_lead_time) f.lead_time_tier = lead_time_tier(*f.median_lead_time);
  if (f.fail_rate) f.fail_rate_tier = fail_rate_tier(*f.fail_rate);
  if (f.median_recovery) f.recovery_tier = recovery_tier(*f.median_recovery);
  return f;
}

}  // namespace

Report compute(const std::vector<Event>& events, const std::vector<AppFacts>& apps, const Ancestry& ancestry,
               TimePoint until, TimePoint since) {
  std::map<std::string, const AppFacts*> facts;
  for (const auto& f : apps) facts.emplace(f.app, &f);
  Reader r{facts, {}, {}, {}};
  for (const auto& f : apps) r.track(f.app, f.env);
  // A commit's time on the virtual clock: its Committed event's.
  std::unordered_map<std::string, TimePoint> committed;
  for (const Event& e : events) {
    if (e.t > until) break;
    const std::string& type = e.type;
    if (type == "Committed") {
      committed.try_emplace(e.str("sha"), e.t);
    } else if (type == "SyncSucceeded") {
      r.applied(e.str("app"), e.str("revision"), type, "", e.t, false);
    } else if (type == "ReconciliationSucceeded") {
      r.applied(e.str("app"), e.str("revision"), type, "", e.t, true);
    } else if (type == "PushDeployed") {
      const std::string result = e.str("result");
      if (result == "Succeeded") {
        r.applied(e.str("app"), e.str("revision"), type, e.str("cluster"), e.t, true);
      } else if (result == "Failed") {
        r.failed(e.str("app"), e.str("revision"), type, e.str("cluster"), e.t, FailureKind::PushFailed);
      }
    } else if (type == "SyncFailed") {
      r.failed(e.str("app"), e.str("revision"), type, "", e.t, FailureKind::SyncFailed);
    } else if (type == "ReconciliationFailed") {
      r.failed(e.str("app"), e.str("revision"), type, "", e.t, FailureKind::ReconciliationFailed);
    } else if (type == "HealthStatusChanged") {
      r.health_changed(e.str("app"), e.str("to"), e.t);
    } else if (type == "AppRefreshed") {
      r.refreshed(e.str("app"), e.str("revision"), e.str("sync"), e.str("health"), e.t);
    }
  }

  // Lead time: what each deployment brought, from its earliest commit.
  for (std::size_t i = 0; i < r.deps.size(); ++i) {
    Deployment& d = r.deps[i];
    if (!d.deployed_at || !ancestry) continue;
    const auto f = facts.find(d.app);
    if (f == facts.end()) continue;
    for (const ChangeCommit& c : ancestry(*f->second, r.prev_rev[i], d.revision)) {
      const auto at = committed.find(c.sha);
      const TimePoint t = at != committed.end() ? at->second : c.time;
      ++d.commits;
      if (!d.earliest_commit || t < *d.earliest_commit) d.earliest_commit = t;
    }
    if (d.healthy_at && d.earliest_commit) d.lead_time = *d.healthy_at - *d.earliest_commit;
  }

  Report out;
  out.from = since;
  out.until = until;
  std::stable_sort(r.deps.begin(), r.deps.end(),
                   [](const Deployment& a, const Deployment& b) { return a.started < b.started; });
  out.deployments = std::move(r.deps);
  std::map<std::string, std::vector<const Deployment*>> by_app, by_env;
  for (const auto& [name, a] : r.apps) {
    by_app[name];
    by_env[a.env];
  }
  std::vector<const Deployment*> all;
  for (const Deployment& d : out.deployments) {
    if (d.started < since) continue;
    by_app[d.app].push_back(&d);
    by_env[d.env].push_back(&d);
    all.push_back(&d);
  }
  for (const auto& [name, ds] : by_app) out.apps.push_back(figures_of(name, r.apps[name].env, ds, out.from, until));
  for (const auto& [env, ds] : by_env) out.envs.push_back(figures_of("", env, ds, out.from, until));
  out.total = figures_of("", "", all, out.from, until);
  return out;
}

}  // namespace gs::metrics
