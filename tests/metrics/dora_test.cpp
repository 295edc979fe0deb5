// DORA's rules over constructed event logs: what is a deployment, what is a
// failed one, lead time from the commits a deployment brings, recovery, and
// the 2024 tiers (peers-behaviour.md §6).
#include <catch2/catch.hpp>

#include <map>

#include "sim/core/events.hpp"
#include "sim/metrics/dora.hpp"
#include "sim/metrics/tiers.hpp"

using namespace gs;
using namespace gs::metrics;

namespace {

constexpr std::int64_t kMin = 60'000;

// A log built in time order, as a world emits it.
struct Log {
  std::vector<Event> events;
  Event& at(std::int64_t ms, Event e) {
    e.id = events.size() + 1;
    e.t = TimePoint{ms};
    events.push_back(std::move(e));
    return events.back();
  }
  void commit(std::int64_t ms, const std::string& sha) { at(ms, events::committed("cfg", "main", sha, "a <a@x>", "m", 0)); }
  void synced(std::int64_t ms, const std::string& app, const std::string& rev) {
    at(ms, events::sync_ended(true, app, rev, "automated", "Succeeded", "successfully synced", 0));
  }
  void sync_failed(std::int64_t ms, const std::string& app, const std::string& rev) {
    at(ms, events::sync_ended(false, app, rev, "automated", "Failed", "one or more objects failed to apply", 0));
  }
  void refreshed(std::int64_t ms, const std::string& app, const std::string& rev, const std::string& sync,
                 const std::string& health) {
    at(ms, events::app_refreshed(app, rev, sync, health, "full", 0));
  }
  void health(std::int64_t ms, const std::string& app, const std::string& from, const std::string& to) {
    at(ms, events::health_status_changed(app, from, to, "", 0));
  }
};

// History: each revision's parent is the one before it in `order`.
struct Linear {
  std::vector<std::string> order;       // oldest first
  std::map<std::string, TimePoint> own;  // the commit's own time
  Ancestry ancestry() const {
    return [this](const AppFacts&, const std::string& from, const std::string& to) {
      std::vector<ChangeCommit> out;
      bool in = from.empty();
      for (const auto& sha : order) {
        if (in) out.push_back(ChangeCommit{sha, own.at(sha)});
        if (sha == from) in = true;
        if (sha == to) break;
      }
      return out;
    };
  }
};

const std::vector<AppFacts> kWeb = {{"web", "prod", "cfg", "apps/web"}};

}  // namespace

TEST_CASE("a self-heal sync at the same revision is not a deployment") {
  Log log;
  log.synced(1 * kMin, "web", "aaa");
  log.refreshed(1 * kMin, "web", "aaa", "Synced", "Healthy");
  log.synced(5 * kMin, "web", "aaa");  // self-heal after drift
  const auto r = compute(log.events, kWeb, {}, TimePoint{10 * kMin});
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].deployments == 1);
  CHECK(r.deployments.size() == 1);
}

TEST_CASE("a sync at a new revision is a deployment and frequency is per virtual day") {
  Log log;
  log.synced(1 * kMin, "web", "aaa");
  log.synced(7 * kMin, "web", "bbb");
  log.synced(10 * kMin, "web", "ccc");
  const auto r = compute(log.events, kWeb, {}, TimePoint{24 * 60 * kMin / 2});  // half a day
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].deployments == 3);
  CHECK(r.apps[0].per_day == Approx(6.0));
  // Between: 6m and 3m, median 4m30s.
  REQUIRE(r.apps[0].median_between);
  CHECK(r.apps[0].median_between->ms == 270'000);
  CHECK(r.apps[0].frequency_tier == Tier::Elite);
}

TEST_CASE("lead time counts from the earliest commit the deployment brings") {
  Linear h{{"c0", "c1", "c2"}, {{"c0", TimePoint{-60 * kMin}}, {"c1", TimePoint{}}, {"c2", TimePoint{}}}};
  Log log;
  log.synced(1 * kMin, "web", "c0");
  log.refreshed(1 * kMin, "web", "c0", "Synced", "Healthy");
  log.commit(2 * kMin, "c1");
  log.commit(4 * kMin, "c2");
  log.synced(5 * kMin, "web", "c2");
  log.refreshed(5 * kMin, "web", "c2", "Synced", "Progressing");
  log.refreshed(7 * kMin, "web", "c2", "Synced", "Healthy");
  const auto r = compute(log.events, kWeb, h.ancestry(), TimePoint{10 * kMin});
  REQUIRE(r.deployments.size() == 2);
  const Deployment& d = r.deployments[1];
  CHECK(d.commits == 2);  // c1 and c2, not c0 which the first deployment had
  REQUIRE(d.earliest_commit);
  CHECK(d.earliest_commit->ms == 2 * kMin);  // c1's Committed event, not its own time
  REQUIRE(d.healthy_at);
  CHECK(d.healthy_at->ms == 7 * kMin);  // the first Healthy at c2, not the sync
  REQUIRE(d.lead_time);
  CHECK(d.lead_time->ms == 5 * kMin);
}

