// A diagram frame whose words measure fixed widths, for the Loop view's
// layout tests (loop_diagram_test.cpp, ci_loop_test.cpp).
#pragma once

#include <cstddef>

#include "sim/ui/view/loop_diagram.hpp"

namespace gs::ui::testing {

inline LoopMeasures loop_measures(float width, float height, std::size_t clusters) {
  LoopMeasures m;
  m.width = width;
  m.height = height;
  m.commit_w = 50, m.poll_w = 30, m.manifests_w = 70, m.apply_w = 40;
  m.git_title_w = 25, m.repo_title_w = 95, m.ctl_title_w = 110;
  m.ctl_steps_w = 120, m.repos_w = 90, m.cluster_names_w = 60;
  m.clusters = clusters;
  return m;
}

}  // namespace gs::ui::testing
