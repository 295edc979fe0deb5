// A basic StatefulSet controller (pkg/controller/statefulset): pods
// <name>-0..N-1 created in order, each after the previous is Ready
// (OrderedReady); scale-down and rolling updates from the highest ordinal,
// one pod at a time; revisions as <name>-<template hash>.
#pragma once

#include <map>
#include <string>

#include "sim/cluster/controllers/controller_util.hpp"
#include "sim/cluster/controllers/scheduler.hpp"
#include "sim/cluster/rng_streams.hpp"
#include "sim/cluster/store.hpp"

namespace gs::cluster::detail {

class StatefulSetController {
 public:
  StatefulSetController(Store store, Scheduler& scheduler, Rng rng)
      : store_(store), scheduler_(&scheduler), names_(rng) {}
  void reconcile(const ObjectKey& key, TimePoint now);

 private:
  struct Run;  // one sync's working state (statefulset_controller.cpp)
  bool create_next(Run& run);
  void scale_down_or_roll(Run& run);
  void write_status(Run& run);

  Store store_;
  Scheduler* scheduler_;
  RngStreams names_;  // "pod-names/<statefulset>" (fixed names draw nothing)
  RetryBackoff retry_;
};

}  // namespace gs::cluster::detail
