// bench_git: how many small commits per second an in-memory repository takes.
// A repo of ~50 files in a few directories; each commit rewrites one ~200-byte
// file. Benchmarks may read the wall clock; simulation code never does.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/git/repository.hpp"

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
  const gs::git::Signature author{"Bench Bot", "bench@example.com"};
  const std::int64_t t0 = 1767603600;

  auto created = gs::git::Repository::create("bench");
  if (!created) {
    fmt::print(stderr, "bench_git: {}\n", created.error().message);
    return 1;
  }
  gs::git::Repository& repo = *created;

  const char* dirs[] = {"apps/web", "apps/api", "apps/worker", "infra/base", "infra/overlays/prod"};
  std::vector<std::string> paths;
  std::map<std::string, std::optional<std::string>> initial;
  for (int d = 0; d < 5; ++d) {
    for (int f = 0; f < 10; ++f) {
      paths.push_back(fmt::format("{}/file-{}.yaml", dirs[d], f));
      initial[paths.back()] = std::string(200, 'x');
    }
  }
  if (auto c = repo.commit("main", initial, author, "initial", t0); !c) {
    fmt::print(stderr, "bench_git: {}\n", c.error().message);
    return 1;
  }

  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    std::string content = fmt::format("# change {:08}\n", i);
    content.resize(200, 'y');
    auto c = repo.commit("main", {{paths[static_cast<std::size_t>(i) % paths.size()], std::move(content)}}, author,
                         fmt::format("change {}", i), t0 + 1 + i);
    if (!c) {
      fmt::print(stderr, "bench_git: commit {}: {}\n", i, c.error().message);
      return 1;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double rate = n / secs;
  fmt::print("git: {} commits in {:.2f} s = {:.0f} commits/s (goal >= 5000)\n", n, secs, rate);
  return rate >= 5000 ? 0 : 2;
}
