// Every fixture under tests/data/render/kustomize/: our render equals the
// stored `kubectl kustomize` output, and, when kubectl is installed, the live
// output of `kubectl kustomize` on the same overlay.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "compare.hpp"
#include "sim/render/manifests.hpp"

namespace fs = std::filesystem;
using gs::render::DiskTree;
using gs::render::generate_manifests;
using gs::render::SourceType;
namespace t = gs::render::test;

namespace {

const std::string kRoot = std::string(GS_TEST_DATA_DIR) + "/render/kustomize";

// Case directories with an overlay/ and a golden (or an expected error).
std::vector<std::string> cases(bool errors) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kRoot)) {
    if (!e.is_directory() || !fs::is_directory(e.path() / "overlay")) continue;
    const bool is_error = fs::exists(e.path() / "expected-error.txt");
    if (is_error == errors) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("Kustomize: there are at least 14 golden fixtures") {
  CHECK(cases(false).size() >= 14);
}

TEST_CASE("Kustomize: render equals the kubectl kustomize golden file") {
  const std::string name = GENERATE(from_range(cases(false)));
  CAPTURE(name);
  DiskTree tree(kRoot + "/" + name);
  auto m = generate_manifests(tree, "overlay");
  INFO((m.ok() ? std::string() : m.error().render()));
  REQUIRE(m.ok());
  CHECK(m->type == SourceType::Kustomize);
  const auto expected = t::load_stream(t::read_text(kRoot + "/" + name + "/expected.yaml"), name + "/expected.yaml");
  REQUIRE_FALSE(expected.empty());
  const std::string report = t::compare_manifests(m->objects, expected);
  INFO(report);
  CHECK(report.empty());
}

TEST_CASE("Kustomize: render equals live kubectl kustomize") {
  if (!t::have_kubectl()) {
    WARN("kubectl not found: live kustomize comparison SKIPPED");
    SUCCEED("kubectl not found: live kustomize comparison SKIPPED");
    return;
  }
  const std::string name = GENERATE(from_range(cases(false)));
  CAPTURE(name);
  const auto live = t::kubectl_kustomize(kRoot + "/" + name + "/overlay");
  REQUIRE(live.has_value());
  DiskTree tree(kRoot + "/" + name);
  auto m = generate_manifests(tree, "overlay");
  INFO((m.ok() ? std::string() : m.error().render()));
  REQUIRE(m.ok());
  const std::string report = t::compare_manifests(m->objects, t::load_stream(*live, "kubectl kustomize " + name));
  INFO(report);
  CHECK(report.empty());
}

TEST_CASE("Kustomize: a fixture with an unsupported field gives the positioned error") {
  const std::string name = GENERATE(from_range(cases(true)));
  CAPTURE(name);
  DiskTree tree(kRoot + "/" + name);
  auto m = generate_manifests(tree, "overlay");
  REQUIRE_FALSE(m.ok());
  std::string want = t::read_text(kRoot + "/" + name + "/expected-error.txt");
  while (!want.empty() && want.back() == '\n') want.pop_back();
  CHECK(m.error().render() == want);
}
