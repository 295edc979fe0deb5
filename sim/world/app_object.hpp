// An app as its Application object, as `argocd app get -o yaml` shows it
// (argoproj.io/v1alpha1; the fields of Argo CD's types.go that an app view
// holds): what an app check's `field: status.history[0].revision` reads.
// status.history is oldest first and status.conditions in the view's order,
// as in Argo CD. Times are RFC 3339 in UTC.
#pragma once

#include "sim/gitops/reconciler.hpp"
#include "sim/model/node.hpp"

namespace gs::world {

class World;

model::Node application_object(const gitops::AppView& app, const World& world);

}  // namespace gs::world