TEST_CASE("a commit from before time 0 counts from its own commit time") {
  Linear h{{"c0"}, {{"c0", TimePoint{-30 * kMin}}}};
  Log log;
  log.synced(1 * kMin, "web", "c0");
  log.refreshed(2 * kMin, "web", "c0", "Synced", "Healthy");
  const auto r = compute(log.events, kWeb, h.ancestry(), TimePoint{10 * kMin});
  REQUIRE(r.deployments.size() == 1);
  REQUIRE(r.deployments[0].lead_time);
  CHECK(r.deployments[0].lead_time->ms == 32 * kMin);
}

TEST_CASE("a deployment that brings no commit (a rollback) has no lead time") {
  Linear h{{"c0", "c1"}, {{"c0", TimePoint{}}, {"c1", TimePoint{}}}};
  Log log;
  log.synced(1 * kMin, "web", "c1");
  log.refreshed(1 * kMin, "web", "c1", "Synced", "Healthy");
  log.synced(3 * kMin, "web", "c0");  // argocd app rollback: c0..  brings nothing new
  log.refreshed(3 * kMin, "web", "c0", "Synced", "Healthy");
  auto ancestry = [](const AppFacts&, const std::string& from, const std::string&) {
    return from.empty() ? std::vector<ChangeCommit>{{"c0", TimePoint{}}, {"c1", TimePoint{}}} : std::vector<ChangeCommit>{};
  };
  const auto r = compute(log.events, kWeb, ancestry, TimePoint{10 * kMin});
  REQUIRE(r.deployments.size() == 2);
  CHECK(r.deployments[1].deployed_at);
  CHECK_FALSE(r.deployments[1].lead_time);
  CHECK(r.apps[0].deployments == 2);
}

TEST_CASE("a deployment that goes Degraded is a failed deployment and recovery ends when Healthy and Synced again") {
  Log log;
  log.synced(1 * kMin, "web", "aaa");
  log.refreshed(1 * kMin, "web", "aaa", "Synced", "Healthy");
  log.synced(3 * kMin, "web", "bbb");
  log.health(3 * kMin, "web", "Healthy", "Progressing");
  log.health(13 * kMin, "web", "Progressing", "Degraded");
  log.refreshed(14 * kMin, "web", "ccc", "OutOfSync", "Degraded");
  log.synced(15 * kMin, "web", "ccc");  // the revert
  log.refreshed(15 * kMin, "web", "ccc", "Synced", "Progressing");
  log.refreshed(16 * kMin, "web", "ccc", "Synced", "Healthy");
  const auto r = compute(log.events, kWeb, {}, TimePoint{20 * kMin});
  REQUIRE(r.deployments.size() == 3);
  const Deployment& bad = r.deployments[1];
  REQUIRE(bad.failure == FailureKind::Degraded);
  CHECK(bad.failed_at->ms == 13 * kMin);
  REQUIRE(bad.recovery_time());
  CHECK(bad.recovery_time()->ms == 3 * kMin);
  CHECK(r.apps[0].failed == 1);
  CHECK(r.apps[0].attempts == 3);
  REQUIRE(r.apps[0].fail_rate);
  CHECK(*r.apps[0].fail_rate == Approx(1.0 / 3));
}

TEST_CASE("a commit to another app's tree in the same repository does not stop the deployment running healthy") {
  Log log;
  log.synced(1 * kMin, "web", "aaa");
  log.refreshed(1 * kMin, "web", "aaa", "Synced", "Progressing");
  log.commit(2 * kMin, "bbb");  // touches api only: web stays Synced at bbb
  log.refreshed(2 * kMin, "web", "bbb", "Synced", "Progressing");
  log.refreshed(3 * kMin, "web", "bbb", "Synced", "Healthy");
  const auto r = compute(log.events, kWeb, {}, TimePoint{10 * kMin});
  REQUIRE(r.deployments.size() == 1);
  REQUIRE(r.deployments[0].healthy_at);
  CHECK(r.deployments[0].healthy_at->ms == 3 * kMin);
}

TEST_CASE("going Degraded after the deployment ran healthy is an incident and not a failed deployment") {
  Log log;
  log.synced(1 * kMin, "web", "aaa");
  log.refreshed(1 * kMin, "web", "aaa", "Synced", "Healthy");
  log.health(30 * kMin, "web", "Healthy", "Degraded");  // a node outage hours later
  const auto r = compute(log.events, kWeb, {}, TimePoint{60 * kMin});
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].failed == 0);
}

