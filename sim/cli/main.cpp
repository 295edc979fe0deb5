// gitops-sim: the command-line entry point. Subcommands grow with the issues.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

int main(int argc, char** argv) {
  CLI::App app{"gitops-sim: a deterministic GitOps training simulator"};
  app.set_version_flag("--version", "gitops-sim 0.1.0");
  CLI11_PARSE(app, argc, argv);
  fmt::print("gitops-sim 0.1.0\n");
  return 0;
}
