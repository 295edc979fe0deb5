// Break-fix's own faults (palette.hpp).
#include "sim/pair/palette.hpp"

#include "sim/world/world.hpp"

namespace gs::pair {

std::vector<FaultOption> default_palette(const world::World& w) {
  for (const auto& name : w.app_names()) {
    const auto v = w.app_view(name);
    if (!v || v->cluster.empty()) continue;
    for (const auto& r : v->resources) {
      if (r.key.kind != "Deployment" || !r.live) continue;
      const std::string where = " -n " + r.key.ns + " --cluster " + v->cluster;
      return {
          {"hand-scale", {"Someone scaled " + r.key.name + " by hand", "누군가 " + r.key.name + "을(를) 손으로 스케일함"},
           {{"kubectl scale deployment/" + r.key.name + " --replicas=5" + where, {}}}},
          {"deleted-resource", {"Someone deleted " + r.key.name, "누군가 " + r.key.name + "을(를) 지움"},
           {{"kubectl delete deployment/" + r.key.name + where, {}}}},
          {"cluster-outage", {"Cluster " + v->cluster + " is down", v->cluster + " 클러스터 장애"},
           {{"fault outage " + v->cluster + " 2m", {}}}},
      };
    }
  }
  return {};
}

}  // namespace gs::pair
