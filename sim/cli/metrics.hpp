// `gitops-sim metrics FILE [--until T] [--since T] [--json|--csv] [--lang en|ko]`: runs
// a scenario headless and prints its DORA metrics (sim/metrics) per app and
// environment.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace gs::cli {

struct MetricsArgs {
  std::string file;
  std::string until;  // default: the scenario's clock.end
  std::string since;  // default: 0 (figures over every deployment)
  bool json = false, csv = false;
  std::string lang = "en";
};

CLI::App* add_metrics_command(CLI::App& app, MetricsArgs& args);
// Exit 0; 2 for a bad flag or a scenario that does not load (nothing printed on stdout).
int cmd_metrics(const MetricsArgs& args);

}  // namespace gs::cli
