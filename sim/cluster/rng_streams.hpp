// Named random streams forked from one generator. A name always gives the
// same numbers, whoever holds the map, so each part of a cluster keeps its
// own streams (the kubelet its "kubelet/<pod>", the API server its
// "service-ip/<svc>") and adding a draw in one never moves another's.
#pragma once

#include <map>
#include <string>

#include "sim/core/rng.hpp"

namespace gs::cluster::detail {

class RngStreams {
 public:
  explicit RngStreams(Rng root) : root_(root) {}
  Rng& operator()(const std::string& name) {
    auto it = streams_.find(name);
    if (it == streams_.end()) it = streams_.emplace(name, root_.fork(name)).first;
    return it->second;
  }

 private:
  Rng root_;
  std::map<std::string, Rng> streams_;
};

}  // namespace gs::cluster::detail
