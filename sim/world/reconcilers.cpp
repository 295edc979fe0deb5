#include "sim/world/reconcilers.hpp"

#include "sim/ci/ci_system.hpp"
#include "sim/flux/controller.hpp"

namespace gs::world {
namespace {

// Argo CD: always present (an App of Apps may add apps later), with the
// scenario's Applications and AppProjects.
Result<std::unique_ptr<gitops::Reconciler>> make_argocd(ReconcilerEnv& env) {
  const WorldSpec& spec = env.spec;
  gitops::ControllerSettings cs;
  cs.reconciliation_timeout = spec.settings.reconciliation_timeout;
  cs.reconciliation_jitter = spec.settings.reconciliation_jitter;
  cs.self_heal_timeout = spec.settings.self_heal_timeout;
  cs.watch_delay = spec.settings.watch_delay;
  cs.apply_latency = spec.settings.apply_latency;
  cs.self_heal_backoff = spec.settings.profile == "argocd-3";
  cs.annotation_tracking = spec.settings.profile == "argocd-3";
  cs.clock_start_epoch_s = spec.clock_start_epoch_s;
  cs.operation_processors = spec.settings.operation_processors;
  cs.status_processors = spec.settings.status_processors;
  auto ctl = std::make_unique<gitops::AppController>(cs, env.repo_server, env.clusters, env.log, env.rng.fork("gitops"));
  ctl->set_commit_event_lookup(env.commit_event);
  for (const auto& p : spec.projects) {
    auto proj = gitops::parse_app_project(p, spec.file);
    if (!proj) return proj.error();
    (void)ctl->add_project(std::move(proj.value()));
  }
  for (const auto& a : spec.applications) {
    auto app = gitops::parse_application(a, spec.file);
    if (!app) return app.error();
    if (auto st = ctl->add_application(std::move(app.value()), TimePoint{0}, 0); !st) {
      return Error(st.error().message, SourcePos{spec.file, a.mark.line, a.mark.col});
    }
  }
  return std::unique_ptr<gitops::Reconciler>(std::move(ctl));
}

// ci: builds, image automation and push pipelines. Always present (`ci
// build` works without a `ci:` section); with no automations and no rollout
// in progress it never wakes.
Result<std::unique_ptr<gitops::Reconciler>> make_ci(ReconcilerEnv& env) {
  std::map<std::string, std::string> urls;
  for (const auto& r : env.spec.repos) urls[r.name] = r.url;
  auto clusters = env.clusters;
  auto commit = env.commit;
  ci::CiEnv ce{env.spec.ci,
               std::move(urls),
               env.registry,
               env.repo_server,
               env.repository,
               [clusters](std::string_view name) {
                 return clusters(gitops::ApplicationDestination{"", std::string(name), ""});
               },
               [commit](const ci::CommitRequest& c) {
                 return commit(c.repo, c.branch, c.files, c.message, c.author, c.cause);
               },
               env.log};
  return std::unique_ptr<gitops::Reconciler>(std::make_unique<ci::CiSystem>(std::move(ce)));
}

// Flux: only where the scenario's `flux:` section installs it.
Result<std::unique_ptr<gitops::Reconciler>> make_flux(ReconcilerEnv& env) {
  const WorldSpec& spec = env.spec;
  if (spec.flux.empty()) return std::unique_ptr<gitops::Reconciler>();
  std::vector<std::string> urls;
  for (const auto& r : spec.repos) urls.push_back(r.url);
  std::vector<flux::FluxInstall> installs;
  for (const auto& f : spec.flux) {
    std::vector<flux::Problem> problems;
    auto objs = flux::parse_flux_objects(f.objects, urls, problems);
    if (!problems.empty()) {
      return Error(problems.front().message, SourcePos{spec.file, problems.front().at.line, problems.front().at.col});
    }
    installs.push_back({f.cluster, std::move(objs)});
  }
  return std::unique_ptr<gitops::Reconciler>(std::make_unique<flux::FluxController>(
      std::move(installs), env.repo_server, env.clusters, env.log, env.commit_event));
}

}  // namespace

const std::vector<ReconcilerFactory>& reconciler_factories() {
  static const std::vector<ReconcilerFactory> factories = {make_argocd, make_ci, make_flux};
  return factories;
}

}  // namespace gs::world