TEST_CASE("a failed sync is a failed deployment attempt and its retries count once") {
  Log log;
  log.synced(1 * kMin, "web", "aaa");
  log.refreshed(1 * kMin, "web", "aaa", "Synced", "Healthy");
  log.sync_failed(2 * kMin, "web", "bbb");
  log.sync_failed(3 * kMin, "web", "bbb");
  log.sync_failed(4 * kMin, "web", "bbb");
  const auto r = compute(log.events, kWeb, {}, TimePoint{10 * kMin});
  REQUIRE(r.apps.size() == 1);
  CHECK(r.apps[0].attempts == 2);
  CHECK(r.apps[0].deployments == 1);
  CHECK(r.apps[0].failed == 1);
  CHECK_FALSE(r.deployments[1].deployed_at);
}

TEST_CASE("a failed sync is not restored by the old version staying Healthy while OutOfSync") {
  Log log;
  log.synced(1 * kMin, "web", "aaa");
  log.refreshed(1 * kMin, "web", "aaa", "Synced", "Healthy");
  log.sync_failed(2 * kMin, "web", "bbb");
  log.refreshed(3 * kMin, "web", "bbb", "OutOfSync", "Healthy");
  log.commit(4 * kMin, "ccc");
  log.synced(5 * kMin, "web", "ccc");
  log.refreshed(6 * kMin, "web", "ccc", "Synced", "Healthy");
  const auto r = compute(log.events, kWeb, {}, TimePoint{10 * kMin});
  REQUIRE(r.deployments.size() == 3);
  REQUIRE(r.deployments[1].recovery_time());
  CHECK(r.deployments[1].recovery_time()->ms == 4 * kMin);
}

TEST_CASE("a sync that failed then succeeded on a retry is one deployment that failed") {
  Log log;
  log.sync_failed(1 * kMin, "web", "aaa");
  log.synced(2 * kMin, "web", "aaa");
  log.refreshed(2 * kMin, "web", "aaa", "Synced", "Healthy");
  const auto r = compute(log.events, kWeb, {}, TimePoint{10 * kMin});
  REQUIRE(r.deployments.size() == 1);
  CHECK(r.deployments[0].deployed_at->ms == 2 * kMin);
  CHECK(r.deployments[0].failure == FailureKind::SyncFailed);
  CHECK(r.deployments[0].recovery_time()->ms == 1 * kMin);
}

TEST_CASE("Flux reconciliations and push deployments are deployments too") {
  Log log;
  Event flux;
  flux.type = "ReconciliationSucceeded";
  flux.fields = {{"app", "web-flux"}, {"revision", "aaa"}, {"message", "Applied revision: main@sha1:aaa"}};
  log.at(1 * kMin, flux);
  Event again = flux;
  log.at(11 * kMin, again);  // every interval at the same revision: not a deployment
  Event push;
  push.type = "PushDeployed";
  push.fields = {{"pipeline", "jenkins"}, {"app", "jenkins"}, {"cluster", "prod"},
                 {"revision", "bbb"}, {"result", "Succeeded"}, {"message", ""}};
  log.at(2 * kMin, push);
  Event lost = push;
  lost.fields = {{"pipeline", "jenkins"}, {"app", "jenkins"}, {"cluster", "prod"},
                 {"revision", "ccc"}, {"result", "Failed"}, {"message", "apply failed"}};
  log.at(3 * kMin, lost);
  const std::vector<AppFacts> facts = {{"web-flux", "staging", "", ""}};
  const auto r = compute(log.events, facts, {}, TimePoint{20 * kMin});
  REQUIRE(r.apps.size() == 2);
  CHECK(r.apps[0].app == "jenkins");
  CHECK(r.apps[0].env == "prod");  // a push pipeline's cluster, from its event
  CHECK(r.apps[0].deployments == 1);
  CHECK(r.apps[0].failed == 1);
  CHECK(r.apps[1].app == "web-flux");
  CHECK(r.apps[1].deployments == 1);
  REQUIRE(r.deployments[0].healthy_at);  // nothing more is said: it runs when applied
  CHECK(r.deployments[0].healthy_at->ms == 1 * kMin);
}

