// Renders a realistic overlay (base + overlay with namePrefix, labels, images,
// patches, configMapGenerator: the shop-prod fixture) N times in-process, and
// runs `kubectl kustomize` on the same overlay M times; prints the per-render
// means and their ratio. Wall-clock timing is fine here: this is a bench, not
// the simulation.
//
//   bench_render [FIXTURE_DIR] [N] [M]
#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/render/manifests.hpp"

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : GS_RENDER_BENCH_FIXTURE;
  const int n = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int m = argc > 3 ? std::atoi(argv[3]) : 10;
  using clock = std::chrono::steady_clock;

  gs::render::DiskTree tree(dir);
  std::size_t objects = 0;
  const auto t0 = clock::now();
  for (int i = 0; i < n; ++i) {
    auto r = gs::render::generate_manifests(tree, "overlay");
    if (!r.ok()) {
      fmt::print(stderr, "bench_render: {}\n", r.error().render());
      return 1;
    }
    objects = r->objects.size();
  }
  const double ours_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count() / n;

  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) {
    fmt::print("render: ours {:.3f} ms/render ({} objects), kubectl not found: kustomize comparison skipped\n",
               ours_ms, objects);
    return 0;
  }
  const std::string cmd = "kubectl kustomize '" + dir + "/overlay' >/dev/null 2>&1";
  const auto t1 = clock::now();
  for (int i = 0; i < m; ++i) {
    if (std::system(cmd.c_str()) != 0) {
      fmt::print(stderr, "bench_render: kubectl kustomize failed\n");
      return 1;
    }
  }
  const double kubectl_ms = std::chrono::duration<double, std::milli>(clock::now() - t1).count() / m;
  fmt::print("render: ours {:.3f} ms/render ({} objects, N={}), kubectl kustomize {:.1f} ms/render (M={}), "
             "ratio {:.0f}x (goal >= 50x)\n",
             ours_ms, objects, n, kubectl_ms, m, kubectl_ms / ours_ms);
  return 0;
}
