// A second kind of reconciler beside Argo CD's, registered and nothing else:
// the World runs it at its wake-ups and tells it of pushes and live changes,
// and app names, app views, the read model and scenario checks all see its
// apps, while Argo CD's printers keep to Argo CD's. A toy Flux-style
// Kustomization stands in for the controller a later issue adds.
#include <catch2/catch.hpp>

#include "../gitops/world_fixture.hpp"
#include "sim/scenario/predicates.hpp"
#include "sim/world/read_model.hpp"
#include "sim/world/reconcilers.hpp"

using namespace gs;
using namespace gs::testing;

namespace {

class ToyFlux final : public gitops::Reconciler {
 public:
  std::string_view kind() const override { return "flux"; }
  std::optional<TimePoint> next_wakeup() const override { return next_; }
  bool run_until(TimePoint now, const std::function<bool()>&) override {
    while (next_ <= now) {
      ++runs;
      next_ = next_ + Duration::minutes(1);
    }
    return true;
  }
  void on_push(const gitops::PushNotice& push, TimePoint) override { pushes.push_back(push.ref); }
  void on_live_change(const gitops::LiveChange&, TimePoint) override { ++live_changes; }
  std::vector<std::string> app_names() const override { return {"podinfo"}; }
  std::optional<gitops::AppView> app_view(const std::string& name, TimePoint) const override {
    if (name != "podinfo") return std::nullopt;
    gitops::AppView v;
    v.name = name;
    v.controller = "flux";
    v.kind = "Kustomization";
    v.cluster = "dev";
    v.sync = runs > 0 ? "Synced" : "Unknown";
    v.health = "Healthy";
    v.next_poll = next_;
    v.poll_interval = Duration::minutes(1);
    return v;
  }
  Result<gitops::AppDiff> app_diff(const std::string&, TimePoint) override { return gitops::AppDiff{}; }

  int runs = 0, live_changes = 0;
  std::vector<std::string> pushes;

 private:
  TimePoint next_{Duration::minutes(1).ms};
};

std::unique_ptr<world::World> world_with_toy_flux() {
  auto spec = base_spec();
  spec.repos[0].webhook = true;
  spec.applications = {application({.automated = "{prune: true, selfHeal: true}"})};
  // Registering it: one more factory in the list.
  std::vector<world::ReconcilerFactory> factories = world::reconciler_factories();
  factories.push_back([](world::ReconcilerEnv&) -> Result<std::unique_ptr<gitops::Reconciler>> {
    return std::unique_ptr<gitops::Reconciler>(std::make_unique<ToyFlux>());
  });
  auto w = world::World::create(spec, factories);
  if (!w) FAIL(w.error().render());
  return std::move(w.value());
}

}  // namespace

TEST_CASE("Reconcilers: a second kind is run at its wake-ups and told of pushes and live changes",
          "[world][reconcilers]") {
  auto w = world_with_toy_flux();
  const ToyFlux* flux = w->reconciler<ToyFlux>();
  REQUIRE(flux != nullptr);
  CHECK(flux->runs == 0);
  w->advance(at("3m"));
  CHECK(flux->runs == 3);  // at 1m, 2m and 3m
  CHECK(flux->live_changes > 0);  // Argo CD's sync created objects in dev
  run(*w, "git edit config@main apps/web/deployment.yaml spec.replicas=3 -m 'three'");
  w->advance(at("3m1s"));
  REQUIRE(flux->pushes.size() == 1);
  CHECK(flux->pushes[0] == "main");  // the Git host's webhook, as Argo CD's is told
  // Argo CD runs beside it as before.
  CHECK(status(*w).sync == gitops::SyncStatusCode::Synced);
}

TEST_CASE("Reconcilers: app names, views, the read model and checks see a second kind's apps but argocd's printers do not",
          "[world][reconcilers]") {
  auto w = world_with_toy_flux();
  CHECK(w->app_names() == std::vector<std::string>{"podinfo", "web"});
  w->advance(at("1m"));
  const auto v = w->app_view("podinfo");
  REQUIRE(v);
  CHECK(v->controller == "flux");
  CHECK(v->kind == "Kustomization");
  const auto model = world::ReadModel::of(*w);
  REQUIRE(model.app("podinfo") != nullptr);
  CHECK(model.app("podinfo")->view.sync == "Synced");
  CHECK(model.app("web")->view.controller == "argocd");

  scenario::Check c;
  c.app = "podinfo";
  c.sync = "Synced";
  c.health = "Healthy";
  CHECK(scenario::evaluate_check(c, *w).holds);
  c.sync = "OutOfSync";
  CHECK_FALSE(scenario::evaluate_check(c, *w).holds);

  auto list = w->apply_text("argocd app list");
  REQUIRE(list);
  CHECK(list->output.find("argocd/web") != std::string::npos);
  CHECK(list->output.find("podinfo") == std::string::npos);
}