TEST_CASE("figures are per app and per environment and events after the window are left out") {
  Log log;
  log.synced(1 * kMin, "web-dev", "aaa");
  log.synced(2 * kMin, "web-prod", "aaa");
  log.synced(3 * kMin, "api-prod", "aaa");
  log.synced(30 * kMin, "api-prod", "bbb");
  const std::vector<AppFacts> facts = {{"web-dev", "dev", "", ""}, {"web-prod", "prod", "", ""},
                                       {"api-prod", "prod", "", ""}, {"idle", "prod", "", ""}};
  const auto r = compute(log.events, facts, {}, TimePoint{10 * kMin});
  REQUIRE(r.apps.size() == 4);
  CHECK(r.apps[0].app == "api-prod");
  CHECK(r.apps[0].deployments == 1);
  CHECK(r.apps[1].app == "idle");
  CHECK(r.apps[1].deployments == 0);
  CHECK_FALSE(r.apps[1].frequency_tier);
  REQUIRE(r.envs.size() == 2);
  CHECK(r.envs[0].env == "dev");
  CHECK(r.envs[1].env == "prod");
  CHECK(r.envs[1].production);
  CHECK(r.envs[1].deployments == 2);
}

TEST_CASE("an app's tree drops a trailing overlays or envs folder") {
  CHECK(app_tree("apps/web/overlays/prod") == "apps/web");
  CHECK(app_tree("overlays/dev") == "");
  CHECK(app_tree("envs/prod/") == "");
  CHECK(app_tree("apps/web") == "apps/web");
  CHECK(app_tree(".") == "");
  CHECK(app_tree("guestbook") == "guestbook");
}

TEST_CASE("prod and production are production environments, also as a region's first or last word") {
  CHECK(is_production("prod"));
  CHECK(is_production("Production"));
  CHECK(is_production("pangyo-prod"));
  CHECK(is_production("prod-eu"));
  CHECK_FALSE(is_production("dev"));
  CHECK_FALSE(is_production("product"));
  CHECK_FALSE(is_production("preprod"));
}

TEST_CASE("the median of an even count is the mean of the middle two") {
  CHECK_FALSE(median({}));
  CHECK(median({Duration{3}, Duration{1}, Duration{2}})->ms == 2);
  CHECK(median({Duration{4}, Duration{1}, Duration{2}, Duration{10}})->ms == 3);
}

TEST_CASE("the 2024 tiers read each figure against the table") {
  CHECK(frequency_tier(50) == Tier::Elite);
  CHECK(frequency_tier(0.5) == Tier::High);
  CHECK(frequency_tier(0.1) == Tier::Medium);
  CHECK(frequency_tier(0.01) == Tier::Low);
  CHECK(lead_time_tier(Duration::minutes(5)) == Tier::Elite);
  CHECK(lead_time_tier(Duration::hours(48)) == Tier::High);
  CHECK(lead_time_tier(Duration::hours(24 * 10)) == Tier::Medium);
  CHECK(lead_time_tier(Duration::hours(24 * 60)) == Tier::Low);
  CHECK(recovery_tier(Duration::minutes(5)) == Tier::Elite);
  CHECK(recovery_tier(Duration::hours(5)) == Tier::High);
  CHECK(recovery_tier(Duration::hours(24 * 8)) == Tier::Low);
}

TEST_CASE("the change fail rate gets the tier whose 2024 figure is nearest (medium 10 % sits below high 20 %)") {
  CHECK(fail_rate_tier(0.0) == Tier::Elite);
  CHECK(fail_rate_tier(0.05) == Tier::Elite);
  CHECK(fail_rate_tier(0.10) == Tier::Medium);
  CHECK(fail_rate_tier(0.20) == Tier::High);
  CHECK(fail_rate_tier(0.50) == Tier::Low);
}

TEST_CASE("figures over a period leave out earlier deployments, which still bound what a later one brought") {
  Linear h;
  h.order = {"aaa", "bbb"};
  h.own = {{"aaa", TimePoint{0}}, {"bbb", TimePoint{60 * kMin}}};
  Log log;
  log.commit(0, "aaa");
  log.synced(1 * kMin, "web", "aaa");  // the first rollout of everything at time 0
  log.refreshed(1 * kMin, "web", "aaa", "Synced", "Healthy");
  log.commit(60 * kMin, "bbb");
  log.synced(63 * kMin, "web", "bbb");
  log.refreshed(63 * kMin, "web", "bbb", "Synced", "Healthy");
  const auto whole = compute(log.events, kWeb, h.ancestry(), TimePoint{120 * kMin});
  const auto later = compute(log.events, kWeb, h.ancestry(), TimePoint{120 * kMin}, TimePoint{60 * kMin});
  REQUIRE(whole.apps.size() == 1);
  REQUIRE(later.apps.size() == 1);
  CHECK(whole.apps[0].deployments == 2);
  CHECK(later.apps[0].deployments == 1);
  CHECK(later.deployments.size() == 2);  // listed all the same
  CHECK(later.from.ms == 60 * kMin);
  // bbb brought only itself (aaa was deployed before the period): 3 minutes.
  REQUIRE(later.apps[0].median_lead_time);
  CHECK(later.apps[0].median_lead_time->ms == 3 * kMin);
  CHECK(later.apps[0].per_day == Approx(24.0));  // one in an hour
}
