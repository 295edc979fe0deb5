// DORA metrics (peers-behaviour.md §6) computed from a world's event log, per
// app and environment: deployment frequency, change lead time, change fail
// rate and failed deployment recovery time, with the 2024 tiers (tiers.hpp).
// A pure function over plain inputs — the events, what is known of each app,
// and a Git ancestry callback — so every rule is unit-testable; from_world.hpp
// builds the inputs from a world::World.
//
// Definitions (DELIVERY.md):
// - A deployment of app A is the first successful apply of A at a new
//   revision: SyncSucceeded (Argo CD), ReconciliationSucceeded (Flux) or
//   PushDeployed with result Succeeded, whose revision differs from A's
//   previous deployed revision. A sync at the same revision (self-heal) is not.
// - A failed deployment: SyncFailed, ReconciliationFailed or PushDeployed
//   Failed at a revision A has not deployed (retries at it count once), or A
//   going Degraded after a deployment before it ever ran healthy (Degraded
//   later is an incident — a fault, drift — not a failed change).
// - Change lead time (Four Keys style): for each deployment, the commits it
//   brings that A's previous deployment did not have (git log PREV..REV --
//   TREE), from the earliest of them to the first moment after the deployment
//   at which A is Healthy at that revision.
// - Failed deployment recovery time: from the failure to the first moment A
//   is Healthy (and Synced, where the controller says) again.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/duration.hpp"
#include "sim/core/event.hpp"

namespace gs::metrics {

// What the event log does not say of an app.
struct AppFacts {
  std::string app;
  std::string env;   // its destination cluster's name
  std::string repo;  // the repository it follows ("" = unknown: no lead time)
  std::string tree;  // what of it is the app's: app_tree of its source path in production, else the path itself
};

// The app's tree: its source path without a trailing `overlays/<x>` or
// `envs/<x>`, so a change to the shared base counts for every environment.
// "apps/web/overlays/prod" -> "apps/web"; "overlays/dev" -> "" (the root).
std::string app_tree(std::string_view source_path);
// `prod` and `production` (any case) are production, and so is a name with
// either as its first or last dash-separated word (`pangyo-prod`, `prod-eu`).
bool is_production(std::string_view env);

// A commit a deployment brought, with its own time on the virtual clock
// (negative for history before time 0).
struct ChangeCommit {
  std::string sha;
  TimePoint time;
};
// `git log FROM..TO -- TREE` in the app's repository (from "" = all of TO's
// history); empty when not known.
using Ancestry = std::function<std::vector<ChangeCommit>(const AppFacts& app, const std::string& from,
                                                         const std::string& to)>;

enum class FailureKind { SyncFailed, ReconciliationFailed, PushFailed, Degraded };
std::string_view failure_kind_name(FailureKind k);  // the event's word: "SyncFailed", ..., "Degraded"

// One attempt to deploy a revision: a deployment when it applied, and
// possibly a failed one.
struct Deployment {
  std::string app, env, revision;
  std::string by;                        // the first event's type: SyncSucceeded, SyncFailed, PushDeployed ...
  TimePoint started;                     // its first event
  std::optional<TimePoint> deployed_at;  // nullopt: it never applied (a failed attempt)
  std::optional<TimePoint> healthy_at;   // first Healthy at this revision after deployed_at
  std::size_t commits = 0;               // commits it brought that touch the app's tree
  std::optional<TimePoint> earliest_commit;
  std::optional<Duration> lead_time;     // healthy_at - earliest_commit
  std::optional<FailureKind> failure;
  std::optional<TimePoint> failed_at, restored_at;

  std::optional<Duration> recovery_time() const {
    if (!failed_at || !restored_at) return std::nullopt;
    return *restored_at - *failed_at;
  }
};

enum class Tier { Elite, High, Medium, Low };

// The four figures for one app (or, with app "", one environment's total).
struct Figures {
  std::string app, env;
  bool production = false;
  std::size_t deployments = 0;  // applied
  std::size_t attempts = 0;     // applied or failed
  std::size_t failed = 0, restored = 0;
  double per_day = 0;           // deployments per virtual day over the window
  std::optional<Duration> median_between;    // time between deployments
  std::optional<Duration> median_lead_time;
  std::optional<double> fail_rate;           // failed / attempts, 0..1
  std::optional<Duration> median_recovery;
  std::optional<Tier> frequency_tier, lead_time_tier, fail_rate_tier, recovery_tier;
};

struct Report {
  TimePoint from, until;                // the observed virtual window
  std::vector<Deployment> deployments;  // by start time
  std::vector<Figures> apps;            // by app name
  std::vector<Figures> envs;            // by environment name
  Figures total;                        // every app in every environment (app and env "")
};

// Reads events at or before `until` (in log order); one pass over them plus
// one ancestry call per deployment. The figures cover the deployments
// started in [since, until] (DORA reads a period: a day's figures leave out
// the first rollout of everything at time 0); earlier ones still say what
// each later deployment brought. `deployments` lists them all.
Report compute(const std::vector<Event>& events, const std::vector<AppFacts>& apps, const Ancestry& ancestry,
               TimePoint until, TimePoint since = TimePoint{0});

// The median (the mean of the middle two for an even count); nullopt for none.
std::optional<Duration> median(std::vector<Duration> values);

}  // namespace gs::metrics
